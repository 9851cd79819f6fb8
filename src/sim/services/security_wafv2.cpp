// Simulated AWS WAF (wafv2): ListWebACLs, GetWebACL, ListResourcesForWebACL and
// GetLoggingConfiguration. REGIONAL web ACLs live in each enabled region; CLOUDFRONT ones are
// account-wide and answered only in us-east-1, as AWS does. Rules mix AWS managed rule groups,
// rate-based, geo-match, IP-set, XSS and SQLi statements; ALBs of resources.h are associated
// with at most one regional ACL each; about half the ACLs have logging.
//
// Errors as WAF gives them: WAFInvalidParameterException for a CLOUDFRONT scope outside
// us-east-1 or a resource type that is not one (the View360 sender's "CLOUDFRONT"), and
// WAFNonexistentItemException for an unknown ACL or an ACL without logging.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <variant>

#include "sim/resources.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr const char* kCloudFrontRegion = "us-east-1";
constexpr const char* kNonexistent =
    "AWS WAF couldn't perform the operation because your resource doesn't exist.";

struct ManagedGroup {
  const char* name;
  int capacity;  // WCUs, from the AWS managed rule groups list.
};
constexpr std::array kManagedGroups = {
    ManagedGroup{"AWSManagedRulesKnownBadInputsRuleSet", 200},
    ManagedGroup{"AWSManagedRulesSQLiRuleSet", 200},
    ManagedGroup{"AWSManagedRulesAmazonIpReputationList", 25},
    ManagedGroup{"AWSManagedRulesAnonymousIpList", 50},
    ManagedGroup{"AWSManagedRulesLinuxRuleSet", 200},
    ManagedGroup{"AWSManagedRulesAdminProtectionRuleSet", 100},
    ManagedGroup{"AWSManagedRulesBotControlRuleSet", 50},
};
constexpr std::array kAclNames = {"web-acl", "api-protection", "alb-waf", "edge-acl",
                                  "app-firewall"};
constexpr std::array kCountries = {"CN", "RU", "KP", "IR", "BY", "SY"};

struct WebAcl {
  std::string name, id, arn, scope, description, lock_token;
  nlohmann::json rules = nlohmann::json::array();
  nlohmann::json default_action;
  int capacity = 0;
  std::vector<std::string> log_destinations;  // Empty: no logging configuration.
};

nlohmann::json Visibility(const std::string& metric, Rng& rng) {
  return {{"SampledRequestsEnabled", rng.Chance(0.8)},
          {"CloudWatchMetricsEnabled", rng.Chance(0.9)},
          {"MetricName", metric}};
}

nlohmann::json TextTransformations() {
  return {{{"Priority", 0}, {"Type", "URL_DECODE"}},
          {{"Priority", 1}, {"Type", "HTML_ENTITY_DECODE"}}};
}

// Adds one rule: its statement, action (Action or, for rule groups, OverrideAction) and WCUs.
void AddRule(WebAcl& acl, const std::string& name, nlohmann::json statement, nlohmann::json action,
             bool rule_group, int capacity, Rng& rng) {
  nlohmann::json rule = {{"Name", name},
                         {"Priority", static_cast<int>(acl.rules.size())},
                         {"Statement", std::move(statement)},
                         {"VisibilityConfig", Visibility(name, rng)}};
  rule[rule_group ? "OverrideAction" : "Action"] = std::move(action);
  acl.rules.push_back(std::move(rule));
  acl.capacity += capacity;
}

void AddRules(WebAcl& acl, const std::string& region, const std::string& account_id, Rng& rng) {
  const nlohmann::json block = {{"Block", nlohmann::json::object()}};
  const nlohmann::json none = {{"None", nlohmann::json::object()}};
  const nlohmann::json count = {{"Count", nlohmann::json::object()}};
  if (rng.Chance(0.8)) {
    AddRule(acl, "AWS-AWSManagedRulesCommonRuleSet",
            {{"ManagedRuleGroupStatement",
              {{"VendorName", "AWS"}, {"Name", "AWSManagedRulesCommonRuleSet"}}}},
            rng.Chance(0.85) ? none : count, true, 700, rng);
  }
  for (const auto& group : kManagedGroups) {
    if (!rng.Chance(0.3)) continue;
    AddRule(acl, std::string("AWS-") + group.name,
            {{"ManagedRuleGroupStatement", {{"VendorName", "AWS"}, {"Name", group.name}}}},
            rng.Chance(0.85) ? none : count, true, group.capacity, rng);
  }
  if (rng.Chance(0.6)) {
    AddRule(acl, "rate-limit",
            {{"RateBasedStatement",
              {{"Limit", rng.Pick(std::array{500, 1000, 2000, 10000})},
               {"EvaluationWindowSec", 300},
               {"AggregateKeyType", "IP"}}}},
            block, false, 2, rng);
  }
  if (rng.Chance(0.35)) {
    nlohmann::json codes = nlohmann::json::array();
    for (const char* code : kCountries) {
      if (codes.empty() || rng.Chance(0.5)) codes.push_back(code);
    }
    AddRule(acl, "geo-block", {{"GeoMatchStatement", {{"CountryCodes", std::move(codes)}}}}, block,
            false, 1, rng);
  }
  if (rng.Chance(0.4)) {
    const std::string scope_part = acl.scope == "CLOUDFRONT" ? "global" : "regional";
    AddRule(acl, "blocked-ips",
            {{"IPSetReferenceStatement",
              {{"ARN", Arn("wafv2", region, account_id,
                           scope_part + "/ipset/blocked-ips/" + Uuid(rng))}}}},
            block, false, 1, rng);
  }
  if (rng.Chance(0.3)) {
    AddRule(acl, "xss-body",
            {{"XssMatchStatement",
              {{"FieldToMatch", {{"Body", {{"OversizeHandling", "CONTINUE"}}}}},
               {"TextTransformations", TextTransformations()}}}},
            block, false, 40, rng);
  }
  if (rng.Chance(0.25)) {
    AddRule(acl, "sqli-query",
            {{"SqliMatchStatement",
              {{"FieldToMatch", {{"QueryString", nlohmann::json::object()}}},
               {"TextTransformations", TextTransformations()}}}},
            block, false, 20, rng);
  }
}

