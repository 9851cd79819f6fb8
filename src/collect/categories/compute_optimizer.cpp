// compute_optimizer (§b.14): Compute Optimizer's recommendations for the region's EC2
// instances, EBS volumes and Lambda functions, one 19-member element each. The three listings
// are independent: one that fails (e.g. OptInRequiredException) records
// {compute_optimizer: error} and the others are kept, as in the original.
//
// Fixes (§g S4, S9): `cpu_utilization_max` is the value of the utilisation metric Cpu/Maximum
// and `memory_utilization_avg` that of Memory/Average (the original read a member `maximum`
// that does not exist, so both were always 0); when Compute Optimizer does not report the
// metric (no CloudWatch agent for memory, or memory reported only as Maximum) they are null
// rather than a made-up 0. `migration_effort` is the first option's migrationEffort (only EC2
// options carry one). Every page is read: the EC2 and EBS operations have no botocore paginator, so
// we follow nextToken; the Lambda one is paginated.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"compute-optimizer", "GetEC2InstanceRecommendations"},
    {"compute-optimizer", "GetEBSVolumeRecommendations"},
    {"compute-optimizer", "GetLambdaFunctionRecommendations"},
};

const nlohmann::json& Member(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kNull;
  if (!obj.is_object()) return kNull;
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? kNull : *it;
}

// The first recommendation option (Compute Optimizer lists them by rank), or null.
const nlohmann::json& FirstOption(const nlohmann::json& recommendation, std::string_view key) {
  static const nlohmann::json kNull;
  const nlohmann::json& options = Member(recommendation, key);
  return options.is_array() && !options.empty() ? options[0] : kNull;
}

