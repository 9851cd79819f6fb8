// The operations group's handlers (config, support, health, application-signals,
// resiliencehub, marketplace-entitlement), called directly on a fixed world: date filters,
// Config evaluations spread over days, the Business-support gate, errors and determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/handler.h"
#include "sim/handler_call.h"
#include "sim/resources.h"
#include "sim/services/operations_internal.h"
#include "sim/world.h"

namespace view360::sim {
namespace {

using nlohmann::json;

Scenario TestScenario() {
  Scenario scenario;
  scenario.seed = 20250920;
  scenario.accounts = 25;
  scenario.today = "2025-09-20";
  return scenario;
}

class OperationsTest : public ::testing::Test {
 protected:
  Reply Call(std::string_view service, std::string_view operation, const json& params,
             const Account& account, std::string region = "") {
    return CallHandler(world_, recorder_, account, std::move(region), service, operation, params);
  }
  Reply Call(std::string_view service, std::string_view operation, const json& params,
             int account_index = 1, std::string region = "") {
    const Account account = world_.AccountAt(account_index);
    return Call(service, operation, params, account, std::move(region));
  }

  // Every evaluation of every Config rule of an account and region.
  std::vector<json> Evaluations(const Account& account, const std::string& region) {
    std::vector<json> out;
    const Reply rules =
        Call("config", "DescribeComplianceByConfigRule", json::object(), account, region);
    EXPECT_TRUE(rules.ok()) << rules.error_message;
    for (const auto& rule : rules.output["ComplianceByConfigRules"]) {
      const Reply details = Call("config", "GetComplianceDetailsByConfigRule",
                                 {{"ConfigRuleName", rule["ConfigRuleName"]}}, account, region);
      EXPECT_TRUE(details.ok()) << details.error_message;
      for (const auto& e : details.output["EvaluationResults"]) out.push_back(e);
    }
    return out;
  }

  int BusinessMember() {
    for (int i = 1; i <= world_.member_count(); ++i) {
      if (ops::HasBusinessSupport(world_, world_.AccountAt(i))) return i;
    }
    ADD_FAILURE() << "no member with Business support";
    return 0;
  }

  std::string DayText(int offset) { return FormatDay(world_.today() + offset); }

  World world_{TestScenario()};
  Recorder recorder_;
};

void ExpectError(const Reply& reply, std::string_view code, int status) {
  EXPECT_EQ(reply.error_code, code) << reply.output.dump();
  EXPECT_EQ(reply.http_status, status) << reply.error_message;
  EXPECT_FALSE(reply.error_message.empty());
}

// ---- Config
// --------------------------------------------------------------------------------------

TEST_F(OperationsTest, ConfigEvaluationsFallOnManyDaysIncludingYesterday) {
  std::map<std::string, int> per_day;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& region : account.regions) {
      for (const auto& e : Evaluations(account, region)) {
        ++per_day[e["ResultRecordedTime"].get<std::string>().substr(0, 10)];
      }
    }
  }
  EXPECT_GT(per_day[DayText(-1)], 20) << "yesterday's run must find evaluations";
  int recent_days = 0;
  for (int d = -30; d <= -1; ++d) recent_days += per_day.count(DayText(d)) > 0;
  EXPECT_GE(recent_days, 25) << "a backfill of the last month finds evaluations most days";
  EXPECT_GT(per_day.size(), 60u);
  EXPECT_LE(per_day.rbegin()->first, DayText(0));
  EXPECT_GE(per_day.begin()->first, FormatDay(world_.first_day()));
}

