// The receiver's mapping end to end (specs/view360.md §f.7, with the §g.2 fixes): the real
// `view360 ingest` binary loads a hand-written document (data/known_document.json) that feeds
// every one of the 36 tables into a real PostgreSQL, and each table is read back column by
// column. Then reloads: the same bytes, the same content with other whitespace, a changed
// document; and a document as the original sender writes it.
#include <gtest/gtest.h>
#include <sys/time.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common/process.h"
#include "support/temp_files.h"
#include "support/test_cluster.h"

namespace view360::testing {
namespace {

namespace fs = std::filesystem;
using warehouse::SqlValue;
using Rows = std::vector<std::vector<SqlValue>>;

const SqlValue N = std::nullopt;  // SQL NULL in expected rows.

// Rows in a fixed order, so that results compare as sets (no ORDER BY, no collation).
Rows Sorted(Rows rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

constexpr char kKnownKey[] = "data/111122223333/ap-southeast-1/2025-09-15_DAILY.json";
constexpr char kOriginalKey[] = "data/444455556666/us-east-1/2026-01-08_DAILY.json";

std::string Fixture(const std::string& name) {
  return std::string(VIEW360_INGEST_TEST_DIR) + "/data/" + name;
}

// Rows the known document puts in each table (all 36).
const std::map<std::string, int>& KnownCounts() {
  static const std::map<std::string, int> kCounts = {
      {"accounts", 1},
      {"contact_info", 1},
      {"alternate_contacts", 2},  // billing, security; operations is null.
      {"products", 2},            // Alpha, beta; "None" is no product (R2).
      {"product_accounts", 2},
      {"services", 2},
      {"cost_reports", 1},
      {"service_costs", 2},
      {"cost_forecasts", 2},
      {"config_reports", 1},
      {"non_compliant_resources", 2},
      {"security", 2},
      {"findings", 3},
      {"guard_duty_findings", 1},
      {"kms_keys", 2},
      {"waf_rules", 1},
      {"waf_rules_detailed", 2},
      {"cloudtrail_logs", 1},
      {"secrets_manager_secrets", 2},
      {"certificates", 1},
      {"inspector_findings", 1},
      {"inventory_instances", 2},
      {"inventory_applications", 3},
      {"inventory_patches", 2},
      {"marketplace_usage", 1},
      {"trusted_advisor_checks", 1},
      {"health_events", 1},
      {"application_signals", 1},
      {"resilience_hub_apps", 1},
      {"service_resources", 4},
      {"compute_optimizer", 2},
      {"config_inventory", 1},
      {"support_tickets", 1},
      {"ri_sp_daily_savings", 2},
      {"logs", 1},
      {"log_messages", 4},  // Every message, also two with the same tag (R9).
  };
  return kCounts;
}

// The per-table statistics of --output json for one table.
nlohmann::json Stats(int created, int updated, int unchanged, int deleted = 0) {
  return {
      {"created", created}, {"updated", updated}, {"unchanged", unchanged}, {"deleted", deleted}};
}

struct IngestRun {
  int exit_code = -1;
  std::string output;
  nlohmann::json summary;  // The --output json line.
};

// Runs `view360 --db <conninfo> --output json ingest --from <root>`.
IngestRun Ingest(const std::string& conninfo, const std::string& root) {
  auto result =
      RunProcess({VIEW360_BINARY, "--db", conninfo, "--output", "json", "ingest", "--from", root});
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  IngestRun run;
  if (!result.ok()) return run;
  run.exit_code = result->exit_code;
  run.output = result->output;
  std::istringstream lines(run.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (parsed.is_object() && parsed.contains("tables")) run.summary = parsed;
  }
  EXPECT_TRUE(run.summary.is_object()) << "no JSON summary in:\n" << run.output;
  return run;
}

void Put(const std::string& root, const std::string& key, const std::string& contents) {
  fs::create_directories(fs::path(root + "/" + key).parent_path());
  WriteFile(root + "/" + key, contents);
}

std::string LoadedKey(const std::string& key) { return "loaded/" + key.substr(5); }

// The warehouse as the tests read it: one connection, times printed in UTC.
class Warehouse {
 public:
  explicit Warehouse(const std::string& conninfo) : conn_(Connect(conninfo)) {
    EXPECT_TRUE(conn_.Execute("SET TimeZone = 'UTC'").ok());
  }

  Rows Query(const std::string& sql, const std::vector<SqlValue>& params = {}) {
    auto result = conn_.Query(sql, params);
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
    return result.ok() ? result->rows : Rows{};
  }

  std::string Value(const std::string& sql, const std::vector<SqlValue>& params = {}) {
    const Rows rows = Query(sql, params);
    if (rows.size() != 1 || rows[0].size() != 1) {
      ADD_FAILURE() << sql << ": expected one value, got " << rows.size() << " rows";
      return "";
    }
    return rows[0][0].value_or("NULL");
  }

  int64_t Count(const std::string& table) {
    return std::stoll(Value("SELECT count(*) FROM " + table));
  }

  // The one timestamp `select` gives is the instant the document wrote as `iso`.
  void ExpectInstant(const std::string& select, const std::string& iso) {
    const Rows rows =
        Query("SELECT (v = $1::timestamptz)::text, v::text FROM (" + select + ") x(v)", {iso});
    ASSERT_EQ(rows.size(), 1u) << select;
    EXPECT_EQ(rows[0][0], "true") << select << " gave " << rows[0][1].value_or("NULL")
                                  << ", the document says " << iso;
  }

  std::vector<std::string> Tables() {
    std::vector<std::string> tables;
    for (const auto& row : Query("SELECT table_name FROM information_schema.tables WHERE "
                                 "table_schema = 'public' AND table_type = 'BASE TABLE'")) {
      tables.push_back(*row[0]);
    }
    return tables;
  }

  // Every table's rows as text, sorted, without the bookkeeping times the database fills in
  // (created_at, updated_at with a default; non_compliant_resources.created_at is data, §f.7.4).
  std::map<std::string, std::vector<std::string>> Dump() {
    std::map<std::string, std::vector<std::string>> dump;
    for (const auto& table : Tables()) {
      std::string columns;
      for (const auto& row :
           Query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                 "AND table_name = $1 AND NOT (column_name IN ('created_at', 'updated_at') AND "
                 "column_default IS NOT NULL AND NOT (table_name = 'non_compliant_resources' AND "
                 "column_name = 'created_at')) ORDER BY ordinal_position",
                 {table})) {
        columns += (columns.empty() ? "" : ", ") + ("\"" + *row[0] + "\"");
      }
      auto& rows = dump[table];
      for (const auto& row : Query("SELECT ROW(" + columns + ")::text FROM " + table)) {
        rows.push_back(*row[0]);
      }
      std::sort(rows.begin(), rows.end());
    }
    return dump;
  }

  // updated_at of every row, where the database keeps one: (table, id) → time.
  std::map<std::pair<std::string, std::string>, std::string> UpdatedAt() {
    std::map<std::pair<std::string, std::string>, std::string> stamps;
    for (const auto& t : Query("SELECT table_name FROM information_schema.columns WHERE "
                               "table_schema = 'public' AND column_name = 'updated_at' AND "
                               "column_default IS NOT NULL")) {
      for (const auto& row : Query("SELECT id::text, updated_at::text FROM " + *t[0])) {
        stamps[{*t[0], *row[0]}] = row[1].value_or("NULL");
      }
    }
    return stamps;
  }

 private:
  warehouse::Connection conn_;
};

// --- The known document, loaded once --------------------------------------------------------

class KnownDocumentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conninfo_ = FreshDatabase();
    root_ = MakeTempDir("view360-ingest-known");
    Put(root_, kKnownKey, ReadFile(Fixture("known_document.json")));
    run_ = Ingest(conninfo_, root_);
  }

  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void SetUp() override {
    ASSERT_EQ(run_.exit_code, 0) << run_.output;
    warehouse_ = std::make_unique<Warehouse>(conninfo_);
  }

