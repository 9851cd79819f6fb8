// Simulated EC2 DescribeInstances: the instances of the call's account and region today (and
// those terminated today, which AWS still lists for a while), one reservation each, with their
// attached volumes as block device mappings. Honours InstanceIds and the common filters.
#include <algorithm>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

int StateCode(std::string_view state) {
  if (state == "running") return 16;
  if (state == "terminated") return 48;
  if (state == "stopped") return 80;
  return 0;
}

// vCPUs by size, as the instance type tables list them.
int Vcpus(std::string_view type) {
  const auto size = type.substr(type.find('.') + 1);
  if (size == "xlarge") return 4;
  if (size == "2xlarge") return 8;
  if (size == "4xlarge") return 16;
  return 2;
}

std::string Dashed(std::string ip) {
  std::replace(ip.begin(), ip.end(), '.', '-');
  return ip;
}

// "User initiated (2025-09-15 10:20:30 GMT)".
std::string UserInitiated(Clock::time_point time) {
  std::string iso = IsoTime(time);
  iso[10] = ' ';
  return "User initiated (" + iso.substr(0, 19) + " GMT)";
}

nlohmann::json InstanceJson(const ApiCall& call, const Instance& in,
                            const std::vector<Volume>& volumes) {
  const bool windows = in.platform == "windows";
  const bool us_east_1 = call.region == "us-east-1";
  const std::string private_dns =
      "ip-" + Dashed(in.private_ip) +
      (us_east_1 ? ".ec2.internal" : "." + call.region + ".compute.internal");
  const std::string public_dns =
      in.public_ip.empty() ? ""
                           : "ec2-" + Dashed(in.public_ip) +
                                 (us_east_1 ? ".compute-1.amazonaws.com"
                                            : "." + call.region + ".compute.amazonaws.com");
  const std::string group_name =
      "launch-wizard-" + std::to_string(Rng(0, {in.security_group_id}).Between(1, 20));
  nlohmann::json mappings = nlohmann::json::array();
  std::string root_device = windows ? "/dev/sda1" : "/dev/xvda";
  for (const auto& v : volumes) {
    if (v.attached_instance_id != in.id || in.state == "terminated") continue;
    const bool root = v.device_name == root_device;
    nlohmann::json mapping = {{"DeviceName", v.device_name},
                              {"Ebs",
                               {{"AttachTime", IsoTime(v.create_time)},
                                {"DeleteOnTermination", root},
                                {"Status", "attached"},
                                {"VolumeId", v.id}}}};
    if (root) {
      mappings.insert(mappings.begin(), std::move(mapping));
    } else {
      mappings.push_back(std::move(mapping));
    }
  }
  const int vcpus = Vcpus(in.type);
  nlohmann::json out = {
      {"InstanceId", in.id},
      {"ImageId", in.image_id},
      {"State", {{"Code", StateCode(in.state)}, {"Name", in.state}}},
      {"PrivateDnsName", in.state == "terminated" ? "" : private_dns},
      {"PublicDnsName", public_dns},
      {"StateTransitionReason", ""},
      {"AmiLaunchIndex", 0},
      {"ProductCodes", nlohmann::json::array()},
      {"InstanceType", in.type},
      {"LaunchTime", IsoTime(in.launch_time)},
      {"Placement",
       {{"AvailabilityZone", in.availability_zone}, {"GroupName", ""}, {"Tenancy", "default"}}},
      {"PlatformDetails", windows ? "Windows" : "Linux/UNIX"},
      {"UsageOperation", windows ? "RunInstances:0002" : "RunInstances"},
      {"UsageOperationUpdateTime", IsoTime(in.launch_time)},
      {"Monitoring", {{"State", "disabled"}}},
      {"Architecture", "x86_64"},
      {"RootDeviceType", "ebs"},
      {"RootDeviceName", root_device},
      {"BlockDeviceMappings", mappings},
      {"ClientToken", ""},
      {"EbsOptimized", true},
      {"EnaSupport", true},
      {"Hypervisor", "xen"},
      {"VirtualizationType", "hvm"},
      {"SourceDestCheck", true},
      {"CpuOptions", {{"CoreCount", vcpus / 2}, {"ThreadsPerCore", 2}}},
      {"CapacityReservationSpecification", {{"CapacityReservationPreference", "open"}}},
      {"HibernationOptions", {{"Configured", false}}},
      {"MetadataOptions",
       {{"State", "applied"},
        {"HttpTokens", in.image_id.back() < '8' ? "required" : "optional"},
        {"HttpPutResponseHopLimit", 2},
        {"HttpEndpoint", "enabled"},
        {"HttpProtocolIpv6", "disabled"},
        {"InstanceMetadataTags", "disabled"}}},
      {"EnclaveOptions", {{"Enabled", false}}},
      {"BootMode", windows ? "uefi" : "uefi-preferred"},
      {"PrivateDnsNameOptions",
       {{"HostnameType", "ip-name"},
        {"EnableResourceNameDnsARecord", false},
        {"EnableResourceNameDnsAAAARecord", false}}},
      {"MaintenanceOptions", {{"AutoRecovery", "default"}}},
      {"CurrentInstanceBootMode", windows ? "uefi" : "legacy-bios"}};
  if (windows) out["Platform"] = "windows";
  if (!in.key_name.empty()) out["KeyName"] = in.key_name;
  if (!in.tags.empty()) out["Tags"] = TagList(in.tags);
  if (in.state != "terminated") {
    out["SubnetId"] = in.subnet_id;
    out["VpcId"] = in.vpc_id;
    out["PrivateIpAddress"] = in.private_ip;
    out["SecurityGroups"] = {{{"GroupId", in.security_group_id}, {"GroupName", group_name}}};
    if (!in.iam_instance_profile_arn.empty()) {
      out["IamInstanceProfile"] = {{"Arn", in.iam_instance_profile_arn},
                                   {"Id", DerivedId(call, "AIPA", in.iam_instance_profile_arn)}};
    }
  } else {
    out["SecurityGroups"] = nlohmann::json::array();
  }
  if (!in.public_ip.empty()) out["PublicIpAddress"] = in.public_ip;
  if (in.state == "stopped") {
    out["StateTransitionReason"] =
        UserInitiated(StartOf(in.stopped_since) + std::chrono::hours(18));
    out["StateReason"] = {{"Code", "Client.UserInitiatedShutdown"},
                          {"Message", "Client.UserInitiatedShutdown: User initiated shutdown"}};
  } else if (in.state == "terminated") {
    out["StateTransitionReason"] = UserInitiated(StartOf(in.life.deleted) + std::chrono::hours(9));
    out["StateReason"] = {{"Code", "Client.UserInitiatedShutdown"},
                          {"Message", "Client.UserInitiatedShutdown: User initiated shutdown"}};
  }
  return out;
}

}  // namespace

