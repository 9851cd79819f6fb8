// Credentials: the shared config files, each source, the default chain's order, caching and
// refresh, and the promise that no secret reaches a message.
//
// Nothing here reads the real environment or ~/.aws, or talks to a network: the environment is
// a map, HTTP is a FakeTransport that answers from a table, STS is a FakeSts that records what
// it was asked, time is a FakeClock, and credential_process runs a shell script from
// tests/aws/data/credentials/.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <map>
#include <mutex>
#include <thread>

#include "aws/credential_cache.h"
#include "aws/credential_chain.h"
#include "aws/credentials.h"
#include "aws/shared_config.h"
#include "support/temp_files.h"

namespace view360::aws {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using view360::testing::MakeTempDir;
using view360::testing::WriteFile;

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)
#define EXPECT_NOT_CONTAINS(text, part) \
  EXPECT_EQ(std::string(text).find(part), std::string::npos) << "in: " << (text)

const std::string kDataDir = std::string(VIEW360_AWS_TEST_DIR) + "/data/credentials";
const std::string kProcessScript = kDataDir + "/credential_process.sh";

// 2030-01-01T00:00:00Z: far enough ahead that timestamps written by the test are in the future
// of this fake clock, whatever the real date.
constexpr time_t kStart = 1893456000;

std::string Iso(Clock::time_point time) {
  const time_t t = Clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class FakeClock {
 public:
  Clock::time_point Now() const {
    std::lock_guard lock(mu_);
    return now_;
  }
  void Advance(Clock::duration by) {
    std::lock_guard lock(mu_);
    now_ += by;
  }
  NowFunction Function() {
    return [this] { return Now(); };
  }

 private:
  mutable std::mutex mu_;
  Clock::time_point now_ = Clock::from_time_t(kStart);
};

class FakeEnv {
 public:
  void Set(const std::string& name, const std::string& value) { vars_[name] = value; }
  void Unset(const std::string& name) { vars_.erase(name); }
  EnvLookup Lookup() const {
    return [this](std::string_view name) -> std::optional<std::string> {
      const auto it = vars_.find(std::string(name));
      if (it == vars_.end()) return std::nullopt;
      return it->second;
    };
  }

 private:
  std::map<std::string, std::string> vars_;
};

HttpResponse Http(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

// Records requests; answers "METHOD endpoint+path" from a table, and kUnavailable (connection
// refused) for anything not in it.
class FakeTransport : public Transport {
 public:
  void On(const std::string& method, const std::string& url, Result<HttpResponse> answer) {
    std::lock_guard lock(mu_);
    answers_.insert_or_assign(method + " " + url, std::move(answer));
  }
  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mu_);
    requests_.push_back(request);
    const auto it = answers_.find(request.method + " " + request.endpoint + request.path);
    if (it == answers_.end()) return UnavailableError("connection refused");
    return it->second;
  }
  std::vector<HttpRequest> Requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, Result<HttpResponse>> answers_;
  std::vector<HttpRequest> requests_;
};

// Records the parameters and caller of each call; answers numbered credentials that expire an
// hour after the fake clock's now, or the error set with Fail().
class FakeSts : public StsApi {
 public:
  explicit FakeSts(FakeClock& clock) : clock_(clock) {}

  struct AssumeCall {
    AssumeRoleParams params;
    Credentials caller;
  };

  Result<Credentials> AssumeRole(const AssumeRoleParams& params,
                                 const Credentials& caller) override {
    std::lock_guard lock(mu_);
    assume_calls_.push_back({params, caller});
    if (failure_) return *failure_;
    return Issue();
  }
  Result<Credentials> AssumeRoleWithWebIdentity(const WebIdentityParams& params) override {
    std::lock_guard lock(mu_);
    web_calls_.push_back(params);
    if (failure_) return *failure_;
    return Issue();
  }
  void Fail(Status status) {
    std::lock_guard lock(mu_);
    failure_ = std::move(status);
  }
  std::vector<AssumeCall> AssumeCalls() const {
    std::lock_guard lock(mu_);
    return assume_calls_;
  }
  std::vector<WebIdentityParams> WebCalls() const {
    std::lock_guard lock(mu_);
    return web_calls_;
  }

 private:
  Credentials Issue() {
    ++issued_;
    Credentials out;
    out.access_key_id = "ASIASTS" + std::to_string(issued_);
    out.secret_access_key = "STS-SECRET-" + std::to_string(issued_);
    out.session_token = "STS-TOKEN-" + std::to_string(issued_);
    out.expiration = clock_.Now() + hours(1);
    return out;
  }

  FakeClock& clock_;
  mutable std::mutex mu_;
  std::vector<AssumeCall> assume_calls_;
  std::vector<WebIdentityParams> web_calls_;
  std::optional<Status> failure_;
  int issued_ = 0;
};

// A RefreshingProvider whose Fetch() is a lambda, counting calls.
class ScriptedProvider : public RefreshingProvider {
 public:
  ScriptedProvider(std::function<Result<Credentials>()> fetch, NowFunction now)
      : RefreshingProvider(std::move(now)), fetch_(std::move(fetch)) {}
  int fetches() const { return fetches_; }

 protected:
  Result<Credentials> Fetch() override {
    ++fetches_;
    return fetch_();
  }

 private:
  std::function<Result<Credentials>()> fetch_;
  std::atomic<int> fetches_{0};
};

Credentials Keys(std::string key_id, std::optional<Clock::time_point> expiration) {
  Credentials out;
  out.access_key_id = std::move(key_id);
  out.secret_access_key = "SCRIPTED-SECRET";
  out.expiration = expiration;
  out.source = "scripted";
  return out;
}

std::string ImdsCredentialsJson(Clock::time_point expiration) {
  return R"({"Code": "Success", "LastUpdated": "2030-01-01T00:00:00Z", "Type": "AWS-HMAC",
             "AccessKeyId": "ASIAIMDSROLE", "SecretAccessKey": "IMDS-SECRET",
             "Token": "IMDS-TOKEN", "Expiration": ")" +
         Iso(expiration) + "\"}";
}

std::string ContainerCredentialsJson(Clock::time_point expiration) {
  return R"({"AccessKeyId": "ASIACONTAINER", "SecretAccessKey": "CONTAINER-SECRET",
             "Token": "CONTAINER-SESSION-TOKEN", "Expiration": ")" +
         Iso(expiration) + "\"}";
}

// The fixture: a temporary folder for the shared files, and verbs that read as sentences.
class CredentialsTest : public ::testing::Test {
 protected:
  CredentialsTest() : dir_(MakeTempDir("view360-creds")), sts_(clock_) { env_.Set("HOME", dir_); }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  void WriteConfig(const std::string& text) { WriteFile(Path("config"), text); }
  void WriteCredentials(const std::string& text) { WriteFile(Path("credentials"), text); }
  std::string WriteTokenFile(const std::string& name, const std::string& token) {
    WriteFile(Path(name), token);
    return Path(name);
  }
  // The credential_process line for a mode of the fixture script.
  std::string Process(const std::string& args) const {
    return "/bin/sh '" + kProcessScript + "' " + args;
  }

