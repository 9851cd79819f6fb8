// `view360 aws SERVICE OPERATION` as a user runs it, against moto over signed HTTP.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/process.h"
#include "support/moto_server.h"

namespace view360 {
namespace {

const char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

ProcessResult View360Aws(std::vector<std::string> args) {
  std::vector<std::string> argv = {"env",
                                   "-u",
                                   "AWS_PROFILE",
                                   "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
                                   std::string("AWS_SECRET_ACCESS_KEY=") + kSecret,
                                   "AWS_REGION=eu-west-1",
                                   "AWS_EC2_METADATA_DISABLED=true",
                                   "AWS_CONFIG_FILE=/nonexistent",
                                   "AWS_SHARED_CREDENTIALS_FILE=/nonexistent",
                                   VIEW360_BINARY,
                                   "aws"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--endpoint-url");
  argv.push_back(testing::MotoEndpoint());
  auto run = RunProcess(argv);
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  return run.ok() ? *run : ProcessResult{-1, ""};
}

TEST(AwsCommandTest, PrintsTheOperationsOutputAsJson) {
  testing::ResetMoto();
  auto run = View360Aws({"sts", "GetCallerIdentity", "--output", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  auto output = nlohmann::json::parse(run.output);
  EXPECT_EQ(output["Account"], "123456789012");
}

TEST(AwsCommandTest, PaginatePrintsOnePageALine) {
  testing::ResetMoto();
  ASSERT_EQ(
      View360Aws({"organizations", "CreateOrganization", "--params", R"({"FeatureSet":"ALL"})"})
          .exit_code,
      0);
  for (int i = 0; i < 3; ++i) {
    auto created = View360Aws({"organizations", "CreateAccount", "--params",
                               R"({"AccountName":"m)" + std::to_string(i) + R"(","Email":"m)" +
                                   std::to_string(i) + R"(@example.com"})"});
    ASSERT_EQ(created.exit_code, 0) << created.output;
  }
  auto run = View360Aws({"organizations", "ListAccounts", "--paginate", "--params",
                         R"({"MaxResults":1})", "--output", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::istringstream lines(run.output);
  int pages = 0, accounts = 0;
  for (std::string line; std::getline(lines, line);) {
    ++pages;
    accounts += static_cast<int>(nlohmann::json::parse(line)["Accounts"].size());
  }
  EXPECT_EQ(pages, 4);
  EXPECT_EQ(accounts, 4);
}

TEST(AwsCommandTest, BadParametersFailClearlyAndLeakNoSecret) {
  auto run =
      View360Aws({"sts", "AssumeRole", "--params", R"({"RoleArn":"arn:aws:iam::1:role/x"})"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("RoleSessionName"), std::string::npos) << run.output;
  EXPECT_EQ(View360Aws({"sts", "GetCallerIdentity", "--params", "not json"}).exit_code, 1);
  auto denied = View360Aws({"s3", "GetObject", "--params", R"({"Bucket":"none","Key":"k"})"});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(denied.output.find("NoSuchBucket"), std::string::npos) << denied.output;
  EXPECT_EQ(denied.output.find(kSecret), std::string::npos);
}

}  // namespace
}  // namespace view360
