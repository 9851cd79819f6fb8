// service_resources (§b.13): the account's EC2 instances, RDS instances, EBS volumes, S3
// buckets, load balancers, Auto Scaling groups, subnets and Lambda functions, one element of
// 21 members each. The fetchers (service_resources_fetchers.cpp) run at once, as the original's
// eight workers do; elements are assembled in the fixed fetcher order, so a document is
// reproducible.
//
// Fixes (§g S6, S9, S14): a failing fetcher records {service_resources: error} and marks the
// category "Fail", but the other fetchers' elements are kept (the original dropped them all);
// every listing is paginated; S3 buckets are account-wide, so they are listed only in the home
// region's document, each with its own region (ListBuckets' BucketRegion, else
// GetBucketLocation) instead of the document's. Kept as the original: Lambda `size_gb` is the
// fractional MemorySize/1024 and AZ lists are joined with "," (the warehouse loader rounds and
// the schema is fixed, §d.16).
#include <array>
#include <nlohmann/json.hpp>
#include <thread>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/service_resources_internal.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"ec2", "DescribeInstances"},
    {"ec2", "DescribeVolumes"},
    {"ec2", "DescribeSubnets"},
    {"rds", "DescribeDBInstances"},
    {"s3", "ListBuckets"},
    {"s3", "GetBucketLocation"},
    {"elbv2", "DescribeLoadBalancers"},
    {"autoscaling", "DescribeAutoScalingGroups"},
    {"lambda", "ListFunctions"},
};

// The original's order of workers; also the order of the elements.
constexpr std::array<resources::Fetch, 8> kFetchers = {
    resources::FetchInstances, resources::FetchDbInstances,   resources::FetchVolumes,
    resources::FetchBuckets,   resources::FetchLoadBalancers, resources::FetchAutoScalingGroups,
    resources::FetchSubnets,   resources::FetchFunctions,
};

Status Collect(CategoryContext& ctx, Json& section) {
  std::array<std::vector<Json>, kFetchers.size()> found;
  std::array<Status, kFetchers.size()> statuses;
  {
    std::vector<std::jthread> workers;
    workers.reserve(kFetchers.size());
    for (size_t i = 0; i < kFetchers.size(); ++i) {
      workers.emplace_back([&, i] { statuses[i] = kFetchers[i](ctx, found[i]); });
    }
  }  // The jthreads join here.
  section = Json::array();
  for (size_t i = 0; i < kFetchers.size(); ++i) {
    if (!statuses[i].ok()) ctx.Fail("service_resources", statuses[i]);
    for (Json& element : found[i]) section.push_back(std::move(element));
  }
  return OkStatus();
}

}  // namespace

namespace resources {

Json Element(std::string_view service_name, std::string_view resource_type,
             std::string_view region) {
  Json element = Json::object();
  for (const char* member : {"service_name",  "resource_type",  "resource_id",
                             "resource_name", "region",         "availability_zone",
                             "state",         "instance_type",  "vpc_id",
                             "engine",        "instance_class", "multi_az",
                             "size_gb",       "volume_type",    "creation_date",
                             "type",          "scheme",         "instance_count",
                             "min_size",      "max_size",       "available_ip_count"}) {
    element[member] = nullptr;
  }
  element["service_name"] = service_name;
  element["resource_type"] = resource_type;
  element["region"] = region;
  return element;
}

std::string NameTag(const nlohmann::json& tags) {
  if (!tags.is_array()) return "";
  for (const auto& tag : tags) {
    if (StringOr(tag, "Key", "") == "Name") return StringOr(tag, "Value", "");
  }
  return "";
}

}  // namespace resources

const Category& ServiceResourcesCategory() {
  static const Category category{
      "service_resources", "service_resources", "service_resources", Scope::kRegional, Collect,
      kOperations};
  return category;
}

}  // namespace view360::collect
