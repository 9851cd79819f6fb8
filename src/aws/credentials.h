// AWS credentials and where they come from.
//
// Thread-safety: Credentials is a plain value. A CredentialsProvider is safe to call from many
// threads; providers that fetch (STS, IMDS, containers, processes) cache what they fetched and
// refresh it before it expires.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "common/status.h"

namespace view360::aws {

using Clock = std::chrono::system_clock;

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;  // Secret: never logged, never in a message or a document.
  std::string session_token;      // Secret; empty for long-term keys.
  std::optional<Clock::time_point> expiration;
  std::string source;  // Where they came from ("environment", "profile dev", ...).

  // "AKIA…MPLE (source)", or "AKIA…MPLE (source, expires 2024-05-01T12:00:00Z)": the key id
  // shortened to its first and last four characters, never the secret or the token. Safe for
  // logs and messages.
  std::string Describe() const;
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Valid credentials, fetched or refreshed when the cached ones expire within five minutes.
  // kNotFound when this provider has nothing to offer (the chain then tries the next one);
  // other codes when it should have had credentials but failed (the chain stops there).
  virtual Result<Credentials> Get() = 0;
};

}  // namespace view360::aws
