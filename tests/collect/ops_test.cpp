// The operations categories (specs/view360.md §b.4, b.8-b.12, b.16): config, inventory,
// trusted_advisor, health, resilience_hub, support_tickets and application, against moto where
// it serves the operations and against the simulator's truth for the rest, for pagination,
// windows and errors.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "collect/categories/common.h"
#include "collect_fixture.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : object.items()) keys.push_back(k);
  return keys;
}

// The same value in the unordered DOM the simulator's truth uses.
json Plain(const nlohmann::ordered_json& value) { return json::parse(value.dump()); }

std::string TodayUtc() { return collect::FormatDay(collect::TodayUtc()); }
std::string TomorrowUtc() { return collect::FormatDay(collect::TodayUtc() + std::chrono::days(1)); }

collect::Window MonthlyWindow(const std::string& day) {
  return collect::WindowFor(collect::Interval::kMonthly, *collect::ParseDay(day));
}
collect::Window YearlyWindow(const std::string& day) {
  return collect::WindowFor(collect::Interval::kYearly, *collect::ParseDay(day));
}

// Messages of the document's logs with tag `tag`.
std::vector<std::string> Messages(const nlohmann::ordered_json& logs, const std::string& tag) {
  std::vector<std::string> out;
  for (const auto& m : logs["message"]) {
    if (m.contains(tag)) out.push_back(m[tag].get<std::string>());
  }
  return out;
}

// ---- moto ---------------------------------------------------------------------------------

