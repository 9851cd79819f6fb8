// The sources that read values already at hand: explicit keys, the environment, profile keys.
#include "aws/credential_chain.h"
#include "aws/credential_internal.h"

namespace view360::aws {

std::string RoleArn(std::string_view account_id, std::string_view role_name,
                    std::string_view partition) {
  return "arn:" + std::string(partition) + ":iam::" + std::string(account_id) + ":role/" +
         std::string(role_name);
}

Result<Credentials> StaticProvider::Get() {
  if (credentials_.access_key_id.empty()) return NotFoundError("no keys given");
  return credentials_;
}

EnvironmentProvider::EnvironmentProvider(EnvLookup env, NowFunction now)
    : env_(std::move(env)), now_(now ? std::move(now) : SystemNow()) {}

Result<Credentials> EnvironmentProvider::Get() {
  const auto get = [&](std::string_view name) { return env_(name).value_or(""); };
  Credentials out;
  out.source = "environment";
  out.access_key_id = get("AWS_ACCESS_KEY_ID");
  if (out.access_key_id.empty()) return NotFoundError("AWS_ACCESS_KEY_ID is not set");
  out.secret_access_key = get("AWS_SECRET_ACCESS_KEY");
  if (out.secret_access_key.empty()) {
    return InvalidArgumentError(
        "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither");
  }
  // botocore's EnvProvider.TOKENS order: the legacy name first.
  for (const char* name : {"AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"}) {
    out.session_token = get(name);
    if (!out.session_token.empty()) break;
  }
  if (const std::string expiration = get("AWS_CREDENTIAL_EXPIRATION"); !expiration.empty()) {
    auto parsed = internal::ParseTimestamp(expiration);
    if (!parsed.ok()) return parsed.status().WithContext("AWS_CREDENTIAL_EXPIRATION");
    out.expiration = *parsed;
    if (*out.expiration <= now_()) {
      return FailedPreconditionError(
          "the credentials in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY expired at " +
          internal::FormatTimestamp(*out.expiration) +
          " (AWS_CREDENTIAL_EXPIRATION): export fresh ones or unset them");
    }
  }
  return out;
}

ProfileKeysProvider::ProfileKeysProvider(std::optional<IniSection> section, std::string profile,
                                         std::string file)
    : section_(std::move(section)), profile_(std::move(profile)), file_(std::move(file)) {}

Result<Credentials> ProfileKeysProvider::Get() {
  const std::string where = "profile '" + profile_ + "' in " + file_;
  if (!section_) return NotFoundError("no profile '" + profile_ + "' in " + file_);
  const auto key_id = section_->Get("aws_access_key_id");
  if (!key_id) return NotFoundError(where + " has no aws_access_key_id");
  if (key_id->empty()) return InvalidArgumentError(where + " has an empty aws_access_key_id");
  const auto secret = section_->Get("aws_secret_access_key");
  if (!secret || secret->empty()) {
    return InvalidArgumentError(where + " has aws_access_key_id but no aws_secret_access_key");
  }
  Credentials out;
  out.access_key_id = *key_id;
  out.secret_access_key = *secret;
  // botocore's SharedCredentialProvider.TOKENS order: the legacy name first.
  for (const char* name : {"aws_security_token", "aws_session_token"}) {
    if (auto token = section_->Get(name)) {
      out.session_token = *token;
      break;
    }
  }
  out.source = where;
  return out;
}

}  // namespace view360::aws
