// The security category (specs/view360.md §b.7, §c.5, §g S2 S3 S5 S9 S14 S16) against moto
// (state created through its APIs by setup_security.py) and the simulator (many pages, details,
// a service that is not enabled).
#include <gtest/gtest.h>

#include <algorithm>

#include <set>

#include "collect/categories/common.h"
#include "collect_fixture.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

using nlohmann::ordered_json;

std::vector<std::string> Keys(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : object.items()) keys.push_back(k);
  return keys;
}

// The element of `array` whose `key` is `value`; fails the test when there is none.
ordered_json ByKey(const ordered_json& array, const std::string& key, const std::string& value) {
  for (const auto& item : array) {
    if (item.contains(key) && item[key] == value) return item;
  }
  ADD_FAILURE() << "no element with " << key << " = " << value << " in " << array.dump();
  return ordered_json::object();
}

// The logs.message tags, in order.
std::vector<std::string> MessageTags(const CategoryRun& run) {
  std::vector<std::string> tags;
  for (const auto& message : run.logs["message"]) tags.push_back(message.begin().key());
  return tags;
}

int64_t Calls(const CategoryRun& run, const std::string& op) {
  const auto it = run.collected.calls.find(op);
  return it == run.collected.calls.end() ? 0 : it->second;
}

const std::vector<std::string> kFindingMembers = {
    "finding_id",     "service",           "title",       "description",    "severity",
    "status",         "resource_type",     "resource_id", "created_at",     "updated_at",
    "recommendation", "compliance_status", "region",      "workflow_state", "record_state",
    "product_name",   "company_name",      "product_arn", "generator_id",   "generator"};

// ---- moto ------------------------------------------------------------------------------------

TEST(SecurityCategory, MotoSecurityHubGroupsByProductOnceEachSortedBySize) {
  ResetMoto();
  MotoSetup("security.security_hub");
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_EQ(Keys(run.section),
            (std::vector<std::string>{"security_hub", "guard_duty", "kms", "waf", "waf_rules",
                                      "cloudtrail", "secrets_manager", "certificate_manager",
                                      "inspector"}));
  // moto ignores filters, so both queries return all six: each is counted once.
  EXPECT_EQ(Calls(run, "securityhub:GetFindings"), 2);
  const auto& hub = run.section["security_hub"];
  ASSERT_EQ(hub.size(), 3u) << hub.dump();
  EXPECT_EQ(hub[0]["service"], "Security Hub");
  EXPECT_EQ(hub[1]["service"], "Inspector");
  EXPECT_EQ(hub[2]["service"], "GuardDuty") << "imported first, but the smallest group";
  EXPECT_EQ(Keys(hub[0]),
            (std::vector<std::string>{"service", "total_findings", "severity_counts",
                                      "open_findings", "resolved_findings", "findings"}));
  EXPECT_EQ(hub[0]["total_findings"], 3);
  EXPECT_EQ(hub[0]["open_findings"], 2);
  EXPECT_EQ(hub[0]["resolved_findings"], 1);
  EXPECT_EQ(hub[0]["severity_counts"],
            ordered_json(
                {{"CRITICAL", 1}, {"HIGH", 2}, {"MEDIUM", 0}, {"LOW", 0}, {"INFORMATIONAL", 0}}));
  EXPECT_EQ(hub[1]["total_findings"], 2);
  EXPECT_EQ(hub[1]["open_findings"], 2) << "NOTIFIED is open";
  EXPECT_EQ(hub[1]["severity_counts"]["LOW"], 1);
  EXPECT_EQ(hub[2]["findings"][0]["finding_id"], "gd-1");

  const auto sh1 = ByKey(hub[0]["findings"], "finding_id", "sh-1");
  EXPECT_EQ(Keys(sh1), kFindingMembers);
  EXPECT_EQ(sh1["service"], "AwsS3Bucket") << "the resource type, as the original";
  EXPECT_EQ(sh1["resource_type"], "AwsS3Bucket");
  EXPECT_EQ(sh1["resource_id"], "arn:aws:resource:::sh-1");
  EXPECT_EQ(sh1["title"], "S3.8");
  EXPECT_EQ(sh1["severity"], "CRITICAL");
  EXPECT_EQ(sh1["status"], "NEW");
  EXPECT_EQ(sh1["created_at"], "2025-09-14T10:00:00.123Z") << "ASFF strings verbatim";
  EXPECT_EQ(sh1["recommendation"], "Block public access");
  EXPECT_EQ(sh1["compliance_status"], "FAILED");
  EXPECT_EQ(sh1["region"], "us-east-1");
  EXPECT_EQ(sh1["workflow_state"], "");
  EXPECT_EQ(sh1["record_state"], "ACTIVE");
  EXPECT_EQ(sh1["product_name"], "Security Hub");
  EXPECT_EQ(sh1["company_name"], "AWS");
  EXPECT_EQ(sh1["generator_id"], "generator-sh-1");
  EXPECT_EQ(sh1["generator"], "Security Hub");
  const auto sh2 = ByKey(hub[0]["findings"], "finding_id", "sh-2");
  EXPECT_TRUE(sh2["recommendation"].is_null());
  EXPECT_TRUE(sh2["compliance_status"].is_null());
}

