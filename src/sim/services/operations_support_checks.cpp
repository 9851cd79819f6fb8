// Trusted Advisor: the check catalogue (real check ids, names, categories and metadata columns)
// and each check's result for an account, computed from the resources of resources.h on the
// day the check last refreshed, so a flagged instance is a real instance of the account.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "sim/resources.h"
#include "sim/services/operations_internal.h"

namespace view360::sim::ops {
namespace {

// A flagged resource before it is written out.
struct Flag {
  std::string status;  // "warning" | "error".
  std::string region;  // "" for global resources.
  std::string key;     // Stable identity, hashed into the opaque resourceId.
  std::vector<std::string> metadata;
};

struct Scan {
  const World& world;
  const Account& account;
  Day day;  // The refresh day: resources as they were then.
};

struct ScanResult {
  int64_t processed = 0;
  std::vector<Flag> flagged;
  double savings = 0;  // Estimated monthly savings (cost checks).
};

using Scanner = std::function<void(const Scan&, ScanResult&)>;

std::string Money(double amount) {
  char text[32];
  std::snprintf(text, sizeof text, "$%.2f", amount);
  return text;
}

std::string Fixed(double value, const char* suffix) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%s", value, suffix);
  return text;
}

std::string NameTag(const Tags& tags) {
  auto it = tags.find("Name");
  return it == tags.end() ? "" : it->second;
}

std::string RegionName(std::string_view region) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"us-east-1", "US East (N. Virginia)"},
      {"us-east-2", "US East (Ohio)"},
      {"us-west-1", "US West (N. California)"},
      {"us-west-2", "US West (Oregon)"},
      {"eu-west-1", "EU (Ireland)"},
      {"eu-west-2", "EU (London)"},
      {"eu-central-1", "EU (Frankfurt)"},
      {"ap-southeast-1", "Asia Pacific (Singapore)"},
      {"ap-southeast-2", "Asia Pacific (Sydney)"},
      {"ap-northeast-1", "Asia Pacific (Tokyo)"},
      {"ca-central-1", "Canada (Central)"}};
  auto it = kNames.find(region);
  return it == kNames.end() ? std::string(region) : it->second;
}

// On-demand Linux price per hour, by size (m5 rates; families scale it).
double HourlyPrice(std::string_view type) {
  const auto dot = type.find('.');
  const std::string_view family = type.substr(0, dot);
  const std::string_view size = dot == std::string_view::npos ? "" : type.substr(dot + 1);
  double price = 0.096;  // large
  if (size == "nano") price = 0.006;
  if (size == "micro") price = 0.012;
  if (size == "small") price = 0.024;
  if (size == "medium") price = 0.048;
  if (size == "xlarge") price = 0.192;
  if (size == "2xlarge") price = 0.384;
  if (size == "4xlarge") price = 0.768;
  if (size == "8xlarge") price = 1.536;
  if (family.starts_with("t")) price *= 0.87;
  if (family.starts_with("c")) price *= 0.89;
  if (family.starts_with("r")) price *= 1.31;
  if (family.starts_with("db")) price *= 1.8;
  return price;
}

constexpr double kHoursPerMonth = 730;

// "Day N" columns of the EC2 utilisation checks: CPU and network around the average.
void DailyColumns(Rng& rng, double cpu_average, int days, std::vector<std::string>& row) {
  for (int d = 0; d < days; ++d) {
    const double cpu = std::max(0.1, cpu_average * (0.6 + 0.8 * rng.Uniform()));
    char text[48];
    std::snprintf(text, sizeof text, "%.1f%%  %.2fMB", cpu, 0.5 * rng.Uniform());
    row.push_back(text);
  }
}

// Each account-region and each day sees the same resources whichever check looks.
template <typename Visit>
void ForEachRegion(const Scan& scan, Visit visit) {
  for (const auto& region : scan.account.regions) visit(region);
}

// ---- Scanners
// ------------------------------------------------------------------------------------