  Warehouse& w() { return *warehouse_; }

  inline static std::string conninfo_;
  inline static std::string root_;
  inline static IngestRun run_;
  std::unique_ptr<Warehouse> warehouse_;
};

TEST_F(KnownDocumentTest, LoadsOnceAndMovesToLoaded) {
  EXPECT_EQ(run_.summary["documents"], 1);
  EXPECT_EQ(run_.summary["loaded"], 1);
  EXPECT_EQ(run_.summary["failed"], 0) << run_.summary["failures"].dump(2);
  EXPECT_TRUE(fs::exists(root_ + "/" + LoadedKey(kKnownKey)));
  EXPECT_FALSE(fs::exists(root_ + "/" + kKnownKey));
}

TEST_F(KnownDocumentTest, FeedsAll36TablesAndTheSummaryCountsEveryRowAsCreated) {
  std::map<std::string, int> counts;
  for (const auto& table : w().Tables()) counts[table] = static_cast<int>(w().Count(table));
  EXPECT_EQ(counts, KnownCounts());
  nlohmann::json expected = nlohmann::json::object();
  int total = 0;
  for (const auto& [table, count] : KnownCounts()) {
    expected[table] = Stats(count, 0, 0);
    total += count;
  }
  EXPECT_EQ(run_.summary["tables"], expected);
  EXPECT_EQ(run_.summary["created"], total);
  EXPECT_EQ(run_.summary["updated"], 0);
  // Rows staged from the document: product links are made in SQL from the product names.
  EXPECT_EQ(run_.summary["rows"], total - KnownCounts().at("product_accounts"));
}

TEST_F(KnownDocumentTest, EveryRowBelongsToTheDocumentsAccount) {
  const std::string acct = w().Value("SELECT id FROM accounts WHERE account_id = '111122223333'");
  for (const auto& row :
       w().Query("SELECT c.table_name FROM information_schema.columns c JOIN "
                 "information_schema.tables t USING (table_schema, table_name) WHERE "
                 "c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = "
                 "'account_id' AND c.table_name <> 'accounts'")) {
    EXPECT_EQ(
        w().Value("SELECT count(*) FROM " + *row[0] + " WHERE account_id IS DISTINCT FROM " + acct),
        "0")
        << *row[0];
  }
}

TEST_F(KnownDocumentTest, AccountsWithThePlaceholdersOfF71) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT account_id, account_name, account_email, account_status, "
                       "account_arn, partner_name, customer_name, category, account_type, "
                       "joined_method, joined_timestamp::text, region, csp FROM accounts")),
      Sorted(Rows{{"111122223333", "Prod \"Main\" O'Brien \\ 日本 🚀", "unknown@example.com",
                   "ACTIVE", "arn:aws:organizations::111122223333:account", "None", "", "Both",
                   "PRODUCTION", "CREATED", "2019-03-03 23:36:07+00", "ap-southeast-1", "AWS"}}));
  w().ExpectInstant("SELECT joined_timestamp FROM accounts", "2019-03-04T05:06:07+05:30");
  // Byte for byte: quotes, a backslash, CJK and an astral emoji.
  EXPECT_EQ(w().Value("SELECT encode(convert_to(account_name, 'UTF8'), 'hex') FROM accounts"),
            "50726f6420224d61696e22204f27427269656e205c20e697a5e69cac20f09f9a80");
}

TEST_F(KnownDocumentTest, ContactInfoAndAlternateContactsWithTheirPhone) {
  EXPECT_EQ(
      Sorted(w().Query(
          "SELECT a.account_id, address_line1, address_line2, address_line3, city, "
          "country_code, postal_code, state_or_region, company_name, phone_number, "
          "website_url, full_name FROM contact_info c JOIN accounts a ON a.id = c.account_id")),
      Sorted(Rows{{"111122223333", "1 Harbour St\\Level 2", "Tab\there", N, "São Paulo", "BR",
                   "01310-100", "SP", "Acme 'Quoted' \"Corp\"", "+55 11 5555-0100",
                   "https://example.com/?a=1&b='2'", "José Łódź"}}));
  // R11: phone is mapped; a null contact type gives no row.
  EXPECT_EQ(
      Sorted(w().Query("SELECT a.account_id, contact_type, full_name, title, email, phone_number "
                       "FROM alternate_contacts c JOIN accounts a ON a.id = c.account_id")),
      Sorted(Rows{{"111122223333", "billing", "Bill Ing", "Finance", "billing@example.com",
                   "+1-202-555-0101"},
                  {"111122223333", "security", "Sec Urity", N, "security@example.com",
                   "+44 20 7946 0958"}}));
}

TEST_F(KnownDocumentTest, ProductsWithoutTheNonePlaceholder) {
  // R2: "Alpha, beta, None" names two products.
  EXPECT_EQ(Sorted(w().Query("SELECT name, owner, position, description FROM products")),
            Sorted(Rows{{"Alpha", "System", N, N}, {"beta", "System", N, N}}));
  EXPECT_EQ(
      Sorted(w().Query("SELECT p.name, a.account_id FROM product_accounts pa JOIN products p ON "
                       "p.id = pa.product_id JOIN accounts a ON a.id = pa.account_id")),
      Sorted(Rows{{"Alpha", "111122223333"}, {"beta", "111122223333"}}));
}

TEST_F(KnownDocumentTest, Services) {
  // A null currency takes the column default; a list of usage types is joined with ",".
  EXPECT_EQ(
      Sorted(w().Query("SELECT service, date_from::text, date_to::text, cost::text, currency, "
                       "utilization::text, utilization_unit, usage_types FROM services")),
      Sorted(Rows{{"Amazon Elastic Compute Cloud - Compute", "2025-09-14", "2025-09-15",
                   "12.3456789012", "USD", N, N, "Aggregated"},
                  {"Amazon Simple Storage Service", "2025-09-14", "2025-09-15", "0.0000000000",
                   "USD", "1.5000000000", "GB-Mo", "TimedStorage-ByteHrs,Requests-Tier1"}}));
}

