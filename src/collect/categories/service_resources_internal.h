// Internal to service_resources*.cpp (may change with them): the element every fetcher fills
// and the fetchers themselves, one per AWS resource kind (specs/view360.md §b.13).
//
// Thread-safety: each fetcher appends to its own vector; the context's calls and failure log
// are thread-safe, so the fetchers may run at once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "collect/context.h"
#include "document/document.h"

namespace view360::collect::resources {

using document::Json;

// The 21 members of b.13 in order, every one null but these three.
Json Element(std::string_view service_name, std::string_view resource_type,
             std::string_view region);

// The value of the "Name" tag in an EC2-style [{Key, Value}] list; "" without one.
std::string NameTag(const nlohmann::json& tags);

// One fetcher lists every page of one kind into `out`; on an error it returns it, keeping what
// it already appended.
using Fetch = Status (*)(CategoryContext& ctx, std::vector<Json>& out);

Status FetchInstances(CategoryContext& ctx, std::vector<Json>& out);          // EC2 / Instance
Status FetchDbInstances(CategoryContext& ctx, std::vector<Json>& out);        // RDS / DBInstance
Status FetchVolumes(CategoryContext& ctx, std::vector<Json>& out);            // EBS / Volume
Status FetchBuckets(CategoryContext& ctx, std::vector<Json>& out);            // S3 / Bucket
Status FetchLoadBalancers(CategoryContext& ctx, std::vector<Json>& out);      // ELB / LoadBalancer
Status FetchAutoScalingGroups(CategoryContext& ctx, std::vector<Json>& out);  // AutoScaling
Status FetchSubnets(CategoryContext& ctx, std::vector<Json>& out);            // VPC / Subnet
Status FetchFunctions(CategoryContext& ctx, std::vector<Json>& out);          // Lambda / Function

}  // namespace view360::collect::resources