void LowUtilizationInstances(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& i : InstancesOn(s.world, s.account, region, s.day)) {
      if (i.state != "running") continue;
      ++r.processed;
      if (i.cpu_average >= 10) continue;
      Rng rng(s.world.seed(), {"ta-days", i.id}, s.day);
      const double savings = HourlyPrice(i.type) * kHoursPerMonth;
      r.savings += savings;
      std::vector<std::string> row = {i.availability_zone, i.id, NameTag(i.tags), i.type,
                                      Money(savings)};
      DailyColumns(rng, i.cpu_average, 14, row);
      row.push_back(Fixed(i.cpu_average, "%"));
      row.push_back(Fixed(0.05 + 0.3 * rng.Uniform(), "MB"));
      row.push_back(std::to_string(rng.Between(4, 14)) + " days");
      r.flagged.push_back({"warning", region, i.id, row});
    }
  });
}

void UnderutilizedVolumes(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& v : VolumesOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      if (!v.attached_instance_id.empty()) continue;
      const double per_gib = v.type == "gp3"   ? 0.08
                             : v.type == "io1" ? 0.125
                             : v.type == "st1" ? 0.045
                                               : 0.10;
      const double cost = per_gib * v.size_gib;
      r.savings += cost;
      r.flagged.push_back({"warning",
                           region,
                           v.id,
                           {region, v.id, NameTag(v.tags), v.type, std::to_string(v.size_gib),
                            Money(cost), "", "", ""}});
    }
  });
}

void IdleDbInstances(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& d : DbInstancesOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      if (d.cpu_average >= 2) continue;
      Rng rng(s.world.seed(), {"ta-idle-db", d.id});
      const double savings =
          HourlyPrice(d.instance_class.substr(3)) * 1.8 * kHoursPerMonth * (d.multi_az ? 2 : 1);
      r.savings += savings;
      r.flagged.push_back(
          {"warning",
           region,
           d.id,
           {region, d.id, d.multi_az ? "true" : "false", d.instance_class,
            std::to_string(d.allocated_gib), std::to_string(rng.Between(7, 14)), Money(savings)}});
    }
  });
}

void IdleLoadBalancers(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& lb : LoadBalancersOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      Rng rng(s.world.seed(), {"ta-idle-lb", lb.arn});
      if (!rng.Chance(0.2)) continue;
      const double savings = 0.0225 * kHoursPerMonth;
      r.savings += savings;
      r.flagged.push_back(
          {"warning",
           region,
           lb.arn,
           {region, lb.name, rng.Chance(0.5) ? "Low request count" : "No active back-end instances",
            Money(savings)}});
    }
  });
}

void UnassociatedElasticIps(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    Rng rng(s.world.seed(), {"ta-eip", s.account.id, region});
    const int total = static_cast<int>(rng.Between(1, 6));
    r.processed += total;
    const int idle = rng.Chance(0.6) ? 0 : static_cast<int>(rng.Between(1, 2));
    for (int i = 0; i < idle; ++i) {
      const std::string ip =
          std::to_string(rng.Between(3, 54)) + "." + std::to_string(rng.Between(0, 255)) + "." +
          std::to_string(rng.Between(0, 255)) + "." + std::to_string(rng.Between(1, 254));
      r.savings += 3.65;
      r.flagged.push_back({"warning", region, ip, {region, ip}});
    }
  });
}

void UnrestrictedPorts(const Scan& s, ScanResult& r) {
  static constexpr const char* kYellowPorts[] = {"20,21", "1433", "3306", "5432"};
  ForEachRegion(s, [&](const std::string& region) {
    std::map<std::string, std::string> groups;  // Id -> a name.
    for (const auto& i : InstancesOn(s.world, s.account, region, s.day)) {
      if (!i.security_group_id.empty()) groups.emplace(i.security_group_id, NameTag(i.tags));
    }
    for (const auto& [id, name] : groups) {
      ++r.processed;
      Rng rng(s.world.seed(), {"ta-sg", id});
      if (!rng.Chance(0.25)) continue;
      const bool red = rng.Chance(0.4);
      r.flagged.push_back({red ? "error" : "warning",
                           region,
                           id,
                           {region, name.empty() ? "default" : name + "-sg", id, "tcp",
                            red ? "Red" : "Yellow", red ? "3389" : rng.Pick(kYellowPorts)}});
    }
  });
}

