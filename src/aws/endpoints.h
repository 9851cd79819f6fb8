// Where to send a call: the endpoint URL and the region to sign for.
//
// Regional services live at https://<prefix>.<region>.<dns suffix>; global ones (IAM,
// Organizations, Cost Explorer, Health, Account, CloudFront, Route 53, Savings Plans, Budgets)
// live in one region of their partition (aws, aws-cn, aws-us-gov) and are signed for it.
// Overrides, first match wins: an explicit endpoint URL (--endpoint-url, config), then
// AWS_ENDPOINT_URL_<SERVICE_ID> (the model's serviceId upper-cased, spaces to '_', e.g.
// AWS_ENDPOINT_URL_COST_EXPLORER), then AWS_ENDPOINT_URL. An override keeps the signing
// region of the call.
//
// Not modelled: FIPS and dual-stack endpoints, and a few partition-specific host spellings
// (marketplace entitlement in cn-northwest-1, Compute Optimizer's FIPS-only GovCloud hosts).
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace view360::aws {

struct Endpoint {
  std::string url;             // scheme://host[:port][/base path], no trailing slash.
  std::string signing_region;  // The region SigV4 signs for.
};

struct EndpointQuery {
  std::string service;          // botocore service name: "ce", "organizations", "s3", ...
  std::string endpoint_prefix;  // The model's endpointPrefix: "ce", "entitlement.marketplace".
  std::string service_id;       // The model's serviceId: "Cost Explorer".
  std::string region;           // The caller's region.
  std::string endpoint_url;     // An explicit override; empty when none.
};

// "aws", "aws-cn" or "aws-us-gov", from the region name.
std::string PartitionOf(std::string_view region);

// env: reads an environment variable (empty when unset); injectable for tests.
Result<Endpoint> ResolveEndpoint(const EndpointQuery& query,
                                 const std::function<std::string(const std::string&)>& env);

// ResolveEndpoint with the process environment.
Result<Endpoint> ResolveEndpoint(const EndpointQuery& query);

}  // namespace view360::aws
