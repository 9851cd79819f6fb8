// SSM's managed-node operations: DescribeInstanceInformation (the nodes of the call's account
// and region, with both filter styles) and DescribeInstancePatches (one node's patch states,
// newest installation first). The inventory operations live in inventory_ssm_inventory.cpp.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

constexpr std::string_view kService = "ssm";
constexpr Clock::time_point kNever{};

nlohmann::json InstanceInformation(const ManagedNode& node) {
  nlohmann::json info = {{"InstanceId", node.id},
                         {"PingStatus", node.ping_status},
                         {"LastPingDateTime", IsoTime(node.last_ping)},
                         {"AgentVersion", node.agent_version},
                         {"IsLatestVersion", node.latest_agent},
                         {"PlatformType", node.platform_type},
                         {"PlatformName", node.platform_name},
                         {"PlatformVersion", node.platform_version},
                         {"ResourceType", node.resource_type},
                         {"IPAddress", node.ip_address},
                         {"ComputerName", node.computer_name},
                         {"AssociationStatus", node.association_status},
                         {"SourceId", node.id}};
  if (node.last_association != kNever) {
    info["LastAssociationExecutionDate"] = IsoTime(node.last_association);
  }
  if (node.last_successful_association != kNever) {
    info["LastSuccessfulAssociationExecutionDate"] = IsoTime(node.last_successful_association);
  }
  info["AssociationOverview"] = {
      {"DetailedStatus", node.association_status},
      {"InstanceAssociationStatusAggregatedCount", {{node.association_status, 1}}}};
  if (node.resource_type == "ManagedInstance") {
    info["SourceType"] = "AWS::SSM::ManagedInstance";
    info["Name"] = node.name;
    info["ActivationId"] = node.activation_id;
    info["IamRole"] = node.iam_role;
    info["RegistrationDate"] = IsoTime(node.registered);
  } else {
    info["SourceType"] = "AWS::EC2::Instance";
  }
  return info;
}

// The value(s) a DescribeInstanceInformation filter key compares, or nullopt for a key the API
// does not know.
std::optional<std::vector<std::string>> FilterValuesOf(const ManagedNode& node,
                                                       std::string_view key) {
  using Values = std::vector<std::string>;
  if (key == "InstanceIds") return Values{node.id};
  if (key == "AgentVersion") return Values{node.agent_version};
  if (key == "PingStatus") return Values{node.ping_status};
  if (key == "PlatformTypes") return Values{node.platform_type};
  if (key == "ActivationIds") return Values{node.activation_id};
  if (key == "IamRole") return Values{node.iam_role};
  if (key == "ResourceType") return Values{node.resource_type};
  if (key == "AssociationStatus") return Values{node.association_status};
  return std::nullopt;
}

struct NodeFilter {
  std::string key;
  std::vector<std::string> values;
};

// Both filter lists of DescribeInstanceInformation: InstanceInformationFilterList ({key,
// valueSet}) and Filters ({Key, Values}).
std::vector<NodeFilter> NodeFilters(const ApiCall& call) {
  std::vector<NodeFilter> filters;
  auto read = [&](std::string_view list, std::string_view key, std::string_view values) {
    auto it = call.params.find(list);
    if (it == call.params.end() || !it->is_array()) return;
    for (const auto& filter : *it) {
      if (!filter.is_object()) continue;
      filters.push_back({filter.value(std::string(key), ""), StringList(filter, values)});
    }
  };
  read("InstanceInformationFilterList", "key", "valueSet");
  read("Filters", "Key", "Values");
  return filters;
}

Reply DescribeInstanceInformation(const ApiCall& call) {
  const auto filters = NodeFilters(call);
  for (const auto& filter : filters) {
    if (!FilterValuesOf(ManagedNode{}, filter.key)) {
      return AwsError(400, "InvalidFilterKey", "The filter key " + filter.key + " is not valid.");
    }
    if (filter.values.empty()) {
      return AwsError(400, "InvalidInstanceInformationFilterValue",
                      "The filter " + filter.key + " has no values.");
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& node : ManagedNodesOn(call.world, call.account, call.region, call.today())) {
    const bool match = std::all_of(filters.begin(), filters.end(), [&](const NodeFilter& f) {
      const auto values = FilterValuesOf(node, f.key);  // Named: `*temporary` would dangle.
      return std::any_of(values->begin(), values->end(),
                         [&](const std::string& value) { return Contains(f.values, value); });
    });
    if (match) list.push_back(InstanceInformation(node));
  }
  return Ok({{"InstanceInformationList", std::move(list)}});
}

// "InstalledOther", "installed_other" and "INSTALLED_OTHER" name the same state: the API
// reference's filter examples use the first spelling, responses the last.
std::string StateKey(std::string_view state) {
  std::string key;
  for (char c : state) {
    if (c != '_') key.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return key;
}

bool PatchMatches(const PatchState& patch, std::string_view key,
                  const std::vector<std::string>& values) {
  if (key == "State") {
    return std::any_of(values.begin(), values.end(),
                       [&](const std::string& v) { return StateKey(v) == StateKey(patch.state); });
  }
  const std::string& field = key == "Classification" ? patch.classification
                             : key == "KBId"         ? patch.kb_id
                                                     : patch.severity;
  return Contains(values, field);
}

Reply DescribeInstancePatches(const ApiCall& call) {
  auto node_or = RequestedNode(call);
  if (auto* error = std::get_if<Reply>(&node_or)) return *error;
  const auto& node = std::get<ManagedNode>(node_or);

  std::vector<std::pair<std::string, std::vector<std::string>>> filters;
  if (auto it = call.params.find("Filters"); it != call.params.end() && it->is_array()) {
    for (const auto& filter : *it) {
      const std::string key = filter.value("Key", "");
      constexpr std::array<std::string_view, 4> kKeys{"Classification", "KBId", "Severity",
                                                      "State"};
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        return AwsError(400, "InvalidFilter", "The filter key " + key + " is not valid.");
      }
      filters.emplace_back(key, StringList(filter, "Values"));
    }
  }
  nlohmann::json patches = nlohmann::json::array();
  for (const auto& patch : PatchesOf(call.world, call.account, node, call.today())) {
    const bool match = std::all_of(filters.begin(), filters.end(), [&](const auto& filter) {
      return PatchMatches(patch, filter.first, filter.second);
    });
    if (!match) continue;
    patches.push_back({{"Title", patch.title},
                       {"KBId", patch.kb_id},
                       {"Classification", patch.classification},
                       {"Severity", patch.severity},
                       {"State", patch.state},
                       {"InstalledTime", IsoTime(patch.installed_time)}});
  }
  return Ok({{"Patches", std::move(patches)}});
}

}  // namespace

void RegisterSsm(HandlerTable& table) {
  const std::string service(kService);
  table.Add(service, "DescribeInstanceInformation", DescribeInstanceInformation);
  table.Add(service, "DescribeInstancePatches", DescribeInstancePatches);
  RegisterSsmInventory(table);
}

}  // namespace view360::sim