void BucketPermissions(const Scan& s, ScanResult& r) {
  for (const auto& b : BucketsOn(s.world, s.account, s.day)) {
    ++r.processed;
    if (!b.public_read && b.public_access_block) continue;
    const bool red = b.public_read;
    r.flagged.push_back({red ? "error" : "warning",
                         b.region,
                         b.name,
                         {RegionName(b.region), b.region, b.name, red ? "Yes" : "No", "No",
                          red ? "Red" : "Yellow", red ? "Yes" : "No", ""}});
  }
}

void PasswordPolicy(const Scan& s, ScanResult& r) {
  r.processed = 1;
  Rng rng(s.world.seed(), {"ta-password", s.account.id});
  if (!rng.Chance(0.4)) return;
  const bool none = rng.Chance(0.3);
  r.flagged.push_back({none ? "error" : "warning",
                       "",
                       s.account.id + "/password-policy",
                       {none ? "Disabled" : "Enabled", none ? "" : "Enabled", none ? "" : "Enabled",
                        none ? "" : "Enabled", none ? "" : "Disabled", none ? "Red" : "Yellow",
                        none ? "Password policy is not enabled"
                             : "Password policy does not require non-alphanumeric characters"}});
}

void CloudTrailLogging(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    ++r.processed;
    Rng rng(s.world.seed(), {"ta-trail", s.account.id, region});
    if (!rng.Chance(0.1)) return;
    r.flagged.push_back({"error",
                         region,
                         s.account.id + "/" + region + "/trail",
                         {region, "", "Not enabled", "", "", "Red"}});
  });
}

void AccessKeyRotation(const Scan& s, ScanResult& r) {
  Rng rng(s.world.seed(), {"ta-access-keys", s.account.id});
  const int users = static_cast<int>(rng.Between(2, 12));
  r.processed = users;
  for (int u = 0; u < users; ++u) {
    Rng key(s.world.seed(), {"ta-access-key", s.account.id}, u);
    if (!key.Chance(0.2)) continue;
    const int age = static_cast<int>(key.Between(91, 900));
    const bool red = age > 730;
    const std::string id = "AKIA" + key.Alnum(16);
    r.flagged.push_back({red ? "error" : "warning",
                         "",
                         id,
                         {red ? "Red" : "Yellow", "svc-" + key.Hex(6), id, FormatDay(s.day - age),
                          red ? "Key has not been rotated in more than 2 years"
                              : "Key has not been rotated in the last 90 days"}});
  }
}

void DeprecatedLambdaRuntimes(const Scan& s, ScanResult& r) {
  // Runtime deprecation dates: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
  static const std::map<std::string, std::string, std::less<>> kDeprecated = {
      {"nodejs18.x", "2025-09-01"}, {"python3.9", "2025-12-15"}};
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& f : FunctionsOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      auto it = kDeprecated.find(f.runtime);
      if (it == kDeprecated.end()) continue;
      const int left = *ParseDay(it->second) - s.day;
      const bool red = left <= 0;
      r.flagged.push_back(
          {red ? "error" : "warning",
           region,
           f.arn,
           {red ? "Red" : "Yellow", region, f.arn, f.runtime, std::to_string(std::max(0, left)),
            it->second, std::to_string(static_cast<int64_t>(f.invocations_per_day)),
            f.last_modified}});
    }
  });
}

void EbsSnapshots(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& v : VolumesOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      Rng rng(s.world.seed(), {"ta-snapshot", v.id});
      if (!rng.Chance(0.3)) continue;
      const bool none = rng.Chance(0.5);
      const std::string snapshot = none ? "" : "snap-" + rng.Hex(17);
      r.flagged.push_back(
          {none ? "error" : "warning",
           region,
           v.id,
           {region, v.id, NameTag(v.tags), snapshot, "",
            none ? "" : std::to_string(rng.Between(8, 60)),
            v.attached_instance_id.empty() ? "" : v.attached_instance_id, none ? "Red" : "Yellow",
            none ? "No snapshot" : "Most recent snapshot is older than 7 days"}});
    }
  });
}