  void ServeImds(Clock::duration lifetime = hours(6)) {
    transport_.On("PUT", "http://169.254.169.254/latest/api/token", Http(200, "IMDS-SESSION"));
    transport_.On("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                  Http(200, "view360-instance-role\n"));
    transport_.On("GET",
                  "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
                  "view360-instance-role",
                  Http(200, ImdsCredentialsJson(clock_.Now() + lifetime)));
  }
  void ServeContainer(const std::string& url) {
    transport_.On("GET", url, Http(200, ContainerCredentialsJson(clock_.Now() + hours(6))));
  }

  ChainOptions Options() {
    ChainOptions options;
    options.env = env_.Lookup();
    options.now = clock_.Function();
    options.sts = &sts_;
    options.transport = &transport_;
    options.config_file = Path("config");
    options.credentials_file = Path("credentials");
    options.container.sleep = [this](std::chrono::milliseconds delay) { sleeps_.push_back(delay); };
    return options;
  }

  Result<std::unique_ptr<CredentialsProvider>> MakeChain(const ChainOptions& options) {
    return DefaultCredentialChain(options);
  }
  Result<Credentials> Resolve(const ChainOptions& options) {
    auto chain = DefaultCredentialChain(options);
    if (!chain.ok()) return chain.status();
    return (*chain)->Get();
  }
  Result<Credentials> Resolve() { return Resolve(Options()); }

  std::string dir_;
  FakeEnv env_;
  FakeClock clock_;
  FakeTransport transport_;
  FakeSts sts_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

// --- The shared files ----------------------------------------------------------------------

TEST(SharedConfigTest, ConfigFileSectionsBecomeProfilesAsInBotocore) {
  auto text = view360::testing::ReadFile(kDataDir + "/edge_cases.config");
  auto config = SharedConfig::Parse(text, "");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->ProfileNames(), (std::vector<std::string>{"default", "dev", "with space"}));

  auto dev = config->GetProfile("dev");
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->Get("region"), "us-east-2");
  EXPECT_EQ(dev->Get("role_arn"), "arn:aws:iam::111111111111:role/dev");
  EXPECT_EQ(config->GetProfile("with space")->Get("region"), "ap-south-1");
  EXPECT_FALSE(config->GetProfile("profiledev"));
  EXPECT_FALSE(config->GetProfile("corp"));  // [sso-session corp] is not a profile.
}

TEST(SharedConfigTest, CommentsKeysContinuationsAndNestedBlocks) {
  auto text = view360::testing::ReadFile(kDataDir + "/edge_cases.config");
  auto config = SharedConfig::Parse(text, "");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto profile = config->GetProfile("default");
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->Get("region"), "eu-west-1");
  EXPECT_EQ(profile->Get("output"), "json");  // "Output: json": ':' works, keys are lower-cased.
  EXPECT_EQ(profile->Get("cli_pager"), "less # this '#' is part of the value: no inline comments");
  EXPECT_EQ(profile->Get("motd"), "first line\nsecond line");
  EXPECT_FALSE(profile->Has("s3"));
  EXPECT_EQ(profile->settings.subsections.at("s3"),
            (std::map<std::string, std::string>{{"max_concurrent_requests", "10"},
                                                {"addressing_style", "path"}}));
}

TEST(SharedConfigTest, DefaultSectionValuesAreInheritedBySections) {
  auto config = SharedConfig::Parse(
      "[DEFAULT]\nregion = us-west-2\n[profile a]\n[profile b]\n"
      "region = eu-north-1\n",
      "");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->GetProfile("a")->Get("region"), "us-west-2");
  EXPECT_EQ(config->GetProfile("b")->Get("region"), "eu-north-1");
}

TEST(SharedConfigTest, CredentialsFileWinsKeyByKeyAndAddsProfiles) {
  auto config =
      SharedConfig::Parse("[profile dev]\nregion = us-east-1\naws_access_key_id = AKIDCONFIG\n",
                          "[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n[ci]\n"
                          "aws_access_key_id = AKIDCI\n[profile odd]\nx = 1\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto dev = config->GetProfile("dev");
  EXPECT_EQ(dev->Get("aws_access_key_id"), "AKIDCREDS");
  EXPECT_EQ(dev->Get("region"), "us-east-1");
  EXPECT_TRUE(config->GetProfile("ci"));
  // In the credentials file a section name is the profile name, prefix or not.
  EXPECT_TRUE(config->GetProfile("profile odd"));
  EXPECT_FALSE(config->GetProfile("odd"));
}

TEST(SharedConfigTest, LaterOfDefaultAndProfileDefaultWins) {
  auto config = SharedConfig::Parse("[default]\nregion = a\n[profile default]\nregion = b\n", "");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->GetProfile("default")->Get("region"), "b");
}

TEST(SharedConfigTest, MalformedFilesAreErrorsThatNameTheLineButNotItsText) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"[default]\naws_secret_access_key LINE-SECRET\n", "line 2"},
      {"aws_secret_access_key = LINE-SECRET\n[default]\n", "line 1"},
      {"[default]\nregion = a\n[default]\nregion = LINE-SECRET\n", "appears twice"},
      {"[default]\nregion = a\nREGION = LINE-SECRET\n", "'region' appears twice"},
      {"[default]\n= LINE-SECRET\n", "no name"},
      {"[default]\ns3 =\n  LINE-SECRET\n", "nested block 's3'"},
  };
  for (const auto& c : cases) {
    auto parsed = SharedConfig::Parse("", c.text, {"config", "/home/me/.aws/credentials"});
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_CONTAINS(parsed.status().message(), "/home/me/.aws/credentials");
    EXPECT_CONTAINS(parsed.status().message(), c.expected);
    EXPECT_NOT_CONTAINS(parsed.status().message(), "LINE-SECRET");
  }
}

TEST(SharedConfigTest, MissingFilesAreEmpty) {
  auto config = SharedConfig::Load({"/nonexistent/config", "/nonexistent/credentials"});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->ProfileNames().empty());
}

TEST(SharedConfigTest, FilesComeFromTheEnvironmentWithExpansion) {
  FakeEnv env;
  env.Set("HOME", "/home/me");
  EXPECT_EQ(DefaultSharedConfigFiles(env.Lookup()).config_file, "/home/me/.aws/config");
  EXPECT_EQ(DefaultSharedConfigFiles(env.Lookup()).credentials_file, "/home/me/.aws/credentials");
  env.Set("AWS_CONFIG_FILE", "~/work/config");
  env.Set("TEAM", "blue");
  env.Set("AWS_SHARED_CREDENTIALS_FILE", "/etc/aws/${TEAM}/$TEAM.creds");
  EXPECT_EQ(DefaultSharedConfigFiles(env.Lookup()).config_file, "/home/me/work/config");
  EXPECT_EQ(DefaultSharedConfigFiles(env.Lookup()).credentials_file, "/etc/aws/blue/blue.creds");
}