// The web ACLs of `scope` the call can see, existing on today.
std::vector<WebAcl> WebAclsOf(const ApiCall& call, const std::string& scope) {
  std::vector<WebAcl> acls;
  const bool cloudfront = scope == "CLOUDFRONT";
  if (!cloudfront && !HasRegionalData(call)) return acls;
  const std::string region = cloudfront ? kCloudFrontRegion : call.region;
  const std::string where = cloudfront ? "global" : region;
  Rng count_rng(call.world.seed(), {"waf-count", call.account.id, where});
  const int count = count_rng.Chance(0.3) ? 0 : static_cast<int>(count_rng.Between(1, 3));
  for (int i = 0; i < count; ++i) {
    Rng rng(call.world.seed(), {"waf-acl", call.account.id, where}, i);
    const Day created = call.world.first_day() + static_cast<Day>(rng.Between(-300, 380));
    if (created > call.today()) continue;
    WebAcl acl;
    acl.scope = scope;
    acl.name = call.account.environment + "-" + rng.Pick(kAclNames) + "-" + std::to_string(i + 1);
    acl.id = Uuid(rng);
    acl.arn =
        Arn("wafv2", region, call.account.id,
            std::string(cloudfront ? "global" : "regional") + "/webacl/" + acl.name + "/" + acl.id);
    acl.description = rng.Chance(0.6) ? "Protects the " + call.account.product + " endpoints" : "";
    acl.lock_token = Uuid(rng);
    acl.default_action = rng.Chance(0.85) ? nlohmann::json{{"Allow", nlohmann::json::object()}}
                                          : nlohmann::json{{"Block", nlohmann::json::object()}};
    AddRules(acl, region, call.account.id, rng);
    if (rng.Chance(0.5)) {
      const double kind = rng.Uniform();
      const std::string stream = "aws-waf-logs-" + acl.name;
      acl.log_destinations.push_back(
          kind < 0.4   ? Arn("firehose", region, call.account.id, "deliverystream/" + stream)
          : kind < 0.7 ? "arn:aws:s3:::" + stream + "-" + call.account.id
                       : Arn("logs", region, call.account.id, "log-group:" + stream));
    }
    acls.push_back(std::move(acl));
  }
  return acls;
}

Reply InvalidParameter(std::string_view reason, std::string_view field,
                       std::string_view parameter) {
  return AwsError(400, "WAFInvalidParameterException",
                  "Error reason: " + std::string(reason) + ", field: " + std::string(field) +
                      ", parameter: " + std::string(parameter));
}

// The scope a call names, or the error AWS gives (CLOUDFRONT outside us-east-1).
std::variant<std::string, Reply> ScopeOf(const ApiCall& call) {
  const std::string scope = call.Param("Scope");
  if (scope != "REGIONAL" && scope != "CLOUDFRONT") {
    return InvalidParameter("The scope is not valid.", "SCOPE_VALUE", scope);
  }
  if (scope == "CLOUDFRONT" && call.region != kCloudFrontRegion) {
    return InvalidParameter("The scope is not valid.", "SCOPE_VALUE", scope);
  }
  return scope;
}

// The ACL an ARN names, among those the call's region serves.
std::optional<WebAcl> AclByArn(const ApiCall& call, const std::string& arn) {
  std::vector<std::string> scopes = {"REGIONAL"};
  if (call.region == kCloudFrontRegion) scopes.push_back("CLOUDFRONT");
  for (const auto& scope : scopes) {
    for (auto& acl : WebAclsOf(call, scope)) {
      if (acl.arn == arn) return std::move(acl);
    }
  }
  return std::nullopt;
}

Reply Nonexistent() { return AwsError(400, "WAFNonexistentItemException", kNonexistent); }

