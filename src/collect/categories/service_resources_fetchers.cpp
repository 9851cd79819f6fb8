// The eight fetchers of service_resources (§b.13): every page of one listing each, mapped to
// the 21-member element (service_resources_internal.h).
#include <nlohmann/json.hpp>

#include "collect/categories/common.h"
#include "collect/categories/service_resources_internal.h"

namespace view360::collect::resources {
namespace {

const nlohmann::json& Member(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kNull;
  if (!obj.is_object()) return kNull;
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? kNull : *it;
}

const nlohmann::json& List(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  const nlohmann::json& list = Member(obj, key);
  return list.is_array() ? list : kEmpty;
}

// Strings joined with ",": the original's form of an AZ list (the values, or `key` of objects).
std::string Joined(const nlohmann::json& list, std::string_view key = {}) {
  std::string out;
  for (const auto& item : list) {
    const nlohmann::json& value = key.empty() ? item : Member(item, key);
    if (!value.is_string()) continue;
    if (!out.empty()) out += ',';
    out += value.get<std::string>();
  }
  return out;
}

// S3's LocationConstraint as a region name: null or "" is us-east-1, "EU" the legacy eu-west-1.
std::string LocationRegion(const nlohmann::json& location) {
  const std::string constraint = StringOr(location, "LocationConstraint", "");
  if (constraint.empty()) return "us-east-1";
  if (constraint == "EU") return "eu-west-1";
  return constraint;
}

}  // namespace

Status FetchInstances(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate("ec2", "DescribeInstances", nlohmann::json::object(),
                      [&](const nlohmann::json& page) {
                        for (const auto& reservation : List(page, "Reservations")) {
                          for (const auto& instance : List(reservation, "Instances")) {
                            Json e = Element("EC2", "Instance", ctx.region());
                            e["resource_id"] = StringOrNull(instance, "InstanceId");
                            e["resource_name"] = NameTag(Member(instance, "Tags"));
                            e["availability_zone"] =
                                StringOrNull(Member(instance, "Placement"), "AvailabilityZone");
                            e["state"] = StringOrNull(Member(instance, "State"), "Name");
                            e["instance_type"] = StringOrNull(instance, "InstanceType");
                            e["vpc_id"] = StringOrNull(instance, "VpcId");
                            out.push_back(std::move(e));
                          }
                        }
                        return OkStatus();
                      });
}

Status FetchDbInstances(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate("rds", "DescribeDBInstances", nlohmann::json::object(),
                      [&](const nlohmann::json& page) {
                        for (const auto& db : List(page, "DBInstances")) {
                          Json e = Element("RDS", "DBInstance", ctx.region());
                          e["resource_id"] = StringOrNull(db, "DBInstanceIdentifier");
                          e["resource_name"] = StringOrNull(db, "DBInstanceIdentifier");
                          e["availability_zone"] = StringOrNull(db, "AvailabilityZone");
                          e["state"] = StringOrNull(db, "DBInstanceStatus");
                          e["engine"] = StringOrNull(db, "Engine");
                          e["instance_class"] = StringOrNull(db, "DBInstanceClass");
                          e["multi_az"] = ValueOrNull(db, "MultiAZ");
                          out.push_back(std::move(e));
                        }
                        return OkStatus();
                      });
}

Status FetchVolumes(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate("ec2", "DescribeVolumes", nlohmann::json::object(),
                      [&](const nlohmann::json& page) {
                        for (const auto& volume : List(page, "Volumes")) {
                          Json e = Element("EBS", "Volume", ctx.region());
                          e["resource_id"] = StringOrNull(volume, "VolumeId");
                          e["resource_name"] = NameTag(Member(volume, "Tags"));
                          e["availability_zone"] = StringOrNull(volume, "AvailabilityZone");
                          e["state"] = StringOrNull(volume, "State");
                          const nlohmann::json& size = Member(volume, "Size");
                          e["size_gb"] = size.is_number_integer() ? size.get<int64_t>() : 0;
                          e["volume_type"] = StringOrNull(volume, "VolumeType");
                          out.push_back(std::move(e));
                        }
                        return OkStatus();
                      });
}

// Buckets are account-wide (§g S6, S14): listed in the home region's document only.
Status FetchBuckets(CategoryContext& ctx, std::vector<Json>& out) {
  if (!ctx.target().home_region) return OkStatus();
  Status location_error;
  VIEW360_RETURN_IF_ERROR(
      ctx.Paginate("s3", "ListBuckets", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& bucket : List(page, "Buckets")) {
          const std::string name = StringOr(bucket, "Name", "");
          Json region = StringOrNull(bucket, "BucketRegion");
          if (region.is_null() && !name.empty()) {
            auto location = ctx.Call("s3", "GetBucketLocation", {{"Bucket", name}});
            if (location.ok()) {
              region = LocationRegion(*location);
            } else if (location_error.ok()) {
              location_error = location.status();  // The bucket stays, its region unknown.
            }
          }
          Json e = Element("S3", "Bucket", "");
          e["resource_id"] = name;
          e["resource_name"] = name;
          e["region"] = std::move(region);
          e["state"] = "Active";
          e["creation_date"] = TimeOrNull(bucket, "CreationDate");
          out.push_back(std::move(e));
        }
        return OkStatus();
      }));
  return location_error;
}