TEST_F(OperationsTest, ConfigDetailsListNewestFirstWithRealResourceIds) {
  int volume_results = 0;
  for (int i = 0; i <= world_.member_count() && volume_results == 0; ++i) {
    const Account account = world_.AccountAt(i);
    const std::string region = account.regions.front();
    std::set<std::string> volumes;
    for (const auto& v : VolumesOn(world_, account, region, world_.today())) volumes.insert(v.id);
    const Reply rules = Call("config", "DescribeComplianceByConfigRule", json::object(), account);
    for (const auto& rule : rules.output["ComplianceByConfigRules"]) {
      const Reply details = Call("config", "GetComplianceDetailsByConfigRule",
                                 {{"ConfigRuleName", rule["ConfigRuleName"]}}, account);
      std::string previous = "9999";
      for (const auto& e : details.output["EvaluationResults"]) {
        const std::string recorded = e["ResultRecordedTime"];
        EXPECT_LE(recorded, previous);
        previous = recorded;
        EXPECT_LE(e["ConfigRuleInvokedTime"].get<std::string>(), recorded);
        const auto& q = e["EvaluationResultIdentifier"]["EvaluationResultQualifier"];
        EXPECT_EQ(q["ConfigRuleName"], rule["ConfigRuleName"]);
        EXPECT_EQ(q["EvaluationMode"], "DETECTIVE");
        if (q["ResourceType"] == "AWS::EC2::Volume") {
          ++volume_results;
          EXPECT_TRUE(volumes.count(q["ResourceId"])) << q.dump();
        }
        EXPECT_EQ(e.contains("Annotation"), e["ComplianceType"] == "NON_COMPLIANT");
      }
    }
  }
  EXPECT_GT(volume_results, 0);
}

TEST_F(OperationsTest, ConfigBucketEncryptionRuleFollowsTheBucket) {
  int checked = 0;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& region : account.regions) {
      const Reply details =
          Call("config", "GetComplianceDetailsByConfigRule",
               {{"ConfigRuleName", "s3-bucket-server-side-encryption-enabled"}}, account, region);
      if (!details.ok()) continue;  // Rule not deployed standalone here.
      std::map<std::string, bool> encrypted;
      for (const auto& b : BucketsOn(world_, account, world_.today())) {
        if (b.region == region) encrypted[b.name] = b.encrypted;
      }
      for (const auto& e : details.output["EvaluationResults"]) {
        const std::string id =
            e["EvaluationResultIdentifier"]["EvaluationResultQualifier"]["ResourceId"];
        ASSERT_TRUE(encrypted.count(id)) << id;
        EXPECT_EQ(e["ComplianceType"] == "COMPLIANT", encrypted[id]) << id;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5);
}

TEST_F(OperationsTest, ConfigRuleComplianceAgreesWithDetailsAndFilters) {
  const Account account = world_.AccountAt(0);
  const Reply all = Call("config", "DescribeComplianceByConfigRule", json::object(), account);
  ASSERT_TRUE(all.ok());
  ASSERT_FALSE(all.output["ComplianceByConfigRules"].empty());
  size_t non_compliant = 0;
  for (const auto& rule : all.output["ComplianceByConfigRules"]) {
    const Reply failing =
        Call("config", "GetComplianceDetailsByConfigRule",
             {{"ConfigRuleName", rule["ConfigRuleName"]}, {"ComplianceTypes", {"NON_COMPLIANT"}}},
             account);
    const std::string type = rule["Compliance"]["ComplianceType"];
    EXPECT_EQ(type == "NON_COMPLIANT", !failing.output["EvaluationResults"].empty()) << rule;
    if (type == "NON_COMPLIANT") {
      ++non_compliant;
      EXPECT_EQ(rule["Compliance"]["ComplianceContributorCount"]["CappedCount"],
                failing.output["EvaluationResults"].size());
    }
  }
  const Reply only = Call("config", "DescribeComplianceByConfigRule",
                          {{"ComplianceTypes", {"NON_COMPLIANT"}}}, account);
  EXPECT_EQ(only.output["ComplianceByConfigRules"].size(), non_compliant);
}

