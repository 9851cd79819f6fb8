// Third parties judge the simulator (tests/sim/judge.py, run against `view360 sim`):
//   - botocore calls every operation the simulator serves and parses each answer into the
//     operation's output shape (required members, types, enum values, nothing unknown);
//   - botocore's paginators walk every paginated operation completely, without duplicates;
//   - every service's throttling error is one botocore's retry logic treats as throttling;
//   - the AWS CLI, with --endpoint-url and the keys the simulator prints, calls one operation of
//     every service.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/process.h"

namespace view360 {
namespace {

const std::string kJudge = std::string(VIEW360_SIM_TEST_DIR) + "/judge.py";

nlohmann::json RunJudge(std::vector<std::string> extra) {
  std::vector<std::string> argv = {"python3", kJudge, "--binary", VIEW360_BINARY};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto result = RunProcess(argv);
  EXPECT_TRUE(result.ok()) << result.status().message();
  if (!result.ok()) return {};
  EXPECT_EQ(result->exit_code, 0) << result->output;
  // The summary is the last JSON document printed (after any warnings).
  const size_t start = result->output.find("\n{");
  auto summary = nlohmann::json::parse(
      start == std::string::npos ? result->output : result->output.substr(start + 1), nullptr,
      false);
  EXPECT_FALSE(summary.is_discarded()) << result->output;
  return summary;
}

TEST(SimJudgeTest, BotocoreParsesEveryServedOperationIntoItsOutputShape) {
  auto summary = RunJudge({});
  EXPECT_TRUE(summary["failures"].empty()) << summary.dump(2);
  EXPECT_TRUE(summary["uncovered"].empty()) << summary.dump(2);
  // The sender's and the inventory's API tables and the extras issue 5 lists.
  EXPECT_GE(summary["served"].get<int>(), 84);
  EXPECT_GT(summary["pages"].get<int>(), summary["paginated"].get<int>());  // Several pages each.
}

TEST(SimJudgeTest, EveryThrottlingErrorIsThrottlingToBotocore) {
  auto summary = RunJudge({"--throttle"});
  EXPECT_TRUE(summary["failures"].empty()) << summary.dump(2);
  EXPECT_GE(summary["services"].size(), 25u);
}

TEST(SimJudgeTest, TheAwsCliCallsEveryService) {
  auto summary = RunJudge({"--cli"});
  EXPECT_TRUE(summary["failures"].empty()) << summary.dump(2);
  EXPECT_GE(summary["services"].size(), 25u);
}

}  // namespace
}  // namespace view360
