#include "aws/endpoints.h"

#include <array>
#include <cctype>
#include <cstdlib>

namespace view360::aws {
namespace {

struct GlobalEndpoint {
  std::string_view service;
  std::string_view partition;
  std::string_view host;
  std::string_view signing_region;
};

// botocore 1.43's endpoint rules for the global services (checked by
// tests/aws/endpoints_test.cpp against botocore itself). Partitions not listed for a service
// use its regional endpoint.
constexpr std::array<GlobalEndpoint, 20> kGlobalEndpoints = {{
    {"iam", "aws", "iam.amazonaws.com", "us-east-1"},
    {"iam", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    {"iam", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"organizations", "aws", "organizations.us-east-1.amazonaws.com", "us-east-1"},
    {"organizations", "aws-cn", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"organizations", "aws-us-gov", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"ce", "aws", "ce.us-east-1.amazonaws.com", "us-east-1"},
    {"ce", "aws-cn", "ce.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"health", "aws", "global.health.amazonaws.com", "us-east-1"},
    {"health", "aws-cn", "global.health.amazonaws.com.cn", "cn-northwest-1"},
    {"account", "aws", "account.us-east-1.amazonaws.com", "us-east-1"},
    {"account", "aws-cn", "account.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"cloudfront", "aws", "cloudfront.amazonaws.com", "us-east-1"},
    {"cloudfront", "aws-cn", "cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"route53", "aws", "route53.amazonaws.com", "us-east-1"},
    {"route53", "aws-cn", "route53.amazonaws.com.cn", "cn-northwest-1"},
    {"route53", "aws-us-gov", "route53.us-gov.amazonaws.com", "us-gov-west-1"},
    {"savingsplans", "aws", "savingsplans.amazonaws.com", "us-east-1"},
    {"budgets", "aws", "budgets.amazonaws.com", "us-east-1"},
    {"budgets", "aws-cn", "budgets.amazonaws.com.cn", "cn-northwest-1"},
}};

std::string EnvNameFor(std::string_view service_id) {
  std::string name = "AWS_ENDPOINT_URL_";
  for (char c : service_id) {
    name +=
        c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string WithoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string PartitionOf(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

Result<Endpoint> ResolveEndpoint(const EndpointQuery& query,
                                 const std::function<std::string(const std::string&)>& env) {
  if (query.region.empty()) {
    return InvalidArgumentError("no AWS region for " + query.service +
                                ": set AWS_REGION, a profile region, or --region");
  }
  std::string override_url = query.endpoint_url;
  if (override_url.empty() && !query.service_id.empty())
    override_url = env(EnvNameFor(query.service_id));
  if (override_url.empty()) override_url = env("AWS_ENDPOINT_URL");
  if (!override_url.empty()) {
    if (!override_url.starts_with("http://") && !override_url.starts_with("https://")) {
      return InvalidArgumentError("endpoint URL '" + override_url +
                                  "' must start with http:// or https://");
    }
    return Endpoint{WithoutTrailingSlash(override_url), query.region};
  }

  const std::string partition = PartitionOf(query.region);
  for (const auto& global : kGlobalEndpoints) {
    if (global.service == query.service && global.partition == partition) {
      return Endpoint{"https://" + std::string(global.host), std::string(global.signing_region)};
    }
  }
  const std::string suffix = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  if (query.service == "s3" && query.region == "us-east-1") {
    return Endpoint{"https://s3.amazonaws.com", "us-east-1"};  // S3's legacy global endpoint.
  }
  const std::string prefix = query.endpoint_prefix.empty() ? query.service : query.endpoint_prefix;
  return Endpoint{"https://" + prefix + "." + query.region + "." + suffix, query.region};
}

Result<Endpoint> ResolveEndpoint(const EndpointQuery& query) {
  return ResolveEndpoint(query, [](const std::string& name) {
    const char* value = std::getenv(name.c_str());
    return std::string(value ? value : "");
  });
}

}  // namespace view360::aws
