// Where AWS credentials come from: one provider per source, and the default chain that tries them
// in the order of the AWS CLI.
//
// The default chain follows botocore's create_credential_resolver (botocore/credentials.py),
// which the AWS CLI uses; the first source with credentials wins:
//    1. explicit keys given to the program (botocore: the keys passed to create_client);
//    2. environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SECURITY_TOKEN or
//       AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION. Skipped when the profile was named
//       explicitly (ChainOptions::profile, the CLI's --profile), not when it comes from
//       AWS_PROFILE: with AWS_PROFILE set, environment keys still win;
//    3. assume role: the profile's role_arn with source_profile (followed, with cycle
//       detection) or credential_source (Environment, Ec2InstanceMetadata, EcsContainer);
//    4. web identity: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME (not read
//       with an explicit profile), else the profile's web_identity_token_file, role_arn,
//       role_session_name;
//    5. SSO (sso_account_id or sso_role_name in the profile): not supported, a clear error;
//    6. the profile's aws_access_key_id/aws_secret_access_key in the credentials file;
//    7. the profile's credential_process;
//    8. the profile's keys in the config file;
//    9. container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI;
//   10. EC2 instance metadata (IMDSv2), unless AWS_EC2_METADATA_DISABLED=true.
// botocore's two legacy sources between 8 and 9 (AWS_CREDENTIAL_FILE, the boto2 config) are not
// read. A source with nothing to offer answers kNotFound and the chain goes on; any other error
// stops it, where botocore raises too (half a key pair, a bad profile, a failing
// credential_process or container endpoint). Once a source has answered, the chain keeps using
// it; the fetching sources cache and refresh their credentials (credential_cache.h).
//
// Secrets (secret keys, session tokens, web identity and container tokens, credential_process
// output) never appear in a Status message, a log line or Credentials::Describe().
//
// Thread-safety: every provider is safe to call from many threads. Objects passed by reference
// or pointer (StsApi, Transport) must outlive the providers that use them.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/credential_cache.h"
#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/shared_config.h"

namespace view360::aws {

// ---------------------------------------------------------------------------------------------
// STS, as the providers need it.

struct AssumeRoleParams {
  std::string role_arn;
  // Empty: "botocore-session-<unix time>", fixed when the provider is built (botocore's default).
  std::string role_session_name;
  std::optional<std::string> external_id;  // Sent when set (even empty, as botocore).
  std::optional<int> duration_seconds;     // nullopt: STS's default (one hour).
};

struct WebIdentityParams {
  std::string role_arn;
  std::string role_session_name;
  std::string web_identity_token;  // Secret.
};

// The STS calls the providers make. Implemented on top of the AWS client (and by fakes in
// tests); lives here so the credential layer does not depend on the client. The implementation
// picks the STS endpoint (regional, from ResolveRegion) and must keep secrets (the caller's keys,
// the web identity token, the keys returned) out of its Status messages.
class StsApi {
 public:
  virtual ~StsApi() = default;
  // sts:AssumeRole signed with `caller`. The credentials returned carry an expiration; the
  // provider sets their source. kPermissionDenied when STS refuses (AccessDenied), other codes
  // as the client maps them.
  virtual Result<Credentials> AssumeRole(const AssumeRoleParams& params,
                                         const Credentials& caller) = 0;
  // sts:AssumeRoleWithWebIdentity, an unsigned call.
  virtual Result<Credentials> AssumeRoleWithWebIdentity(const WebIdentityParams& params) = 0;
};

// "arn:<partition>:iam::<account_id>:role/<role_name>" (role_name may carry a path: "ops/viewer").
std::string RoleArn(std::string_view account_id, std::string_view role_name,
                    std::string_view partition = "aws");

// ---------------------------------------------------------------------------------------------
// Providers. Get() is the CredentialsProvider contract: kNotFound when the source has nothing.

// Fixed credentials (the program's explicit options). kNotFound when access_key_id is empty.
class StaticProvider final : public CredentialsProvider {
 public:
  explicit StaticProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Result<Credentials> Get() override;

 private:
  const Credentials credentials_;
};

// AWS_ACCESS_KEY_ID and friends, read at each call. kNotFound when AWS_ACCESS_KEY_ID is unset
// or empty; kInvalidArgument when AWS_SECRET_ACCESS_KEY is missing or AWS_CREDENTIAL_EXPIRATION
// is malformed; kFailedPrecondition when that expiration has passed. AWS_SECURITY_TOKEN wins
// over AWS_SESSION_TOKEN when both are set, as in botocore.
class EnvironmentProvider final : public CredentialsProvider {
 public:
  explicit EnvironmentProvider(EnvLookup env, NowFunction now = nullptr);
  Result<Credentials> Get() override;

