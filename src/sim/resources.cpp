// The shared resource generators (resources.h).
//
// Every resource occupies a slot of its (kind, account, region). A slot's timeline, in absolute
// days, is cut into epochs of a per-slot length; each epoch holds one resource, created a few
// days after the epoch starts and deleted when it ends. Long-lived slots (epochs of years) give
// stable, ageing resources; short-lived ones (weeks) give churn, so the set on a day differs from
// the day before. A resource's attributes are drawn from Rng(seed, {kind, account, region}, key)
// where key names the slot and epoch, so the same resource looks the same on every day.
#include "sim/resources.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

namespace view360::sim {
namespace {

constexpr const char* kDepartments[] = {"Engineering", "Finance",      "Marketing",
                                        "Operations",  "Data Science", "Sales"};
constexpr const char* kInstanceTypes[] = {
    "t3.micro",   "t3.small",  "t3.medium",  "t3.large", "m5.large",  "m5.xlarge",  "m5.2xlarge",
    "m5.4xlarge", "c5.xlarge", "c5.2xlarge", "r5.large", "r5.xlarge", "t3.2xlarge", "m6i.large"};
constexpr const char* kRoles[] = {"web", "api", "worker", "batch", "cache", "bastion", "etl"};
constexpr const char* kFunctionWords[] = {"ingest", "resize-images", "billing-sync", "notify",
                                          "etl",    "cleanup",       "auth",         "webhook",
                                          "report", "scheduler"};
constexpr const char* kRuntimes[] = {"python3.12", "python3.11", "nodejs20.x",     "nodejs18.x",
                                     "java21",     "python3.9",  "provided.al2023"};
constexpr const char* kBucketPurposes[] = {"logs",           "assets",  "backups", "data-lake",
                                           "artifacts",      "uploads", "static",  "tf-state",
                                           "athena-results", "reports"};
constexpr const char* kDbClasses[] = {"db.t3.micro",  "db.t3.medium", "db.m5.large",
                                      "db.m5.xlarge", "db.r5.large",  "db.r5.2xlarge"};

// Epoch lengths in days: long-lived slots keep a resource for years, short-lived ones churn.
constexpr Day kLongEpochMin = 300, kLongEpochMax = 1500;
constexpr Day kShortEpochMin = 20, kShortEpochMax = 120;

// One resource of a slot: its key (distinct per slot and epoch) and its lifetime.
struct Occupant {
  int64_t key = 0;
  Lifetime life;
  int slot = 0;
};

// The resource in `slot` on `day`, if any. `short_share` of slots churn quickly.
std::optional<Occupant> OccupantOn(const World& world, std::string_view kind,
                                   const Account& account, std::string_view region, int slot,
                                   Day day, double short_share, Day long_max = kLongEpochMax) {
  Rng slot_rng(world.seed(), {kind, account.id, region, "slot"}, slot);
  const bool churns = slot_rng.Chance(short_share);
  const Day length = static_cast<Day>(churns ? slot_rng.Between(kShortEpochMin, kShortEpochMax)
                                             : slot_rng.Between(kLongEpochMin, long_max));
  const Day phase = static_cast<Day>(slot_rng.Between(0, length - 1));
  const int64_t epoch = (static_cast<int64_t>(day) + phase) / length;
  const Day start = static_cast<Day>(epoch * length - phase);
  const int64_t key = static_cast<int64_t>(slot) * 1000003 + epoch;
  Rng epoch_rng(world.seed(), {kind, account.id, region, "epoch"}, key);
  const Day gap = static_cast<Day>(epoch_rng.Between(0, std::max<Day>(1, length / 8)));
  Occupant occupant;
  occupant.key = key;
  occupant.slot = slot;
  occupant.life.created = std::max(start + gap, world.first_day());
  occupant.life.deleted = start + length > world.today() ? 0 : start + length;
  if (!occupant.life.ExistsOn(day)) return std::nullopt;
  return occupant;
}

// How many slots of a kind an account has in a region: [lo, hi] scaled by the account's size
// (some accounts are busy, some nearly empty) and by whether it is the home region.
int SlotCount(const World& world, const Account& account, std::string_view region,
              std::string_view kind, int lo, int hi) {
  Rng scale_rng(world.seed(), {"resource-scale", account.id});
  double scale = 0.3 + 1.1 * scale_rng.Uniform();
  if (account.index == 0) scale *= 0.4;
  if (!region.empty() && !account.regions.empty() && account.regions.front() != region) {
    scale *= 0.6;
  }
  Rng rng(world.seed(), {"resource-count", kind, account.id, region});
  const double n = static_cast<double>(rng.Between(lo, hi)) * scale;
  return std::clamp(static_cast<int>(std::lround(n)), lo, hi);
}

std::string TeamOf(const Account& account) {
  if (account.index == 0) return "platform";
  return account.name.substr(0, account.name.find('-'));
}

Clock::time_point At(Day day, Rng& rng) {
  return StartOf(day) + std::chrono::seconds(rng.Between(0, 86399));
}

// Name, Environment, Owner, CostCenter, Department; ~12% untagged, others partially tagged.
Tags MakeTags(Rng& rng, const Account& account, const std::string& name) {
  Tags tags;
  if (rng.Chance(0.12)) return tags;
  const std::string team = TeamOf(account);
  Rng team_rng(0, {"department", team});
  tags["Name"] = name;
  if (rng.Chance(0.9)) tags["Environment"] = account.environment;
  if (rng.Chance(0.8)) tags["Owner"] = team + "-team@example.com";
  if (rng.Chance(0.7)) tags["CostCenter"] = "CC-" + std::to_string(1000 + 10 * rng.Between(0, 40));
  if (rng.Chance(0.75)) {
    tags["Department"] = rng.Chance(0.8) ? team_rng.Pick(kDepartments) : rng.Pick(kDepartments);
  }
  if (rng.Chance(0.3)) tags["Project"] = account.product;
  return tags;
}

std::string Ip(int a, int64_t b, int64_t c, int64_t d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
         std::to_string(d);
}

bool Enabled(const World& world, const Account& account, std::string_view region) {
  return world.RegionEnabled(account, region);
}

// ---- Auto Scaling groups (instances refer to them, so they come first) -------------------------

struct AsgCore {
  Occupant occupant;
  std::string name;
};

std::vector<AsgCore> AsgCoresOn(const World& world, const Account& account, std::string_view region,
                                Day day) {
  std::vector<AsgCore> out;
  const int slots = SlotCount(world, account, region, "asg", 0, 3);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "asg", account, region, slot, day, 0, 3000);
    if (!occupant) continue;
    Rng rng(world.seed(), {"asg", account.id, region}, occupant->key);
    out.push_back(
        {*occupant, TeamOf(account) + "-" + rng.Pick(kRoles) + "-asg-" + std::to_string(slot + 1)});
  }
  return out;
}

