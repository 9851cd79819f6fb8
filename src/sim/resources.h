// The resources of a simulated account and region, shared by every service that shows them:
// EC2 (instances, volumes, subnets), RDS, S3, ELBv2, Auto Scaling, Lambda, and, through the
// same ids, SSM, Compute Optimizer, CloudWatch, WAF associations, Config evaluations and
// Security Hub findings. One generator per type, so every service sees the same resources.
//
// Resources churn: each has a creation day and maybe a deletion day, so the set `on` a given day
// differs from the day before (history means something). Generated on demand from the seed;
// nothing is stored. Only enabled regions have resources; S3 buckets are account-wide (each with
// its own region).
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "sim/world.h"

namespace view360::sim {

using Tags = std::map<std::string, std::string>;

struct Lifetime {
  Day created = 0;
  Day deleted =
      0;  // 0 = still there. Exists on day d iff created <= d and (!deleted or d < deleted).
  bool ExistsOn(Day day) const { return created <= day && (deleted == 0 || day < deleted); }
};

struct Subnet {
  std::string id, vpc_id, availability_zone, cidr_block;
  int available_ips = 0;
  bool map_public_ip = false;
  Tags tags;
};

struct Instance {
  std::string id, type, state, availability_zone, subnet_id, vpc_id, private_ip, public_ip;
  std::string image_id, platform;  // platform: "" (Linux/UNIX) or "windows".
  std::string key_name, security_group_id;
  std::string iam_instance_profile_arn;  // "" when the instance has no profile.
  Clock::time_point launch_time;
  Day stopped_since = 0;  // The day a stopped instance stopped; 0 while running.
  Lifetime life;
  double cpu_average = 0;  // Percent, what CloudWatch reports for CPUUtilization.
  bool managed_by_ssm = false;
  Tags tags;
};

struct Volume {
  std::string id, type, state, availability_zone, attached_instance_id;
  std::string device_name;  // Where it is attached ("/dev/xvda"); "" when available.
  int size_gib = 0, iops = 0;
  bool encrypted = false;
  Clock::time_point create_time;
  Lifetime life;
  Tags tags;
};

struct Bucket {
  std::string name, region;
  Clock::time_point creation_date;
  bool versioning = false, encrypted = false, public_read = false, public_access_block = true;
  double size_bytes = 0;
  int64_t object_count = 0;
  Lifetime life;
  Tags tags;
};

struct Function {
  std::string name, arn, runtime, handler, role_arn, last_modified;  // last_modified as Lambda
                                                                     // writes it (…+0000).
  std::string description;
  int memory_mb = 128, timeout_s = 3;
  int64_t code_size = 0;
  double invocations_per_day = 0;
  double error_rate = 0;   // Share of invocations that fail, [0, 1].
  double duration_ms = 0;  // Average duration.
  Lifetime life;
  Tags tags;
};

struct DbInstance {
  std::string id, arn, instance_class, engine, engine_version, status, availability_zone;
  std::string cluster_id;  // "" when standalone.
  std::string vpc_id, subnet_group;
  int allocated_gib = 0;
  bool multi_az = false, encrypted = false, publicly_accessible = false;
  int backup_retention_days = 7;
  Clock::time_point create_time;
  double cpu_average = 0;
  Lifetime life;
  Tags tags;
};

struct DbCluster {
  std::string id, arn, engine, engine_version, status;
  std::vector<std::string> member_ids;
  bool encrypted = false, multi_az = false;
  int backup_retention_days = 7;
  Clock::time_point create_time;
  Lifetime life;
  Tags tags;
};

struct LoadBalancer {
  std::string name, arn, dns_name, type, scheme, state, vpc_id;
  std::vector<std::string> availability_zones;
  Clock::time_point created_time;
  Lifetime life;
};

struct AutoScalingGroup {
  std::string name, arn, launch_template;
  int min_size = 0, max_size = 0, desired = 0;
  std::vector<std::string> instance_ids, availability_zones;
  Clock::time_point created_time;
  Lifetime life;
  Tags tags;
};

// Each returns the resources that exist on `day`, in a stable order. Empty for a region the
// account has not enabled.
std::vector<Subnet> SubnetsOf(const World& world, const Account& account, std::string_view region);
std::vector<Instance> InstancesOn(const World& world, const Account& account,
                                  std::string_view region, Day day);
std::vector<Volume> VolumesOn(const World& world, const Account& account, std::string_view region,
                              Day day);
// Every bucket of the account (all regions).
std::vector<Bucket> BucketsOn(const World& world, const Account& account, Day day);
std::vector<Function> FunctionsOn(const World& world, const Account& account,
                                  std::string_view region, Day day);
std::vector<DbInstance> DbInstancesOn(const World& world, const Account& account,
                                      std::string_view region, Day day);
std::vector<DbCluster> DbClustersOn(const World& world, const Account& account,
                                    std::string_view region, Day day);
std::vector<LoadBalancer> LoadBalancersOn(const World& world, const Account& account,
                                          std::string_view region, Day day);
std::vector<AutoScalingGroup> AutoScalingGroupsOn(const World& world, const Account& account,
                                                  std::string_view region, Day day);

// The account's standard tags as AWS lists them: [{"Key": ..., "Value": ...}].
nlohmann::json TagList(const Tags& tags);

}  // namespace view360::sim
