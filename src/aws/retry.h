// When to retry an AWS call, and how long to wait first: the AWS SDKs' "standard" retry mode.
//
// Three separate decisions (as in google-cloud-cpp's rest_retry_loop.h): IsRetryable says
// whether an error is worth another attempt; Backoff says how long to wait; the caller counts
// attempts against RetryOptions::max_attempts.
//
// Deliberately absent: the standard mode's client-side retry quota (a token bucket that stops
// retries after many failures). In a multi-account collector one throttled account would drain
// the shared quota and stop retries for every other account; our per-API token buckets
// (rate_limiter.h) slow the throttled API down instead, and max_attempts bounds each call.
//
// Thread-safety: plain functions; Backoff's random source is thread-local.
#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "common/status.h"

namespace view360::aws {

struct RetryOptions {
  // Attempts in all, the first included. botocore's standard mode default is 3; collectors
  // raise it (throttling is ours to absorb).
  int max_attempts = 3;
  // Full jitter: wait uniformly in [0, min(max_backoff, base * 2^retry)).
  std::chrono::milliseconds base{1000};          // botocore standard mode: 1 s.
  std::chrono::milliseconds max_backoff{20000};  // botocore standard mode: 20 s.
};

// True for error codes AWS uses for throttling (Throttling, ThrottlingException,
// RequestLimitExceeded, TooManyRequestsException, ProvisionedThroughputExceededException,
// SlowDown, RequestThrottled, ...).
bool IsThrottlingCode(std::string_view aws_code);

// True for codes of transient service faults (RequestTimeout, InternalError,
// ServiceUnavailable, ...).
bool IsTransientCode(std::string_view aws_code);

// True when another attempt may succeed: throttling, 5xx and transient service codes
// (RequestTimeout, InternalError, ServiceUnavailable, ...), timeouts, connection errors.
// Never for other 4xx (access denied, validation, not found, ...).
bool IsRetryable(const Status& status);

// True when the error says our clock is off (RequestTimeTooSkewed, SignatureDoesNotMatch with
// "Signature expired", InvalidSignatureException ...): retry once with the corrected clock.
bool IsClockSkewError(const Status& status);

// The wait before retry number `retry` (0 for the first retry), with full jitter.
// uniform01 returns a number in [0, 1); injectable for tests.
std::chrono::milliseconds Backoff(const RetryOptions& options, int retry,
                                  const std::function<double()>& uniform01 = {});

}  // namespace view360::aws
