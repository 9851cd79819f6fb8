// Simulated Elastic Load Balancing v2 DescribeLoadBalancers: the application and network load
// balancers of the call's account and region today. Honours Names and LoadBalancerArns
// (LoadBalancerNotFound when one does not exist).
#include <algorithm>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

// Route 53 zone ids of ELB endpoints per region and type, as the ELB endpoint table lists them
// (https://docs.aws.amazon.com/general/latest/gr/elb.html); derived for other regions.
std::string CanonicalZone(const ApiCall& call, bool network) {
  static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kZones = {
      {"us-east-1", {"Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"}},
      {"us-west-2", {"Z1H1FL5HABSF5", "Z18D5FSROUN65G"}},
      {"eu-west-1", {"Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"}},
      {"eu-central-1", {"Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"}},
      {"ap-southeast-2", {"Z1GM3OXH4ZPM65", "ZCT6FZBF4DROD"}}};
  if (auto it = kZones.find(call.region); it != kZones.end()) {
    return network ? it->second.second : it->second.first;
  }
  Rng rng(0, {"elb-zone", call.region, network ? "net" : "app"});
  return "Z" + rng.Alnum(13);
}

Reply DescribeLoadBalancers(const ApiCall& call) {
  const auto balancers = LoadBalancersOn(call.world, call.account, call.region, call.today());
  const auto names = StringList(call, "Names");
  const auto arns = StringList(call, "LoadBalancerArns");
  const auto exists = [&](auto member, const std::string& value) {
    return std::any_of(balancers.begin(), balancers.end(),
                       [&](const LoadBalancer& lb) { return lb.*member == value; });
  };
  for (const auto& name : names) {
    if (!exists(&LoadBalancer::name, name)) {
      return AwsError(400, "LoadBalancerNotFound", "Load balancers '[" + name + "]' not found");
    }
  }
  for (const auto& arn : arns) {
    if (!exists(&LoadBalancer::arn, arn)) {
      return AwsError(400, "LoadBalancerNotFound", "Load balancers '[" + arn + "]' not found");
    }
  }
  const auto subnets = SubnetsOf(call.world, call.account, call.region);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& lb : balancers) {
    if (!names.empty() && std::find(names.begin(), names.end(), lb.name) == names.end()) continue;
    if (!arns.empty() && std::find(arns.begin(), arns.end(), lb.arn) == arns.end()) continue;
    const bool network = lb.type == "network";
    nlohmann::json zones = nlohmann::json::array();
    for (const auto& zone : lb.availability_zones) {
      auto subnet = std::find_if(subnets.begin(), subnets.end(), [&](const Subnet& s) {
        return s.vpc_id == lb.vpc_id && s.availability_zone == zone;
      });
      nlohmann::json entry = {{"ZoneName", zone},
                              {"LoadBalancerAddresses", nlohmann::json::array()}};
      if (subnet != subnets.end()) entry["SubnetId"] = subnet->id;
      zones.push_back(std::move(entry));
    }
    nlohmann::json item = {{"LoadBalancerArn", lb.arn},
                           {"DNSName", lb.dns_name},
                           {"CanonicalHostedZoneId", CanonicalZone(call, network)},
                           {"CreatedTime", IsoTime(lb.created_time)},
                           {"LoadBalancerName", lb.name},
                           {"Scheme", lb.scheme},
                           {"VpcId", lb.vpc_id},
                           {"State", {{"Code", lb.state}}},
                           {"Type", lb.type},
                           {"AvailabilityZones", zones},
                           {"IpAddressType", "ipv4"}};
    if (!network) {
      item["SecurityGroups"] = {DerivedId(call, "sg-", "elb-" + lb.name)};
    }
    out.push_back(std::move(item));
  }
  return Ok({{"LoadBalancers", out}});
}

}  // namespace

void RegisterElbv2(HandlerTable& table) {
  table.Add("elbv2", "DescribeLoadBalancers", DescribeLoadBalancers);
}

}  // namespace view360::sim::resources
