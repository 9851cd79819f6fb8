// The 42 View360 v2 views: the spec's names, output columns and types, and they answer both on
// an empty warehouse and on a small loaded one (tests/warehouse/data/small_load.sql).
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "support/test_cluster.h"
#include "warehouse/migrations.h"

namespace view360::warehouse {
namespace {

using testing::Connect;
using testing::FreshDatabase;

// view -> "1 name type\n2 name type\n..."
using ViewColumns = std::map<std::string, std::string>;

ViewColumns ReadSpec() {
  ViewColumns spec;
  std::istringstream in(testing::ReadFile(VIEW360_TEST_DATA_DIR "/view360-views.tsv"));
  std::string line;
  std::getline(in, line);  // Header.
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string view, position, column, type;
    std::getline(fields, view, '\t');
    std::getline(fields, position, '\t');
    std::getline(fields, column, '\t');
    std::getline(fields, type, '\t');
    spec[view] += position + " " + column + " " + type + "\n";
  }
  return spec;
}

class ViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = std::make_unique<Connection>(Connect(FreshDatabase()));
    auto report = Migrate(*conn_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }

  void LoadSmallDataSet() {
    auto status = conn_->Execute(testing::ReadFile(VIEW360_TEST_DATA_DIR "/small_load.sql"));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  // The rows of sql as "a|b|c" lines (NULL as "NULL").
  std::string Rows(const std::string& sql) {
    auto result = conn_->Query(sql);
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
    if (!result.ok()) return "";
    std::string out;
    for (const auto& row : result->rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        out += (i ? "|" : "") + row[i].value_or("NULL");
      }
      out += "\n";
    }
    return out;
  }

  std::unique_ptr<Connection> conn_;
};

TEST_F(ViewsTest, EveryViewHasTheSpecColumnsInOrderWithTheirTypes) {
  const ViewColumns spec = ReadSpec();
  ASSERT_EQ(spec.size(), 42u);
  auto live = conn_->Query(R"sql(
      SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'v'
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE a.attnum > 0 ORDER BY c.relname, a.attnum)sql");
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  ViewColumns actual;
  for (const auto& row : live->rows) {
    actual[*row[0]] += *row[1] + " " + *row[2] + " " + *row[3] + "\n";
  }
  for (const auto& [view, columns] : spec) {
    EXPECT_EQ(actual[view], columns) << "columns of " << view;
  }
  EXPECT_EQ(actual.size(), spec.size()) << "the warehouse has views the spec does not list";
}

TEST_F(ViewsTest, EveryViewAnswersOnAnEmptyWarehouse) {
  for (const auto& view : BundledViews()) {
    EXPECT_EQ(Rows("SELECT count(*) FROM " + view.name), "0\n") << view.name;
  }
}

TEST_F(ViewsTest, EveryViewReturnsRowsOnASmallLoadedWarehouse) {
  LoadSmallDataSet();
  for (const auto& view : BundledViews()) {
    EXPECT_NE(Rows("SELECT count(*) FROM " + view.name), "0\n") << view.name << " is empty";
  }
}

TEST_F(ViewsTest, SummaryViewsComputeWhatTheSpecSays) {
  LoadSmallDataSet();
  EXPECT_EQ(Rows("SELECT count(*) FROM view_accounts"), "3\n");
  // F: an account's product is its first link, whichever product row is shown.
  EXPECT_EQ(Rows("SELECT project_product_name FROM view_acct_products "
                 "WHERE account = '111111111111' AND name = 'Data Platform'"),
            "Payments Platform\n");
  EXPECT_EQ(Rows("SELECT current_period_cost, date_from FROM view_summary "
                 "WHERE account = '111111111111' AND period_granularity = 'MONTHLY'"),
            "1234.57|2025-10-01\n");
  EXPECT_EQ(Rows("SELECT number_of_products, service_count, unique_services, total_service_cost,"
                 " total_findings, resolved_findings, security_resolution_rate FROM view_summary "
                 "WHERE account = '111111111111' AND period_granularity = 'MONTHLY'"),
            "2|4|3|1363.77|12|3|0.2500\n");
  // An account without cost reports still has one row, with empty cost columns.
  EXPECT_EQ(Rows("SELECT period_granularity, current_period_cost, number_of_products "
                 "FROM view_summary WHERE account = '333333333333'"),
            "NULL|NULL|0\n");
  EXPECT_EQ(Rows("SELECT severity, risk_level, resolution_rate_percent "
                 "FROM view_acct_security_findings_summary "
                 "WHERE account IN ('111111111111', '222222222222') AND service = 'Security Hub' "
                 "ORDER BY account"),
            "CRITICAL|Critical|30.00\nHIGH|High|25.00\n");
  EXPECT_EQ(Rows("SELECT resource_count, active_resources, inactive_resources "
                 "FROM view_service_resources_summary WHERE account_id = '111111111111' "
                 "AND service_name = 'EC2' AND resource_type = 'Instance' "
                 "AND resource_region = 'eu-west-1' AND availability_zone = 'eu-west-1a'"),
            "3|2|1\n");
  EXPECT_EQ(Rows("SELECT resource_count, total_monthly_savings, not_optimized_count, "
                 "savings_opportunities FROM view_compute_optimizer_summary "
                 "WHERE account = '111111111111' AND resource_type = 'EBS' "
                 "AND finding = 'NotOptimized'"),
            "2|8.00|2|1\n");
}

// D1 of the original: view_acct_summary took ONE cost report and ONE security row across all
// accounts. Each account now gets its own.
TEST_F(ViewsTest, AccountSummaryIsPerAccount) {
  LoadSmallDataSet();
  EXPECT_EQ(Rows("SELECT account, latest_cost::numeric(12,2), security_findings, high_findings, "
                 "security_health_score, instance_count, running_instances "
                 "FROM view_acct_summary ORDER BY account"),
            "111111111111|1234.57|12|3|1|2|1\n"
            "222222222222|13.75|4|2|2|1|1\n"
            "333333333333|0.00|3|0|5|0|0\n");
}

// D2 of the original: account_age_days was the day field of AGE() (0-30).
TEST_F(ViewsTest, AccountAgeIsTheNumberOfDaysSinceJoining) {
  LoadSmallDataSet();
  EXPECT_EQ(Rows("SELECT DISTINCT account_age_days = (CURRENT_DATE - joined_timestamp::date) "
                 "FROM view_summary"),
            "t\n");
  EXPECT_EQ(Rows("SELECT bool_and(account_age_days > 31) FROM view_summary"), "t\n");
}

}  // namespace
}  // namespace view360::warehouse
