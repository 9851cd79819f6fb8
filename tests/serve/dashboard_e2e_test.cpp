// The dashboard in headless Chromium against the real server: `view360 demo` with a small
// organisation (and one broken document in its bucket, so that the failed-documents table has a
// row and a reason to show), then tests/web/dashboard.spec.mjs (playwright-core, Debian's
// chromium) with BASE_URL at the demo. The spec opens every page and compares every number shown
// with what the API answers, clicks filters, paging and sorting, and saves a screenshot per page
// and state in <build>/test-artifacts/dashboard/.
//
// Skipped (ctest shows it as skipped) only when node or Chromium is missing on this machine;
// scripts/setup.sh --test installs both. A missing web/node_modules is a failure.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/process.h"
#include "serve/demo_process.h"
#include "support/temp_files.h"
#include "warehouse/embedded_cluster.h"

namespace view360 {
namespace {

using namespace std::chrono_literals;

std::string Chromium() {
  const char* chromium = std::getenv("CHROMIUM");
  return chromium != nullptr && *chromium != '\0' ? chromium : "/usr/bin/chromium";
}

bool NodeIsInstalled() {
  auto run = RunProcess({"node", "--version"});
  return run.ok() && run->exit_code == 0;
}

class DashboardE2eTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("view360-dashboard-e2e"); }
  void TearDown() override {
    (void)warehouse::EmbeddedCluster(warehouse::ClusterPathsFor(dir_ + "/demo")).Stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string dir_;
};

TEST_F(DashboardE2eTest, EveryPageShowsTheNumbersOfTheApiInChromium) {
  if (!NodeIsInstalled()) GTEST_SKIP() << "node is not installed (scripts/setup.sh --test)";
  if (access(Chromium().c_str(), X_OK) != 0) {
    GTEST_SKIP() << "no Chromium at " << Chromium() << " (scripts/setup.sh --test)";
  }
  const std::string source = VIEW360_SOURCE_DIR;
  ASSERT_TRUE(std::filesystem::exists(source + "/web/node_modules/playwright-core/package.json"))
      << "playwright-core is not installed in web/node_modules: run scripts/build-web.sh";

  const std::string demo_dir = dir_ + "/demo";
  const std::string broken = demo_dir + "/store/data/101000000001/us-east-1";
  std::filesystem::create_directories(broken);
  chmod(demo_dir.c_str(), 0755);
  testing::WriteFile(broken + "/2026-01-01_DAILY.json", R"({"account": [{"account_id": )");
  testing::DemoProcess demo(demo_dir, {"--accounts", "3", "--regions", "1", "--days", "5"},
                            dir_ + "/demo.log");
  ASSERT_TRUE(demo.WaitReady(600s)) << demo.Log();
  auto failed = demo.Get("/api/v1/operations/documents?status=failed");
  ASSERT_EQ(failed.status, 200) << failed.body;
  ASSERT_EQ(failed.Json()["total"], 1) << failed.body;

  const std::string screenshots = VIEW360_TEST_ARTIFACTS_DIR "/dashboard";
  std::filesystem::remove_all(screenshots);
  auto run = RunProcess(
      {"env", "BASE_URL=" + demo.ready()["url"].get<std::string>(), "SCREENSHOT_DIR=" + screenshots,
       "CHROMIUM=" + Chromium(), "node", source + "/tests/web/dashboard.spec.mjs"},
      {.run_as = nullptr, .working_dir = source});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->exit_code, 0) << run->output;
  EXPECT_NE(run->output.find(" passed, 0 failed"), std::string::npos) << run->output;
  EXPECT_TRUE(std::filesystem::exists(screenshots + "/overview.png")) << run->output;

  EXPECT_EQ(demo.Interrupt(120s), 0) << demo.Log();
}

}  // namespace
}  // namespace view360