Reply ListWebACLs(const ApiCall& call) {
  auto scope = ScopeOf(call);
  if (auto* error = std::get_if<Reply>(&scope)) return *error;
  const auto acls = WebAclsOf(call, std::get<std::string>(scope));
  size_t offset = 0, limit = 100;
  if (const auto* marker = Member(call.params, "NextMarker")) {
    offset = static_cast<size_t>(std::atoi(marker->get<std::string>().c_str()));
  }
  if (const auto* max = Member(call.params, "Limit"); max && max->is_number_integer()) {
    limit = static_cast<size_t>(std::clamp(max->get<int>(), 1, 100));
  }
  nlohmann::json out = {{"WebACLs", nlohmann::json::array()}};
  for (size_t i = offset; i < acls.size() && i < offset + limit; ++i) {
    const auto& acl = acls[i];
    out["WebACLs"].push_back({{"Name", acl.name},
                              {"Id", acl.id},
                              {"Description", acl.description},
                              {"LockToken", acl.lock_token},
                              {"ARN", acl.arn}});
  }
  if (offset + limit < acls.size()) out["NextMarker"] = std::to_string(offset + limit);
  return Ok(std::move(out));
}

Reply GetWebACL(const ApiCall& call) {
  std::optional<WebAcl> found;
  if (const auto arn = call.Param("ARN"); !arn.empty()) {
    found = AclByArn(call, arn);
  } else {
    auto scope = ScopeOf(call);
    if (auto* error = std::get_if<Reply>(&scope)) return *error;
    const std::string name = call.Param("Name"), id = call.Param("Id");
    for (auto& acl : WebAclsOf(call, std::get<std::string>(scope))) {
      if (acl.name == name && acl.id == id) found = std::move(acl);
    }
  }
  if (!found) return Nonexistent();
  const WebAcl& acl = *found;
  return Ok({{"WebACL",
              {{"Name", acl.name},
               {"Id", acl.id},
               {"ARN", acl.arn},
               {"DefaultAction", acl.default_action},
               {"Description", acl.description},
               {"Rules", acl.rules},
               {"VisibilityConfig",
                {{"SampledRequestsEnabled", true},
                 {"CloudWatchMetricsEnabled", true},
                 {"MetricName", acl.name}}},
               {"Capacity", acl.capacity},
               {"ManagedByFirewallManager", false},
               {"LabelNamespace", "awswaf:" + call.account.id + ":webacl:" + acl.name + ":"}}},
             {"LockToken", acl.lock_token}});
}

Reply ListResourcesForWebACL(const ApiCall& call) {
  static constexpr std::array kResourceTypes = {"APPLICATION_LOAD_BALANCER",
                                                "API_GATEWAY",
                                                "APPSYNC",
                                                "COGNITO_USER_POOL",
                                                "APP_RUNNER_SERVICE",
                                                "VERIFIED_ACCESS_INSTANCE",
                                                "AMPLIFY"};
  const std::string type = call.Param("ResourceType", "APPLICATION_LOAD_BALANCER");
  if (std::find(kResourceTypes.begin(), kResourceTypes.end(), type) == kResourceTypes.end()) {
    return InvalidParameter("The resource type is not valid.", "RESOURCE_TYPE", type);
  }
  const auto acl = AclByArn(call, call.Param("WebACLArn"));
  if (!acl) return Nonexistent();
  nlohmann::json arns = nlohmann::json::array();
  if (acl->scope == "REGIONAL" && type == "APPLICATION_LOAD_BALANCER") {
    const auto acls = WebAclsOf(call, "REGIONAL");
    for (const auto& lb : LoadBalancersOn(call.world, call.account, call.region, call.today())) {
      if (lb.type != "application") continue;
      Rng rng(call.world.seed(), {"waf-association", call.account.id, lb.arn});
      const auto pick = rng.Between(-1, static_cast<int64_t>(acls.size()) - 1);
      if (pick >= 0 && acls[static_cast<size_t>(pick)].arn == acl->arn) arns.push_back(lb.arn);
    }
  }
  return Ok({{"ResourceArns", std::move(arns)}});
}

Reply GetLoggingConfiguration(const ApiCall& call) {
  const auto acl = AclByArn(call, call.Param("ResourceArn"));
  if (!acl || acl->log_destinations.empty()) return Nonexistent();
  return Ok({{"LoggingConfiguration",
              {{"ResourceArn", acl->arn},
               {"LogDestinationConfigs", acl->log_destinations},
               {"ManagedByFirewallManager", false},
               {"LogType", "WAF_LOGS"},
               {"LogScope", "CUSTOMER"}}}});
}

}  // namespace

void RegisterWafv2(HandlerTable& table) {
  table.Add("wafv2", "ListWebACLs", ListWebACLs);
  table.Add("wafv2", "GetWebACL", GetWebACL);
  table.Add("wafv2", "ListResourcesForWebACL", ListResourcesForWebACL);
  table.Add("wafv2", "GetLoggingConfiguration", GetLoggingConfiguration);
}

}  // namespace view360::sim::security