TEST_F(OperationsTest, ConformancePackComplianceListsThePackRules) {
  const Account account = world_.AccountAt(0);
  const Reply packs = Call("config", "DescribeConformancePacks", json::object(), account);
  ASSERT_TRUE(packs.ok());
  ASSERT_FALSE(packs.output["ConformancePackDetails"].empty());
  const Reply rules = Call("config", "DescribeComplianceByConfigRule", json::object(), account);
  std::map<std::string, std::string> compliance;
  for (const auto& r : rules.output["ComplianceByConfigRules"]) {
    compliance[r["ConfigRuleName"]] = r["Compliance"]["ComplianceType"];
  }
  for (const auto& pack : packs.output["ConformancePackDetails"]) {
    EXPECT_NE(pack["ConformancePackArn"].get<std::string>().find(pack["ConformancePackId"]),
              std::string::npos);
    const Reply c = Call("config", "DescribeConformancePackCompliance",
                         {{"ConformancePackName", pack["ConformancePackName"]}}, account);
    ASSERT_TRUE(c.ok()) << c.error_message;
    ASSERT_FALSE(c.output["ConformancePackRuleComplianceList"].empty());
    for (const auto& r : c.output["ConformancePackRuleComplianceList"]) {
      EXPECT_NE(r["ConfigRuleName"].get<std::string>().find("-conformance-pack-"),
                std::string::npos);
      EXPECT_EQ(compliance[r["ConfigRuleName"]], r["ComplianceType"]);
    }
  }
  ExpectError(Call("config", "DescribeConformancePackCompliance",
                   {{"ConformancePackName", "No-Such-Pack"}}, account),
              "NoSuchConformancePackException", 400);
}

TEST_F(OperationsTest, ConfigErrorsAndAccountsWithoutRecorder) {
  ExpectError(
      Call("config", "GetComplianceDetailsByConfigRule", {{"ConfigRuleName", "no-such-rule"}}, 0),
      "NoSuchConfigRuleException", 400);
  ExpectError(Call("config", "GetComplianceDetailsByConfigRule",
                   {{"ConfigRuleName", "encrypted-volumes"}, {"Limit", 101}}, 0),
              "InvalidParameterValueException", 400);
  int without = 0, with = 0;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    for (const auto& region : account.regions) {
      const Reply r =
          Call("config", "DescribeConfigurationRecorders", json::object(), account, region);
      ASSERT_TRUE(r.ok());
      if (r.output["ConfigurationRecorders"].empty()) {
        ++without;
        EXPECT_TRUE(Call("config", "DescribeConformancePacks", json::object(), account, region)
                        .output["ConformancePackDetails"]
                        .empty());
      } else {
        ++with;
        EXPECT_EQ(r.output["ConfigurationRecorders"][0]["name"], "default");
      }
    }
  }
  EXPECT_GT(without, 0);
  EXPECT_GT(with, 3 * without);
}

// ---- Support and Health
// --------------------------------------------------------------------------

TEST_F(OperationsTest, SupportAndHealthNeedBusinessSupport) {
  int refused = 0;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    const bool business = ops::HasBusinessSupport(world_, account);
    if (i == 0) {
      EXPECT_TRUE(business);
    }
    const Reply checks =
        Call("support", "DescribeTrustedAdvisorChecks", {{"language", "en"}}, account);
    const Reply cases = Call("support", "DescribeCases", json::object(), account);
    const Reply events = Call("health", "DescribeEvents", json::object(), account);
    for (const Reply* r : {&checks, &cases, &events}) {
      if (business) {
        EXPECT_TRUE(r->ok()) << r->error_message;
      } else {
        ExpectError(*r, "SubscriptionRequiredException", 400);
      }
    }
    refused += !business;
  }
  EXPECT_GE(refused, 3);
  EXPECT_LE(refused, 14);
}

TEST_F(OperationsTest, TrustedAdvisorResultsMatchTheCatalogue) {
  const int member = BusinessMember();
  const Reply checks =
      Call("support", "DescribeTrustedAdvisorChecks", {{"language", "en"}}, member);
  ASSERT_TRUE(checks.ok());
  std::set<std::string> categories;
  int flagged_checks = 0;
  for (const auto& check : checks.output["checks"]) {
    categories.insert(check["category"]);
    const Reply r = Call("support", "DescribeTrustedAdvisorCheckResult",
                         {{"checkId", check["id"]}, {"language", "en"}}, member);
    ASSERT_TRUE(r.ok()) << r.error_message;
    const auto& result = r.output["result"];
    EXPECT_EQ(result["checkId"], check["id"]);
    EXPECT_TRUE(ParseTime(result["timestamp"].get<std::string>()).ok());
    EXPECT_EQ(result["resourcesSummary"]["resourcesFlagged"], result["flaggedResources"].size());
    for (const auto& f : result["flaggedResources"]) {
      EXPECT_EQ(f["metadata"].size(), check["metadata"].size()) << check["name"];
    }
    const std::string status = result["status"];
    EXPECT_TRUE(status == "ok" || status == "warning" || status == "error" ||
                status == "not_available");
    EXPECT_EQ(status == "warning" || status == "error", !result["flaggedResources"].empty());
    flagged_checks += !result["flaggedResources"].empty();
    if (check["category"] == "cost_optimizing") {
      EXPECT_TRUE(result["categorySpecificSummary"].contains("costOptimizing"));
    }
  }
  EXPECT_EQ(categories, (std::set<std::string>{"cost_optimizing", "security", "fault_tolerance",
                                               "performance", "service_limits"}));
  EXPECT_GE(flagged_checks, 3);
  ExpectError(Call("support", "DescribeTrustedAdvisorCheckResult", {{"checkId", "nope"}}, member),
              "InvalidParameterValueException", 400);
}

