// Simulated Auto Scaling DescribeAutoScalingGroups: the groups of the call's account and region
// today, listing the instances (the same ids DescribeInstances shows) they run. Honours
// AutoScalingGroupNames (unknown names are left out, as AWS does) and tag filters.
#include <algorithm>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

// Auto Scaling's Filters: tag:<key>, tag-key, tag-value; each filter must match one value.
bool PassesTagFilters(const ApiCall& call, const Tags& tags) {
  auto it = call.params.find("Filters");
  if (it == call.params.end() || !it->is_array()) return true;
  for (const auto& filter : *it) {
    const std::string name = filter.value("Name", "");
    const auto values = filter.value("Values", std::vector<std::string>{});
    const auto listed = [&](const std::string& text) {
      return std::find(values.begin(), values.end(), text) != values.end();
    };
    bool passed = true;
    if (name == "tag-key") {
      passed = std::any_of(tags.begin(), tags.end(), [&](auto& tag) { return listed(tag.first); });
    } else if (name == "tag-value") {
      passed = std::any_of(tags.begin(), tags.end(), [&](auto& tag) { return listed(tag.second); });
    } else if (name.starts_with("tag:")) {
      auto tag = tags.find(name.substr(4));
      passed = tag != tags.end() && listed(tag->second);
    }
    if (!passed) return false;
  }
  return true;
}

Reply DescribeAutoScalingGroups(const ApiCall& call) {
  const auto names = StringList(call, "AutoScalingGroupNames");
  const Day today = call.today();
  const auto groups = AutoScalingGroupsOn(call.world, call.account, call.region, today);
  const auto instances = InstancesOn(call.world, call.account, call.region, today);
  const auto subnets = SubnetsOf(call.world, call.account, call.region);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : groups) {
    if (!names.empty() && std::find(names.begin(), names.end(), g.name) == names.end()) continue;
    if (!PassesTagFilters(call, g.tags)) continue;
    const nlohmann::json launch_template = {{"LaunchTemplateId", g.launch_template},
                                            {"LaunchTemplateName", g.name + "-lt"},
                                            {"Version", "$Default"}};
    nlohmann::json members = nlohmann::json::array();
    for (const auto& id : g.instance_ids) {
      auto in = std::find_if(instances.begin(), instances.end(),
                             [&](const Instance& i) { return i.id == id; });
      if (in == instances.end()) continue;
      members.push_back({{"InstanceId", in->id},
                         {"InstanceType", in->type},
                         {"AvailabilityZone", in->availability_zone},
                         {"LifecycleState", in->state == "running" ? "InService" : "Standby"},
                         {"HealthStatus", "Healthy"},
                         {"LaunchTemplate", launch_template},
                         {"ProtectedFromScaleIn", false}});
    }
    std::string zone_identifier;
    for (const auto& s : subnets) {
      if (std::find(g.availability_zones.begin(), g.availability_zones.end(),
                    s.availability_zone) == g.availability_zones.end()) {
        continue;
      }
      zone_identifier += (zone_identifier.empty() ? "" : ",") + s.id;
    }
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& [key, value] : g.tags) {
      tags.push_back({{"ResourceId", g.name},
                      {"ResourceType", "auto-scaling-group"},
                      {"Key", key},
                      {"Value", value},
                      {"PropagateAtLaunch", true}});
    }
    out.push_back({{"AutoScalingGroupName", g.name},
                   {"AutoScalingGroupARN", g.arn},
                   {"LaunchTemplate", launch_template},
                   {"MinSize", g.min_size},
                   {"MaxSize", g.max_size},
                   {"DesiredCapacity", g.desired},
                   {"DefaultCooldown", 300},
                   {"AvailabilityZones", g.availability_zones},
                   {"LoadBalancerNames", nlohmann::json::array()},
                   {"TargetGroupARNs", nlohmann::json::array()},
                   {"HealthCheckType", "EC2"},
                   {"HealthCheckGracePeriod", 300},
                   {"Instances", members},
                   {"CreatedTime", IsoTime(g.created_time)},
                   {"SuspendedProcesses", nlohmann::json::array()},
                   {"VPCZoneIdentifier", zone_identifier},
                   {"EnabledMetrics", nlohmann::json::array()},
                   {"Tags", tags},
                   {"TerminationPolicies", {"Default"}},
                   {"NewInstancesProtectedFromScaleIn", false},
                   {"ServiceLinkedRoleARN", "arn:aws:iam::" + call.account.id +
                                                ":role/aws-service-role/autoscaling.amazonaws.com/"
                                                "AWSServiceRoleForAutoScaling"},
                   {"CapacityRebalance", false},
                   {"TrafficSources", nlohmann::json::array()}});
  }
  return Ok({{"AutoScalingGroups", out}});
}

}  // namespace

void RegisterAutoScaling(HandlerTable& table) {
  table.Add("autoscaling", "DescribeAutoScalingGroups", DescribeAutoScalingGroups);
}

}  // namespace view360::sim::resources