void RdsMultiAz(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& d : DbInstancesOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      if (d.multi_az) continue;
      r.flagged.push_back(
          {"warning",
           region,
           d.id,
           {region, d.id, "vpc-" + Rng(s.world.seed(), {"ta-vpc", d.id}).Hex(17), "No", "Yellow"}});
    }
  });
}

void RdsBackups(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& d : DbInstancesOn(s.world, s.account, region, s.day)) {
      ++r.processed;
      if (d.backup_retention_days > 0) continue;
      r.flagged.push_back({"error",
                           region,
                           d.id,
                           {d.availability_zone, d.id,
                            "vpc-" + Rng(s.world.seed(), {"ta-vpc", d.id}).Hex(17), "0", "Red"}});
    }
  });
}

void BucketVersioning(const Scan& s, ScanResult& r) {
  for (const auto& b : BucketsOn(s.world, s.account, s.day)) {
    ++r.processed;
    if (b.versioning) continue;
    r.flagged.push_back(
        {"warning", b.region, b.name, {b.region, b.name, "Not enabled", "Not enabled", "Yellow"}});
  }
}

void AzBalance(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    std::map<char, int> zones;
    for (const auto& i : InstancesOn(s.world, s.account, region, s.day)) {
      if (i.state == "running" && !i.availability_zone.empty()) {
        ++zones[i.availability_zone.back()];
      }
    }
    if (zones.empty()) return;
    ++r.processed;
    if (zones.size() > 1) return;
    std::vector<std::string> row = {region};
    for (char z = 'a'; z <= 'f'; ++z) row.push_back(std::to_string(zones[z]));
    row.push_back("Yellow");
    row.push_back("All running instances are in one Availability Zone");
    r.flagged.push_back({"warning", region, s.account.id + "/" + region + "/az-balance", row});
  });
}

void HighUtilizationInstances(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    for (const auto& i : InstancesOn(s.world, s.account, region, s.day)) {
      if (i.state != "running") continue;
      ++r.processed;
      if (i.cpu_average < 70) continue;
      Rng rng(s.world.seed(), {"ta-days", i.id}, s.day);
      std::vector<std::string> row = {i.availability_zone, i.id, NameTag(i.tags), i.type};
      DailyColumns(rng, std::min(99.0, i.cpu_average * 1.25), 14, row);
      row.push_back(std::to_string(rng.Between(4, 14)));
      r.flagged.push_back({"warning", region, i.id, row});
    }
  });
}

void OnDemandLimit(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    ++r.processed;
    int vcpus = 0;
    for (const auto& i : InstancesOn(s.world, s.account, region, s.day)) {
      if (i.state != "running") continue;
      const auto& t = i.type;
      vcpus += t.ends_with("4xlarge")   ? 16
               : t.ends_with("2xlarge") ? 8
               : t.ends_with(".xlarge") ? 4
                                        : 2;
    }
    const int limit =
        Rng(s.world.seed(), {"ta-vcpu-limit", s.account.id, region}).Chance(0.7) ? 32 : 64;
    if (vcpus * 5 < limit * 4) return;  // Trusted Advisor flags usage at 80% of the limit.
    const bool red = vcpus >= limit;
    r.flagged.push_back(
        {red ? "error" : "warning",
         region,
         s.account.id + "/" + region + "/vcpu",
         {region, "EC2", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances",
          std::to_string(limit), std::to_string(vcpus), red ? "Red" : "Yellow"}});
  });
}

void AutoScalingGroupsLimit(const Scan& s, ScanResult& r) {
  ForEachRegion(s, [&](const std::string& region) {
    ++r.processed;
    (void)AutoScalingGroupsOn(s.world, s.account, region, s.day);  // Far below the 500 limit.
  });
}

constexpr const char* kStatusColumns[] = {"Region",       "Service",       "Limit Name",
                                          "Limit Amount", "Current Usage", "Status"};

struct Entry {
  TrustedAdvisorCheck check;
  Scanner scan;
};

