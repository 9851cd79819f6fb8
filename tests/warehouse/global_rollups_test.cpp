// The all-accounts rollups of migration 0006: view360.cost_service_day and
// view360.findings_open_day with their insert-only deltas. Whatever writes services or findings
// (INSERT, the receiver's upserts, UPDATEs that move a row to another day or close and reopen
// a finding, DELETE, an account deleted with its rows, TRUNCATE), base plus deltas equal the
// definition computed from the rows themselves, before and after view360.compact_rollups(),
// also when deltas arrive from other connections while it runs. The API's answers built on
// them are checked against independent SQL in tests/serve/api_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "migrated_database.h"
#include "support/test_cluster.h"

namespace view360::warehouse {
namespace {

using view360::testing::Connect;

// The findings' definition of "open" (sql/api/security_trend.sql, /*open f*/ in api.cpp).
constexpr char kOpen[] =
    "coalesce(f.workflow_state, 'NEW') NOT IN ('RESOLVED', 'SUPPRESSED') AND "
    "coalesce(f.record_state, 'ACTIVE') = 'ACTIVE'";

class GlobalRollupsTest : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    // Two accounts; the second has two accounts rows (Global and eu-west-1), each with its
    // Security Hub group.
    InsertAccounts(
        "('111111111111', 'Global'), ('222222222222', 'Global'), "
        "('222222222222', 'eu-west-1')");
    Run("INSERT INTO security (account_id, service) SELECT id, 'SecurityHub' FROM accounts");
  }

  // Cost and rows per service and day: base plus deltas, and from services.
  std::string Costs() {
    return Text(
        "SELECT service || '|' || day || '|' || sum(cost) || '|' || sum(rows) FROM ("
        "SELECT service, day, cost, rows FROM view360.cost_service_day UNION ALL "
        "SELECT service, day, cost, rows FROM view360.cost_service_day_delta) r "
        "GROUP BY service, day HAVING sum(rows) <> 0 OR sum(cost) <> 0");
  }
  std::string ExpectedCosts() {
    return Text(
        "SELECT service || '|' || date_from || '|' || sum(cost) || '|' || count(*) FROM services "
        "GROUP BY service, date_from");
  }

  // Findings open at the end of each day of August and September 2025 (UTC), and open now,
  // per severity: from the rollup's events, and by the definition over the findings.
  std::string Open() {
    return Text(R"(
      WITH e AS (SELECT severity, day, delta FROM view360.findings_open_day
                 UNION ALL SELECT severity, day, delta FROM view360.findings_open_delta)
      SELECT s.severity || '|' || d::date || '|' || sum(e.delta)
        FROM (SELECT DISTINCT severity FROM e) s
        CROSS JOIN generate_series('2025-08-01'::date, '2025-09-30', '1 day') d
        JOIN e ON e.severity = s.severity AND e.day <= d
       GROUP BY s.severity, d HAVING sum(e.delta) <> 0
      UNION ALL
      SELECT severity || '|now|' || sum(delta) FROM e GROUP BY severity HAVING sum(delta) <> 0)");
  }
  std::string ExpectedOpen() {
    return Text(std::string(R"(
      SELECT f.severity || '|' || d::date || '|' || count(*)
        FROM findings f
        CROSS JOIN generate_series('2025-08-01'::date, '2025-09-30', '1 day') d
       WHERE (f.created_at AT TIME ZONE 'UTC')::date <= d
         AND (()") +
                kOpen + R"() OR (f.updated_at AT TIME ZONE 'UTC')::date > d)
       GROUP BY f.severity, d
      UNION ALL
      SELECT f.severity || '|now|' || count(*) FROM findings f WHERE )" +
                kOpen + " GROUP BY f.severity");
  }

  // Open findings per Security Hub group, severity and service (kept in place, not compacted).
  std::string Groups() {
    return Text(
        "SELECT security_id || '|' || severity || '|' || service || '|' || n "
        "FROM view360.open_findings_group");
  }
  std::string ExpectedGroups() {
    return Text(
        "SELECT security_id || '|' || severity || '|' || service || '|' || count(*) "
        "FROM findings f WHERE " +
        std::string(kOpen) + " GROUP BY security_id, severity, service");
  }

  // Compacts; the rollups must mean the same after it, with no deltas left.
  void CompactAndCheck() {
    const std::string costs = Costs(), open = Open();
    auto moved = conn_->QueryValue("SELECT view360.compact_rollups()");
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    ASSERT_TRUE(moved->has_value()) << "another compaction held the lock";
    EXPECT_EQ(Costs(), costs);
    EXPECT_EQ(Open(), open);
    EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day_delta"), "0");
    EXPECT_EQ(Text("SELECT count(*)::text FROM view360.findings_open_delta"), "0");
    // Keys that came to nothing leave the base tables.
    EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day WHERE rows = 0"), "0");
    EXPECT_EQ(Text("SELECT count(*)::text FROM view360.findings_open_day WHERE delta = 0"), "0");
  }
};

constexpr char kInsertServices[] = R"(
  INSERT INTO services (account_id, service, date_from, date_to, cost, currency, usage_types)
  SELECT a.id, s, d::date, d::date + 1, round((random() * 100)::numeric, 10), 'USD', 'u'
    FROM accounts a, unnest(ARRAY['EC2', 'S3', 'RDS']) s,
         generate_series('2025-09-01'::date, '2025-09-05'::date, interval '1 day') d)";

