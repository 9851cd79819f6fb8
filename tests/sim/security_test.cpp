// The security group's handlers (Security Hub, GuardDuty, Inspector, KMS, WAF, CloudTrail,
// Secrets Manager, ACM) called directly: the date and string filters collectors send are
// honoured, data is deterministic and moves with today, and the errors AWS gives (not
// subscribed, unknown detector/key/trail/ACL/certificate, invalid scope) come back right.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "sim/handler.h"
#include "sim/recorder.h"
#include "sim/world.h"

namespace view360::sim {
namespace {

using nlohmann::json;

constexpr const char* kToday = "2025-09-20";

Scenario MakeScenario(const std::string& today = kToday) {
  Scenario scenario;
  scenario.seed = 7;
  scenario.accounts = 30;
  scenario.today = today;
  return scenario;
}

class SecurityTest : public ::testing::Test {
 protected:
  SecurityTest() : world_(MakeScenario()) {}

  Reply Call(const std::string& service, const std::string& operation, const json& params,
             int account_index, const std::string& region, const World* world = nullptr) {
    const World& w = world ? *world : world_;
    const Account account = w.AccountAt(account_index);
    const Handler* handler = AllHandlers().Find(service, operation);
    EXPECT_NE(handler, nullptr) << service << ":" << operation;
    if (handler == nullptr) return AwsError(500, "Missing", "");
    ApiCall call{w,          account, region,    service,
                 operation,  params,  recorder_, "arn:aws:iam::" + account.id + ":root",
                 account.id, nullptr};
    return (*handler)(call);
  }
  // The call in the account's home region.
  Reply Home(const std::string& service, const std::string& operation, const json& params,
             int account_index) {
    return Call(service, operation, params, account_index,
                world_.AccountAt(account_index).regions.front());
  }
  // Every item of a list operation whose handler pages itself, following the tokens, in the
  // account's home region.
  json Collect(const std::string& service, const std::string& operation, const std::string& key,
               const std::string& token, const json& params, int account_index,
               const World* world = nullptr) {
    const World& w = world ? *world : world_;
    json call_params = params, all = json::array();
    for (int pages = 0; pages < 1000; ++pages) {
      const Reply reply = Call(service, operation, call_params, account_index,
                               w.AccountAt(account_index).regions.front(), &w);
      if (!reply.ok()) return reply.error_code;
      for (const auto& item : reply.output[key]) all.push_back(item);
      if (!reply.output.contains(token)) return all;
      call_params[token] = reply.output[token];
    }
    ADD_FAILURE() << "endless paging";
    return all;
  }
  json Findings(const json& params, int account_index, const World* world = nullptr) {
    return Collect("securityhub", "GetFindings", "Findings", "NextToken", params, account_index,
                   world);
  }
  json InspectorFindings(const json& params, int account_index) {
    return Collect("inspector2", "ListFindings", "findings", "nextToken", params, account_index);
  }
  static json Ok(const Reply& reply) {
    EXPECT_TRUE(reply.ok()) << reply.error_code << ": " << reply.error_message;
    return reply.output;
  }

  // The first member account (in its home region) for which `predicate` holds.
  template <typename Predicate>
  int FindAccount(Predicate predicate) {
    for (int i = 1; i <= world_.member_count(); ++i) {
      if (predicate(i)) return i;
    }
    ADD_FAILURE() << "no account qualifies";
    return 0;
  }

  int SubscribedAccount() {
    return FindAccount([&](int i) {
      return Home("securityhub", "DescribeHub", json::object(), i).ok() &&
             Findings(json::object(), i).size() > 20;
    });
  }

  int AccountWithDetector() {
    return FindAccount([&](int i) {
      return !Ok(Home("guardduty", "ListDetectors", json::object(), i))["DetectorIds"].empty();
    });
  }

