// SSM Inventory: ListInventoryEntries (one node's items of one type) and GetInventory (the
// nodes of the call's account and region with the requested types, filtered by inventory
// attributes such as AWS:InstanceInformation.InstanceId). Types served with content:
// AWS:InstanceInformation, AWS:Application and AWS:PatchSummary; the other AWS types exist but
// are empty; Custom: types are always empty.
#include <algorithm>
#include <array>

#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

constexpr std::string_view kService = "ssm";
constexpr size_t kMaxEntries = 50;  // ListInventoryEntries' MaxResults ceiling (API reference).

constexpr std::array<std::string_view, 16> kAwsTypes{"AWS:Application",
                                                     "AWS:InstanceInformation",
                                                     "AWS:PatchSummary",
                                                     "AWS:Network",
                                                     "AWS:WindowsUpdate",
                                                     "AWS:Service",
                                                     "AWS:AWSComponent",
                                                     "AWS:InstanceDetailedInformation",
                                                     "AWS:File",
                                                     "AWS:Tag",
                                                     "AWS:WindowsRole",
                                                     "AWS:ComplianceItem",
                                                     "AWS:ComplianceSummary",
                                                     "AWS:ResourceGroup",
                                                     "AWS:WindowsRegistry",
                                                     "AWS:BillingInfo"};

bool KnownType(std::string_view type) {
  return type.starts_with("Custom:") ||
         std::find(kAwsTypes.begin(), kAwsTypes.end(), type) != kAwsTypes.end();
}

Reply InvalidType(std::string_view type) {
  return AwsError(400, "InvalidTypeNameException",
                  "The parameter TypeName " + std::string(type) + " is invalid.");
}

std::string SchemaVersionOf(std::string_view type) {
  return type == "AWS:Application" ? "1.1" : "1.0";
}

// When the node last reported its inventory: shortly before its last ping.
std::string CaptureTimeOf(const ManagedNode& node) {
  return IsoTime(node.last_ping - std::chrono::minutes(7));
}

// The content (a list of maps of strings) of inventory type `type` for `node`.
nlohmann::json ContentOf(const ApiCall& call, const ManagedNode& node, std::string_view type) {
  if (type == "AWS:Application") return ApplicationsOf(call.world, call.account, node);
  if (type == "AWS:PatchSummary") {
    return PatchSummaryOf(call.world, call.account, node, call.today());
  }
  if (type == "AWS:InstanceInformation") {
    return nlohmann::json::array(
        {{{"AgentType", "amazon-ssm-agent"},
          {"AgentVersion", node.agent_version},
          {"ComputerName", node.computer_name},
          {"InstanceId", node.id},
          {"InstanceStatus", node.ping_status == "Online" ? "Active" : "Stopped"},
          {"IpAddress", node.ip_address},
          {"PlatformName", node.platform_name},
          {"PlatformType", node.platform_type},
          {"PlatformVersion", node.platform_version},
          {"ResourceType", node.resource_type}}});
  }
  return nlohmann::json::array();
}

// One inventory filter: Key "Attribute" (ListInventoryEntries) or "Type.Attribute"
// (GetInventory), Values, Type (Equal by default).
struct InventoryFilter {
  std::string type_name, attribute, op;
  std::vector<std::string> values;

  bool Matches(const nlohmann::json& item) const {
    auto it = item.find(attribute);
    if (op == "Exists") return it != item.end();
    if (it == item.end() || !it->is_string()) return op == "NotEqual";
    const std::string value = it->get<std::string>();
    if (op == "NotEqual") return !Contains(values, value);
    for (const auto& wanted : values) {
      if (op == "Equal" && value == wanted) return true;
      if (op == "BeginWith" && value.starts_with(wanted)) return true;
      if (op == "LessThan" && value < wanted) return true;
      if (op == "GreaterThan" && value > wanted) return true;
    }
    return false;
  }
  // Some item of the content matches.
  bool MatchesAny(const nlohmann::json& content) const {
    return std::any_of(content.begin(), content.end(),
                       [&](const nlohmann::json& item) { return Matches(item); });
  }
};