TEST_F(KnownDocumentTest, CostReportWithItsServiceCostsAndForecasts) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT a.account_id, current_period_cost::text, "
                       "previous_period_cost::text, cost_difference::text, "
                       "cost_difference_percentage::text, potential_monthly_savings::text, "
                       "anomalies_detected, saving_opportunities_count, period_start::text, "
                       "period_end::text, period_granularity::text, c.region FROM cost_reports c "
                       "JOIN accounts a ON a.id = c.account_id")),
      Sorted(
          Rows{{"111122223333", "100.5000000000", "80.2500000000", "20.2500000000", "25.2336448598",
                "0.0000000000", "0", "0", "2025-09-14", "2025-09-15", "DAILY", "Global"}}));
  // Children hang from the cost report of their document.
  EXPECT_EQ(
      Sorted(w().Query("SELECT r.period_start::text, s.service_name, s.cost::text, s.region "
                       "FROM service_costs s JOIN cost_reports r ON r.id = s.cost_report_id")),
      Sorted(
          Rows{{"2025-09-14", "Amazon Elastic Compute Cloud - Compute", "60.1000000000", "Global"},
               {"2025-09-14", "Amazon S3 \"Glacier\" — Deep Archive", "0.0000012000", "Global"}}));
  EXPECT_EQ(
      Sorted(
          w().Query("SELECT r.period_start::text, f.period_start::text, f.period_end::text, "
                    "f.amount::text, f.prediction_interval_lower_bound::text, "
                    "f.prediction_interval_upper_bound::text, f.region FROM cost_forecasts f JOIN "
                    "cost_reports r ON r.id = f.cost_report_id")),
      Sorted(Rows{{"2025-09-14", "2025-09-15", "2025-10-01", "1500.7500000000", N, N, "Global"},
                  {"2025-09-14", "2025-10-01", "2025-11-01", "3000.0000000000", N, N, "Global"}}));
}

TEST_F(KnownDocumentTest, ConfigReportWithItsResources) {
  // curr_compliant is absent: its default 0.
  EXPECT_EQ(
      Sorted(w().Query("SELECT a.account_id, date_from::text, date_to::text, "
                       "compliance_score::text, total_rules, compliant_rules, "
                       "non_compliant_rules, curr_non_compliant, curr_compliant FROM "
                       "config_reports c JOIN accounts a ON a.id = c.account_id")),
      Sorted(Rows{{"111122223333", "2025-09-14", "2025-09-15", "66.67", "3", "2", "1", "1", "0"}}));
  // config_rule_invoked_time → created_at; status keeps its default.
  EXPECT_EQ(
      Sorted(w().Query(
          "SELECT r.date_from::text, n.rule_name, n.resource_id, n.resource_type, "
          "n.compliance_type, n.created_at::text, n.annotation, n.evaluation_mode, "
          "n.conformance_pack, n.status FROM non_compliant_resources n JOIN config_reports "
          "r ON r.id = n.config_report_id")),
      Sorted(Rows{
          {"2025-09-14", "s3-bucket-public-read-prohibited", "my-bucket", "AWS::S3::Bucket",
           "NON_COMPLIANT", "2025-09-14 13:00:00.5+00", "Robert'); DROP TABLE config_reports;--",
           "DETECTIVE", "Standalone", "OPEN"},
          {"2025-09-14", "encrypted-volumes", "vol-0123456789abcdef0", "AWS::EC2::Volume",
           "COMPLIANT", "2025-09-14 11:00:00+00", N, N, "Operational-Best-Practices", "OPEN"}}));
  w().ExpectInstant(
      "SELECT created_at FROM non_compliant_resources WHERE resource_id = 'my-bucket'",
      "2025-09-14T10:00:00.5-03:00");
}

TEST_F(KnownDocumentTest, SecurityHubGroupsAndTheirFindings) {
  // An absent INFORMATIONAL count takes the default 0.
  EXPECT_EQ(Sorted(w().Query("SELECT service, total_findings, critical_count, high_count, "
                             "medium_count, low_count, informational_count, open_findings, "
                             "resolved_findings FROM security")),
            Sorted(Rows{{"Security Hub", "2", "1", "1", "0", "0", "0", "2", "0"},
                        {"GuardDuty", "1", "0", "0", "1", "0", "0", "1", "0"}}));
  const std::string hub =
      "arn:aws:securityhub:ap-southeast-1:111122223333:subscription/"
      "aws-foundational-security-best-practices/v/1.0.0/";
  // Each finding hangs from its own group's security row.
  EXPECT_EQ(Sorted(w().Query(
                "SELECT s.service, f.finding_id, f.service, f.title, f.description, f.severity, "
                "f.status, f.resource_type, f.resource_id, f.created_at::text, "
                "f.updated_at::text, f.recommendation, f.compliance_status, f.region, "
                "f.workflow_state, f.record_state, f.product_name, f.company_name, "
                "f.product_arn, f.generator_id, f.generator FROM findings f JOIN security s ON "
                "s.id = f.security_id")),
            Sorted(Rows{{"Security Hub",
                         hub + "S3.2/finding/0001",
                         "AwsS3Bucket",
                         "S3 bucket 'logs' has \"public\" read\tACL\nsecond line",
                         "'); DROP TABLE accounts; --",
                         "CRITICAL",
                         "NEW",
                         "AwsS3Bucket",
                         "arn:aws:s3:::logs",
                         "2025-09-14 10:00:00.123+00",
                         "2025-09-14 10:30:00+00",
                         "Use C:\\Temp\\path and \\N and 100% of _under_ é",
                         "FAILED",
                         "ap-southeast-1",
                         "NEW",
                         "ACTIVE",
                         "Security Hub",
                         "AWS",
                         "arn:aws:securityhub:ap-southeast-1::product/aws/securityhub",
                         "aws-foundational-security-best-practices/v/1.0.0/S3.2",
                         "Security Hub"},
                        {"Security Hub",
                         hub + "EC2.8/finding/0002",
                         "AwsEc2Instance",
                         "EC2 instance 日本語 🔥",
                         N,
                         "HIGH",
                         "NOTIFIED",
                         "AwsEc2Instance",
                         "i-0aaaaaaaaaaaaaaaa",
                         "2025-09-14 13:00:00+00",
                         "2025-09-14 09:00:00+00",
                         N,
                         N,
                         "ap-southeast-1",
                         "",
                         "ACTIVE",
                         "Security Hub",
                         "AWS",
                         "arn:aws:securityhub:ap-southeast-1::product/aws/securityhub",
                         N,
                         "Security Hub"},
                        {"GuardDuty",
                         "arn:aws:guardduty:ap-southeast-1:111122223333:detector/d1/finding/f3",
                         "AwsEc2Instance",
                         "Port probe",
                         "Unprotected port on EC2 instance i-0bbbbbbbbbbbbbbbb is being probed.",
                         "MEDIUM",
                         "NEW",
                         "AwsEc2Instance",
                         "i-0bbbbbbbbbbbbbbbb",
                         "2025-09-14 01:00:00+00",
                         "2025-09-14 01:00:00+00",
                         N,
                         N,
                         "ap-southeast-1",
                         "NEW",
                         "ACTIVE",
                         "GuardDuty",
                         "Amazon",
                         "arn:aws:securityhub:ap-southeast-1::product/aws/guardduty",
                         "arn:aws:guardduty:ap-southeast-1:111122223333:detector/d1",
                         "GuardDuty"}}));
  // R4: offsets are honoured; a time without one is UTC.
  w().ExpectInstant("SELECT updated_at FROM findings WHERE finding_id LIKE '%/0001'",
                    "2025-09-14T12:30:00+02:00");
  w().ExpectInstant("SELECT created_at FROM findings WHERE finding_id LIKE '%/0002'",
                    "2025-09-14T08:00:00-05:00");
  w().ExpectInstant("SELECT updated_at FROM findings WHERE finding_id LIKE '%/0002'",
                    "2025-09-14T09:00:00Z");
}

