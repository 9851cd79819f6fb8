// AWS Config's model of an account and region: which managed rules and conformance packs are
// deployed, and each rule's current evaluation of the resources of resources.h.
//
// Change-triggered rules record a result when their resource last changed (or when the rule was
// deployed, if later), so results fall on many different days, denser near today; periodic
// account-level rules are re-evaluated every day, so their latest result is from yesterday.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "sim/resources.h"
#include "sim/services/operations_internal.h"

namespace view360::sim::ops {
namespace {

// What a rule evaluates.
enum class Subject {
  kAccount,
  kBucket,
  kVolume,
  kInstance,
  kSecurityGroup,
  kDbInstance,
  kFunction,
  kLoadBalancer,
  kAutoScalingGroup,
  kCount
};

// Facts of a resource that decide some rules.
enum Fact : uint32_t {
  kNone = 0,
  kEncrypted = 1u << 0,
  kVersioned = 1u << 1,
  kPublicRead = 1u << 2,
  kPublicAccessBlock = 1u << 3,
  kAttached = 1u << 4,
  kSsmManaged = 1u << 5,
  kPublicIp = 1u << 6,
  kMultiAz = 1u << 7,
  kPubliclyAccessible = 1u << 8,
  kBackups = 1u << 9,
};

struct RuleSpec {
  const char* name;  // The managed rule's usual name.
  Subject subject;
  bool periodic;          // Evaluated every 24 hours rather than on configuration changes.
  uint32_t fact;          // kNone: compliance drawn with violation_share.
  bool compliant_if_set;  // With a fact: compliant when the fact holds.
  double violation_share;
  const char* annotation;  // Why a resource is NON_COMPLIANT.
};

// AWS managed rules
// (https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html).
constexpr RuleSpec kRules[] = {
    {"s3-bucket-server-side-encryption-enabled", Subject::kBucket, false, kEncrypted, true, 0,
     "The S3 bucket does not have server-side encryption enabled."},
    {"s3-bucket-public-read-prohibited", Subject::kBucket, false, kPublicRead, false, 0,
     "The S3 bucket policy or ACL allows public read access."},
    {"s3-bucket-versioning-enabled", Subject::kBucket, false, kVersioned, true, 0,
     "Versioning is not enabled for the S3 bucket."},
    {"s3-bucket-level-public-access-prohibited", Subject::kBucket, false, kPublicAccessBlock, true,
     0, "Block Public Access is not configured for the S3 bucket."},
    {"encrypted-volumes", Subject::kVolume, false, kEncrypted, true, 0,
     "The EBS volume is not encrypted."},
    {"ec2-volume-inuse-check", Subject::kVolume, false, kAttached, true, 0,
     "The EBS volume is not attached to an EC2 instance."},
    {"ec2-instance-managed-by-systems-manager", Subject::kInstance, false, kSsmManaged, true, 0,
     "The EC2 instance is not managed by AWS Systems Manager."},
    {"ec2-instance-no-public-ip", Subject::kInstance, false, kPublicIp, false, 0,
     "The EC2 instance has a public IP address."},
    {"restricted-ssh", Subject::kSecurityGroup, false, kNone, true, 0.2,
     "The security group allows unrestricted incoming SSH traffic (0.0.0.0/0 on port 22)."},
    {"rds-storage-encrypted", Subject::kDbInstance, false, kEncrypted, true, 0,
     "Storage encryption is not enabled for the RDS DB instance."},
    {"rds-multi-az-support", Subject::kDbInstance, false, kMultiAz, true, 0,
     "The RDS DB instance is not configured for Multi-AZ deployment."},
    {"rds-instance-public-access-check", Subject::kDbInstance, false, kPubliclyAccessible, false, 0,
     "The RDS DB instance is publicly accessible."},
    {"db-instance-backup-enabled", Subject::kDbInstance, false, kBackups, true, 0,
     "Automated backups are not enabled for the RDS DB instance."},
    {"lambda-function-public-access-prohibited", Subject::kFunction, false, kNone, true, 0.05,
     "The Lambda function policy allows public access."},
    {"lambda-inside-vpc", Subject::kFunction, false, kNone, true, 0.55,
     "The Lambda function is not configured to run in a VPC."},
    {"elb-deletion-protection-enabled", Subject::kLoadBalancer, false, kNone, true, 0.5,
     "Deletion protection is not enabled for the load balancer."},
    {"autoscaling-group-elb-healthcheck-required", Subject::kAutoScalingGroup, false, kNone, true,
     0.3, "The Auto Scaling group does not use Elastic Load Balancing health checks."},
    {"iam-password-policy", Subject::kAccount, true, kNone, true, 0.4,
     "The account password policy does not meet the specified requirements."},
    {"root-account-mfa-enabled", Subject::kAccount, true, kNone, true, 0.1,
     "MFA is not enabled for the root user."},
    {"cloudtrail-enabled", Subject::kAccount, true, kNone, true, 0.05,
     "No AWS CloudTrail trail is logging in this account."},
    {"guardduty-enabled-centralized", Subject::kAccount, true, kNone, true, 0.2,
     "Amazon GuardDuty is not enabled in this region."},
    {"securityhub-enabled", Subject::kAccount, true, kNone, true, 0.15,
     "AWS Security Hub is not enabled in this region."},
};

constexpr const char* kResourceTypes[] = {"AWS::::Account",
                                          "AWS::S3::Bucket",
                                          "AWS::EC2::Volume",
                                          "AWS::EC2::Instance",
                                          "AWS::EC2::SecurityGroup",
                                          "AWS::RDS::DBInstance",
                                          "AWS::Lambda::Function",
                                          "AWS::ElasticLoadBalancingV2::LoadBalancer",
                                          "AWS::AutoScaling::AutoScalingGroup"};
static_assert(std::size(kResourceTypes) == static_cast<size_t>(Subject::kCount));

struct PackSpec {
  const char* name;  // The sample template's name.
  std::vector<const char*> rules;
};

// Conformance packs built from AWS's sample templates, reduced to rules of the catalogue.
const std::vector<PackSpec>& Packs() {
  static const auto* packs = new std::vector<PackSpec>{
      {"Operational-Best-Practices-for-CIS-AWS-v1.4-Level1",
       {"iam-password-policy", "root-account-mfa-enabled", "cloudtrail-enabled", "restricted-ssh",
        "s3-bucket-level-public-access-prohibited", "encrypted-volumes"}},
      {"Operational-Best-Practices-for-Amazon-S3",
       {"s3-bucket-server-side-encryption-enabled", "s3-bucket-public-read-prohibited",
        "s3-bucket-versioning-enabled", "s3-bucket-level-public-access-prohibited"}},
      {"Operational-Best-Practices-for-EC2",
       {"ec2-instance-managed-by-systems-manager", "ec2-instance-no-public-ip", "encrypted-volumes",
        "ec2-volume-inuse-check", "restricted-ssh"}},
      {"Operational-Best-Practices-for-Amazon-RDS",
       {"rds-storage-encrypted", "rds-multi-az-support", "rds-instance-public-access-check",
        "db-instance-backup-enabled"}},
      {"Operational-Best-Practices-for-Serverless",
       {"lambda-function-public-access-prohibited", "lambda-inside-vpc"}},
  };
  return *packs;
}

int SpecIndex(std::string_view name) {
  for (size_t i = 0; i < std::size(kRules); ++i) {
    if (name == kRules[i].name) return static_cast<int>(i);
  }
  return -1;
}

std::string Lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Mean age in days of a resource's last configuration change.
constexpr double kChangeMeanAgeDays = 15;

}  // namespace

// ---- Setup
// ---------------------------------------------------------------------------------------

bool ConfigEnabled(const World& world, const Account& account, std::string_view region) {
  if (!world.RegionEnabled(account, region)) return false;
  // The management account records everywhere (it usually hosts the delegated Config setup).
  if (account.index == 0) return true;
  if (Rng(world.seed(), {"config-account", account.id}).Chance(0.1)) {
    return false;
  }
  const bool home = !account.regions.empty() && account.regions.front() == region;
  return home || !Rng(world.seed(), {"config-region", account.id, region}).Chance(0.15);
}

const ConfigRule* ConfigSetup::FindRule(std::string_view name) const {
  for (const auto& rule : rules) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

const ConformancePack* ConfigSetup::FindPack(std::string_view name) const {
  for (const auto& pack : packs) {
    if (pack.name == name) return &pack;
  }
  return nullptr;
}

ConfigSetup ConfigSetupOf(const World& world, const Account& account, std::string_view region) {
  ConfigSetup setup;
  if (!ConfigEnabled(world, account, region)) return setup;
  const Day first = std::max(world.first_day(), DayOf(account.joined));
  const Day last = world.today() - 1;
  for (size_t i = 0; i < std::size(kRules); ++i) {
    Rng rng(world.seed(), {"config-rule", account.id, region}, static_cast<int64_t>(i));
    if (!rng.Chance(0.5)) continue;
    setup.rules.push_back(
        {kRules[i].name, static_cast<int>(i), "", static_cast<Day>(rng.Between(first, last))});
  }
  const auto& packs = Packs();
  Rng pick(world.seed(), {"config-packs", account.id, region});
  const size_t always =
      static_cast<size_t>(pick.Between(0, static_cast<int64_t>(packs.size()) - 1));
  for (size_t p = 0; p < packs.size(); ++p) {
    Rng rng(world.seed(), {"config-pack", account.id, region}, static_cast<int64_t>(p));
    if (p != always && !rng.Chance(0.45)) continue;
    const Day created = static_cast<Day>(rng.Between(first, last));
    const std::string suffix = Lower(rng.Alnum(8));
    ConformancePack pack;
    pack.name = packs[p].name;
    pack.id = "conformance-pack-" + Lower(rng.Alnum(9));
    pack.arn = "arn:aws:config:" + std::string(region) + ":" + account.id + ":conformance-pack/" +
               pack.name + "/" + pack.id;
    pack.created = MomentOn(created, rng);
    pack.parameters = rng.Chance(0.5);
    for (const char* base : packs[p].rules) {
      const std::string name = std::string(base) + "-conformance-pack-" + suffix;
      pack.rule_names.push_back(name);
      setup.rules.push_back({name, SpecIndex(base), pack.name, created});
    }
    setup.packs.push_back(std::move(pack));
  }
  return setup;
}

// ---- Evaluation
// ----------------------------------------------------------------------------------

// A resource as Config records it.
struct ConfigItem {
  std::string id;
  Day created = 0;
  uint32_t facts = 0;
};

struct ConfigEvaluator::Items {
  std::array<std::optional<std::vector<ConfigItem>>, static_cast<size_t>(Subject::kCount)> by;
};

ConfigEvaluator::ConfigEvaluator(const World& world, const Account& account, std::string region)
    : world_(world), account_(account), region_(std::move(region)), items_(new Items) {}

ConfigEvaluator::~ConfigEvaluator() = default;

namespace {

uint32_t If(bool condition, Fact fact) { return condition ? fact : kNone; }

std::vector<ConfigItem> Collect(const World& world, const Account& account,
                                const std::string& region, Subject subject) {
  const Day today = world.today();
  std::vector<ConfigItem> out;
  switch (subject) {
    case Subject::kAccount:
      out.push_back({account.id, std::max(world.first_day(), DayOf(account.joined)), kNone});
      break;
    case Subject::kBucket:
      for (const auto& b : BucketsOn(world, account, today)) {
        if (b.region != region) continue;
        out.push_back({b.name, b.life.created,
                       If(b.encrypted, kEncrypted) | If(b.versioning, kVersioned) |
                           If(b.public_read, kPublicRead) |
                           If(b.public_access_block, kPublicAccessBlock)});
      }
      break;
    case Subject::kVolume:
      for (const auto& v : VolumesOn(world, account, region, today)) {
        out.push_back(
            {v.id, v.life.created,
             If(v.encrypted, kEncrypted) | If(!v.attached_instance_id.empty(), kAttached)});
      }
      break;
    case Subject::kInstance:
      for (const auto& i : InstancesOn(world, account, region, today)) {
        out.push_back({i.id, i.life.created,
                       If(i.managed_by_ssm, kSsmManaged) | If(!i.public_ip.empty(), kPublicIp)});
      }
      break;
    case Subject::kSecurityGroup: {
      std::map<std::string, Day> groups;  // Id -> the first instance's creation.
      for (const auto& i : InstancesOn(world, account, region, today)) {
        if (i.security_group_id.empty()) continue;
        auto [it, added] = groups.emplace(i.security_group_id, i.life.created);
        if (!added) it->second = std::min(it->second, i.life.created);
      }
      for (const auto& [id, created] : groups) out.push_back({id, created, kNone});
      break;
    }
    case Subject::kDbInstance:
      for (const auto& d : DbInstancesOn(world, account, region, today)) {
        out.push_back({d.id, d.life.created,
                       If(d.encrypted, kEncrypted) | If(d.multi_az, kMultiAz) |
                           If(d.publicly_accessible, kPubliclyAccessible) |
                           If(d.backup_retention_days > 0, kBackups)});
      }
      break;
    case Subject::kFunction:
      for (const auto& f : FunctionsOn(world, account, region, today)) {
        out.push_back({f.name, f.life.created, kNone});
      }
      break;
    case Subject::kLoadBalancer:
      for (const auto& lb : LoadBalancersOn(world, account, region, today)) {
        out.push_back({lb.arn, lb.life.created, kNone});
      }
      break;
    case Subject::kAutoScalingGroup:
      for (const auto& g : AutoScalingGroupsOn(world, account, region, today)) {
        out.push_back({g.name, g.life.created, kNone});
      }
      break;
    case Subject::kCount:
      break;
  }
  return out;
}

}  // namespace

std::vector<Evaluation> ConfigEvaluator::Evaluate(const ConfigRule& rule) {
  std::vector<Evaluation> out;
  if (rule.spec < 0) return out;
  const RuleSpec& spec = kRules[rule.spec];
  auto& items = items_->by[static_cast<size_t>(spec.subject)];
  if (!items) items = Collect(world_, account_, region_, spec.subject);
  const Day today = world_.today();
  for (const auto& item : *items) {
    Evaluation e;
    e.rule_name = rule.name;
    e.resource_type = kResourceTypes[static_cast<size_t>(spec.subject)];
    e.resource_id = item.id;
    bool compliant;
    if (spec.fact != kNone) {
      compliant = ((item.facts & spec.fact) != 0) == spec.compliant_if_set;
    } else {
      // The same resource fails the same check whichever pack deployed the rule.
      compliant = !Rng(world_.seed(), {"config-fact", spec.name, region_, item.id})
                       .Chance(spec.violation_share);
    }
    e.compliance = compliant ? "COMPLIANT" : "NON_COMPLIANT";
    if (!compliant) e.annotation = spec.annotation;
    Rng rng(world_.seed(), {"config-eval", rule.name, region_, item.id});
    if (spec.periodic) {
      // Every 24 hours at the rule's hour: the latest run is yesterday's.
      Rng hour(world_.seed(), {"config-hour", account_.id, region_, rule.name});
      e.invoked = MomentOn(today - 1, hour);
      e.ordering = e.invoked;
    } else {
      // The resource's last configuration change is shared by every rule that evaluates it.
      Rng change(world_.seed(), {"config-change", region_, item.id});
      const Day changed =
          RecentDay(change, std::max(item.created, world_.first_day()), today, kChangeMeanAgeDays);
      const Day day = std::max(changed, rule.created);
      e.ordering = MomentOn(day, day == changed ? change : rng);
      e.invoked = e.ordering + std::chrono::seconds(rng.Between(20, 600));
    }
    e.recorded = e.invoked + std::chrono::seconds(rng.Between(1, 90));
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const Evaluation& a, const Evaluation& b) {
    return a.recorded > b.recorded;
  });
  return out;
}

}  // namespace view360::sim::ops