TEST_F(OperationsTest, LowUtilizationCheckFlagsRealIdleInstances) {
  const int member = BusinessMember();
  const Account account = world_.AccountAt(member);
  const Reply r =
      Call("support", "DescribeTrustedAdvisorCheckResult", {{"checkId", "Qch7DwouX1"}}, account);
  ASSERT_TRUE(r.ok());
  const auto& result = r.output["result"];
  const Day refreshed = *ParseDay(result["timestamp"].get<std::string>());
  std::map<std::string, double> cpu;
  for (const auto& region : account.regions) {
    for (const auto& i : InstancesOn(world_, account, region, refreshed)) cpu[i.id] = i.cpu_average;
  }
  for (const auto& f : result["flaggedResources"]) {
    const std::string id = f["metadata"][1];
    ASSERT_TRUE(cpu.count(id)) << id;
    EXPECT_LT(cpu[id], 10);
  }
}

TEST_F(OperationsTest, DescribeCasesHonoursResolvedAndTimeFilters) {
  const int member = BusinessMember();
  const Reply open = Call("support", "DescribeCases", json::object(), member);
  const Reply all = Call("support", "DescribeCases", {{"includeResolvedCases", true}}, member);
  ASSERT_TRUE(all.ok());
  ASSERT_GT(all.output["cases"].size(), open.output["cases"].size());
  for (const auto& c : open.output["cases"]) EXPECT_NE(c["status"], "resolved");
  const std::string from = DayText(-60) + "T00:00:00Z", to = DayText(-30) + "T00:00:00Z";
  const Reply window =
      Call("support", "DescribeCases",
           {{"includeResolvedCases", true}, {"afterTime", from}, {"beforeTime", to}}, member);
  size_t expected = 0;
  for (const auto& c : all.output["cases"]) {
    const std::string created = c["timeCreated"];
    EXPECT_EQ(created.size(), 24u) << created;  // 2025-09-14T10:12:13.000Z
    EXPECT_EQ(c["caseId"].get<std::string>().rfind("case-" + world_.AccountAt(member).id, 0), 0u);
    expected += created >= from && created <= to;
  }
  EXPECT_EQ(window.output["cases"].size(), expected);
  const json first = all.output["cases"][0];
  const Reply by_id =
      Call("support", "DescribeCases",
           {{"includeResolvedCases", true}, {"caseIdList", {first["caseId"]}}}, member);
  ASSERT_EQ(by_id.output["cases"].size(), 1u);
  EXPECT_EQ(by_id.output["cases"][0], first);
  ExpectError(Call("support", "DescribeCases", {{"caseIdList", {"case-0-2025-0"}}}, member),
              "CaseIdNotFound", 400);
}