TEST_F(KnownDocumentTest, GuardDutyKmsWafAndRules) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT detector_id, finding_type, severity::text, title, description, "
                       "confidence::text, region FROM guard_duty_findings")),
      Sorted(Rows{{"gd-finding-0001", "Recon:EC2/PortProbeUnprotectedPort", "5.3",
                   "Unprotected port on EC2 instance is being probed",
                   "Tab\tand newline\nin description", N, "ap-southeast-1"}}));
  // Null booleans take the column defaults: enabled TRUE, key_rotation_enabled FALSE.
  EXPECT_EQ(Sorted(w().Query(
                "SELECT key_id, arn, description, key_usage, key_state, creation_date::text, "
                "enabled, key_rotation_enabled FROM kms_keys")),
            Sorted(Rows{
                {"1234abcd-12ab-34cd-56ef-1234567890ab",
                 "arn:aws:kms:ap-southeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                 "Default key for \"prod\"", "ENCRYPT_DECRYPT", "Enabled",
                 "2020-01-02 03:04:05.678+00", "t", "f"},
                {"abcd1234-ab12-cd34-ef56-abcdef123456",
                 "arn:aws:kms:ap-southeast-1:111122223333:key/abcd1234-ab12-cd34-ef56-abcdef123456",
                 "", "SIGN_VERIFY", "PendingDeletion", "2021-06-06 22:09:10+00", "t", "f"}}));
  // default_action is jsonb; blocked_countries is the text Python's json.dumps writes.
  EXPECT_EQ(Sorted(w().Query(
                "SELECT name, waf_id, arn, scope, description, default_action = "
                "'{\"Allow\": {}}'::jsonb, rules_count, logging_enabled, geo_blocking_enabled, "
                "blocked_countries FROM waf_rules")),
            Sorted(Rows{{"prod-acl", "11111111-2222-3333-4444-555555555555",
                         "arn:aws:wafv2:ap-southeast-1:111122223333:regional/webacl/prod-acl/"
                         "11111111-2222-3333-4444-555555555555",
                         "REGIONAL", "", "t", "2", "t", "t", R"(["KP", "IR"])"}}));
  EXPECT_EQ(
      Sorted(w().Query(
          "SELECT web_acl_name, rule_name, priority, action, statement_type, "
          "is_managed_rule, is_custom_rule, rate_limit, logging_enabled, geo_blocking, "
          "sql_injection, sample_request_enabled, cloudwatch_enabled, has_xss_protection, "
          "waf_version, is_compliant, scope FROM waf_rules_detailed")),
      Sorted(Rows{{"prod-acl", "AWS-AWSManagedRulesSQLiRuleSet", "0", R"({"None": {}})",
                   "ManagedRuleGroupStatement", "t", "f", "f", "t", "f", "t", "t", "t", "f", "v2",
                   "t", "REGIONAL"},
                  {"prod-acl", "block-countries", "1", R"({"Block": {}})", "GeoMatchStatement", "f",
                   "t", "f", "t", "t", "f", "f", "f", "f", "v2", "t", "REGIONAL"}}));
}

TEST_F(KnownDocumentTest, CloudTrailSecretsCertificatesInspector) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT name, arn, is_logging, is_multi_region, s3_bucket, kms_key_id, "
                       "log_file_validation, latest_delivery_time::text FROM cloudtrail_logs")),
      Sorted(Rows{{"org-trail", "arn:aws:cloudtrail:ap-southeast-1:111122223333:trail/org-trail",
                   "t", "t", "org-trail-bucket", N, "f", "2025-09-14 23:59:59.999999+00"}}));
  EXPECT_EQ(
      Sorted(
          w().Query("SELECT name, arn, description, created_date::text, last_changed_date::text, "
                    "rotation_enabled FROM secrets_manager_secrets")),
      Sorted(Rows{
          {"prod/db/password",
           "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:prod/db/password-AbCdEf",
           "DB password\twith tab", "2023-03-04 05:06:07.123+00", "2025-09-01 07:00:00+00", "t"},
          {"api-key-ü", "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:api-key-XyZ123",
           N, "2024-01-01 00:00:00+00", N, "f"}}));
  EXPECT_EQ(
      Sorted(w().Query("SELECT arn, domain_name, status, type, not_after::text FROM certificates")),
      Sorted(Rows{{"arn:aws:acm:ap-southeast-1:111122223333:certificate/cert-1", "*.example.com",
                   "ISSUED", "AMAZON_ISSUED", "2026-01-31 23:59:59+00"}}));
  EXPECT_EQ(Sorted(w().Query("SELECT finding_arn, severity, status, type, title, description, "
                             "first_observed_at::text FROM inspector_findings")),
            Sorted(Rows{{"arn:aws:inspector2:ap-southeast-1:111122223333:finding/abc123", "HIGH",
                         "ACTIVE", "PACKAGE_VULNERABILITY", "CVE-2025-0001 - openssl",
                         "A flaw in <openssl> & \"friends\"", "2025-09-14 13:00:00+00"}}));
  w().ExpectInstant("SELECT first_observed_at FROM inspector_findings",
                    "2025-09-14T08:00:00-05:00");
  w().ExpectInstant(
      "SELECT last_changed_date FROM secrets_manager_secrets WHERE name = "
      "'prod/db/password'",
      "2025-09-01T00:00:00-07:00");
}

