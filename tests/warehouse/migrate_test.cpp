// Migrations: forward-only, idempotent, one transaction each, safe when run concurrently.
#include <gtest/gtest.h>

#include <thread>

#include "common/process.h"
#include "support/test_cluster.h"
#include "warehouse/migrations.h"

namespace view360::warehouse {
namespace {

using testing::Connect;
using testing::FreshDatabase;

// Everything migrate could change: the catalog of both schemas, view definitions, and the
// bookkeeping rows with their timestamps.
std::string SchemaFingerprint(Connection& conn) {
  auto result = conn.Query(R"sql(
      SELECT md5(string_agg(x, E'\n' ORDER BY x)) FROM (
        SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.oid AS x
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'view360')
        UNION ALL SELECT viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
        UNION ALL SELECT version || ' ' || checksum || ' ' || applied_at FROM view360.schema_migrations
        UNION ALL SELECT name || ' ' || checksum || ' ' || applied_at FROM view360.schema_views
      ) t)sql");
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? result->rows.at(0).at(0).value_or("") : "";
}

std::string Value(Connection& conn, const std::string& sql) {
  auto value = conn.QueryValue(sql);
  EXPECT_TRUE(value.ok()) << sql << ": " << value.status().ToString();
  return value.ok() ? value->value_or("NULL") : "";
}

TEST(MigrateTest, FirstRunAppliesEveryMigrationAndCreatesTheViews) {
  auto conn = Connect(FreshDatabase());
  auto report = Migrate(conn);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->from_version, 0);
  EXPECT_EQ(report->to_version, BundledMigrations().back().version);
  EXPECT_EQ(report->applied.size(), BundledMigrations().size());
  EXPECT_TRUE(report->views_recreated);
  auto info = DescribeSchema(conn);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->version, BundledMigrations().back().version);
  EXPECT_EQ(info->v2_tables, 36);
  EXPECT_EQ(info->views, 42);
}

TEST(MigrateTest, SecondRunChangesNothing) {
  auto conn = Connect(FreshDatabase());
  ASSERT_TRUE(Migrate(conn).ok());
  const std::string before = SchemaFingerprint(conn);
  auto again = Migrate(conn);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_FALSE(again->views_recreated);
  EXPECT_EQ(SchemaFingerprint(conn), before);
}

TEST(MigrateTest, ConcurrentRunsLeaveOneCorrectSchema) {
  const std::string db = FreshDatabase();
  std::vector<Status> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&db, &result] {
      auto conn = Connection::Open(db);
      result = conn.ok() ? Migrate(*conn).status() : conn.status();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << result.ToString();
  auto conn = Connect(db);
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM view360.schema_migrations"),
            std::to_string(BundledMigrations().size()));
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "36");
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM pg_views WHERE schemaname = 'public'"), "42");
}

TEST(MigrateTest, ConcurrentCliProcessesLeaveOneCorrectSchema) {
  const std::string db = FreshDatabase();
  std::vector<Result<ProcessResult>> runs;
  std::vector<std::thread> threads;
  std::mutex mu;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      auto run = RunProcess({VIEW360_BINARY, "--db", db, "warehouse", "migrate"});
      std::lock_guard<std::mutex> lock(mu);
      runs.push_back(std::move(run));
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& run : runs) {
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ(run->exit_code, 0) << run->output;
  }
  auto conn = Connect(db);
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "36");
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM pg_views WHERE schemaname = 'public'"), "42");
}

TEST(MigrateTest, AMissingViewIsRecreated) {
  auto conn = Connect(FreshDatabase());
  ASSERT_TRUE(Migrate(conn).ok());
  ASSERT_TRUE(conn.Execute("DROP VIEW view_summary").ok());
  auto report = Migrate(conn);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->views_recreated);
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM pg_views WHERE viewname = 'view_summary'"), "1");
}

TEST(MigrateTest, AnEditedMigrationIsRefusedAndNothingChanges) {
  auto conn = Connect(FreshDatabase());
  ASSERT_TRUE(Migrate(conn).ok());
  ASSERT_TRUE(conn.Execute("UPDATE view360.schema_migrations SET checksum = 'edited'").ok());
  const std::string before = SchemaFingerprint(conn);
  auto report = Migrate(conn);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(report.status().message().find("forward-only"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(SchemaFingerprint(conn), before);
}

TEST(MigrateTest, AFailingMigrationLeavesNothingBehind) {
  // A database where migration 1 cannot run (its enum type already exists): the transaction
  // rolls back, so no table of it is left and it is not recorded as applied.
  auto conn = Connect(FreshDatabase());
  ASSERT_TRUE(conn.Execute("CREATE TYPE period_granularity_type AS ENUM ('X')").ok());
  auto report = Migrate(conn);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find(BundledMigrations().front().name), std::string::npos)
      << report.status().message();
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0");
  EXPECT_EQ(Value(conn, "SELECT count(*) FROM view360.schema_migrations"), "0");
}

}  // namespace
}  // namespace view360::warehouse