std::vector<const char*> DayColumns(std::vector<const char*> head, std::vector<const char*> tail) {
  static constexpr const char* kDays[] = {"Day 1",  "Day 2",  "Day 3",  "Day 4", "Day 5",
                                          "Day 6",  "Day 7",  "Day 8",  "Day 9", "Day 10",
                                          "Day 11", "Day 12", "Day 13", "Day 14"};
  head.insert(head.end(), std::begin(kDays), std::end(kDays));
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

const std::vector<Entry>& Catalogue() {
  static const auto* entries = new std::vector<Entry>{
      {{"Qch7DwouX1", "Low Utilization Amazon EC2 Instances", "cost_optimizing",
        "Checks the Amazon Elastic Compute Cloud (Amazon EC2) instances that were running at any "
        "time during the last 14 days and alerts you if the daily CPU utilization was 10% or less "
        "and network I/O was 5 MB or less on 4 or more days.<br><br><b>Alert Criteria</b><br>"
        "Yellow: An instance had 10% or less daily average CPU utilization and 5 MB or less "
        "network I/O on at least 4 of the previous 14 days.<br><br><b>Recommended Action</b><br>"
        "Consider stopping or terminating instances that have low utilization, or scale the "
        "number of instances by using Auto Scaling.",
        DayColumns({"Region/AZ", "Instance ID", "Instance Name", "Instance Type",
                    "Estimated Monthly Savings"},
                   {"14-Day Average CPU Utilization", "14-Day Average Network I/O",
                    "Number of Days Low Utilization"})},
       LowUtilizationInstances},
      {{"DAvU99Dc4C",
        "Underutilized Amazon EBS Volumes",
        "cost_optimizing",
        "Checks Amazon Elastic Block Store (Amazon EBS) volume configurations and warns when "
        "volumes appear to be underused.<br><br><b>Alert Criteria</b><br>Yellow: A volume is "
        "unattached or had less than 1 IOPS per day for the past 7 days.<br><br><b>Recommended "
        "Action</b><br>Consider creating a snapshot and deleting the volume to reduce costs.",
        {"Region", "Volume ID", "Volume Name", "Volume Type", "Volume Size", "Monthly Storage Cost",
         "Snapshot ID", "Snapshot Name", "Snapshot Age"}},
       UnderutilizedVolumes},
      {{"Ti39halfu8",
        "Amazon RDS Idle DB Instances",
        "cost_optimizing",
        "Checks the configuration of your Amazon Relational Database Service (Amazon RDS) for any "
        "DB instances that appear to be idle.<br><br><b>Alert Criteria</b><br>Yellow: An active "
        "DB instance has not had a connection in the last 7 days.<br><br><b>Recommended "
        "Action</b><br>Consider taking a snapshot of the idle DB instance and then either "
        "stopping it or deleting it.",
        {"Region", "DB Instance Name", "Multi-AZ", "Instance Type", "Storage Provisioned (GB)",
         "Days Since Last Connection", "Estimated Monthly Savings (On Demand)"}},
       IdleDbInstances},
      {{"hjLMh88uM8",
        "Idle Load Balancers",
        "cost_optimizing",
        "Checks your Elastic Load Balancing configuration for load balancers that are not "
        "actively used.<br><br><b>Alert Criteria</b><br>Yellow: A load balancer has no active "
        "back-end instances, or had fewer than 100 requests per day for the last 7 days.<br><br>"
        "<b>Recommended Action</b><br>If the load balancer is not needed, delete it.",
        {"Region", "Load Balancer Name", "Reason", "Estimated Monthly Savings"}},
       IdleLoadBalancers},
      {{"Z4AUBRNSmz",
        "Unassociated Elastic IP Addresses",
        "cost_optimizing",
        "Checks for Elastic IP addresses (EIPs) that are not associated with a running Amazon "
        "EC2 instance.<br><br><b>Alert Criteria</b><br>Yellow: An allocated Elastic IP address "
        "is not associated with a running instance.<br><br><b>Recommended Action</b><br>"
        "Associate the EIP with a running instance, or release it.",
        {"Region", "IP Address"}},
       UnassociatedElasticIps},
      {{"HCP4007jGY",
        "Security Groups - Specific Ports Unrestricted",
        "security",
        "Checks security groups for rules that allow unrestricted access (0.0.0.0/0) to specific "
        "ports.<br><br><b>Alert Criteria</b><br>Yellow: Access to port 20, 21, 1433, 1434, 3306, "
        "3389, 4333, 5432, or 5500 is unrestricted.<br>Red: Access to port 23, 135, 139, 445 or "
        "3389 is unrestricted.<br><br><b>Recommended Action</b><br>Restrict access to only those "
        "IP addresses that require it.",
        {"Region", "Security Group Name", "Security Group ID", "Protocol", "Status", "Ports"}},
       UnrestrictedPorts},
      {{"Pfx0RwqBli",
        "Amazon S3 Bucket Permissions",
        "security",
        "Checks buckets in Amazon Simple Storage Service (Amazon S3) that have open access "
        "permissions, or that allow access to any authenticated AWS user.<br><br><b>Alert "
        "Criteria</b><br>Yellow: The bucket ACL allows List access for Everyone.<br>Red: The "
        "bucket ACL or policy allows Upload/Delete or read access for Everyone.<br><br>"
        "<b>Recommended Action</b><br>If a bucket allows open access, determine if open access is "
        "truly needed.",
        {"Region Name", "Region API Parameter", "Bucket Name", "ACL Allows List",
         "ACL Allows Upload/Delete", "Status", "Policy Allows Access", "Ignored Bucket Name"}},
       BucketPermissions},
      {{"Yw2K9puPzl",
        "IAM Password Policy",
        "security",
        "Checks the password policy for your account and warns when a password policy is not "
        "enabled, or if password content requirements have not been enabled.<br><br><b>Alert "
        "Criteria</b><br>Yellow: A password policy is enabled, but at least one content "
        "requirement is not enabled.<br>Red: A password policy is not enabled.<br><br>"
        "<b>Recommended Action</b><br>Enable a password policy with all content requirements.",
        {"Password Policy", "Uppercase", "Lowercase", "Number", "Non-alphanumeric", "Status",
         "Reason"}},
       PasswordPolicy},
      {{"vjafUGJ9H0",
        "AWS CloudTrail Logging",
        "security",
        "Checks for your use of AWS CloudTrail.<br><br><b>Alert Criteria</b><br>Yellow: "
        "CloudTrail reports log delivery errors for a trail.<br>Red: A trail has not been "
        "created for a region, or logging is turned off.<br><br><b>Recommended Action</b><br>"
        "Create a trail and start logging from the console.",
        {"Region", "Trail Name", "Logging Status", "Bucket Name", "Last Delivery Error", "Status"}},
       CloudTrailLogging},
      {{"DqdJqYeRm5",
        "IAM Access Key Rotation",
        "security",
        "Checks for active IAM access keys that have not been rotated in the last 90 days."
        "<br><br><b>Alert Criteria</b><br>Yellow: The key has not been rotated in the last 90 "
        "days.<br>Red: The key has not been rotated in the last 2 years.<br><br><b>Recommended "
        "Action</b><br>Rotate access keys on a regular basis.",
        {"Status", "IAM User", "Access Key", "Key Last Rotated", "Reason"}},
       AccessKeyRotation},
      {{"L4dfs2Q4C5",
        "AWS Lambda Functions Using Deprecated Runtimes",
        "security",
        "Checks for Lambda functions whose runtime is approaching deprecation or is deprecated."
        "<br><br><b>Alert Criteria</b><br>Red: The function is using a deprecated runtime.<br>"
        "Yellow: The function is using a runtime that will be deprecated within 180 days.<br><br>"
        "<b>Recommended Action</b><br>Migrate your functions to a supported runtime.",
        {"Status", "Region", "Function ARN", "Runtime", "Days to Deprecation", "Deprecation Date",
         "Average Daily Invokes", "Last Updated Time"}},
       DeprecatedLambdaRuntimes},
      {{"H7IgTzjTYb",
        "Amazon EBS Snapshots",
        "fault_tolerance",
        "Checks the age of the snapshots for your Amazon Elastic Block Store (Amazon EBS) "
        "volumes.<br><br><b>Alert Criteria</b><br>Yellow: The most recent volume snapshot is "
        "between 7 and 30 days old.<br>Red: The most recent volume snapshot is more than 30 days "
        "old, or the volume does not have a snapshot.<br><br><b>Recommended Action</b><br>Create "
        "weekly or monthly snapshots of your volumes.",
        {"Region", "Volume ID", "Volume Name", "Snapshot ID", "Snapshot Name", "Snapshot Age",
         "Volume Attachment", "Status", "Reason"}},
       EbsSnapshots},
      {{"f2iK5R6Dep",
        "Amazon RDS Multi-AZ",
        "fault_tolerance",
        "Checks for DB instances that are deployed in a single Availability Zone.<br><br><b>Alert "
        "Criteria</b><br>Yellow: A DB instance is deployed in a single Availability Zone.<br><br>"
        "<b>Recommended Action</b><br>If your application requires high availability, modify "
        "your DB instance to enable Multi-AZ deployment.",
        {"Region", "DB Instance", "VPC ID", "Multi-AZ", "Status"}},
       RdsMultiAz},
      {{"opQPADkZvH",
        "Amazon RDS Backups",
        "fault_tolerance",
        "Checks for automated backups of Amazon RDS DB instances.<br><br><b>Alert Criteria</b>"
        "<br>Red: A DB instance has the backup retention period set to 0 days.<br><br>"
        "<b>Recommended Action</b><br>Set the retention period for the automated DB instance "
        "backup to 1 to 35 days.",
        {"Region/AZ", "DB Instance", "VPC ID", "Backup Retention Period", "Status"}},
       RdsBackups},
      {{"R365s2Qddf",
        "Amazon S3 Bucket Versioning",
        "fault_tolerance",
        "Checks for Amazon S3 buckets that do not have versioning enabled, or have versioning "
        "suspended.<br><br><b>Alert Criteria</b><br>Yellow: Versioning is not enabled, or is "
        "suspended.<br><br><b>Recommended Action</b><br>Enable bucket versioning on most buckets "
        "to prevent accidental deletion or overwriting.",
        {"Region", "Bucket Name", "Versioning", "MFA Delete Enabled", "Status"}},
       BucketVersioning},
      {{"wuy7G1zxql",
        "Amazon EC2 Availability Zone Balance",
        "fault_tolerance",
        "Checks the distribution of Amazon EC2 instances across Availability Zones in a region."
        "<br><br><b>Alert Criteria</b><br>Yellow: The region has instances in multiple zones, "
        "but the distribution is uneven, or all instances are in one zone.<br><br><b>Recommended "
        "Action</b><br>Balance your instances across multiple Availability Zones.",
        {"Region", "Zone a", "Zone b", "Zone c", "Zone d", "Zone e", "Zone f", "Status", "Reason"}},
       AzBalance},
      {{"ZRxQlPsb6c", "High Utilization Amazon EC2 Instances", "performance",
        "Checks the Amazon EC2 instances that were running at any time during the last 14 days "
        "and alerts you if the daily CPU utilization was more than 90% on 4 or more days.<br><br>"
        "<b>Alert Criteria</b><br>Yellow: An instance had more than 90% daily average CPU "
        "utilization on at least 4 of the previous 14 days.<br><br><b>Recommended Action</b><br>"
        "Consider adding more instances by using Auto Scaling, or a larger instance type.",
        DayColumns({"Region/AZ", "Instance ID", "Instance Name", "Instance Type"},
                   {"Number of Days over 90% CPU Utilization"})},
       HighUtilizationInstances},
      {{"0Xc6LMYG8P",
        "EC2 On-Demand Instances",
        "service_limits",
        "Checks for usage that is more than 80% of the EC2 On-Demand Instances Limit.<br><br>"
        "<b>Alert Criteria</b><br>Yellow: 80% of limit reached.<br>Red: 100% of limit reached."
        "<br><br><b>Recommended Action</b><br>If you anticipate exceeding a service limit, "
        "request an increase directly from the Service Quotas console.",
        {std::begin(kStatusColumns), std::end(kStatusColumns)}},
       OnDemandLimit},
      {{"fW7HH0l7J9",
        "Auto Scaling Groups",
        "service_limits",
        "Checks for usage that is more than 80% of the Auto Scaling Groups limit.<br><br><b>Alert "
        "Criteria</b><br>Yellow: 80% of limit reached.<br>Red: 100% of limit reached.<br><br>"
        "<b>Recommended Action</b><br>Request a limit increase if needed.",
        {std::begin(kStatusColumns), std::end(kStatusColumns)}},
       AutoScalingGroupsLimit},
  };
  return *entries;
}

const Entry* FindEntry(std::string_view id) {
  for (const auto& e : Catalogue()) {
    if (id == e.check.id) return &e;
  }
  return nullptr;
}

// Trusted Advisor's flagged resource ids: opaque URL-safe base64 strings.
std::string OpaqueId(const World& world, std::string_view check, std::string_view key) {
  static constexpr char kChars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  Rng rng(world.seed(), {"ta-resource", check, key});
  std::string out(43, 'A');
  for (auto& c : out) c = kChars[rng.Next() % 64];
  return out;
}

// Share of checks that could not refresh for an account ("not_available").
constexpr double kNotAvailableShare = 0.03;

}  // namespace

