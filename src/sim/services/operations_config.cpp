// AWS Config: DescribeConfigurationRecorders, DescribeConformancePacks,
// DescribeConformancePackCompliance, DescribeComplianceByConfigRule and
// GetComplianceDetailsByConfigRule over the model of operations_config_model.cpp.
#include <map>

#include "sim/services/operations_internal.h"

namespace view360::sim {
namespace {

using ops::ConfigEvaluator;
using ops::ConfigRule;
using ops::ConfigSetupOf;
using ops::Evaluation;

// GetComplianceDetailsByConfigRule's Limit ceiling (API reference).
constexpr int kMaxDetailsLimit = 100;

Reply NoSuchRule(std::string_view name) {
  return AwsError(400, "NoSuchConfigRuleException",
                  "The ConfigRule '" + std::string(name) +
                      "' provided in the request is invalid. "
                      "Please check the configRule name.");
}

Reply NoSuchPack(std::string_view name) {
  return AwsError(400, "NoSuchConformancePackException",
                  "One or more conformance packs do not exist: " + std::string(name));
}

// A rule's overall compliance from its results: any failure makes it NON_COMPLIANT.
struct RuleCompliance {
  std::string type = "INSUFFICIENT_DATA";
  int non_compliant = 0;
};

RuleCompliance Summarize(const std::vector<Evaluation>& results) {
  RuleCompliance c;
  if (results.empty()) return c;
  for (const auto& e : results) c.non_compliant += e.compliance == "NON_COMPLIANT";
  c.type = c.non_compliant > 0 ? "NON_COMPLIANT" : "COMPLIANT";
  return c;
}

Reply DescribeConfigurationRecorders(const ApiCall& call) {
  const auto names = ops::StringList(call.params, "ConfigurationRecorderNames");
  nlohmann::json recorders = nlohmann::json::array();
  if (ops::ConfigEnabled(call.world, call.account, call.region)) {
    Rng rng(call.world.seed(), {"config-recorder", call.account.id, call.region});
    const bool home = call.account.regions.front() == call.region;
    recorders.push_back({
        {"name", "default"},
        {"arn", "arn:aws:config:" + call.region + ":" + call.account.id +
                    ":configuration-recorder/default/" + rng.Hex(16)},
        {"roleARN", "arn:aws:iam::" + call.account.id +
                        ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"},
        {"recordingGroup",
         {{"allSupported", true},
          {"includeGlobalResourceTypes", home},
          {"resourceTypes", nlohmann::json::array()}}},
        {"recordingMode", {{"recordingFrequency", rng.Chance(0.8) ? "CONTINUOUS" : "DAILY"}}},
    });
  }
  for (const auto& name : names) {
    if (recorders.empty() || name != "default") {
      return AwsError(400, "NoSuchConfigurationRecorderException",
                      "Cannot find configuration recorder with the specified name '" + name + "'.");
    }
  }
  return Ok({{"ConfigurationRecorders", recorders}});
}

Reply DescribeConformancePacks(const ApiCall& call) {
  const auto setup = ConfigSetupOf(call.world, call.account, call.region);
  const auto names = ops::StringList(call.params, "ConformancePackNames");
  for (const auto& name : names) {
    if (!setup.FindPack(name)) return NoSuchPack(name);
  }
  nlohmann::json details = nlohmann::json::array();
  for (const auto& pack : setup.packs) {
    if (!ops::Allowed(names, pack.name)) continue;
    nlohmann::json d = {{"ConformancePackName", pack.name},
                        {"ConformancePackArn", pack.arn},
                        {"ConformancePackId", pack.id},
                        {"ConformancePackInputParameters", nlohmann::json::array()},
                        {"LastUpdateRequestedTime", IsoTime(pack.created)}};
    if (pack.parameters) {
      d["DeliveryS3Bucket"] = "awsconfigconforms-" + call.account.id + "-" + call.region;
      d["ConformancePackInputParameters"].push_back(
          {{"ParameterName", "IamPasswordPolicyParamMinimumPasswordLength"},
           {"ParameterValue", "14"}});
    }
    details.push_back(std::move(d));
  }
  return Ok({{"ConformancePackDetails", details}});
}

Reply DescribeConformancePackCompliance(const ApiCall& call) {
  const std::string name = call.Param("ConformancePackName");
  if (name.empty()) return ValidationError(call, "ConformancePackName is required.");
  const auto setup = ConfigSetupOf(call.world, call.account, call.region);
  const auto* pack = setup.FindPack(name);
  if (!pack) return NoSuchPack(name);
  const nlohmann::json filters = call.params.value("Filters", nlohmann::json::object());
  const auto rule_names = ops::StringList(filters, "ConfigRuleNames");
  const std::string type = filters.value("ComplianceType", "");
  for (const auto& rule_name : rule_names) {
    const auto* rule = setup.FindRule(rule_name);
    if (!rule || rule->pack != pack->name) {
      return AwsError(400, "NoSuchConfigRuleInConformancePackException",
                      "Config rule " + rule_name + " does not exist in conformance pack " + name);
    }
  }
  ConfigEvaluator evaluator(call.world, call.account, call.region);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& rule_name : pack->rule_names) {
    if (!ops::Allowed(rule_names, rule_name)) continue;
    const auto compliance = Summarize(evaluator.Evaluate(*setup.FindRule(rule_name)));
    if (!type.empty() && compliance.type != type) continue;
    list.push_back({{"ConfigRuleName", rule_name}, {"ComplianceType", compliance.type}});
  }
  return Ok({{"ConformancePackName", name}, {"ConformancePackRuleComplianceList", list}});
}

Reply DescribeComplianceByConfigRule(const ApiCall& call) {
  const auto setup = ConfigSetupOf(call.world, call.account, call.region);
  const auto names = ops::StringList(call.params, "ConfigRuleNames");
  const auto types = ops::StringList(call.params, "ComplianceTypes");
  for (const auto& name : names) {
    if (!setup.FindRule(name)) return NoSuchRule(name);
  }
  ConfigEvaluator evaluator(call.world, call.account, call.region);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& rule : setup.rules) {
    if (!ops::Allowed(names, rule.name)) continue;
    const auto compliance = Summarize(evaluator.Evaluate(rule));
    if (!ops::Allowed(types, compliance.type)) continue;
    nlohmann::json c = {{"ComplianceType", compliance.type}};
    if (compliance.type == "NON_COMPLIANT") {
      c["ComplianceContributorCount"] = {{"CappedCount", compliance.non_compliant},
                                         {"CapExceeded", false}};
    }
    list.push_back({{"ConfigRuleName", rule.name}, {"Compliance", c}});
  }
  return Ok({{"ComplianceByConfigRules", list}});
}

Reply GetComplianceDetailsByConfigRule(const ApiCall& call) {
  const std::string name = call.Param("ConfigRuleName");
  if (name.empty()) return ValidationError(call, "ConfigRuleName is required.");
  auto limit = call.params.find("Limit");
  if (limit != call.params.end() && limit->is_number_integer() &&
      (limit->get<int64_t>() < 0 || limit->get<int64_t>() > kMaxDetailsLimit)) {
    return AwsError(400, "InvalidParameterValueException",
                    "1 validation error detected: Value '" + limit->dump() +
                        "' at 'limit' failed to satisfy constraint: Member must have value less "
                        "than or equal to 100");
  }
  const auto setup = ConfigSetupOf(call.world, call.account, call.region);
  const ConfigRule* rule = setup.FindRule(name);
  if (!rule) return NoSuchRule(name);
  const auto types = ops::StringList(call.params, "ComplianceTypes");
  ConfigEvaluator evaluator(call.world, call.account, call.region);
  nlohmann::json results = nlohmann::json::array();
  for (const auto& e : evaluator.Evaluate(*rule)) {
    if (!ops::Allowed(types, e.compliance)) continue;
    nlohmann::json r = {{"EvaluationResultIdentifier",
                         {{"EvaluationResultQualifier",
                           {{"ConfigRuleName", e.rule_name},
                            {"ResourceType", e.resource_type},
                            {"ResourceId", e.resource_id},
                            {"EvaluationMode", "DETECTIVE"}}},
                          {"OrderingTimestamp", IsoTime(e.ordering)}}},
                        {"ComplianceType", e.compliance},
                        {"ResultRecordedTime", IsoTime(e.recorded)},
                        {"ConfigRuleInvokedTime", IsoTime(e.invoked)}};
    if (!e.annotation.empty()) r["Annotation"] = e.annotation;
    results.push_back(std::move(r));
  }
  return Ok({{"EvaluationResults", results}});
}

}  // namespace

void RegisterConfigService(HandlerTable& table) {
  table.Add("config", "DescribeConfigurationRecorders", DescribeConfigurationRecorders);
  table.Add("config", "DescribeConformancePacks", DescribeConformancePacks);
  table.Add("config", "DescribeConformancePackCompliance", DescribeConformancePackCompliance);
  table.Add("config", "DescribeComplianceByConfigRule", DescribeComplianceByConfigRule);
  table.Add("config", "GetComplianceDetailsByConfigRule", GetComplianceDetailsByConfigRule);
}

}  // namespace view360::sim