  World world_;
  Recorder recorder_;
};

json StringFilter(const std::string& value, const std::string& comparison = "EQUALS") {
  return {{"Value", value}, {"Comparison", comparison}};
}

// ---- Security Hub -------------------------------------------------------------------------------

TEST_F(SecurityTest, SecurityHubOneDayCreatedAtWindowReturnsExactlyThatDaysFindings) {
  const int account = SubscribedAccount();
  const json all = Findings(json::object(), account);
  std::map<std::string, size_t> per_day;
  for (const auto& f : all) per_day[f["CreatedAt"].get<std::string>().substr(0, 10)]++;
  ASSERT_GT(per_day.size(), 5u);
  size_t checked = 0;
  for (const auto& [day, count] : per_day) {
    if (++checked > 6) break;
    const json params = {
        {"Filters", {{"CreatedAt", {{{"Start", day + "T00:00:00"}, {"End", day + "T23:59:59"}}}}}}};
    const json found = Findings(params, account);
    EXPECT_EQ(found.size(), count) << day;
    for (const auto& f : found) EXPECT_EQ(f["CreatedAt"].get<std::string>().substr(0, 10), day);
  }
}

TEST_F(SecurityTest, SecurityHubHonoursTheSendersTwoQueries) {
  const int account = SubscribedAccount();
  const std::string id = world_.AccountAt(account).id;
  const json severities = {StringFilter("CRITICAL"), StringFilter("HIGH"), StringFilter("MEDIUM"),
                           StringFilter("LOW")};
  const json window = {{{"Start", "2025-06-01T00:00:00"}, {"End", "2025-09-19T23:59:59"}}};
  json created = {{"CreatedAt", window},
                  {"RecordState", {StringFilter("ACTIVE")}},
                  {"AwsAccountId", {StringFilter(id)}},
                  {"SeverityLabel", severities},
                  {"WorkflowStatus", {StringFilter("NEW")}}};
  const json first = Findings({{"Filters", created}}, account);
  ASSERT_FALSE(first.empty());
  for (const auto& f : first) {
    EXPECT_EQ(f["Workflow"]["Status"], "NEW");
    EXPECT_EQ(f["RecordState"], "ACTIVE");
    EXPECT_EQ(f["AwsAccountId"], id);
    EXPECT_NE(f["Severity"]["Label"], "INFORMATIONAL");
    EXPECT_GE(f["CreatedAt"].get<std::string>(), "2025-06-01");
    EXPECT_LT(f["CreatedAt"].get<std::string>(), "2025-09-20");
  }
  json updated = created;
  updated.erase("CreatedAt");
  updated["UpdatedAt"] = window;
  updated["WorkflowStatus"] = {StringFilter("RESOLVED"), StringFilter("NOTIFIED"),
                               StringFilter("SUPPRESSED")};
  const json second = Findings({{"Filters", updated}}, account);
  ASSERT_FALSE(second.empty());
  for (const auto& f : second) {
    EXPECT_NE(f["Workflow"]["Status"], "NEW");
    EXPECT_GE(f["UpdatedAt"].get<std::string>(), "2025-06-01");
    EXPECT_LT(f["UpdatedAt"].get<std::string>(), "2025-09-20");
    EXPECT_LE(f["CreatedAt"].get<std::string>(), f["UpdatedAt"].get<std::string>());
  }
}

TEST_F(SecurityTest, SecurityHubNotEqualsAndPrefixComparisons) {
  const int account = SubscribedAccount();
  const json all = Findings(json::object(), account);
  const json no_hub = Findings(
      {{"Filters", {{"ProductName", {StringFilter("Security Hub", "NOT_EQUALS")}}}}}, account);
  const json prefix =
      Findings({{"Filters", {{"ProductName", {StringFilter("Security", "PREFIX")}}}}}, account);
  EXPECT_EQ(no_hub.size() + prefix.size(), all.size());
  EXPECT_FALSE(no_hub.empty());
  EXPECT_FALSE(prefix.empty());
  for (const auto& f : no_hub) EXPECT_NE(f["ProductName"], "Security Hub");
  for (const auto& f : prefix) EXPECT_EQ(f["ProductName"], "Security Hub");
}

TEST_F(SecurityTest, SecurityHubFindingsAreAsffWithMillisecondTimestamps) {
  const int account = SubscribedAccount();
  const json all = Findings(json::object(), account);
  const std::regex millis(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  std::set<std::string> ids, resource_types;
  for (const auto& f : all) {
    EXPECT_TRUE(std::regex_match(f["CreatedAt"].get<std::string>(), millis)) << f["CreatedAt"];
    EXPECT_TRUE(std::regex_match(f["UpdatedAt"].get<std::string>(), millis)) << f["UpdatedAt"];
    EXPECT_TRUE(ids.insert(f["Id"].get<std::string>()).second) << "duplicate " << f["Id"];
    resource_types.insert(f["Resources"][0]["Type"].get<std::string>());
    EXPECT_EQ(f["Region"], world_.AccountAt(account).regions.front());
    EXPECT_FALSE(f["Remediation"]["Recommendation"]["Text"].get<std::string>().empty());
  }
  EXPECT_GT(resource_types.size(), 2u);
}

TEST_F(SecurityTest, SecurityHubFindingsAreDeterministicAndAccumulateOverTime) {
  const int account = SubscribedAccount();
  const json params = {
      {"Filters", {{"CreatedAt", {{{"Start", "2025-08-01"}, {"End", "2025-08-31T23:59:59"}}}}}}};
  const json a = Findings(params, account);
  const World again(MakeScenario());
  EXPECT_EQ(a, Findings(params, account, &again));
  // Ten days earlier, the August findings existed with the same ids; fewer findings in all.
  const World earlier(MakeScenario("2025-09-10"));
  const json before = Findings(params, account, &earlier);
  std::set<std::string> ids_before, ids_now;
  for (const auto& f : before) ids_before.insert(f["Id"]);
  for (const auto& f : a) ids_now.insert(f["Id"]);
  EXPECT_EQ(ids_before, ids_now);
  const json since = {
      {"Filters", {{"CreatedAt", {{{"Start", "2025-01-01"}, {"End", "2025-09-30"}}}}}}};
  const size_t all_now = Findings(since, account).size();
  const size_t all_before = Findings(since, account, &earlier).size();
  EXPECT_LT(all_before, all_now);
}

TEST_F(SecurityTest, SecurityHubUnsubscribedAccountsGetInvalidAccess) {
  const int account = FindAccount([&](int i) {
    return Home("securityhub", "DescribeHub", json::object(), i).error_code ==
           "InvalidAccessException";
  });
  const std::string id = world_.AccountAt(account).id;
  for (const char* op : {"DescribeHub", "GetFindings"}) {
    const Reply reply = Home("securityhub", op, json::object(), account);
    EXPECT_EQ(reply.http_status, 401) << op;
    EXPECT_EQ(reply.error_code, "InvalidAccessException") << op;
    EXPECT_EQ(reply.error_message, "Account " + id + " is not subscribed to AWS Security Hub");
  }
  const json hub = Ok(Home("securityhub", "DescribeHub", json::object(), 0));
  EXPECT_EQ(hub["HubArn"], "arn:aws:securityhub:" + world_.management().regions.front() + ":" +
                               world_.management().id + ":hub/default");
}

TEST_F(SecurityTest, SecurityHubRejectsBadInput) {
  const int account = SubscribedAccount();
  EXPECT_EQ(Home("securityhub", "GetFindings", {{"MaxResults", 500}}, account).error_code,
            "InvalidInputException");
  EXPECT_EQ(Home("securityhub", "GetFindings",
                 {{"Filters", {{"CreatedAt", {{{"Start", "yesterday"}}}}}}}, account)
                .error_code,
            "InvalidInputException");
}

// ---- GuardDuty ----------------------------------------------------------------------------------

TEST_F(SecurityTest, GuardDutyUpdatedAtAndSeverityCriteriaAreHonoured) {
  const int account = AccountWithDetector();
  const std::string detector =
      Ok(Home("guardduty", "ListDetectors", json::object(), account))["DetectorIds"][0];
  const int64_t gte = 1'754'006'400'000;  // 2025-08-01T00:00:00Z
  const int64_t lte = 1'756'684'799'999;  // 2025-08-31T23:59:59.999Z
  const json criteria = {{"updatedAt", {{"Gte", gte}, {"Lte", lte}}}, {"severity", {{"Gte", 4}}}};
  const json ids =
      Ok(Home("guardduty", "ListFindings",
              {{"DetectorId", detector}, {"FindingCriteria", {{"Criterion", criteria}}}},
              account))["FindingIds"];
  ASSERT_FALSE(ids.empty());
  const json all = Ok(Home("guardduty", "ListFindings", {{"DetectorId", detector}}, account));
  EXPECT_GT(all["FindingIds"].size(), ids.size());
  json first50 = json::array();
  for (size_t i = 0; i < ids.size() && i < 50; ++i) first50.push_back(ids[i]);
  first50.push_back("0123456789abcdef0123456789abcdef");  // Not one of ours: skipped.
  const json findings =
      Ok(Home("guardduty", "GetFindings", {{"DetectorId", detector}, {"FindingIds", first50}},
              account))["Findings"];
  ASSERT_EQ(findings.size(), first50.size() - 1);
  for (size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    EXPECT_EQ(f["Id"], first50[i]);
    EXPECT_GE(f["Severity"].get<double>(), 4.0);
    EXPECT_LE(f["Severity"].get<double>(), 10.0);
    EXPECT_GE(f["UpdatedAt"].get<std::string>(), "2025-08-01T00:00:00.000Z");
    EXPECT_LE(f["UpdatedAt"].get<std::string>(), "2025-08-31T23:59:59.999Z");
    EXPECT_EQ(f["AccountId"], world_.AccountAt(account).id);
    EXPECT_FALSE(f["Resource"]["ResourceType"].get<std::string>().empty());
  }
}

TEST_F(SecurityTest, GuardDutyUnknownDetectorIsABadRequest) {
  const int account = AccountWithDetector();
  const Reply reply = Home("guardduty", "ListFindings",
                           {{"DetectorId", "00000000000000000000000000000000"}}, account);
  EXPECT_EQ(reply.http_status, 400);
  EXPECT_EQ(reply.error_code, "BadRequestException");
  const int without = FindAccount([&](int i) {
    return Ok(Home("guardduty", "ListDetectors", json::object(), i))["DetectorIds"].empty();
  });
  EXPECT_GT(without, 0);
}

// ---- Inspector ----------------------------------------------------------------------------------

TEST_F(SecurityTest, InspectorFilterCriteriaAreHonoured) {
  const int account =
      FindAccount([&](int i) { return InspectorFindings(json::object(), i).size() > 20; });
  const json all = InspectorFindings(json::object(), account);
  std::set<std::string> statuses;
  for (const auto& f : all) statuses.insert(f["status"].get<std::string>());
  EXPECT_TRUE(statuses.count("ACTIVE") && statuses.count("CLOSED"));
  const json criteria = {
      {"severity", {{{"comparison", "NOT_EQUALS"}, {"value", "LOW"}}}},
      {"findingStatus", {{{"comparison", "EQUALS"}, {"value", "CLOSED"}}}},
      {"updatedAt",
       {{{"startInclusive", "2025-03-01T00:00:00Z"}, {"endInclusive", "2025-08-31T23:59:59Z"}}}}};
  const json some = InspectorFindings({{"filterCriteria", criteria}}, account);
  ASSERT_FALSE(some.empty());
  EXPECT_LT(some.size(), all.size());
  for (const auto& f : some) {
    EXPECT_NE(f["severity"], "LOW");
    EXPECT_EQ(f["status"], "CLOSED");
    EXPECT_GE(f["updatedAt"].get<std::string>(), "2025-03-01");
    EXPECT_LT(f["updatedAt"].get<std::string>(), "2025-09-01");
    EXPECT_LE(f["firstObservedAt"].get<std::string>(), f["updatedAt"].get<std::string>());
  }
}

// ---- KMS ----------------------------------------------------------------------------------------

TEST_F(SecurityTest, KmsKeysDescribeAndRotationAgree) {
  int managed = 0, customer = 0, rotation_errors = 0;
  for (int account = 0; account <= 6; ++account) {
    const json keys = Ok(Home("kms", "ListKeys", json::object(), account))["Keys"];
    for (const auto& key : keys) {
      const json meta =
          Ok(Home("kms", "DescribeKey", {{"KeyId", key["KeyArn"]}}, account))["KeyMetadata"];
      EXPECT_EQ(meta["KeyId"], key["KeyId"]);
      const Reply rotation =
          Home("kms", "GetKeyRotationStatus", {{"KeyId", key["KeyId"]}}, account);
      if (meta["KeyManager"] == "AWS") {
        ++managed;
        EXPECT_EQ(Ok(rotation)["KeyRotationEnabled"], true);
      } else {
        ++customer;
        if (!rotation.ok()) ++rotation_errors;
        if (meta["KeySpec"] != "SYMMETRIC_DEFAULT" && rotation.ok()) ADD_FAILURE() << meta;
        if (meta["KeyState"] == "PendingDeletion") {
          EXPECT_TRUE(meta.contains("DeletionDate"));
          EXPECT_FALSE(rotation.ok());
        }
      }
    }
  }
  EXPECT_GT(managed, 5);
  EXPECT_GT(customer, 10);
  EXPECT_GT(rotation_errors, 0);
  const json alias = Ok(Home("kms", "DescribeKey", {{"KeyId", "alias/aws/s3"}}, 0));
  EXPECT_EQ(alias["KeyMetadata"]["KeyManager"], "AWS");
}

TEST_F(SecurityTest, KmsUnknownKeyIsNotFound) {
  const Reply reply =
      Home("kms", "DescribeKey", {{"KeyId", "1234abcd-12ab-34cd-56ef-1234567890ab"}}, 1);
  EXPECT_EQ(reply.http_status, 400);
  EXPECT_EQ(reply.error_code, "NotFoundException");
  EXPECT_NE(reply.error_message.find("does not exist"), std::string::npos);
}

// ---- WAF ----------------------------------------------------------------------------------------

TEST_F(SecurityTest, WafCloudFrontScopeOnlyInUsEast1) {
  const Reply outside = Call("wafv2", "ListWebACLs", {{"Scope", "CLOUDFRONT"}}, 0, "eu-west-1");
  EXPECT_EQ(outside.error_code, "WAFInvalidParameterException");
  EXPECT_TRUE(Call("wafv2", "ListWebACLs", {{"Scope", "CLOUDFRONT"}}, 0, "us-east-1").ok());
}

TEST_F(SecurityTest, WafAclsRulesResourcesAndLogging) {
  int acls = 0, logged = 0, not_logged = 0;
  for (int account = 0; account <= 10; ++account) {
    const std::string region = world_.AccountAt(account).regions.front();
    const json list =
        Ok(Call("wafv2", "ListWebACLs", {{"Scope", "REGIONAL"}}, account, region))["WebACLs"];
    std::set<std::string> associated;
    for (const auto& summary : list) {
      ++acls;
      const json by_id =
          Ok(Call("wafv2", "GetWebACL",
                  {{"Name", summary["Name"]}, {"Scope", "REGIONAL"}, {"Id", summary["Id"]}},
                  account, region));
      EXPECT_EQ(by_id, Ok(Call("wafv2", "GetWebACL", {{"ARN", summary["ARN"]}}, account, region)));
      EXPECT_EQ(by_id["WebACL"]["ARN"], summary["ARN"]);
      EXPECT_GT(by_id["WebACL"]["Capacity"].get<int>(), 0);
      const Reply cloudfront =
          Call("wafv2", "ListResourcesForWebACL",
               {{"WebACLArn", summary["ARN"]}, {"ResourceType", "CLOUDFRONT"}}, account, region);
      EXPECT_EQ(cloudfront.error_code, "WAFInvalidParameterException");
      const json albs =
          Ok(Call("wafv2", "ListResourcesForWebACL",
                  {{"WebACLArn", summary["ARN"]}, {"ResourceType", "APPLICATION_LOAD_BALANCER"}},
                  account, region))["ResourceArns"];
      for (const auto& arn : albs) EXPECT_TRUE(associated.insert(arn).second) << arn;
      const Reply logging = Call("wafv2", "GetLoggingConfiguration",
                                 {{"ResourceArn", summary["ARN"]}}, account, region);
      if (logging.ok()) {
        ++logged;
        EXPECT_FALSE(logging.output["LoggingConfiguration"]["LogDestinationConfigs"].empty());
      } else {
        ++not_logged;
        EXPECT_EQ(logging.error_code, "WAFNonexistentItemException");
      }
    }
  }
  EXPECT_GT(acls, 3);
  EXPECT_GT(logged, 0);
  EXPECT_GT(not_logged, 0);
  EXPECT_EQ(Call("wafv2", "GetWebACL", {{"Name", "nope"}, {"Scope", "REGIONAL"}, {"Id", "x"}}, 0,
                 "us-east-1")
                .error_code,
            "WAFNonexistentItemException");
}

// ---- CloudTrail ---------------------------------------------------------------------------------

TEST_F(SecurityTest, CloudTrailTrailStatusByArnAndUnknownTrail) {
  const std::string region = world_.management().regions.front();
  const json trails =
      Ok(Call("cloudtrail", "DescribeTrails", json::object(), 0, region))["trailList"];
  ASSERT_FALSE(trails.empty());
  for (const auto& trail : trails) {
    const json status =
        Ok(Call("cloudtrail", "GetTrailStatus", {{"Name", trail["TrailARN"]}}, 0, region));
    EXPECT_TRUE(status.contains("IsLogging"));
  }
  const Reply missing =
      Call("cloudtrail", "GetTrailStatus", {{"Name", "no-such-trail"}}, 0, region);
  EXPECT_EQ(missing.http_status, 400);
  EXPECT_EQ(missing.error_code, "TrailNotFoundException");
}

TEST_F(SecurityTest, CloudTrailLookupEventsHonoursTheWindowAndPagesWithoutOverlap) {
  const std::string region = world_.management().regions.front();
  json params = {{"StartTime", "2025-09-18T06:00:00Z"}, {"EndTime", "2025-09-18T08:00:00Z"}};
  std::set<std::string> ids;
  size_t pages = 0;
  for (;;) {
    const json page = Ok(Call("cloudtrail", "LookupEvents", params, 0, region));
    ++pages;
    for (const auto& event : page["Events"]) {
      EXPECT_TRUE(ids.insert(event["EventId"].get<std::string>()).second);
      EXPECT_GE(event["EventTime"].get<std::string>(), "2025-09-18T06:00:00Z");
      EXPECT_LE(event["EventTime"].get<std::string>(), "2025-09-18T08:00:00Z");
      EXPECT_TRUE(json::parse(event["CloudTrailEvent"].get<std::string>()).is_object());
    }
    if (!page.contains("NextToken")) break;
    params["NextToken"] = page["NextToken"];
    ASSERT_LT(pages, 200u);
  }
  EXPECT_GT(pages, 1u);
  const json by_name = Ok(Call(
      "cloudtrail", "LookupEvents",
      {{"StartTime", "2025-09-18T00:00:00Z"},
       {"EndTime", "2025-09-19T00:00:00Z"},
       {"LookupAttributes", {{{"AttributeKey", "EventName"}, {"AttributeValue", "AssumeRole"}}}}},
      0, region));
  ASSERT_FALSE(by_name["Events"].empty());
  for (const auto& event : by_name["Events"]) EXPECT_EQ(event["EventName"], "AssumeRole");
  EXPECT_EQ(Call("cloudtrail", "LookupEvents", {{"MaxResults", 500}}, 0, region).error_code,
            "InvalidMaxResultsException");
}

// ---- Secrets Manager and ACM --------------------------------------------------------------------

TEST_F(SecurityTest, SecretsRotationAndAccessDates) {
  int rotating = 0, not_rotating = 0;
  for (int account = 0; account <= 8; ++account) {
    const json secrets =
        Ok(Home("secretsmanager", "ListSecrets", json::object(), account))["SecretList"];
    for (const auto& s : secrets) {
      if (s.value("RotationEnabled", false)) {
        ++rotating;
        EXPECT_TRUE(s.contains("RotationLambdaARN"));
      } else {
        ++not_rotating;
      }
      if (s.contains("LastAccessedDate")) {
        EXPECT_EQ(s["LastAccessedDate"].get<std::string>().substr(10), "T00:00:00Z");
      }
      EXPECT_LE(s["CreatedDate"].get<std::string>(), s["LastChangedDate"].get<std::string>());
      EXPECT_LE(s["LastChangedDate"].get<std::string>(), std::string(kToday) + "T23:59:59Z");
    }
  }
  EXPECT_GT(rotating, 0);
  EXPECT_GT(not_rotating, 0);
}

TEST_F(SecurityTest, AcmCertificatesExpireAndDescribeMatchesList) {
  int expiring_soon = 0, expired = 0;
  for (int account = 0; account <= world_.member_count(); ++account) {
    const json list =
        Ok(Home("acm", "ListCertificates",
                {{"Includes", {{"keyTypes", {"RSA_2048", "EC_prime256v1", "RSA_4096"}}}}},
                account))["CertificateSummaryList"];
    for (const auto& summary : list) {
      const json c =
          Ok(Home("acm", "DescribeCertificate", {{"CertificateArn", summary["CertificateArn"]}},
                  account))["Certificate"];
      EXPECT_EQ(c["Status"], summary["Status"]);
      if (c["Status"] == "EXPIRED") ++expired;
      if (c["Status"] == "ISSUED" && c["NotAfter"].get<std::string>() < std::string("2025-10-20")) {
        ++expiring_soon;
      }
    }
  }
  EXPECT_GT(expiring_soon, 0);
  EXPECT_GT(expired, 0);
  const Reply issued_only =
      Home("acm", "ListCertificates", {{"CertificateStatuses", {"ISSUED"}}}, 0);
  const json issued = Ok(issued_only);  // Range-for over a temporary's member would dangle.
  for (const auto& c : issued["CertificateSummaryList"]) EXPECT_EQ(c["Status"], "ISSUED");
  const Reply unknown =
      Home("acm", "DescribeCertificate",
           {{"CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/nope"}}, 0);
  EXPECT_EQ(unknown.error_code, "ResourceNotFoundException");
}

// ---- Regions ------------------------------------------------------------------------------------

TEST_F(SecurityTest, RegionsTheAccountHasNotEnabledAreEmpty) {
  const int account = FindAccount(
      [&](int i) { return world_.AccountAt(i).regions.size() < world_.scenario().regions.size(); });
  std::string region;
  for (const auto& r : world_.scenario().regions) {
    if (!world_.RegionEnabled(world_.AccountAt(account), r)) region = r;
  }
  EXPECT_TRUE(Ok(Call("kms", "ListKeys", json::object(), account, region))["Keys"].empty());
  EXPECT_TRUE(
      Ok(Call("secretsmanager", "ListSecrets", json::object(), account, region))["SecretList"]
          .empty());
  EXPECT_TRUE(Ok(Call("guardduty", "ListDetectors", json::object(), account, region))["DetectorIds"]
                  .empty());
  EXPECT_TRUE(
      Ok(Call("inspector2", "ListFindings", json::object(), account, region))["findings"].empty());
  EXPECT_TRUE(
      Ok(Call("cloudtrail", "LookupEvents", json::object(), account, region))["Events"].empty());
}

}  // namespace
}  // namespace view360::sim
