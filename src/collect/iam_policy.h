// The least-privilege IAM policy of a collector, generated from the operations the categories
// declare (category.h), so the policy and the code cannot drift apart.
//
// Thread-safety: plain functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace view360::collect {

struct PolicyOptions {
  // "member": the read-only role a pull collector assumes in each account, or a push sender's
  // read permissions. "management": member + Organizations discovery + sts:AssumeRole into
  // role_name. Landing permissions are added when bucket is set.
  std::string role = "member";
  std::string role_name = "View360ReadOnly";
  std::string bucket;   // Landing bucket: s3:PutObject (and multipart) on bucket/prefix*.
  std::string prefix;   // Key prefix inside the bucket.
  std::string kms_key;  // KMS key ARN for SSE-KMS: kms:GenerateDataKey, kms:Encrypt.
};

// The IAM action for a botocore (service, operation): "ce:GetCostAndUsage",
// "s3:ListAllMyBuckets" for s3 ListBuckets; "" when the call needs no permission
// (sts GetCallerIdentity).
std::string IamAction(std::string_view service, std::string_view operation);

// The sorted, de-duplicated read actions every category needs.
std::vector<std::string> CollectorActions();

// A policy document: {"Version": "2012-10-17", "Statement": [...]}.
nlohmann::json IamPolicy(const PolicyOptions& options);

}  // namespace view360::collect
