// SSM's managed nodes: the account's EC2 instances that run the SSM agent (managed_by_ssm in
// resources.h), plus, in some accounts and regions, on-premises servers registered through a
// hybrid activation ("mi-…"). Running instances are Online and pinged minutes before the day
// began; stopped ones are ConnectionLost since they stopped.
#include <algorithm>
#include <array>

#include "sim/resources.h"
#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

struct Platform {
  std::string_view name, version;
};

constexpr std::array<Platform, 5> kLinux{{{"Amazon Linux", "2023"},
                                          {"Amazon Linux", "2"},
                                          {"Ubuntu", "22.04"},
                                          {"Ubuntu", "24.04"},
                                          {"Red Hat Enterprise Linux", "9.4"}}};
constexpr std::array<Platform, 3> kWindows{
    {{"Microsoft Windows Server 2022 Datacenter", "10.0.20348"},
     {"Microsoft Windows Server 2019 Datacenter", "10.0.17763"},
     {"Microsoft Windows Server 2016 Datacenter", "10.0.14393"}}};

// The agent release of September 2025 first, then older ones still seen in fleets.
constexpr std::string_view kLatestAgent = "3.3.2746.0";
constexpr std::array<std::string_view, 3> kOlderAgents{"3.3.2299.0", "3.3.1957.0", "3.2.2303.0"};
constexpr std::array<std::string_view, 3> kPatchGroups{"production", "non-production", "web"};
constexpr std::array<std::string_view, 4> kSiteNames{"dc1", "branch", "factory", "lab"};

constexpr Clock::time_point kNever{};

std::string Uuid(Rng& rng) {
  return rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(12);
}

void SetPlatform(Rng& rng, bool windows, ManagedNode& node) {
  const Platform& platform = windows ? rng.Pick(kWindows) : rng.Pick(kLinux);
  node.platform_type = windows ? "Windows" : "Linux";
  node.platform_name = platform.name;
  node.platform_version = platform.version;
  node.latest_agent = rng.Chance(0.7);
  node.agent_version = node.latest_agent ? kLatestAgent : rng.Pick(kOlderAgents);
}

// Ping, association and patch details shared by EC2 and hybrid nodes; `rng` is the node's own.
void SetActivity(const World& world, const Account& account, std::string_view region, Rng& rng,
                 Day day, bool online, Day offline_since, ManagedNode& node) {
  // An offline node last pinged on the day it went away (`offline_since`, or a few days ago).
  const Day offline =
      offline_since > 0 ? offline_since : day - static_cast<Day>(rng.Between(1, 30));
  if (online) {
    node.last_ping = StartOf(day) - std::chrono::seconds(rng.Between(30, 600));
  } else {
    node.last_ping = StartOf(std::max(node.first_day, std::min(offline, day - 1))) +
                     std::chrono::seconds(rng.Between(0, 86399));
  }
  node.last_day = DayOf(node.last_ping);
  node.ping_status = online ? "Online" : "ConnectionLost";

  const double roll = rng.Uniform();
  node.association_status = roll < 0.8 ? "Success" : roll < 0.92 ? "Failed" : "Pending";
  node.last_association = node.last_ping - std::chrono::seconds(rng.Between(60, 6 * 3600));
  const Day last_success = node.last_day - static_cast<Day>(rng.Between(1, 10));
  if (node.association_status == "Success") {
    node.last_successful_association = node.last_association;
  } else if (last_success >= node.first_day) {
    node.last_successful_association = StartOf(last_success) + std::chrono::hours(3);
  } else {
    node.last_successful_association = kNever;
  }
  if (node.association_status == "Pending" && node.last_successful_association == kNever) {
    node.last_association = kNever;
  }

  node.scanned = rng.Chance(0.9);
  node.patch_group = rng.Chance(0.5) ? std::string(rng.Pick(kPatchGroups)) : "";
  node.patch_cadence_days = static_cast<int>(rng.Pick(std::array<int, 4>{1, 2, 3, 7}));
  node.patch_phase = static_cast<int>(rng.Between(0, 6));
  node.patch_hour = static_cast<int>(rng.Between(0, 5));
  // AWS's default baseline of the operating system (the same id in every account of a
  // region), or a custom baseline of the account.
  Rng baseline =
      rng.Chance(0.3)
          ? Rng(world.seed(), {"ssm-custom-baseline", account.id, region, node.platform_name})
          : Rng(world.seed(), {"ssm-default-baseline", region, node.platform_name});
  node.baseline_id = "pb-0" + baseline.Hex(16);
}