TEST(SecurityCategory, MotoKmsKeysWithRotationAndState) {
  ResetMoto();
  const auto keys = MotoSetup("security.kms");
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto& kms = run.section["kms"];
  ASSERT_EQ(kms.size(), 3u);
  const auto rotating = ByKey(kms, "key_id", keys["rotating"]);
  EXPECT_EQ(Keys(rotating),
            (std::vector<std::string>{"key_id", "arn", "description", "key_usage", "key_state",
                                      "creation_date", "enabled", "key_rotation_enabled"}));
  EXPECT_EQ(rotating["key_rotation_enabled"], true);
  EXPECT_EQ(rotating["description"], "rotating key");
  EXPECT_EQ(rotating["key_usage"], "ENCRYPT_DECRYPT");
  EXPECT_EQ(rotating["key_state"], "Enabled");
  EXPECT_EQ(rotating["enabled"], true);
  EXPECT_TRUE(rotating["arn"].get<std::string>().ends_with(keys["rotating"].get<std::string>()));
  EXPECT_TRUE(rotating["creation_date"].get<std::string>().ends_with("+00:00"));
  const auto plain = ByKey(kms, "key_id", keys["plain"]);
  EXPECT_EQ(plain["key_rotation_enabled"], false);
  EXPECT_TRUE(plain["key_usage"].is_null()) << "moto omits KeyUsage unless it was given";
  const auto disabled = ByKey(kms, "key_id", keys["disabled"]);
  EXPECT_EQ(disabled["enabled"], false);
  EXPECT_EQ(disabled["key_state"], "Disabled");
}

TEST(SecurityCategory, MotoCloudFrontWebAclAndItsRulesFromOneListing) {
  ResetMoto();
  const auto acl = MotoSetup("security.waf", {{"scope", "CLOUDFRONT"}});
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  // One listing per scope (REGIONAL and CLOUDFRONT), one GetWebACL per ACL, and no
  // ListResourcesForWebACL for CloudFront ACLs (§g S5).
  EXPECT_EQ(Calls(run, "wafv2:ListWebACLs"), 2);
  EXPECT_EQ(Calls(run, "wafv2:GetWebACL"), 2);
  EXPECT_EQ(Calls(run, "wafv2:ListResourcesForWebACL"), 0);

  const auto& waf = run.section["waf"];
  ASSERT_EQ(waf.size(), 2u) << waf.dump();
  const auto edge = ByKey(waf, "name", acl["name"]);
  EXPECT_EQ(Keys(edge), (std::vector<std::string>{"name",
                                                  "id",
                                                  "arn",
                                                  "scope",
                                                  "description",
                                                  "default_action",
                                                  "rules_count",
                                                  "capacity",
                                                  "managed_rules_count",
                                                  "custom_rules_count",
                                                  "rate_limit_rules_count",
                                                  "associated_resources",
                                                  "associated_resources_count",
                                                  "logging_enabled",
                                                  "log_destinations",
                                                  "geo_blocking_enabled",
                                                  "blocked_countries",
                                                  "ip_sets",
                                                  "created_date",
                                                  "last_modified",
                                                  "tags",
                                                  "sampled_requests_enabled",
                                                  "cloudwatch_metrics_enabled"}));
  EXPECT_EQ(edge["id"], acl["id"]);
  EXPECT_EQ(edge["arn"], acl["arn"]);
  EXPECT_EQ(edge["scope"], "CLOUDFRONT");
  EXPECT_EQ(edge["description"], "Protects the shop");
  EXPECT_EQ(edge["default_action"], ordered_json({{"Allow", ordered_json::object()}}));
  EXPECT_EQ(edge["rules_count"], 5);
  EXPECT_TRUE(edge["capacity"].is_number_integer());
  EXPECT_EQ(edge["managed_rules_count"], 1);
  EXPECT_EQ(edge["rate_limit_rules_count"], 1);
  EXPECT_EQ(edge["custom_rules_count"], 3);
  EXPECT_EQ(edge["associated_resources"], ordered_json::array());
  EXPECT_EQ(edge["associated_resources_count"], 0);
  EXPECT_EQ(edge["logging_enabled"], true);
  EXPECT_EQ(edge["log_destinations"], ordered_json({acl["stream"]}));
  EXPECT_EQ(edge["geo_blocking_enabled"], true);
  EXPECT_EQ(edge["blocked_countries"], ordered_json({"KP", "IR"}));
  EXPECT_EQ(edge["ip_sets"], ordered_json({acl["ip_set"]}));
  EXPECT_TRUE(edge["created_date"].is_null());
  EXPECT_TRUE(edge["last_modified"].is_null());
  EXPECT_EQ(edge["tags"], ordered_json::array());
  EXPECT_EQ(edge["sampled_requests_enabled"], true);
  EXPECT_EQ(edge["cloudwatch_metrics_enabled"], true);
  const auto bare = ByKey(waf, "name", acl["bare_name"]);
  EXPECT_EQ(bare["logging_enabled"], false) << "no logging configuration is an answer";
  EXPECT_EQ(bare["rules_count"], 0);
  EXPECT_EQ(bare["description"], "");
  EXPECT_EQ(bare["default_action"], ordered_json({{"Block", ordered_json::object()}}));
  EXPECT_EQ(bare["sampled_requests_enabled"], false);

  const auto& rules = run.section["waf_rules"];
  ASSERT_EQ(rules.size(), 5u) << rules.dump();
  EXPECT_EQ(Keys(rules[0]),
            (std::vector<std::string>{
                "web_acl_name", "rule_name", "priority", "action", "statement_type",
                "is_managed_rule", "is_custom_rule", "rate_limit", "logging_enabled",
                "geo_blocking", "sql_injection", "sample_request_enabled", "cloudwatch_enabled",
                "has_xss_protection", "waf_version", "is_compliant", "scope"}));
  const auto managed = ByKey(rules, "rule_name", "aws-sqli");
  EXPECT_EQ(managed["web_acl_name"], acl["name"]);
  EXPECT_EQ(managed["priority"], 0);
  EXPECT_EQ(managed["action"], ordered_json({{"None", ordered_json::object()}}));
  EXPECT_EQ(managed["statement_type"], "ManagedRuleGroupStatement");
  EXPECT_EQ(managed["is_managed_rule"], true);
  EXPECT_EQ(managed["is_custom_rule"], false);
  EXPECT_EQ(managed["sql_injection"], true) << "an AWS group named ...SQLi...";
  EXPECT_EQ(managed["is_compliant"], true);
  EXPECT_EQ(managed["logging_enabled"], true);
  EXPECT_EQ(managed["waf_version"], "v2");
  EXPECT_EQ(managed["scope"], "CLOUDFRONT");
  const auto rate = ByKey(rules, "rule_name", "rate-limit");
  EXPECT_EQ(rate["rate_limit"], true);
  EXPECT_EQ(rate["action"], ordered_json({{"Block", ordered_json::object()}}));
  EXPECT_EQ(rate["sample_request_enabled"], false);
  EXPECT_EQ(rate["cloudwatch_enabled"], true);
  const auto geo = ByKey(rules, "rule_name", "geo-block");
  EXPECT_EQ(geo["geo_blocking"], true);
  EXPECT_EQ(geo["cloudwatch_enabled"], false);
  EXPECT_EQ(geo["is_custom_rule"], true);
  const auto ips = ByKey(rules, "rule_name", "blocked-ips");
  EXPECT_EQ(ips["statement_type"], "IPSetReferenceStatement");
  EXPECT_EQ(ips["is_compliant"], true);
  EXPECT_EQ(ips["geo_blocking"], false);
  const auto xss = ByKey(rules, "rule_name", "xss-body");
  EXPECT_EQ(xss["has_xss_protection"], true);
  EXPECT_EQ(xss["sql_injection"], false);
  EXPECT_EQ(xss["action"], ordered_json({{"Count", ordered_json::object()}}));
}