TEST_F(OperationsTest, HealthEventsHonourStartTimesAndStatus) {
  const int member = BusinessMember();
  const Reply all = Call("health", "DescribeEvents", json::object(), member);
  ASSERT_TRUE(all.ok());
  ASSERT_GT(all.output["events"].size(), 10u);
  // A week of one-day windows finds exactly the events starting inside each.
  size_t total = 0;
  const std::string now = DayText(0) + "T06:00:00Z";
  for (const auto& e : all.output["events"]) {
    const std::string start = e["startTime"];
    if (start >= DayText(-7) && start < DayText(0)) ++total;
    const std::string status = e["statusCode"];
    EXPECT_EQ(status == "upcoming", start > now) << e;
  }
  size_t windows = 0;
  for (int d = -7; d < 0; ++d) {
    const json filter = {
        {"startTimes", {{{"from", DayText(d) + "T00:00:00Z"}, {"to", DayText(d) + "T23:59:59Z"}}}}};
    const Reply day = Call("health", "DescribeEvents", {{"filter", filter}}, member);
    for (const auto& e : day.output["events"]) {
      EXPECT_EQ(e["startTime"].get<std::string>().substr(0, 10), DayText(d));
    }
    windows += day.output["events"].size();
  }
  EXPECT_EQ(windows, total);
  const Reply upcoming =
      Call("health", "DescribeEvents", {{"filter", {{"eventStatusCodes", {"upcoming"}}}}}, member);
  for (const auto& e : upcoming.output["events"]) EXPECT_EQ(e["statusCode"], "upcoming");
}

TEST_F(OperationsTest, PublicHealthEventsShareTheirArnAcrossAccounts) {
  std::map<std::string, std::set<std::string>> accounts_of;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    if (!ops::HasBusinessSupport(world_, account)) continue;
    const Reply r = Call("health", "DescribeEvents", json::object(), account);
    for (const auto& e : r.output["events"]) {
      if (e["eventScopeCode"] == "PUBLIC") accounts_of[e["arn"]].insert(account.id);
    }
  }
  const bool shared = std::any_of(accounts_of.begin(), accounts_of.end(),
                                  [](const auto& entry) { return entry.second.size() > 1; });
  EXPECT_TRUE(shared);
}

// ---- Application Signals, Resilience Hub, Marketplace
// --------------------------------------------

TEST_F(OperationsTest, ApplicationSignalsWindowIsLimitedAndHonoured) {
  const json day = {{"StartTime", DayText(-1) + "T00:00:00Z"},
                    {"EndTime", DayText(0) + "T00:00:00Z"}};
  int with_services = 0;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    const Reply r = Call("application-signals", "ListServices", day, account);
    ASSERT_TRUE(r.ok()) << r.error_message;
    EXPECT_EQ(r.output["StartTime"], day["StartTime"]);
    std::set<std::string> names;
    for (const auto& s : r.output["ServiceSummaries"]) {
      EXPECT_TRUE(names.insert(s["KeyAttributes"]["Name"]).second) << s;
      EXPECT_EQ(s["KeyAttributes"]["Type"], "Service");
      EXPECT_FALSE(s["MetricReferences"].empty());
    }
    with_services += !r.output["ServiceSummaries"].empty();
  }
  EXPECT_GT(with_services, 5);
  ExpectError(
      Call("application-signals", "ListServices",
           {{"StartTime", DayText(-3) + "T00:00:00Z"}, {"EndTime", DayText(0) + "T00:00:00Z"}}),
      "ValidationException", 400);
  ExpectError(Call("application-signals", "ListServices", {{"StartTime", DayText(-1)}}),
              "ValidationException", 400);
}

