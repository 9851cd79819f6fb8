// Simulated EC2 DescribeVolumes and DescribeSnapshots: the EBS volumes of the call's account and
// region today, and the snapshots a share of them get on a daily or weekly schedule (the last
// few kept), so the snapshot list moves day by day.
#include <algorithm>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

struct Snapshot {
  std::string id, volume_id, description;
  Clock::time_point start;
  int size_gib = 0;
  bool encrypted = false;
  Tags tags;
};

// Snapshots of `volumes` that exist on `today`: ~40% of volumes are backed up every day or
// week, keeping the last 3 to 7.
std::vector<Snapshot> SnapshotsOf(const ApiCall& call, const std::vector<Volume>& volumes) {
  std::vector<Snapshot> out;
  const Day today = call.today();
  for (const auto& v : volumes) {
    Rng policy(call.world.seed(), {"snapshot-policy", call.account.id, call.region, v.id});
    if (!policy.Chance(0.4)) continue;
    const Day interval = policy.Chance(0.5) ? 1 : 7;
    const int keep = static_cast<int>(policy.Between(3, 7));
    const bool backup = policy.Chance(0.5);
    const Day last = today / interval * interval;
    for (int k = keep - 1; k >= 0; --k) {
      const Day day = last - k * interval;
      if (day < v.life.created || day < call.world.first_day()) continue;
      Rng rng(call.world.seed(), {"snapshot", call.account.id, call.region, v.id}, day);
      Snapshot s;
      s.id = "snap-" + rng.Hex(17);
      s.volume_id = v.id;
      s.start = StartOf(day) + std::chrono::hours(2) + std::chrono::seconds(rng.Between(0, 7199));
      s.size_gib = v.size_gib;
      s.encrypted = v.encrypted;
      s.description = backup ? "This snapshot is created by the AWS Backup service."
                             : "Created by CreateImage/DLM policy for " + v.id;
      if (auto name = v.tags.find("Name"); name != v.tags.end()) s.tags["Name"] = name->second;
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

Reply DescribeVolumes(const ApiCall& call) {
  auto parsed = Ec2Filters::Parse(
      call, {"status", "volume-id", "volume-type", "availability-zone", "encrypted", "size",
             "attachment.instance-id", "attachment.status", "attachment.device"});
  if (auto* error = std::get_if<Reply>(&parsed)) return *error;
  const auto& filters = std::get<Ec2Filters>(parsed);
  const auto volumes = VolumesOn(call.world, call.account, call.region, call.today());
  const auto ids = StringList(call, "VolumeIds");
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (std::none_of(volumes.begin(), volumes.end(), [&](const Volume& v) { return v.id == id; })) {
      missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    return AwsError(400, "InvalidVolume.NotFound",
                    "The volume '" + Joined(missing) + "' does not exist.");
  }
  const std::string key_arn = ManagedKeyArn(call, "ebs");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : volumes) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), v.id) == ids.end()) continue;
    const bool attached = !v.attached_instance_id.empty();
    if (!filters.Pass({{"status", v.state},
                       {"volume-id", v.id},
                       {"volume-type", v.type},
                       {"availability-zone", v.availability_zone},
                       {"encrypted", v.encrypted ? "true" : "false"},
                       {"size", std::to_string(v.size_gib)},
                       {"attachment.instance-id", v.attached_instance_id},
                       {"attachment.status", attached ? "attached" : ""},
                       {"attachment.device", v.device_name}},
                      v.tags)) {
      continue;
    }
    nlohmann::json attachments = nlohmann::json::array();
    if (attached) {
      attachments.push_back({{"AttachTime", IsoTime(v.create_time)},
                             {"Device", v.device_name},
                             {"InstanceId", v.attached_instance_id},
                             {"State", "attached"},
                             {"VolumeId", v.id},
                             {"DeleteOnTermination", v.device_name != "/dev/sdf"}});
    }
    nlohmann::json volume = {
        {"VolumeId", v.id},           {"Size", v.size_gib},
        {"SnapshotId", ""},           {"AvailabilityZone", v.availability_zone},
        {"State", v.state},           {"CreateTime", IsoTime(v.create_time)},
        {"Attachments", attachments}, {"Encrypted", v.encrypted},
        {"VolumeType", v.type},       {"MultiAttachEnabled", false}};
    if (v.iops > 0) volume["Iops"] = v.iops;
    if (v.type == "gp3") volume["Throughput"] = 125;
    if (v.encrypted) volume["KmsKeyId"] = key_arn;
    if (!v.tags.empty()) volume["Tags"] = TagList(v.tags);
    out.push_back(std::move(volume));
  }
  return Ok({{"Volumes", out}});
}

Reply DescribeSnapshots(const ApiCall& call) {
  auto parsed = Ec2Filters::Parse(call, {"snapshot-id", "volume-id", "status", "owner-id",
                                         "encrypted", "start-time", "volume-size"});
  if (auto* error = std::get_if<Reply>(&parsed)) return *error;
  const auto& filters = std::get<Ec2Filters>(parsed);
  // Only the caller's own snapshots exist here: other owners ("amazon", ...) have none to show.
  const auto owners = StringList(call, "OwnerIds");
  const bool own = owners.empty() || std::any_of(owners.begin(), owners.end(), [&](auto& owner) {
                     return owner == "self" || owner == call.account.id;
                   });
  const auto snapshots =
      own ? SnapshotsOf(call, VolumesOn(call.world, call.account, call.region, call.today()))
          : std::vector<Snapshot>{};
  const auto ids = StringList(call, "SnapshotIds");
  std::vector<std::string> missing;
  for (const auto& id : ids) {
    if (std::none_of(snapshots.begin(), snapshots.end(),
                     [&](const Snapshot& s) { return s.id == id; })) {
      missing.push_back(id);
    }
  }
  if (!missing.empty()) {
    return AwsError(400, "InvalidSnapshot.NotFound",
                    "The snapshot '" + Joined(missing) + "' does not exist.");
  }
  const std::string key_arn = ManagedKeyArn(call, "ebs");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : snapshots) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), s.id) == ids.end()) continue;
    if (!filters.Pass({{"snapshot-id", s.id},
                       {"volume-id", s.volume_id},
                       {"status", "completed"},
                       {"owner-id", call.account.id},
                       {"encrypted", s.encrypted ? "true" : "false"},
                       {"start-time", IsoTime(s.start)},
                       {"volume-size", std::to_string(s.size_gib)}},
                      s.tags)) {
      continue;
    }
    nlohmann::json snapshot = {
        {"SnapshotId", s.id},
        {"VolumeId", s.volume_id},
        {"State", "completed"},
        {"StartTime", IsoTime(s.start)},
        {"CompletionTime", IsoTime(s.start + std::chrono::minutes(4 + s.size_gib / 40))},
        {"Progress", "100%"},
        {"OwnerId", call.account.id},
        {"Description", s.description},
        {"VolumeSize", s.size_gib},
        {"Encrypted", s.encrypted},
        {"StorageTier", "standard"}};
    if (s.encrypted) snapshot["KmsKeyId"] = key_arn;
    if (!s.tags.empty()) snapshot["Tags"] = TagList(s.tags);
    out.push_back(std::move(snapshot));
  }
  return Ok({{"Snapshots", out}});
}

}  // namespace view360::sim::resources