TEST(SecurityCategory, MotoCloudFrontAclsOnlyInTheHomeRegionsDocument) {
  ResetMoto();
  MotoSetup("security.waf", {{"scope", "CLOUDFRONT"}});
  auto clients = MotoClients();
  collect::Target target = TargetFor(kMotoAccount);
  target.home_region = false;
  target.home = "eu-west-1";
  const CategoryRun run = RunCategory("security", target, DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_EQ(Calls(run, "wafv2:ListWebACLs"), 1) << "REGIONAL only";
  EXPECT_EQ(run.section["waf"], ordered_json::array());
  EXPECT_EQ(run.section["waf_rules"], ordered_json::array());
}

TEST(SecurityCategory, MotoRegionalAclKeepsItsLoggingWhenAssociationsCannotBeListed) {
  ResetMoto();
  const auto acl = MotoSetup("security.waf", {{"scope", "REGIONAL"}});
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  // moto does not implement ListResourcesForWebACL: that failure is recorded under "waf", and
  // logging is read on its own (§g S5: the original reported logging off).
  EXPECT_EQ(run.status, "Fail");
  EXPECT_EQ(run.logs["security_status"], "Fail");
  EXPECT_EQ(MessageTags(run), (std::vector<std::string>{"waf", "waf"})) << run.logs.dump();
  EXPECT_EQ(Calls(run, "wafv2:ListResourcesForWebACL"), 2);
  const auto edge = ByKey(run.section["waf"], "name", acl["name"]);
  EXPECT_EQ(edge["scope"], "REGIONAL");
  EXPECT_EQ(edge["logging_enabled"], true);
  EXPECT_EQ(edge["log_destinations"], ordered_json({acl["stream"]}));
  EXPECT_EQ(edge["associated_resources"], ordered_json::array());
  EXPECT_EQ(run.section["waf_rules"].size(), 5u);
  EXPECT_EQ(run.section["waf_rules"][0]["scope"], "REGIONAL");
}

TEST(SecurityCategory, MotoTrailsStartedAndStopped) {
  ResetMoto();
  const auto trails = MotoSetup("security.cloudtrail");
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  // moto has no LookupEvents: the count stays 0 and the failure is recorded; the trails stay.
  EXPECT_EQ(MessageTags(run), (std::vector<std::string>{"cloudtrail"})) << run.logs.dump();
  EXPECT_EQ(run.status, "Fail");
  const auto& cloudtrail = run.section["cloudtrail"];
  ASSERT_EQ(cloudtrail.size(), 2u) << cloudtrail.dump();
  const auto on = ByKey(cloudtrail, "arn", trails["on"]);
  EXPECT_EQ(Keys(on), (std::vector<std::string>{
                          "name", "arn", "is_logging", "is_multi_region", "include_global_events",
                          "s3_bucket", "kms_key_id", "log_file_validation", "recent_events_count",
                          "latest_delivery_time", "start_logging_time", "stop_logging_time"}));
  EXPECT_EQ(on["name"], "org-audit");
  EXPECT_EQ(on["is_logging"], true);
  EXPECT_EQ(on["is_multi_region"], true);
  EXPECT_EQ(on["include_global_events"], true);
  EXPECT_EQ(on["s3_bucket"], "trail-logs-123");
  EXPECT_TRUE(on["kms_key_id"].is_null());
  EXPECT_EQ(on["log_file_validation"], true);
  EXPECT_EQ(on["recent_events_count"], 0);
  EXPECT_TRUE(on["start_logging_time"].get<std::string>().ends_with("+00:00"));
  EXPECT_TRUE(on["stop_logging_time"].is_null());
  const auto off = ByKey(cloudtrail, "arn", trails["off"]);
  EXPECT_EQ(off["is_logging"], false);
  EXPECT_EQ(off["is_multi_region"], false);
  EXPECT_EQ(off["include_global_events"], false);
  EXPECT_EQ(off["log_file_validation"], false);
  EXPECT_TRUE(off["stop_logging_time"].is_string());
}

TEST(SecurityCategory, MotoSecretsAndCertificates) {
  ResetMoto();
  const auto secrets = MotoSetup("security.secrets");
  const auto certificates = MotoSetup("security.certificates");
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();

  const auto& listed = run.section["secrets_manager"];
  ASSERT_EQ(listed.size(), 2u);
  const auto db = ByKey(listed, "arn", secrets["db"]);
  EXPECT_EQ(Keys(db),
            (std::vector<std::string>{"name", "arn", "description", "created_date",
                                      "last_changed_date", "last_accessed_date", "rotation_enabled",
                                      "rotation_lambda_arn", "kms_key_id", "tags"}));
  EXPECT_EQ(db["name"], "prod/shop/db-password");
  EXPECT_EQ(db["description"], "The database password");
  EXPECT_EQ(db["kms_key_id"], secrets["key"]);
  EXPECT_EQ(db["tags"], ordered_json::parse(R"([{"Key": "Owner", "Value": "shop"}])"));
  EXPECT_TRUE(db["created_date"].get<std::string>().ends_with("+00:00"));
  EXPECT_NE(db["rotation_enabled"], true);
  EXPECT_TRUE(db["rotation_lambda_arn"].is_null());
  const auto api = ByKey(listed, "arn", secrets["api"]);
  EXPECT_TRUE(api["description"].is_null());
  EXPECT_EQ(api["tags"], ordered_json::array());

  const auto& certs = run.section["certificate_manager"];
  ASSERT_EQ(certs.size(), 2u);
  const auto requested = ByKey(certs, "arn", certificates["requested"]);
  EXPECT_EQ(Keys(requested),
            (std::vector<std::string>{"arn", "domain_name", "subject_alternative_names", "status",
                                      "type", "key_algorithm", "signature_algorithm", "created_at",
                                      "issued_at", "not_before", "not_after", "renewal_eligibility",
                                      "key_usages", "extended_key_usages"}));
  EXPECT_EQ(requested["domain_name"], "shop.example.com");
  // moto keeps the names in a set: compare them as one.
  auto names = requested["subject_alternative_names"].get<std::vector<std::string>>();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"shop.example.com", "www.shop.example.com"}));
  EXPECT_EQ(requested["type"], "AMAZON_ISSUED");
  EXPECT_EQ(requested["status"], "PENDING_VALIDATION");
  EXPECT_EQ(requested["key_algorithm"], "RSA_2048");
  EXPECT_TRUE(requested["created_at"].is_string());
  EXPECT_TRUE(requested["extended_key_usages"].is_array());
  const auto imported = ByKey(certs, "arn", certificates["imported"]);
  EXPECT_EQ(imported["type"], "IMPORTED");
  EXPECT_EQ(imported["status"], "ISSUED");
  EXPECT_EQ(imported["domain_name"], "legacy.example.com");
  EXPECT_EQ(imported["not_before"], certificates["imported_not_before"]);
  EXPECT_TRUE(imported["created_at"].is_null()) << "imported: ImportedAt, no CreatedAt";
}