TEST_F(KnownDocumentTest, InstancesWithTheirOwnApplicationsAndPatches) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT instance_id, instance_type, platform, ip_address, computer_name, "
                       "ping_status, last_ping_date_time::text, agent_version, platform_type, "
                       "platform_version, is_latest_version, association_status, "
                       "association_execution_date::text, association_success_date::text FROM "
                       "inventory_instances")),
      Sorted(
          Rows{{"i-0aaaaaaaaaaaaaaaa", "EC2Instance", "Amazon Linux", "10.0.0.1",
                "ip-10-0-0-1.ec2.internal", "Online", "2025-09-14 15:00:00+00", "3.3.40.0", "Linux",
                "2023", "t", "Success", "2025-09-14 22:00:00+00", "2025-09-14 22:00:00+00"},
               {"i-0bbbbbbbbbbbbbbbb", "EC2Instance", "Microsoft Windows Server 2022 Datacenter",
                "fe80::1", "EC2AMAZ-ÉTÉ", "ConnectionLost", "2025-09-13 12:00:00+00", "3.3.40.0",
                "Windows", "10.0.20348", "f", N, N, N}}));
  // R3: the same application on two instances is two rows, each on its own instance; an
  // install time of "" is NULL.
  EXPECT_EQ(Sorted(w().Query(
                "SELECT i.instance_id, a.name, a.version, a.publisher, a.architecture, "
                "a.application_type, a.install_time::text FROM inventory_applications a JOIN "
                "inventory_instances i ON i.id = a.instance_id AND i.account_id = a.account_id")),
            Sorted(Rows{{"i-0aaaaaaaaaaaaaaaa", "nginx", "1.24.0", "Amazon Linux", "x86_64",
                         "System Environment/Daemons", "2025-01-02 03:04:05+00"},
                        {"i-0bbbbbbbbbbbbbbbb", "nginx", "1.25.3", "F5, Inc.", "x86_64", N, N},
                        {"i-0bbbbbbbbbbbbbbbb", "Python 3.12.1 (64-bit)", "3.12.1150.0",
                         "Python Software Foundation", "x86_64", N, "2024-12-24 00:00:00+00"}}));
  EXPECT_EQ(Sorted(w().Query(
                "SELECT i.instance_id, p.title, p.classification, p.severity, p.state, "
                "p.installed_time::text FROM inventory_patches p JOIN inventory_instances i ON "
                "i.id = p.instance_id AND i.account_id = p.account_id")),
            Sorted(Rows{{"i-0aaaaaaaaaaaaaaaa", "openssl-3.0.8-1.amzn2023", "Security", "Important",
                         "Installed", "2025-09-14 05:00:00+00"},
                        {"i-0bbbbbbbbbbbbbbbb", "2025-09 Cumulative Update for Windows (KB5030000)",
                         "SecurityUpdates", "Critical", "Installed", "2025-09-14 10:00:00+00"}}));
  w().ExpectInstant(
      "SELECT last_ping_date_time FROM inventory_instances WHERE instance_id = "
      "'i-0aaaaaaaaaaaaaaaa'",
      "2025-09-14T23:00:00+08:00");
}

TEST_F(KnownDocumentTest, MarketplaceTrustedAdvisorHealthApplicationSignalsResilienceHub) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT product_code, product_name, cost_consumed::text, currency, "
                       "period_start::text, period_end::text, status FROM marketplace_usage")),
      Sorted(Rows{{"prod-abc123", "Example SaaS ™", "12.5000000000", "USD", "2025-09-14",
                   "2025-09-15", "ACTIVE"}}));
  EXPECT_EQ(
      Sorted(w().Query("SELECT check_name, category, severity, recommendation, "
                       "affected_resources_count, potential_savings::text, timestamp::text FROM "
                       "trusted_advisor_checks")),
      Sorted(Rows{{"Low Utilization Amazon EC2 Instances", "cost_optimizing", "warning",
                   "<b>Check</b> &amp; \"fix\" <a href='x'>link</a>", "3", "123.4500000000",
                   "2025-09-14 12:00:00+00"}}));
  EXPECT_EQ(Sorted(w().Query("SELECT arn, service, event_type_code, region, start_time::text, "
                             "end_time::text, status_code FROM health_events")),
            Sorted(Rows{{"arn:aws:health:ap-southeast-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/abc",
                         "EC2", "AWS_EC2_OPERATIONAL_ISSUE", "ap-southeast-1",
                         "2025-09-13 18:00:00+00", N, "open"}}));
  w().ExpectInstant("SELECT start_time FROM health_events", "2025-09-14T03:00:00+09:00");
  EXPECT_EQ(Sorted(w().Query("SELECT service_name, namespace, key_attributes = '{\"Environment\": "
                             "\"eks:prod/checkout\", \"Name\": \"checkout-api\", \"Type\": "
                             "\"Service\"}'::jsonb FROM application_signals")),
            Sorted(Rows{{"checkout-api", "eks:prod/checkout", "t"}}));
  EXPECT_EQ(Sorted(w().Query(
                "SELECT app_arn, name, description, creation_time::text, "
                "last_assessment_time::text, compliance_status, resiliency_score::text, status, "
                "rpo, rto, last_drill::text, cost::text FROM resilience_hub_apps")),
            Sorted(Rows{{"arn:aws:resiliencehub:ap-southeast-1:111122223333:app/app-1", "checkout",
                         "Checkout \"critical\" path", "2025-09-14 10:00:00+00",
                         "2025-09-14 10:00:00.25+00", "PolicyMet", "87.50", "Active", "3600",
                         "7200", N, N}}));
}

TEST_F(KnownDocumentTest, ServiceResourcesWithCompactZonesAndRoundedSizes) {
  // The ELB's four AZs (63 characters) are stored compactly in varchar(50); Lambda's 1.5 GiB
  // and the group's max_size 2.5 round half to even; instance_count "" is NULL.
  EXPECT_EQ(Sorted(w().Query(
                "SELECT service_name, resource_type, resource_id, resource_name, region, "
                "availability_zone, state, instance_type, vpc_id, engine, instance_class, "
                "multi_az, size_gb, volume_type, creation_date::text, type, scheme, "
                "instance_count, min_size, max_size, available_ip_count FROM service_resources")),
            Sorted(Rows{{"EC2",
                         "Instance",
                         "i-0aaaaaaaaaaaaaaaa",
                         "web-1 \"blue\"",
                         "ap-southeast-1",
                         "ap-southeast-1a",
                         "running",
                         "m5.large",
                         "vpc-0123",
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N},
                        {"ELB",
                         "LoadBalancer",
                         "prod-alb",
                         "prod-alb",
                         "ap-southeast-1",
                         "ap-southeast-1a,b,c,d",
                         "active",
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         "application",
                         "internet-facing",
                         N,
                         N,
                         N,
                         N},
                        {"Lambda",
                         "Function",
                         "arn:aws:lambda:ap-southeast-1:111122223333:function:resize",
                         "resize",
                         "ap-southeast-1",
                         "Generic",
                         N,
                         "python3.12",
                         "",
                         "python3.12",
                         "",
                         "t",
                         "2",
                         "EphemeralStorage",
                         "2024-05-06 07:08:09.123+00",
                         "Zip",
                         "arm64",
                         "1",
                         N,
                         "512",
                         N},
                        {"AutoScaling",
                         "AutoScalingGroup",
                         "web-asg",
                         "web-asg",
                         "ap-southeast-1",
                         "ap-southeast-1a,ap-southeast-1b",
                         "Inactive",
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         N,
                         "0",
                         "2",
                         N}}));
}