// The request's Filters; with `qualified`, keys must name their type ("AWS:X.Attribute").
std::variant<std::vector<InventoryFilter>, Reply> InventoryFilters(const ApiCall& call,
                                                                   bool qualified) {
  std::vector<InventoryFilter> filters;
  auto it = call.params.find("Filters");
  if (it == call.params.end() || !it->is_array()) return filters;
  for (const auto& raw : *it) {
    InventoryFilter filter;
    const std::string key = raw.value("Key", "");
    filter.op = raw.value("Type", "Equal");
    filter.values = StringList(raw, "Values");
    const size_t dot = key.rfind('.');
    if (qualified) {
      if (dot == std::string::npos) {
        return AwsError(400, "InvalidFilter", "The filter key " + key + " is not valid.");
      }
      filter.type_name = key.substr(0, dot);
      if (!KnownType(filter.type_name)) return InvalidType(filter.type_name);
    }
    filter.attribute = dot == std::string::npos ? key : key.substr(dot + 1);
    if (filter.attribute.empty() || (filter.values.empty() && filter.op != "Exists")) {
      return AwsError(400, "InvalidFilter", "The filter " + key + " is not valid.");
    }
    filters.push_back(std::move(filter));
  }
  return filters;
}

Reply ListInventoryEntries(const ApiCall& call) {
  const std::string type = call.Param("TypeName");
  if (type.empty()) return ValidationError(call, "1 validation error detected: TypeName");
  if (!KnownType(type)) return InvalidType(type);
  auto node_or = RequestedNode(call);
  if (auto* error = std::get_if<Reply>(&node_or)) return *error;
  const auto& node = std::get<ManagedNode>(node_or);
  auto filters_or = InventoryFilters(call, /*qualified=*/false);
  if (auto* error = std::get_if<Reply>(&filters_or)) return *error;
  const auto& filters = std::get<std::vector<InventoryFilter>>(filters_or);
  nlohmann::json matching = nlohmann::json::array();
  for (auto& item : ContentOf(call, node, type)) {
    if (std::all_of(filters.begin(), filters.end(),
                    [&](const InventoryFilter& f) { return f.Matches(item); })) {
      matching.push_back(std::move(item));
    }
  }
  nlohmann::json output = {{"TypeName", type}, {"InstanceId", node.id}};
  if (!matching.empty()) {
    output["SchemaVersion"] = SchemaVersionOf(type);
    output["CaptureTime"] = CaptureTimeOf(node);
  }
  if (auto error = PageSelf(call, "MaxResults", "NextToken", kMaxEntries, "InvalidNextToken",
                            matching, output)) {
    return *error;
  }
  output["Entries"] = std::move(matching);
  return Ok(std::move(output));
}

Reply GetInventory(const ApiCall& call) {
  auto filters_or = InventoryFilters(call, /*qualified=*/true);
  if (auto* error = std::get_if<Reply>(&filters_or)) return *error;
  const auto& filters = std::get<std::vector<InventoryFilter>>(filters_or);
  std::vector<std::string> types;
  if (auto it = call.params.find("ResultAttributes"); it != call.params.end() && it->is_array()) {
    for (const auto& attribute : *it) types.push_back(attribute.value("TypeName", ""));
  }
  for (const auto& type : types) {
    if (!KnownType(type)) return InvalidType(type);
  }
  const bool requested = !types.empty();
  if (!requested) types.push_back("AWS:InstanceInformation");

  nlohmann::json entities = nlohmann::json::array();
  for (const auto& node : ManagedNodesOn(call.world, call.account, call.region, call.today())) {
    const bool match = std::all_of(filters.begin(), filters.end(), [&](const InventoryFilter& f) {
      return f.MatchesAny(ContentOf(call, node, f.type_name));
    });
    if (!match) continue;
    nlohmann::json data = nlohmann::json::object();
    for (const auto& type : types) {
      nlohmann::json content = ContentOf(call, node, type);
      if (content.empty()) continue;
      data[type] = {{"TypeName", type},
                    {"SchemaVersion", SchemaVersionOf(type)},
                    {"CaptureTime", CaptureTimeOf(node)},
                    {"Content", std::move(content)}};
    }
    // With ResultAttributes, only nodes holding one of the requested types are listed.
    if (requested && data.empty()) continue;
    entities.push_back({{"Id", node.id}, {"Data", std::move(data)}});
  }
  return Ok({{"Entities", std::move(entities)}});
}

}  // namespace

void RegisterSsmInventory(HandlerTable& table) {
  const std::string service(kService);
  table.Add(service, "ListInventoryEntries", ListInventoryEntries);
  table.Add(service, "GetInventory", GetInventory);
}

}  // namespace view360::sim