TEST(SecurityCategory, MotoInspectorFindingsTouchedInTheWindow) {
  ResetMoto();
  const auto findings = MotoSetup("security.inspector");
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("security", TargetFor(kMotoAccount), DailyWindow("2025-09-15"), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto& inspector = run.section["inspector"];
  ASSERT_EQ(inspector.size(), 2u) << inspector.dump();
  const auto fresh = ByKey(inspector, "finding_arn", findings["arns"][0]);
  EXPECT_EQ(Keys(fresh), (std::vector<std::string>{"finding_arn", "severity", "status", "type",
                                                   "title", "description", "first_observed_at",
                                                   "last_observed_at", "updated_at"}));
  EXPECT_EQ(fresh["severity"], "HIGH");
  EXPECT_EQ(fresh["status"], "ACTIVE");
  EXPECT_EQ(fresh["type"], "PACKAGE_VULNERABILITY");
  EXPECT_EQ(fresh["title"], "new-in-window");
  EXPECT_EQ(fresh["first_observed_at"], "2025-09-14T08:00:00+00:00");
  const auto updated = ByKey(inspector, "finding_arn", findings["arns"][1]);
  EXPECT_EQ(updated["updated_at"], "2025-09-14T23:59:59+00:00");
}

TEST(SecurityCategory, MotoGuardDutyOffIsEmptyAndAFailingDetectorFailsOnlyItsMember) {
  ResetMoto();
  auto clients = MotoClients();
  const auto window = DailyWindow("2025-09-15");
  const CategoryRun off = RunCategory("security", TargetFor(kMotoAccount), window, *clients);
  EXPECT_EQ(off.status, "Pass") << "no detector: GuardDuty is off, not failing";
  EXPECT_EQ(off.section["guard_duty"], ordered_json::array());

  // moto serves ListDetectors but not ListFindings: with a detector, guard_duty fails (S2) and
  // every other member is still collected.
  MotoSetup("security.guardduty_detector");
  const auto keys = MotoSetup("security.kms");
  const CategoryRun failing = RunCategory("security", TargetFor(kMotoAccount), window, *clients);
  EXPECT_EQ(failing.status, "Fail");
  EXPECT_EQ(MessageTags(failing), (std::vector<std::string>{"guard_duty"}));
  EXPECT_EQ(failing.section["guard_duty"], ordered_json::array());
  EXPECT_EQ(failing.section["kms"].size(), 3u);
  EXPECT_EQ(failing.section.size(), 9u);
}

// ---- simulator -------------------------------------------------------------------------------

nlohmann::json Equals(const std::string& value) {
  return {{"Value", value}, {"Comparison", "EQUALS"}};
}

// The original's two Security Hub queries (§c.5).
nlohmann::json HubQuery(const std::string& account, const collect::Window& window,
                        const std::string& field, const std::vector<std::string>& workflow) {
  nlohmann::json statuses = nlohmann::json::array();
  for (const auto& s : workflow) statuses.push_back(Equals(s));
  return {
      {"Filters",
       {{field,
         {{{"Start", collect::FormatDay(window.start) + "T00:00:00"},
           {"End", collect::FormatDay(window.end) + "T00:00:00"}}}},
        {"RecordState", {Equals("ACTIVE")}},
        {"AwsAccountId", {Equals(account)}},
        {"SeverityLabel", {Equals("CRITICAL"), Equals("HIGH"), Equals("MEDIUM"), Equals("LOW")}},
        {"WorkflowStatus", statuses}}}};
}

int64_t EpochMillis(collect::Day day) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
}