bool SameWord(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The `value` of utilizationMetrics' {name, statistic} entry (the API spells them "Cpu",
// "Maximum"; compared without case), or null.
Json MetricValue(const nlohmann::json& recommendation, std::string_view name,
                 std::string_view statistic) {
  const nlohmann::json& metrics = Member(recommendation, "utilizationMetrics");
  if (!metrics.is_array()) return nullptr;
  for (const auto& metric : metrics) {
    if (SameWord(StringOr(metric, "name", ""), name) &&
        SameWord(StringOr(metric, "statistic", ""), statistic)) {
      return ValueOrNull(metric, "value");
    }
  }
  return nullptr;
}

// Lambda's function name from its (possibly version-qualified) ARN:
// arn:aws:lambda:region:account:function:NAME[:qualifier].
Json FunctionName(const std::string& arn) {
  size_t start = 0;
  for (int field = 0; field < 6; ++field) {
    start = arn.find(':', start);
    if (start == std::string::npos) return nullptr;
    ++start;
  }
  return arn.substr(start, arn.find(':', start) - start);
}

// The 19 members in order, all null but the account and the kind.
Json Element(CategoryContext& ctx, const nlohmann::json& recommendation, std::string_view kind) {
  Json e = Json::object();
  e["account_id"] = StringOr(recommendation, "accountId", ctx.account_id());
  e["resource_type"] = kind;
  for (const char* member :
       {"resource_arn", "resource_name", "finding", "current_instance_type", "current_memory_size",
        "current_volume_type", "current_volume_size", "recommended_instance_type",
        "recommended_memory_size", "recommended_volume_type", "recommended_volume_size",
        "savings_opportunity_percentage", "estimated_monthly_savings_usd", "performance_risk",
        "cpu_utilization_max", "memory_utilization_avg", "migration_effort"}) {
    e[member] = nullptr;
  }
  e["finding"] = StringOrNull(recommendation, "finding");
  return e;
}

void Savings(const nlohmann::json& option, Json& e) {
  const nlohmann::json& savings = Member(option, "savingsOpportunity");
  e["savings_opportunity_percentage"] = ValueOrNull(savings, "savingsOpportunityPercentage");
  e["estimated_monthly_savings_usd"] =
      ValueOrNull(Member(savings, "estimatedMonthlySavings"), "value");
}

Json Ec2Element(CategoryContext& ctx, const nlohmann::json& r) {
  Json e = Element(ctx, r, "EC2");
  const nlohmann::json& option = FirstOption(r, "recommendationOptions");
  e["resource_arn"] = StringOrNull(r, "instanceArn");
  e["resource_name"] = StringOrNull(r, "instanceName");
  e["current_instance_type"] = StringOrNull(r, "currentInstanceType");
  e["recommended_instance_type"] = StringOrNull(option, "instanceType");
  Savings(option, e);
  e["performance_risk"] = ValueOrNull(option, "performanceRisk");
  e["cpu_utilization_max"] = MetricValue(r, "Cpu", "Maximum");
  e["memory_utilization_avg"] = MetricValue(r, "Memory", "Average");
  e["migration_effort"] = StringOrNull(option, "migrationEffort");
  return e;
}

Json EbsElement(CategoryContext& ctx, const nlohmann::json& r) {
  Json e = Element(ctx, r, "EBS");
  const nlohmann::json& option = FirstOption(r, "volumeRecommendationOptions");
  const nlohmann::json& current = Member(r, "currentConfiguration");
  const nlohmann::json& recommended = Member(option, "configuration");
  e["resource_arn"] = StringOrNull(r, "volumeArn");
  e["current_volume_type"] = StringOrNull(current, "volumeType");
  e["current_volume_size"] = ValueOrNull(current, "volumeSize");
  e["recommended_volume_type"] = StringOrNull(recommended, "volumeType");
  e["recommended_volume_size"] = ValueOrNull(recommended, "volumeSize");
  Savings(option, e);
  e["performance_risk"] = ValueOrNull(option, "performanceRisk");
  return e;
}

Json LambdaElement(CategoryContext& ctx, const nlohmann::json& r) {
  Json e = Element(ctx, r, "Lambda");
  const nlohmann::json& option = FirstOption(r, "memorySizeRecommendationOptions");
  const std::string arn = StringOr(r, "functionArn", "");
  e["resource_arn"] = StringOrNull(r, "functionArn");
  e["resource_name"] = FunctionName(arn);
  e["current_memory_size"] = ValueOrNull(r, "currentMemorySize");
  e["recommended_memory_size"] = ValueOrNull(option, "memorySize");
  Savings(option, e);
  return e;
}

using Build = Json (*)(CategoryContext&, const nlohmann::json&);

// Every page of an operation without a botocore paginator: follow nextToken.
Status EveryPage(CategoryContext& ctx, std::string_view operation, std::string_view list_key,
                 Build build, Json& section) {
  nlohmann::json params = nlohmann::json::object();
  for (;;) {
    VIEW360_ASSIGN_OR_RETURN(auto page, ctx.Call("compute-optimizer", operation, params));
    const nlohmann::json& list = Member(page, list_key);
    if (list.is_array()) {
      for (const auto& r : list) section.push_back(build(ctx, r));
    }
    const std::string next = StringOr(page, "nextToken", "");
    if (next.empty() || (params.contains("nextToken") && params["nextToken"] == next)) break;
    params["nextToken"] = next;
  }
  return OkStatus();
}

Status Collect(CategoryContext& ctx, Json& section) {
  section = Json::array();
  if (Status s = EveryPage(ctx, "GetEC2InstanceRecommendations", "instanceRecommendations",
                           Ec2Element, section);
      !s.ok()) {
    ctx.Fail("compute_optimizer", s);
  }
  if (Status s = EveryPage(ctx, "GetEBSVolumeRecommendations", "volumeRecommendations", EbsElement,
                           section);
      !s.ok()) {
    ctx.Fail("compute_optimizer", s);
  }
  Status lambda = ctx.Paginate("compute-optimizer", "GetLambdaFunctionRecommendations",
                               nlohmann::json::object(), [&](const nlohmann::json& page) {
                                 const nlohmann::json& list =
                                     Member(page, "lambdaFunctionRecommendations");
                                 if (list.is_array()) {
                                   for (const auto& r : list)
                                     section.push_back(LambdaElement(ctx, r));
                                 }
                                 return OkStatus();
                               });
  if (!lambda.ok()) ctx.Fail("compute_optimizer", lambda);
  return OkStatus();
}

}  // namespace

const Category& ComputeOptimizerCategory() {
  static const Category category{
      "compute_optimizer", "compute_optimizer", "compute_optimizer", Scope::kRegional, Collect,
      kOperations};
  return category;
}

}  // namespace view360::collect
