// resilience_hub (§b.12): Resilience Hub applications of the region created or last assessed
// inside the window, with the AZ recovery objectives of their resiliency policy.
//
// Sources (§g S17): the original read `lastAssessmentTime` and `resiliencyPolicyArn`, which the
// API does not have, so its assessment time was always null and rpo/rto never filled. Here
// `last_assessment_time` is the app's `lastAppComplianceEvaluationTime` (the end of its latest
// assessment, in ListApps' summaries), falling back to DescribeApp's
// `lastResiliencyScoreEvaluationTime`; `rpo`/`rto` come from the policy named by the app's
// `policyArn` (DescribeResiliencyPolicy, AZ objectives). `last_drill` and `cost` have no source
// in the API and stay null; the calls the original made for them (ListTestRecommendations,
// DescribeAppVersionResourcesResolutionStatus) are not made.
//
// ListApps has no botocore paginator: its nextToken is followed here (§g S9).
#include <map>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"resiliencehub", "ListApps"},
    {"resiliencehub", "DescribeApp"},
    {"resiliencehub", "DescribeResiliencyPolicy"},
};

// AZ.rpoInSecs / AZ.rtoInSecs of a policy, or nulls.
struct Objectives {
  Json rpo = nullptr, rto = nullptr;
};

Objectives PolicyObjectives(CategoryContext& ctx, const std::string& policy_arn) {
  Objectives objectives;
  auto output = ctx.Call("resiliencehub", "DescribeResiliencyPolicy", {{"policyArn", policy_arn}});
  if (!output.ok()) {
    ctx.Fail("resilience_hub", output.status());
    return objectives;
  }
  const nlohmann::json policy = output->value("policy", nlohmann::json::object());
  const nlohmann::json disruption = policy.value("policy", nlohmann::json::object());
  const nlohmann::json az = disruption.value("AZ", nlohmann::json::object());
  objectives.rpo = ValueOrNull(az, "rpoInSecs");
  objectives.rto = ValueOrNull(az, "rtoInSecs");
  return objectives;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  std::vector<nlohmann::json> apps;
  nlohmann::json params = nlohmann::json::object();
  for (;;) {
    VIEW360_ASSIGN_OR_RETURN(auto page, ctx.Call("resiliencehub", "ListApps", params));
    for (const auto& app : page.value("appSummaries", nlohmann::json::array())) {
      if (InWindow(StringOr(app, "creationTime", ""), window) ||
          InWindow(StringOr(app, "lastAppComplianceEvaluationTime", ""), window)) {
        apps.push_back(app);
      }
    }
    const std::string next = StringOr(page, "nextToken", "");
    if (next.empty()) break;
    params["nextToken"] = next;
  }

  std::map<std::string, Objectives> policies;  // One DescribeResiliencyPolicy per policy.
  section = Json::array();
  for (const auto& app : apps) {
    const std::string arn = StringOr(app, "appArn", "");
    Json assessed = TimeOrNull(app, "lastAppComplianceEvaluationTime");
    Objectives objectives;
    auto described = ctx.Call("resiliencehub", "DescribeApp", {{"appArn", arn}});
    if (described.ok()) {
      const nlohmann::json details = described->value("app", nlohmann::json::object());
      if (assessed.is_null()) assessed = TimeOrNull(details, "lastAppComplianceEvaluationTime");
      if (assessed.is_null()) assessed = TimeOrNull(details, "lastResiliencyScoreEvaluationTime");
      const std::string policy = StringOr(details, "policyArn", "");
      if (!policy.empty()) {
        auto known = policies.find(policy);
        if (known == policies.end()) {
          known = policies.emplace(policy, PolicyObjectives(ctx, policy)).first;
        }
        objectives = known->second;
      }
    } else {
      ctx.Fail("resilience_hub", described.status());
    }

    Json item = Json::object();
    item["app_arn"] = arn;
    item["name"] = StringOrNull(app, "name");
    item["description"] = StringOrNull(app, "description");
    item["creation_time"] = TimeOrNull(app, "creationTime");
    item["last_assessment_time"] = assessed;
    item["compliance_status"] = StringOrNull(app, "complianceStatus");
    item["resiliency_score"] = ValueOrNull(app, "resiliencyScore");
    item["status"] = StringOrNull(app, "status");
    item["rpo"] = objectives.rpo;
    item["rto"] = objectives.rto;
    item["last_drill"] = nullptr;
    item["cost"] = nullptr;
    section.push_back(std::move(item));
  }
  return OkStatus();
}

}  // namespace

const Category& ResilienceHubCategory() {
  static const Category category{"resilience_hub", "resilience_hub", "resilience_hub",
                                 Scope::kRegional, Collect,          kOperations};
  return category;
}

}  // namespace view360::collect
