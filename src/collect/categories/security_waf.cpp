// waf[] and waf_rules[] (§b.7): the WAFv2 web ACLs, REGIONAL ones of the document's region, then
// the CLOUDFRONT ones (us-east-1), and one row per rule of each.
//
// Fixes (§g S5): the ACLs are listed once for both members (the original listed them twice);
// every page of ListWebACLs (§g S9); ListResourcesForWebACL is called for REGIONAL ACLs only
// (application load balancers, as the original asks) since it has no CLOUDFRONT resource type,
// so CloudFront ACLs report no associations; logging is checked on its own, so an error listing
// resources no longer turns logging off. created_date, last_modified and tags stay null, null
// and [] (no WAFv2 call made here returns them). CloudFront ACLs are account-wide: collected
// only in the account's home region's document (§g S14).
//
// A failed listing fails the sub-collector (both members []); a failed GetWebACL drops that ACL,
// a failed association or logging read leaves [] / false for that ACL, each recorded under
// "waf"; "no logging configuration" (WAFNonexistentItemException) is an answer, not an error.
#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

constexpr const char* kCloudFrontRegion = "us-east-1";  // CLOUDFRONT scope is served there only.
constexpr int kListLimit = 100;                         // ListWebACLs' maximum Limit.
constexpr const char* kNoSuchItem = "WAFNonexistentItemException";

std::string FirstKey(const nlohmann::json& obj) {
  return obj.is_object() && !obj.empty() ? obj.begin().key() : std::string("Unknown");
}

bool Contains(const std::string& text, std::string_view what) {
  return text.find(what) != std::string::npos;
}

bool VisibilityFlag(const nlohmann::json& rule, const char* flag) {
  const auto config = rule.find("VisibilityConfig");
  if (config == rule.end() || !config->is_object()) return false;
  const auto it = config->find(flag);
  return it != config->end() && it->is_boolean() && it->get<bool>();
}

// One scope's ACL summaries, every page.
Result<std::vector<nlohmann::json>> ListAcls(CategoryContext& ctx, const std::string& scope,
                                             const std::string& region) {
  std::vector<nlohmann::json> acls;
  std::string marker;
  while (true) {
    nlohmann::json params = {{"Scope", scope}, {"Limit", kListLimit}};
    if (!marker.empty()) params["NextMarker"] = marker;
    VIEW360_ASSIGN_OR_RETURN(auto page, ctx.Call("wafv2", "ListWebACLs", params, region));
    const nlohmann::json list = page.value("WebACLs", nlohmann::json::array());
    for (const auto& acl : list) acls.push_back(acl);
    const std::string next = StringOr(page, "NextMarker", "");
    // WAF may hand back a marker with the last page; an empty page or a repeated marker ends it.
    if (next.empty() || list.empty() || next == marker) break;
    marker = next;
  }
  return acls;
}

struct Logging {
  bool enabled = false;
  Json destinations = Json::array();
};

Logging LoggingOf(CategoryContext& ctx, const std::string& arn, const std::string& region) {
  Logging logging;
  auto config = ctx.Call("wafv2", "GetLoggingConfiguration", {{"ResourceArn", arn}}, region);
  if (!config.ok()) {
    if (config.status().reason() != kNoSuchItem) ctx.Fail(kWafTag, config.status());
    return logging;
  }
  const auto it = config->find("LoggingConfiguration");
  if (it == config->end() || !it->is_object()) return logging;
  logging.enabled = true;
  for (const auto& d : it->value("LogDestinationConfigs", nlohmann::json::array())) {
    logging.destinations.push_back(d.get<std::string>());
  }
  return logging;
}

Json Associations(CategoryContext& ctx, const std::string& arn, const std::string& scope,
                  const std::string& region) {
  Json arns = Json::array();
  if (scope != "REGIONAL") return arns;
  auto listed =
      ctx.Call("wafv2", "ListResourcesForWebACL",
               {{"WebACLArn", arn}, {"ResourceType", "APPLICATION_LOAD_BALANCER"}}, region);
  if (!listed.ok()) {
    ctx.Fail(kWafTag, listed.status());
    return arns;
  }
  for (const auto& a : listed->value("ResourceArns", nlohmann::json::array())) {
    arns.push_back(a.get<std::string>());
  }
  return arns;
}

Json RuleRow(const nlohmann::json& rule, const std::string& acl_name, const std::string& scope,
             bool logging) {
  const nlohmann::json statement = rule.value("Statement", nlohmann::json::object());
  const std::string type = FirstKey(statement);
  const std::string text = statement.dump();
  const bool managed = type == "ManagedRuleGroupStatement";
  std::string group_name, vendor;
  if (managed) {
    group_name = StringOr(statement[type], "Name", "");
    vendor = StringOr(statement[type], "VendorName", "");
  }
  Json action = nullptr;
  if (rule.contains("Action")) {
    action = ToDocument(rule["Action"]);
  } else if (rule.contains("OverrideAction")) {
    action = ToDocument(rule["OverrideAction"]);
  } else {
    action = Json{{"None", Json::object()}};
  }
  static constexpr std::string_view kCompliantTypes[] = {
      "RateBasedStatement",         "ManagedRuleGroupStatement", "SqliMatchStatement",
      "XssMatchStatement",          "GeoMatchStatement",         "IPSetReferenceStatement",
      "RuleGroupReferenceStatement"};
  bool compliant = managed && (vendor == "AWS" || vendor == "Amazon");
  for (std::string_view t : kCompliantTypes) compliant = compliant || type == t;

  Json row = Json::object();
  row["web_acl_name"] = acl_name;
  row["rule_name"] = StringOrNull(rule, "Name");
  row["priority"] = ValueOrNull(rule, "Priority");
  row["action"] = std::move(action);
  row["statement_type"] = type;
  row["is_managed_rule"] = managed;
  row["is_custom_rule"] = !managed;
  row["rate_limit"] = type == "RateBasedStatement";
  row["logging_enabled"] = logging;
  row["geo_blocking"] = Contains(text, "GeoMatchStatement");
  row["sql_injection"] = Contains(text, "SqliMatchStatement") || Contains(group_name, "SQLi");
  row["sample_request_enabled"] = VisibilityFlag(rule, "SampledRequestsEnabled");
  row["cloudwatch_enabled"] = VisibilityFlag(rule, "CloudWatchMetricsEnabled");
  row["has_xss_protection"] = Contains(text, "XssMatchStatement") || Contains(group_name, "XSS");
  row["waf_version"] = "v2";
  row["is_compliant"] = compliant;
  row["scope"] = scope;
  return row;
}

