// view360.cost_account_day (migration 0005): whatever writes services (INSERT, an upsert,
// UPDATE moving a row to another day, DELETE, TRUNCATE, an account deleted with its rows), the
// rollup equals the sum of services per accounts row and day, and has no row for a pair without
// services rows. The API's cost answers rely on it (tests/serve/api_test.cpp checks them against
// services itself).
#include "migrated_database.h"

namespace view360::warehouse {
namespace {

class CostRollupTest : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    InsertAccounts("('111111111111', 'Global'), ('222222222222', 'Global')");
  }

  std::string Rollup() {
    return Text(
        "SELECT account_id || '|' || day || '|' || coalesce(cost::text, 'NULL') FROM "
        "view360.cost_account_day");
  }
  std::string Expected() {
    return Text(
        "SELECT account_id || '|' || date_from || '|' || coalesce(sum(cost)::text, 'NULL') FROM "
        "services GROUP BY account_id, date_from");
  }
};

constexpr char kInsert[] = R"(
  INSERT INTO services (account_id, service, date_from, date_to, cost, currency, usage_types)
  SELECT a.id, s, d::date, d::date + 1, round((random() * 100)::numeric, 10), 'USD', 'u'
    FROM accounts a, unnest(ARRAY['EC2', 'S3', 'RDS']) s,
         generate_series('2025-09-01'::date, '2025-09-05'::date, interval '1 day') d)";

TEST_F(CostRollupTest, FollowsEveryWriteToServices) {
  Run(kInsert);
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_account_day"), "10");

  // The receiver's kind of upsert: some rows change, one is new.
  Run(R"(
    INSERT INTO services (account_id, service, date_from, date_to, cost, currency, usage_types)
    SELECT account_id, service, date_from, date_to, cost + 1.5, currency, usage_types
      FROM services WHERE service = 'S3' AND date_from = '2025-09-02'
    UNION ALL
    SELECT account_id, 'Lambda', '2025-09-06', '2025-09-07', 0.0000000001, 'USD', 'u'
      FROM services WHERE service = 'EC2' AND date_from = '2025-09-01'
    ON CONFLICT (account_id, service, usage_types, date_from)
      DO UPDATE SET cost = EXCLUDED.cost)");
  EXPECT_EQ(Rollup(), Expected());

  // A row moved to another day leaves its old day right too.
  Run("UPDATE services SET date_from = '2025-09-09', date_to = '2025-09-10' WHERE service = 'RDS' "
      "AND date_from = '2025-09-03'");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_NE(Rollup().find("|2025-09-09|"), std::string::npos) << Rollup();

  // Rows deleted: a day without rows has no rollup row.
  Run("DELETE FROM services WHERE date_from = '2025-09-05'");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Rollup().find("2025-09-05"), std::string::npos) << Rollup();

  // An account deleted with its rows (ON DELETE CASCADE), then everything truncated.
  Run("DELETE FROM accounts WHERE account_id = '222222222222'");
  EXPECT_EQ(Rollup(), Expected());
  Run("TRUNCATE services");
  EXPECT_EQ(Rollup(), "");
}

TEST_F(CostRollupTest, RowsWrittenBeforeTheMigrationAreSummedByIt) {
  // As a warehouse that had services rows when 0005 came: the migration's backfill.
  Run(kInsert);
  Run("DELETE FROM view360.cost_account_day");
  Run("DELETE FROM view360.schema_migrations WHERE version = 5");
  Run("DROP TABLE view360.cost_account_day CASCADE");
  Run("DROP FUNCTION view360.recompute_cost_account_day, view360.services_rollup_inserted, "
      "view360.services_rollup_updated, view360.services_rollup_deleted, "
      "view360.services_rollup_truncated CASCADE");
  auto report = Migrate(*conn_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.cost_account_day"), "10");
}

}  // namespace
}  // namespace view360::warehouse
