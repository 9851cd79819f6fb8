// Endpoint resolution, judged by botocore: for every service View360 calls, in a region of each
// partition, our URL and signing region equal what botocore resolves.
#include "aws/endpoints.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/process.h"
#include "support/temp_files.h"

namespace view360::aws {
namespace {

const char* const kServices[] = {"sts",          "organizations",
                                 "ce",           "securityhub",
                                 "guardduty",    "inspector2",
                                 "kms",          "wafv2",
                                 "cloudtrail",   "secretsmanager",
                                 "acm",          "config",
                                 "ssm",          "support",
                                 "health",       "resiliencehub",
                                 "ec2",          "rds",
                                 "s3",           "elbv2",
                                 "autoscaling",  "lambda",
                                 "cloudwatch",   "sns",
                                 "account",      "iam",
                                 "savingsplans", "application-signals",
                                 "sqs",          "cloudfront"};
const char* const kRegions[] = {"us-east-1",      "eu-west-1",     "ap-southeast-2", "cn-north-1",
                                "cn-northwest-1", "us-gov-west-1", "us-gov-east-1"};

std::vector<nlohmann::json> BotocoreEndpoints() {
  std::string input;
  for (const char* service : kServices) {
    for (const char* region : kRegions) input += std::string(service) + " " + region + "\n";
  }
  const std::string dir = testing::MakeTempDir("view360-endpoints");
  testing::WriteFile(dir + "/in.txt", input);
  auto run = RunProcess(
      {"sh", "-c", "python3 " VIEW360_AWS_TEST_DIR "/botocore_endpoints.py < " + dir + "/in.txt"});
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->exit_code, 0) << "python3 with botocore is required: " << run->output;
  std::filesystem::remove_all(dir);
  std::vector<nlohmann::json> out;
  std::istringstream lines(run->output);
  for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::string NoEnv(const std::string&) { return ""; }

TEST(EndpointsTest, EveryServiceAndPartitionMatchesBotocore) {
  const auto expected = BotocoreEndpoints();
  ASSERT_EQ(expected.size(), std::size(kServices) * std::size(kRegions));
  for (const auto& want : expected) {
    EndpointQuery query{want["service"], want["endpoint_prefix"], want["service_id"],
                        want["region"], ""};
    auto got = ResolveEndpoint(query, NoEnv);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->url, want["url"]) << query.service << " in " << query.region;
    EXPECT_EQ(got->signing_region, want["signing_region"])
        << query.service << " in " << query.region;
  }
}

TEST(EndpointsTest, OverridesComeFromTheFlagThenTheServiceVariableThenTheGlobalOne) {
  std::map<std::string, std::string> env = {
      {"AWS_ENDPOINT_URL", "http://127.0.0.1:4566"},
      {"AWS_ENDPOINT_URL_COST_EXPLORER", "http://127.0.0.1:5000/"}};
  auto lookup = [&](const std::string& name) { return env.count(name) ? env[name] : ""; };
  EndpointQuery ce{"ce", "ce", "Cost Explorer", "eu-west-1", ""};
  EXPECT_EQ(ResolveEndpoint(ce, lookup)->url, "http://127.0.0.1:5000");
  EXPECT_EQ(ResolveEndpoint(ce, lookup)->signing_region, "eu-west-1");
  EndpointQuery ec2{"ec2", "ec2", "EC2", "eu-west-1", ""};
  EXPECT_EQ(ResolveEndpoint(ec2, lookup)->url, "http://127.0.0.1:4566");
  ec2.endpoint_url = "http://localhost:9999";
  EXPECT_EQ(ResolveEndpoint(ec2, lookup)->url, "http://localhost:9999");
  ec2.endpoint_url = "localhost:9999";
  EXPECT_EQ(ResolveEndpoint(ec2, lookup).status().code(), StatusCode::kInvalidArgument);
}

TEST(EndpointsTest, ARegionIsRequired) {
  auto result = ResolveEndpoint(EndpointQuery{"ec2", "ec2", "EC2", "", ""}, NoEnv);
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(result.status().message().find("AWS_REGION"), std::string::npos);
}

}  // namespace
}  // namespace view360::aws