// The instances on `day`, each with the key its attached volumes are drawn from.
std::vector<std::pair<int64_t, Instance>> KeyedInstancesOn(const World& world,
                                                           const Account& account,
                                                           std::string_view region, Day day) {
  std::vector<std::pair<int64_t, Instance>> out;
  if (!Enabled(world, account, region)) return out;
  const auto subnets = SubnetsOf(world, account, region);
  const auto asgs = AsgCoresOn(world, account, region, day);
  const int slots = SlotCount(world, account, region, "instance", 3, 25);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "instance", account, region, slot, day, 0.3);
    if (!occupant) continue;
    Rng rng(world.seed(), {"instance", account.id, region}, occupant->key);
    Instance in;
    in.life = occupant->life;
    in.id = "i-" + rng.Hex(17);
    in.type = rng.Pick(kInstanceTypes);
    const Subnet& subnet = rng.Pick(subnets);
    in.subnet_id = subnet.id;
    in.vpc_id = subnet.vpc_id;
    in.availability_zone = subnet.availability_zone;
    in.platform = rng.Chance(0.15) ? "windows" : "";
    in.image_id = "ami-" + rng.Hex(17);
    in.key_name = rng.Chance(0.7) ? TeamOf(account) + "-key" : "";
    in.security_group_id =
        "sg-" + Rng(world.seed(), {"sg", account.id, region}, rng.Between(0, 3)).Hex(17);
    if (rng.Chance(0.6)) {
      in.iam_instance_profile_arn =
          "arn:aws:iam::" + account.id + ":instance-profile/" + TeamOf(account) + "-ec2-profile";
    }
    in.managed_by_ssm = rng.Chance(0.7);
    // Network: an address inside the subnet's /24.
    const auto dot = subnet.cidr_block.rfind('.');
    in.private_ip = subnet.cidr_block.substr(0, dot) + "." + std::to_string(rng.Between(4, 250));
    const bool wants_public = subnet.map_public_ip && rng.Chance(0.7);
    const std::string public_ip =
        Ip(rng.Chance(0.5) ? 54 : 3, rng.Between(0, 255), rng.Between(0, 255), rng.Between(1, 254));
    // Utilisation profile: idle, oversized (a big type doing little) or busy.
    const bool big = in.type.find("2xlarge") != std::string::npos ||
                     in.type.find("4xlarge") != std::string::npos;
    if (rng.Chance(0.2)) {
      in.cpu_average = 0.3 + 4.2 * rng.Uniform();
    } else if (big && rng.Chance(0.5)) {
      in.cpu_average = 5 + 10 * rng.Uniform();
    } else {
      in.cpu_average = 15 + 60 * rng.Uniform();
    }
    // Auto Scaling membership: the group must exist; members live within its lifetime.
    const bool in_asg = !asgs.empty() && rng.Chance(0.3);
    const AsgCore* asg =
        in_asg ? &asgs[static_cast<size_t>(rng.Between(0, static_cast<int64_t>(asgs.size()) - 1))]
               : nullptr;
    // Some instances stop at some point of their life (and stay stopped).
    const bool stops = !asg && rng.Chance(0.3);
    const Day stop_day = in.life.created + static_cast<Day>(rng.Between(0, 200));
    const std::string name =
        TeamOf(account) + "-" + rng.Pick(kRoles) + "-" + std::to_string(slot + 1);
    in.tags = MakeTags(rng, account, name);
    if (asg) {
      in.life.created = std::max(in.life.created, asg->occupant.life.created);
      if (!in.life.ExistsOn(day)) continue;
      in.tags["aws:autoscaling:groupName"] = asg->name;
    }
    in.launch_time = At(in.life.created, rng);
    if (stops && day >= stop_day) {
      in.state = "stopped";
      in.stopped_since = stop_day;
    } else {
      in.state = "running";
      if (wants_public) in.public_ip = public_ip;
    }
    out.emplace_back(occupant->key, std::move(in));
  }
  return out;
}

