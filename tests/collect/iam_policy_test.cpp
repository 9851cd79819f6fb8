// `view360 iam-policy`: the policy is generated from the operations the categories declare, and
// a real collection calls nothing the policy does not grant.
#include "collect/iam_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "collect_fixture.h"
#include "common/process.h"

namespace view360::testing {
namespace {

std::vector<std::string> Granted(const nlohmann::json& policy) {
  std::vector<std::string> actions;
  for (const auto& statement : policy["Statement"]) {
    const auto& a = statement["Action"];
    if (a.is_string()) {
      actions.push_back(a);
    } else {
      for (const auto& x : a) actions.push_back(x);
    }
  }
  return actions;
}

bool Has(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

TEST(IamPolicy, ActionNamesFollowIamNotBotocore) {
  EXPECT_EQ(collect::IamAction("ce", "GetCostAndUsage"), "ce:GetCostAndUsage");
  EXPECT_EQ(collect::IamAction("s3", "ListBuckets"), "s3:ListAllMyBuckets");
  EXPECT_EQ(collect::IamAction("elbv2", "DescribeLoadBalancers"),
            "elasticloadbalancing:DescribeLoadBalancers");
  EXPECT_EQ(collect::IamAction("sts", "GetCallerIdentity"), "");
}

TEST(IamPolicy, EveryCallOfACollectionIsGranted) {
  SimFixture sim(SmallScenario());
  auto clients = sim.Clients(0);
  collect::DocumentRequest request;
  request.target = TargetFor(sim.AccountId(0));
  request.window = DailyWindow("2025-09-15");
  const collect::CollectedDocument document = collect::CollectDocument(request, *clients);
  ASSERT_GT(document.calls.size(), 30u) << "a full document calls many operations";
  const auto granted = Granted(collect::IamPolicy({}));
  for (const auto& [call, n] : document.calls) {
    const auto colon = call.find(':');
    const std::string action = collect::IamAction(call.substr(0, colon), call.substr(colon + 1));
    if (!action.empty()) {
      EXPECT_TRUE(Has(granted, action)) << call << " is not in the policy";
    }
  }
  for (const auto& action : granted) {
    EXPECT_EQ(action.find("Put"), std::string::npos) << "the member policy only reads: " << action;
  }
}

TEST(IamPolicy, TheCommandAddsDiscoveryAssumeRoleAndLanding) {
  auto result = RunProcess({VIEW360_BINARY, "iam-policy", "--for", "management", "--bucket",
                            "analytics", "--prefix", "view360/", "--kms-key",
                            "arn:aws:kms:eu-west-1:111122223333:key/k1"});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->exit_code, 0) << result->output;
  const auto policy = nlohmann::json::parse(result->output);
  EXPECT_EQ(policy["Version"], "2012-10-17");
  const auto granted = Granted(policy);
  for (const char* action :
       {"organizations:ListAccounts", "sts:AssumeRole", "s3:PutObject", "kms:GenerateDataKey",
        "securityhub:GetFindings", "support:DescribeCases"}) {
    EXPECT_TRUE(Has(granted, action)) << action;
  }
  std::string resources;
  for (const auto& s : policy["Statement"]) resources += s["Resource"].dump();
  EXPECT_NE(resources.find("arn:aws:iam::*:role/View360ReadOnly"), std::string::npos);
  EXPECT_NE(resources.find("arn:aws:s3:::analytics/view360/*"), std::string::npos);
}

}  // namespace
}  // namespace view360::testing
