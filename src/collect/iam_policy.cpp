#include "collect/iam_policy.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "collect/accounts.h"
#include "collect/category.h"

namespace view360::collect {

std::string IamAction(std::string_view service, std::string_view operation) {
  // botocore service names whose IAM prefix differs.
  static const std::map<std::string_view, std::string_view> kPrefix = {
      {"elbv2", "elasticloadbalancing"},
      {"marketplace-entitlement", "aws-marketplace"},
  };
  // Operations whose IAM action has another name.
  static const std::map<std::pair<std::string_view, std::string_view>, std::string_view> kAction = {
      {{"s3", "ListBuckets"}, "s3:ListAllMyBuckets"},
      {{"s3", "ListObjectsV2"}, "s3:ListBucket"},
      {{"s3", "HeadObject"}, "s3:GetObject"},
      {{"s3", "CreateMultipartUpload"}, "s3:PutObject"},
      {{"s3", "UploadPart"}, "s3:PutObject"},
      {{"s3", "CompleteMultipartUpload"}, "s3:PutObject"},
      {{"s3", "AbortMultipartUpload"}, "s3:AbortMultipartUpload"},
  };
  if (service == "sts" && operation == "GetCallerIdentity") return "";  // Always allowed.
  if (const auto it = kAction.find({service, operation}); it != kAction.end()) {
    return std::string(it->second);
  }
  const auto prefix = kPrefix.find(service);
  return std::string(prefix == kPrefix.end() ? service : prefix->second) + ":" +
         std::string(operation);
}

std::vector<std::string> CollectorActions() {
  std::set<std::string> actions;
  for (const Category& category : AllCategories()) {
    for (const ApiOperation& op : category.operations) {
      std::string action = IamAction(op.service, op.operation);
      if (!action.empty()) actions.insert(std::move(action));
    }
  }
  return {actions.begin(), actions.end()};
}

nlohmann::json IamPolicy(const PolicyOptions& options) {
  nlohmann::json statements = nlohmann::json::array();
  statements.push_back({{"Sid", "View360ReadAccountData"},
                        {"Effect", "Allow"},
                        {"Action", CollectorActions()},
                        {"Resource", "*"}});
  if (options.role == "management") {
    std::set<std::string> org;
    for (const auto& [service, operation] : DiscoveryOperations()) {
      org.insert(IamAction(service, operation));
    }
    statements.push_back({{"Sid", "View360DiscoverAccounts"},
                          {"Effect", "Allow"},
                          {"Action", std::vector<std::string>(org.begin(), org.end())},
                          {"Resource", "*"}});
    statements.push_back({{"Sid", "View360AssumeMemberRole"},
                          {"Effect", "Allow"},
                          {"Action", "sts:AssumeRole"},
                          {"Resource", "arn:aws:iam::*:role/" + options.role_name}});
  }
  if (!options.bucket.empty()) {
    statements.push_back(
        {{"Sid", "View360LandDocuments"},
         {"Effect", "Allow"},
         {"Action", {"s3:AbortMultipartUpload", "s3:PutObject"}},
         {"Resource", "arn:aws:s3:::" + options.bucket + "/" + options.prefix + "*"}});
  }
  if (!options.kms_key.empty()) {
    statements.push_back({{"Sid", "View360EncryptDocuments"},
                          {"Effect", "Allow"},
                          {"Action", {"kms:Encrypt", "kms:GenerateDataKey"}},
                          {"Resource", options.kms_key}});
  }
  return {{"Version", "2012-10-17"}, {"Statement", statements}};
}

}  // namespace view360::collect