TEST(SharedConfigTest, ShellSplitFollowsPythonShlex) {
  const auto split = [](std::string_view text) { return ShellSplit(text).value(); };
  EXPECT_EQ(split("a  b\tc"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split(R"(prog 'one two' "three \"four\"" five\ six)"),
            (std::vector<std::string>{"prog", "one two", "three \"four\"", "five six"}));
  EXPECT_EQ(split(R"("a\b" 'c\d' '' x#y)"), (std::vector<std::string>{"a\\b", "c\\d", "", "x#y"}));
  EXPECT_EQ(ShellSplit("prog 'open").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ShellSplit("prog trailing\\").status().code(), StatusCode::kInvalidArgument);
}

TEST(SharedConfigTest, ProfileNameAndRegionFollowTheAwsCliOrder) {
  FakeEnv env;
  EXPECT_EQ(ResolveProfileName(env.Lookup()), "default");
  env.Set("AWS_DEFAULT_PROFILE", "older");
  EXPECT_EQ(ResolveProfileName(env.Lookup()), "older");
  env.Set("AWS_PROFILE", "newer");
  EXPECT_EQ(ResolveProfileName(env.Lookup()), "newer");
  EXPECT_EQ(ResolveProfileName(env.Lookup(), "given"), "given");

  Profile profile{"dev", {}};
  profile.settings.values["region"] = "ap-southeast-2";
  EXPECT_EQ(ResolveRegion(env.Lookup(), nullptr), std::nullopt);
  EXPECT_EQ(ResolveRegion(env.Lookup(), &profile), "ap-southeast-2");
  env.Set("AWS_DEFAULT_REGION", "eu-central-1");
  EXPECT_EQ(ResolveRegion(env.Lookup(), &profile), "eu-central-1");
  env.Set("AWS_REGION", "us-west-1");
  EXPECT_EQ(ResolveRegion(env.Lookup(), &profile), "us-west-1");
  EXPECT_EQ(ResolveRegion(env.Lookup(), &profile, "sa-east-1"), "sa-east-1");
  env.Set("AWS_REGION", "");
  EXPECT_EQ(ResolveRegion(env.Lookup(), &profile), "eu-central-1");
}

// --- Credentials::Describe --------------------------------------------------------------------

TEST(DescribeTest, ShortensTheKeyIdAndNeverShowsSecrets) {
  Credentials credentials;
  credentials.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  credentials.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  credentials.session_token = "SESSION-TOKEN-VALUE";
  credentials.source = "environment";
  EXPECT_EQ(credentials.Describe(), "AKIA…MPLE (environment)");
  credentials.expiration = Clock::from_time_t(kStart);
  EXPECT_EQ(credentials.Describe(), "AKIA…MPLE (environment, expires 2030-01-01T00:00:00Z)");
  credentials.access_key_id = "AKID";
  EXPECT_EQ(credentials.Describe().rfind("AK…", 0), 0u) << credentials.Describe();
}

// --- The chain's order ----------------------------------------------------------------------

TEST_F(CredentialsTest, ExplicitKeysComeFirst) {
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  auto options = Options();
  options.access_key_id = "AKIDEXPLICIT";
  options.secret_access_key = "EXPLICIT-SECRET";
  options.session_token = "EXPLICIT-TOKEN";
  auto credentials = Resolve(options);
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "AKIDEXPLICIT");
  EXPECT_EQ(credentials->session_token, "EXPLICIT-TOKEN");
  EXPECT_EQ(credentials->source, "explicit keys");
}