 private:
  const EnvLookup env_;
  const NowFunction now_;
};

// The aws_access_key_id / aws_secret_access_key / aws_security_token / aws_session_token of one
// profile section of one file (botocore's SharedCredentialProvider and ConfigProvider).
// kNotFound when the section is missing or has no aws_access_key_id; kInvalidArgument when the
// key id is empty or the secret missing.
class ProfileKeysProvider final : public CredentialsProvider {
 public:
  // section: nullopt when the file has no such profile. file: names the file in messages.
  ProfileKeysProvider(std::optional<IniSection> section, std::string profile, std::string file);
  Result<Credentials> Get() override;

 private:
  const std::optional<IniSection> section_;
  const std::string profile_;
  const std::string file_;
};

// Runs a profile's credential_process (split like a shell would, run without one, in the
// current directory) and reads its JSON: {"Version": 1, "AccessKeyId", "SecretAccessKey",
// "SessionToken" (optional), "Expiration" (optional; without it the credentials are kept for
// good)}. A program that cannot start, exits non-zero or prints anything else is
// kFailedPrecondition; the message gives the program name and exit code, never the output
// (stdout and stderr arrive mixed and may hold the keys). Cached and refreshed.
class ProcessProvider final : public RefreshingProvider {
 public:
  ProcessProvider(std::string command, std::string profile, NowFunction now = nullptr);

 protected:
  Result<Credentials> Fetch() override;

 private:
  const std::string command_;
  const std::string profile_;
};

struct WebIdentityConfig {
  std::string role_arn;
  std::string token_file;         // Read at each fetch: the platform rotates it.
  std::string role_session_name;  // Empty: "botocore-session-<unix time>".
  std::string origin;             // For messages: "environment" or "profile dev".
};

// sts:AssumeRoleWithWebIdentity with the token in token_file. kInvalidArgument without a role
// ARN; kFailedPrecondition when the token file cannot be read. Cached and refreshed.
class WebIdentityProvider final : public RefreshingProvider {
 public:
  WebIdentityProvider(WebIdentityConfig config, StsApi& sts, NowFunction now = nullptr);

 protected:
  Result<Credentials> Fetch() override;

 private:
  WebIdentityConfig config_;
  StsApi& sts_;
};

// sts:AssumeRole with the credentials of `base`, cached and refreshed. Usable on its own, e.g.
// by a collector that assumes RoleArn(account, "View360Reader") in every account of an
// organization with one ExternalId, all from one base provider.
class AssumeRoleProvider final : public RefreshingProvider {
 public:
  // base: the caller's credentials; shared so that many roles can be assumed from one.
  AssumeRoleProvider(std::shared_ptr<CredentialsProvider> base, StsApi& sts,
                     AssumeRoleParams params, NowFunction now = nullptr);

  const AssumeRoleParams& params() const { return params_; }

 protected:
  // A kNotFound from `base` is returned as kFailedPrecondition: the role was asked for, so
  // missing base credentials are an error, not "no credentials here".
  Result<Credentials> Fetch() override;

 private:
  const std::shared_ptr<CredentialsProvider> base_;
  StsApi& sts_;
  AssumeRoleParams params_;
};

struct ContainerOptions {
  int attempts = 3;                             // botocore ContainerMetadataFetcher.RETRY_ATTEMPTS
  std::chrono::milliseconds retry_delay{1000};  // botocore SLEEP_TIME.
  std::function<void(std::chrono::milliseconds)> sleep;  // nullptr: sleep_for. The test seam.
};

// ECS / EKS Pod Identity credentials: GET
// http://169.254.170.2<AWS_CONTAINER_CREDENTIALS_RELATIVE_URI> or
// AWS_CONTAINER_CREDENTIALS_FULL_URI (host must be a loopback address, localhost, 169.254.170.2,
// 169.254.170.23 or fd00:ec2::23, as botocore), with "Authorization:" from the file
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at each fetch) or AWS_CONTAINER_AUTHORIZATION_TOKEN.
// kNotFound when neither URI variable is set; kInvalidArgument for a host not allowed; once
// configured, a failing endpoint is an error (kUnavailable, kDeadlineExceeded,
// kPermissionDenied, kFailedPrecondition), not kNotFound. Cached and refreshed.
class ContainerProvider final : public RefreshingProvider {
 public:
  ContainerProvider(EnvLookup env, Transport& transport, ContainerOptions options = {},
                    NowFunction now = nullptr);

 protected:
  Result<Credentials> Fetch() override;

 private:
  const EnvLookup env_;
  Transport& transport_;
  const ContainerOptions options_;
};

// botocore's defaults for the instance metadata service: 1 s timeouts (metadata_service_timeout)
// so that a laptop without IMDS gives up at once. Build the transport given to ImdsProvider
// and ContainerProvider (ChainOptions::transport) with these.
inline constexpr TransportOptions kMetadataTransportOptions{std::chrono::milliseconds(1000),
                                                            std::chrono::milliseconds(1000)};

