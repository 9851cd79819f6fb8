// AwsClient end to end: against moto (a third-party AWS emulator) over signed HTTP, and against
// a scripted transport for retries, throttling, clock skew and secrets.
#include "aws/client.h"

#include <gtest/gtest.h>

#include <deque>
#include <nlohmann/json.hpp>
#include <set>

#include "aws/curl_transport.h"
#include "aws/session.h"
#include "support/moto_server.h"

namespace view360::aws {
namespace {

using nlohmann::json;

class StaticCredentials : public CredentialsProvider {
 public:
  explicit StaticCredentials(Credentials c) : credentials_(std::move(c)) {}
  Result<Credentials> Get() override { return credentials_; }

 private:
  Credentials credentials_;
};

const Credentials kTestCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                   "session-token-secret", std::nullopt, "test"};

AwsClient::Dependencies Deps(Transport* transport, CredentialsProvider* credentials) {
  AwsClient::Dependencies deps;
  deps.transport = transport;
  deps.credentials = credentials;
  deps.sleep = [](std::chrono::milliseconds) {};
  return deps;
}

// ---- Against moto ------------------------------------------------------------------------

class MotoClientTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::ResetMoto(); }

  std::unique_ptr<AwsClient> Client(CredentialsProvider* credentials = nullptr,
                                    const std::string& region = "eu-west-1") {
    return std::make_unique<AwsClient>(Deps(&transport_, credentials ? credentials : &credentials_),
                                       ClientOptions{region, testing::MotoEndpoint(), "", {}});
  }

  CurlTransport transport_;
  StaticCredentials credentials_{kTestCredentials};
};

TEST_F(MotoClientTest, QueryProtocolCallReturnsTheParsedOutput) {
  auto output = Client()->Call("sts", "GetCallerIdentity", json::object());
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ((*output)["Account"], "123456789012");
  EXPECT_FALSE(output->contains("ResponseMetadata"));
}

TEST_F(MotoClientTest, AssumeRoleGivesCredentialsThatActInTheOtherAccount) {
  ClientStsApi sts(transport_, ClientOptions{"eu-west-1", testing::MotoEndpoint(), "", {}},
                   nullptr);
  auto assumed = sts.AssumeRole(
      {"arn:aws:iam::210987654321:role/View360ReadOnly", "view360", std::string("ext-id"), 900},
      kTestCredentials);
  ASSERT_TRUE(assumed.ok()) << assumed.status().ToString();
  EXPECT_FALSE(assumed->session_token.empty());
  EXPECT_TRUE(assumed->expiration.has_value());
  StaticCredentials role(*assumed);
  auto who = Client(&role)->Call("sts", "GetCallerIdentity", json::object());
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ((*who)["Account"], "210987654321");
}