Reply DescribeInstances(const ApiCall& call) {
  auto parsed = Ec2Filters::Parse(
      call, {"instance-state-name", "instance-state-code", "instance-id", "instance-type",
             "availability-zone", "vpc-id", "subnet-id", "image-id", "platform", "key-name",
             "private-ip-address", "ip-address", "iam-instance-profile.arn", "instance.group-id"});
  if (auto* error = std::get_if<Reply>(&parsed)) return *error;
  const auto& filters = std::get<Ec2Filters>(parsed);
  const Day today = call.today();
  auto instances = InstancesOn(call.world, call.account, call.region, today);
  // Instances terminated today are still listed, as "terminated".
  for (auto& in : InstancesOn(call.world, call.account, call.region, today - 1)) {
    if (in.life.deleted != today) continue;
    in.state = "terminated";
    in.public_ip.clear();
    instances.push_back(std::move(in));
  }
  const auto ids = StringList(call, "InstanceIds");
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (!id.starts_with("i-")) {
      return AwsError(400, "InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
    }
    if (std::none_of(instances.begin(), instances.end(),
                     [&](const Instance& in) { return in.id == id; })) {
      missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& id : missing) list += (list.empty() ? "" : ", ") + id;
    return AwsError(400, "InvalidInstanceID.NotFound",
                    missing.size() == 1 ? "The instance ID '" + list + "' does not exist"
                                        : "The instance IDs '" + list + "' do not exist");
  }
  const auto volumes = VolumesOn(call.world, call.account, call.region, today);
  nlohmann::json reservations = nlohmann::json::array();
  for (const auto& in : instances) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), in.id) == ids.end()) continue;
    if (!filters.Pass({{"instance-state-name", in.state},
                       {"instance-state-code", std::to_string(StateCode(in.state))},
                       {"instance-id", in.id},
                       {"instance-type", in.type},
                       {"availability-zone", in.availability_zone},
                       {"vpc-id", in.vpc_id},
                       {"subnet-id", in.subnet_id},
                       {"image-id", in.image_id},
                       {"platform", in.platform},
                       {"key-name", in.key_name},
                       {"private-ip-address", in.private_ip},
                       {"ip-address", in.public_ip},
                       {"iam-instance-profile.arn", in.iam_instance_profile_arn},
                       {"instance.group-id", in.security_group_id}},
                      in.tags)) {
      continue;
    }
    reservations.push_back({{"ReservationId", DerivedId(call, "r-", in.id)},
                            {"OwnerId", call.account.id},
                            {"Groups", nlohmann::json::array()},
                            {"Instances", {InstanceJson(call, in, volumes)}}});
  }
  return Ok({{"Reservations", reservations}});
}

}  // namespace view360::sim::resources