struct DbClusterCore {
  DbCluster cluster;
  std::string member_class;
  double cpu_average = 0;
  std::string vpc_id, availability_zone;
};

std::vector<DbClusterCore> DbClusterCoresOn(const World& world, const Account& account,
                                            std::string_view region, Day day) {
  std::vector<DbClusterCore> out;
  if (!Enabled(world, account, region)) return out;
  const auto subnets = SubnetsOf(world, account, region);
  const int slots = SlotCount(world, account, region, "db-cluster", 0, 2);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "db-cluster", account, region, slot, day, 0.1);
    if (!occupant) continue;
    Rng rng(world.seed(), {"db-cluster", account.id, region}, occupant->key);
    DbClusterCore core;
    DbCluster& c = core.cluster;
    c.life = occupant->life;
    const bool postgres = rng.Chance(0.5);
    c.id = TeamOf(account) + "-aurora-" + std::to_string(slot + 1);
    c.arn = "arn:aws:rds:" + std::string(region) + ":" + account.id + ":cluster:" + c.id;
    c.engine = postgres ? "aurora-postgresql" : "aurora-mysql";
    c.engine_version = postgres ? "15.4" : "8.0.mysql_aurora.3.05.2";
    c.status = "available";
    const int members = static_cast<int>(rng.Between(1, 3));
    for (int k = 1; k <= members; ++k)
      c.member_ids.push_back(c.id + "-instance-" + std::to_string(k));
    c.encrypted = rng.Chance(0.8);
    c.multi_az = members > 1;
    c.backup_retention_days = static_cast<int>(rng.Pick(std::vector<int>{1, 7, 14, 35}));
    c.create_time = At(c.life.created, rng);
    c.tags = MakeTags(rng, account, c.id);
    core.member_class =
        rng.Pick(std::vector<std::string>{"db.r6g.large", "db.r6g.xlarge", "db.t4g.medium"});
    core.cpu_average = rng.Chance(0.2) ? 1 + 3 * rng.Uniform() : 10 + 50 * rng.Uniform();
    const Subnet& subnet = rng.Pick(subnets);
    core.vpc_id = subnet.vpc_id;
    core.availability_zone = subnet.availability_zone;
    out.push_back(std::move(core));
  }
  return out;
}

