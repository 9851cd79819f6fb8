// The warehouse the API tests read, and the verbs they use: an organisation of four accounts
// over 40 days (5 September to 14 October 2025) written as receiver documents, loaded by two
// in-process ingest runs, served by an in-process DashboardServer, asked over HTTP.
//
// What is loaded (every figure the tests expect is then read back with SQL of their own):
//   990000000000 shop-prod     Acme / Northwind, PRODUCTION, Checkout; us-east-1 for 40 days
//                              and eu-west-1 for the last 10 (inventory, Config, findings only;
//                              product Analytics there)
//   990000000001 shop-dev      Acme, DEVELOPMENT, Search
//   990000000002 data-prod     Globex / Northwind, PRODUCTION, Search until 24 September, then
//                              Billing (the receiver keeps the latest)
//   990000000003 legacy-stage  Globex, STAGING, Checkout; its documents stop on 9 October
// Each home-region document: six services' costs (a different mix per account), a cost report
// with a forecast, Security Hub findings of every severity (some resolved, suppressed or
// archived later), a Config report with non-compliant resources, Health events and Support cases
// from their first day on. One more document, of 990000000009, is malformed and fails.
// The database's TimeZone is Pacific/Auckland: the API must answer in UTC regardless.
//
// Header-only: each *_test.cpp under tests/serve/ is its own binary.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "ingest/receiver.h"
#include "serve/server.h"
#include "store/object_store.h"
#include "support/temp_files.h"
#include "support/test_cluster.h"
#include "warehouse/connection.h"
#include "warehouse/warehouse.h"