Status FetchLoadBalancers(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate(
      "elbv2", "DescribeLoadBalancers", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& lb : List(page, "LoadBalancers")) {
          Json e = Element("ELB", "LoadBalancer", ctx.region());
          e["resource_id"] = StringOrNull(lb, "LoadBalancerName");
          e["resource_name"] = StringOrNull(lb, "LoadBalancerName");
          e["availability_zone"] = Joined(List(lb, "AvailabilityZones"), "ZoneName");
          e["state"] = StringOrNull(Member(lb, "State"), "Code");
          e["type"] = StringOrNull(lb, "Type");
          e["scheme"] = StringOrNull(lb, "Scheme");
          out.push_back(std::move(e));
        }
        return OkStatus();
      });
}

Status FetchAutoScalingGroups(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate("autoscaling", "DescribeAutoScalingGroups", nlohmann::json::object(),
                      [&](const nlohmann::json& page) {
                        for (const auto& group : List(page, "AutoScalingGroups")) {
                          const size_t instances = List(group, "Instances").size();
                          Json e = Element("AutoScaling", "AutoScalingGroup", ctx.region());
                          e["resource_id"] = StringOrNull(group, "AutoScalingGroupName");
                          e["resource_name"] = StringOrNull(group, "AutoScalingGroupName");
                          e["availability_zone"] = Joined(List(group, "AvailabilityZones"));
                          e["state"] = instances > 0 ? "Active" : "Inactive";
                          e["instance_count"] = instances;
                          e["min_size"] = ValueOrNull(group, "MinSize");
                          e["max_size"] = ValueOrNull(group, "MaxSize");
                          out.push_back(std::move(e));
                        }
                        return OkStatus();
                      });
}

Status FetchSubnets(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate("ec2", "DescribeSubnets", nlohmann::json::object(),
                      [&](const nlohmann::json& page) {
                        for (const auto& subnet : List(page, "Subnets")) {
                          Json e = Element("VPC", "Subnet", ctx.region());
                          e["resource_id"] = StringOrNull(subnet, "SubnetId");
                          e["resource_name"] = NameTag(Member(subnet, "Tags"));
                          e["availability_zone"] = StringOrNull(subnet, "AvailabilityZone");
                          e["state"] = StringOrNull(subnet, "State");
                          e["vpc_id"] = StringOrNull(subnet, "VpcId");
                          e["available_ip_count"] = ValueOrNull(subnet, "AvailableIpAddressCount");
                          out.push_back(std::move(e));
                        }
                        return OkStatus();
                      });
}

Status FetchFunctions(CategoryContext& ctx, std::vector<Json>& out) {
  return ctx.Paginate(
      "lambda", "ListFunctions", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& function : List(page, "Functions")) {
          Json e = Element("Lambda", "Function", ctx.region());
          e["resource_id"] = StringOrNull(function, "FunctionArn");
          e["resource_name"] = StringOrNull(function, "FunctionName");
          e["availability_zone"] = "Generic";
          e["state"] = StringOrNull(function, "State");
          e["instance_type"] = StringOrNull(function, "Runtime");
          e["vpc_id"] = StringOr(Member(function, "VpcConfig"), "VpcId", "");
          e["engine"] = StringOrNull(function, "Runtime");
          e["instance_class"] = "";
          e["multi_az"] = true;
          const nlohmann::json& memory = Member(function, "MemorySize");
          // GiB as a fraction (128 MB = 0.125), as the original's Python division writes it.
          e["size_gb"] = memory.is_number() ? Json(memory.get<double>() / 1024) : Json(nullptr);
          e["volume_type"] = "EphemeralStorage";
          e["creation_date"] = StringOrNull(function, "LastModified");  // Lambda's own string.
          e["type"] = StringOrNull(function, "PackageType");
          const nlohmann::json& architectures = List(function, "Architectures");
          e["scheme"] = architectures.empty() || !architectures[0].is_string()
                            ? Json(nullptr)
                            : Json(architectures[0].get<std::string>());
          e["instance_count"] = 1;
          const nlohmann::json& storage = Member(Member(function, "EphemeralStorage"), "Size");
          e["max_size"] = storage.is_number_integer() ? storage.get<int64_t>() : 512;
          out.push_back(std::move(e));
        }
        return OkStatus();
      });
}

}  // namespace view360::collect::resources
