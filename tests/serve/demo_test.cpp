// `view360 demo` as a user runs it: the real binary with a small organisation (3 member
// accounts, 1 region, 5 days), its URL from the JSON line, its API asked over HTTP, then Ctrl-C.
//
// - The first run collects, ingests and serves: /healthz, the overview (4 accounts: the
//   management account and 3 members; spend), the accounts list, the embedded dashboard with its
//   security headers, /metrics; Ctrl-C exits 0 and stops the demo's PostgreSQL.
// - A second run on the same folder collects nothing, loads nothing new and is ready in seconds.
// - Ctrl-C while it collects stops everything too, and the next run finishes the collection.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>

#include "common/process.h"
#include "serve/demo_process.h"
#include "support/temp_files.h"
#include "warehouse/embedded_cluster.h"

namespace view360 {
namespace {

using testing::DemoPostmasterPid;
using testing::DemoProcess;
using testing::MakeTempDir;
using namespace std::chrono_literals;

// 3 member accounts and the management account, one region, 5 days: 4 days of cost history
// (one document per account and day) and today's full document per account.
const std::vector<std::string> kSmallOrganisation = {"--accounts", "3",      "--regions",
                                                     "1",          "--days", "5"};
constexpr int kAccounts = 4;
constexpr int kDocuments = kAccounts * (4 + 1);
// Generous for a sanitizer build on a busy 2-core machine; a release build takes about 10 s.
constexpr auto kFirstRunTimeout = 600s;
// "A second run starts in seconds": the demo's own measure of its start-up, sanitizers included.
constexpr double kSecondRunSeconds = 15;

std::string UtcDay() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char day[11];
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  return day;
}

class DemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { root_ = MakeTempDir("view360-demo-test"); }
  static void TearDownTestSuite() {
    for (const auto& entry : std::filesystem::directory_iterator(root_)) {
      if (entry.is_directory()) {
        (void)warehouse::EmbeddedCluster(warehouse::ClusterPathsFor(entry.path())).Stop();
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  // A demo folder under the suite's root ("first", "interrupted", ...).
  static std::string Folder(const std::string& name) {
    const std::string dir = root_ + "/" + name;
    std::filesystem::create_directories(dir);
    chmod(dir.c_str(), 0755);  // Reached by the 'view360' OS user that runs PostgreSQL as root.
    return dir;
  }

  std::unique_ptr<DemoProcess> Start(const std::string& dir) {
    return std::make_unique<DemoProcess>(dir, kSmallOrganisation,
                                         dir + ".log" + std::to_string(++runs_));
  }

  // Runs the demo until it is ready and stops it with Ctrl-C; the folder then holds a collected
  // and loaded organisation. Used by the tests that need one, once per suite.
  static std::string LoadedFolder() {
    if (!loaded_dir_.empty()) return loaded_dir_;
    const std::string dir = Folder("loaded");
    DemoProcess demo(dir, kSmallOrganisation, dir + ".log");
    EXPECT_TRUE(demo.WaitReady(kFirstRunTimeout)) << demo.Log();
    EXPECT_EQ(demo.Interrupt(120s), 0) << demo.Log();
    loaded_day_ = UtcDay();
    loaded_dir_ = dir;
    return dir;
  }

  static inline std::string root_;
  static inline std::string loaded_dir_;  // Set by the first test that loads an organisation.
  static inline std::string loaded_day_;  // The UTC day it was collected.
  int runs_ = 0;
};

TEST_F(DemoTest, FirstRunServesTheOrganisationAndCtrlCStopsEverything) {
  const std::string dir = Folder("first");
  auto demo = Start(dir);
  ASSERT_TRUE(demo->WaitReady(kFirstRunTimeout)) << demo->Log();
  const std::string day = UtcDay();
  EXPECT_EQ(demo->ready()["documents_loaded"], kDocuments) << demo->Log();
  EXPECT_EQ(demo->ready()["url"].get<std::string>().rfind("http://127.0.0.1:", 0), 0u);

  auto health = demo->Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json(), (nlohmann::json{{"status", "ok"}, {"warehouse", "ok"}}));

  auto overview = demo->Get("/api/v1/overview");
  ASSERT_EQ(overview.status, 200) << overview.body;
  const auto o = overview.Json();
  EXPECT_EQ(o["accounts_total"], kAccounts) << o.dump();
  ASSERT_TRUE(o["spend_this_month"].is_number()) << o.dump();
  EXPECT_GE(o["spend_this_month"].get<double>(), 0);
  EXPECT_EQ(o["currency"], "USD");
  // The cost history is there: the last 30 days (the default range) cost something.
  auto daily = demo->Get("/api/v1/costs/daily?group_by=service");
  ASSERT_EQ(daily.status, 200) << daily.body;
  EXPECT_GT(daily.Json()["total"].get<double>(), 0) << daily.body;

  auto accounts = demo->Get("/api/v1/accounts?limit=500");
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  const auto a = accounts.Json();
  EXPECT_EQ(a["total"], kAccounts) << a.dump();
  ASSERT_EQ(a["items"].size(), static_cast<size_t>(kAccounts)) << a.dump();
  double spend = 0;
  bool management = false;
  for (const auto& account : a["items"]) {
    spend += account["spend_this_month"].get<double>();
    management = management || account["account_name"] == "management";
    EXPECT_FALSE(account["last_document_at"].is_null()) << account.dump();
  }
  EXPECT_TRUE(management) << "the management account is not listed: " << a.dump();
  EXPECT_NEAR(spend, o["spend_this_month"].get<double>(), 0.01 * kAccounts)
      << "the accounts' spend this month does not add up to the overview's";

  auto loaded = demo->Get("/api/v1/operations/documents?status=loaded&limit=1");
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  EXPECT_EQ(loaded.Json()["total"], kDocuments);

  // The dashboard is the one built from web/ (scripts/build-web.sh), not the placeholder page.
  auto page = demo->Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("app.js"), std::string::npos)
      << "view360 was built without its dashboard: run scripts/build-web.sh, then configure "
         "again\n"
      << page.body;
  EXPECT_NE(page.content_security_policy.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(page.content_security_policy.find("frame-ancestors 'none'"), std::string::npos);
  auto script = demo->Get("/app.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");

  auto metrics = demo->Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("view360_api_requests_total{endpoint=\"/api/v1/overview\""),
            std::string::npos)
      << metrics.body;

  const pid_t postgres = DemoPostmasterPid(dir);
  ASSERT_GT(postgres, 0) << "the demo's PostgreSQL does not run in " << dir;
  EXPECT_TRUE(ProcessIsRunning(postgres, "postgres"));

  EXPECT_EQ(demo->Interrupt(120s), 0) << demo->Log();
  EXPECT_NE(demo->Log().find("demo: stopping"), std::string::npos) << demo->Log();
  EXPECT_FALSE(ProcessIsRunning(postgres, "postgres")) << "Ctrl-C left PostgreSQL running";
  EXPECT_EQ(DemoPostmasterPid(dir), 0);
  if (!HasFailure() && loaded_dir_.empty()) {
    loaded_dir_ = dir;
    loaded_day_ = day;
  }
}

TEST_F(DemoTest, SecondRunOnTheSameFolderIsReadyInSecondsAndLoadsNothingNew) {
  const std::string dir = LoadedFolder();
  ASSERT_FALSE(HasFailure());
  auto demo = Start(dir);
  ASSERT_TRUE(demo->WaitReady(120s)) << demo->Log();
  if (UtcDay() != loaded_day_) {
    // A new UTC day began since the organisation was collected: this run collected that day,
    // as it should. The next one has nothing left to collect.
    ASSERT_EQ(demo->Interrupt(120s), 0) << demo->Log();
    demo = Start(dir);
    ASSERT_TRUE(demo->WaitReady(120s)) << demo->Log();
  }
  EXPECT_EQ(demo->ready()["documents_loaded"], 0) << demo->Log();
  EXPECT_LT(demo->ready()["seconds"].get<double>(), kSecondRunSeconds) << demo->Log();
  EXPECT_EQ(demo->Log().find("collecting"), std::string::npos)
      << "the second run collected again:\n"
      << demo->Log();

  auto overview = demo->Get("/api/v1/overview");
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_EQ(overview.Json()["accounts_total"], kAccounts);
  EXPECT_EQ(demo->Interrupt(120s), 0) << demo->Log();
  EXPECT_EQ(DemoPostmasterPid(dir), 0);
}

TEST_F(DemoTest, CtrlCWhileCollectingStopsPostgresAndTheNextRunFinishesTheCollection) {
  const std::string dir = Folder("interrupted");
  auto demo = Start(dir);
  ASSERT_TRUE(demo->WaitForLog("demo: collecting every category", kFirstRunTimeout)) << demo->Log();
  const pid_t postgres = DemoPostmasterPid(dir);
  ASSERT_GT(postgres, 0) << demo->Log();

  EXPECT_EQ(demo->Interrupt(120s), 0) << demo->Log();
  EXPECT_NE(demo->Log().find("demo: interrupted"), std::string::npos) << demo->Log();
  EXPECT_FALSE(ProcessIsRunning(postgres, "postgres")) << "Ctrl-C left PostgreSQL running";
  EXPECT_EQ(DemoPostmasterPid(dir), 0);

  // The interrupted day is collected again, in full: the same documents as one whole run.
  demo = Start(dir);
  ASSERT_TRUE(demo->WaitReady(kFirstRunTimeout)) << demo->Log();
  EXPECT_NE(demo->Log().find("demo: collecting every category"), std::string::npos) << demo->Log();
  auto loaded = demo->Get("/api/v1/operations/documents?status=loaded&limit=1");
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  EXPECT_EQ(loaded.Json()["total"], kDocuments) << demo->Log();
  auto overview = demo->Get("/api/v1/overview");
  EXPECT_EQ(overview.Json()["accounts_total"], kAccounts);
  EXPECT_EQ(demo->Interrupt(120s), 0) << demo->Log();
}

}  // namespace
}  // namespace view360
