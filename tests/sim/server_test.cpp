// The simulator over HTTP, as our own AWS client sees it: SigV4 checked on every request
// (wrong secret, unknown key, expired session), AssumeRole into members (denied where the
// scenario says), throttling with each service's own code, faults reproducible from the seed,
// pagination tokens bound to their operation, and the admin endpoint's record of what arrived.
// botocore's and the AWS CLI's view of the same server is judged by judge_test.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/retry.h"
#include "aws/session.h"
#include "sim/server.h"

namespace view360::sim {
namespace {

Scenario TestScenario() {
  Scenario scenario;
  scenario.seed = 7;
  scenario.accounts = 12;
  scenario.today = "2025-09-20";
  scenario.throttle = false;
  return scenario;
}

class SimServerTest : public ::testing::Test {
 protected:
  void Start(Scenario scenario) {
    SimulatorOptions strict;
    strict.strict = true;
    simulator_ = std::make_unique<Simulator>(std::move(scenario), strict);
    ServerOptions options;
    options.idle_timeout_s = 1;
    server_ = std::make_unique<SimServer>(*simulator_, options);
    ASSERT_TRUE(server_->Start().ok());
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  std::unique_ptr<aws::AwsClient> ClientWith(const aws::Credentials& credentials,
                                             int attempts = 1) {
    aws::SessionOptions options;
    options.region = "us-east-1";
    options.endpoint_url = server_->endpoint();
    options.access_key_id = credentials.access_key_id;
    options.secret_access_key = credentials.secret_access_key;
    options.session_token = credentials.session_token;
    options.retry.max_attempts = attempts;
    options.rate_limit = false;
    auto session = aws::AwsSession::Create(options);
    EXPECT_TRUE(session.ok()) << session.status().message();
    sessions_.push_back(std::move(*session));
    return sessions_.back()->Client();
  }
  aws::Credentials Root(int index = 0) {
    return simulator_->authenticator().RootCredentials(simulator_->world().AccountAt(index));
  }

  std::unique_ptr<Simulator> simulator_;
  std::unique_ptr<SimServer> server_;
  std::vector<std::unique_ptr<aws::AwsSession>> sessions_;
};

TEST_F(SimServerTest, RootKeysIdentifyTheirAccount) {
  Start(TestScenario());
  for (int index : {0, 5}) {
    auto identity = ClientWith(Root(index))->Call("sts", "GetCallerIdentity", {});
    ASSERT_TRUE(identity.ok()) << identity.status().message();
    EXPECT_EQ((*identity)["Account"], simulator_->world().AccountAt(index).id);
  }
}

TEST_F(SimServerTest, WrongSecretIsSignatureDoesNotMatch) {
  Start(TestScenario());
  auto credentials = Root();
  credentials.secret_access_key[3] ^= 1;
  auto result = ClientWith(credentials)->Call("sts", "GetCallerIdentity", {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().reason(), "SignatureDoesNotMatch");
  // The same failure in other protocols' error formats (ec2, json, rest-xml).
  for (const auto& [service, operation] :
       {std::pair{"ec2", "DescribeRegions"}, {"kms", "ListKeys"}, {"s3", "ListBuckets"}}) {
    auto other = ClientWith(credentials)->Call(service, operation, {});
    EXPECT_EQ(other.status().reason(), "SignatureDoesNotMatch") << service;
  }
}

TEST_F(SimServerTest, UnknownKeyIsInvalidClientTokenId) {
  Start(TestScenario());
  aws::Credentials stranger;
  stranger.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  stranger.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  auto result = ClientWith(stranger)->Call("organizations", "ListRoots", {});
  EXPECT_EQ(result.status().reason(), "InvalidClientTokenId");
  EXPECT_EQ(simulator_->recorder().Stats()["totals"]["auth_failed"], 1);
}

TEST_F(SimServerTest, AssumedRoleActsInTheMemberAccount) {
  Start(TestScenario());
  const Account member = simulator_->world().AccountAt(3);
  auto assumed =
      ClientWith(Root())->Call("sts", "AssumeRole",
                               {{"RoleArn", "arn:aws:iam::" + member.id + ":role/View360ReadOnly"},
                                {"RoleSessionName", "view360-test"}});
  ASSERT_TRUE(assumed.ok()) << assumed.status().message();
  const auto& c = (*assumed)["Credentials"];
  aws::Credentials temporary;
  temporary.access_key_id = c["AccessKeyId"];
  temporary.secret_access_key = c["SecretAccessKey"];
  temporary.session_token = c["SessionToken"];
  auto identity = ClientWith(temporary)->Call("sts", "GetCallerIdentity", {});
  ASSERT_TRUE(identity.ok()) << identity.status().message();
  EXPECT_EQ((*identity)["Account"], member.id);
  EXPECT_EQ((*identity)["Arn"],
            "arn:aws:sts::" + member.id + ":assumed-role/View360ReadOnly/view360-test");
  // A member's session cannot list the organisation.
  auto accounts = ClientWith(temporary)->Call("organizations", "ListAccounts", {});
  EXPECT_EQ(accounts.status().reason(), "AccessDeniedException");
}

TEST_F(SimServerTest, ExpiredSessionIsExpiredToken) {
  Start(TestScenario());
  auto expired = simulator_->authenticator().IssueRoleCredentials(
      simulator_->world().AccountAt(2), "View360ReadOnly", "old",
      Clock::now() - std::chrono::minutes(1));
  auto result = ClientWith(expired)->Call("sts", "GetCallerIdentity", {});
  EXPECT_EQ(result.status().reason(), "ExpiredToken");
}

TEST_F(SimServerTest, RolesTheScenarioBreaksAreDenied) {
  Scenario scenario = TestScenario();
  World probe(scenario);
  scenario.missing_role_accounts = {probe.AccountAt(4).id};
  scenario.untrusted_role_accounts = {probe.AccountAt(5).id};
  scenario.external_id = "view360-ext";
  Start(scenario);
  auto client = ClientWith(Root());
  const auto assume = [&](int index, const std::string& external_id) {
    nlohmann::json params = {
        {"RoleArn", "arn:aws:iam::" + probe.AccountAt(index).id + ":role/View360ReadOnly"},
        {"RoleSessionName", "judge"}};
    if (!external_id.empty()) params["ExternalId"] = external_id;
    return client->Call("sts", "AssumeRole", params).status();
  };
  EXPECT_TRUE(assume(6, "view360-ext").ok());
  EXPECT_EQ(assume(6, "").reason(), "AccessDenied");             // ExternalId required.
  EXPECT_EQ(assume(6, "wrong").reason(), "AccessDenied");        // and must match.
  EXPECT_EQ(assume(4, "view360-ext").reason(), "AccessDenied");  // Role missing.
  EXPECT_EQ(assume(5, "view360-ext").reason(), "AccessDenied");  // Role does not trust us.
}

TEST_F(SimServerTest, ThrottledCallsCarryTheServicesThrottlingCode) {
  Scenario scenario = TestScenario();
  scenario.throttle = true;
  scenario.throttle_scale = 0.0001;  // Buckets of one token that refill in hours.
  Start(scenario);
  auto client = ClientWith(Root());
  ASSERT_TRUE(client->Call("organizations", "ListRoots", {}).ok());
  auto throttled = client->Call("organizations", "ListRoots", {});
  EXPECT_EQ(throttled.status().reason(), "TooManyRequestsException");
  EXPECT_TRUE(aws::IsThrottlingCode(throttled.status().reason()));
  // Buckets are per (account, region, operation): another operation is not throttled.
  EXPECT_TRUE(client->Call("organizations", "DescribeOrganization", {}).ok());
  EXPECT_EQ(simulator_->recorder().Stats()["totals"]["throttled"], 1);
}

TEST_F(SimServerTest, FaultsFollowTheSeed) {
  Scenario scenario = TestScenario();
  scenario.faults.server_error = 0.3;
  scenario.faults.reset = 0.2;
  scenario.faults.malformed = 0.2;
  std::vector<int> first, second;
  for (uint64_t n = 0; n < 200; ++n) {
    first.push_back(static_cast<int>(DrawFault(scenario, n).kind));
    second.push_back(static_cast<int>(DrawFault(scenario, n).kind));
  }
  EXPECT_EQ(first, second);
  const auto count = [&](FaultKind kind) {
    return std::count(first.begin(), first.end(), static_cast<int>(kind));
  };
  EXPECT_NEAR(count(FaultKind::kServerError), 60, 25);
  EXPECT_NEAR(count(FaultKind::kReset), 40, 20);
  EXPECT_NEAR(count(FaultKind::kMalformed), 40, 20);
}

TEST_F(SimServerTest, ResetAndMalformedResponsesFailCleanlyAndRetriesRecover) {
  Scenario scenario = TestScenario();
  scenario.faults.reset = 1.0;
  Start(scenario);
  auto reset = ClientWith(Root())->Call("sts", "GetCallerIdentity", {});
  ASSERT_FALSE(reset.ok());
  EXPECT_EQ(reset.status().code(), StatusCode::kUnavailable) << reset.status().message();
  server_->Stop();

  scenario.faults.reset = 0;
  scenario.faults.malformed = 1.0;
  Start(scenario);
  auto malformed = ClientWith(Root())->Call("organizations", "ListRoots", {});
  ASSERT_FALSE(malformed.ok());
  server_->Stop();

  // A third of requests fail with 5xx: a client with retries still gets every answer.
  scenario.faults.malformed = 0;
  scenario.faults.server_error = 0.3;
  Start(scenario);
  auto patient = ClientWith(Root(), /*attempts=*/8);
  for (int i = 0; i < 20; ++i) {
    auto result = patient->Call("sts", "GetCallerIdentity", {});
    ASSERT_TRUE(result.ok()) << result.status().message();
  }
  EXPECT_GT(simulator_->recorder().Stats()["totals"]["fault"], 0);
}

TEST_F(SimServerTest, PageTokensAreBoundToTheirOperation) {
  Scenario scenario = TestScenario();
  scenario.page_size = 3;
  Start(scenario);
  auto client = ClientWith(Root());
  auto page = client->Call("organizations", "ListAccounts", {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ((*page)["Accounts"].size(), 3u);
  const std::string token = (*page)["NextToken"];
  auto users = client->Call("iam", "ListUsers", {{"Marker", token}});
  EXPECT_EQ(users.status().reason(), "InvalidNextToken");
  auto made_up = client->Call("organizations", "ListAccounts", {{"NextToken", "garbage"}});
  EXPECT_EQ(made_up.status().reason(), "InvalidNextTokenException");
  // Every account once, through our own paginator.
  std::set<std::string> ids;
  ASSERT_TRUE(client
                  ->Paginate("organizations", "ListAccounts", {},
                             [&](const nlohmann::json& p) {
                               for (const auto& a : p["Accounts"]) ids.insert(a["Id"]);
                               return OkStatus();
                             })
                  .ok());
  EXPECT_EQ(ids.size(), 13u);
}

TEST_F(SimServerTest, AdminEndpointReportsCallsNotificationsAndMetrics) {
  Start(TestScenario());
  auto client = ClientWith(Root());
  const std::string topic =
      "arn:aws:sns:us-east-1:" + simulator_->world().management().id + ":view360-alerts";
  ASSERT_TRUE(
      client->Call("sns", "Publish", {{"TopicArn", topic}, {"Message", "cost spike"}}).ok());
  ASSERT_TRUE(client
                  ->Call("cloudwatch", "PutMetricData",
                         {{"Namespace", "View360"},
                          {"MetricData", {{{"MetricName", "Accounts"}, {"Value", 12.0}}}}})
                  .ok());
  auto notifications = simulator_->recorder().Notifications();
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0]["message"], "cost spike");
  EXPECT_EQ(notifications[0]["topic_arn"], topic);
  auto metrics = simulator_->recorder().Metrics();
  ASSERT_EQ(metrics.size(), 1u);
  EXPECT_EQ(metrics[0]["MetricName"], "Accounts");
  EXPECT_EQ(metrics[0]["Value"], 12.0);
  auto stats = simulator_->recorder().Stats();
  EXPECT_EQ(stats["by_operation"]["sns:Publish"]["ok"], 1);
  EXPECT_EQ(stats["by_account"][simulator_->world().management().id]["ok"], 2);
  // A topic of another account does not exist for this caller.
  auto foreign = client->Call(
      "sns", "Publish", {{"TopicArn", "arn:aws:sns:us-east-1:999999999999:x"}, {"Message", "m"}});
  EXPECT_EQ(foreign.status().reason(), "NotFound");
}

}  // namespace
}  // namespace view360::sim
