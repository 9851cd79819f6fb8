// AwsClient: one AWS call from parameters to parsed output, the way an SDK makes it.
//
// Call(service, operation, params) resolves the endpoint (endpoints.h), serialises the request
// (protocol.h), waits for the per-API token bucket (rate_limiter.h), signs it (sigv4.h) with
// credentials from the provider, sends it (Transport), parses the output or the error, and
// retries what is worth retrying (retry.h) with full-jitter backoff. It also corrects for a
// clock that is off (from the Date of an answer that says so, once per call) and follows S3's
// region redirects. Paginate runs Call page by page with the operation's paginator.
//
// Errors come back as a Status whose reason() is the AWS error code; a call that gave up says
// why (not retryable, or how many attempts it made).
//
// Thread-safety: Call and Paginate may be used from many threads at once. The dependencies
// must outlive the client.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/http.h"
#include "aws/paginator.h"
#include "aws/rate_limiter.h"
#include "aws/retry.h"
#include "aws/sigv4.h"
#include "common/status.h"

namespace view360::aws {

struct ClientOptions {
  std::string region;        // The caller's region; global services pick their own.
  std::string endpoint_url;  // Overrides every service's endpoint (--endpoint-url).
  std::string account;       // The account calls are made in: the rate limiter's key.
  RetryOptions retry;
};

// What the client did, for the document's extension block and for tests.
struct CallStats {
  std::map<std::string, int64_t> calls;  // "service:Operation" -> HTTP requests sent.
  int64_t throttled = 0;                 // Throttling answers received.
  int64_t retries = 0;                   // Requests sent again.
};

class AwsClient {
 public:
  // Injection points; transport and credentials are required, the rest optional.
  struct Dependencies {
    Transport* transport = nullptr;
    CredentialsProvider* credentials = nullptr;
    RateLimiter* limiter = nullptr;                        // nullptr: no client-side rate limit.
    InFlightLimiter* in_flight = nullptr;                  // nullptr: no bound on calls in flight.
    std::function<Clock::time_point()> now;                // Default: the system clock.
    std::function<void(std::chrono::milliseconds)> sleep;  // Default: sleep_for.
    std::function<double()> uniform01;                     // Default: a random number.
  };

  AwsClient(Dependencies dependencies, ClientOptions options);

  // The operation's output (protocol.h's DOM). kNotFound when no such service or operation is
  // compiled in; kInvalidArgument for bad parameters; otherwise the AWS error or the
  // transport's, after the retries the options allow.
  Result<nlohmann::json> Call(std::string_view service, std::string_view operation,
                              const nlohmann::json& params);

  // Pages of a paginated operation, each handed to on_page as it arrives; the operation must
  // have a paginator (kInvalidArgument otherwise).
  Status Paginate(std::string_view service, std::string_view operation, nlohmann::json params,
                  const std::function<Status(const nlohmann::json&)>& on_page,
                  int max_pages = kDefaultMaxPages);

  // True when the operation has a paginator in its model.
  static bool CanPaginate(std::string_view service, std::string_view operation);

  CallStats Stats() const;
  const ClientOptions& options() const { return options_; }

 private:
  struct Attempt;
  Result<nlohmann::json> CallOnce(Attempt& attempt);
  void Count(const std::string& key, bool throttled, bool retry);

  Dependencies deps_;
  const ClientOptions options_;
  SigningKeyCache signing_keys_;
  std::atomic<int64_t> clock_skew_ms_{0};  // Server time minus ours.
  mutable std::mutex mu_;
  CallStats stats_;                                   // Guarded by mu_.
  std::map<std::string, std::string> bucket_region_;  // Guarded by mu_. S3 redirects learnt.
};

}  // namespace view360::aws
