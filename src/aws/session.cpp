#include "aws/session.h"

#include <nlohmann/json.hpp>

#include "aws/shared_config.h"

namespace view360::aws {
namespace {

// "2025-09-15T10:20:30Z" (as protocol.h writes timestamps) to a time point.
std::optional<Clock::time_point> ParseIsoTime(const std::string& text) {
  std::tm tm{};
  const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  return Clock::from_time_t(timegm(&tm));
}

Result<Credentials> CredentialsFromSts(const nlohmann::json& output, const std::string& source) {
  const auto& c = output.value("Credentials", nlohmann::json::object());
  if (!c.contains("AccessKeyId") || !c.contains("SecretAccessKey")) {
    return InternalError("STS answered without credentials");
  }
  Credentials credentials;
  credentials.access_key_id = c["AccessKeyId"].get<std::string>();
  credentials.secret_access_key = c["SecretAccessKey"].get<std::string>();
  credentials.session_token = c.value("SessionToken", "");
  if (c.contains("Expiration") && c["Expiration"].is_string()) {
    credentials.expiration = ParseIsoTime(c["Expiration"].get<std::string>());
  }
  credentials.source = source;
  return credentials;
}

// Hands out fixed credentials: the caller's, for one AssumeRole call.
class FixedProvider : public CredentialsProvider {
 public:
  explicit FixedProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Result<Credentials> Get() override { return credentials_; }

 private:
  Credentials credentials_;
};

AwsClient::Dependencies Dependencies(Transport* transport, CredentialsProvider* credentials,
                                     RateLimiter* limiter) {
  AwsClient::Dependencies deps;
  deps.transport = transport;
  deps.credentials = credentials;
  deps.limiter = limiter;
  return deps;
}

}  // namespace

ClientStsApi::ClientStsApi(Transport& transport, ClientOptions options, RateLimiter* limiter)
    : transport_(transport), options_(std::move(options)), limiter_(limiter) {}

Result<Credentials> ClientStsApi::AssumeRole(const AssumeRoleParams& params,
                                             const Credentials& caller) {
  FixedProvider provider(caller);
  AwsClient client(Dependencies(&transport_, &provider, limiter_), options_);
  nlohmann::json input = {{"RoleArn", params.role_arn},
                          {"RoleSessionName", params.role_session_name}};
  if (params.external_id) input["ExternalId"] = *params.external_id;
  if (params.duration_seconds) input["DurationSeconds"] = *params.duration_seconds;
  VIEW360_ASSIGN_OR_RETURN(auto output, client.Call("sts", "AssumeRole", input));
  return CredentialsFromSts(output, "assume role " + params.role_arn);
}

Result<Credentials> ClientStsApi::AssumeRoleWithWebIdentity(const WebIdentityParams& params) {
  FixedProvider none(Credentials{});  // The operation is unsigned.
  AwsClient client(Dependencies(&transport_, &none, limiter_), options_);
  VIEW360_ASSIGN_OR_RETURN(auto output,
                           client.Call("sts", "AssumeRoleWithWebIdentity",
                                       {{"RoleArn", params.role_arn},
                                        {"RoleSessionName", params.role_session_name},
                                        {"WebIdentityToken", params.web_identity_token}}));
  return CredentialsFromSts(output, "web identity " + params.role_arn);
}

Result<std::unique_ptr<AwsSession>> AwsSession::Create(const SessionOptions& options) {
  std::unique_ptr<AwsSession> session(new AwsSession());
  session->options_ = options;
  const EnvLookup env = ProcessEnvironment();
  VIEW360_ASSIGN_OR_RETURN(SharedConfig config, SharedConfig::Load(DefaultSharedConfigFiles(env)));
  const std::string profile_name = ResolveProfileName(env, options.profile);
  auto profile = config.GetProfile(profile_name);
  auto region = ResolveRegion(env, profile ? &*profile : nullptr, options.region);
  if (!region) {
    return InvalidArgumentError(
        "no AWS region: pass --region, set AWS_REGION, or set a region in profile '" +
        profile_name + "'");
  }
  session->region_ = *region;
  session->transport_ = std::make_unique<CurlTransport>();
  session->metadata_transport_ = std::make_unique<CurlTransport>(kMetadataTransportOptions);
  if (options.rate_limit) session->limiter_ = std::make_unique<RateLimiter>();
  if (options.max_in_flight_per_account > 0) {
    session->in_flight_ = std::make_unique<InFlightLimiter>(options.max_in_flight_per_account);
  }
  session->sts_ = std::make_unique<ClientStsApi>(
      *session->transport_, ClientOptions{*region, options.endpoint_url, "", options.retry},
      session->limiter_.get());

  ChainOptions chain;
  chain.access_key_id = options.access_key_id;
  chain.secret_access_key = options.secret_access_key;
  chain.session_token = options.session_token;
  chain.profile = options.profile;
  chain.sts = session->sts_.get();
  chain.transport = session->metadata_transport_.get();
  VIEW360_ASSIGN_OR_RETURN(session->credentials_, DefaultCredentialChain(chain));
  return session;
}

std::unique_ptr<AwsClient> AwsSession::Client(const std::string& region) {
  AwsClient::Dependencies deps = Dependencies(transport_.get(), credentials_.get(), limiter_.get());
  deps.in_flight = in_flight_.get();
  return std::make_unique<AwsClient>(
      std::move(deps),
      ClientOptions{region.empty() ? region_ : region, options_.endpoint_url, "", options_.retry});
}

std::unique_ptr<AwsClient> AwsSession::AssumeRoleClient(
    std::shared_ptr<CredentialsProvider> role_credentials, const std::string& account,
    const std::string& region) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    role_credentials_.push_back(role_credentials);
  }
  AwsClient::Dependencies deps =
      Dependencies(transport_.get(), role_credentials.get(), limiter_.get());
  deps.in_flight = in_flight_.get();
  return std::make_unique<AwsClient>(
      std::move(deps), ClientOptions{region.empty() ? region_ : region, options_.endpoint_url,
                                     account, options_.retry});
}

}  // namespace view360::aws
