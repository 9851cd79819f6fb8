// Simulated EC2, the account-level part: DescribeRegions and DescribeSubnets; registers the
// instance and volume operations of resources_ec2_*.cpp too.
#include <algorithm>
#include <cctype>
#include <set>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {

Reply DescribeInstances(const ApiCall& call);  // resources_ec2_instances.cpp
Reply DescribeVolumes(const ApiCall& call);    // resources_ec2_volumes.cpp
Reply DescribeSnapshots(const ApiCall& call);  // resources_ec2_volumes.cpp

namespace {

// Regions AWS launched after March 2019 are opt-in: enabled ones say "opted-in".
// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
bool OptInRegion(std::string_view region) {
  static const std::set<std::string_view> kOptIn = {
      "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-south-2",
      "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
      "ca-west-1",      "eu-central-2",   "eu-south-1",     "eu-south-2",
      "il-central-1",   "me-central-1",   "me-south-1",     "mx-central-1"};
  return kOptIn.contains(region);
}

Reply DescribeRegions(const ApiCall& call) {
  const auto& all = call.world.scenario().regions;
  const auto names = StringList(call, "RegionNames");
  for (const auto& name : names) {
    if (std::find(all.begin(), all.end(), name) == all.end()) {
      return AwsError(400, "InvalidParameterValue", "Invalid region names: " + name);
    }
  }
  auto filters = Ec2Filters::Parse(call, {"endpoint", "opt-in-status", "region-name"});
  if (auto* error = std::get_if<Reply>(&filters)) return *error;
  const bool all_regions = call.params.value("AllRegions", false);
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& region : all) {
    const bool enabled = call.world.RegionEnabled(call.account, region);
    if (!enabled && !all_regions) continue;
    if (!names.empty() && std::find(names.begin(), names.end(), region) == names.end()) continue;
    const std::string endpoint = "ec2." + region + ".amazonaws.com";
    const std::string status = !enabled              ? "not-opted-in"
                               : OptInRegion(region) ? "opted-in"
                                                     : "opt-in-not-required";
    if (!std::get<Ec2Filters>(filters).Pass(
            {{"endpoint", endpoint}, {"opt-in-status", status}, {"region-name", region}})) {
      continue;
    }
    regions.push_back({{"RegionName", region}, {"Endpoint", endpoint}, {"OptInStatus", status}});
  }
  return Ok({{"Regions", regions}});
}

// "use1-az1": the zone id AWS maps each account's zone names to.
std::string ZoneId(std::string_view zone) {
  // Keep it short like AWS ("use1", "euw1", "apse2"): first letters of each part, then the digit.
  std::string short_id;
  size_t start = 0;
  const std::string_view name = zone.substr(0, zone.size() - 1);
  while (start < name.size()) {
    size_t end = name.find('-', start);
    if (end == std::string_view::npos) end = name.size();
    const auto part = name.substr(start, end - start);
    if (!part.empty() && std::isdigit(static_cast<unsigned char>(part[0]))) {
      short_id += part;
    } else if (part.size() == 9) {  // "southeast" -> "se", "northwest" -> "nw".
      short_id += std::string{part[0], part[5]};
    } else {
      short_id += part.substr(0, start == 0 ? 2 : 1);
    }
    start = end + 1;
  }
  return short_id + "-az" + std::to_string(zone.back() - 'a' + 1);
}

Reply DescribeSubnets(const ApiCall& call) {
  auto filters = Ec2Filters::Parse(call, {"subnet-id", "vpc-id", "availability-zone", "cidr-block",
                                          "state", "map-public-ip-on-launch", "default-for-az"});
  if (auto* error = std::get_if<Reply>(&filters)) return *error;
  const auto subnets = SubnetsOf(call.world, call.account, call.region);
  const auto ids = StringList(call, "SubnetIds");
  for (const auto& id : ids) {
    if (std::none_of(subnets.begin(), subnets.end(),
                     [&](const Subnet& subnet) { return subnet.id == id; })) {
      return AwsError(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : subnets) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), s.id) == ids.end()) continue;
    if (!std::get<Ec2Filters>(filters).Pass(
            {{"subnet-id", s.id},
             {"vpc-id", s.vpc_id},
             {"availability-zone", s.availability_zone},
             {"cidr-block", s.cidr_block},
             {"state", "available"},
             {"map-public-ip-on-launch", s.map_public_ip ? "true" : "false"},
             {"default-for-az", "false"}},
            s.tags)) {
      continue;
    }
    nlohmann::json subnet = {
        {"SubnetId", s.id},
        {"SubnetArn", "arn:aws:ec2:" + call.region + ":" + call.account.id + ":subnet/" + s.id},
        {"VpcId", s.vpc_id},
        {"State", "available"},
        {"AvailabilityZone", s.availability_zone},
        {"AvailabilityZoneId", ZoneId(s.availability_zone)},
        {"CidrBlock", s.cidr_block},
        {"AvailableIpAddressCount", s.available_ips},
        {"DefaultForAz", false},
        {"MapPublicIpOnLaunch", s.map_public_ip},
        {"MapCustomerOwnedIpOnLaunch", false},
        {"AssignIpv6AddressOnCreation", false},
        {"Ipv6CidrBlockAssociationSet", nlohmann::json::array()},
        {"EnableDns64", false},
        {"Ipv6Native", false},
        {"OwnerId", call.account.id},
        {"PrivateDnsNameOptionsOnLaunch",
         {{"HostnameType", "ip-name"},
          {"EnableResourceNameDnsARecord", false},
          {"EnableResourceNameDnsAAAARecord", false}}}};
    if (!s.tags.empty()) subnet["Tags"] = TagList(s.tags);
    out.push_back(std::move(subnet));
  }
  return Ok({{"Subnets", out}});
}

}  // namespace

void RegisterEc2(HandlerTable& table) {
  table.Add("ec2", "DescribeRegions", DescribeRegions);
  table.Add("ec2", "DescribeInstances", DescribeInstances);
  table.Add("ec2", "DescribeVolumes", DescribeVolumes);
  table.Add("ec2", "DescribeSubnets", DescribeSubnets);
  table.Add("ec2", "DescribeSnapshots", DescribeSnapshots);
}

}  // namespace view360::sim::resources