TEST_F(CredentialsTest, HalfAPairOfExplicitKeysIsRejected) {
  auto options = Options();
  options.access_key_id = "AKIDEXPLICIT";
  EXPECT_EQ(MakeChain(options).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CredentialsTest, EnvironmentBeatsProfile) {
  WriteCredentials("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  env_.Set("AWS_SESSION_TOKEN", "ENV-TOKEN");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "AKIDENV");
  EXPECT_EQ(credentials->secret_access_key, "ENV-SECRET");
  EXPECT_EQ(credentials->session_token, "ENV-TOKEN");
  EXPECT_EQ(credentials->source, "environment");
}

TEST_F(CredentialsTest, EnvironmentSecurityTokenWinsOverSessionTokenAsInBotocore) {
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  env_.Set("AWS_SESSION_TOKEN", "SESSION");
  env_.Set("AWS_SECURITY_TOKEN", "SECURITY");
  EXPECT_EQ(Resolve()->session_token, "SECURITY");
  env_.Set("AWS_SESSION_TOKEN", "");
  env_.Unset("AWS_SECURITY_TOKEN");
  EXPECT_EQ(Resolve()->session_token, "");
}

TEST_F(CredentialsTest, EnvironmentKeyWithoutSecretStopsTheChain) {
  WriteCredentials("[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  auto credentials = Resolve();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "AWS_SECRET_ACCESS_KEY");
}

TEST_F(CredentialsTest, EnvironmentExpirationIsReadAndEnforced) {
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  env_.Set("AWS_CREDENTIAL_EXPIRATION", "2030-01-01T01:00:00+00:00");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->expiration, Clock::from_time_t(kStart) + hours(1));

  env_.Set("AWS_CREDENTIAL_EXPIRATION", "2029-12-31T23:00:00Z");
  EXPECT_EQ(Resolve().status().code(), StatusCode::kFailedPrecondition);
  env_.Set("AWS_CREDENTIAL_EXPIRATION", "tomorrow");
  EXPECT_EQ(Resolve().status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CredentialsTest, AwsProfileSelectsTheProfileButEnvironmentKeysStillWin) {
  // botocore skips the environment only for a profile set on the session (--profile), not for
  // AWS_PROFILE (create_credential_resolver's disable_env_vars).
  WriteCredentials("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
  env_.Set("AWS_PROFILE", "dev");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  EXPECT_EQ(Resolve()->access_key_id, "AKIDENV");
  env_.Unset("AWS_ACCESS_KEY_ID");
  EXPECT_EQ(Resolve()->access_key_id, "AKIDDEV");
}

TEST_F(CredentialsTest, ExplicitProfileSkipsEnvironmentKeys) {
  WriteCredentials("[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  auto options = Options();
  options.profile = "dev";
  auto credentials = Resolve(options);
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "AKIDDEV");
  EXPECT_EQ(credentials->source, "profile 'dev' in " + Path("credentials"));
}

TEST_F(CredentialsTest, UnknownProfileIsAnErrorThatListsTheProfiles) {
  WriteConfig("[profile dev]\n[profile prod]\n");
  env_.Set("AWS_PROFILE", "staging");
  auto chain = MakeChain(Options());
  ASSERT_FALSE(chain.ok());
  EXPECT_EQ(chain.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(chain.status().message(), "'staging' (from AWS_PROFILE) could not be found");
  EXPECT_CONTAINS(chain.status().message(), "dev, prod");
}

TEST_F(CredentialsTest, MalformedConfigFileFailsTheChain) {
  WriteConfig("region = us-east-1\n");
  auto chain = MakeChain(Options());
  EXPECT_EQ(chain.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(chain.status().message(), Path("config"));
}

TEST_F(CredentialsTest, CredentialsFileBeatsProcessWhichBeatsConfigFile) {
  WriteConfig(
      "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n"
      "credential_process = " +
      Process("static-unused") + "\n");
  WriteCredentials(
      "[default]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n"
      "aws_session_token = FILE-TOKEN\n");
  EXPECT_EQ(Resolve()->access_key_id, "AKIDCREDS");
  EXPECT_EQ(Resolve()->session_token, "FILE-TOKEN");

  WriteCredentials("");
  WriteConfig(
      "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n"
      "credential_process = " +
      Process("noisy") + "\n");
  EXPECT_EQ(Resolve()->access_key_id, "AKIDNOISY");

  WriteConfig("[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n");
  EXPECT_EQ(Resolve()->access_key_id, "AKIDCONFIG");
  EXPECT_EQ(Resolve()->source, "profile 'default' in " + Path("config"));
}

TEST_F(CredentialsTest, ProfileKeyWithoutSecretIsAnError) {
  WriteCredentials("[default]\naws_access_key_id = AKIDHALF\n");
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "no aws_secret_access_key");
}

TEST_F(CredentialsTest, ProcessBeatsContainerWhichBeatsInstanceMetadata) {
  ServeImds();
  ServeContainer("http://169.254.170.2/v2/credentials/task");
  EXPECT_EQ(Resolve()->access_key_id, "ASIAIMDSROLE");

  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/task");
  EXPECT_EQ(Resolve()->access_key_id, "ASIACONTAINER");

  WriteConfig("[default]\ncredential_process = " + Process("noisy") + "\n");
  EXPECT_EQ(Resolve()->access_key_id, "AKIDNOISY");
}

TEST_F(CredentialsTest, NothingFoundListsEverySourceTriedAndHowToConfigure) {
  WriteConfig("[default]\nregion = us-east-1\n");
  auto credentials = Resolve();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.status().code(), StatusCode::kNotFound);
  const std::string message = credentials.status().message();
  for (const char* step : {"explicit keys", "environment", "assume role", "web identity",
                           "IAM Identity Center (SSO)", "credentials file", "credential_process",
                           "config file", "container", "EC2 instance metadata"}) {
    EXPECT_CONTAINS(message, std::string("- ") + step);
  }
  EXPECT_CONTAINS(message, "AWS_ACCESS_KEY_ID is not set");
  EXPECT_CONTAINS(message, "aws configure");
  // In order.
  EXPECT_LT(message.find("- environment"), message.find("- credential_process"));
  EXPECT_LT(message.find("- container"), message.find("- EC2 instance metadata"));
}

TEST_F(CredentialsTest, SsoProfilesAreAClearErrorWithAWorkaround) {
  WriteConfig(
      "[profile corp]\nsso_session = corp\nsso_account_id = 111111111111\n"
      "sso_role_name = Reader\n[sso-session corp]\nsso_region = us-east-1\n");
  auto options = Options();
  options.profile = "corp";
  auto credentials = Resolve(options);
  EXPECT_EQ(credentials.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_CONTAINS(credentials.status().message(), "export-credentials --profile corp");
}

TEST_F(CredentialsTest, ChainKeepsUsingTheSourceThatAnswered) {
  ServeImds();
  auto chain = MakeChain(Options());
  ASSERT_TRUE(chain.ok());
  ASSERT_TRUE((*chain)->Get().ok());
  const size_t requests = transport_.Requests().size();
  EXPECT_EQ(requests, 3u);
  // Environment keys appearing later do not move the chain, and the cache saves the requests.
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  EXPECT_EQ((*chain)->Get()->access_key_id, "ASIAIMDSROLE");
  EXPECT_EQ(transport_.Requests().size(), requests);
}

// --- EC2 instance metadata ----------------------------------------------------------------------

TEST_F(CredentialsTest, InstanceMetadataAsksForATokenThenTheRoleThenItsKeys) {
  ServeImds();
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "ASIAIMDSROLE");
  EXPECT_EQ(credentials->secret_access_key, "IMDS-SECRET");
  EXPECT_EQ(credentials->session_token, "IMDS-TOKEN");
  EXPECT_EQ(credentials->expiration, clock_.Now() + hours(6));
  EXPECT_EQ(credentials->source, "EC2 instance role view360-instance-role");

  const auto requests = transport_.Requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].Url(), "http://169.254.169.254/latest/api/token");
  EXPECT_EQ(FindHeader(requests[0].headers, "x-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].path, "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(FindHeader(requests[1].headers, "x-aws-ec2-metadata-token"), "IMDS-SESSION");
  EXPECT_EQ(requests[2].path, "/latest/meta-data/iam/security-credentials/view360-instance-role");
  EXPECT_EQ(FindHeader(requests[2].headers, "x-aws-ec2-metadata-token"), "IMDS-SESSION");
}

TEST_F(CredentialsTest, UnreachableInstanceMetadataFailsFastWithNotFound) {
  for (const Status& failure : {Status(StatusCode::kDeadlineExceeded, "timed out after 1000 ms"),
                                UnavailableError("connection refused")}) {
    FakeTransport transport;
    transport.On("PUT", "http://169.254.169.254/latest/api/token", failure);
    auto options = Options();
    options.transport = &transport;
    const auto started = std::chrono::steady_clock::now();
    auto credentials = Resolve(options);
    EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(5));
    ASSERT_FALSE(credentials.ok());
    EXPECT_EQ(credentials.status().code(), StatusCode::kNotFound);
    EXPECT_CONTAINS(credentials.status().message(), "did not answer");
    EXPECT_CONTAINS(credentials.status().message(), StatusCodeName(failure.code()));
    // One token request: no retry, no IMDSv1 fallback, so a laptop waits one timeout at most.
    EXPECT_EQ(transport.Requests().size(), 1u);
  }
}

TEST_F(CredentialsTest, MetadataTransportOptionsAreOneSecond) {
  EXPECT_EQ(kMetadataTransportOptions.connect_timeout, std::chrono::milliseconds(1000));
  EXPECT_EQ(kMetadataTransportOptions.read_timeout, std::chrono::milliseconds(1000));
}

TEST_F(CredentialsTest, InstanceMetadataCanBeDisabledOrMoved) {
  env_.Set("AWS_EC2_METADATA_DISABLED", "TRUE");
  ServeImds();
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kNotFound);
  EXPECT_CONTAINS(credentials.status().message(), "AWS_EC2_METADATA_DISABLED");
  EXPECT_TRUE(transport_.Requests().empty());

  env_.Unset("AWS_EC2_METADATA_DISABLED");
  env_.Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1338/");
  transport_.On("PUT", "http://127.0.0.1:1338/latest/api/token", Http(200, "LOCAL-TOKEN"));
  transport_.On("GET", "http://127.0.0.1:1338/latest/meta-data/iam/security-credentials/",
                Http(200, "local"));
  transport_.On("GET", "http://127.0.0.1:1338/latest/meta-data/iam/security-credentials/local",
                Http(200, ImdsCredentialsJson(clock_.Now() + hours(1))));
  credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->source, "EC2 instance role local");
}

TEST_F(CredentialsTest, InstanceMetadataFallsBackToV1WhenTheTokenIsRefused) {
  ServeImds();
  transport_.On("PUT", "http://169.254.169.254/latest/api/token", Http(403, "Forbidden"));
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  const auto requests = transport_.Requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_FALSE(FindHeader(requests[1].headers, "x-aws-ec2-metadata-token"));

  env_.Set("AWS_EC2_METADATA_V1_DISABLED", "true");
  credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_CONTAINS(credentials.status().message(), "IMDSv1 is disabled");
}

TEST_F(CredentialsTest, InstanceWithoutRoleHasNoCredentials) {
  transport_.On("PUT", "http://169.254.169.254/latest/api/token", Http(200, "IMDS-SESSION"));
  transport_.On("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                Http(404, ""));
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kNotFound);
  EXPECT_CONTAINS(credentials.status().message(), "HTTP 404");
  EXPECT_CONTAINS(credentials.status().message(), "instance profile");
}

TEST_F(CredentialsTest, InstanceMetadataErrorDocumentIsNotCredentials) {
  ServeImds();
  transport_.On("GET",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
                "view360-instance-role",
                Http(200, R"({"Code": "AssumeRoleUnauthorizedAccess", "Message": "no"})"));
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kNotFound);
  EXPECT_CONTAINS(credentials.status().message(), "AssumeRoleUnauthorizedAccess");
}

// --- Containers -------------------------------------------------------------------------------

