// The API's answer cache (src/serve/answer_cache.h) and the change feed it trusts
// (src/serve/change_feed.h), on a real PostgreSQL: an answer is reused until a write to the
// warehouse commits, never while the feed is not listening or cannot hear itself; concurrent
// requests for one question compute it once; errors are not kept; the size bound evicts the least
// recently used; after a change the recent questions are recomputed before anyone asks. Then the
// same over HTTP with `view360 serve`'s server: the X-View360-Cache header, a change made with SQL
// seen by the API, and the cache's series in /metrics.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "serve/answer_cache.h"
#include "serve/change_feed.h"
#include "serve/server.h"
#include "support/test_cluster.h"
#include "warehouse/migrations.h"

namespace view360::serve {
namespace {

using namespace std::chrono_literals;
using testing::Connect;
using Outcome = AnswerCache::Outcome;

// Polls until done() or 10 s.
bool Eventually(const std::function<bool()>& done) {
  for (auto deadline = std::chrono::steady_clock::now() + 10s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(10ms)) {
    if (done()) return true;
  }
  return done();
}

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = testing::FreshDatabase();
    sql_ = std::make_unique<warehouse::Connection>(Connect(conninfo_));
    auto report = warehouse::Migrate(*sql_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    feed_ = std::make_unique<ChangeFeed>(
        [conninfo = conninfo_] { return warehouse::Connection::Open(conninfo); });
  }

  // A cache over a computation that counts its calls and answers "<path> #<call>".
  void MakeCache(AnswerCache::Options options = {}) {
    cache_ = std::make_unique<AnswerCache>(
        [this](const std::string& path, const QueryParams&) {
          std::this_thread::sleep_for(compute_time_);
          if (throw_) throw std::runtime_error("boom");
          const int call = ++calls_;
          return ApiResponse{status_, path + " #" + std::to_string(call) + padding_};
        },
        *feed_, options);
    feed_->SetListener([this](uint64_t generation) { cache_->Changed(generation); });
    feed_->Start();
    ASSERT_TRUE(feed_->WaitUntilLive(10s));
  }

  void Run(const std::string& sql) {
    auto status = sql_->Execute(sql);
    ASSERT_TRUE(status.ok()) << sql << "\n" << status.ToString();
  }

  // A committed write, and the feed's news of it.
  void ChangeData() {
    const uint64_t before = feed_->state().generation;
    Run("UPDATE accounts SET account_name = account_name WHERE false");
    ASSERT_TRUE(Eventually([&] { return feed_->state().generation > before; }));
  }

  std::pair<std::string, Outcome> Ask(const std::string& path, const QueryParams& params = {}) {
    Outcome outcome = Outcome::kOff;
    ApiResponse answer = cache_->Get(path, params, &outcome);
    return {answer.body, outcome};
  }

  void TearDown() override {
    if (feed_) feed_->Stop();  // Before the cache: the feed's listener calls it.
    cache_.reset();
  }