// Lambda's LastModified: "2024-05-06T07:08:09.123+0000".
std::string LambdaTime(Day day, Rng& rng) {
  std::string iso = IsoTime(At(day, rng));  // "...T07:08:09Z"
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03d", static_cast<int>(rng.Between(0, 999)));
  return iso.substr(0, iso.size() - 1) + millis + "+0000";
}

}  // namespace

// ---- Subnets ---------------------------------------------------------------------------------

std::vector<Subnet> SubnetsOf(const World& world, const Account& account, std::string_view region) {
  std::vector<Subnet> out;
  if (!Enabled(world, account, region)) return out;
  Rng rng(world.seed(), {"subnets", account.id, region});
  const int vpcs = rng.Chance(0.3) ? 2 : 1;
  const int count = static_cast<int>(rng.Between(2, 6));
  std::vector<std::string> vpc_ids;
  std::vector<int64_t> vpc_octets;
  for (int v = 0; v < vpcs; ++v) {
    vpc_ids.push_back("vpc-" + rng.Hex(17));
    vpc_octets.push_back(rng.Between(0, 255));
  }
  for (int i = 0; i < count; ++i) {
    Subnet s;
    const size_t v = static_cast<size_t>(i % vpcs);
    s.id = "subnet-" + rng.Hex(17);
    s.vpc_id = vpc_ids[v];
    s.availability_zone = std::string(region) + static_cast<char>('a' + i % 3);
    s.cidr_block = Ip(10, vpc_octets[v], i, 0) + "/24";
    s.map_public_ip = i % 2 == 0;
    s.available_ips = static_cast<int>(251 - rng.Between(0, 60));
    const std::string name = TeamOf(account) + "-" + (s.map_public_ip ? "public" : "private") +
                             "-" + s.availability_zone.substr(s.availability_zone.size() - 1);
    s.tags = {{"Name", name}};
    if (rng.Chance(0.7)) s.tags["Environment"] = account.environment;
    out.push_back(std::move(s));
  }
  return out;
}

// ---- EC2 -------------------------------------------------------------------------------------

std::vector<Instance> InstancesOn(const World& world, const Account& account,
                                  std::string_view region, Day day) {
  std::vector<Instance> out;
  for (auto& [key, instance] : KeyedInstancesOn(world, account, region, day)) {
    out.push_back(std::move(instance));
  }
  return out;
}

std::vector<Volume> VolumesOn(const World& world, const Account& account, std::string_view region,
                              Day day) {
  std::vector<Volume> out;
  for (const auto& [key, in] : KeyedInstancesOn(world, account, region, day)) {
    Rng rng(world.seed(), {"volume", account.id, region}, key);
    const bool windows = in.platform == "windows";
    Volume root;
    root.id = "vol-" + rng.Hex(17);
    root.type = rng.Chance(0.7) ? "gp3" : "gp2";
    root.size_gib = static_cast<int>(windows ? rng.Between(30, 100) : rng.Between(8, 100));
    root.encrypted = rng.Chance(0.75);
    root.state = "in-use";
    root.availability_zone = in.availability_zone;
    root.attached_instance_id = in.id;
    root.device_name = windows ? "/dev/sda1" : "/dev/xvda";
    root.create_time = in.launch_time;
    root.life = in.life;
    root.tags = in.tags;
    // A data volume on some instances, added some days after launch.
    const bool has_data = rng.Chance(0.3);
    Volume data = root;
    data.id = "vol-" + rng.Hex(17);
    data.type = rng.Pick(std::vector<std::string>{"gp3", "gp3", "io1", "st1"});
    data.size_gib = static_cast<int>(rng.Between(50, 1000));
    data.encrypted = rng.Chance(0.7);
    data.device_name = "/dev/sdf";
    data.life.created = in.life.created + static_cast<Day>(rng.Between(0, 30));
    data.create_time = At(data.life.created, rng);
    out.push_back(std::move(root));
    if (has_data && data.life.ExistsOn(day)) out.push_back(std::move(data));
  }
  // Unattached volumes: leftovers nobody deleted.
  const int slots = SlotCount(world, account, region, "loose-volume", 0, 5);
  for (int slot = 0; slot < slots && Enabled(world, account, region); ++slot) {
    auto occupant = OccupantOn(world, "loose-volume", account, region, slot, day, 0.4);
    if (!occupant) continue;
    Rng rng(world.seed(), {"loose-volume", account.id, region}, occupant->key);
    Volume v;
    v.life = occupant->life;
    v.id = "vol-" + rng.Hex(17);
    v.type = rng.Chance(0.5) ? "gp2" : "gp3";
    v.size_gib = static_cast<int>(rng.Between(10, 500));
    v.encrypted = rng.Chance(0.6);
    v.state = "available";
    v.availability_zone = std::string(region) + static_cast<char>('a' + rng.Between(0, 2));
    v.create_time = At(v.life.created, rng);
    v.tags = MakeTags(rng, account, TeamOf(account) + "-detached-" + std::to_string(slot + 1));
    out.push_back(std::move(v));
  }
  for (auto& v : out) {
    if (v.type == "gp3")
      v.iops = 3000;
    else if (v.type == "gp2")
      v.iops = std::clamp(3 * v.size_gib, 100, 16000);
    else if (v.type == "io1")
      v.iops = std::clamp(50 * v.size_gib, 100, 64000);
  }
  return out;
}