TEST_F(CredentialsTest, ContainerRelativeUriGoesTo169_254_170_2) {
  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123");
  ServeContainer("http://169.254.170.2/v2/credentials/abc-123");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->session_token, "CONTAINER-SESSION-TOKEN");
  const auto requests = transport_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].Url(), "http://169.254.170.2/v2/credentials/abc-123");
  EXPECT_EQ(FindHeader(requests[0].headers, "Accept"), "application/json");
  EXPECT_FALSE(FindHeader(requests[0].headers, "Authorization"));
}

TEST_F(CredentialsTest, ContainerFullUriSendsTheTokenFromItsFile) {
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINER-ENV-TOKEN");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
           WriteTokenFile("eks-pod-identity-token", "CONTAINER-FILE-TOKEN\n"));
  ServeContainer("http://169.254.170.23/v1/credentials");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  const auto requests = transport_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(FindHeader(requests[0].headers, "Authorization"), "CONTAINER-FILE-TOKEN");

  env_.Unset("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  ASSERT_TRUE(Resolve().ok());
  EXPECT_EQ(FindHeader(transport_.Requests().back().headers, "Authorization"),
            "CONTAINER-ENV-TOKEN");
}

TEST_F(CredentialsTest, ContainerFullUriMustBeLoopbackOrAContainerHost) {
  for (const char* url : {"http://127.0.0.1:8080/creds", "http://[::1]:8080/creds",
                          "http://localhost/creds", "https://[fd00:ec2::23]/creds"}) {
    env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
    auto credentials = Resolve();
    // Allowed: the fake transport refuses the connection, an error that is not about the host.
    EXPECT_NE(credentials.status().code(), StatusCode::kInvalidArgument) << url;
  }
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.example.com/creds");
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "evil.example.com");
}

TEST_F(CredentialsTest, FailingContainerEndpointStopsTheChainAfterThreeAttempts) {
  ServeImds();
  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
  transport_.On("GET", "http://169.254.170.2/v2/credentials/abc", Http(500, "oops"));
  auto credentials = Resolve();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.status().code(), StatusCode::kUnavailable);
  EXPECT_CONTAINS(credentials.status().message(), "HTTP 500 (3 attempts)");
  EXPECT_EQ(sleeps_, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1000),
                                                             std::chrono::milliseconds(1000)}));
  // Not a fall-through to instance metadata: botocore raises here too.
  for (const auto& request : transport_.Requests()) EXPECT_NE(request.method, "PUT");
}

TEST_F(CredentialsTest, ContainerTokenWithALineBreakIsRefused) {
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/creds");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Injected: 1");
  EXPECT_EQ(Resolve().status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(transport_.Requests().empty());
}

// --- Assume role ---------------------------------------------------------------------------------

TEST_F(CredentialsTest, AssumeRoleSendsArnExternalIdSessionNameAndDuration) {
  WriteConfig(
      "[profile audit]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = base\n"
      "external_id = view360-ext\nduration_seconds = 3600\n"
      "[profile named]\nrole_arn = arn:aws:iam::222222222222:role/Audit\nsource_profile = base\n"
      "role_session_name = alice\n");
  WriteCredentials("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = BASE-SECRET\n");
  auto options = Options();
  options.profile = "audit";
  auto credentials = Resolve(options);
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "ASIASTS1");
  EXPECT_EQ(credentials->source, "role arn:aws:iam::222222222222:role/Audit");

  auto calls = sts_.AssumeCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].params.role_arn, "arn:aws:iam::222222222222:role/Audit");
  EXPECT_EQ(calls[0].params.external_id, "view360-ext");
  EXPECT_EQ(calls[0].params.duration_seconds, 3600);
  EXPECT_EQ(calls[0].params.role_session_name, "botocore-session-" + std::to_string(kStart));
  EXPECT_EQ(calls[0].caller.access_key_id, "AKIDBASE");
  EXPECT_EQ(calls[0].caller.secret_access_key, "BASE-SECRET");

  options.profile = "named";
  ASSERT_TRUE(Resolve(options).ok());
  calls = sts_.AssumeCalls();
  EXPECT_EQ(calls.back().params.role_session_name, "alice");
  EXPECT_FALSE(calls.back().params.external_id);
  EXPECT_FALSE(calls.back().params.duration_seconds);
}

TEST_F(CredentialsTest, AssumeRoleFollowsAChainOfSourceProfiles) {
  WriteConfig(
      "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
      "[profile b]\nrole_arn = arn:aws:iam::2:role/B\nsource_profile = c\n"
      "[profile c]\ncredential_process = " +
      Process("ok AKIDPROCESS " + Iso(clock_.Now() + hours(2))) + "\n");
  env_.Set("AWS_PROFILE", "a");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  const auto calls = sts_.AssumeCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].params.role_arn, "arn:aws:iam::2:role/B");
  EXPECT_EQ(calls[0].caller.access_key_id, "AKIDPROCESS");
  EXPECT_EQ(calls[1].params.role_arn, "arn:aws:iam::1:role/A");
  EXPECT_EQ(calls[1].caller.access_key_id, "ASIASTS1");
  EXPECT_EQ(credentials->access_key_id, "ASIASTS2");
}

TEST_F(CredentialsTest, SourceProfileLoopIsAnError) {
  WriteConfig(
      "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
      "[profile b]\nrole_arn = arn:aws:iam::2:role/B\nsource_profile = a\n"
      "[profile self]\nrole_arn = arn:aws:iam::3:role/S\nsource_profile = self\n");
  env_.Set("AWS_PROFILE", "a");
  auto credentials = Resolve();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "loop: a -> b -> a");
  EXPECT_TRUE(sts_.AssumeCalls().empty());

  env_.Set("AWS_PROFILE", "self");
  credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "loop: self -> self");
}

TEST_F(CredentialsTest, ProfileMayAssumeARoleWithItsOwnKeys) {
  WriteConfig("[profile self]\nrole_arn = arn:aws:iam::3:role/S\nsource_profile = self\n");
  WriteCredentials("[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n");
  env_.Set("AWS_PROFILE", "self");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(sts_.AssumeCalls().at(0).caller.access_key_id, "AKIDSELF");
}

TEST_F(CredentialsTest, AssumeRoleFromCredentialSource) {
  WriteConfig(
      "[profile env]\nrole_arn = arn:aws:iam::1:role/E\ncredential_source = Environment\n"
      "[profile ec2]\nrole_arn = arn:aws:iam::1:role/I\n"
      "credential_source = Ec2InstanceMetadata\n"
      "[profile bad]\nrole_arn = arn:aws:iam::1:role/B\ncredential_source = environment\n");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET");
  auto options = Options();
  options.profile = "env";  // Explicit: the environment link is skipped, credential_source is not.
  ASSERT_TRUE(Resolve(options).ok());
  EXPECT_EQ(sts_.AssumeCalls().back().caller.access_key_id, "AKIDENV");

  ServeImds();
  options.profile = "ec2";
  ASSERT_TRUE(Resolve(options).ok());
  EXPECT_EQ(sts_.AssumeCalls().back().caller.access_key_id, "ASIAIMDSROLE");

  options.profile = "bad";  // Names are exact, as botocore's is_supported.
  auto credentials = Resolve(options);
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "'environment' is not valid");
}

