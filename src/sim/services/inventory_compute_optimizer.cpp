// Compute Optimizer: GetEC2InstanceRecommendations, GetEBSVolumeRecommendations and
// GetLambdaFunctionRecommendations for the resources of the call's region
// (inventory_recommendations.cpp builds each recommendation). A deterministic ~15% of member
// accounts never opted in and get OptInRequiredException; the management account may ask for
// its members through accountIds, a member only for itself.
#include <algorithm>

#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

constexpr std::string_view kService = "compute-optimizer";
constexpr double kNotOptedInShare = 0.15;
constexpr size_t kMaxResults = 1000;  // The API's maxResults ceiling.

bool OptedIn(const World& world, const Account& account) {
  if (account.index == 0) return true;
  return !Rng(world.seed(), {"compute-optimizer-opt-in", account.id}).Chance(kNotOptedInShare);
}

Reply OptInRequired() {
  return AwsError(403, "OptInRequiredException",
                  "The account is not opted in to AWS Compute Optimizer. Opt in with "
                  "UpdateEnrollmentStatus first.");
}

// The accounts a call asks about: accountIds (management account only), else the caller.
// Accounts that are unknown or not opted in go to `errors`, as the API reports them.
std::variant<std::vector<Account>, Reply> TargetAccounts(const ApiCall& call,
                                                         nlohmann::json& errors) {
  if (!OptedIn(call.world, call.account)) return OptInRequired();
  const auto ids = StringList(call.params, "accountIds");
  if (ids.empty()) return std::vector<Account>{call.account};
  std::vector<Account> accounts;
  for (const auto& id : ids) {
    if (id == call.account.id) {
      accounts.push_back(call.account);
      continue;
    }
    if (call.account.index != 0) {
      return AwsError(403, "AccessDeniedException",
                      "Only the management account of an organization can request "
                      "recommendations for other accounts.");
    }
    auto account = call.world.FindAccount(id);
    if (!account || !OptedIn(call.world, *account)) {
      errors.push_back({{"identifier", id},
                        {"code", account ? "OptInRequiredException" : "ResourceNotFoundException"},
                        {"message", account ? "The account is not opted in to Compute Optimizer."
                                            : "The account does not belong to the organization."}});
      continue;
    }
    accounts.push_back(std::move(*account));
  }
  return accounts;
}

// Filters ({name, values}): a recommendation passes when, for every filter, one of the values
// equals the member the filter names (or one of the list's elements).
bool PassesFilters(const nlohmann::json& filters, const nlohmann::json& recommendation) {
  if (!filters.is_array()) return true;
  for (const auto& filter : filters) {
    const std::string name = filter.value("name", "");
    const auto values = StringList(filter, "values");
    if (values.empty()) continue;
    nlohmann::json field;
    if (name == "Finding") {
      field = recommendation.value("finding", "");
    } else if (name == "FindingReasonCodes" || name == "FindingReasonCode") {
      field = recommendation.value("findingReasonCodes", nlohmann::json::array());
    } else if (name == "RecommendationSourceType") {
      field = "Ec2Instance";
    } else {
      continue;
    }
    const auto& list = field.is_array() ? field : nlohmann::json::array({field});
    const bool any = std::any_of(list.begin(), list.end(), [&](const nlohmann::json& v) {
      return v.is_string() && Contains(values, v.get<std::string>());
    });
    if (!any) return false;
  }
  return true;
}

// An ARN list filter: empty passes all; Lambda ARNs match with or without their qualifier.
bool ArnWanted(const std::vector<std::string>& wanted, const std::string& arn) {
  if (wanted.empty()) return true;
  const std::string unqualified = arn.substr(0, arn.rfind(":$LATEST"));
  return Contains(wanted, arn) || Contains(wanted, unqualified);
}

// The shared body: for each target account, `build` lists its recommendations. `has_errors`:
// the operation reports per-account errors and has no paginator (EC2, EBS).
template <typename Build>
Reply Recommendations(const ApiCall& call, std::string_view list_key, std::string_view arn_key,
                      std::string_view arns_param, bool has_errors, Build build) {
  nlohmann::json errors = nlohmann::json::array();
  auto accounts_or = TargetAccounts(call, errors);
  if (auto* error = std::get_if<Reply>(&accounts_or)) return *error;
  const auto wanted = StringList(call.params, arns_param);
  const auto filters = call.params.value("filters", nlohmann::json::array());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& account : std::get<std::vector<Account>>(accounts_or)) {
    if (!call.world.RegionEnabled(account, call.region)) continue;
    for (auto& recommendation : build(account)) {
      if (!ArnWanted(wanted, recommendation.value(std::string(arn_key), ""))) continue;
      if (!PassesFilters(filters, recommendation)) continue;
      list.push_back(std::move(recommendation));
    }
  }
  nlohmann::json output = nlohmann::json::object();
  // The Lambda operation has a botocore paginator (the server pages it); the others page here.
  if (has_errors) {
    if (auto error = PageSelf(call, "maxResults", "nextToken", kMaxResults,
                              "InvalidParameterValueException", list, output)) {
      return *error;
    }
    output["errors"] = std::move(errors);
  }
  output[std::string(list_key)] = std::move(list);
  return Ok(std::move(output));
}

Reply GetEC2InstanceRecommendations(const ApiCall& call) {
  return Recommendations(
      call, "instanceRecommendations", "instanceArn", "instanceArns", true,
      [&](const Account& account) {
        std::vector<nlohmann::json> out;
        for (const auto& instance : InstancesOn(call.world, account, call.region, call.today())) {
          auto r = Ec2Recommendation(call.world, account, call.region, call.today(), instance);
          if (r) out.push_back(std::move(*r));
        }
        return out;
      });
}

Reply GetEBSVolumeRecommendations(const ApiCall& call) {
  return Recommendations(
      call, "volumeRecommendations", "volumeArn", "volumeArns", true, [&](const Account& account) {
        std::vector<nlohmann::json> out;
        for (const auto& volume : VolumesOn(call.world, account, call.region, call.today())) {
          auto r = EbsRecommendation(call.world, account, call.region, call.today(), volume);
          if (r) out.push_back(std::move(*r));
        }
        return out;
      });
}

Reply GetLambdaFunctionRecommendations(const ApiCall& call) {
  return Recommendations(
      call, "lambdaFunctionRecommendations", "functionArn", "functionArns", false,
      [&](const Account& account) {
        std::vector<nlohmann::json> out;
        for (const auto& function : FunctionsOn(call.world, account, call.region, call.today())) {
          auto r = LambdaRecommendation(call.world, account, call.today(), function);
          if (r) out.push_back(std::move(*r));
        }
        return out;
      });
}

}  // namespace

void RegisterComputeOptimizer(HandlerTable& table) {
  const std::string service(kService);
  table.Add(service, "GetEC2InstanceRecommendations", GetEC2InstanceRecommendations);
  table.Add(service, "GetEBSVolumeRecommendations", GetEBSVolumeRecommendations);
  table.Add(service, "GetLambdaFunctionRecommendations", GetLambdaFunctionRecommendations);
}

}  // namespace view360::sim
