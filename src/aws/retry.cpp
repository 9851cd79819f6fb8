#include "aws/retry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace view360::aws {
namespace {

// botocore/retries/standard.py (_THROTTLED_ERROR_CODES) and the SDKs' lists.
constexpr std::array<std::string_view, 15> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "ThrottlingError",
};

// botocore/retries/standard.py (_TRANSIENT_ERROR_CODES) and the 5xx-style codes services send.
constexpr std::array<std::string_view, 10> kTransientCodes = {
    "RequestTimeout",       "RequestTimeoutException",     "InternalError",
    "InternalFailure",      "InternalServerError",         "InternalServerException",
    "ServiceUnavailable",   "ServiceUnavailableException", "IDPCommunicationError",
    "InternalServiceError",
};

bool In(std::string_view code, const auto& list) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

}  // namespace

bool IsThrottlingCode(std::string_view aws_code) { return In(aws_code, kThrottlingCodes); }

bool IsTransientCode(std::string_view aws_code) { return In(aws_code, kTransientCodes); }

bool IsRetryable(const Status& status) {
  if (status.ok()) return false;
  if (IsThrottlingCode(status.reason()) || IsTransientCode(status.reason())) return true;
  switch (status.code()) {
    case StatusCode::kResourceExhausted:  // Throttled.
    case StatusCode::kUnavailable:        // 5xx, connection refused or reset.
    case StatusCode::kDeadlineExceeded:   // Timed out.
      return true;
    default:
      return false;
  }
}

bool IsClockSkewError(const Status& status) {
  const std::string& code = status.reason();
  if (code == "RequestTimeTooSkewed" || code == "RequestExpired" ||
      code == "InvalidSignatureException" || code == "AuthFailure") {
    return true;
  }
  return code == "SignatureDoesNotMatch" &&
         status.message().find("Signature expired") != std::string::npos;
}

std::chrono::milliseconds Backoff(const RetryOptions& options, int retry,
                                  const std::function<double()>& uniform01) {
  const double ceiling =
      std::min(static_cast<double>(options.max_backoff.count()),
               static_cast<double>(options.base.count()) * std::pow(2.0, std::min(retry, 30)));
  double u;
  if (uniform01) {
    u = uniform01();
  } else {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    u = std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  }
  return std::chrono::milliseconds(static_cast<int64_t>(u * ceiling));
}

}  // namespace view360::aws