TEST_F(CredentialsTest, CredentialSourceWithoutCredentialsIsAnError) {
  WriteConfig("[profile env]\nrole_arn = arn:aws:iam::1:role/E\ncredential_source = Environment\n");
  env_.Set("AWS_PROFILE", "env");
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_CONTAINS(credentials.status().message(), "no credentials to assume the role with");
}

TEST_F(CredentialsTest, BadAssumeRoleProfilesAreClearErrors) {
  WriteConfig(
      "[profile both]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\n"
      "credential_source = Environment\n"
      "[profile neither]\nrole_arn = arn:aws:iam::1:role/X\n"
      "[profile missing]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = nowhere\n"
      "[profile mfa]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = base\n"
      "mfa_serial = arn:aws:iam::1:mfa/alice\n"
      "[profile empty_source]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = empty\n"
      "[profile empty]\nregion = us-east-1\n"
      "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  const std::map<std::string, std::pair<StatusCode, std::string>> expected = {
      {"both", {StatusCode::kInvalidArgument, "both source_profile and credential_source"}},
      {"neither", {StatusCode::kInvalidArgument, "neither source_profile nor credential_source"}},
      {"missing", {StatusCode::kInvalidArgument, "source_profile 'nowhere'"}},
      {"mfa", {StatusCode::kFailedPrecondition, "MFA"}},
      {"empty_source", {StatusCode::kFailedPrecondition, "must have credentials"}},
  };
  for (const auto& [profile, outcome] : expected) {
    auto options = Options();
    options.profile = profile;
    auto credentials = Resolve(options);
    EXPECT_EQ(credentials.status().code(), outcome.first) << profile;
    EXPECT_CONTAINS(credentials.status().message(), outcome.second);
  }
  EXPECT_TRUE(sts_.AssumeCalls().empty());
}

TEST_F(CredentialsTest, DurationThatIsNotANumberIsIgnoredAsInBotocore) {
  WriteConfig(
      "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n"
      "duration_seconds = 1h\n"
      "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  env_.Set("AWS_PROFILE", "r");
  ASSERT_TRUE(Resolve().ok());
  EXPECT_FALSE(sts_.AssumeCalls().at(0).params.duration_seconds);
}

TEST_F(CredentialsTest, StandaloneAssumeRoleProviderForAnOrganization) {
  auto base = std::make_shared<StaticProvider>(Keys("AKIDORGBASE", std::nullopt));
  AssumeRoleParams params;
  params.role_arn = RoleArn("333333333333", "View360Reader");
  params.external_id = "org-external-id";
  params.role_session_name = "view360-collector";
  AssumeRoleProvider provider(base, sts_, params, clock_.Function());
  EXPECT_EQ(provider.params().role_arn, "arn:aws:iam::333333333333:role/View360Reader");
  EXPECT_EQ(RoleArn("1", "ops/Reader", "aws-us-gov"), "arn:aws-us-gov:iam::1:role/ops/Reader");

  ASSERT_TRUE(provider.Get().ok());
  ASSERT_TRUE(provider.Get().ok());
  EXPECT_EQ(sts_.AssumeCalls().size(), 1u);  // Cached.
  EXPECT_EQ(sts_.AssumeCalls()[0].params.external_id, "org-external-id");
  EXPECT_EQ(sts_.AssumeCalls()[0].caller.access_key_id, "AKIDORGBASE");

  clock_.Advance(minutes(56));  // Expires in 4 minutes: within the refresh margin.
  auto refreshed = provider.Get();
  ASSERT_TRUE(refreshed.ok());
  EXPECT_EQ(refreshed->access_key_id, "ASIASTS2");
  EXPECT_EQ(sts_.AssumeCalls().size(), 2u);
  EXPECT_EQ(sts_.AssumeCalls()[1].params.role_session_name, "view360-collector");
}

TEST_F(CredentialsTest, AssumeRoleWithoutBaseCredentialsIsAnErrorNotNotFound) {
  auto base = std::make_shared<StaticProvider>(Credentials{});
  AssumeRoleProvider provider(base, sts_, {RoleArn("1", "R"), "", std::nullopt, std::nullopt},
                              clock_.Function());
  EXPECT_EQ(provider.Get().status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(provider.params().role_session_name, "botocore-session-" + std::to_string(kStart));
}

TEST_F(CredentialsTest, StsRefusalIsReturnedWithTheRole) {
  sts_.Fail(Status(StatusCode::kPermissionDenied, "AccessDenied: not authorized", "AccessDenied"));
  auto base = std::make_shared<StaticProvider>(Keys("AKIDORGBASE", std::nullopt));
  AssumeRoleProvider provider(base, sts_, {RoleArn("1", "R"), "", std::nullopt, std::nullopt},
                              clock_.Function());
  auto credentials = provider.Get();
  EXPECT_EQ(credentials.status().code(), StatusCode::kPermissionDenied);
  EXPECT_CONTAINS(credentials.status().message(), "arn:aws:iam::1:role/R");
  EXPECT_CONTAINS(credentials.status().message(), "AKID…BASE");
}

// --- Web identity -----------------------------------------------------------------------------

TEST_F(CredentialsTest, WebIdentityFromTheEnvironment) {
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", WriteTokenFile("token", "WEB-IDENTITY-JWT\n"));
  env_.Set("AWS_ROLE_ARN", "arn:aws:iam::4:role/Pod");
  env_.Set("AWS_ROLE_SESSION_NAME", "pod-session");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->source, "web identity role arn:aws:iam::4:role/Pod");
  const auto calls = sts_.WebCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].role_arn, "arn:aws:iam::4:role/Pod");
  EXPECT_EQ(calls[0].role_session_name, "pod-session");
  EXPECT_EQ(calls[0].web_identity_token, "WEB-IDENTITY-JWT");
}

TEST_F(CredentialsTest, WebIdentityFromTheProfileAndNotTheEnvironmentWithAnExplicitProfile) {
  WriteConfig("[profile ci]\nweb_identity_token_file = " + WriteTokenFile("ci-token", "CI-JWT") +
              "\nrole_arn = arn:aws:iam::5:role/CI\n");
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", WriteTokenFile("env-token", "ENV-JWT"));
  env_.Set("AWS_ROLE_ARN", "arn:aws:iam::4:role/Pod");
  auto options = Options();
  options.profile = "ci";
  ASSERT_TRUE(Resolve(options).ok());
  const auto calls = sts_.WebCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].web_identity_token, "CI-JWT");
  EXPECT_EQ(calls[0].role_arn, "arn:aws:iam::5:role/CI");
  EXPECT_EQ(calls[0].role_session_name, "botocore-session-" + std::to_string(kStart));
  EXPECT_TRUE(sts_.AssumeCalls().empty());  // role_arn + web identity is not an assume-role one.
}

TEST_F(CredentialsTest, WebIdentityWithoutRoleArnIsAnError) {
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", WriteTokenFile("token", "WEB-IDENTITY-JWT"));
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kInvalidArgument);
  EXPECT_CONTAINS(credentials.status().message(), "AWS_ROLE_ARN");
}

// --- credential_process -----------------------------------------------------------------------

TEST_F(CredentialsTest, ProcessOutputBecomesCredentials) {
  WriteConfig("[default]\ncredential_process = " +
              Process("ok AKIDPROCESS " + Iso(clock_.Now() + hours(1))) + "\n");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "AKIDPROCESS");
  EXPECT_EQ(credentials->secret_access_key, "PROCESS-SECRET-OK");
  EXPECT_EQ(credentials->session_token, "PROCESS-TOKEN-OK");
  EXPECT_EQ(credentials->expiration, clock_.Now() + hours(1));
  EXPECT_EQ(credentials->source, "credential_process of profile default");
}