  std::string conninfo_;
  std::unique_ptr<warehouse::Connection> sql_;
  std::unique_ptr<ChangeFeed> feed_;
  std::unique_ptr<AnswerCache> cache_;
  std::atomic<int> calls_{0};
  std::chrono::milliseconds compute_time_{0};
  int status_ = 200;
  std::atomic<bool> throw_{false};
  std::string padding_;
};

TEST_F(CacheTest, AnAnswerIsReusedUntilAWriteCommits) {
  MakeCache();
  EXPECT_EQ(Ask("/a"), std::make_pair(std::string("/a #1"), Outcome::kMiss));
  EXPECT_EQ(Ask("/a"), std::make_pair(std::string("/a #1"), Outcome::kHit));
  EXPECT_EQ(Ask("/a", {{"x", "1"}}).second, Outcome::kMiss) << "other parameters";
  EXPECT_EQ(Ask("/a", {{"x", "1"}}).second, Outcome::kHit);
  // Parameters are length-prefixed: no value can pass for another question.
  EXPECT_EQ(Ask("/a", {{"x", "12:"}}).second, Outcome::kMiss);
  EXPECT_EQ(Ask("/a", {{"x", "1"}, {"y", ""}}).second, Outcome::kMiss);

  Run("BEGIN; UPDATE accounts SET account_name = 'x' WHERE false; ROLLBACK");
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(Ask("/a").second, Outcome::kHit) << "a rolled-back write changes nothing";

  ChangeData();
  EXPECT_EQ(Ask("/a"), std::make_pair(std::string("/a #5"), Outcome::kMiss));
  EXPECT_EQ(Ask("/a"), std::make_pair(std::string("/a #5"), Outcome::kHit));
  const AnswerCache::Stats stats = cache_->stats();
  EXPECT_EQ(stats.hits, 4u);
  EXPECT_EQ(stats.misses, 5u);
}

TEST_F(CacheTest, ConcurrentRequestsForOneQuestionComputeItOnce) {
  compute_time_ = 300ms;
  MakeCache();
  std::vector<std::thread> threads;
  std::vector<std::pair<std::string, Outcome>> answers(8);
  for (size_t i = 0; i < answers.size(); ++i) {
    threads.emplace_back([&, i] { answers[i] = Ask("/slow"); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(calls_, 1);
  int misses = 0;
  for (const auto& [body, outcome] : answers) {
    EXPECT_EQ(body, "/slow #1");
    misses += outcome == Outcome::kMiss;
  }
  EXPECT_EQ(misses, 1);
}

TEST_F(CacheTest, ErrorsAreNotKept) {
  MakeCache();
  status_ = 503;
  EXPECT_EQ(Ask("/a").second, Outcome::kMiss);
  // A computation that throws is a 500 for the request and for those waiting on it.
  throw_ = true;
  compute_time_ = 200ms;
  std::vector<std::thread> threads;
  std::vector<int> statuses(3);
  for (size_t i = 0; i < statuses.size(); ++i) {
    threads.emplace_back([&, i] { statuses[i] = cache_->Get("/a", {}).status; });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(statuses, std::vector<int>(3, 500));
  throw_ = false;
  compute_time_ = 0ms;
  status_ = 200;
  EXPECT_EQ(Ask("/a"), std::make_pair(std::string("/a #2"), Outcome::kMiss));
  EXPECT_EQ(Ask("/a").second, Outcome::kHit);
}

TEST_F(CacheTest, TheLeastRecentlyUsedAnswersGoFirstWithinTheSize) {
  padding_ = std::string(900, '.');  // Four answers fit in 4,000 bytes, not five.
  AnswerCache::Options options;
  options.max_bytes = 4000;
  MakeCache(options);
  for (const char* path : {"/a", "/b", "/c", "/d"}) EXPECT_EQ(Ask(path).second, Outcome::kMiss);
  EXPECT_EQ(Ask("/a").second, Outcome::kHit);  // Now /b is the least recently used.
  EXPECT_EQ(Ask("/e").second, Outcome::kMiss);
  EXPECT_EQ(cache_->stats().evictions, 1u);
  EXPECT_LE(cache_->stats().bytes, 4000u);
  EXPECT_EQ(Ask("/a").second, Outcome::kHit);
  EXPECT_EQ(Ask("/b").second, Outcome::kMiss);
  padding_ = std::string(1000, '.');  // More than a quarter of the size: computed, not kept.
  EXPECT_EQ(Ask("/big").second, Outcome::kMiss);
  EXPECT_EQ(Ask("/big").second, Outcome::kMiss);
}

TEST_F(CacheTest, NothingIsReusedWhileTheFeedIsNotListening) {
  MakeCache();
  EXPECT_EQ(Ask("/a").second, Outcome::kMiss);
  const uint64_t before = feed_->state().generation;
  // The feed's connection dies (the server ends it). Changes made until it listens again could
  // go unheard: the answer from before must not come back.
  Run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_TRUE(Eventually([&] {
    const auto state = feed_->state();
    return !state.live || state.generation > before;
  }));
  Run("UPDATE accounts SET account_name = account_name WHERE false");
  const auto [body, outcome] = Ask("/a");  // Off, or computed anew once listening again.
  EXPECT_NE(outcome, Outcome::kHit);
  EXPECT_NE(body, "/a #1");
  ASSERT_TRUE(feed_->WaitUntilLive(10s)) << "the feed connects again";
  EXPECT_GT(feed_->state().generation, before);
  ChangeData();
  EXPECT_EQ(Ask("/a").second, Outcome::kMiss) << "kept again";
  EXPECT_EQ(Ask("/a").second, Outcome::kHit);

  feed_->Stop();  // Not listening at all: every answer is computed.
  const int calls = calls_;
  EXPECT_EQ(Ask("/a").second, Outcome::kOff);
  EXPECT_EQ(Ask("/a").second, Outcome::kOff);
  EXPECT_EQ(calls_, calls + 2);
}

TEST_F(CacheTest, AFeedThatDoesNotHearItsOwnNotificationNeverListens) {
  // What a transaction-pooling proxy does: the NOTIFY goes out on another server session than
  // the LISTEN. Here it goes to another database, where nobody listens.
  const std::string elsewhere = testing::FreshDatabase();
  std::atomic<int> opened{0};
  ChangeFeed feed(
      [&] { return warehouse::Connection::Open(opened++ % 2 == 0 ? conninfo_ : elsewhere); });
  feed.Start();
  EXPECT_FALSE(feed.WaitUntilLive(ChangeFeed::kDelivery + 2s));
  EXPECT_FALSE(feed.state().live);
  feed.Stop();
}

TEST_F(CacheTest, AfterAChangeTheRecentQuestionsAreRecomputedBeforeAnyoneAsks) {
  AnswerCache::Options options;
  options.refresh = 2;
  options.quiet = 200ms;
  MakeCache(options);
  for (const char* path : {"/old", "/b", "/c"}) EXPECT_EQ(Ask(path).second, Outcome::kMiss);
  EXPECT_EQ(calls_, 3);
  ChangeData();
  ASSERT_TRUE(Eventually([&] { return cache_->stats().refreshed == 2; }));
  EXPECT_EQ(calls_, 5);
  EXPECT_EQ(Ask("/c"), std::make_pair(std::string("/c #4"), Outcome::kHit));
  EXPECT_EQ(Ask("/b").second, Outcome::kHit);
  EXPECT_EQ(Ask("/old").second, Outcome::kMiss) << "only the two most recent";
  EXPECT_EQ(cache_->stats().entries, 3u);
}

// ---------------------------------------------------------------------------------------------
// Over HTTP

struct Reply {
  std::string body, cache;
};

Reply Get(int port, const std::string& target) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get(target);
  if (!res) {
    ADD_FAILURE() << target << ": " << httplib::to_string(res.error());
    return {};
  }
  EXPECT_EQ(res->status, 200) << target << ": " << res->body;
  return {res->body, res->get_header_value("X-View360-Cache")};
}

class ServedCacheTest : public CacheTest {
 protected:
  void StartServer(size_t cache_mb) {
    Run(R"(
      INSERT INTO accounts (account_id, account_name, account_email, account_status, account_arn,
                            joined_method, joined_timestamp, region)
      VALUES ('111111111111', 'before', 'a@example.com', 'ACTIVE',
              'arn:aws:organizations::1:account/1', 'CREATED', '2024-01-01', 'Global'))");
    ServeOptions options;
    options.port = 0;
    options.cache_mb = cache_mb;
    server_ = std::make_unique<DashboardServer>(
        [conninfo = conninfo_] { return warehouse::Connection::Open(conninfo); }, options);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    server_.reset();
    CacheTest::TearDown();
  }
  std::unique_ptr<DashboardServer> server_;
};

TEST_F(ServedCacheTest, TheApiSeesAChangeMadeWithSqlAndSaysWhatTheCacheDid) {
  StartServer(64);
  const int port = server_->port();
  // Until the server's feed listens, answers are computed ("off"); then kept.
  ASSERT_TRUE(Eventually([&] { return Get(port, "/api/v1/accounts").cache == "miss"; }));
  const Reply first = Get(port, "/api/v1/accounts");
  EXPECT_EQ(first.cache, "hit");
  EXPECT_NE(first.body.find("\"before\""), std::string::npos) << first.body;

  Run("UPDATE accounts SET account_name = 'after'");
  ASSERT_TRUE(Eventually([&] {
    return Get(port, "/api/v1/accounts").body.find("\"after\"") != std::string::npos;
  })) << "the API kept answering from before the change";
  EXPECT_EQ(Get(port, "/api/v1/accounts").cache, "hit");

  httplib::Client client("127.0.0.1", port);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  for (const char* series : {"view360_api_cache_requests_total{outcome=\"hit\"} ",
                             "view360_api_cache_requests_total{outcome=\"miss\"} ",
                             "view360_api_cache_entries ", "view360_api_cache_bytes "}) {
    EXPECT_NE(metrics->body.find(series), std::string::npos) << series;
  }
  EXPECT_EQ(metrics->body.find("view360_api_cache_requests_total{outcome=\"hit\"} 0\n"),
            std::string::npos);
}

TEST_F(ServedCacheTest, CacheSizeZeroComputesEveryAnswer) {
  StartServer(0);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Get(server_->port(), "/api/v1/accounts").cache, "off");
}

}  // namespace
}  // namespace view360::serve
