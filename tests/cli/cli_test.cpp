// The command line contract: exit codes (0 ok, 1 failure, 2 usage), --help, version, config.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/process.h"
#include "support/temp_files.h"

#define VIEW360_STR_INNER(x) #x
#define VIEW360_STR(x) VIEW360_STR_INNER(x)

namespace view360 {
namespace {

ProcessResult View360(std::vector<std::string> args) {
  args.insert(args.begin(), VIEW360_BINARY);
  auto run = RunProcess(args);
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  return run.ok() ? *run : ProcessResult{-1, ""};
}

TEST(CliTest, VersionPrintsProgramAndSchemaVersion) {
  auto run = View360({"version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.output, "view360 " VIEW360_VERSION
                        " (warehouse schema " VIEW360_STR(VIEW360_SCHEMA_VERSION) ")\n");
  auto json = nlohmann::json::parse(View360({"version", "--output", "json"}).output);
  EXPECT_EQ(json["version"], VIEW360_VERSION);
  EXPECT_EQ(json["schema_version"], VIEW360_SCHEMA_VERSION);
}

TEST(CliTest, EverySubcommandHasHelp) {
  for (auto args : std::vector<std::vector<std::string>>{{"--help"},
                                                         {"version", "--help"},
                                                         {"warehouse", "--help"},
                                                         {"warehouse", "status", "--help"},
                                                         {"warehouse", "init", "--help"}}) {
    auto run = View360(args);
    EXPECT_EQ(run.exit_code, 0) << args[0];
    EXPECT_NE(run.output.find("Usage:"), std::string::npos) << run.output;
  }
}

TEST(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(View360({}).exit_code, 2);
  EXPECT_EQ(View360({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(View360({"version", "--output", "yaml"}).exit_code, 2);
  EXPECT_EQ(View360({"--log-level", "loud", "version"}).exit_code, 2);
  auto missing = View360({"--config", "/nonexistent/view360.yaml", "version"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("/nonexistent/view360.yaml"), std::string::npos);
}

TEST(CliTest, ConfigFileSetsTheOutputFormat) {
  const std::string dir = testing::MakeTempDir("view360-test-config");
  testing::WriteFile(dir + "/view360.yaml", "output: json\nlog:\n  level: warn\n");
  auto run = View360({"--config", dir + "/view360.yaml", "version"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(nlohmann::json::parse(run.output)["schema_version"], VIEW360_SCHEMA_VERSION);
  // A flag wins over the file.
  EXPECT_EQ(View360({"--config", dir + "/view360.yaml", "--output", "table", "version"}).output,
            "view360 " VIEW360_VERSION
            " (warehouse schema " VIEW360_STR(VIEW360_SCHEMA_VERSION) ")\n");
  testing::WriteFile(dir + "/bad.yaml", "output: [unclosed\n");
  EXPECT_EQ(View360({"--config", dir + "/bad.yaml", "version"}).exit_code, 2);
}

TEST(CliTest, FailuresExitWithOneAndJsonLogsStayJson) {
  auto run = View360({"--log-format", "json", "--db",
                      "host=/nonexistent-socket-dir password=s3cret", "warehouse", "status"});
  EXPECT_EQ(run.exit_code, 1);
  auto line = nlohmann::json::parse(run.output.substr(0, run.output.find('\n')));
  EXPECT_EQ(line["level"], "error");
  EXPECT_NE(line["msg"].get<std::string>().find("cannot connect"), std::string::npos);
  EXPECT_EQ(run.output.find("s3cret"), std::string::npos) << "password leaked: " << run.output;
}

}  // namespace
}  // namespace view360
