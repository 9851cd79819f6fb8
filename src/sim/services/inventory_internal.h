// Shared pieces of the inventory group (S3 bucket metadata, SSM, Compute Optimizer): the
// per-service registration functions, the SSM managed-node model the four SSM operations share
// (so DescribeInstanceInformation, inventory and patches agree), and the EC2 size ladder and
// price list Compute Optimizer's rightsizing uses.
//
// Everything is a pure function of the world and its arguments; nothing is stored.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/handler.h"
#include "sim/resources.h"
#include "sim/world.h"

namespace view360::sim {

void RegisterS3(HandlerTable& table);
void RegisterSsm(HandlerTable& table);
void RegisterSsmInventory(HandlerTable& table);  // ListInventoryEntries, GetInventory.
void RegisterComputeOptimizer(HandlerTable& table);

// ---- Request helpers ---------------------------------------------------------------------------

// The strings of list parameter `name` (["a", "b"]); empty when absent or not a list.
std::vector<std::string> StringList(const nlohmann::json& params, std::string_view name);
bool Contains(const std::vector<std::string>& values, std::string_view value);

// Pages a list for an operation without a botocore paginator (the server leaves such outputs
// alone): keeps at most params[limit_key] (capped at `max_items`) of `items` from the offset
// params[token_key] names, and sets output[token_key] when more remain. Tokens are "p<offset>";
// any other token is refused with `bad_token_code` (400).
std::optional<Reply> PageSelf(const ApiCall& call, std::string_view limit_key,
                              std::string_view token_key, size_t max_items,
                              std::string_view bad_token_code, nlohmann::json& items,
                              nlohmann::json& output);

// ---- SSM managed nodes -------------------------------------------------------------------------

// A node SSM manages: an EC2 instance with the agent (managed_by_ssm), or an on-premises server
// registered through a hybrid activation ("mi-…").
struct ManagedNode {
  std::string id;
  std::string resource_type;  // "EC2Instance" | "ManagedInstance".
  std::string ping_status;    // "Online" | "ConnectionLost".
  std::string platform_type;  // "Linux" | "Windows".
  std::string platform_name, platform_version, agent_version;
  bool latest_agent = true;
  std::string ip_address, computer_name;
  std::string name, activation_id, iam_role;  // Hybrid nodes only.
  Clock::time_point registered, last_ping;
  std::string association_status;  // "Success" | "Failed" | "Pending".
  Clock::time_point last_association, last_successful_association;  // Epoch 0: never.
  Day first_day = 0;     // The first day it reported (launch or registration).
  Day last_day = 0;      // The last day it reported (the last ping's day).
  bool scanned = false;  // Has patch compliance data (a Patch Manager scan ran).
  std::string patch_group, baseline_id;
  int patch_cadence_days = 7;  // Patch runs happen every this many days.
  int patch_phase = 0;         // Runs happen on days d with (d + phase) % cadence == 0.
  int patch_hour = 2;          // UTC hour of the maintenance window.
};

// The nodes of `account` in `region` as of `day`, in a stable order (EC2 instances first).
std::vector<ManagedNode> ManagedNodesOn(const World& world, const Account& account,
                                        std::string_view region, Day day);
std::optional<ManagedNode> FindManagedNode(const World& world, const Account& account,
                                           std::string_view region, Day day,
                                           std::string_view node_id);

// The node an SSM call names in InstanceId on the call's day, or the InvalidInstanceId error.
std::variant<ManagedNode, Reply> RequestedNode(const ApiCall& call);

// The AWS:Application inventory of a node: maps of strings (Name, Version, Publisher, …).
nlohmann::json ApplicationsOf(const World& world, const Account& account, const ManagedNode& node);

struct PatchState {
  std::string title, kb_id, classification, severity, state;
  Clock::time_point installed_time;  // Epoch 0 for patches not installed.
};

// The node's patches relative to its baseline as of `day`: those its patch runs installed, newest
// first, then those installed outside the baseline, missing or not applicable (InstalledTime
// epoch 0 for the last two). Patch runs install a few patches every patch_cadence_days, so on
// most days some node installs something. Empty for a node never scanned.
std::vector<PatchState> PatchesOf(const World& world, const Account& account,
                                  const ManagedNode& node, Day day);
// The AWS:PatchSummary inventory item: counts that agree with PatchesOf.
nlohmann::json PatchSummaryOf(const World& world, const Account& account, const ManagedNode& node,
                              Day day);

// ---- EC2 sizes and prices (Compute Optimizer) --------------------------------------------------

// On-demand Linux price in USD per hour for an instance type ("m5.large"), from a per-family
// price of the .large size scaled by the size's vCPU ratio; approximate us-east-1 list prices.
double HourlyPrice(std::string_view instance_type);
// The type one size up (steps > 0) or down (steps < 0) in the same family; "" past the ends.
std::string ResizedType(std::string_view instance_type, int steps);
// The newer-generation family's equivalent ("m5.large" -> "m6i.large"), or "".
std::string NewerGenerationType(std::string_view instance_type);
// The Graviton (arm64) equivalent ("m5.large" -> "m7g.large"), or "".
std::string GravitonType(std::string_view instance_type);
// How many times the vCPUs of `from_type` the size of `to_type` has (0.5 for a size up).
double VcpuRatio(std::string_view from_type, std::string_view to_type);

// ---- Compute Optimizer recommendations
// -----------------------------------------------------------

// The recommendation of one resource as Compute Optimizer lists it, for `account` in `region`
// as of `day`; nullopt when the resource has too little history (under two days of metrics,
// or stopped for longer than the look-back period). Consistent with resources.h: an idle
// instance is Overprovisioned, gp2 volumes are NotOptimized, rarely called functions are
// Unavailable.
std::optional<nlohmann::json> Ec2Recommendation(const World& world, const Account& account,
                                                std::string_view region, Day day,
                                                const Instance& instance);
std::optional<nlohmann::json> EbsRecommendation(const World& world, const Account& account,
                                                std::string_view region, Day day,
                                                const Volume& volume);
std::optional<nlohmann::json> LambdaRecommendation(const World& world, const Account& account,
                                                   Day day, const Function& function);

}  // namespace view360::sim
