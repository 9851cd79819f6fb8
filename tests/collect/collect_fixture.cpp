#include "collect_fixture.h"

#include <gtest/gtest.h>

#include "common/process.h"
#include "document/validate.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

std::unique_ptr<collect::AccountClients> ClientsWith(
    aws::SessionOptions options, std::vector<std::unique_ptr<aws::AwsSession>>* keep) {
  auto session = aws::AwsSession::Create(options);
  EXPECT_TRUE(session.ok()) << session.status().message();
  aws::AwsSession* raw = session->get();
  keep->push_back(std::move(*session));
  return std::make_unique<collect::AccountClients>(
      [raw](const std::string& region) { return raw->Client(region); });
}

std::vector<std::unique_ptr<aws::AwsSession>>& MotoSessions() {
  static std::vector<std::unique_ptr<aws::AwsSession>> sessions;
  return sessions;
}

}  // namespace

SimFixture::SimFixture(sim::Scenario scenario, bool strict) {
  sim::SimulatorOptions options;
  options.strict = strict;
  simulator_ = std::make_unique<sim::Simulator>(std::move(scenario), options);
  sim::ServerOptions server;
  server.idle_timeout_s = 1;
  server_ = std::make_unique<sim::SimServer>(*simulator_, server);
  const Status started = server_->Start();
  EXPECT_TRUE(started.ok()) << started.message();
}

SimFixture::~SimFixture() {
  sessions_.clear();
  server_->Stop();
}

std::string SimFixture::AccountId(int index) const {
  return simulator_->world().AccountAt(index).id;
}

std::unique_ptr<collect::AccountClients> SimFixture::Clients(int account_index, int max_attempts) {
  const aws::Credentials root =
      simulator_->authenticator().RootCredentials(simulator_->world().AccountAt(account_index));
  aws::SessionOptions options;
  options.region = "us-east-1";
  options.endpoint_url = endpoint();
  options.access_key_id = root.access_key_id;
  options.secret_access_key = root.secret_access_key;
  options.retry.max_attempts = max_attempts;
  options.retry.base = std::chrono::milliseconds(5);
  options.retry.max_backoff = std::chrono::milliseconds(50);
  options.rate_limit = false;
  return ClientsWith(options, &sessions_);
}

sim::Scenario SmallScenario() {
  sim::Scenario scenario;
  scenario.accounts = 6;
  scenario.regions = {"us-east-1", "eu-west-1"};
  scenario.today = "2025-09-20";
  scenario.throttle = false;
  scenario.suspended_share = 0;
  return scenario;
}

std::unique_ptr<collect::AccountClients> MotoClients() {
  aws::SessionOptions options;
  options.region = "us-east-1";
  options.endpoint_url = MotoEndpoint();
  options.access_key_id = "testing";
  options.secret_access_key = "testing";
  options.retry.max_attempts = 2;
  options.retry.base = std::chrono::milliseconds(5);
  options.rate_limit = false;
  return ClientsWith(options, &MotoSessions());
}

nlohmann::json MotoSetup(const std::string& step, const nlohmann::json& args) {
  const std::string script = std::string(VIEW360_COLLECT_TEST_DIR) + "/moto_setup.py";
  auto result = RunProcess({"python3", script, MotoEndpoint(), step, args.dump()});
  EXPECT_TRUE(result.ok()) << result.status().message();
  if (!result.ok()) return nullptr;
  EXPECT_EQ(result->exit_code, 0) << result->output;
  const size_t line = result->output.rfind("\n{");
  const std::string last =
      line == std::string::npos ? result->output : result->output.substr(line + 1);
  auto parsed = nlohmann::json::parse(last, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << result->output;
  return parsed;
}

CategoryRun RunCategory(const std::string& category, const collect::Target& target,
                        const collect::Window& window, collect::AccountClients& clients) {
  collect::DocumentRequest request;
  request.target = target;
  request.window = window;
  request.categories = {category};
  CategoryRun run;
  run.collected = collect::CollectDocument(request, clients);
  run.document = nlohmann::ordered_json::parse(run.collected.body);
  for (const auto& issue : document::Validate(run.document, document::Strictness::kStrict)) {
    ADD_FAILURE() << "the document does not have the View360 v2 shape: " << issue.ToString();
  }
  const collect::Category* spec = collect::FindCategory(category);
  EXPECT_NE(spec, nullptr) << category;
  if (spec) run.section = run.document[std::string(spec->section_key)];
  run.logs = run.document["logs"];
  for (const auto& c : run.collected.categories) {
    if (c.name == category) run.status = c.status;
  }
  return run;
}

collect::Target TargetFor(const std::string& account, const std::string& region) {
  collect::Target target;
  target.account_id = account;
  target.region = region;
  target.home = region;
  return target;
}

collect::Window DailyWindow(const std::string& requested) {
  return collect::WindowFor(collect::Interval::kDaily, *collect::ParseDay(requested));
}

}  // namespace view360::testing