TEST(SupportTicketsCategory, MotoCasesOfTheWindowWithTheirOwnTimeStrings) {
  ResetMoto();
  const json created = MotoSetup("ops.support_cases", {{"count", 3}});
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("support_tickets", TargetFor(kMotoAccount), DailyWindow(TomorrowUtc()), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  ASSERT_TRUE(run.section.is_array());
  ASSERT_EQ(run.section.size(), 3u) << "the original failed on the first case (g.S1)";
  std::vector<std::string> ids;
  for (const auto& ticket : run.section) {
    ids.push_back(ticket["case_id"].get<std::string>());
    EXPECT_EQ(Keys(ticket), (std::vector<std::string>{
                                "case_id", "display_id", "subject", "status", "severity_code",
                                "service_code", "category_code", "time_created", "submitted_by",
                                "language", "date_from", "date_to"}));
    // The Support API's own string, verbatim (moto writes a naive local ISO time).
    EXPECT_TRUE(ticket["time_created"].get<std::string>().starts_with(TodayUtc()))
        << ticket["time_created"];
    EXPECT_EQ(ticket["service_code"], "amazon-elastic-compute-cloud-linux");
    EXPECT_EQ(ticket["language"], "en");
    EXPECT_EQ(ticket["date_from"], TodayUtc());
    EXPECT_EQ(ticket["date_to"], TomorrowUtc());
  }
  std::vector<std::string> expected = created["case_ids"];
  std::sort(ids.begin(), ids.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected);

  // Yesterday's window holds none of today's cases.
  const CategoryRun yesterday =
      RunCategory("support_tickets", TargetFor(kMotoAccount), DailyWindow(TodayUtc()), *clients);
  EXPECT_EQ(yesterday.status, "Pass");
  EXPECT_EQ(yesterday.section, nlohmann::ordered_json::array());
}

TEST(TrustedAdvisorCategory, MotoUnreadableCheckResultsAreOneLoggedFailure) {
  // moto lists the check catalogue but does not serve DescribeTrustedAdvisorCheckResult.
  ResetMoto();
  const json catalogue = MotoSetup("ops.trusted_advisor_checks");
  const int checks = catalogue["count"];
  ASSERT_GT(checks, 50);
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("trusted_advisor", TargetFor(kMotoAccount), DailyWindow(TodayUtc()), *clients);
  EXPECT_EQ(run.status, "Fail");
  EXPECT_EQ(run.logs["trusted_advisor_status"], "Fail");
  EXPECT_EQ(run.section, nlohmann::ordered_json::array());
  const auto messages = Messages(run.logs, "trusted_advisor");
  ASSERT_EQ(messages.size(), 1u) << run.logs.dump();
  EXPECT_NE(messages[0].find("failed for " + std::to_string(checks) + " of " +
                             std::to_string(checks) + " checks"),
            std::string::npos)
      << messages[0];
  EXPECT_EQ(run.collected.calls.at("support:DescribeTrustedAdvisorChecks"), 1);
  EXPECT_EQ(run.collected.calls.at("support:DescribeTrustedAdvisorCheckResult"), checks);
}

TEST(ResilienceHubCategory, MotoAppsWithTheirPolicysAzObjectives) {
  ResetMoto();
  const json created = MotoSetup("ops.resilience_apps");
  auto clients = MotoClients();
  const CategoryRun run =
      RunCategory("resilience_hub", TargetFor(kMotoAccount), DailyWindow(TomorrowUtc()), *clients);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  ASSERT_EQ(run.section.size(), 2u);
  std::map<std::string, nlohmann::ordered_json> by_arn;
  for (const auto& app : run.section) by_arn[app["app_arn"].get<std::string>()] = app;
  const auto& payments = by_arn[created["with_policy"].get<std::string>()];
  EXPECT_EQ(Keys(payments), (std::vector<std::string>{
                                "app_arn", "name", "description", "creation_time",
                                "last_assessment_time", "compliance_status", "resiliency_score",
                                "status", "rpo", "rto", "last_drill", "cost"}));
  EXPECT_EQ(payments["name"], "payments");
  EXPECT_EQ(payments["description"], "Payments workload");
  EXPECT_EQ(payments["rpo"], 900) << "the policy's AZ objective (the original never read it)";
  EXPECT_EQ(payments["rto"], 3600);
  EXPECT_TRUE(payments["creation_time"].get<std::string>().starts_with(TodayUtc()));
  EXPECT_TRUE(payments["creation_time"].get<std::string>().ends_with("+00:00"));
  EXPECT_TRUE(payments["last_assessment_time"].is_null()) << "never assessed";
  EXPECT_EQ(payments["status"], "Active");
  EXPECT_TRUE(payments["last_drill"].is_null());
  EXPECT_TRUE(payments["cost"].is_null());
  const auto& reporting = by_arn[created["without_policy"].get<std::string>()];
  EXPECT_EQ(reporting["name"], "reporting");
  EXPECT_TRUE(reporting["rpo"].is_null());
  EXPECT_TRUE(reporting["rto"].is_null());
  EXPECT_EQ(run.collected.calls.at("resiliencehub:DescribeResiliencyPolicy"), 1);

  const CategoryRun yesterday =
      RunCategory("resilience_hub", TargetFor(kMotoAccount), DailyWindow(TodayUtc()), *clients);
  EXPECT_EQ(yesterday.section, nlohmann::ordered_json::array());
}

// ---- the simulator --------------------------------------------------------------------------

class OpsSim : public ::testing::Test {
 protected:
  OpsSim() : sim_(SmallScenario()) {}

  const sim::World& world() { return sim_.simulator().world(); }
  int accounts() { return 7; }  // The management account and six members.
  std::string Home(int index) { return world().AccountAt(index).regions.front(); }

  // The complete output of an operation, or null when it answers an error.
  json Truth(const std::string& service, const std::string& operation, const json& params,
             int account, const std::string& region) {
    auto out = sim_.simulator().Truth(service, operation, params, sim_.AccountId(account), region);
    return out.ok() ? *out : json(nullptr);
  }
  bool BusinessSupport(int account) {
    return !Truth("support", "DescribeTrustedAdvisorChecks", {{"language", "en"}}, account,
                  "us-east-1")
                .is_null();
  }
  CategoryRun Run(const std::string& category, int account, const collect::Window& window,
                  const std::string& region = "") {
    auto clients = sim_.Clients(account);
    const std::string r = region.empty() ? Home(account) : region;
    collect::Target target = TargetFor(sim_.AccountId(account), r);
    target.home = Home(account);
    target.home_region = r == target.home;
    return RunCategory(category, target, window, *clients);
  }

  SimFixture sim_;
};

TEST_F(OpsSim, ConfigMatchesTheTruthOverAWholeMonth) {
  const collect::Window window = MonthlyWindow("2025-09-01");
  const json types = json::array({"COMPLIANT", "NON_COMPLIANT"});
  // The account whose home region records the most evaluations in the window.
  int best = -1;
  size_t best_count = 0;
  for (int i = 0; i < accounts(); ++i) {
    const json rules =
        Truth("config", "DescribeComplianceByConfigRule", {{"ComplianceTypes", types}}, i, Home(i));
    if (rules.is_null()) continue;
    size_t count = rules["ComplianceByConfigRules"].size();
    if (count > best_count) best = i, best_count = count;
  }
  ASSERT_GE(best, 0);
  ASSERT_GT(best_count, 5u) << "more rules than one page";
  const std::string region = Home(best);

  std::map<std::string, std::string> pack_of;
  const json packs = Truth("config", "DescribeConformancePacks", json::object(), best, region);
  for (const auto& pack : packs["ConformancePackDetails"]) {
    const std::string name = pack["ConformancePackName"];
    const json compliance = Truth("config", "DescribeConformancePackCompliance",
                                  {{"ConformancePackName", name}}, best, region);
    for (const auto& rule : compliance["ConformancePackRuleComplianceList"]) {
      pack_of[rule["ConfigRuleName"].get<std::string>()] = name;
    }
  }
  ASSERT_FALSE(pack_of.empty()) << "every simulated Config account has a pack";
  int compliant = 0, non_compliant = 0, curr_compliant = 0, curr_non_compliant = 0;
  std::vector<std::string> expected;  // "rule|resource|pack|type"
  const json rules = Truth("config", "DescribeComplianceByConfigRule", {{"ComplianceTypes", types}},
                           best, region)["ComplianceByConfigRules"];
  for (const auto& rule : rules) {
    const std::string name = rule["ConfigRuleName"];
    const std::string type = rule["Compliance"]["ComplianceType"];
    compliant += type == "COMPLIANT";
    non_compliant += type == "NON_COMPLIANT";
    bool in_window = false;
    const json details =
        Truth("config", "GetComplianceDetailsByConfigRule",
              {{"ConfigRuleName", name}, {"ComplianceTypes", types}}, best, region);
    for (const auto& r : details["EvaluationResults"]) {
      if (!collect::InWindow(r["ResultRecordedTime"].get<std::string>(), window)) continue;
      in_window = true;
      const auto pack = pack_of.find(name);
      expected.push_back(name + "|" +
                         r["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceId"]
                             .get<std::string>() +
                         "|" + (pack == pack_of.end() ? "Standalone" : pack->second) + "|" +
                         r["ComplianceType"].get<std::string>());
    }
    if (in_window) {
      curr_compliant += type == "COMPLIANT";
      curr_non_compliant += type == "NON_COMPLIANT";
    }
  }

  const CategoryRun run = Run("config", best, window);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto& config = run.section;
  EXPECT_EQ(Keys(config), (std::vector<std::string>{"date_from", "date_to", "compliance_score",
                                                    "total_rules", "compliant_rules",
                                                    "non_compliant_rules", "curr_non_compliant",
                                                    "curr_compliant", "non_compliant_resources"}));
  EXPECT_EQ(config["date_from"], "2025-09-01");
  EXPECT_EQ(config["date_to"], "2025-10-01");
  EXPECT_EQ(config["total_rules"], compliant + non_compliant);
  EXPECT_EQ(config["compliant_rules"], compliant);
  EXPECT_EQ(config["non_compliant_rules"], non_compliant);
  EXPECT_EQ(config["curr_compliant"], curr_compliant);
  EXPECT_EQ(config["curr_non_compliant"], curr_non_compliant);
  EXPECT_NEAR(config["compliance_score"].get<double>(),
              100.0 * compliant / (compliant + non_compliant), 0.005);
  std::vector<std::string> got;
  std::set<std::string> days, types_seen;
  for (const auto& r : config["non_compliant_resources"]) {
    EXPECT_EQ(Keys(r),
              (std::vector<std::string>{"rule_name", "resource_id", "resource_type",
                                        "config_rule_invoked_time", "conformance_pack",
                                        "compliance_type", "annotation", "evaluation_mode"}));
    got.push_back(r["rule_name"].get<std::string>() + "|" + r["resource_id"].get<std::string>() +
                  "|" + r["conformance_pack"].get<std::string>() + "|" +
                  r["compliance_type"].get<std::string>());
    const std::string time = r["config_rule_invoked_time"];
    EXPECT_TRUE(time.ends_with("+00:00")) << time;
    days.insert(time.substr(0, 10));
    types_seen.insert(r["compliance_type"].get<std::string>());
    EXPECT_EQ(r["evaluation_mode"], "DETECTIVE");
    if (r["compliance_type"] == "NON_COMPLIANT") {
      EXPECT_TRUE(r["annotation"].is_string());
    }
  }
  EXPECT_EQ(got, expected);
  EXPECT_GT(days.size(), 1u) << "the whole window, not only its first day (g.S7)";
  EXPECT_EQ(types_seen.size(), 2u) << "both compliance types, as the original (g.S12)";
  EXPECT_GT(run.collected.calls.at("config:DescribeComplianceByConfigRule"), 1)
      << "more than one page";
  EXPECT_GT(run.collected.calls.at("config:GetComplianceDetailsByConfigRule"),
            static_cast<int64_t>(rules.size()))
      << "evaluation results over several pages";
}

TEST_F(OpsSim, ConfigNotRecordingIsAnEmptyReport) {
  // An account and region without a recorder: zero rules, the integer score 0.
  for (int i = 1; i < accounts(); ++i) {
    for (const std::string region : {"us-east-1", "eu-west-1"}) {  // Enabled or not.
      const json recorders =
          Truth("config", "DescribeConfigurationRecorders", json::object(), i, region);
      if (!recorders["ConfigurationRecorders"].empty()) continue;
      const CategoryRun run = Run("config", i, DailyWindow("2025-09-20"), region);
      EXPECT_EQ(run.status, "Pass");
      EXPECT_EQ(run.section["total_rules"], 0);
      EXPECT_TRUE(run.section["compliance_score"].is_number_integer());
      EXPECT_EQ(run.section["non_compliant_resources"], nlohmann::ordered_json::array());
      return;
    }
  }
  GTEST_SKIP() << "every account records Config in this scenario";
}

TEST_F(OpsSim, InventoryMatchesTheTruth) {
  const collect::Window window = MonthlyWindow("2025-09-01");
  int best = -1;
  std::string region;
  size_t most = 0;
  for (int i = 0; i < accounts(); ++i) {
    for (const auto& r : world().AccountAt(i).regions) {
      const json nodes = Truth("ssm", "DescribeInstanceInformation", json::object(), i, r);
      if (nodes["InstanceInformationList"].size() > most) {
        best = i, region = r, most = nodes["InstanceInformationList"].size();
      }
    }
  }
  ASSERT_GT(most, 5u) << "more instances than one page";
  const json nodes = Truth("ssm", "DescribeInstanceInformation", json::object(), best,
                           region)["InstanceInformationList"];
  std::vector<std::string> ids;
  size_t applications = 0, empty_times = 0;
  std::vector<std::string> patches;  // "instance|title"
  for (const auto& node : nodes) {
    const std::string id = node["InstanceId"];
    ids.push_back(id);
    json params = {{"InstanceId", id}, {"TypeName", "AWS:Application"}};
    for (;;) {
      const json page = Truth("ssm", "ListInventoryEntries", params, best, region);
      for (const auto& e : page["Entries"]) {
        ++applications;
        empty_times += e.value("InstalledTime", "").empty();
      }
      if (!page.contains("NextToken")) break;
      params["NextToken"] = page["NextToken"];
    }
    const json instance_patches =
        Truth("ssm", "DescribeInstancePatches", {{"InstanceId", id}}, best, region);
    for (const auto& p : instance_patches["Patches"]) {
      if (collect::InWindow(p["InstalledTime"].get<std::string>(), window)) {
        patches.push_back(id + "|" + p["Title"].get<std::string>());
      }
    }
  }

  const CategoryRun run = Run("inventory", best, window, region);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  const auto& inventory = run.section;
  EXPECT_EQ(Keys(inventory),
            (std::vector<std::string>{"instances", "applications", "patches", "services", "users",
                                      "processes", "network_ports", "certificates"}));
  std::vector<std::string> got_ids;
  for (const auto& instance : inventory["instances"]) {
    got_ids.push_back(instance["instance_id"].get<std::string>());
    EXPECT_EQ(instance.size(), 15u);
    EXPECT_EQ(instance["last_ping"], instance["last_ping_date_time"]);
    EXPECT_TRUE(instance["is_latest_version"].is_boolean());
    EXPECT_TRUE(instance["instance_type"] == "EC2Instance" ||
                instance["instance_type"] == "ManagedInstance")
        << instance["instance_type"];
  }
  EXPECT_EQ(got_ids, ids);
  EXPECT_EQ(inventory["applications"].size(), applications);
  size_t null_times = 0;
  for (const auto& app : inventory["applications"]) {
    EXPECT_EQ(Keys(app),
              (std::vector<std::string>{"instance_id", "name", "version", "publisher",
                                        "architecture", "application_type", "install_time"}));
    if (app["install_time"].is_null()) {
      ++null_times;
    } else {
      EXPECT_TRUE(app["install_time"].get<std::string>().ends_with("+00:00")) << app;
    }
  }
  EXPECT_EQ(null_times, empty_times) << "\"\" becomes null (g.S11)";
  std::vector<std::string> got_patches;
  for (const auto& p : inventory["patches"]) {
    got_patches.push_back(p["instance_id"].get<std::string>() + "|" +
                          p["title"].get<std::string>());
    EXPECT_TRUE(collect::InWindow(p["installed_time"].get<std::string>(), window));
    EXPECT_FALSE(p["classification"].get<std::string>().empty());
    EXPECT_FALSE(p["severity"].get<std::string>().empty());
  }
  EXPECT_EQ(got_patches, patches);
  EXPECT_FALSE(patches.empty());
  EXPECT_GT(run.collected.calls.at("ssm:DescribeInstanceInformation"), 1);
  EXPECT_GE(run.collected.calls.at("ssm:DescribeInstancePatches"), static_cast<int64_t>(ids.size()))
      << "once per instance, every page";
  for (const char* empty : {"services", "users", "processes", "network_ports", "certificates"}) {
    EXPECT_EQ(inventory[empty], nlohmann::ordered_json::array());
  }
}

TEST_F(OpsSim, TrustedAdvisorMatchesTheTruth) {
  int account = -1;
  for (int i = 0; i < accounts() && account < 0; ++i) {
    if (BusinessSupport(i)) account = i;
  }
  ASSERT_GE(account, 0);
  const collect::Window window = DailyWindow("2025-09-20");
  std::vector<std::string> expected;
  const json checks =
      Truth("support", "DescribeTrustedAdvisorChecks", {{"language", "en"}}, account, "us-east-1");
  for (const auto& check : checks["checks"]) {
    const json result =
        Truth("support", "DescribeTrustedAdvisorCheckResult",
              {{"checkId", check["id"]}, {"language", "en"}}, account, "us-east-1")["result"];
    const std::string status = result["status"];
    if ((status == "warning" || status == "error") && !result["flaggedResources"].empty() &&
        collect::InWindow(result["timestamp"].get<std::string>(), window)) {
      expected.push_back(check["name"].get<std::string>() + "|" + status + "|" +
                         std::to_string(result["flaggedResources"].size()));
    }
  }
  const CategoryRun run = Run("trusted_advisor", account, window);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  std::vector<std::string> got;
  for (const auto& item : run.section) {
    EXPECT_EQ(Keys(item), (std::vector<std::string>{"check_name", "category", "severity",
                                                    "recommendation", "affected_resources_count",
                                                    "potential_savings", "timestamp"}));
    got.push_back(item["check_name"].get<std::string>() + "|" +
                  item["severity"].get<std::string>() + "|" +
                  std::to_string(item["affected_resources_count"].get<int>()));
    EXPECT_TRUE(item["timestamp"].get<std::string>().starts_with("2025-09-19T"));
    EXPECT_TRUE(item["timestamp"].get<std::string>().ends_with("+00:00"));
    if (item["category"] == "cost_optimizing") {
      EXPECT_TRUE(item["potential_savings"].is_number());
    } else {
      EXPECT_TRUE(item["potential_savings"].is_null());
    }
  }
  EXPECT_EQ(got, expected);
  EXPECT_FALSE(got.empty());
  // Account-wide: only Support's region is called.
  EXPECT_EQ(run.collected.calls.at("support:DescribeTrustedAdvisorCheckResult"),
            static_cast<int64_t>(checks["checks"].size()));
}

TEST_F(OpsSim, HealthEventsOfTheWindowAcrossPages) {
  int account = -1;
  for (int i = 0; i < accounts() && account < 0; ++i) {
    if (BusinessSupport(i)) account = i;
  }
  ASSERT_GE(account, 0);
  const collect::Window window = YearlyWindow("2025-01-01");
  const json filter = {{"startTimes", json::array({{{"from", "2025-01-01T00:00:00Z"},
                                                    {"to", "2026-01-01T00:00:00Z"}}})}};
  std::vector<std::string> expected;
  const json events = Truth("health", "DescribeEvents", {{"filter", filter}}, account, "us-east-1");
  for (const auto& e : events["events"]) {
    if (collect::InWindow(e["startTime"].get<std::string>(), window)) {
      expected.push_back(e["arn"].get<std::string>());
    }
  }
  ASSERT_GT(expected.size(), 5u);
  const CategoryRun run = Run("health", account, window);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  std::vector<std::string> got;
  for (const auto& e : run.section) {
    got.push_back(e["arn"].get<std::string>());
    EXPECT_EQ(Keys(e),
              (std::vector<std::string>{"arn", "service", "event_type_code", "event_type_category",
                                        "region", "availability_zone", "start_time", "end_time",
                                        "last_updated_time", "status_code", "event_scope_code"}));
    EXPECT_TRUE(e["start_time"].get<std::string>().starts_with("2025-"));
    EXPECT_TRUE(e["start_time"].get<std::string>().ends_with("+00:00"));
  }
  EXPECT_EQ(got, expected);
  EXPECT_GT(run.collected.calls.at("health:DescribeEvents"), 1);

  ASSERT_FALSE(run.section.empty());
  // One day: the events that started on it, not the day after (the API's `to` is inclusive).
  const std::string day = run.section[0]["start_time"].get<std::string>().substr(0, 10);
  const collect::Window one_day =
      collect::WindowFor(collect::Interval::kDaily, *collect::ParseDay(day) + std::chrono::days(1));
  std::vector<std::string> expected_day;
  for (const auto& e : run.section) {
    if (e["start_time"].get<std::string>().starts_with(day)) {
      expected_day.push_back(e["arn"].get<std::string>());
    }
  }
  const CategoryRun daily = Run("health", account, one_day);
  EXPECT_EQ(daily.status, "Pass");
  std::vector<std::string> got_day;
  for (const auto& e : daily.section) got_day.push_back(e["arn"].get<std::string>());
  EXPECT_EQ(got_day, expected_day);
  EXPECT_FALSE(got_day.empty());
}

TEST_F(OpsSim, SupportTicketsIncludeResolvedCasesAcrossPages) {
  int account = -1;
  for (int i = 0; i < accounts() && account < 0; ++i) {
    if (BusinessSupport(i)) account = i;
  }
  ASSERT_GE(account, 0);
  const collect::Window window = YearlyWindow("2025-01-01");
  std::vector<std::string> expected;
  const json cases =
      Truth("support", "DescribeCases", {{"includeResolvedCases", true}}, account, "us-east-1");
  for (const auto& c : cases["cases"]) {
    if (collect::InWindow(c["timeCreated"].get<std::string>(), window)) {
      expected.push_back(c["caseId"].get<std::string>());
    }
  }
  ASSERT_GT(expected.size(), 5u);
  const CategoryRun run = Run("support_tickets", account, window);
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  std::vector<std::string> got;
  std::set<std::string> statuses;
  for (const auto& t : run.section) {
    got.push_back(t["case_id"].get<std::string>());
    statuses.insert(t["status"].get<std::string>());
    EXPECT_TRUE(t["time_created"].get<std::string>().ends_with("Z")) << "the API's own string";
    EXPECT_EQ(t["date_from"], "2025-01-01");
    EXPECT_EQ(t["date_to"], "2026-01-01");
  }
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(statuses.count("resolved")) << "resolved cases are included (g.S1)";
  EXPECT_GT(run.collected.calls.at("support:DescribeCases"), 1);
}

TEST_F(OpsSim, ResilienceHubAppsWithAssessmentTimesAndObjectives) {
  const collect::Window window = YearlyWindow("2025-01-01");
  int checked = 0;
  for (int i = 0; i < accounts(); ++i) {
    const json apps = Truth("resiliencehub", "ListApps", json::object(), i, Home(i));
    if (apps.is_null() || apps["appSummaries"].empty()) continue;
    std::vector<std::string> expected;
    std::map<std::string, json> truth;
    for (const auto& a : apps["appSummaries"]) {
      if (collect::InWindow(a["creationTime"].get<std::string>(), window) ||
          collect::InWindow(a.value("lastAppComplianceEvaluationTime", ""), window)) {
        expected.push_back(a["appArn"].get<std::string>());
        truth[a["appArn"].get<std::string>()] = a;
      }
    }
    const CategoryRun run = Run("resilience_hub", i, window);
    ASSERT_EQ(run.status, "Pass") << run.logs.dump();
    std::vector<std::string> got;
    for (const auto& app : run.section) {
      got.push_back(app["app_arn"].get<std::string>());
      const json& a = truth[app["app_arn"].get<std::string>()];
      if (a.contains("lastAppComplianceEvaluationTime")) {
        EXPECT_EQ(app["last_assessment_time"],
                  document::PythonTime(a["lastAppComplianceEvaluationTime"].get<std::string>()));
      } else {
        EXPECT_TRUE(app["last_assessment_time"].is_null());
      }
      const json described =
          Truth("resiliencehub", "DescribeApp", {{"appArn", a["appArn"]}}, i, Home(i))["app"];
      if (described.contains("policyArn")) {
        const json policy = Truth("resiliencehub", "DescribeResiliencyPolicy",
                                  {{"policyArn", described["policyArn"]}}, i, Home(i))["policy"];
        EXPECT_EQ(Plain(app["rpo"]), policy["policy"]["AZ"]["rpoInSecs"]);
        EXPECT_EQ(Plain(app["rto"]), policy["policy"]["AZ"]["rtoInSecs"]);
      } else {
        EXPECT_TRUE(app["rpo"].is_null());
      }
      EXPECT_EQ(Plain(app["compliance_status"]), a["complianceStatus"]);
      EXPECT_EQ(Plain(app["resiliency_score"]), a["resiliencyScore"]);
      ++checked;
    }
    EXPECT_EQ(got, expected);
  }
  EXPECT_GT(checked, 0);
}

TEST_F(OpsSim, ApplicationSignalsListEachServiceOnceOverAMonth) {
  int account = -1;
  for (int i = 0; i < accounts() && account < 0; ++i) {
    const json s = Truth(
        "application-signals", "ListServices",
        {{"StartTime", "2025-09-19T00:00:00Z"}, {"EndTime", "2025-09-20T00:00:00Z"}}, i, Home(i));
    if (!s.is_null() && !s["ServiceSummaries"].empty()) account = i;
  }
  ASSERT_GE(account, 0);

  // One day: exactly the truth.
  const json day =
      Truth("application-signals", "ListServices",
            {{"StartTime", "2025-09-19T00:00:00Z"}, {"EndTime", "2025-09-20T00:00:00Z"}}, account,
            Home(account));
  const CategoryRun run = Run("application", account, DailyWindow("2025-09-20"));
  ASSERT_EQ(run.status, "Pass") << run.logs.dump();
  ASSERT_EQ(run.section.size(), day["ServiceSummaries"].size());
  for (size_t n = 0; n < run.section.size(); ++n) {
    const auto& element = run.section[n];
    const json& summary = day["ServiceSummaries"][n];
    EXPECT_EQ(Keys(element),
              (std::vector<std::string>{"service_name", "namespace", "key_attributes",
                                        "attribute_map", "metric_references"}));
    EXPECT_EQ(element["service_name"], summary["KeyAttributes"]["Name"]);
    EXPECT_EQ(element["namespace"], summary["KeyAttributes"]["Environment"]);
    EXPECT_EQ(Plain(element["key_attributes"]), summary["KeyAttributes"]);
    EXPECT_EQ(Plain(element["attribute_map"]), summary["AttributeMaps"][0]);
    EXPECT_EQ(Plain(element["metric_references"]), summary["MetricReferences"]);
  }

  // A month: 30 one-day requests (the API's 24-hour limit), each service once.
  std::set<std::string> distinct;
  for (int d = 1; d <= 30; ++d) {
    char start[32], end[32];
    std::snprintf(start, sizeof start, "2025-09-%02dT00:00:00Z", d);
    if (d == 30) {
      std::snprintf(end, sizeof end, "2025-10-01T00:00:00Z");
    } else {
      std::snprintf(end, sizeof end, "2025-09-%02dT00:00:00Z", d + 1);
    }
    const json s = Truth("application-signals", "ListServices",
                         {{"StartTime", start}, {"EndTime", end}}, account, Home(account));
    for (const auto& summary : s["ServiceSummaries"])
      distinct.insert(summary["KeyAttributes"].dump());
  }
  const CategoryRun month = Run("application", account, MonthlyWindow("2025-09-01"));
  ASSERT_EQ(month.status, "Pass") << month.logs.dump();
  EXPECT_EQ(month.section.size(), distinct.size());
  EXPECT_GE(month.collected.calls.at("application-signals:ListServices"), 30);
}

TEST_F(OpsSim, WithoutBusinessSupportOnlyTheSupportCategoriesFail) {
  int account = -1;
  for (int i = 1; i < accounts() && account < 0; ++i) {
    if (!BusinessSupport(i)) account = i;
  }
  ASSERT_GE(account, 0) << "the scenario has an account on Basic support";
  auto clients = sim_.Clients(account);
  collect::DocumentRequest request;
  request.target = TargetFor(sim_.AccountId(account), Home(account));
  request.window = DailyWindow("2025-09-20");
  request.categories = {"config",         "inventory",       "trusted_advisor", "health",
                        "resilience_hub", "support_tickets", "application"};
  const auto collected = collect::CollectDocument(request, *clients);
  const auto document = nlohmann::ordered_json::parse(collected.body);
  const auto& logs = document["logs"];
  for (const char* failed : {"trusted_advisor", "health", "support_tickets"}) {
    EXPECT_EQ(logs[std::string(failed) + "_status"], "Fail") << failed;
    EXPECT_EQ(document[failed], nlohmann::ordered_json::array()) << failed;
    const auto messages = Messages(logs, failed);
    ASSERT_EQ(messages.size(), 1u) << logs.dump();
    EXPECT_NE(messages[0].find("Subscription"), std::string::npos) << messages[0];
  }
  bool recorded = false;
  for (const auto& error : collected.errors) {
    recorded |=
        error.category == "support_tickets" && error.code == "SubscriptionRequiredException";
  }
  EXPECT_TRUE(recorded) << "the AWS error code is kept in our block";
  for (const char* passed : {"config", "inventory", "resilience_hub", "application"}) {
    EXPECT_EQ(logs[std::string(passed) + "_status"], "Pass") << passed << logs.dump();
  }
  EXPECT_TRUE(document["config"].is_object());
  EXPECT_TRUE(document["inventory"].is_object());
}

TEST_F(OpsSim, AccountWideCategoriesAreCollectedOnlyInTheHomeRegion) {
  int account = -1;
  for (int i = 0; i < accounts() && account < 0; ++i) {
    if (BusinessSupport(i) && world().AccountAt(i).regions.size() > 1) account = i;
  }
  ASSERT_GE(account, 0);
  const std::string other = world().AccountAt(account).regions[1];
  for (const char* category : {"trusted_advisor", "health", "support_tickets"}) {
    const CategoryRun run = Run(category, account, DailyWindow("2025-09-20"), other);
    EXPECT_EQ(run.status, "Skipped") << category;
    EXPECT_TRUE(run.collected.calls.empty()) << category;
    EXPECT_EQ(run.section, nlohmann::ordered_json::array());
  }
}

}  // namespace
}  // namespace view360::testing