TEST_F(KnownDocumentTest, ComputeOptimizerRiSpSavingsConfigInventorySupportTickets) {
  EXPECT_EQ(
      Sorted(w().Query("SELECT resource_type, resource_arn, resource_name, finding, "
                       "current_instance_type, current_memory_size, current_volume_type, "
                       "current_volume_size, recommended_instance_type, recommended_memory_size, "
                       "recommended_volume_type, recommended_volume_size, "
                       "savings_opportunity_percentage::text, estimated_monthly_savings_usd::text, "
                       "performance_risk::text, cpu_utilization_max::text, "
                       "memory_utilization_avg::text, migration_effort FROM compute_optimizer")),
      Sorted(Rows{{"EC2", "arn:aws:ec2:ap-southeast-1:111122223333:instance/i-0aaaaaaaaaaaaaaaa",
                   "web-1", "Overprovisioned", "m5.large", N, N, N, "t3.large", N, N, N, "33.30",
                   "25.55", "1.00", "0.00", "0.00", N},
                  {"EBS", "arn:aws:ec2:ap-southeast-1:111122223333:volume/vol-0123456789abcdef0", N,
                   "NotOptimized", N, N, "gp2", "100", N, N, "gp3", "100", "20.00", "2.00", "0.00",
                   N, N, N}}));
  EXPECT_EQ(Sorted(w().Query(
                "SELECT date_from::text, date_to::text, reservation_type, subscription_id, "
                "offering_id, savings_plan_arn, service, instance_type, instance_count, "
                "instance_family, instance_tenancy, offering_class, offering_type, product_types, "
                "region, utilization_percentage::text, on_demand_cost::text, "
                "reservation_cost::text, net_savings::text, commitment::text, upfront_cost::text, "
                "recurring_cost::text, recurring_frequency, usage_price::text, currency, "
                "start_date::text, end_date::text, returnable_until::text, duration_seconds, "
                "state, description FROM ri_sp_daily_savings")),
            Sorted(Rows{{"2025-09-14",
                         "2025-09-15",
                         "Reserved Instance",
                         "ri-0123456789abcdef0",
                         N,
                         N,
                         "Amazon EC2",
                         "m5.large",
                         "2",
                         N,
                         "default",
                         "standard",
                         "No Upfront",
                         "Linux/UNIX",
                         "Region",
                         "90.26",
                         "26.34",
                         "17.22",
                         "9.12",
                         "70.08",
                         "0.00",
                         "0.10",
                         "Hourly",
                         "0.00",
                         "USD",
                         "2025-01-01 00:00:00+00",
                         "2026-01-01 00:00:00+00",
                         N,
                         "31536000",
                         "active",
                         "2x m5.large Linux/UNIX"},
                        {"2025-09-14",
                         "2025-09-15",
                         "Savings Plan",
                         "sp-1",
                         "off-1",
                         "arn:aws:savingsplans::111122223333:savingsplan/sp-1",
                         "AWS Savings Plans",
                         "Compute",
                         N,
                         N,
                         N,
                         N,
                         "No Upfront",
                         "EC2,Fargate,Lambda",
                         "ap-southeast-1",
                         "0.00",
                         "0.00",
                         "0.00",
                         "0.00",
                         "1.50",
                         "0.00",
                         "1095.00",
                         N,
                         N,
                         "USD",
                         "2025-01-01 00:00:00+00",
                         "2028-01-01 00:00:00+00",
                         N,
                         "94608000",
                         "active",
                         "3 year No Upfront Compute SP"}}));
  EXPECT_EQ(Sorted(w().Query(
                "SELECT resource_type, resource_subtype, resource_id, resource_name, region, "
                "availability_zone, state, instance_type, vpc_id, engine, instance_class, "
                "multi_az, size_gb, volume_type, creation_date::text, type, scheme, "
                "instance_count, min_size, max_size, available_ip_count FROM config_inventory")),
            Sorted(Rows{{"AWS::EC2::Instance",
                         "m5.large",
                         "i-0aaaaaaaaaaaaaaaa",
                         "web-1",
                         "ap-southeast-1",
                         "ap-southeast-1a",
                         "running",
                         "m5.large",
                         "vpc-0123",
                         N,
                         N,
                         "f",
                         "8",
                         "gp3",
                         "2024-02-03 04:05:06+00",
                         N,
                         N,
                         N,
                         N,
                         N,
                         N}}));
  // language is absent: its default "en".
  EXPECT_EQ(Sorted(w().Query("SELECT case_id, display_id, subject, status, severity_code, "
                             "service_code, category_code, time_created::text, submitted_by, "
                             "language, date_from::text, date_to::text FROM support_tickets")),
            Sorted(Rows{{"case-111122223333-2025-abc", "1234567890",
                         "Ticket with CJK 漢字, emoji 😀 and \"quotes\"", "opened", "low",
                         "amazon-elastic-compute-cloud-linux", "other", "2025-09-14 09:10:11+00",
                         "ops@example.com", "en", "2025-09-14", "2025-09-15"}}));
}

TEST_F(KnownDocumentTest, LogsAtCollectionTimeWithEveryMessage) {
  // R9: date_created = view360.collected_at; the five statuses without a column are dropped.
  EXPECT_EQ(
      Sorted(w().Query("SELECT a.account_id, l.date_created::text, l.account_status, cost_status, "
                       "service_status, security_status, config_status, inventory_status, "
                       "marketplace_status, trusted_advisor_status, health_status, "
                       "application_status, resilience_hub_status FROM logs l JOIN accounts a "
                       "ON a.id = l.account_id")),
      Sorted(Rows{{"111122223333", "2025-09-14 23:02:03.456789+00", "Pass", "Pass", "Pass", "Pass",
                   "Fail", "Pass", "Pass", "Pass", "Pass", "Pass", "Pass"}}));
  w().ExpectInstant("SELECT date_created FROM logs", "2025-09-15T01:02:03.456789+02:00");
  EXPECT_EQ(
      Sorted(w().Query("SELECT l.date_created::text, m.message_type, m.message FROM log_messages m "
                       "JOIN logs l ON l.id = m.log_id")),
      Sorted(Rows{
          {"2025-09-14 23:02:03.456789+00", "config",
           "An error occurred (AccessDeniedException) when calling the DescribeConformancePacks "
           "operation"},
          {"2025-09-14 23:02:03.456789+00", "security_hub", "first error"},
          {"2025-09-14 23:02:03.456789+00", "security_hub", "second error\nwith newline"},
          {"2025-09-14 23:02:03.456789+00", "INFO", "plain text message"}}));
}

