// `view360 warehouse ...` on the embedded cluster, run as a user runs it: the real binary with
// XDG_DATA_HOME pointing at a temporary folder.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/process.h"
#include "support/temp_files.h"

#define VIEW360_STR_INNER(x) #x
#define VIEW360_STR(x) VIEW360_STR_INNER(x)

namespace view360 {
namespace {

class WarehouseCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { xdg_ = testing::MakeTempDir("view360-test-xdg"); }
  void TearDown() override {
    (void)View360({"warehouse", "stop"});
    std::error_code ec;
    std::filesystem::remove_all(xdg_, ec);
  }

  ProcessResult View360(std::vector<std::string> args, std::vector<std::string> env = {}) {
    std::vector<std::string> argv = {"env", "-u",     "VIEW360_DB",
                                     "-u",  "PGHOST", "XDG_DATA_HOME=" + xdg_};
    argv.insert(argv.end(), env.begin(), env.end());
    argv.push_back(VIEW360_BINARY);
    argv.insert(argv.end(), args.begin(), args.end());
    auto run = RunProcess(argv);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : ProcessResult{-1, ""};
  }

  nlohmann::json Json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--output", "json"});
    auto run = View360(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    try {
      return nlohmann::json::parse(run.output);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << run.output;
      return {};
    }
  }

  std::string DataDir() const { return xdg_ + "/view360/pg"; }

  std::string xdg_;
};

TEST_F(WarehouseCommandTest, InitThenStatusShowsSchemaVersionTablesAndViews) {
  auto init = View360({"warehouse", "init"});
  ASSERT_EQ(init.exit_code, 0) << init.output;
  EXPECT_NE(init.output.find("schema version: " VIEW360_STR(VIEW360_SCHEMA_VERSION)),
            std::string::npos)
      << init.output;
  EXPECT_NE(init.output.find("36 View360 v2"), std::string::npos) << init.output;
  EXPECT_NE(init.output.find("views:          42"), std::string::npos) << init.output;

  auto status = Json({"warehouse", "status"});
  EXPECT_EQ(status["warehouse"], "embedded");
  EXPECT_EQ(status["running"], true);
  EXPECT_EQ(status["schema_version"], VIEW360_SCHEMA_VERSION);
  EXPECT_EQ(status["tables"], 36);
  EXPECT_EQ(status["views"], 42);
  EXPECT_EQ(status["data_dir"], DataDir());
}

TEST_F(WarehouseCommandTest, StartIsIdempotentAndStopStops) {
  auto first = Json({"warehouse", "start"});
  EXPECT_EQ(first["started"], true);
  const int pid = first["pid"];
  auto second = Json({"warehouse", "start"});
  EXPECT_EQ(second["started"], false);
  EXPECT_EQ(second["pid"], pid);

  auto stop = Json({"warehouse", "stop"});
  EXPECT_EQ(stop["stopped"], true);
  EXPECT_FALSE(ProcessIsRunning(pid, "postgres"));
  auto status = Json({"warehouse", "status"});
  EXPECT_EQ(status["running"], false);
  EXPECT_EQ(status["initialized"], true);
  EXPECT_FALSE(status.contains("schema_version"));
  EXPECT_EQ(Json({"warehouse", "stop"})["stopped"], false);
}

TEST_F(WarehouseCommandTest, StartRecoversFromAStalePidFileOfADeadProcess) {
  ASSERT_EQ(View360({"warehouse", "start"}).exit_code, 0);
  ASSERT_EQ(View360({"warehouse", "stop"}).exit_code, 0);
  pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  testing::WriteFile(DataDir() + "/postmaster.pid",
                     std::to_string(dead) + "\n" + DataDir() + "\n1700000000\n5432\n");
  EXPECT_EQ(Json({"warehouse", "status"})["running"], false);
  EXPECT_EQ(Json({"warehouse", "start"})["started"], true);
}

TEST_F(WarehouseCommandTest, StartRecoversWhenThePidFileNamesAnotherLiveProgram) {
  ASSERT_EQ(View360({"warehouse", "start"}).exit_code, 0);
  ASSERT_EQ(View360({"warehouse", "stop"}).exit_code, 0);
  // The pid was reused by a program that is not our postgres: this test process.
  testing::WriteFile(DataDir() + "/postmaster.pid",
                     std::to_string(getpid()) + "\n" + DataDir() + "\n1700000000\n5432\n");
  EXPECT_EQ(Json({"warehouse", "start"})["started"], true);
}

TEST_F(WarehouseCommandTest, StartAfterTheServerWasKilledBringsItBack) {
  auto first = Json({"warehouse", "start"});
  const pid_t pid = first["pid"];
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  for (int i = 0; i < 100 && ProcessIsRunning(pid, "postgres"); ++i) usleep(20000);
  auto again = Json({"warehouse", "start"});
  EXPECT_EQ(again["started"], true);
  EXPECT_NE(again["pid"], pid);
  EXPECT_EQ(Json({"warehouse", "status"})["schema_version"], 0);  // Never migrated yet.
}

TEST_F(WarehouseCommandTest, ListensOnItsOwnSocketOnlyNotOnTcp) {
  ASSERT_EQ(View360({"warehouse", "start"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(xdg_ + "/view360/run/.s.PGSQL.5432"));
  auto psql = View360({"warehouse", "psql", "--", "-Atc", "SHOW listen_addresses"});
  EXPECT_EQ(psql.exit_code, 0) << psql.output;
  EXPECT_EQ(psql.output, "\n");
}

TEST_F(WarehouseCommandTest, MissingPostgresBinariesSayHowToInstallThem) {
  auto run = View360({"warehouse", "start"}, {"VIEW360_PG_BINDIR=/nonexistent"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("apt-get install postgresql-15"), std::string::npos) << run.output;
}

TEST_F(WarehouseCommandTest, StartRefusesAnExternalWarehouse) {
  auto run = View360({"--db", "host=db.example.com password=hunter2", "warehouse", "start"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("external"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("hunter2"), std::string::npos) << "password leaked: " << run.output;
}

}  // namespace
}  // namespace view360