class SecuritySim : public ::testing::Test {
 protected:
  nlohmann::json Truth(const std::string& service, const std::string& operation,
                       const nlohmann::json& params, int account,
                       const std::string& region = "us-east-1") {
    auto truth =
        sim_.simulator().Truth(service, operation, params, sim_.AccountId(account), region);
    EXPECT_TRUE(truth.ok()) << service << " " << operation << ": " << truth.status().message();
    return truth.ok() ? *truth : nlohmann::json::object();
  }
  SimFixture sim_{SmallScenario()};
};

TEST_F(SecuritySim, EveryPageOfEverySubServiceOverAYear) {
  // A yearly window of the management account: many pages of 5 for every listing, and more
  // than 50 GuardDuty findings (GetFindings in batches).
  const auto window =
      collect::WindowFor(collect::Interval::kYearly, *collect::ParseDay("2025-09-20"));
  auto clients = sim_.Clients(0);
  const CategoryRun run = RunCategory("security", TargetFor(sim_.AccountId(0)), window, *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto& s = run.section;

  // Security Hub: the union of the two queries, by id.
  std::set<std::string> hub_ids;
  for (const auto& [field, workflow] :
       {std::pair{std::string("CreatedAt"), std::vector<std::string>{"NEW"}},
        std::pair{std::string("UpdatedAt"),
                  std::vector<std::string>{"RESOLVED", "NOTIFIED", "SUPPRESSED"}}}) {
    const auto truth = Truth("securityhub", "GetFindings",
                             HubQuery(sim_.AccountId(0), window, field, workflow), 0);
    for (const auto& f : truth["Findings"]) hub_ids.insert(f["Id"].get<std::string>());
  }
  std::set<std::string> collected_hub;
  int64_t total = 0;
  for (const auto& group : s["security_hub"]) {
    total += group["total_findings"].get<int64_t>();
    for (const auto& f : group["findings"]) collected_hub.insert(f["finding_id"]);
  }
  EXPECT_GT(hub_ids.size(), 5u);
  EXPECT_EQ(collected_hub, hub_ids);
  EXPECT_EQ(total, static_cast<int64_t>(hub_ids.size())) << "each finding once";
  for (size_t i = 1; i < s["security_hub"].size(); ++i) {
    EXPECT_GE(s["security_hub"][i - 1]["total_findings"], s["security_hub"][i]["total_findings"]);
  }

  // GuardDuty: every finding id updated in the window, details in batches of 50.
  const auto detectors = Truth("guardduty", "ListDetectors", nlohmann::json::object(), 0);
  ASSERT_EQ(detectors["DetectorIds"].size(), 1u);
  const auto ids = Truth("guardduty", "ListFindings",
                         {{"DetectorId", detectors["DetectorIds"][0]},
                          {"FindingCriteria",
                           {{"Criterion",
                             {{"updatedAt",
                               {{"GreaterThanOrEqual", EpochMillis(window.start)},
                                {"LessThan", EpochMillis(window.end)}}}}}}}},
                         0)["FindingIds"];
  ASSERT_GT(ids.size(), 50u);
  std::set<std::string> want(ids.begin(), ids.end()), got;
  for (const auto& f : s["guard_duty"]) got.insert(f["id"].get<std::string>());
  EXPECT_EQ(got, want);
  EXPECT_EQ(s["guard_duty"].size(), ids.size());
  EXPECT_EQ(Calls(run, "guardduty:GetFindings"), static_cast<int64_t>((ids.size() + 49) / 50));

  // KMS, Secrets Manager, ACM: every item of every page.
  const auto keys = Truth("kms", "ListKeys", nlohmann::json::object(), 0)["Keys"];
  EXPECT_EQ(s["kms"].size(), keys.size());
  EXPECT_GT(Calls(run, "kms:ListKeys"), 1);
  const auto secrets = Truth("secretsmanager", "ListSecrets", nlohmann::json::object(), 0);
  EXPECT_EQ(s["secrets_manager"].size(), secrets["SecretList"].size());
  const auto certificates = Truth("acm", "ListCertificates",
                                  {{"Includes",
                                    {{"keyTypes",
                                      {"RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096",
                                       "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"}}}}},
                                  0);
  EXPECT_EQ(s["certificate_manager"].size(), certificates["CertificateSummaryList"].size());

  // Inspector: every finding with a date in the window.
  const auto inspector = Truth("inspector2", "ListFindings", nlohmann::json::object(), 0);
  size_t touched = 0;
  for (const auto& f : inspector["findings"]) {
    bool in = false;
    for (const char* key : {"firstObservedAt", "lastObservedAt", "updatedAt"}) {
      in = in || collect::InWindow(f[key].get<std::string>(), window);
    }
    touched += in ? 1 : 0;
  }
  EXPECT_GT(touched, 5u);
  EXPECT_EQ(s["inspector"].size(), touched);
  EXPECT_GT(Calls(run, "inspector2:ListFindings"), 1);
}

TEST_F(SecuritySim, GuardDutyAndInspectorDetailAsTheServiceGivesIt) {
  // A month of the management account holds GuardDuty and Inspector findings.
  const auto month =
      collect::WindowFor(collect::Interval::kMonthly, *collect::ParseDay("2025-09-20"));
  auto clients = sim_.Clients(0);
  const CategoryRun run = RunCategory("security", TargetFor(sim_.AccountId(0)), month, *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  ASSERT_FALSE(run.section["guard_duty"].empty());
  const auto& gd = run.section["guard_duty"][0];
  EXPECT_EQ(Keys(gd),
            (std::vector<std::string>{"id", "type", "severity", "title", "description",
                                      "created_at", "updated_at", "confidence", "region"}));
  const auto detector = Truth("guardduty", "ListDetectors", nlohmann::json::object(), 0);
  const auto truth = Truth("guardduty", "GetFindings",
                           {{"DetectorId", detector["DetectorIds"][0]}, {"FindingIds", {gd["id"]}}},
                           0)["Findings"][0];
  EXPECT_EQ(gd["type"], truth["Type"]);
  EXPECT_EQ(gd["severity"], truth["Severity"]);
  EXPECT_EQ(gd["title"], truth["Title"]);
  EXPECT_EQ(gd["description"], truth["Description"]);
  EXPECT_EQ(gd["created_at"], truth["CreatedAt"]) << "GuardDuty strings verbatim";
  EXPECT_EQ(gd["updated_at"], truth["UpdatedAt"]);
  EXPECT_EQ(gd["confidence"], truth["Confidence"]);
  EXPECT_EQ(gd["region"], "us-east-1");
  EXPECT_TRUE(collect::InWindow(gd["updated_at"].get<std::string>(), month));

  ASSERT_FALSE(run.section["inspector"].empty());
  const auto& in = run.section["inspector"][0];
  const auto all = Truth("inspector2", "ListFindings", nlohmann::json::object(), 0)["findings"];
  nlohmann::json match;
  for (const auto& f : all) {
    if (f["findingArn"] == in["finding_arn"]) match = f;
  }
  ASSERT_TRUE(match.is_object());
  EXPECT_EQ(in["severity"], match["severity"]);
  EXPECT_EQ(in["status"], match["status"]);
  EXPECT_EQ(in["type"], "PACKAGE_VULNERABILITY");
  EXPECT_EQ(in["title"], match["title"]);
  EXPECT_EQ(in["first_observed_at"],
            document::PythonTime(match["firstObservedAt"].get<std::string>()));
}

TEST(SecuritySimKms, RotationDeniedIsUnknownNotEnabled) {
  sim::Scenario scenario = SmallScenario();
  scenario.accounts = 40;  // ~8% of customer keys deny rotation reads.
  SimFixture sim(scenario);
  auto rotation = [&](int account, const nlohmann::json& key_id) {
    return sim.simulator().Truth("kms", "GetKeyRotationStatus", {{"KeyId", key_id}},
                                 sim.AccountId(account), "us-east-1");
  };
  // The first account holding a key whose policy denies GetKeyRotationStatus.
  int chosen = -1;
  for (int i = 1; i <= scenario.accounts && chosen < 0; ++i) {
    auto keys = sim.simulator().Truth("kms", "ListKeys", nlohmann::json::object(), sim.AccountId(i),
                                      "us-east-1");
    ASSERT_TRUE(keys.ok());
    for (const auto& key : (*keys)["Keys"]) {
      auto status = rotation(i, key["KeyId"]);
      if (!status.ok() && status.status().reason() == "AccessDeniedException") chosen = i;
    }
  }
  ASSERT_GE(chosen, 0) << "no key denies rotation reads in the scenario";
  auto clients = sim.Clients(chosen);
  const CategoryRun run = RunCategory("security", TargetFor(sim.AccountId(chosen)),
                                      DailyWindow("2025-09-20"), *clients);
  for (const auto& tag : MessageTags(run)) {
    EXPECT_NE(tag, "kms") << "per-key answers are not failures: " << run.logs.dump();
  }
  int denied = 0;
  ASSERT_FALSE(run.section["kms"].empty());
  for (const auto& key : run.section["kms"]) {
    auto truth = rotation(chosen, key["key_id"]);
    if (truth.ok()) {
      EXPECT_EQ(key["key_rotation_enabled"], (*truth)["KeyRotationEnabled"]);
    } else if (truth.status().reason() == "AccessDeniedException") {
      ++denied;
      EXPECT_TRUE(key["key_rotation_enabled"].is_null()) << "§g S16: unknown, not true";
    } else if (truth.status().reason() == "UnsupportedOperationException") {
      EXPECT_EQ(key["key_rotation_enabled"], false) << "cannot rotate automatically";
    } else {
      EXPECT_TRUE(key["key_rotation_enabled"].is_null()) << truth.status().reason();
    }
  }
  EXPECT_GT(denied, 0);
}

TEST_F(SecuritySim, CloudTrailCountsTheWindowsEventsOnceAndCapsTheWork) {
  auto clients = sim_.Clients(0);
  const auto day = DailyWindow("2025-09-20");
  const CategoryRun run = RunCategory("security", TargetFor(sim_.AccountId(0)), day, *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto trails = Truth("cloudtrail", "DescribeTrails", nlohmann::json::object(), 0);
  ASSERT_EQ(run.section["cloudtrail"].size(), trails["trailList"].size());
  ASSERT_FALSE(trails["trailList"].empty());
  const auto events = Truth(
      "cloudtrail", "LookupEvents",
      {{"StartTime", collect::WindowStartTime(day)}, {"EndTime", collect::WindowEndTime(day)}},
      0)["Events"];
  size_t in_window = 0;
  for (const auto& e : events)
    in_window += collect::InWindow(e["EventTime"].get<std::string>(), day) ? 1 : 0;
  ASSERT_GT(in_window, 5u);
  for (const auto& trail : run.section["cloudtrail"]) {
    EXPECT_EQ(trail["recent_events_count"], static_cast<int64_t>(in_window)) << trail["name"];
    EXPECT_TRUE(trail["is_logging"].is_boolean());
  }
  // Counted once for all trails, every page of 5.
  EXPECT_EQ(Calls(run, "cloudtrail:LookupEvents"), static_cast<int64_t>((events.size() + 4) / 5));

  // A month holds thousands of events: the count stops at 1,000 (200 pages of 5 here; 20 of 50
  // against AWS).
  const auto month =
      collect::WindowFor(collect::Interval::kMonthly, *collect::ParseDay("2025-09-20"));
  const CategoryRun busy = RunCategory("security", TargetFor(sim_.AccountId(0)), month, *clients);
  ASSERT_EQ(busy.status, "Pass") << busy.logs.dump();
  EXPECT_EQ(busy.section["cloudtrail"][0]["recent_events_count"], 1000);
  EXPECT_EQ(Calls(busy, "cloudtrail:LookupEvents"), 200);
}

TEST_F(SecuritySim, RegionalAclsListTheirLoadBalancersCloudFrontOnesDoNot) {
  int regional = 0, cloudfront = 0;
  for (int account = 0; account < 6; ++account) {
    auto clients = sim_.Clients(account);
    const CategoryRun run = RunCategory("security", TargetFor(sim_.AccountId(account)),
                                        DailyWindow("2025-09-20"), *clients);
    ASSERT_EQ(run.status, "Pass") << run.logs.dump();
    int account_regional = 0;
    size_t rules = 0;
    for (const auto& acl : run.section["waf"]) {
      rules += static_cast<size_t>(acl["rules_count"].get<int64_t>());
      if (acl["scope"] == "REGIONAL") {
        ++account_regional;
        const auto truth = Truth(
            "wafv2", "ListResourcesForWebACL",
            {{"WebACLArn", acl["arn"]}, {"ResourceType", "APPLICATION_LOAD_BALANCER"}}, account);
        EXPECT_EQ(acl["associated_resources"], collect::ToDocument(truth["ResourceArns"]));
      } else {
        ++cloudfront;
        EXPECT_EQ(acl["associated_resources_count"], 0);
      }
      auto logging =
          sim_.simulator().Truth("wafv2", "GetLoggingConfiguration", {{"ResourceArn", acl["arn"]}},
                                 sim_.AccountId(account), "us-east-1");
      EXPECT_EQ(acl["logging_enabled"], logging.ok()) << acl["name"];
    }
    regional += account_regional;
    EXPECT_EQ(Calls(run, "wafv2:ListResourcesForWebACL"), account_regional);
    EXPECT_EQ(run.section["waf_rules"].size(), rules);
  }
  EXPECT_GT(regional, 0);
  EXPECT_GT(cloudfront, 0);
}

TEST(SecuritySimNotSubscribed, SecurityHubOffFailsOnlyItsMember) {
  sim::Scenario scenario = SmallScenario();
  scenario.accounts = 40;  // ~10% of member accounts are not subscribed to Security Hub.
  SimFixture sim(scenario);
  int off = -1;
  for (int i = 1; i <= scenario.accounts && off < 0; ++i) {
    auto hub = sim.simulator().Truth("securityhub", "DescribeHub", nlohmann::json::object(),
                                     sim.AccountId(i), "us-east-1");
    auto detectors = sim.simulator().Truth("guardduty", "ListDetectors", nlohmann::json::object(),
                                           sim.AccountId(i), "us-east-1");
    if (!hub.ok() && detectors.ok() && !(*detectors)["DetectorIds"].empty()) off = i;
  }
  ASSERT_GE(off, 0) << "no account without Security Hub";
  auto clients = sim.Clients(off);
  collect::DocumentRequest request;
  request.target = TargetFor(sim.AccountId(off));
  request.window =
      collect::WindowFor(collect::Interval::kMonthly, *collect::ParseDay("2025-09-20"));
  request.categories = {"account", "security"};
  const auto collected = collect::CollectDocument(request, *clients);
  const auto document = ordered_json::parse(collected.body);
  const auto& logs = document["logs"];
  EXPECT_EQ(logs["security_status"], "Fail");
  EXPECT_EQ(logs["account_status"], "Pass") << "other categories are unaffected";
  ASSERT_EQ(logs["message"].size(), 1u) << logs.dump();
  ASSERT_TRUE(logs["message"][0].contains("security_hub")) << logs.dump();
  EXPECT_NE(logs["message"][0]["security_hub"].get<std::string>().find("not subscribed"),
            std::string::npos);
  ASSERT_EQ(collected.errors.size(), 1u);
  EXPECT_EQ(collected.errors[0].code, "InvalidAccessException");

  const auto& s = document["security"];
  EXPECT_EQ(Keys(s).size(), 9u);
  EXPECT_EQ(s["security_hub"], ordered_json::array());
  const std::string id = sim.AccountId(off);
  auto truth = [&](const char* service, const char* op, const nlohmann::json& params) {
    auto t = sim.simulator().Truth(service, op, params, id, "us-east-1");
    EXPECT_TRUE(t.ok()) << t.status().message();
    return t.ok() ? *t : nlohmann::json::object();
  };
  EXPECT_FALSE(s["guard_duty"].empty());
  EXPECT_EQ(s["kms"].size(), truth("kms", "ListKeys", nlohmann::json::object())["Keys"].size());
  EXPECT_FALSE(s["kms"].empty());
  const size_t acls = truth("wafv2", "ListWebACLs", {{"Scope", "REGIONAL"}})["WebACLs"].size() +
                      truth("wafv2", "ListWebACLs", {{"Scope", "CLOUDFRONT"}})["WebACLs"].size();
  EXPECT_EQ(s["waf"].size(), acls);
  EXPECT_EQ(s["cloudtrail"].size(),
            truth("cloudtrail", "DescribeTrails", nlohmann::json::object())["trailList"].size());
  EXPECT_FALSE(s["cloudtrail"].empty());
  EXPECT_EQ(s["secrets_manager"].size(),
            truth("secretsmanager", "ListSecrets", nlohmann::json::object())["SecretList"].size());
  EXPECT_FALSE(s["secrets_manager"].empty());
  EXPECT_FALSE(s["inspector"].empty());
}

}  // namespace
}  // namespace view360::testing
