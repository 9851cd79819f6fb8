// The receiver when things happen at once or go wrong mid-way: two receiver processes on one
// folder, a receiver killed with SIGKILL mid-batch, a connection lost just before COMMIT, a
// second receiver started while the first holds a folder. Each must end with every document
// loaded exactly once and the same tables as one calm run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "ingest/receiver.h"
#include "receiver_fixture.h"
#include "store/object_store.h"

namespace view360::ingest::testing {
namespace {

// The tables one uninterrupted `view360 ingest` makes of the documents of WriteDocuments.
TableDump CalmRun(int accounts, int days) {
  const std::string root = MakeTempDir("calm");
  const std::vector<std::string> keys = WriteDocuments(root, accounts, days);
  const std::string conninfo = FreshWarehouse();
  const IngestRun run = RunIngestBinary(conninfo, {"--from", root});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.summary["loaded"], keys.size()) << run.output;
  return DumpTables(conninfo);
}

std::vector<std::string> MovedAll(const std::vector<std::string>& keys, const std::string& folder) {
  std::vector<std::string> moved;
  for (const auto& key : keys) moved.push_back(Moved(key, folder));
  std::sort(moved.begin(), moved.end());
  return moved;
}

TEST(ReceiverConcurrencyTest, TwoReceiversOnOneFolderLoadEachDocumentOnce) {
  constexpr int kAccounts = 12, kDays = 5;
  const std::string root = MakeTempDir("two-receivers");
  const std::vector<std::string> keys = WriteDocuments(root, kAccounts, kDays);
  const std::string conninfo = FreshWarehouse();
  const std::string out = MakeTempDir("two-receivers-output");
  const std::vector<std::string> args = {"--from", root, "--jobs", "3"};
  const pid_t a = StartIngestBinary(conninfo, args, out + "/a.txt");
  const pid_t b = StartIngestBinary(conninfo, args, out + "/b.txt");
  const IngestRun run_a = WaitIngestBinary(a, out + "/a.txt");
  const IngestRun run_b = WaitIngestBinary(b, out + "/b.txt");
  ASSERT_EQ(run_a.exit_code, 0) << run_a.output;
  ASSERT_EQ(run_b.exit_code, 0) << run_b.output;
  EXPECT_EQ(run_a.summary["loaded"].get<int>() + run_b.summary["loaded"].get<int>(), keys.size())
      << run_a.output << run_b.output;
  EXPECT_EQ(run_a.summary["failed"], 0);
  EXPECT_EQ(run_b.summary["failed"], 0);
  EXPECT_TRUE(FilesUnder(root, "data").empty());
  EXPECT_EQ(FilesUnder(root, "loaded"), MovedAll(keys, "loaded"));
  const auto ledger = ReadLedger(conninfo);
  EXPECT_EQ(ledger.size(), keys.size());
  ExpectLoadedOnce(ledger, keys);
  ExpectSameTables(DumpTables(conninfo), CalmRun(kAccounts, kDays));
}

TEST(ReceiverConcurrencyTest, AReceiverKilledMidBatchAndRunAgainGivesTheTablesOfACalmRun) {
  constexpr int kAccounts = 40, kDays = 5;
  const std::string root = MakeTempDir("killed");
  const std::vector<std::string> keys = WriteDocuments(root, kAccounts, kDays);
  const std::string conninfo = FreshWarehouse();
  const std::string out = MakeTempDir("killed-output") + "/killed.txt";
  // Small batches on two connections: many commits, so that the kill lands between some.
  const pid_t child =
      StartIngestBinary(conninfo, {"--from", root, "--jobs", "2", "--batch", "2"}, out);
  auto watcher = Connect(conninfo);
  int64_t loaded_at_kill = 0;
  const bool some_loaded = PollUntil([&] {
    auto count =
        watcher.QueryValue("SELECT count(*) FROM view360.ingest_ledger WHERE status = 'loaded'");
    loaded_at_kill = count.ok() && *count ? std::stoll(**count) : 0;
    return loaded_at_kill >= 10;
  });
  kill(child, SIGKILL);
  const IngestRun killed = WaitIngestBinary(child, out);
  ASSERT_TRUE(some_loaded) << killed.output;
  EXPECT_EQ(killed.exit_code, 128 + SIGKILL) << "finished before the kill: " << killed.output;
  const size_t left = FilesUnder(root, "data").size();
  ASSERT_GT(left, 0u) << "nothing left to load after the kill";
  // The server ends the dead receiver's sessions (and frees their locks) when it notices; until
  // then a new receiver would leave their folders for a later run.
  EXPECT_TRUE(PollUntil([&] {
    auto sessions = watcher.QueryValue(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'view360-ingest'");
    return sessions.ok() && *sessions && **sessions == "0";
  }));

  // Those committed but not yet moved are only moved.
  const IngestRun again = RunIngestBinary(conninfo, {"--from", root});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(again.summary["documents"], left);
  EXPECT_EQ(again.summary["failed"], 0) << again.output;
  EXPECT_EQ(again.summary["loaded"].get<size_t>() + again.summary["already_loaded"].get<size_t>(),
            left)
      << again.output;
  EXPECT_TRUE(FilesUnder(root, "data").empty());
  EXPECT_EQ(FilesUnder(root, "loaded"), MovedAll(keys, "loaded"));
  const auto ledger = ReadLedger(conninfo);
  EXPECT_EQ(ledger.size(), keys.size());
  ExpectLoadedOnce(ledger, keys);
  ExpectSameTables(DumpTables(conninfo), CalmRun(kAccounts, kDays));
}

TEST(ReceiverConcurrencyTest, AConnectionLostBeforeCommitIsRetriedOnANewOne) {
  constexpr int kAccounts = 3, kDays = 2;
  const std::string root = MakeTempDir("lost-connection");
  const std::vector<std::string> keys = WriteDocuments(root, kAccounts, kDays);
  const std::string conninfo = FreshWarehouse();
  auto store = store::OpenStore(root, store::StoreOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();

  warehouse::WarehouseTarget target;
  target.conninfo = conninfo;
  IngestOptions options;
  options.store = store->get();
  options.connect = [target] { return warehouse::OpenWarehouse(target, /*migrate=*/false); };
  options.jobs = 1;
  std::atomic<int> commits{0};
  std::string killed_pid;
  // The first transaction loses its connection right before COMMIT: its backend is terminated
  // from another connection.
  options.before_commit = [&](warehouse::Connection& conn) {
    if (commits++ > 0) return;
    auto pid = conn.QueryValue("SELECT pg_backend_pid()::text");
    ASSERT_TRUE(pid.ok() && *pid) << pid.status().ToString();
    killed_pid = **pid;
    auto admin = Connect(conninfo);
    auto terminated = admin.QueryValue("SELECT pg_terminate_backend($1::int, 10000)", {**pid});
    ASSERT_TRUE(terminated.ok()) << terminated.status().ToString();
    EXPECT_EQ(**terminated, "t");
  };
  auto summary = RunIngest(options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_FALSE(killed_pid.empty());
  EXPECT_EQ(commits.load(), 2) << "one batch (of 16) for the three folders, tried twice";
  EXPECT_EQ(summary->loaded, static_cast<int64_t>(keys.size()));
  EXPECT_EQ(summary->failed, 0);
  EXPECT_TRUE(summary->warnings.empty());
  EXPECT_TRUE(FilesUnder(root, "data").empty());
  EXPECT_EQ(FilesUnder(root, "loaded"), MovedAll(keys, "loaded"));
  ExpectLoadedOnce(ReadLedger(conninfo), keys);
  ExpectSameTables(DumpTables(conninfo), CalmRun(kAccounts, kDays));
}

// In-process options for a receiver of the documents under root.
IngestOptions InProcess(store::ObjectStore* store, const std::string& conninfo) {
  warehouse::WarehouseTarget target;
  target.conninfo = conninfo;
  IngestOptions options;
  options.store = store;
  options.connect = [target] { return warehouse::OpenWarehouse(target, /*migrate=*/false); };
  return options;
}

// Two receivers of one store: A loads one document per transaction, and while A holds its first
// transaction open (the first folder's oldest document) B runs with b_batch documents a batch.
struct HeldRun {
  Result<IngestSummary> a = InternalError("A did not run");
  Result<IngestSummary> b = InternalError("B did not run");
  bool b_finished_while_a_held = false;  // B did not wait for A's commit (10 s).
};

HeldRun RunBWhileAHoldsItsFirstCommit(store::ObjectStore* store, const std::string& conninfo,
                                      int b_batch) {
  HeldRun run;
  IngestOptions b = InProcess(store, conninfo);
  b.jobs = 1;
  b.batch_documents = b_batch;
  IngestOptions a = InProcess(store, conninfo);
  a.jobs = 1;
  a.batch_documents = 1;
  std::future<void> b_run;
  std::atomic<int> commits{0};
  a.before_commit = [&](warehouse::Connection&) {
    if (commits++ > 0) return;
    b_run = std::async(std::launch::async, [&] { run.b = RunIngest(b); });
    run.b_finished_while_a_held =
        b_run.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  };
  run.a = RunIngest(a);
  if (b_run.valid()) b_run.wait();
  return run;
}

TEST(ReceiverConcurrencyTest, ASecondReceiverLeavesAFolderTheFirstIsLoadingToIt) {
  constexpr int kAccounts = 1, kDays = 3;
  const std::string root = MakeTempDir("folder-lock");
  const std::vector<std::string> keys = WriteDocuments(root, kAccounts, kDays);
  const std::string conninfo = FreshWarehouse();
  auto store = store::OpenStore(root, store::StoreOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();

  // B must leave the whole folder to A, or its newer documents could commit first; had it
  // claimed one, it would wait for A's uncommitted rows of the same account.
  const HeldRun run = RunBWhileAHoldsItsFirstCommit(store->get(), conninfo, /*b_batch=*/64);
  ASSERT_TRUE(run.a.ok()) << run.a.status().ToString();
  ASSERT_TRUE(run.b.ok()) << run.b.status().ToString();
  EXPECT_TRUE(run.b_finished_while_a_held) << "B waited for A's rows: it was loading A's folder";
  EXPECT_EQ(run.a->loaded, kDays);
  EXPECT_EQ(run.b->loaded, 0);
  EXPECT_EQ(run.b->claimed_elsewhere, kDays);
  EXPECT_TRUE(FilesUnder(root, "data").empty());
  ExpectLoadedOnce(ReadLedger(conninfo), keys);
  ExpectSameTables(DumpTables(conninfo), CalmRun(kAccounts, kDays));
}

TEST(ReceiverConcurrencyTest, ABatchAcrossFoldersLeavesOnlyTheLockedFolderToTheOtherReceiver) {
  constexpr int kAccounts = 2, kDays = 2;
  const std::string root = MakeTempDir("folder-lock-span");
  const std::vector<std::string> keys = WriteDocuments(root, kAccounts, kDays);
  const std::string conninfo = FreshWarehouse();
  auto store = store::OpenStore(root, store::StoreOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();

  // B runs one batch of both folders: it leaves the first folder to A and loads the second.
  // (B may then wait for A's commit: both accounts' documents name the same products, whose
  // lock A holds.)
  const HeldRun run = RunBWhileAHoldsItsFirstCommit(store->get(), conninfo, 2 * kDays);
  ASSERT_TRUE(run.a.ok()) << run.a.status().ToString();
  ASSERT_TRUE(run.b.ok()) << run.b.status().ToString();
  EXPECT_EQ(run.b->loaded, kDays);
  EXPECT_EQ(run.b->claimed_elsewhere, kDays);
  EXPECT_EQ(run.a->loaded, kDays);
  EXPECT_TRUE(FilesUnder(root, "data").empty());
  ExpectLoadedOnce(ReadLedger(conninfo), keys);
  ExpectSameTables(DumpTables(conninfo), CalmRun(kAccounts, kDays));
}

}  // namespace
}  // namespace view360::ingest::testing