// --- Loading again --------------------------------------------------------------------------

class ReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = FreshDatabase();
    root_ = MakeTempDir("view360-ingest-reload");
    known_ = ReadFile(Fixture("known_document.json"));
    Put(root_, kKnownKey, known_);
    const IngestRun first = Ingest(conninfo_, root_);
    ASSERT_EQ(first.exit_code, 0) << first.output;
    ASSERT_EQ(first.summary["loaded"], 1) << first.output;
    warehouse_ = std::make_unique<Warehouse>(conninfo_);
    before_ = warehouse_->Dump();
    stamps_ = warehouse_->UpdatedAt();
  }

  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  IngestRun IngestAgain(const std::string& contents) {
    Put(root_, kKnownKey, contents);
    IngestRun run = Ingest(conninfo_, root_);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(run.summary["failed"], 0) << run.summary["failures"].dump(2);
    return run;
  }

  // Tables whose rows differ from before the reload.
  std::set<std::string> ChangedTables() {
    std::set<std::string> changed;
    const auto after = warehouse_->Dump();
    for (const auto& [table, rows] : after) {
      if (before_[table] != rows) changed.insert(table);
    }
    return changed;
  }

  Warehouse& w() { return *warehouse_; }

  std::string conninfo_, root_, known_;
  std::unique_ptr<Warehouse> warehouse_;
  std::map<std::string, std::vector<std::string>> before_;
  std::map<std::pair<std::string, std::string>, std::string> stamps_;
};

TEST_F(ReloadTest, SameBytesAgainAreSkippedByTheLedgerAndOnlyMoved) {
  ASSERT_EQ(before_.size(), 36u);
  for (const auto& [table, rows] : before_) EXPECT_FALSE(rows.empty()) << table;
  const IngestRun again = IngestAgain(ReadFile(root_ + "/" + LoadedKey(kKnownKey)));
  EXPECT_EQ(again.summary["documents"], 1);
  EXPECT_EQ(again.summary["already_loaded"], 1);
  EXPECT_EQ(again.summary["loaded"], 0);
  EXPECT_EQ(again.summary["tables"], nlohmann::json::object());
  EXPECT_EQ(ChangedTables(), std::set<std::string>{});
  EXPECT_EQ(w().UpdatedAt(), stamps_);
  EXPECT_TRUE(fs::exists(root_ + "/" + LoadedKey(kKnownKey)));
  EXPECT_FALSE(fs::exists(root_ + "/" + kKnownKey));
}

TEST_F(ReloadTest, SameContentWithOtherWhitespaceLoadsAgainAndChangesNothing) {
  const IngestRun again = IngestAgain(" " + known_ + "\n\n");
  EXPECT_EQ(again.summary["loaded"], 1);
  EXPECT_EQ(again.summary["already_loaded"], 0);
  nlohmann::json expected = nlohmann::json::object();
  int total = 0;
  for (const auto& [table, count] : KnownCounts()) {
    expected[table] = Stats(0, 0, count);
    total += count;
  }
  EXPECT_EQ(again.summary["tables"], expected);
  EXPECT_EQ(again.summary["created"], 0);
  EXPECT_EQ(again.summary["updated"], 0);
  EXPECT_EQ(again.summary["unchanged"], total);
  EXPECT_EQ(ChangedTables(), std::set<std::string>{});
  EXPECT_EQ(w().UpdatedAt(), stamps_);
}

TEST_F(ReloadTest, ChangedDocumentUpdatesOnlyTheRowsThatChanged) {
  auto doc = nlohmann::ordered_json::parse(known_);
  // A cost changes; one finding is gone (and its group's counts); one more KMS key; one
  // product replaced by another; one log message fewer, and a status changed.
  doc["cost"]["current_period_cost"] = 101.5;
  doc["cost"]["cost_difference"] = 21.25;
  doc["cost"]["top_services"][0]["cost"] = 61.1;
  auto& group = doc["security"]["security_hub"][0];
  group["findings"].erase(1);
  group["total_findings"] = 1;
  group["severity_counts"]["HIGH"] = 0;
  group["open_findings"] = 1;
  auto key = doc["security"]["kms"][0];
  key["key_id"] = "99999999-0000-0000-0000-000000000000";
  key["arn"] = "arn:aws:kms:ap-southeast-1:111122223333:key/99999999-0000-0000-0000-000000000000";
  doc["security"]["kms"].push_back(key);
  doc["account"]["product"] = "Alpha, Gamma";
  doc["logs"]["message"].erase(3);
  doc["logs"]["cost_status"] = "Fail";
  const IngestRun changed = IngestAgain(doc.dump(4));
  EXPECT_EQ(changed.summary["loaded"], 1);

  nlohmann::json expected = nlohmann::json::object();
  for (const auto& [table, count] : KnownCounts()) expected[table] = Stats(0, 0, count);
  expected["cost_reports"] = Stats(0, 1, 0);
  expected["service_costs"] = Stats(0, 1, 1);
  expected["security"] = Stats(0, 1, 1);
  expected["findings"] = Stats(0, 0, 2);
  expected["kms_keys"] = Stats(1, 0, 2);
  expected["products"] = Stats(1, 0, 1);
  expected["product_accounts"] = Stats(1, 0, 1, 1);
  expected["logs"] = Stats(0, 1, 0);
  expected["log_messages"] = Stats(0, 0, 3, 1);
  EXPECT_EQ(changed.summary["tables"], expected);

  EXPECT_EQ(ChangedTables(),
            (std::set<std::string>{"cost_reports", "service_costs", "security", "kms_keys",
                                   "products", "product_accounts", "logs", "log_messages"}));
  EXPECT_EQ(w().Value("SELECT current_period_cost::text || ' ' || cost_difference::text FROM "
                      "cost_reports"),
            "101.5000000000 21.2500000000");
  EXPECT_EQ(Sorted(w().Query("SELECT service_name, cost::text FROM service_costs")),
            Sorted(Rows{{"Amazon Elastic Compute Cloud - Compute", "61.1000000000"},
                        {"Amazon S3 \"Glacier\" — Deep Archive", "0.0000012000"}}));
  EXPECT_EQ(w().Value("SELECT total_findings || ' ' || high_count || ' ' || open_findings FROM "
                      "security WHERE service = 'Security Hub'"),
            "1 0 1");
  // The receiver deletes nothing a later document leaves out: the finding stays, with its
  // group; so does the product no account names any more...
  EXPECT_EQ(Sorted(w().Query("SELECT s.service, f.title FROM findings f JOIN security s ON s.id = "
                             "f.security_id WHERE f.finding_id LIKE '%/0002'")),
            Sorted(Rows{{"Security Hub", "EC2 instance 日本語 🔥"}}));
  EXPECT_EQ(w().Count("findings"), 3);
  EXPECT_EQ(Sorted(w().Query("SELECT name FROM products")),
            Sorted(Rows{{"Alpha"}, {"beta"}, {"Gamma"}}));
  // ...except the account's product links and its log's messages, which the document replaces.
  EXPECT_EQ(Sorted(w().Query("SELECT p.name FROM product_accounts pa JOIN products p ON p.id = "
                             "pa.product_id")),
            Sorted(Rows{{"Alpha"}, {"Gamma"}}));
  EXPECT_EQ(Sorted(w().Query("SELECT message_type, message FROM log_messages")),
            Sorted(Rows{{"config",
                         "An error occurred (AccessDeniedException) when calling the "
                         "DescribeConformancePacks operation"},
                        {"security_hub", "first error"},
                        {"security_hub", "second error\nwith newline"}}));
  EXPECT_EQ(w().Count("logs"), 1);
  EXPECT_EQ(w().Value("SELECT cost_status FROM logs"), "Fail");

  // updated_at moves on the rows that changed, and only on them.
  const std::string hub_id = w().Value("SELECT id FROM security WHERE service = 'Security Hub'");
  const std::string log_id = w().Value("SELECT id FROM logs");
  std::set<std::pair<std::string, std::string>> moved;
  for (const auto& [row, stamp] : w().UpdatedAt()) {
    auto it = stamps_.find(row);
    if (it != stamps_.end() && it->second != stamp) moved.insert(row);
  }
  EXPECT_EQ(moved, (std::set<std::pair<std::string, std::string>>{{"logs", log_id},
                                                                  {"security", hub_id}}));
}

