// Helpers for the receiver's robustness tests (receiver_test.cpp,
// receiver_concurrency_test.cpp): documents made from one real sender document, the `view360`
// binary run as a child process, and the warehouse's tables dumped in a form two databases can
// be compared by. Header-only: each *_test.cpp under tests/ingest/ is its own binary.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/process.h"
#include "ingest/tables.h"
#include "support/spawn.h"
#include "support/temp_files.h"
#include "support/test_cluster.h"
#include "warehouse/connection.h"
#include "warehouse/warehouse.h"

namespace view360::ingest::testing {

using view360::testing::Connect;
using view360::testing::MakeTempDir;
using view360::testing::ReadFile;
using view360::testing::SpawnToFile;

// The account and window of tests/ingest/data/receiver_document.json (a simulator document,
// trimmed to a few rows per section, with a Security Hub finding and a product added).
inline constexpr char kTemplateAccount[] = "101000000002";
inline constexpr char kTemplateDay[] = "2025-09-15";
inline constexpr char kTemplatePreviousDay[] = "2025-09-14";

inline void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// "2025-10-DD" for day 1..28.
inline std::string OctoberDay(int day) {
  char text[16];
  std::snprintf(text, sizeof text, "2025-10-%02d", day);
  return text;
}

// A valid DAILY document of account (12 digits) whose window is day to day + 1 of October 2025
// (day 1..27). Every id that must be unique per account (instances, KMS keys, WAF ACLs, ARNs)
// names the account, so documents of different accounts share no row.
inline std::string MakeDocument(const std::string& account, int day) {
  static const std::string kTemplate =
      ReadFile(std::string(VIEW360_INGEST_TEST_DIR) + "/data/receiver_document.json");
  std::string text = kTemplate;
  ReplaceAll(text, kTemplateAccount, account);
  ReplaceAll(text, kTemplateDay, "\x01");
  ReplaceAll(text, kTemplatePreviousDay, OctoberDay(day));
  ReplaceAll(text, "\x01", OctoberDay(day + 1));
  return text;
}

// Where the sender puts that document: "data/{account}/us-east-1/2025-10-{day+1}_DAILY.json".
inline std::string DocumentKey(const std::string& account, int day) {
  return "data/" + account + "/us-east-1/" + OctoberDay(day + 1) + "_DAILY.json";
}

// The n-th test account (n from 0): "990000000000" + n.
inline std::string TestAccount(int n) { return std::to_string(990000000000LL + n); }

// Writes bytes to root/key, creating folders.
inline void PutFile(const std::string& root, const std::string& key, const std::string& bytes) {
  const std::filesystem::path path = std::filesystem::path(root) / key;
  std::filesystem::create_directories(path.parent_path());
  view360::testing::WriteFile(path.string(), bytes);
}

// `accounts` test accounts with `days` documents each, written under root/data/. The keys.
inline std::vector<std::string> WriteDocuments(const std::string& root, int accounts, int days) {
  std::vector<std::string> keys;
  for (int a = 0; a < accounts; ++a) {
    for (int d = 1; d <= days; ++d) {
      keys.push_back(DocumentKey(TestAccount(a), d));
      PutFile(root, keys.back(), MakeDocument(TestAccount(a), d));
    }
  }
  return keys;
}

// Keys of the regular files under root/folder (relative to root), sorted.
inline std::vector<std::string> FilesUnder(const std::string& root, const std::string& folder) {
  std::vector<std::string> keys;
  const std::filesystem::path base = std::filesystem::path(root) / folder;
  if (!std::filesystem::exists(base)) return keys;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(base)) {
    if (entry.is_regular_file()) {
      keys.push_back(std::filesystem::relative(entry.path(), root).string());
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// "data/a/b.json" -> "loaded/a/b.json".
inline std::string Moved(const std::string& key, const std::string& folder) {
  return folder + key.substr(key.find('/'));
}

// A fresh database with the warehouse schema; its conninfo.
inline std::string FreshWarehouse() {
  const std::string conninfo = view360::testing::FreshDatabase();
  warehouse::WarehouseTarget target;
  target.conninfo = conninfo;
  auto migrated = warehouse::OpenWarehouse(target, /*migrate=*/true);
  EXPECT_TRUE(migrated.ok()) << migrated.status().ToString();
  return conninfo;
}

// ---------------------------------------------------------------------------------------------
// The binary

// What one `view360 … ingest` printed and returned.
struct IngestRun {
  int exit_code = -1;
  std::string output;
  nlohmann::json summary;  // The --output json line; null when there is none.
};

inline std::vector<std::string> IngestArgv(const std::string& conninfo,
                                           const std::vector<std::string>& args) {
  std::vector<std::string> argv = {VIEW360_BINARY, "--db", conninfo, "--output", "json", "ingest"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

// The environment of a test run: keys for moto, no profile, no BUCKET or VIEW360_DB to fall
// back on.
inline std::vector<std::string> TestEnvironment() {
  const std::set<std::string> dropped = {"AWS_PROFILE",       "AWS_SESSION_TOKEN",
                                         "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                         "AWS_REGION",        "BUCKET",
                                         "VIEW360_DB",        "REGION"};
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (dropped.count(entry.substr(0, entry.find('='))) == 0) env.push_back(entry);
  }
  for (const char* set :
       {"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_REGION=us-east-1"}) {
    env.emplace_back(set);
  }
  return env;
}

// The --output json line of output (nlohmann sorts keys: already_loaded comes first).
inline nlohmann::json SummaryIn(const std::string& output) {
  const size_t start = output.rfind("{\"already_loaded\"");
  if (start == std::string::npos) return nullptr;
  const size_t end = output.find('\n', start);
  return nlohmann::json::parse(
      output.substr(start, end == std::string::npos ? std::string::npos : end - start), nullptr,
      false);
}

// Starts `view360 --db conninfo --output json ingest args...` without waiting; its stdout and
// stderr go to output_file.
inline pid_t StartIngestBinary(const std::string& conninfo, const std::vector<std::string>& args,
                               const std::string& output_file) {
  return SpawnToFile(IngestArgv(conninfo, args), TestEnvironment(), output_file);
}

// Waits for a child of StartIngestBinary and reads what it printed.
inline IngestRun WaitIngestBinary(pid_t child, const std::string& output_file) {
  IngestRun run;
  int status = 0;
  if (waitpid(child, &status, 0) != child) {
    ADD_FAILURE() << "waitpid " << child;
    return run;
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.output = ReadFile(output_file);
  run.summary = SummaryIn(run.output);
  return run;
}

// Runs `view360 --db conninfo --output json ingest args...` to completion.
inline IngestRun RunIngestBinary(const std::string& conninfo,
                                 const std::vector<std::string>& args) {
  const std::string output = MakeTempDir("ingest-output") + "/output.txt";
  return WaitIngestBinary(StartIngestBinary(conninfo, args, output), output);
}

// Polls until done() or the timeout; true when done() held.
inline bool PollUntil(const std::function<bool()>& done,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The warehouse

// The distinct tables a document feeds, in load order.
inline std::vector<std::string> FedTables() {
  std::vector<std::string> tables;
  for (const auto& spec : Tables()) {
    if (std::find(tables.begin(), tables.end(), spec.table) == tables.end()) {
      tables.emplace_back(spec.table);
    }
  }
  return tables;
}

// True when the receiver fills table.column from documents (findings.created_at is data; the
// created_at of most tables is the row's audit time).
inline bool IsMapped(const std::string& table, const std::string& column) {
  for (const auto& spec : Tables()) {
    if (spec.table != table) continue;
    for (const auto& map : spec.columns) {
      if (map.column == column) return true;
    }
  }
  return false;
}

struct ForeignKey {
  std::string column, referenced;
};

inline std::map<std::string, std::vector<ForeignKey>> ForeignKeys(warehouse::Connection& conn) {
  auto rows = conn.Query(
      "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text "
      "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
      "AND a.attnum = c.conkey[1] WHERE c.contype = 'f' "
      "AND c.connamespace = 'public'::regnamespace ORDER BY 1, 2");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::map<std::string, std::vector<ForeignKey>> keys;
  if (!rows.ok()) return keys;
  for (const auto& row : rows->rows) keys[*row[0]].push_back({*row[1], *row[2]});
  return keys;
}

// A jsonb expression for the row `alias` of table: its columns without id, audit times and
// foreign keys, each foreign key replaced by the referenced row's own expression.
inline std::string RowJson(const std::map<std::string, std::vector<ForeignKey>>& keys,
                           const std::string& table, const std::string& alias) {
  std::string expr = "(to_jsonb(" + alias + ") - 'id'";
  for (const char* audit : {"created_at", "updated_at"}) {
    if (!IsMapped(table, audit)) expr += std::string(" - '") + audit + "'";
  }
  auto it = keys.find(table);
  const std::vector<ForeignKey> fks = it == keys.end() ? std::vector<ForeignKey>{} : it->second;
  for (const auto& fk : fks) expr += " - '" + fk.column + "'";
  expr += ")";
  int n = 0;
  for (const auto& fk : fks) {
    const std::string inner = alias + "_" + std::to_string(n++);
    expr += " || jsonb_build_object('" + fk.column + "', (SELECT " +
            RowJson(keys, fk.referenced, inner) + " FROM " + fk.referenced + " " + inner +
            " WHERE " + inner + ".id = " + alias + "." + fk.column + "))";
  }
  return expr;
}

// Every row of every table a document feeds, per table, sorted: two databases loaded with the
// same documents give equal dumps whatever ids and order they used.
using TableDump = std::map<std::string, std::vector<std::string>>;

inline TableDump DumpTables(warehouse::Connection& conn) {
  const auto keys = ForeignKeys(conn);
  TableDump dump;
  for (const auto& table : FedTables()) {
    auto rows = conn.Query("SELECT (" + RowJson(keys, table, "r") + ")::text AS j FROM " + table +
                           " r ORDER BY 1");
    EXPECT_TRUE(rows.ok()) << table << ": " << rows.status().ToString();
    auto& out = dump[table];
    if (!rows.ok()) continue;
    for (const auto& row : rows->rows) out.push_back(row[0].value_or("NULL"));
  }
  return dump;
}

inline TableDump DumpTables(const std::string& conninfo) {
  auto conn = Connect(conninfo);
  return DumpTables(conn);
}

// Fails the current test with each table's first difference.
inline void ExpectSameTables(const TableDump& actual, const TableDump& expected) {
  for (const auto& [table, rows] : expected) {
    auto it = actual.find(table);
    const std::vector<std::string> none;
    const auto& got = it == actual.end() ? none : it->second;
    if (got == rows) continue;
    std::string first;
    for (size_t i = 0; i < std::max(got.size(), rows.size()); ++i) {
      const std::string a = i < got.size() ? got[i] : "(none)";
      const std::string b = i < rows.size() ? rows[i] : "(none)";
      if (a != b) {
        first = "row " + std::to_string(i) + ":\n  actual:   " + a + "\n  expected: " + b;
        break;
      }
    }
    ADD_FAILURE() << "table " << table << ": " << got.size() << " rows, expected " << rows.size()
                  << "; first difference at " << first;
  }
}

struct LedgerRow {
  std::string status;
  int attempts = 0;
  std::string sha256;
  nlohmann::json error;  // null unless failed.
};

// The ledger by object key.
inline std::map<std::string, LedgerRow> ReadLedger(const std::string& conninfo) {
  auto conn = Connect(conninfo);
  auto rows = conn.Query(
      "SELECT object_key, status, attempts, coalesce(sha256, ''), coalesce(error::text, 'null') "
      "FROM view360.ingest_ledger");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::map<std::string, LedgerRow> ledger;
  if (!rows.ok()) return ledger;
  for (const auto& row : rows->rows) {
    ledger[*row[0]] = {*row[1], std::stoi(*row[2]), *row[3], nlohmann::json::parse(*row[4])};
  }
  return ledger;
}

inline int64_t CountWhere(const std::string& conninfo, const std::string& sql) {
  auto conn = Connect(conninfo);
  auto value = conn.QueryValue(sql);
  EXPECT_TRUE(value.ok()) << sql << ": " << value.status().ToString();
  return value.ok() && *value ? std::stoll(**value) : -1;
}

// Every key loaded exactly once: a ledger row that says loaded after one attempt.
inline void ExpectLoadedOnce(const std::map<std::string, LedgerRow>& ledger,
                             const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    auto it = ledger.find(key);
    if (it == ledger.end()) {
      ADD_FAILURE() << key << " has no ledger row";
      continue;
    }
    EXPECT_EQ(it->second.status, "loaded") << key;
    EXPECT_EQ(it->second.attempts, 1) << key;
  }
}

}  // namespace view360::ingest::testing