Json AclRow(const nlohmann::json& acl, const std::string& scope, Json associations,
            const Logging& logging) {
  const nlohmann::json rules = acl.value("Rules", nlohmann::json::array());
  int64_t managed = 0, rate = 0, custom = 0;
  bool sampled = false, metrics = false, geo = false;
  Json countries = Json::array(), ip_sets = Json::array();
  for (const auto& rule : rules) {
    const nlohmann::json statement = rule.value("Statement", nlohmann::json::object());
    const std::string type = FirstKey(statement);
    if (type == "ManagedRuleGroupStatement") {
      ++managed;
    } else if (type == "RateBasedStatement") {
      ++rate;
    } else {
      ++custom;
    }
    if (type == "GeoMatchStatement") {
      geo = true;
      for (const auto& c : statement[type].value("CountryCodes", nlohmann::json::array())) {
        countries.push_back(c.get<std::string>());
      }
    }
    if (type == "IPSetReferenceStatement") ip_sets.push_back(StringOr(statement[type], "ARN", ""));
    sampled = sampled || VisibilityFlag(rule, "SampledRequestsEnabled");
    metrics = metrics || VisibilityFlag(rule, "CloudWatchMetricsEnabled");
  }
  const int64_t associated = static_cast<int64_t>(associations.size());
  Json row = Json::object();
  row["name"] = StringOrNull(acl, "Name");
  row["id"] = StringOrNull(acl, "Id");
  row["arn"] = StringOrNull(acl, "ARN");
  row["scope"] = scope;
  row["description"] = StringOr(acl, "Description", "");
  row["default_action"] =
      acl.contains("DefaultAction") ? ToDocument(acl["DefaultAction"]) : Json::object();
  row["rules_count"] = static_cast<int64_t>(rules.size());
  row["capacity"] = acl.contains("Capacity") ? ValueOrNull(acl, "Capacity") : Json(0);
  row["managed_rules_count"] = managed;
  row["custom_rules_count"] = custom;
  row["rate_limit_rules_count"] = rate;
  row["associated_resources"] = std::move(associations);
  row["associated_resources_count"] = associated;
  row["logging_enabled"] = logging.enabled;
  row["log_destinations"] = logging.destinations;
  row["geo_blocking_enabled"] = geo;
  row["blocked_countries"] = std::move(countries);
  row["ip_sets"] = std::move(ip_sets);
  row["created_date"] = nullptr;
  row["last_modified"] = nullptr;
  row["tags"] = Json::array();
  row["sampled_requests_enabled"] = sampled;
  row["cloudwatch_metrics_enabled"] = metrics;
  return row;
}

}  // namespace

Status CollectWaf(CategoryContext& ctx, Json& waf, Json& waf_rules) {
  std::vector<std::pair<std::string, std::string>> scopes = {{"REGIONAL", ctx.region()}};
  if (ctx.target().home_region) scopes.emplace_back("CLOUDFRONT", kCloudFrontRegion);
  // List both scopes first: a listing failure fails the sub-collector before any detail call.
  std::vector<std::vector<nlohmann::json>> listed;
  for (const auto& [scope, region] : scopes) {
    VIEW360_ASSIGN_OR_RETURN(auto acls, ListAcls(ctx, scope, region));
    listed.push_back(std::move(acls));
  }
  waf = Json::array();
  waf_rules = Json::array();
  for (size_t s = 0; s < scopes.size(); ++s) {
    const auto& [scope, region] = scopes[s];
    for (const auto& summary : listed[s]) {
      auto got = ctx.Call("wafv2", "GetWebACL",
                          {{"Name", StringOr(summary, "Name", "")},
                           {"Scope", scope},
                           {"Id", StringOr(summary, "Id", "")}},
                          region);
      if (!got.ok()) {
        if (got.status().reason() != kNoSuchItem) ctx.Fail(kWafTag, got.status());
        continue;  // Deleted since the listing, or unreadable.
      }
      const nlohmann::json acl = got->value("WebACL", nlohmann::json::object());
      const std::string arn = StringOr(acl, "ARN", StringOr(summary, "ARN", ""));
      const std::string name = StringOr(acl, "Name", "");
      const Logging logging = LoggingOf(ctx, arn, region);
      waf.push_back(AclRow(acl, scope, Associations(ctx, arn, scope, region), logging));
      for (const auto& rule : acl.value("Rules", nlohmann::json::array())) {
        waf_rules.push_back(RuleRow(rule, name, scope, logging.enabled));
      }
    }
  }
  return OkStatus();
}

}  // namespace view360::collect::security
