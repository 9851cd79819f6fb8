// config (§b.4): AWS Config rule compliance of the region, and the evaluations recorded inside
// the window.
//
// Calls: every conformance pack and its rules (to name the pack of each rule), every rule's
// current compliance (COMPLIANT or NON_COMPLIANT), then each rule's evaluation results; an
// evaluation is reported when its ResultRecordedTime is inside the window.
//
// Fixes: the whole window [start, end) is used, not only its first day (§g S7); every listing is
// paginated, conformance packs and their compliance included (§g S9, S12).
//
// Kept for compatibility (§g S12): `non_compliant_resources` holds the evaluations of *both*
// compliance types recorded in the window, as the original writes it (its `compliance_type`
// member tells them apart); readers that want only violations filter on it.
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"config", "DescribeConformancePacks"},
    {"config", "DescribeConformancePackCompliance"},
    {"config", "DescribeComplianceByConfigRule"},
    {"config", "GetComplianceDetailsByConfigRule"},
};

// GetComplianceDetailsByConfigRule's largest page (API reference: Limit ≤ 100).
constexpr int kDetailsPageSize = 100;
constexpr char kStandalone[] = "Standalone";

nlohmann::json ComplianceTypes() { return nlohmann::json::array({"COMPLIANT", "NON_COMPLIANT"}); }

// Rule name -> the conformance pack that deployed it. A failure is recorded and leaves the
// rules it would have named "Standalone".
std::map<std::string, std::string> PackOfRules(CategoryContext& ctx) {
  std::map<std::string, std::string> pack_of;
  std::vector<std::string> packs;
  Status listed = ctx.Paginate(
      "config", "DescribeConformancePacks", nlohmann::json::object(),
      [&](const nlohmann::json& page) {
        for (const auto& pack : page.value("ConformancePackDetails", nlohmann::json::array())) {
          packs.push_back(StringOr(pack, "ConformancePackName", ""));
        }
        return OkStatus();
      });
  if (!listed.ok()) {
    ctx.Fail("config", listed);
    return pack_of;
  }
  for (const std::string& pack : packs) {
    if (pack.empty()) continue;
    Status status =
        ctx.Paginate("config", "DescribeConformancePackCompliance", {{"ConformancePackName", pack}},
                     [&](const nlohmann::json& page) {
                       for (const auto& rule : page.value("ConformancePackRuleComplianceList",
                                                          nlohmann::json::array())) {
                         const std::string name = StringOr(rule, "ConfigRuleName", "");
                         if (!name.empty()) pack_of.emplace(name, pack);
                       }
                       return OkStatus();
                     });
    if (!status.ok()) ctx.Fail("config", status);
  }
  return pack_of;
}

struct Rule {
  std::string name, compliance;
};

Json Resource(const Rule& rule, const std::string& pack, const nlohmann::json& result) {
  const nlohmann::json empty = nlohmann::json::object();
  const auto& identifier =
      result.contains("EvaluationResultIdentifier") ? result["EvaluationResultIdentifier"] : empty;
  const auto& qualifier = identifier.contains("EvaluationResultQualifier")
                              ? identifier["EvaluationResultQualifier"]
                              : empty;
  Json resource = Json::object();
  resource["rule_name"] = rule.name;
  resource["resource_id"] = StringOrNull(qualifier, "ResourceId");
  resource["resource_type"] = StringOrNull(qualifier, "ResourceType");
  resource["config_rule_invoked_time"] = TimeOrNull(result, "ResultRecordedTime");
  resource["conformance_pack"] = pack;
  resource["compliance_type"] = StringOrNull(result, "ComplianceType");
  resource["annotation"] = StringOrNull(result, "Annotation");
  resource["evaluation_mode"] = StringOrNull(qualifier, "EvaluationMode");
  return resource;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  std::vector<Rule> rules;
  VIEW360_RETURN_IF_ERROR(ctx.Paginate(
      "config", "DescribeComplianceByConfigRule", {{"ComplianceTypes", ComplianceTypes()}},
      [&](const nlohmann::json& page) {
        for (const auto& rule : page.value("ComplianceByConfigRules", nlohmann::json::array())) {
          const nlohmann::json compliance = rule.value("Compliance", nlohmann::json::object());
          rules.push_back(
              {StringOr(rule, "ConfigRuleName", ""), StringOr(compliance, "ComplianceType", "")});
        }
        return OkStatus();
      }));
  const auto pack_of = PackOfRules(ctx);

  int64_t compliant = 0, non_compliant = 0, curr_compliant = 0, curr_non_compliant = 0;
  Json resources = Json::array();
  for (const Rule& rule : rules) {
    compliant += rule.compliance == "COMPLIANT";
    non_compliant += rule.compliance == "NON_COMPLIANT";
    const auto pack = pack_of.find(rule.name);
    const std::string& pack_name = pack == pack_of.end() ? kStandalone : pack->second;
    bool evaluated_in_window = false;
    Status status = ctx.Paginate(
        "config", "GetComplianceDetailsByConfigRule",
        {{"ConfigRuleName", rule.name},
         {"ComplianceTypes", ComplianceTypes()},
         {"Limit", kDetailsPageSize}},
        [&](const nlohmann::json& page) {
          for (const auto& result : page.value("EvaluationResults", nlohmann::json::array())) {
            if (!InWindow(StringOr(result, "ResultRecordedTime", ""), window)) continue;
            evaluated_in_window = true;
            resources.push_back(Resource(rule, pack_name, result));
          }
          return OkStatus();
        });
    if (!status.ok()) ctx.Fail("config", status);
    if (evaluated_in_window) {
      curr_compliant += rule.compliance == "COMPLIANT";
      curr_non_compliant += rule.compliance == "NON_COMPLIANT";
    }
  }

  const int64_t total = compliant + non_compliant;
  section = Json::object();
  section["date_from"] = FormatDay(window.start);
  section["date_to"] = FormatDay(window.end);
  // Python's round(x, 2): a float, or the integer 0 when there are no rules (§b.4).
  section["compliance_score"] = total == 0
                                    ? Json(0)
                                    : Json(std::round(static_cast<double>(compliant) /
                                                      static_cast<double>(total) * 100.0 * 100.0) /
                                           100.0);
  section["total_rules"] = total;
  section["compliant_rules"] = compliant;
  section["non_compliant_rules"] = non_compliant;
  section["curr_non_compliant"] = curr_non_compliant;
  section["curr_compliant"] = curr_compliant;
  section["non_compliant_resources"] = std::move(resources);
  return OkStatus();
}

}  // namespace

const Category& ConfigCategory() {
  static const Category category{"config",         "config", "config",
                                 Scope::kRegional, Collect,  kOperations};
  return category;
}

}  // namespace view360::collect
