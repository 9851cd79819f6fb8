// Authentication as AWS does it: every request's SigV4 signature is verified against the secret
// of the access key it names. The simulator issues two kinds of keys, both stateless (derived from
// the seed, so 10,000 accounts need no key table):
//   - long-term keys of each account's root user: AKIA + account id + 4 check characters;
//   - temporary keys from STS AssumeRole: ASIA + account id + 4 characters bound to a session
//     token that carries the account, role, session name and expiry under a keyed checksum.
//
// Failures carry the code AWS uses: InvalidClientTokenId (unknown key; S3: InvalidAccessKeyId),
// SignatureDoesNotMatch (wrong secret), ExpiredToken (session past its expiry),
// RequestTimeTooSkewed, MissingAuthenticationToken, IncompleteSignature.
//
// Thread-safety: immutable after construction; safe from many threads.
#pragma once

#include <chrono>
#include <string>
#include <variant>

#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/sigv4.h"
#include "sim/world.h"

namespace view360::sim {

// Who signed a request.
struct Principal {
  Account account;
  std::string arn;  // arn:aws:iam::<id>:root, or arn:aws:sts::<id>:assumed-role/<role>/<session>
  std::string user_id;               // GetCallerIdentity's UserId.
  aws::SignedRequestInfo signature;  // The credential scope: region and service.
};

struct AuthFailure {
  int http_status = 403;
  std::string code;
  std::string message;
  std::string signing_service;  // From the scope, when it could be read ("" otherwise).
};

class Authenticator {
 public:
  explicit Authenticator(const World& world);  // world must outlive this.

  // The root user's long-term keys of an account.
  aws::Credentials RootCredentials(const Account& account) const;
  // Temporary keys for role `role_name` in `account`, assumed under `session_name`.
  aws::Credentials IssueRoleCredentials(const Account& account, const std::string& role_name,
                                        const std::string& session_name,
                                        Clock::time_point expiry) const;

  std::variant<Principal, AuthFailure> Authenticate(const aws::HttpRequest& request,
                                                    Clock::time_point now) const;

 private:
  std::string Keyed(std::string_view purpose, std::string_view data) const;

  const World& world_;
  std::string master_;  // Derived from the seed; keys every check character and secret.
};

}  // namespace view360::sim