// Findings of every account row: open ones, ones closed days later (RESOLVED, SUPPRESSED,
// ARCHIVED), one closed on the day it opened, one "closed" before it opened.
constexpr char kInsertFindings[] = R"(
  INSERT INTO findings (security_id, finding_id, service, title, severity, status, created_at,
                        updated_at, workflow_state, record_state)
  SELECT se.id, 'f-' || se.id || '-' || n, (ARRAY['SecurityHub', 'GuardDuty'])[1 + n % 2],
         'finding ' || n,
         (ARRAY['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'])[1 + n % 5], 'x',
         timestamptz '2025-09-01 22:30:00+00' + (n % 7) * interval '1 day',
         timestamptz '2025-09-01 23:30:00+00' + (n % 7) * interval '1 day'
             + CASE WHEN n % 11 = 0 THEN interval '0' WHEN n % 13 = 0 THEN interval '-3 days'
                    ELSE (n % 4) * interval '1 day' END,
         CASE n % 4 WHEN 1 THEN 'RESOLVED' WHEN 2 THEN 'SUPPRESSED' ELSE 'NEW' END,
         CASE WHEN n % 4 = 3 AND n % 3 = 0 THEN 'ARCHIVED' ELSE 'ACTIVE' END
    FROM security se, generate_series(1, 40) n)";

TEST_F(GlobalRollupsTest, CostsFollowEveryWriteToServices) {
  Run(kInsertServices);
  EXPECT_EQ(Costs(), ExpectedCosts());
  // Both accounts rows of 222222222222 are in the sums: 3 rows per service and day.
  EXPECT_NE(Costs().find("EC2|2025-09-01|"), std::string::npos);
  EXPECT_EQ(Text("SELECT sum(rows)::text FROM view360.cost_service_day_delta WHERE service = 'EC2' "
                 "AND day = '2025-09-01'"),
            "3");
  CompactAndCheck();

  // The receiver's kind of upsert: some rows change, one is new, some are rewritten unchanged
  // (they add no delta).
  const std::string deltas = Text("SELECT count(*)::text FROM view360.cost_service_day_delta");
  Run(R"(
    INSERT INTO services (account_id, service, date_from, date_to, cost, currency, usage_types)
    SELECT account_id, service, date_from, date_to,
           cost + CASE WHEN service = 'S3' THEN 1.5 ELSE 0 END, currency, usage_types
      FROM services WHERE date_from = '2025-09-02'
    UNION ALL
    SELECT account_id, 'Lambda', '2025-09-06', '2025-09-07', 0.0000000001, 'USD', 'u'
      FROM services WHERE service = 'EC2' AND date_from = '2025-09-01'
    ON CONFLICT (account_id, service, usage_types, date_from)
      DO UPDATE SET cost = EXCLUDED.cost)");
  EXPECT_EQ(Costs(), ExpectedCosts());
  EXPECT_EQ(Text("SELECT string_agg(DISTINCT service, ',') FROM view360.cost_service_day_delta"),
            "Lambda,S3");

  // A row moved to another day leaves its old day right too.
  Run("UPDATE services SET date_from = '2025-09-09', date_to = '2025-09-10' WHERE service = 'RDS' "
      "AND date_from = '2025-09-03'");
  EXPECT_EQ(Costs(), ExpectedCosts());
  CompactAndCheck();
  EXPECT_EQ(Costs().find("RDS|2025-09-03"), std::string::npos) << Costs();
  EXPECT_NE(Costs().find("RDS|2025-09-09"), std::string::npos) << Costs();

  // Rows deleted, some with a cost of zero: a day without rows has no row once compacted.
  Run("UPDATE services SET cost = 0 WHERE date_from = '2025-09-05' AND service = 'S3'");
  Run("DELETE FROM services WHERE date_from = '2025-09-05'");
  EXPECT_EQ(Costs(), ExpectedCosts());
  CompactAndCheck();
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day WHERE day = '2025-09-05'"),
            "0");

  // One accounts row deleted with its rows (ON DELETE CASCADE), then everything truncated,
  // with deltas not yet compacted.
  Run("DELETE FROM accounts WHERE account_id = '222222222222' AND region = 'eu-west-1'");
  EXPECT_EQ(Costs(), ExpectedCosts());
  Run("UPDATE services SET cost = cost * 2 WHERE service = 'EC2'");
  EXPECT_EQ(Costs(), ExpectedCosts());
  Run("TRUNCATE services");
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day"), "0");
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day_delta"), "0");
  Run(kInsertServices);
  EXPECT_EQ(Costs(), ExpectedCosts());
  CompactAndCheck();
  EXPECT_EQ(Costs(), ExpectedCosts());
}