ManagedNode FromInstance(const World& world, const Account& account, std::string_view region,
                         Day day, const Instance& instance) {
  Rng rng(world.seed(), {"ssm-node", account.id, region, instance.id});
  ManagedNode node;
  node.id = instance.id;
  node.resource_type = "EC2Instance";
  SetPlatform(rng, instance.platform == "windows", node);
  node.ip_address = instance.private_ip;
  if (node.platform_type == "Windows") {
    node.computer_name = "EC2AMAZ-" + rng.Alnum(7);
  } else {
    std::string host = "ip-" + instance.private_ip;
    std::replace(host.begin(), host.end(), '.', '-');
    node.computer_name =
        host + (region == "us-east-1" ? std::string(".ec2.internal")
                                      : "." + std::string(region) + ".compute.internal");
  }
  node.first_day = instance.life.created;
  node.registered = std::max(instance.launch_time, StartOf(instance.life.created));
  SetActivity(world, account, region, rng, day,
              instance.state == "running" || instance.state == "pending", instance.stopped_since,
              node);
  return node;
}

// On-premises servers registered with a hybrid activation: a quarter of the account/region
// pairs have one or two, registered on some day of the history.
void AddHybridNodes(const World& world, const Account& account, std::string_view region, Day day,
                    std::vector<ManagedNode>& nodes) {
  Rng pair(world.seed(), {"ssm-hybrid", account.id, region});
  if (!pair.Chance(0.25)) return;
  const int count = static_cast<int>(pair.Between(1, 2));
  const std::string activation = Uuid(pair);
  for (int i = 0; i < count; ++i) {
    Rng rng(world.seed(), {"ssm-hybrid-node", account.id, region}, i);
    ManagedNode node;
    node.id = "mi-0" + rng.Hex(16);
    const int latest = std::max(0, world.scenario().history_days - 20);
    node.first_day = world.first_day() + static_cast<Day>(rng.Between(0, latest));
    if (node.first_day > day) continue;
    node.resource_type = "ManagedInstance";
    SetPlatform(rng, rng.Chance(0.4), node);
    const std::string site(rng.Pick(kSiteNames));
    node.name = site + "-server-" + std::to_string(i + 1);
    node.computer_name = node.name + ".corp.example.com";
    node.ip_address = "192.168." + std::to_string(rng.Between(1, 254)) + "." +
                      std::to_string(rng.Between(2, 254));
    node.activation_id = activation;
    node.iam_role = "SSMServiceRole";
    node.registered = StartOf(node.first_day) + std::chrono::seconds(rng.Between(0, 86399));
    SetActivity(world, account, region, rng, day, rng.Chance(0.85), 0, node);
    nodes.push_back(std::move(node));
  }
}

}  // namespace

std::vector<ManagedNode> ManagedNodesOn(const World& world, const Account& account,
                                        std::string_view region, Day day) {
  std::vector<ManagedNode> nodes;
  if (!world.RegionEnabled(account, region)) return nodes;
  for (const auto& instance : InstancesOn(world, account, region, day)) {
    if (!instance.managed_by_ssm) continue;
    if (instance.state == "terminated" || instance.state == "shutting-down") continue;
    nodes.push_back(FromInstance(world, account, region, day, instance));
  }
  AddHybridNodes(world, account, region, day, nodes);
  return nodes;
}

std::optional<ManagedNode> FindManagedNode(const World& world, const Account& account,
                                           std::string_view region, Day day,
                                           std::string_view node_id) {
  for (auto& node : ManagedNodesOn(world, account, region, day)) {
    if (node.id == node_id) return std::move(node);
  }
  return std::nullopt;
}

std::variant<ManagedNode, Reply> RequestedNode(const ApiCall& call) {
  const std::string id = call.Param("InstanceId");
  if (id.empty())
    return ValidationError(call, "1 validation error detected: InstanceId is required");
  auto node = FindManagedNode(call.world, call.account, call.region, call.today(), id);
  if (!node) {
    return AwsError(400, "InvalidInstanceId",
                    "Instances [[" + id + "]] not in a valid state for account " + call.account.id);
  }
  return std::move(*node);
}

}  // namespace view360::sim