// ---- S3 --------------------------------------------------------------------------------------

std::vector<Bucket> BucketsOn(const World& world, const Account& account, Day day) {
  std::vector<Bucket> out;
  if (account.regions.empty()) return out;
  const int slots = SlotCount(world, account, "", "bucket", 3, 18);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "bucket", account, "", slot, day, 0.15);
    if (!occupant) continue;
    Rng rng(world.seed(), {"bucket", account.id}, occupant->key);
    Bucket b;
    b.life = occupant->life;
    b.region = rng.Pick(account.regions);
    b.name =
        TeamOf(account) + "-" + rng.Pick(kBucketPurposes) + "-" + account.id + "-" + rng.Hex(4);
    b.creation_date = At(b.life.created, rng);
    b.versioning = rng.Chance(0.5);
    b.encrypted = rng.Chance(0.85);
    b.public_read = rng.Chance(0.1);
    b.public_access_block = !b.public_read && rng.Chance(0.8);
    const bool empty = rng.Chance(0.1);
    const double base = std::exp(std::log(1e6) + (std::log(5e12) - std::log(1e6)) * rng.Uniform());
    const double growth = 0.01 * rng.Uniform();
    const double object_size = 5e3 + 5e7 * rng.Uniform() * rng.Uniform();
    b.tags = MakeTags(rng, account, b.name);
    if (!empty) {
      Rng noise(world.seed(), {"bucket-size", b.name}, day);
      b.size_bytes = std::floor(base * (1 + growth * (day - b.life.created)) *
                                (1 + 0.02 * (noise.Uniform() - 0.5)));
      b.object_count = std::max<int64_t>(1, std::llround(b.size_bytes / object_size));
    }
    out.push_back(std::move(b));
  }
  return out;
}

// ---- Lambda ----------------------------------------------------------------------------------

std::vector<Function> FunctionsOn(const World& world, const Account& account,
                                  std::string_view region, Day day) {
  std::vector<Function> out;
  if (!Enabled(world, account, region)) return out;
  const int slots = SlotCount(world, account, region, "function", 2, 20);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "function", account, region, slot, day, 0.2);
    if (!occupant) continue;
    Rng rng(world.seed(), {"function", account.id, region}, occupant->key);
    Function f;
    f.life = occupant->life;
    const std::string word = rng.Pick(kFunctionWords);
    f.name = TeamOf(account) + "-" + word + "-" + std::to_string(slot + 1);
    f.arn = "arn:aws:lambda:" + std::string(region) + ":" + account.id + ":function:" + f.name;
    f.runtime = rng.Pick(kRuntimes);
    if (f.runtime.starts_with("python"))
      f.handler = "app.handler";
    else if (f.runtime.starts_with("nodejs"))
      f.handler = "index.handler";
    else if (f.runtime.starts_with("java"))
      f.handler = "com.example.Handler::handleRequest";
    else
      f.handler = "bootstrap";
    f.role_arn = "arn:aws:iam::" + account.id + ":role/" + f.name + "-role";
    f.description = rng.Chance(0.7) ? word + " function of the " + TeamOf(account) + " team" : "";
    f.memory_mb = rng.Pick(std::vector<int>{128, 256, 512, 1024, 2048});
    f.timeout_s = rng.Pick(std::vector<int>{3, 15, 30, 60, 300, 900});
    f.code_size = rng.Between(2000, 50'000'000);
    f.invocations_per_day =
        rng.Chance(0.2) ? 0 : std::floor(std::exp(std::log(5) + std::log(4e5) * rng.Uniform()));
    const double error_kind = rng.Uniform();
    f.error_rate = error_kind < 0.7   ? 0.01 * rng.Uniform()
                   : error_kind < 0.9 ? 0.01 + 0.07 * rng.Uniform()
                                      : 0.1 + 0.3 * rng.Uniform();
    f.duration_ms = 20 + 3000 * rng.Uniform() * rng.Uniform();
    f.tags = MakeTags(rng, account, f.name);
    // Deployed every `interval` days: the last deployment on or before `day`.
    const Day interval = static_cast<Day>(rng.Between(5, 120));
    const Day deployed = f.life.created + (day - f.life.created) / interval * interval;
    Rng deploy_rng(world.seed(), {"function-deploy", account.id, region, f.name}, deployed);
    f.last_modified = LambdaTime(deployed, deploy_rng);
    out.push_back(std::move(f));
  }
  return out;
}

