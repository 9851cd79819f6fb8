// AwsSession: what a View360 command needs to call AWS, built once from the user's settings
// (profile, region, endpoint URL, explicit keys) the way the AWS CLI builds it: one HTTP
// transport, the default credential chain (credential_chain.h) with STS through our own client,
// one rate limiter shared by every client, and AwsClient objects on demand.
//
// Thread-safety: Client() and AssumeRoleClient() may be called from many threads; the session
// must outlive the clients it makes.
#pragma once

#include <memory>
#include <string>

#include "aws/client.h"
#include "aws/credential_chain.h"
#include "aws/curl_transport.h"
#include "aws/rate_limiter.h"

namespace view360::aws {

struct SessionOptions {
  std::string profile;            // --profile; empty: AWS_PROFILE or "default".
  std::string region;             // --region; empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's.
  std::string endpoint_url;       // --endpoint-url; empty: AWS_ENDPOINT_URL[_<SERVICE>] or AWS's.
  std::string access_key_id;      // Explicit keys; empty: the credential chain.
  std::string secret_access_key;  // Secret.
  std::string session_token;      // Secret.
  RetryOptions retry;
  bool rate_limit = true;  // Client-side token buckets (rate_limiter.h).
  // Calls in flight at once per account, over all of the session's clients (0: unbounded).
  int max_in_flight_per_account = 0;
};

// StsApi over AwsClient: AssumeRole signed with the caller's credentials, and the unsigned
// AssumeRoleWithWebIdentity.
class ClientStsApi : public StsApi {
 public:
  ClientStsApi(Transport& transport, ClientOptions options, RateLimiter* limiter);
  Result<Credentials> AssumeRole(const AssumeRoleParams& params,
                                 const Credentials& caller) override;
  Result<Credentials> AssumeRoleWithWebIdentity(const WebIdentityParams& params) override;

 private:
  Transport& transport_;
  const ClientOptions options_;
  RateLimiter* limiter_;
};

class AwsSession {
 public:
  // kInvalidArgument for a bad profile or config file, or no region anywhere.
  static Result<std::unique_ptr<AwsSession>> Create(const SessionOptions& options);

  const std::string& region() const { return region_; }
  Transport& transport() { return *transport_; }
  CredentialsProvider& credentials() { return *credentials_; }
  StsApi& sts() { return *sts_; }

  // A client in `region` (empty: the session's) with the session's credentials.
  std::unique_ptr<AwsClient> Client(const std::string& region = "");

  // A client acting in another account through sts:AssumeRole (cached and refreshed). `account`
  // keys its rate-limit buckets.
  std::unique_ptr<AwsClient> AssumeRoleClient(std::shared_ptr<CredentialsProvider> role_credentials,
                                              const std::string& account,
                                              const std::string& region = "");

 private:
  AwsSession() = default;

  SessionOptions options_;
  std::string region_;
  std::unique_ptr<CurlTransport> transport_;
  std::unique_ptr<CurlTransport> metadata_transport_;
  std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<InFlightLimiter> in_flight_;
  std::unique_ptr<ClientStsApi> sts_;
  std::unique_ptr<CredentialsProvider> credentials_;
  std::vector<std::shared_ptr<CredentialsProvider>> role_credentials_;  // Kept alive.
  std::mutex mu_;
};

}  // namespace view360::aws