TEST_F(GlobalRollupsTest, OpenFindingsFollowEveryWriteToFindings) {
  Run(kInsertFindings);
  ASSERT_NE(ExpectedOpen(), "");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  CompactAndCheck();

  // The receiver's kind of upsert: findings close (open -> RESOLVED a day later), closed ones
  // reopen, others are rewritten unchanged, one is new.
  Run(R"(
    INSERT INTO findings (security_id, finding_id, service, title, severity, status, created_at,
                          updated_at, workflow_state, record_state)
    SELECT security_id, finding_id, service, title, severity, status, created_at,
           CASE WHEN n % 5 = 0 THEN updated_at + interval '1 day' ELSE updated_at END,
           CASE WHEN n % 5 = 0 AND workflow_state = 'NEW' THEN 'RESOLVED'
                WHEN n % 5 = 0 THEN 'NEW' ELSE workflow_state END,
           record_state
      FROM (SELECT f.*, row_number() OVER (ORDER BY finding_id) n FROM findings f) x
    UNION ALL
    SELECT min(id), 'f-new', 'SecurityHub', 'new', 'HIGH', 'x', '2025-09-20', '2025-09-20', NULL,
           NULL
      FROM security
    ON CONFLICT (finding_id) DO UPDATE
      SET updated_at = EXCLUDED.updated_at, workflow_state = EXCLUDED.workflow_state)");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());

  // Moved to another day, archived, a severity changed.
  Run("UPDATE findings SET created_at = created_at - interval '10 days' WHERE finding_id LIKE "
      "'%-3'");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  Run("UPDATE findings SET record_state = 'ARCHIVED', updated_at = '2025-09-25' WHERE finding_id "
      "LIKE '%-4'");
  Run("UPDATE findings SET severity = 'CRITICAL' WHERE finding_id LIKE '%-6'");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  CompactAndCheck();

  // Deleted, then one accounts row with its group and findings (cascade), then all truncated.
  Run("DELETE FROM findings WHERE finding_id LIKE '%-1_'");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  Run("DELETE FROM accounts WHERE account_id = '222222222222' AND region = 'eu-west-1'");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  CompactAndCheck();
  Run("DELETE FROM security WHERE account_id = (SELECT min(id) FROM accounts)");
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  Run("TRUNCATE findings");
  EXPECT_EQ(Open(), "");
  EXPECT_EQ(Groups(), "");
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.findings_open_day"), "0");
}