struct ImdsOptions {
  static constexpr std::string_view kDefaultEndpoint = "http://169.254.169.254";
  static constexpr std::string_view kIpv6Endpoint = "http://[fd00:ec2::254]";
  // The session token lifetime asked for (botocore IMDSFetcher._TOKEN_TTL: 6 hours).
  static constexpr std::string_view kTokenTtlSeconds = "21600";

  std::string endpoint = std::string(kDefaultEndpoint);
  bool disabled = false;     // AWS_EC2_METADATA_DISABLED=true.
  bool v1_disabled = false;  // No fallback to IMDSv1 when the token is refused.
  int attempts = 1;          // Per request; botocore's metadata_service_num_attempts default.

  // From AWS_EC2_METADATA_DISABLED, AWS_EC2_METADATA_SERVICE_ENDPOINT (or the profile's
  // ec2_metadata_service_endpoint), AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6 (or
  // ec2_metadata_service_endpoint_mode), AWS_EC2_METADATA_V1_DISABLED (or
  // ec2_metadata_v1_disabled), AWS_METADATA_SERVICE_NUM_ATTEMPTS (or
  // metadata_service_num_attempts). profile may be nullptr.
  static ImdsOptions FromEnvironment(const EnvLookup& env, const Profile* profile);
};

// EC2 instance profile credentials over IMDSv2: PUT /latest/api/token
// (X-aws-ec2-metadata-token-ttl-seconds: 21600), then GET
// /latest/meta-data/iam/security-credentials/ for the role name and GET .../<role> for the keys,
// each with X-aws-ec2-metadata-token. When the token PUT answers 403, 404 or 405 the GETs go
// without a token (IMDSv1) unless v1 is disabled. kNotFound when disabled, when the endpoint does
// not answer the token request (then no IMDSv1 fallback, unlike botocore: see
// credential_http.cpp), when no role is attached, or for an unusable answer, as botocore returns
// no credentials then. Cached and refreshed.
class ImdsProvider final : public RefreshingProvider {
 public:
  ImdsProvider(ImdsOptions options, Transport& transport, NowFunction now = nullptr);

 protected:
  Result<Credentials> Fetch() override;

 private:
  const ImdsOptions options_;
  Transport& transport_;
};

// ---------------------------------------------------------------------------------------------
// Chains.

// Tries its links in order; the first that returns credentials is kept for later calls. A
// kNotFound link is skipped; any other error is returned with the link's name. When every link
// answers kNotFound, the kNotFound lists each link's reason (names, never values) followed by
// `help`.
class CredentialChain final : public CredentialsProvider {
 public:
  struct Link {
    std::string name;  // "environment", "credential_process", ...
    std::unique_ptr<CredentialsProvider> provider;
  };
  CredentialChain(std::vector<Link> links, std::string help);
  Result<Credentials> Get() override;

 private:
  const std::vector<Link> links_;
  const std::string help_;
  std::mutex resolve_mu_;                    // Serializes the first walk through the links.
  std::mutex selected_mu_;                   // Guards selected_.
  CredentialsProvider* selected_ = nullptr;  // The link that answered.
};

struct ChainOptions {
  // Explicit keys (the program's options). When access_key_id is set nothing else is tried;
  // setting only one of access_key_id and secret_access_key is kInvalidArgument.
  std::string access_key_id;
  std::string secret_access_key;  // Secret.
  std::string session_token;      // Secret.
  // The profile named by the user (--profile). Empty: AWS_PROFILE, AWS_DEFAULT_PROFILE or
  // "default". Naming it here also skips the environment keys (see the order above).
  std::string profile;
  // STS, for assume-role and web identity profiles. nullptr: such profiles fail with
  // kFailedPrecondition.
  StsApi* sts = nullptr;
  // HTTP for the container and instance metadata endpoints, built with
  // kMetadataTransportOptions. nullptr: both sources answer kNotFound.
  Transport* transport = nullptr;
  // The environment. nullptr: the process environment.
  EnvLookup env;
  // The shared files. Empty: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config
  // and ~/.aws/credentials.
  std::string config_file;
  std::string credentials_file;
  // The clock. nullptr: the system clock.
  NowFunction now;
  ContainerOptions container;
};

// The default chain described at the top of this file. Reads the shared files once, now.
// kInvalidArgument for a malformed file, half a pair of explicit keys, or a profile named (by
// --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE) that neither file has, except "default" (as the
// AWS CLI: "The config profile (x) could not be found").
Result<std::unique_ptr<CredentialsProvider>> DefaultCredentialChain(const ChainOptions& options);

}  // namespace view360::aws