TEST_F(OperationsTest, ResilienceHubAppsAreDescribedAndFilteredByAssessment) {
  int apps = 0, assessed_yesterday = 0;
  for (int i = 0; i <= world_.member_count(); ++i) {
    const Account account = world_.AccountAt(i);
    const Reply list = Call("resiliencehub", "ListApps", json::object(), account);
    ASSERT_TRUE(list.ok());
    std::set<std::string> names;
    for (const auto& summary : list.output["appSummaries"]) {
      ++apps;
      EXPECT_TRUE(names.insert(summary["name"]).second) << summary;
      const Reply app =
          Call("resiliencehub", "DescribeApp", {{"appArn", summary["appArn"]}}, account);
      ASSERT_TRUE(app.ok()) << app.error_message;
      EXPECT_EQ(app.output["app"]["name"], summary["name"]);
      if (app.output["app"].contains("policyArn")) {
        const Reply policy = Call("resiliencehub", "DescribeResiliencyPolicy",
                                  {{"policyArn", app.output["app"]["policyArn"]}}, account);
        ASSERT_TRUE(policy.ok()) << policy.error_message;
        EXPECT_TRUE(policy.output["policy"]["policy"].contains("AZ"));
      }
      const Reply status =
          Call("resiliencehub", "DescribeAppVersionResourcesResolutionStatus",
               {{"appArn", summary["appArn"]}, {"appVersion", "release"}}, account);
      ASSERT_TRUE(status.ok()) << status.error_message;
      if (summary.contains("lastAppComplianceEvaluationTime")) {
        const Reply tests = Call("resiliencehub", "ListTestRecommendations",
                                 {{"assessmentArn", summary["appArn"]}}, account);
        ASSERT_TRUE(tests.ok()) << tests.error_message;
        EXPECT_FALSE(tests.output["testRecommendations"].empty());
        const std::string at = summary["lastAppComplianceEvaluationTime"];
        assessed_yesterday += at.substr(0, 10) == DayText(-1);
      }
    }
    const Reply window = Call("resiliencehub", "ListApps",
                              {{"fromLastAssessmentTime", DayText(-1) + "T00:00:00Z"},
                               {"toLastAssessmentTime", DayText(-1) + "T23:59:59Z"}},
                              account);
    for (const auto& summary : window.output["appSummaries"]) {
      EXPECT_EQ(summary["lastAppComplianceEvaluationTime"].get<std::string>().substr(0, 10),
                DayText(-1));
    }
  }
  EXPECT_GT(apps, 5);
  EXPECT_GT(assessed_yesterday, 2);
  ExpectError(Call("resiliencehub", "DescribeApp",
                   {{"appArn", "arn:aws:resiliencehub:us-east-1:111111111111:app/nope"}}),
              "ResourceNotFoundException", 404);
}

TEST_F(OperationsTest, MarketplaceEntitlementsByProductAndFilter) {
  const Reply all = Call("marketplace-entitlement", "GetEntitlements",
                         {{"ProductCode", ops::kMarketplaceProductCodes[0]}});
  ASSERT_TRUE(all.ok());
  ASSERT_FALSE(all.output["Entitlements"].empty());
  const Reply users = Call(
      "marketplace-entitlement", "GetEntitlements",
      {{"ProductCode", ops::kMarketplaceProductCodes[0]}, {"Filter", {{"DIMENSION", {"users"}}}}});
  ASSERT_FALSE(users.output["Entitlements"].empty());
  for (const auto& e : users.output["Entitlements"]) {
    EXPECT_EQ(e["Dimension"], "users");
    EXPECT_TRUE(e["Value"].contains("IntegerValue"));
    // The filter only removes entries; the values stay those of the unfiltered list.
    const auto match =
        std::find(all.output["Entitlements"].begin(), all.output["Entitlements"].end(), e);
    EXPECT_NE(match, all.output["Entitlements"].end());
  }
  EXPECT_TRUE(Call("marketplace-entitlement", "GetEntitlements", {{"ProductCode", "unknown"}})
                  .output["Entitlements"]
                  .empty());
}

// ---- Determinism
// ---------------------------------------------------------------------------------

TEST_F(OperationsTest, SameSeedSameAnswers) {
  World other{TestScenario()};
  Recorder recorder;
  const int member = BusinessMember();
  const json health = json::object();
  const std::vector<std::tuple<std::string, std::string, json>> calls = {
      {"config", "DescribeComplianceByConfigRule", json::object()},
      {"config", "GetComplianceDetailsByConfigRule", {{"ConfigRuleName", "encrypted-volumes"}}},
      {"support", "DescribeTrustedAdvisorCheckResult", {{"checkId", "DAvU99Dc4C"}}},
      {"support", "DescribeCases", {{"includeResolvedCases", true}}},
      {"health", "DescribeEvents", health},
      {"resiliencehub", "ListApps", json::object()},
  };
  for (const auto& [service, operation, params] : calls) {
    const Reply a = Call(service, operation, params, member);
    const Account account = other.AccountAt(member);
    ApiCall call{other, account, account.regions.front(), service, operation, params, recorder, "",
                 "",    nullptr};
    const Reply b = (*AllHandlers().Find(service, operation))(call);
    EXPECT_EQ(a.output, b.output) << service << ":" << operation;
    EXPECT_EQ(a.error_code, b.error_code);
  }
}

}  // namespace
}  // namespace view360::sim