TEST_F(GlobalRollupsTest, RowsWrittenBeforeTheMigrationAreSummedByIt) {
  // As a warehouse that had rows when 0006 came: the migration's backfill.
  Run(kInsertServices);
  Run(kInsertFindings);
  Run("DELETE FROM view360.schema_migrations WHERE version = 6");
  Run("DROP TABLE view360.cost_service_day, view360.cost_service_day_delta, "
      "view360.findings_open_day, view360.findings_open_delta, view360.open_findings_group "
      "CASCADE");
  Run("DROP FUNCTION view360.finding_open_events, view360.compact_rollups, "
      "view360.finding_is_open, view360.add_open_findings, view360.session_in_utc, "
      "view360.findings_rollup_inserted, view360.findings_rollup_updated, "
      "view360.findings_rollup_deleted, view360.findings_rollup_truncated CASCADE");
  auto report = Migrate(*conn_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(Costs(), ExpectedCosts());
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day_delta"), "0");
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day"), "15");
  CompactAndCheck();
}

TEST_F(GlobalRollupsTest, CompactionMovesOnlyCommittedDeltasAndNeverRunsTwice) {
  Run(kInsertServices);
  Run(kInsertFindings);
  Connection writer = Connect(conninfo_);
  Connection other = Connect(conninfo_);
  // A writer's transaction is open while the compaction runs: its deltas stay for later.
  Run(writer,
      "SET search_path = public; BEGIN; UPDATE services SET cost = cost + 1 WHERE "
      "service = 'S3'; UPDATE findings SET workflow_state = 'RESOLVED'");
  const std::string committed = Text(
      "SELECT ((SELECT count(*) FROM view360.cost_service_day_delta) + "
      "(SELECT count(*) FROM view360.findings_open_delta))::text");
  ASSERT_NE(committed, "0");
  auto moved = conn_->QueryValue("SELECT view360.compact_rollups()");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  ASSERT_TRUE(moved->has_value());
  EXPECT_EQ(**moved, committed);
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_service_day_delta"), "0");
  Run(writer, "COMMIT");
  EXPECT_NE(Text("SELECT count(*)::text FROM view360.cost_service_day_delta"), "0");
  EXPECT_EQ(Costs(), ExpectedCosts());
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());

  // A second compactor while one holds the lock does nothing (NULL) and does not wait.
  Run(other, "BEGIN; SELECT view360.compact_rollups()");
  auto skipped = conn_->QueryValue("SELECT view360.compact_rollups()");
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_FALSE(skipped->has_value());
  Run(other, "COMMIT");
  EXPECT_EQ(Costs(), ExpectedCosts());
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  CompactAndCheck();
}

TEST_F(GlobalRollupsTest, DeltasFromTwoConnectionsWhileCompactingEndInTheSums) {
  Run(kInsertServices);
  Run(kInsertFindings);
  CompactAndCheck();
  // Two writers, each on its own accounts row, insert, update, move and delete rows in many
  // small transactions; a third connection compacts all the while.
  std::atomic<int> writing{2};
  std::atomic<int> compactions{0};
  auto write = [&](const std::string& region, const std::string& account) {
    Connection conn = Connect(conninfo_);
    Run(conn, "SET search_path = public");
    const std::string row = "(SELECT id FROM accounts WHERE account_id = '" + account +
                            "' AND region = '" + region + "')";
    for (int i = 0; i < 40; ++i) {
      const std::string n = std::to_string(i);
      Run(conn,
          "INSERT INTO services (account_id, service, date_from, date_to, cost, usage_types) "
          "VALUES (" +
              row + ", 'Svc" + std::to_string(i % 3) + "', date '2025-09-10' + " + n +
              " % 4, date '2025-09-20', 1." + n + ", 'c" + n + "')");
      Run(conn,
          "UPDATE services SET cost = cost + 0.25, date_from = date_from + 1 WHERE "
          "account_id = " +
              row + " AND usage_types = 'c" + std::to_string(i / 2) + "'");
      if (i % 5 == 4) {
        Run(conn, "DELETE FROM services WHERE account_id = " + row + " AND usage_types = 'c" +
                      std::to_string(i - 2) + "'");
      }
      Run(conn,
          "UPDATE findings f SET workflow_state = CASE WHEN f.workflow_state = 'NEW' "
          "THEN 'RESOLVED' ELSE 'NEW' END, updated_at = f.updated_at + interval '1 day' "
          "FROM security se WHERE se.id = f.security_id AND se.account_id = " +
              row + " AND f.finding_id LIKE '%-" + std::to_string(1 + i % 9) + "'");
    }
    --writing;
  };
  std::thread compactor([&] {
    Connection conn = Connect(conninfo_);
    while (writing.load() > 0) {
      auto moved = conn.QueryValue("SELECT view360.compact_rollups()");
      ASSERT_TRUE(moved.ok()) << moved.status().ToString();
      ++compactions;
    }
  });
  std::thread a(write, "Global", "111111111111");
  std::thread b(write, "eu-west-1", "222222222222");
  a.join();
  b.join();
  compactor.join();
  EXPECT_GT(compactions.load(), 0);
  EXPECT_EQ(Costs(), ExpectedCosts());
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
  CompactAndCheck();
  EXPECT_EQ(Costs(), ExpectedCosts());
  EXPECT_EQ(Open(), ExpectedOpen());
  EXPECT_EQ(Groups(), ExpectedGroups());
}

}  // namespace
}  // namespace view360::warehouse