const std::vector<TrustedAdvisorCheck>& TrustedAdvisorChecks() {
  static const auto* checks = [] {
    auto* out = new std::vector<TrustedAdvisorCheck>;
    for (const auto& e : Catalogue()) out->push_back(e.check);
    return out;
  }();
  return *checks;
}

const TrustedAdvisorCheck* FindTrustedAdvisorCheck(std::string_view id) {
  const Entry* e = FindEntry(id);
  return e ? &e->check : nullptr;
}

nlohmann::json TrustedAdvisorResult(const World& world, const Account& account,
                                    const TrustedAdvisorCheck& check) {
  const Entry* entry = FindEntry(check.id);
  Rng rng(world.seed(), {"ta-refresh", account.id, check.id});
  // Most checks refreshed yesterday; some today before 06:00, a few up to ten days ago.
  const double u = rng.Uniform();
  const Day day = u < 0.55   ? world.today() - 1
                  : u < 0.75 ? world.today()
                             : world.today() - static_cast<Day>(rng.Between(2, 10));
  const auto refreshed = MomentOn(day, rng, 0, day == world.today() ? 6 : 24);
  ScanResult scan;
  std::string status = "ok";
  if (rng.Chance(kNotAvailableShare)) {
    status = "not_available";
  } else {
    entry->scan(Scan{world, account, day}, scan);
    for (const auto& f : scan.flagged) {
      if (f.status == "error") status = "error";
      if (f.status == "warning" && status == "ok") status = "warning";
    }
  }
  nlohmann::json flagged = nlohmann::json::array();
  for (const auto& f : scan.flagged) {
    nlohmann::json r = {{"status", f.status},
                        {"resourceId", OpaqueId(world, check.id, f.key)},
                        {"isSuppressed", false},
                        {"metadata", f.metadata}};
    if (!f.region.empty()) r["region"] = f.region;
    flagged.push_back(std::move(r));
  }
  nlohmann::json summary = nlohmann::json::object();
  if (std::string_view(check.category) == "cost_optimizing") {
    // Against a rough monthly bill of the account's resources.
    const double bill = 800 + 120 * static_cast<double>(scan.processed) + scan.savings;
    summary["costOptimizing"] = {
        {"estimatedMonthlySavings", std::round(scan.savings * 100) / 100},
        {"estimatedPercentMonthlySavings", std::round(scan.savings / bill * 10000) / 10000}};
  }
  return {{"checkId", check.id},
          {"timestamp", IsoTime(refreshed)},
          {"status", status},
          {"resourcesSummary",
           {{"resourcesProcessed", scan.processed},
            {"resourcesFlagged", static_cast<int64_t>(scan.flagged.size())},
            {"resourcesIgnored", 0},
            {"resourcesSuppressed", 0}}},
          {"categorySpecificSummary", summary},
          {"flaggedResources", flagged}};
}

}  // namespace view360::sim::ops
