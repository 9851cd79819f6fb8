#include "sim/auth.h"

#include <algorithm>
#include <vector>

#include "common/hash.h"

namespace view360::sim {
namespace {

constexpr char kKeyAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr char kSecretAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// `count` characters of `alphabet` taken from a hex digest.
std::string FromDigest(std::string_view hex, std::string_view alphabet, size_t count) {
  std::string out;
  for (size_t i = 0; out.size() < count; i = (i + 2) % (hex.size() - 1)) {
    const int byte =
        std::stoi(std::string(hex.substr(i, 2)), nullptr, 16) + static_cast<int>(out.size()) * 7;
    out.push_back(alphabet[static_cast<size_t>(byte) % alphabet.size()]);
  }
  return out;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(sep, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

AuthFailure Failure(int status, std::string code, std::string message, std::string service = "") {
  return AuthFailure{status, std::move(code), std::move(message), std::move(service)};
}

bool IsS3(std::string_view signing_service) { return signing_service == "s3"; }

}  // namespace

Authenticator::Authenticator(const World& world)
    : world_(world), master_(Sha256Hex("view360-sim-master/" + std::to_string(world.seed()))) {}

std::string Authenticator::Keyed(std::string_view purpose, std::string_view data) const {
  std::string input = master_;
  input.append("/").append(purpose).append("/").append(data);
  return Sha256Hex(input);
}

aws::Credentials Authenticator::RootCredentials(const Account& account) const {
  aws::Credentials credentials;
  credentials.access_key_id =
      "AKIA" + account.id + FromDigest(Keyed("root-key", account.id), kKeyAlphabet, 4);
  credentials.secret_access_key =
      FromDigest(Keyed("root-secret", credentials.access_key_id), kSecretAlphabet, 40);
  credentials.source = "view360 sim";
  return credentials;
}

aws::Credentials Authenticator::IssueRoleCredentials(const Account& account,
                                                     const std::string& role_name,
                                                     const std::string& session_name,
                                                     Clock::time_point expiry) const {
  const auto expiry_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(expiry.time_since_epoch()).count();
  // The token: fields joined by '|', then a keyed checksum of them. Role and session names cannot
  // hold '|' (IAM and STS restrict them to [\w+=,.@-]).
  std::string payload = "v1|" + account.id + "|" + role_name + "|" + session_name + "|" +
                        std::to_string(expiry_seconds);
  aws::Credentials credentials;
  credentials.session_token = payload + "|" + Keyed("token", payload).substr(0, 32);
  credentials.access_key_id =
      "ASIA" + account.id +
      FromDigest(Keyed("temp-key", credentials.session_token), kKeyAlphabet, 4);
  credentials.secret_access_key =
      FromDigest(Keyed("temp-secret", credentials.session_token), kSecretAlphabet, 40);
  credentials.expiration = expiry;
  credentials.source = "view360 sim AssumeRole";
  return credentials;
}

std::variant<Principal, AuthFailure> Authenticator::Authenticate(const aws::HttpRequest& request,
                                                                 Clock::time_point now) const {
  const bool has_auth = aws::FindHeader(request.headers, "authorization").has_value() ||
                        std::any_of(request.query.begin(), request.query.end(),
                                    [](const auto& q) { return q.first == "X-Amz-Signature"; });
  if (!has_auth) {
    return Failure(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  auto info = aws::ParseSignedRequest(request);
  if (!info.ok()) return Failure(400, "IncompleteSignature", info.status().message());
  const std::string& key_id = info->access_key_id;
  const std::string service = info->service;
  const auto unknown_key = [&] {
    return IsS3(service)
               ? Failure(403, "InvalidAccessKeyId",
                         "The AWS Access Key Id you provided does not exist in our records.",
                         service)
               : Failure(403, "InvalidClientTokenId",
                         "The security token included in the request is invalid.", service);
  };
  if (key_id.size() != 20) return unknown_key();
  auto account = world_.FindAccount(std::string_view(key_id).substr(4, 12));
  if (!account) return unknown_key();

  Principal principal;
  aws::Credentials expected;
  if (key_id.starts_with("AKIA")) {
    expected = RootCredentials(*account);
    principal.arn = "arn:aws:iam::" + account->id + ":root";
    principal.user_id = account->id;
  } else if (key_id.starts_with("ASIA")) {
    auto token = aws::FindHeader(request.headers, "x-amz-security-token");
    if (!token) {
      for (const auto& [name, value] : request.query) {
        if (name == "X-Amz-Security-Token") token = value;
      }
    }
    if (!token) return unknown_key();
    const auto fields = Split(*token, '|');
    if (fields.size() != 6 || fields[0] != "v1" || fields[1] != account->id) return unknown_key();
    const std::string payload = token->substr(0, token->rfind('|'));
    if (fields[5] != Keyed("token", payload).substr(0, 32)) return unknown_key();
    const auto expiry = Clock::time_point(std::chrono::seconds(std::stoll(fields[4])));
    expected = IssueRoleCredentials(*account, fields[2], fields[3], expiry);
    if (expected.access_key_id != key_id) return unknown_key();
    if (now >= expiry) {
      return Failure(IsS3(service) ? 400 : 403, "ExpiredToken",
                     "The security token included in the request is expired", service);
    }
    principal.arn = "arn:aws:sts::" + account->id + ":assumed-role/" + fields[2] + "/" + fields[3];
    principal.user_id = "AROA" +
                        FromDigest(Keyed("role-id", account->id + fields[2]), kKeyAlphabet, 17) +
                        ":" + fields[3];
  } else {
    return unknown_key();
  }
  if (auto fresh = aws::CheckSigningTime(*info, now); !fresh.ok()) {
    const bool skewed = fresh.reason() == "RequestTimeTooSkewed";
    return Failure(skewed ? (IsS3(service) ? 403 : 400) : 403, std::string(fresh.reason()),
                   fresh.message(), service);
  }
  if (auto verified = aws::VerifySignature(request, *info, expected.secret_access_key);
      !verified.ok()) {
    if (verified.reason() == "SignatureDoesNotMatch" || verified.reason().empty()) {
      return Failure(403, "SignatureDoesNotMatch",
                     "The request signature we calculated does not match the signature you "
                     "provided. Check your AWS Secret Access Key and signing method. Consult the "
                     "service documentation for details.",
                     service);
    }
    return Failure(400, std::string(verified.reason()), verified.message(), service);
  }
  principal.account = std::move(*account);
  principal.signature = std::move(*info);
  return principal;
}

}  // namespace view360::sim
