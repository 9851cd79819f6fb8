// view360.compliance_account_day (migration 0008): whatever writes config_reports (INSERT, an
// upsert, UPDATE moving a report to another day, DELETE, TRUNCATE) or accounts (a row that
// changes its account id, a row deleted with its reports), the rollup holds avg(compliance_score)
// per account id (all its accounts rows) and day, the very value avg() returns, and no row for a
// pair without reports. The API's compliance trend relies on it (tests/serve/api_test.cpp checks
// the answer against config_reports itself).
#include "migrated_database.h"

namespace view360::warehouse {
namespace {

class ComplianceRollupTest : public testing::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    // Account 111111111111 has two accounts rows (two regions), 222222222222 one.
    InsertAccounts(
        "('111111111111', 'us-east-1'), ('111111111111', 'eu-west-1'), "
        "('222222222222', 'us-east-1')");
  }

  // The rollup and the averages it must equal, as "account|day|score" lines (the score's text
  // shows its scale too).
  std::string Rollup() {
    return Text(
        "SELECT account || '|' || day || '|' || coalesce(score::text, 'NULL') FROM "
        "view360.compliance_account_day");
  }
  std::string Expected() {
    return Text(
        "SELECT a.account_id || '|' || c.date_from || '|' || "
        "coalesce(avg(c.compliance_score)::text, 'NULL') FROM config_reports c JOIN accounts a "
        "ON a.id = c.account_id GROUP BY a.account_id, c.date_from");
  }
};

constexpr char kInsert[] = R"(
  INSERT INTO config_reports (account_id, date_from, date_to, compliance_score, total_rules,
                              compliant_rules, non_compliant_rules)
  SELECT a.id, d::date, d::date + 1,
         CASE WHEN a.region = 'eu-west-1' AND d::date = '2025-09-03' THEN NULL
              ELSE round((random() * 100)::numeric, 2) END, 10, 5, 5
    FROM accounts a,
         generate_series('2025-09-01'::date, '2025-09-05'::date, interval '1 day') d)";

TEST_F(ComplianceRollupTest, FollowsEveryWriteToConfigReportsAndAccounts) {
  Run(kInsert);
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.compliance_account_day"), "10");

  // The receiver's kind of upsert: some reports change, one is new.
  Run(R"(
    INSERT INTO config_reports (account_id, date_from, date_to, compliance_score)
    SELECT account_id, date_from, date_to, 12.5
      FROM config_reports WHERE date_from = '2025-09-02'
    UNION ALL
    SELECT account_id, '2025-09-06', '2025-09-07', NULL
      FROM config_reports WHERE date_from = '2025-09-01'
    ON CONFLICT (account_id, date_from) DO UPDATE SET compliance_score = EXCLUDED.compliance_score)");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_NE(Rollup().find("|2025-09-06|NULL"), std::string::npos) << Rollup();

  // A report moved to another day leaves its old day right too.
  Run("UPDATE config_reports SET date_from = '2025-09-09', date_to = '2025-09-10' "
      "WHERE date_from = '2025-09-04' AND account_id = (SELECT min(id) FROM accounts)");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_NE(Rollup().find("|2025-09-09|"), std::string::npos) << Rollup();

  // Reports deleted: a day without reports has no rollup row.
  Run("DELETE FROM config_reports WHERE date_from = '2025-09-05'");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Rollup().find("2025-09-05"), std::string::npos) << Rollup();

  // An accounts row that changes its account id takes its reports along.
  Run("UPDATE accounts SET account_id = '333333333333' WHERE region = 'eu-west-1'");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_NE(Rollup().find("333333333333|"), std::string::npos) << Rollup();

  // An account deleted with its reports (ON DELETE CASCADE), then everything truncated.
  Run("DELETE FROM accounts WHERE account_id = '222222222222'");
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Rollup().find("222222222222"), std::string::npos) << Rollup();
  Run("TRUNCATE config_reports CASCADE");
  EXPECT_EQ(Rollup(), "");
}

TEST_F(ComplianceRollupTest, ReportsWrittenBeforeTheMigrationAreAveragedByIt) {
  // As a warehouse that had config_reports rows when 0008 came: the migration's backfill.
  Run(kInsert);
  Run("DELETE FROM view360.schema_migrations WHERE version = 8");
  Run("DROP TABLE view360.compliance_account_day CASCADE");
  Run("DROP FUNCTION view360.recompute_compliance_account_day, "
      "view360.recompute_compliance_accounts, view360.config_reports_rollup_written, "
      "view360.accounts_compliance_rollup_written, view360.compliance_rollup_truncated CASCADE");
  Run("DROP INDEX api_services_account_date_service");
  auto report = Migrate(*conn_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(Rollup(), Expected());
  EXPECT_EQ(Text("SELECT count(*)::text FROM view360.compliance_account_day"), "10");
}

}  // namespace
}  // namespace view360::warehouse
