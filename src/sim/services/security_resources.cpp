// The resources security findings point at (ResourcePicker in security_internal.h), taken from
// the shared generators of resources.h.
#include "sim/resources.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

std::vector<ResourceRef> Load(const ApiCall& call, ResourceKind kind, Day day) {
  const auto& world = call.world;
  const auto& account = call.account;
  const auto& region = call.region;
  std::vector<ResourceRef> out;
  switch (kind) {
    case ResourceKind::kInstance:
      for (const auto& i : InstancesOn(world, account, region, day)) {
        out.push_back({i.id, Arn("ec2", region, account.id, "instance/" + i.id), "AwsEc2Instance"});
      }
      break;
    case ResourceKind::kVolume:
      for (const auto& v : VolumesOn(world, account, region, day)) {
        out.push_back({v.id, Arn("ec2", region, account.id, "volume/" + v.id), "AwsEc2Volume"});
      }
      break;
    case ResourceKind::kBucket:
      for (const auto& b : BucketsOn(world, account, day)) {
        if (b.region == region) out.push_back({b.name, "arn:aws:s3:::" + b.name, "AwsS3Bucket"});
      }
      break;
    case ResourceKind::kDbInstance:
      for (const auto& d : DbInstancesOn(world, account, region, day)) {
        out.push_back({d.id, d.arn, "AwsRdsDbInstance"});
      }
      break;
    case ResourceKind::kFunction:
      for (const auto& f : FunctionsOn(world, account, region, day)) {
        out.push_back({f.name, f.arn, "AwsLambdaFunction"});
      }
      break;
    case ResourceKind::kLoadBalancer:
      for (const auto& l : LoadBalancersOn(world, account, region, day)) {
        if (l.type == "application") out.push_back({l.name, l.arn, "AwsElbv2LoadBalancer"});
      }
      break;
  }
  return out;
}

}  // namespace

const std::vector<ResourceRef>& ResourcePicker::All(ResourceKind kind, Day day) {
  auto [it, inserted] = cache_.try_emplace({kind, day});
  if (inserted) it->second = Load(call_, kind, day);
  return it->second;
}

std::optional<ResourceRef> ResourcePicker::Pick(ResourceKind kind, Day day, Rng& rng) {
  // One draw whatever the list holds, so what the caller draws next does not depend on it.
  return Resolve(kind, day, rng.Next());
}

std::optional<ResourceRef> ResourcePicker::Resolve(ResourceKind kind, Day day, uint64_t draw) {
  const auto& all = All(kind, day);
  if (all.empty()) return std::nullopt;
  return all[draw % all.size()];
}

}  // namespace view360::sim::security