TEST_F(MotoClientTest, JsonProtocolPaginationReturnsEveryAccountOnce) {
  auto client = Client(nullptr, "us-east-1");
  ASSERT_TRUE(client->Call("organizations", "CreateOrganization", {{"FeatureSet", "ALL"}}).ok());
  for (int i = 0; i < 5; ++i) {
    auto created = client->Call("organizations", "CreateAccount",
                                {{"AccountName", "member-" + std::to_string(i)},
                                 {"Email", "m" + std::to_string(i) + "@example.com"}});
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  std::set<std::string> ids;
  int pages = 0;
  Status s =
      client->Paginate("organizations", "ListAccounts", {{"MaxResults", 2}}, [&](const json& page) {
        ++pages;
        for (const auto& account : page["Accounts"]) {
          EXPECT_TRUE(ids.insert(account["Id"].get<std::string>()).second);
          EXPECT_TRUE(account["JoinedTimestamp"].is_string());
        }
        return OkStatus();
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ids.size(), 6u);  // The management account and five members.
  EXPECT_EQ(pages, 3);
}

TEST_F(MotoClientTest, Ec2ProtocolInstancesWithTags) {
  auto client = Client();
  auto run = client->Call("ec2", "RunInstances",
                          {{"ImageId", "ami-12345678"},
                           {"MinCount", 2},
                           {"MaxCount", 2},
                           {"InstanceType", "t3.micro"},
                           {"TagSpecifications",
                            {{{"ResourceType", "instance"},
                              {"Tags", {{{"Key", "Customer"}, {"Value", "Acme & Co"}}}}}}}});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  auto described = client->Call(
      "ec2", "DescribeInstances",
      {{"Filters", {{{"Name", "instance-state-name"}, {"Values", {"pending", "running"}}}}}});
  ASSERT_TRUE(described.ok()) << described.status().ToString();
  int instances = 0;
  for (const auto& reservation : (*described)["Reservations"]) {
    for (const auto& instance : reservation["Instances"]) {
      ++instances;
      EXPECT_EQ(instance["InstanceType"], "t3.micro");
      ASSERT_TRUE(instance["Tags"].is_array());
      EXPECT_EQ(instance["Tags"][0]["Value"], "Acme & Co");
      EXPECT_TRUE(instance["LaunchTime"].get<std::string>().ends_with("Z"));
    }
  }
  EXPECT_EQ(instances, 2);
}

TEST_F(MotoClientTest, RestXmlObjectsWithSseKmsAndErrors) {
  auto client = Client();
  ASSERT_TRUE(client
                  ->Call("s3", "CreateBucket",
                         {{"Bucket", "view360-data"},
                          {"CreateBucketConfiguration", {{"LocationConstraint", "eu-west-1"}}}})
                  .ok());
  const std::string body = "{\"account\": \"ünïcødé & <xml>\"}";
  auto put = client->Call("s3", "PutObject",
                          {{"Bucket", "view360-data"},
                           {"Key", "data/111111111111/2025-09-15 DAILY+x.json"},
                           {"Body", body},
                           {"ServerSideEncryption", "aws:kms"},
                           {"SSEKMSKeyId", "arn:aws:kms:eu-west-1:123456789012:key/k-1"}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto head = client->Call(
      "s3", "HeadObject",
      {{"Bucket", "view360-data"}, {"Key", "data/111111111111/2025-09-15 DAILY+x.json"}});
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ((*head)["ServerSideEncryption"], "aws:kms");
  EXPECT_EQ((*head)["SSEKMSKeyId"], "arn:aws:kms:eu-west-1:123456789012:key/k-1");
  auto get = client->Call(
      "s3", "GetObject",
      {{"Bucket", "view360-data"}, {"Key", "data/111111111111/2025-09-15 DAILY+x.json"}});
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  EXPECT_EQ((*get)["Body"], body);

  auto missing = client->Call("s3", "GetObject", {{"Bucket", "view360-data"}, {"Key", "nope"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "NoSuchKey");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_F(MotoClientTest, UnknownOperationsAndBadParametersAreRefusedBeforeSending) {
  auto client = Client();
  EXPECT_EQ(client->Call("sts", "NoSuchOperation", json::object()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(client->Call("nosuchservice", "Op", json::object()).status().code(),
            StatusCode::kNotFound);
  auto bad = client->Call("sts", "AssumeRole", {{"RoleArn", "arn:aws:iam::1:role/x"}});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("RoleSessionName"), std::string::npos)
      << bad.status().message();
  EXPECT_TRUE(client->Stats().calls.empty());
}

// ---- Scripted transport --------------------------------------------------------------------

// Answers from a script, one response (or transport error) per request, and records requests.
class ScriptedTransport : public Transport {
 public:
  std::deque<Result<HttpResponse>> script;
  std::vector<HttpRequest> requests;

  Result<HttpResponse> Send(const HttpRequest& request) override {
    requests.push_back(request);
    if (script.empty()) return InternalError("script exhausted");
    auto next = std::move(script.front());
    script.pop_front();
    return next;
  }
};

HttpResponse Xml(int status, const std::string& body, Headers headers = {}) {
  headers.emplace_back("Content-Type", "text/xml");
  return HttpResponse{status, headers, body};
}

const char kCallerIdentity[] =
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>AID</UserId>"
    "<Account>123456789012</Account></GetCallerIdentityResult>"
    "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";

std::string QueryError(const std::string& code, const std::string& message) {
  return "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>r-err</RequestId></ErrorResponse>";
}

class ScriptedClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<AwsClient> Client(int max_attempts = 3) {
    auto deps = Deps(&transport_, &credentials_);
    deps.sleep = [this](std::chrono::milliseconds d) { sleeps_.push_back(d); };
    deps.limiter = &limiter_;
    deps.now = [this] { return now_; };
    deps.uniform01 = [] { return 0.5; };
    ClientOptions options{"eu-west-1", "https://sts.example.test", "111111111111", {}};
    options.retry.max_attempts = max_attempts;
    return std::make_unique<AwsClient>(deps, options);
  }

  ScriptedTransport transport_;
  StaticCredentials credentials_{kTestCredentials};
  RateLimiter limiter_{RateLimiter::SteadyClock::now, [](RateLimiter::SteadyClock::duration) {}};
  std::vector<std::chrono::milliseconds> sleeps_;
  Clock::time_point now_ = Clock::from_time_t(1758000000);  // 2025-09-16T05:20:00Z
};

TEST_F(ScriptedClientTest, TransientFailuresAreRetriedWithBackoffThenSucceed) {
  transport_.script.push_back(
      Status(StatusCode::kUnavailable, "connection reset", "ConnectionError"));
  transport_.script.push_back(Xml(503, QueryError("ServiceUnavailable", "try later")));
  transport_.script.push_back(Xml(200, kCallerIdentity));
  auto output = Client()->Call("sts", "GetCallerIdentity", json::object());
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ(transport_.requests.size(), 3u);
  // Full jitter at 0.5: half of 1 s, then half of 2 s.
  EXPECT_EQ(sleeps_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(500),
                                                             std::chrono::milliseconds(1000)}));
  // Each attempt is signed afresh.
  EXPECT_NE(FindHeader(transport_.requests[0].headers, "Authorization"), std::nullopt);
}

TEST_F(ScriptedClientTest, ThrottlingSlowsTheBucketAndGivingUpSaysWhy) {
  for (int i = 0; i < 3; ++i)
    transport_.script.push_back(Xml(400, QueryError("Throttling", "Rate exceeded")));
  auto output = Client()->Call("sts", "GetCallerIdentity", json::object());
  ASSERT_FALSE(output.ok());
  EXPECT_EQ(output.status().reason(), "Throttling");
  EXPECT_EQ(output.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(output.status().message().find("gave up after 3 attempts"), std::string::npos)
      << output.status().message();
  EXPECT_LT(limiter_.CurrentRate({"111111111111", "eu-west-1", "sts", "GetCallerIdentity"}),
            DefaultApiRate("sts", "GetCallerIdentity").per_second);
  auto stats = Client()->Stats();
  EXPECT_EQ(stats.calls.size(), 0u);  // Stats belong to each client.
}

TEST_F(ScriptedClientTest, AccessDeniedIsNotRetried) {
  transport_.script.push_back(Xml(403, QueryError("AccessDenied", "not allowed")));
  auto client = Client();
  auto output = client->Call("sts", "GetCallerIdentity", json::object());
  EXPECT_EQ(output.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(transport_.requests.size(), 1u);
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(client->Stats().calls["sts:GetCallerIdentity"], 1);
}

TEST_F(ScriptedClientTest, ASkewedClockIsCorrectedFromTheServersDate) {
  // The server's clock is one hour ahead of ours.
  transport_.script.push_back(
      Xml(403,
          QueryError("SignatureDoesNotMatch",
                     "Signature expired: 20250916T052000Z is now earlier than ..."),
          {{"Date", "Tue, 16 Sep 2025 06:20:00 GMT"}}));
  transport_.script.push_back(Xml(200, kCallerIdentity));
  auto output = Client()->Call("sts", "GetCallerIdentity", json::object());
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  ASSERT_EQ(transport_.requests.size(), 2u);
  EXPECT_EQ(FindHeader(transport_.requests[0].headers, "X-Amz-Date"), "20250916T052000Z");
  EXPECT_EQ(FindHeader(transport_.requests[1].headers, "X-Amz-Date"), "20250916T062000Z");
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(ScriptedClientTest, SecretsNeverAppearInErrors) {
  transport_.script.push_back(Status(StatusCode::kUnavailable, "reset", "ConnectionError"));
  transport_.script.push_back(Xml(
      403,
      QueryError("InvalidClientTokenId", "The security token included in the request is invalid")));
  auto output = Client()->Call("sts", "GetCallerIdentity", json::object());
  ASSERT_FALSE(output.ok());
  const std::string message = output.status().ToString();
  EXPECT_EQ(message.find(kTestCredentials.secret_access_key), std::string::npos);
  EXPECT_EQ(message.find(kTestCredentials.session_token), std::string::npos);
}

}  // namespace
}  // namespace view360::aws