TEST_F(CredentialsTest, ProcessCommandLineIsSplitLikeAShellWithoutOne) {
  WriteConfig("[default]\ncredential_process = " + Process("args 'one two' \"three four\"") + "\n");
  auto credentials = Resolve();
  ASSERT_TRUE(credentials.ok()) << credentials.status().ToString();
  EXPECT_EQ(credentials->access_key_id, "AKIDARGS2");
  EXPECT_EQ(credentials->secret_access_key, "one two|three four");
}

TEST_F(CredentialsTest, ProcessFailuresAreClearErrorsWithoutTheOutput) {
  const std::map<std::string, std::string> expected = {
      {"fail", "exited with code 3"},
      {"badjson", "did not print a JSON object"},
      {"version2", "unsupported \"Version\" '2'"},
      {"nosecret", "SecretAccessKey is missing"},
  };
  for (const auto& [mode, message] : expected) {
    WriteConfig("[default]\ncredential_process = " + Process(mode) + "\n");
    auto credentials = Resolve();
    ASSERT_FALSE(credentials.ok()) << mode;
    EXPECT_EQ(credentials.status().code(), StatusCode::kFailedPrecondition) << mode;
    EXPECT_CONTAINS(credentials.status().message(), message);
    EXPECT_CONTAINS(credentials.status().message(), "profile 'default'");
    EXPECT_NOT_CONTAINS(credentials.status().message(), "PROCESS-SECRET");
    EXPECT_NOT_CONTAINS(credentials.status().message(), "PROCESS-TOKEN");
  }
  WriteConfig("[default]\ncredential_process = /nonexistent/credential-helper --flag\n");
  auto credentials = Resolve();
  EXPECT_EQ(credentials.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_CONTAINS(credentials.status().message(), "cannot run '/nonexistent/credential-helper'");
}

TEST_F(CredentialsTest, ProcessRunsAgainOnlyWhenItsCredentialsNearExpiry) {
  const std::string runs = Path("runs");
  WriteConfig("[default]\ncredential_process = " +
              Process("count '" + runs + "' " + Iso(clock_.Now() + minutes(30))) + "\n");
  auto chain = MakeChain(Options());
  ASSERT_TRUE(chain.ok());
  ASSERT_TRUE((*chain)->Get().ok());
  clock_.Advance(minutes(20));
  ASSERT_TRUE((*chain)->Get().ok());
  EXPECT_EQ(view360::testing::ReadFile(runs), "run\n");
  clock_.Advance(minutes(6));  // 4 minutes left: refresh. The script's expiry is fixed, so the
                               // answer is still 4 minutes from expiry but valid.
  ASSERT_TRUE((*chain)->Get().ok());
  EXPECT_EQ(view360::testing::ReadFile(runs), "run\nrun\n");
}

// --- Caching and refresh --------------------------------------------------------------------

TEST_F(CredentialsTest, CachedUntilTheRefreshMarginThenFetchedAgain) {
  int issued = 0;
  ScriptedProvider provider(
      [&] { return Keys("AKID" + std::to_string(++issued), clock_.Now() + hours(1)); },
      clock_.Function());
  EXPECT_EQ(provider.Get()->access_key_id, "AKID1");
  clock_.Advance(minutes(54));  // 6 minutes left.
  EXPECT_EQ(provider.Get()->access_key_id, "AKID1");
  clock_.Advance(minutes(2));  // 4 minutes left: inside kRefreshMargin.
  EXPECT_EQ(provider.Get()->access_key_id, "AKID2");
  EXPECT_EQ(provider.fetches(), 2);
}

TEST_F(CredentialsTest, CredentialsWithoutExpirationAreFetchedOnce) {
  ScriptedProvider provider([&] { return Keys("AKIDSTATIC", std::nullopt); }, clock_.Function());
  ASSERT_TRUE(provider.Get().ok());
  clock_.Advance(hours(1000));
  ASSERT_TRUE(provider.Get().ok());
  EXPECT_EQ(provider.fetches(), 1);
}

TEST_F(CredentialsTest, FailedRefreshKeepsStillValidCredentialsThenFails) {
  bool fail = false;
  ScriptedProvider provider(
      [&]() -> Result<Credentials> {
        if (fail) return UnavailableError("STS is down");
        return Keys("AKIDFIRST", clock_.Now() + hours(1));
      },
      clock_.Function());
  ASSERT_TRUE(provider.Get().ok());
  fail = true;
  clock_.Advance(minutes(57));
  EXPECT_EQ(provider.Get()->access_key_id, "AKIDFIRST");  // 3 minutes left: still usable.
  clock_.Advance(minutes(3));
  EXPECT_EQ(provider.Get().status().code(), StatusCode::kUnavailable);  // Expired now.
  EXPECT_EQ(provider.fetches(), 3);
}

TEST_F(CredentialsTest, AlreadyExpiredFreshCredentialsAreAnError) {
  ScriptedProvider provider([&] { return Keys("AKIDOLD", clock_.Now() - seconds(1)); },
                            clock_.Function());
  auto credentials = provider.Get();
  EXPECT_EQ(credentials.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_CONTAINS(credentials.status().message(), "expired");
}

TEST_F(CredentialsTest, EightThreadsAskingAtOnceCauseOneFetch) {
  constexpr int kThreads = 8;
  std::atomic<int> entered{0};
  ScriptedProvider provider(
      [&] {
        // Hold the fetch until every thread is inside Get(), so that they overlap it.
        const auto deadline = std::chrono::steady_clock::now() + seconds(10);
        while (entered < kThreads && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::yield();
        }
        return Keys("AKIDSHARED", clock_.Now() + hours(1));
      },
      clock_.Function());
  std::vector<std::string> keys(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++entered;
      auto credentials = provider.Get();
      keys[i] = credentials.ok() ? credentials->access_key_id : credentials.status().ToString();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(provider.fetches(), 1);
  for (const auto& key : keys) EXPECT_EQ(key, "AKIDSHARED");
}

TEST_F(CredentialsTest, DuringARefreshOtherThreadsUseTheStillValidCredentials) {
  std::atomic<bool> refresh_started{false};
  std::atomic<int> served_old{0};
  int issued = 0;
  ScriptedProvider provider(
      [&] {
        if (++issued == 2) {
          refresh_started = true;
          const auto deadline = std::chrono::steady_clock::now() + seconds(10);
          while (served_old < 7 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::yield();
          }
        }
        return Keys("AKID" + std::to_string(issued), clock_.Now() + hours(1));
      },
      clock_.Function());
  ASSERT_EQ(provider.Get()->access_key_id, "AKID1");
  clock_.Advance(minutes(58));

  std::string refresher_key;
  std::thread refresher([&] { refresher_key = provider.Get()->access_key_id; });
  while (!refresh_started) std::this_thread::yield();
  std::vector<std::thread> readers;
  for (int i = 0; i < 7; ++i) {
    readers.emplace_back([&] {
      if (provider.Get()->access_key_id == "AKID1") ++served_old;
    });
  }
  for (auto& reader : readers) reader.join();
  refresher.join();
  EXPECT_EQ(served_old, 7);
  EXPECT_EQ(refresher_key, "AKID2");
  EXPECT_EQ(provider.fetches(), 2);
  EXPECT_EQ(provider.Get()->access_key_id, "AKID2");
}

TEST_F(CredentialsTest, ThreadsWaitingOnAFailedFirstFetchShareItsError) {
  constexpr int kThreads = 8;
  std::atomic<int> entered{0};
  ScriptedProvider provider(
      [&]() -> Result<Credentials> {
        const auto deadline = std::chrono::steady_clock::now() + seconds(10);
        while (entered < kThreads && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::yield();
        }
        return Status(StatusCode::kDeadlineExceeded, "STS timed out");
      },
      clock_.Function());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      ++entered;
      if (provider.Get().status().code() == StatusCode::kDeadlineExceeded) ++failures;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, kThreads);
  EXPECT_LE(provider.fetches(), kThreads);
  EXPECT_GE(provider.fetches(), 1);
}

// --- Secrets never reach a message ----------------------------------------------------------

TEST_F(CredentialsTest, NoSecretAppearsInAnyMessageOrDescription) {
  const std::vector<std::string> secrets = {"ENV-SECRET-VALUE",
                                            "ENV-SESSION-TOKEN-VALUE",
                                            "FILE-SECRET-VALUE",
                                            "FILE-TOKEN-VALUE",
                                            "WEB-IDENTITY-JWT-VALUE",
                                            "CONTAINER-AUTH-TOKEN-VALUE",
                                            "CONTAINER-FILE-TOKEN",
                                            "URI-TOKEN-VALUE",
                                            "PROCESS-SECRET",
                                            "PROCESS-TOKEN",
                                            "IMDS-SECRET",
                                            "IMDS-TOKEN",
                                            "CONTAINER-SECRET",
                                            "CONTAINER-SESSION-TOKEN",
                                            "STS-SECRET",
                                            "STS-TOKEN",
                                            "LINE-SECRET"};
  std::vector<std::string> messages;
  const auto record = [&](const Result<Credentials>& result) {
    messages.push_back(result.ok() ? result->Describe() : result.status().ToString());
  };
  const auto fresh_env = [&] {
    env_ = FakeEnv();
    env_.Set("HOME", dir_);
  };

  // Environment: half a pair, a bad expiration, an expired one, and a success.
  env_.Set("AWS_SESSION_TOKEN", "ENV-SESSION-TOKEN-VALUE");
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  record(Resolve());
  env_.Set("AWS_SECRET_ACCESS_KEY", "ENV-SECRET-VALUE");
  env_.Set("AWS_CREDENTIAL_EXPIRATION", "ENV-SECRET-VALUE");
  record(Resolve());
  env_.Set("AWS_CREDENTIAL_EXPIRATION", "2000-01-01T00:00:00Z");
  record(Resolve());
  env_.Unset("AWS_CREDENTIAL_EXPIRATION");
  record(Resolve());
  fresh_env();

  // Files: half a pair, malformed lines, an empty key id, and a success.
  WriteCredentials(
      "[default]\naws_secret_access_key = FILE-SECRET-VALUE\n"
      "aws_session_token = FILE-TOKEN-VALUE\n");
  record(Resolve());
  WriteCredentials(
      "[default]\naws_access_key_id = AKIDFILE\n"
      "aws_session_token = FILE-TOKEN-VALUE\n");
  record(Resolve());
  WriteCredentials("[default]\naws_secret_access_key FILE-SECRET-VALUE\n");
  record(Resolve());
  WriteCredentials("[default]\naws_secret_access_key = a\naws_secret_access_key = LINE-SECRET\n");
  record(Resolve());
  WriteCredentials("[default]\naws_access_key_id =\naws_secret_access_key = FILE-SECRET-VALUE\n");
  record(Resolve());
  WriteCredentials(
      "[default]\naws_access_key_id = AKIDFILE\n"
      "aws_secret_access_key = FILE-SECRET-VALUE\n"
      "aws_session_token = FILE-TOKEN-VALUE\n");
  record(Resolve());
  WriteCredentials("");

  // credential_process: every failure mode, and successes.
  for (const char* mode : {"fail", "badjson", "version2", "nosecret", "noisy"}) {
    WriteConfig(std::string("[default]\ncredential_process = ") + Process(mode) + "\n");
    record(Resolve());
  }
  WriteConfig("[default]\ncredential_process = " +
              Process("ok AKIDPROCESS " + Iso(clock_.Now() + hours(1))) + "\n");
  record(Resolve());
  WriteConfig("");

  // Web identity: STS refusing, a missing role ARN, an unreadable token file, and a success.
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", WriteTokenFile("jwt", "WEB-IDENTITY-JWT-VALUE"));
  record(Resolve());
  env_.Set("AWS_ROLE_ARN", "arn:aws:iam::4:role/Pod");
  record(Resolve());
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", Path("no-such-token"));
  record(Resolve());
  env_.Set("AWS_WEB_IDENTITY_TOKEN_FILE", Path("jwt"));
  sts_.Fail(PermissionDeniedError("AccessDenied"));
  record(Resolve());
  fresh_env();

  // Assume role with STS refusing.
  WriteConfig(
      "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n"
      "[profile base]\naws_access_key_id = AKIDBASE\n"
      "aws_secret_access_key = FILE-SECRET-VALUE\naws_session_token = FILE-TOKEN-VALUE\n");
  auto options = Options();
  options.profile = "r";
  record(Resolve(options));
  WriteConfig("");

  // Containers: a refused token, a bad URI host, a token with a line break, a bad answer.
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/c?token=URI-TOKEN-VALUE");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINER-AUTH-TOKEN-VALUE");
  transport_.On("GET", "http://127.0.0.1:9/c", Http(403, "CONTAINER-AUTH-TOKEN-VALUE denied"));
  record(Resolve());
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
           WriteTokenFile("container-token", "CONTAINER-FILE-TOKEN"));
  record(Resolve());
  transport_.On("GET", "http://127.0.0.1:9/c",
                Http(200, R"({"AccessKeyId": "ASIAC", "SecretAccessKey": "CONTAINER-SECRET"})"));
  record(Resolve());
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", Path("no-such-container-token"));
  record(Resolve());
  env_.Unset("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "CONTAINER-AUTH-TOKEN-VALUE\nX: 1");
  record(Resolve());
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI",
           "http://user:URI-TOKEN-VALUE@evil.example/?token=URI-TOKEN-VALUE");
  record(Resolve());
  fresh_env();
  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x");
  ServeContainer("http://169.254.170.2/v2/credentials/x");
  record(Resolve());
  fresh_env();

  // Instance metadata: answers missing a field, not JSON, and a success.
  ServeImds();
  transport_.On("GET",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
                "view360-instance-role",
                Http(200, R"({"AccessKeyId": "ASIAI", "SecretAccessKey": "IMDS-SECRET",
                              "Token": "IMDS-TOKEN"})"));
  record(Resolve());
  transport_.On("GET",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
                "view360-instance-role",
                Http(200, "SecretAccessKey=IMDS-SECRET"));
  record(Resolve());
  ServeImds();
  record(Resolve());

  // Refresh failures in the cache.
  ScriptedProvider expired([&] { return Keys("AKIDOLD", clock_.Now() - seconds(1)); },
                           clock_.Function());
  record(expired.Get());

  ASSERT_GT(messages.size(), 30u);
  for (const auto& message : messages) {
    for (const auto& secret : secrets) {
      EXPECT_NOT_CONTAINS(message, secret);
    }
  }
}

}  // namespace
}  // namespace view360::aws