// --- The original sender's document ---------------------------------------------------------

TEST(OriginalSenderDocument, LoadsAsTheOriginalSenderWritesIt) {
  // json.dumps(indent=4), ASCII only, no "view360" block, "None" placeholders, nulls, and a
  // config section that is [] because its collector failed.
  const std::string conninfo = FreshDatabase();
  const std::string root = MakeTempDir("view360-ingest-original");
  Put(root, kOriginalKey, ReadFile(Fixture("original_sender_document.json")));
  // Without logs.date_created or view360.collected_at, the logs row is dated by the object's
  // last-modified time.
  const struct timeval mtime[2] = {{1767834005, 0}, {1767834005, 0}};  // 2026-01-08T01:00:05Z
  ASSERT_EQ(utimes((root + "/" + kOriginalKey).c_str(), mtime), 0);

  const IngestRun run = Ingest(conninfo, root);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.summary["loaded"], 1);
  EXPECT_EQ(run.summary["failed"], 0) << run.summary["failures"].dump(2);
  EXPECT_TRUE(fs::exists(root + "/" + LoadedKey(kOriginalKey)));

  Warehouse w(conninfo);
  std::map<std::string, int> counts;
  for (const auto& table : w.Tables()) {
    if (const int64_t n = w.Count(table); n > 0) counts[table] = static_cast<int>(n);
  }
  EXPECT_EQ(counts, (std::map<std::string, int>{{"accounts", 1},
                                                {"services", 1},
                                                {"cost_reports", 1},
                                                {"service_costs", 1},
                                                {"security", 1},
                                                {"findings", 1},
                                                {"kms_keys", 1},
                                                {"trusted_advisor_checks", 1},
                                                {"service_resources", 2},
                                                {"logs", 1},
                                                {"log_messages", 3}}));
  // Every null account member gets its §f.7.1 placeholder; "None" strings are kept as written.
  EXPECT_EQ(Sorted(w.Query("SELECT account_id, account_name, account_email, account_status, "
                           "account_arn, partner_name, customer_name, category, account_type, "
                           "joined_method, joined_timestamp::text, region, csp FROM accounts")),
            Sorted(Rows{{"444455556666", "444455556666", "unknown@example.com", "ACTIVE",
                         "arn:aws:organizations::444455556666:account", "None", "None", "None",
                         "None", "CREATED", "1970-01-01 00:00:00+00", "us-east-1", "AWS"}}));
  EXPECT_EQ(Sorted(w.Query("SELECT cost::text FROM services")), Sorted(Rows{{"0.0000012000"}}));
  EXPECT_EQ(Sorted(w.Query("SELECT current_period_cost::text, previous_period_cost::text, "
                           "cost_difference_percentage::text FROM cost_reports")),
            Sorted(Rows{{"0.0000012000", "0.0000000000", "0.0000000000"}}));
  EXPECT_EQ(Sorted(w.Query("SELECT f.title, f.created_at::text, f.workflow_state FROM findings f")),
            Sorted(Rows{{"Ensure hardware MFA is enabled for the \"root\" user",
                         "2026-01-07 10:00:00.123+00", ""}}));
  EXPECT_EQ(Sorted(w.Query(
                "SELECT description, creation_date::text, key_rotation_enabled FROM kms_keys")),
            Sorted(Rows{{"Prod Ünïcode", "2024-01-07 05:00:00.123456+00", "t"}}));
  EXPECT_EQ(Sorted(w.Query("SELECT potential_savings, timestamp FROM trusted_advisor_checks")),
            Sorted(Rows{{N, N}}));
  EXPECT_EQ(
      Sorted(w.Query("SELECT service_name, availability_zone, size_gb, creation_date::text FROM "
                     "service_resources")),
      Sorted(Rows{{"S3", N, N, "2024-03-01 12:00:00+00"},
                  {"Lambda", "Generic", "0", "2024-05-06 07:08:09.123+00"}}));
  w.ExpectInstant("SELECT date_created FROM logs", "2026-01-08T01:00:05Z");
  EXPECT_EQ(Sorted(w.Query("SELECT config_status, cost_status FROM logs")),
            Sorted(Rows{{"Fail", "Pass"}}));
  EXPECT_EQ(
      Sorted(w.Query("SELECT message_type, message FROM log_messages")),
      Sorted(Rows{{"config",
                   "An error occurred (AccessDeniedException) when calling the DescribeConfigRules "
                   "operation"},
                  {"Forecast unavailable",
                   "An error occurred (DataUnavailableException) when calling the GetCostForecast "
                   "operation"},
                  {"support_tickets", "str.replace() takes no keyword arguments"}}));
  std::error_code ec;
  fs::remove_all(root, ec);
}

}  // namespace
}  // namespace view360::testing
