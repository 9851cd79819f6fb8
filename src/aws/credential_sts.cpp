// The sources that call STS: AssumeRole and AssumeRoleWithWebIdentity.
#include "aws/credential_chain.h"
#include "aws/credential_internal.h"

namespace view360::aws {

WebIdentityProvider::WebIdentityProvider(WebIdentityConfig config, StsApi& sts, NowFunction now)
    : RefreshingProvider(std::move(now)), config_(std::move(config)), sts_(sts) {
  // Fixed once, as botocore's fetcher does, so that refreshes keep the session name.
  if (config_.role_session_name.empty()) {
    config_.role_session_name = internal::DefaultRoleSessionName(Now());
  }
}

Result<Credentials> WebIdentityProvider::Fetch() {
  const std::string what = "web identity (" + config_.origin + ")";
  if (config_.role_arn.empty()) {
    return InvalidArgumentError(what +
                                " has a token file but no role ARN: set AWS_ROLE_ARN or "
                                "the profile's role_arn");
  }
  auto token = internal::ReadTextFile(config_.token_file);
  if (!token.ok()) {
    return FailedPreconditionError(
        what + ": cannot read the web identity token file: " + token.status().message());
  }
  // botocore sends the file as it is; a JWT holds no blanks, so a trailing newline is dropped.
  WebIdentityParams params{config_.role_arn, config_.role_session_name,
                           std::string(internal::Trim(*token))};
  if (params.web_identity_token.empty()) {
    return FailedPreconditionError(what + ": the web identity token file '" + config_.token_file +
                                   "' is empty");
  }
  auto credentials = sts_.AssumeRoleWithWebIdentity(params);
  if (!credentials.ok()) {
    return credentials.status().WithContext("sts:AssumeRoleWithWebIdentity for " +
                                            config_.role_arn);
  }
  credentials->source = "web identity role " + config_.role_arn;
  return credentials;
}

AssumeRoleProvider::AssumeRoleProvider(std::shared_ptr<CredentialsProvider> base, StsApi& sts,
                                       AssumeRoleParams params, NowFunction now)
    : RefreshingProvider(std::move(now)),
      base_(std::move(base)),
      sts_(sts),
      params_(std::move(params)) {
  if (params_.role_session_name.empty()) {
    params_.role_session_name = internal::DefaultRoleSessionName(Now());
  }
}

Result<Credentials> AssumeRoleProvider::Fetch() {
  auto caller = base_->Get();
  if (!caller.ok()) {
    Status status = caller.status();
    if (status.code() == StatusCode::kNotFound) {
      status =
          FailedPreconditionError("no credentials to assume the role with: " + status.message());
    }
    return status.WithContext("assuming " + params_.role_arn);
  }
  auto credentials = sts_.AssumeRole(params_, *caller);
  if (!credentials.ok()) {
    return credentials.status().WithContext("sts:AssumeRole " + params_.role_arn + " as " +
                                            caller->Describe());
  }
  credentials->source = "role " + params_.role_arn;
  return credentials;
}

}  // namespace view360::aws