namespace view360::serve::testing {

using nlohmann::json;
using view360::testing::Connect;

// ---------------------------------------------------------------------------------------------
// Dates: day 0 is 2025-09-05, day 39 (kDays - 1) is 2025-10-14, the latest day with cost data.

inline constexpr int kDays = 40;
inline constexpr char kLatestDay[] = "2025-10-14";

inline int DaysFromCivil(int y, int m, int d) {  // Howard Hinnant's algorithm.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline std::string CivilFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", yoe + era * 400 + (m <= 2), m, d);
  return text;
}

// "2025-09-05" + index days.
inline std::string Day(int index) { return CivilFromDays(DaysFromCivil(2025, 9, 5) + index); }

// ---------------------------------------------------------------------------------------------
// The organisation

struct AccountSpec {
  std::string id, name, customer, partner, environment;
  std::string product, later_product;  // later_product from day kProductChangeDay on.
  int last_day;                        // Its last document's day.
};

inline constexpr int kProductChangeDay = 20;

inline const std::vector<AccountSpec>& Accounts() {
  static const std::vector<AccountSpec> kAccounts = {
      {"990000000000", "shop-prod", "Acme", "Northwind", "PRODUCTION", "Checkout", "", kDays - 1},
      {"990000000001", "shop-dev", "Acme", "", "DEVELOPMENT", "Search", "", kDays - 1},
      {"990000000002", "data-prod", "Globex", "Northwind", "PRODUCTION", "Search", "Billing",
       kDays - 1},
      {"990000000003", "legacy-stage", "Globex", "", "STAGING", "Checkout", "", 34},
  };
  return kAccounts;
}

inline constexpr char kFailedAccount[] = "990000000009";
inline constexpr char kSecondRegion[] = "eu-west-1";
inline constexpr int kSecondRegionFirstDay = 30;  // 990000000000 in eu-west-1 from here.
inline constexpr int kSecondRun = 30;             // Days from here are loaded by a second run.

inline const std::vector<std::string>& Services() {
  static const std::vector<std::string> kServices = {"Amazon Elastic Compute Cloud - Compute",
                                                     "Amazon Relational Database Service",
                                                     "Amazon Simple Storage Service",
                                                     "AWS Lambda",
                                                     "Amazon CloudWatch",
                                                     "Amazon DynamoDB"};
  return kServices;
}

inline const std::vector<std::string>& Severities() {
  static const std::vector<std::string> kSeverities = {"CRITICAL", "HIGH", "MEDIUM", "LOW",
                                                       "INFORMATIONAL"};
  return kSeverities;
}

// Cents, so that every sum is exact: account a's cost of service s on day d, or 0 when the
// account does not use it (each account skips one service; 990000000003 skips two).
inline int CostCents(int a, int s, int d) {
  if ((a + s) % 6 == 5 || (a == 3 && s == 0)) return 0;
  const int base = 100 * (s + 1) * (4 - a % 3) + 37 * a;
  const int trend = (s % 3) * 7 * d;  // Some services grow, which makes movers.
  return base + trend + (d % 7) * 3;
}

inline json Money(int cents) { return json(cents / 100.0); }

inline std::string Iso(const std::string& day, int hour) {
  char text[64];
  std::snprintf(text, sizeof text, "%sT%02d:00:00+00:00", day.c_str(), hour);
  return text;
}

// Finding k of account a in region: severity, first day, and what becomes of it.
struct FindingSpec {
  std::string id, severity, title, resource;
  int first_day;
  std::string workflow;  // NEW, NOTIFIED; a change to change_to on change_day.
  std::string change_to;
  int change_day;
  std::string record_state;  // ACTIVE or ARCHIVED (from change_day when changed).
};

inline std::vector<FindingSpec> Findings(int a, const std::string& account,
                                         const std::string& region) {
  std::vector<FindingSpec> out;
  const int count = 4 + a + (region == kSecondRegion ? -2 : 0);
  for (int k = 0; k < count; ++k) {
    FindingSpec f;
    f.id = "arn:aws:securityhub:" + region + ":" + account + ":finding/" + std::to_string(k);
    f.severity = Severities()[(a + k) % 5];
    f.title = "Finding " + std::to_string(k) + " of " + account;
    f.resource = "arn:aws:s3:::bucket-" + account + "-" + std::to_string(k);
    f.first_day = (k * 7 + a * 3) % 30 + (region == kSecondRegion ? kSecondRegionFirstDay : 0);
    f.workflow = k % 2 ? "NOTIFIED" : "NEW";
    f.change_day = f.first_day + 4;
    f.record_state = "ACTIVE";
    if (k % 4 == 2) f.change_to = "RESOLVED";
    if (k == 5) f.change_to = "SUPPRESSED";
    if (k == 3 && a == 1) f.change_to = "ARCHIVED";  // record_state, not workflow.
    out.push_back(f);
  }
  return out;
}

// A valid DAILY document of account a (an index of Accounts()) in region for day d, made from
// the receiver tests' template (tests/ingest/data/receiver_document.json).
inline json MakeDocument(int a, const std::string& region, int d) {
  static const std::string kTemplate = view360::testing::ReadFile(
      std::string(VIEW360_INGEST_TEST_DIR) + "/data/receiver_document.json");
  const AccountSpec& spec = Accounts()[a];
  std::string text = kTemplate;
  auto replace_all = [&text](const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("101000000002", spec.id);
  replace_all("us-east-1", region);
  json doc = json::parse(text);
  const bool home = region == "us-east-1";
  const std::string day = Day(d), next = Day(d + 1);

  json& account = doc["account"];
  account["account_name"] = spec.name;
  account["customer_name"] = spec.customer;
  account["partner_name"] = spec.partner.empty() ? json(nullptr) : json(spec.partner);
  account["account_type"] = spec.environment;
  account["product"] = region == kSecondRegion                                 ? "Analytics"
                       : !spec.later_product.empty() && d >= kProductChangeDay ? spec.later_product
                                                                               : spec.product;
  account["region"] = region;

  // Costs: the home region only (account-wide categories, docs/document.md).
  doc["service"] = json::array();
  int total = 0;
  json top = json::array();
  for (size_t s = 0; home && s < Services().size(); ++s) {
    const int cents = CostCents(a, static_cast<int>(s), d);
    if (cents == 0) continue;
    total += cents;
    doc["service"].push_back({{"service", Services()[s]},
                              {"usage_types", "Aggregated"},
                              {"date_from", day},
                              {"date_to", next},
                              {"cost", Money(cents)},
                              {"currency", "USD"},
                              {"utilization", nullptr},
                              {"utilization_unit", nullptr}});
    top.push_back({{"service", Services()[s]}, {"cost", Money(cents)}});
  }
  if (home) {
    // The forecast of the rest of the month and of the next one.
    const int month_end = d < 26 ? 26 : kDays + 17;  // Day 26 is 1 October, 57 is 1 November.
    doc["cost"] = {{"account_id", spec.id},
                   {"current_period_cost", Money(total)},
                   {"previous_period_cost", Money(total - 50)},
                   {"cost_difference", Money(50)},
                   {"cost_difference_percentage", 1.5},
                   {"top_services", top},
                   {"period", {{"start", day}, {"end", next}, {"granularity", "DAILY"}}},
                   {"forecast",
                    {{{"period", {{"start", next}, {"end", Day(month_end)}}},
                      {"amount", Money(10000 + 1000 * a + 10 * d)}},
                     {{"period", {{"start", Day(month_end)}, {"end", Day(month_end + 30)}}},
                      {"amount", Money(300000 + 10000 * a)}}}}};
  } else {
    doc["cost"] = json::array();  // The empty value of a section not collected here.
  }

  // Security Hub: the findings that exist by day d, as they are that day.
  json findings = json::array();
  json counts = {{"CRITICAL", 0}, {"HIGH", 0}, {"MEDIUM", 0}, {"LOW", 0}, {"INFORMATIONAL", 0}};
  int open = 0;
  for (const FindingSpec& f : Findings(a, spec.id, region)) {
    if (f.first_day > d) continue;
    const bool changed = !f.change_to.empty() && d >= f.change_day;
    std::string workflow = f.workflow, record = f.record_state;
    if (changed && f.change_to == "ARCHIVED") record = "ARCHIVED";
    if (changed && f.change_to != "ARCHIVED") workflow = f.change_to;
    counts[f.severity] = counts[f.severity].get<int>() + 1;
    open += workflow == "NEW" || workflow == "NOTIFIED";
    findings.push_back(
        {{"finding_id", f.id},
         {"service", "Security Hub"},
         {"title", f.title},
         {"description", "A test finding."},
         {"severity", f.severity},
         {"status", workflow},
         {"resource_type", "AwsS3Bucket"},
         {"resource_id", f.resource},
         {"created_at", Iso(Day(f.first_day), 23)},
         {"updated_at", Iso(Day(changed ? f.change_day : f.first_day), 23)},
         {"recommendation", "Fix it."},
         {"compliance_status", "FAILED"},
         {"region", region},
         {"workflow_state", workflow},
         {"record_state", record},
         {"product_name", "Security Hub"},
         {"company_name", "AWS"},
         {"product_arn", "arn:aws:securityhub:" + region + "::product/aws/securityhub"},
         {"generator_id", "test/" + std::to_string(a)},
         {"generator", "T." + std::to_string(a)}});
  }
  json& hub = doc["security"]["security_hub"][0];
  hub["findings"] = findings;
  hub["total_findings"] = findings.size();
  hub["severity_counts"] = counts;
  hub["open_findings"] = open;
  hub["resolved_findings"] = static_cast<int>(findings.size()) - open;

  // Config: 20 rules, a score that moves by day, non-compliant resources (and one compliant,
  // which is not listed).
  const int compliant = 8 + (a * 5 + d + (home ? 0 : 3)) % 12;
  json& config = doc["config"];
  config["date_from"] = day;
  config["date_to"] = next;
  config["total_rules"] = 20;
  config["compliant_rules"] = compliant;
  config["non_compliant_rules"] = 20 - compliant;
  config["compliance_score"] = compliant * 5.0;
  json resources = json::array();
  for (int r = 0; r < 2 + (a + d) % 3; ++r) {
    resources.push_back({{"rule_name", "rule-" + std::to_string(r)},
                         {"resource_id", spec.id + "-" + region + "-res-" + std::to_string(r)},
                         {"resource_type", r % 2 ? "AWS::S3::Bucket" : "AWS::EC2::Instance"},
                         {"config_rule_invoked_time", Iso(day, 4)},
                         {"conformance_pack", "Standalone"},
                         {"compliance_type", "NON_COMPLIANT"},
                         {"annotation", "needs work " + std::to_string(r)},
                         {"evaluation_mode", "DETECTIVE"}});
  }
  resources.push_back({{"rule_name", "rule-ok"},
                       {"resource_id", spec.id + "-fine"},
                       {"resource_type", "AWS::S3::Bucket"},
                       {"config_rule_invoked_time", Iso(day, 4)},
                       {"conformance_pack", "Standalone"},
                       {"compliance_type", "COMPLIANT"},
                       {"annotation", nullptr},
                       {"evaluation_mode", "DETECTIVE"}});
  config["non_compliant_resources"] = resources;

  // Health events and Support cases (account-wide): each from its first day on.
  doc["health"] = json::array();
  doc["support_tickets"] = json::array();
  for (int e = 0; home && e < 2; ++e) {
    const int start = e * 9 + a * 2;
    if (start > d) continue;
    const bool open_event = e == 1;
    doc["health"].push_back(
        {{"arn", "arn:aws:health:us-east-1::event/EC2/ISSUE/" + spec.id + "-" + std::to_string(e)},
         {"service", e ? "RDS" : "EC2"},
         {"event_type_code", e ? "AWS_RDS_MAINTENANCE_SCHEDULED" : "AWS_EC2_OPERATIONAL_ISSUE"},
         {"event_type_category", e ? "scheduledChange" : "issue"},
         {"region", "us-east-1"},
         {"availability_zone", nullptr},
         {"start_time", Iso(Day(start), 8 + e)},
         {"end_time", open_event ? json(nullptr) : json(Iso(Day(start), 14))},
         {"last_updated_time", Iso(Day(start), 15)},
         {"status_code", open_event ? "open" : "closed"},
         {"event_scope_code", "ACCOUNT_SPECIFIC"}});
  }
  for (int t = 0; home && t < 1 + a; ++t) {
    const int created = (t * 11 + a * 2) % 36;
    if (created > d) continue;
    doc["support_tickets"].push_back(
        {{"case_id", "case-" + spec.id + "-" + std::to_string(t)},
         {"display_id", std::to_string(1000 + a * 10 + t)},
         {"subject", "Question " + std::to_string(t) + " from " + spec.name},
         {"status", t % 2 ? "resolved" : "opened"},
         {"severity_code", t % 2 ? "low" : "high"},
         {"service_code", t % 2 ? "amazon-rds" : "amazon-ec2"},
         {"category_code", "other"},
         {"time_created", Iso(Day(created), 10 + t)},
         {"submitted_by", "ops@example.com"},
         {"language", "en"},
         {"date_from", day},
         {"date_to", next}});
  }

  // Collection runs: every third day of every second account, Security Hub and Trusted
  // Advisor failed with a message each (operations/collections).
  if (a % 2 == 1 && d % 3 == 0) {
    doc["logs"]["security_status"] = "Fail";
    doc["logs"]["trusted_advisor_status"] = "Fail";
    doc["logs"]["message"].push_back(
        {{"security_hub", "securityhub GetFindings: AccessDeniedException (HTTP 403)"}});
    doc["logs"]["message"].push_back(
        {{"trusted_advisor",
          "support DescribeTrustedAdvisorChecks: SubscriptionRequiredException"}});
  }

  doc["view360"]["collected_at"] = Iso(next, 6);
  doc["view360"]["window"] = {{"start", day}, {"end", next}};
  return doc;
}

// Where the sender puts that document.
inline std::string DocumentKey(const std::string& account, const std::string& region, int d) {
  return "data/" + account + "/" + region + "/" + Day(d + 1) + "_DAILY.json";
}

inline void PutDocument(const std::string& root, const std::string& key, const std::string& text) {
  const std::filesystem::path path = std::filesystem::path(root) / key;
  std::filesystem::create_directories(path.parent_path());
  view360::testing::WriteFile(path.string(), text);
}

// Runs the receiver over root/data/ in-process; fails the test on a warehouse error.
inline ingest::IngestSummary Ingest(const std::string& conninfo, const std::string& root) {
  auto store = store::OpenStore(root, {});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return {};
  ingest::IngestOptions options;
  options.store = store->get();
  options.connect = [conninfo] { return warehouse::Connection::Open(conninfo); };
  options.jobs = 2;
  auto summary = ingest::RunIngest(options);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return summary.ok() ? *summary : ingest::IngestSummary{};
}

// A fresh warehouse loaded with the organisation above; its conninfo.
inline std::string LoadWarehouse() {
  const std::string conninfo = view360::testing::FreshDatabase();
  {
    auto conn = Connect(conninfo);
    EXPECT_TRUE(conn.Execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone TO "
                             "''Pacific/Auckland''', current_database()); END $$")
                    .ok());
  }
  warehouse::WarehouseTarget target;
  target.conninfo = conninfo;
  auto migrated = warehouse::OpenWarehouse(target, /*migrate=*/true);
  EXPECT_TRUE(migrated.ok()) << migrated.status().ToString();

  const std::string root = view360::testing::MakeTempDir("serve-api-store");
  auto write_days = [&](int first, int last) {
    for (size_t a = 0; a < Accounts().size(); ++a) {
      const AccountSpec& spec = Accounts()[a];
      for (int d = first; d <= std::min(last, spec.last_day); ++d) {
        PutDocument(root, DocumentKey(spec.id, "us-east-1", d),
                    MakeDocument(static_cast<int>(a), "us-east-1", d).dump());
        if (a == 0 && d >= kSecondRegionFirstDay) {
          PutDocument(root, DocumentKey(spec.id, kSecondRegion, d),
                      MakeDocument(0, kSecondRegion, d).dump());
        }
      }
    }
  };
  write_days(0, kSecondRun - 1);
  // A document the receiver refuses: it lacks two sections the original receiver requires.
  json broken = MakeDocument(1, "us-east-1", 3);
  broken["account"]["account_id"] = kFailedAccount;
  broken.erase("logs");
  broken.erase("health");
  PutDocument(root, DocumentKey(kFailedAccount, "us-east-1", 3), broken.dump());
  const ingest::IngestSummary first = Ingest(conninfo, root);
  EXPECT_EQ(first.failed, 1);
  write_days(kSecondRun, kDays - 1);
  const ingest::IngestSummary second = Ingest(conninfo, root);
  EXPECT_EQ(second.failed, 0);
  EXPECT_GT(second.loaded, 0);
  std::error_code ec;
  std::filesystem::remove_all(root, ec);
  return conninfo;
}

// ---------------------------------------------------------------------------------------------
// The server and HTTP

struct Answer {
  int status = 0;
  std::string body;
  json value;  // The body parsed; discarded when it is not JSON.
  httplib::Headers headers;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline Answer HttpGet(int port, const std::string& target, const httplib::Headers& headers = {}) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  Answer answer;
  auto res = client.Get(target, headers);
  if (!res) {
    ADD_FAILURE() << "GET " << target << ": " << httplib::to_string(res.error());
    return answer;
  }
  answer.status = res->status;
  answer.body = res->body;
  answer.headers = res->headers;
  answer.value = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
  return answer;
}

// How many warehouse changes the server has heard (view360_api_cache_generation in /metrics),
// or -1 while it is not listening (then it keeps no answer).
inline long long HeardChanges(int port) {
  const Answer metrics = HttpGet(port, "/metrics");
  auto gauge = [&](const std::string& name) -> long long {
    const size_t at = metrics.body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stoll(metrics.body.substr(at + name.size() + 2));
  };
  return gauge("view360_api_cache_listening") == 1 ? gauge("view360_api_cache_generation") : -1;
}

// Runs SQL that writes the warehouse, then waits until the server has heard of it: answers it
// kept from before are not served again (docs/serve.md, "Answer cache").
inline void WriteAndWaitUntilHeard(warehouse::Connection& conn, int port, const std::string& sql) {
  const long long before = HeardChanges(port);
  const Status status = conn.Execute(sql);
  ASSERT_TRUE(status.ok()) << sql << "\n" << status.ToString();
  if (before < 0) return;  // Not listening: nothing is kept.
  for (int i = 0; i < 1000 && HeardChanges(port) <= before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GT(HeardChanges(port), before) << "the server never heard of: " << sql.substr(0, 200);
}

inline std::unique_ptr<DashboardServer> StartServer(const std::string& conninfo,
                                                    ServeOptions options = {}) {
  options.port = 0;
  auto server = std::make_unique<DashboardServer>(
      [conninfo] { return warehouse::Connection::Open(conninfo); }, options);
  const Status started = server->Start();
  EXPECT_TRUE(started.ok()) << started.ToString();
  return server;
}

}  // namespace view360::serve::testing
