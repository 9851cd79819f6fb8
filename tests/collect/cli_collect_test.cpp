// `view360 collect` end to end: the real binary against the simulator (in this process, over
// signed HTTP) and moto: push and pull, backfill, a denied role and a suspended account, faults
// and throttling, a collector killed mid-run, and S3 landing with SSE-KMS.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "collect_fixture.h"
#include "common/process.h"
#include "document/validate.h"
#include "support/moto_server.h"
#include "support/temp_files.h"

namespace view360::testing {
namespace {

namespace fs = std::filesystem;

struct CollectRun {
  int exit_code = -1;
  std::string output;
  nlohmann::json summary;  // The --output json line, when there is one.
};

// Runs view360 with keys in the environment (as a scheduled sender would have them).
// extra_env: more NAME=value settings (the original sender's REGION, CUSTOMER, ...).
CollectRun Collect(const aws::Credentials& keys, std::vector<std::string> args,
                   const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> argv = {"env",
                                   "-u",
                                   "AWS_PROFILE",
                                   "-u",
                                   "REGION",
                                   "-u",
                                   "BUCKET",
                                   "AWS_ACCESS_KEY_ID=" + keys.access_key_id,
                                   "AWS_SECRET_ACCESS_KEY=" + keys.secret_access_key,
                                   "AWS_SESSION_TOKEN=" + keys.session_token};
  argv.insert(argv.end(), extra_env.begin(), extra_env.end());
  for (const char* arg : {VIEW360_BINARY, "--output", "json", "collect"}) argv.push_back(arg);
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = RunProcess(argv);
  EXPECT_TRUE(result.ok());
  CollectRun run;
  if (!result.ok()) return run;
  run.exit_code = result->exit_code;
  run.output = result->output;
  const size_t start = run.output.find("{\"accounts\"");
  if (start != std::string::npos) {
    const std::string line = run.output.substr(start, run.output.find('\n', start) - start);
    run.summary = nlohmann::json::parse(line, nullptr, false);
  }
  return run;
}

std::vector<std::string> DocumentsUnder(const std::string& dir) {
  std::vector<std::string> keys;
  if (!fs::exists(dir)) return keys;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      keys.push_back(fs::relative(entry.path(), dir).string());
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

nlohmann::ordered_json ReadDocument(const std::string& path) {
  return nlohmann::ordered_json::parse(ReadFile(path));
}

const nlohmann::json* AccountIn(const nlohmann::json& summary, const std::string& id) {
  for (const auto& a : summary["accounts"]) {
    if (a["account_id"] == id) return &a;
  }
  return nullptr;
}

aws::Credentials RootKeys(SimFixture& sim, int index) {
  return sim.simulator().authenticator().RootCredentials(sim.simulator().world().AccountAt(index));
}

TEST(CollectCommand, PushWritesOneDocumentPerRegionWithAccountWideDataOnlyInTheHomeRegion) {
  SimFixture sim(SmallScenario());
  const std::string out = MakeTempDir("push");
  const std::string account = sim.AccountId(2);
  const CollectRun run = Collect(
      RootKeys(sim, 2), {"--endpoint-url", sim.endpoint(), "--regions", "eu-west-1,us-east-1",
                         "--date", "2025-09-15", "--out", out, "--customer", "Acme"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.summary["documents"], 2);
  EXPECT_EQ(DocumentsUnder(out),
            (std::vector<std::string>{"data/" + account + "/eu-west-1/2025-09-15_DAILY.json",
                                      "data/" + account + "/us-east-1/2025-09-15_DAILY.json"}));
  const auto home = ReadDocument(out + "/data/" + account + "/eu-west-1/2025-09-15_DAILY.json");
  const auto other = ReadDocument(out + "/data/" + account + "/us-east-1/2025-09-15_DAILY.json");
  for (const auto* doc : {&home, &other}) {
    for (const auto& issue : document::Validate(*doc, document::Strictness::kStrict)) {
      ADD_FAILURE() << issue.ToString();
    }
  }
  EXPECT_EQ(home["account"]["customer_name"], "Acme");
  EXPECT_EQ(home["account"]["region"], "eu-west-1");
  EXPECT_EQ(home["view360"]["home_region"], "eu-west-1");
  EXPECT_EQ(home["view360"]["window"]["start"], "2025-09-14");
  EXPECT_TRUE(home["view360"]["skipped"].empty());
  // Account-wide categories are collected once, in the home region (§g S14).
  const auto& skipped = other["view360"]["skipped"];
  for (const char* category : {"cost", "service", "support_tickets", "trusted_advisor", "health"}) {
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), category), skipped.end()) << category;
  }
  EXPECT_TRUE(other["cost"].is_array() && other["cost"].empty());
  EXPECT_FALSE(other["view360"]["api_calls"].empty());
}

TEST(CollectCommand, PullOverAnOrganisationWithADeniedRoleAndASuspendedAccount) {
  sim::Scenario scenario = SmallScenario();
  scenario.accounts = 20;
  scenario.suspended_share = 0.08;
  scenario.regions = {"us-east-1"};
  SimFixture probe(scenario);
  // One member whose role does not trust the management account.
  std::string denied;
  int suspended = 0;
  for (int i = 1; i <= 20; ++i) {
    const auto& a = probe.simulator().world().AccountAt(i);
    if (a.status == "SUSPENDED") {
      ++suspended;
    } else if (denied.empty()) {
      denied = a.id;
    }
  }
  ASSERT_GT(suspended, 0) << "the seed gives at least one suspended account";
  scenario.untrusted_role_accounts = {denied};
  SimFixture sim(scenario);

  const std::string out = MakeTempDir("pull");
  const CollectRun run =
      Collect(RootKeys(sim, 0),
              {"--endpoint-url", sim.endpoint(), "--org", "--regions", "us-east-1", "--date",
               "2025-09-15", "--out", out, "--categories", "account", "--parallel-accounts", "6"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto& summary = run.summary;
  EXPECT_EQ(summary["accounts_total"], 21);
  EXPECT_EQ(summary["skipped"], suspended);
  EXPECT_EQ(summary["failed"], 1);
  EXPECT_EQ(summary["ok"], 21 - suspended - 1);
  EXPECT_EQ(summary["documents"], 21 - suspended - 1);
  const auto* refused = AccountIn(summary, denied);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ((*refused)["status"], "failed");
  EXPECT_NE((*refused)["reason"].get<std::string>().find("AccessDenied"), std::string::npos)
      << (*refused)["reason"];
  for (const auto& a : summary["accounts"]) {
    if (a["status"] == "skipped") {
      EXPECT_EQ(a["reason"], "SUSPENDED");
    }
  }
  // Documents carry what Organizations knows about each account.
  const std::string member = sim.AccountId(1) == denied ? sim.AccountId(2) : sim.AccountId(1);
  const auto doc = ReadDocument(out + "/data/" + member + "/us-east-1/2025-09-15_DAILY.json");
  EXPECT_EQ(doc["view360"]["mode"], "pull");
  EXPECT_FALSE(doc["account"]["account_email"].is_null());

  // --fail-on failed turns the denied account into a non-zero exit.
  const CollectRun strict =
      Collect(RootKeys(sim, 0),
              {"--endpoint-url", sim.endpoint(), "--org", "--regions", "us-east-1", "--date",
               "2025-09-15", "--out", out, "--categories", "account", "--fail-on", "failed"});
  EXPECT_EQ(strict.exit_code, 1) << strict.output;
}

TEST(CollectCommand, BackfillWritesOneDocumentPerDayAlsoFromTheOriginalsEvent) {
  SimFixture sim(SmallScenario());
  const std::string account = sim.AccountId(1);
  const std::string out = MakeTempDir("backfill");
  const CollectRun run =
      Collect(RootKeys(sim, 1),
              {"--endpoint-url", sim.endpoint(), "--regions", "us-east-1", "--history", "--start",
               "2025-09-05", "--end", "2025-09-11", "--out", out, "--categories", "account"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto keys = DocumentsUnder(out);
  ASSERT_EQ(keys.size(), 7u);
  EXPECT_EQ(keys.front(), "data/" + account + "/us-east-1/2025-09-05_DAILY.json");
  EXPECT_EQ(keys.back(), "data/" + account + "/us-east-1/2025-09-11_DAILY.json");
  const auto first = ReadDocument(out + "/" + keys.front());
  EXPECT_EQ(first["view360"]["window"]["start"], "2025-09-04");

  const std::string event_out = MakeTempDir("event");
  const CollectRun event = Collect(
      RootKeys(sim, 1), {"--endpoint-url", sim.endpoint(), "--regions", "us-east-1", "--event",
                         R"({"history": "True", "start": "5-9-2025", "end": "11-9-2025"})", "--out",
                         event_out, "--categories", "account"});
  ASSERT_EQ(event.exit_code, 0) << event.output;
  EXPECT_EQ(DocumentsUnder(event_out), keys);

  const CollectRun monthly = Collect(
      RootKeys(sim, 1), {"--endpoint-url", sim.endpoint(), "--regions", "us-east-1", "--interval",
                         "MONTHLY", "--history", "--start", "2025-07-20", "--end", "2025-09-02",
                         "--out", event_out, "--categories", "account"});
  ASSERT_EQ(monthly.exit_code, 0) << monthly.output;
  EXPECT_EQ(monthly.summary["documents"], 3);
  EXPECT_TRUE(fs::exists(event_out + "/data/" + account + "/us-east-1/2025-08-01_MONTHLY.json"));
}

TEST(CollectCommand, FlagsWinOverTheOriginalsEnvironmentWhichWinsOverTheConfigFile) {
  SimFixture sim(SmallScenario());
  const std::string account = sim.AccountId(1);
  const std::string out = MakeTempDir("settings");
  const std::string config = MakeTempDir("config") + "/view360.yaml";
  WriteFile(config,
            "collect:\n  regions: [eu-west-1]\n  customer: FromFile\n  partner: FromFile\n"
            "  product: FromFile\n  out: " +
                out + "\n  categories: [account]\n");
  const CollectRun run = Collect(RootKeys(sim, 1),
                                 {"--config", config, "--endpoint-url", sim.endpoint(), "--date",
                                  "2025-09-15", "--product", "FromFlag"},
                                 {"PARTNER=FromEnv", "ENVIRONMENT=PRODUCTION"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto doc = ReadDocument(out + "/data/" + account + "/eu-west-1/2025-09-15_DAILY.json");
  EXPECT_EQ(doc["account"]["customer_name"], "FromFile");
  EXPECT_EQ(doc["account"]["partner_name"], "FromEnv");
  EXPECT_EQ(doc["account"]["account_type"], "PRODUCTION");
  EXPECT_EQ(doc["account"]["product"], "FromFlag");
  EXPECT_TRUE(doc["account"]["category"].is_null());
  EXPECT_EQ(doc["view360"]["skipped"].size(), 15u) << "only the configured categories";

  // REGION names the region as in the original sender's environment.
  const std::string out2 = MakeTempDir("region");
  const CollectRun env = Collect(RootKeys(sim, 1),
                                 {"--endpoint-url", sim.endpoint(), "--date", "2025-09-15", "--out",
                                  out2, "--categories", "account"},
                                 {"REGION=us-east-1"});
  ASSERT_EQ(env.exit_code, 0) << env.output;
  EXPECT_EQ(DocumentsUnder(out2),
            (std::vector<std::string>{"data/" + account + "/us-east-1/2025-09-15_DAILY.json"}));
}

TEST(CollectCommand, BadArgumentsAreUsageErrorsThatSayWhatIsWrong) {
  SimFixture sim(SmallScenario());
  const CollectRun unknown = Collect(
      RootKeys(sim, 1),
      {"--endpoint-url", sim.endpoint(), "--categories", "costs", "--out", MakeTempDir("bad")});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.output.find("unknown category 'costs'"), std::string::npos) << unknown.output;
  const CollectRun date = Collect(RootKeys(sim, 1), {"--endpoint-url", sim.endpoint(), "--date",
                                                     "2025-02-30", "--out", MakeTempDir("bad")});
  EXPECT_NE(date.exit_code, 0);
  EXPECT_NE(date.output.find("2025-02-30"), std::string::npos) << date.output;
}

TEST(CollectCommand, AKilledCollectorLeavesNoPartialDocument) {
  sim::Scenario scenario = SmallScenario();
  scenario.accounts = 40;
  scenario.suspended_share = 0;
  scenario.faults.latency = 1.0;
  scenario.faults.latency_ms = 30;
  SimFixture sim(scenario);
  const std::string out = MakeTempDir("killed");
  const aws::Credentials keys = RootKeys(sim, 0);
  const pid_t child = fork();
  if (child == 0) {
    setenv("AWS_ACCESS_KEY_ID", keys.access_key_id.c_str(), 1);
    setenv("AWS_SECRET_ACCESS_KEY", keys.secret_access_key.c_str(), 1);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(VIEW360_BINARY, VIEW360_BINARY, "collect", "--endpoint-url", sim.endpoint().c_str(),
          "--org", "--regions", "us-east-1,eu-west-1", "--date", "2025-09-15", "--out", out.c_str(),
          "--categories", "account", "--parallel-accounts", "4", nullptr);
    _exit(127);
  }
  // Kill it once some documents have landed, while others are being written.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (DocumentsUnder(out).size() < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const auto keys_left = DocumentsUnder(out);
  ASSERT_GE(keys_left.size(), 5u);
  EXPECT_LT(keys_left.size(), 82u) << "killed before the end";
  for (const auto& key : keys_left) {
    const auto text = ReadFile(out + "/" + key);
    const auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << key << " is a partial document";
  }
}

}  // namespace
}  // namespace view360::testing

namespace view360::testing {
namespace {

TEST(CollectCommand, LandsInS3WithSseKmsAndContentMd5) {
  ResetMoto();
  const nlohmann::json created = MotoSetup("landing.bucket_and_key", {{"bucket", "analytics"}});
  aws::Credentials moto;
  moto.access_key_id = "testing";
  moto.secret_access_key = "testing";
  const CollectRun run =
      Collect(moto, {"--endpoint-url", MotoEndpoint(), "--regions", "us-east-1", "--date",
                     "2025-09-15", "--categories", "account", "--out", "s3://analytics/view360",
                     "--kms-key", created["key_arn"].get<std::string>()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.summary["documents"], 1);
  const nlohmann::json landed =
      MotoSetup("landing.objects", {{"bucket", "analytics"}, {"prefix", "view360/"}});
  const std::string key = "view360/data/123456789012/us-east-1/2025-09-15_DAILY.json";
  ASSERT_TRUE(landed["objects"].contains(key)) << landed.dump();
  const auto& object = landed["objects"][key];
  EXPECT_EQ(object["sse"], "aws:kms");
  EXPECT_NE(object["kms_key"].get<std::string>().find(created["key_id"].get<std::string>()),
            std::string::npos);
  const auto doc = nlohmann::ordered_json::parse(object["body"].get<std::string>());
  EXPECT_EQ(doc["account"]["account_id"], "123456789012");
  EXPECT_EQ(landed["pending_uploads"], 0);
}

TEST(CollectCommand, ThrottlingAndServerErrorsGiveTheSameDocumentsAsACalmRun) {
  sim::Scenario calm = SmallScenario();
  calm.accounts = 2;
  calm.regions = {"us-east-1"};
  sim::Scenario storm = calm;
  storm.throttle = true;
  storm.throttle_scale = 0.3;  // Stricter than AWS: throttling is certain.
  storm.faults.server_error = 0.2;
  storm.faults.reset = 0.02;
  const std::vector<std::string> args = {"--org",      "--regions",      "us-east-1", "--date",
                                         "2025-09-15", "--max-attempts", "15"};
  std::map<std::string, nlohmann::ordered_json> expected;
  {
    SimFixture sim(calm);
    const std::string out = MakeTempDir("calm");
    std::vector<std::string> a = {"--endpoint-url", sim.endpoint(), "--out", out};
    a.insert(a.end(), args.begin(), args.end());
    const CollectRun run = Collect(RootKeys(sim, 0), a);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    for (const auto& key : DocumentsUnder(out)) expected[key] = ReadDocument(out + "/" + key);
  }
  ASSERT_EQ(expected.size(), 3u);
  SimFixture sim(storm);
  const std::string out = MakeTempDir("storm");
  std::vector<std::string> a = {"--endpoint-url", sim.endpoint(), "--out", out};
  a.insert(a.end(), args.begin(), args.end());
  const CollectRun run = Collect(RootKeys(sim, 0), a);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_GT(run.summary["retries"].get<int>(), 0) << run.summary.dump();
  EXPECT_GT(run.summary["throttled"].get<int>(), 0) << run.summary.dump();
  ASSERT_EQ(DocumentsUnder(out).size(), expected.size());
  for (const auto& [key, calm_doc] : expected) {
    const auto doc = ReadDocument(out + "/" + key);
    for (const auto& [section, value] : calm_doc.items()) {
      if (section == "view360" || section == "logs") continue;
      EXPECT_EQ(doc[section], value) << key << " " << section << " differs under faults";
    }
    // The same statuses and the same failures (error texts carry request ids).
    auto outcome = [](const nlohmann::ordered_json& d) {
      std::vector<std::string> summary;
      for (const auto& [name, status] : d["logs"].items()) {
        if (name != "message") summary.push_back(name + "=" + status.get<std::string>());
      }
      for (const auto& e : d["view360"]["errors"]) {
        summary.push_back(e["tag"].get<std::string>() + ":" + e["code"].get<std::string>());
      }
      std::sort(summary.begin(), summary.end());  // Categories fail in any order.
      return summary;
    };
    EXPECT_EQ(outcome(doc), outcome(calm_doc)) << key;
  }
}

}  // namespace
}  // namespace view360::testing