// ---- RDS -------------------------------------------------------------------------------------

std::vector<DbInstance> DbInstancesOn(const World& world, const Account& account,
                                      std::string_view region, Day day) {
  std::vector<DbInstance> out;
  if (!Enabled(world, account, region)) return out;
  const auto subnets = SubnetsOf(world, account, region);
  const int slots = SlotCount(world, account, region, "db-instance", 0, 5);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "db-instance", account, region, slot, day, 0.15);
    if (!occupant) continue;
    Rng rng(world.seed(), {"db-instance", account.id, region}, occupant->key);
    DbInstance d;
    d.life = occupant->life;
    const int engine = static_cast<int>(rng.Between(0, 2));
    d.engine = engine == 0 ? "postgres" : engine == 1 ? "mysql" : "mariadb";
    d.engine_version = engine == 0   ? rng.Pick(std::vector<std::string>{"16.3", "15.7", "14.12"})
                       : engine == 1 ? rng.Pick(std::vector<std::string>{"8.0.36", "8.0.35"})
                                     : "10.11.8";
    d.id = TeamOf(account) + "-" + d.engine + "-" + std::to_string(slot + 1);
    d.arn = "arn:aws:rds:" + std::string(region) + ":" + account.id + ":db:" + d.id;
    d.instance_class = rng.Pick(kDbClasses);
    d.status = rng.Chance(0.1) ? "stopped" : "available";
    d.allocated_gib = static_cast<int>(rng.Between(20, 1000));
    d.multi_az = rng.Chance(0.35);
    d.encrypted = rng.Chance(0.75);
    d.publicly_accessible = rng.Chance(0.1);
    d.backup_retention_days = rng.Pick(std::vector<int>{0, 1, 7, 7, 14, 35});
    d.create_time = At(d.life.created, rng);
    d.cpu_average = rng.Chance(0.2) ? 1 + 3 * rng.Uniform() : 10 + 60 * rng.Uniform();
    const Subnet& subnet = rng.Pick(subnets);
    d.vpc_id = subnet.vpc_id;
    d.availability_zone = subnet.availability_zone;
    d.subnet_group = TeamOf(account) + "-db-subnets";
    d.tags = MakeTags(rng, account, d.id);
    out.push_back(std::move(d));
  }
  for (const auto& core : DbClusterCoresOn(world, account, region, day)) {
    const DbCluster& c = core.cluster;
    for (size_t k = 0; k < c.member_ids.size(); ++k) {
      DbInstance d;
      d.life = c.life;
      d.id = c.member_ids[k];
      d.arn = "arn:aws:rds:" + std::string(region) + ":" + account.id + ":db:" + d.id;
      d.cluster_id = c.id;
      d.instance_class = core.member_class;
      d.engine = c.engine;
      d.engine_version = c.engine_version;
      d.status = c.status;
      d.allocated_gib = 1;  // Aurora reports 1; storage belongs to the cluster.
      d.encrypted = c.encrypted;
      d.backup_retention_days = c.backup_retention_days;
      d.create_time = c.create_time + std::chrono::minutes(5 * (k + 1));
      d.cpu_average = core.cpu_average;
      d.vpc_id = core.vpc_id;
      d.availability_zone = core.availability_zone;
      d.subnet_group = TeamOf(account) + "-db-subnets";
      d.tags = c.tags;
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::vector<DbCluster> DbClustersOn(const World& world, const Account& account,
                                    std::string_view region, Day day) {
  std::vector<DbCluster> out;
  for (auto& core : DbClusterCoresOn(world, account, region, day)) {
    out.push_back(std::move(core.cluster));
  }
  return out;
}

// ---- ELBv2 and Auto Scaling ------------------------------------------------------------------

std::vector<LoadBalancer> LoadBalancersOn(const World& world, const Account& account,
                                          std::string_view region, Day day) {
  std::vector<LoadBalancer> out;
  if (!Enabled(world, account, region)) return out;
  const auto subnets = SubnetsOf(world, account, region);
  const int slots = SlotCount(world, account, region, "load-balancer", 0, 4);
  for (int slot = 0; slot < slots; ++slot) {
    auto occupant = OccupantOn(world, "load-balancer", account, region, slot, day, 0.2);
    if (!occupant) continue;
    Rng rng(world.seed(), {"load-balancer", account.id, region}, occupant->key);
    LoadBalancer lb;
    lb.life = occupant->life;
    const bool network = rng.Chance(0.25);
    lb.type = network ? "network" : "application";
    lb.scheme = rng.Chance(0.6) ? "internet-facing" : "internal";
    lb.state = "active";
    lb.name = TeamOf(account) + "-" + rng.Pick(kRoles) + (network ? "-nlb-" : "-alb-") +
              std::to_string(slot + 1);
    lb.arn = "arn:aws:elasticloadbalancing:" + std::string(region) + ":" + account.id +
             ":loadbalancer/" + (network ? "net/" : "app/") + lb.name + "/" + rng.Hex(16);
    lb.dns_name = (lb.scheme == "internal" ? "internal-" : "") + lb.name + "-" +
                  std::to_string(rng.Between(100000000, 2000000000)) + "." + std::string(region) +
                  ".elb.amazonaws.com";
    lb.vpc_id = subnets.front().vpc_id;
    for (const auto& subnet : subnets) {
      if (subnet.vpc_id == lb.vpc_id &&
          std::find(lb.availability_zones.begin(), lb.availability_zones.end(),
                    subnet.availability_zone) == lb.availability_zones.end()) {
        lb.availability_zones.push_back(subnet.availability_zone);
      }
    }
    lb.created_time = At(lb.life.created, rng);
    out.push_back(std::move(lb));
  }
  return out;
}

std::vector<AutoScalingGroup> AutoScalingGroupsOn(const World& world, const Account& account,
                                                  std::string_view region, Day day) {
  std::vector<AutoScalingGroup> out;
  if (!Enabled(world, account, region)) return out;
  const auto instances = InstancesOn(world, account, region, day);
  const auto subnets = SubnetsOf(world, account, region);
  for (const auto& core : AsgCoresOn(world, account, region, day)) {
    Rng rng(world.seed(), {"asg-detail", account.id, region}, core.occupant.key);
    AutoScalingGroup g;
    g.life = core.occupant.life;
    g.name = core.name;
    g.arn = "arn:aws:autoscaling:" + std::string(region) + ":" + account.id +
            ":autoScalingGroup:" + rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" +
            rng.Hex(4) + "-" + rng.Hex(12) + ":autoScalingGroupName/" + g.name;
    g.launch_template = "lt-" + rng.Hex(17);
    for (const auto& in : instances) {
      auto tag = in.tags.find("aws:autoscaling:groupName");
      if (tag != in.tags.end() && tag->second == g.name) g.instance_ids.push_back(in.id);
    }
    const int members = static_cast<int>(g.instance_ids.size());
    g.min_size = members > 0 ? 1 : 0;
    g.desired = members;
    g.max_size = std::max(members, 2) + static_cast<int>(rng.Between(0, 6));
    for (const auto& subnet : subnets) {
      if (std::find(g.availability_zones.begin(), g.availability_zones.end(),
                    subnet.availability_zone) == g.availability_zones.end()) {
        g.availability_zones.push_back(subnet.availability_zone);
      }
    }
    g.created_time = At(g.life.created, rng);
    g.tags = MakeTags(rng, account, g.name);
    out.push_back(std::move(g));
  }
  return out;
}

nlohmann::json TagList(const Tags& tags) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, value] : tags) list.push_back({{"Key", key}, {"Value", value}});
  return list;
}

}  // namespace view360::sim
