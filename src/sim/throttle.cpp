#include "sim/throttle.h"

#include <algorithm>

#include "aws/rate_limiter.h"

namespace view360::sim {

ThrottlingError ThrottlingErrorFor(std::string_view service) {
  // What each service answers when throttled, from AWS's documentation of its errors.
  if (service == "ec2") return {503, "RequestLimitExceeded", "Request limit exceeded."};
  if (service == "s3") return {503, "SlowDown", "Please reduce your request rate."};
  if (service == "ce") return {400, "LimitExceededException", "Rate exceeded"};
  if (service == "lambda" || service == "organizations" || service == "securityhub") {
    return {429, "TooManyRequestsException", "Rate exceeded"};
  }
  if (service == "sts" || service == "iam" || service == "sns" || service == "cloudwatch" ||
      service == "rds" || service == "elbv2" || service == "autoscaling") {
    return {400, "Throttling", "Rate exceeded"};
  }
  if (service == "guardduty" || service == "inspector2" || service == "resiliencehub" ||
      service == "application-signals" || service == "account") {
    return {429, "ThrottlingException", "Rate exceeded"};
  }
  return {400, "ThrottlingException", "Rate exceeded"};
}

Throttler::Throttler(double scale, std::function<SteadyClock::time_point()> now)
    : scale_(scale), now_(std::move(now)) {}

bool Throttler::Admit(std::string_view account, std::string_view region, std::string_view service,
                      std::string_view operation) {
  std::string key;
  key.reserve(account.size() + region.size() + service.size() + operation.size() + 3);
  key.append(account).append("/").append(region).append("/").append(service).append("/").append(
      operation);
  const auto now = now_();
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kMaxBuckets) PruneFull(now);
    const auto rate = aws::DefaultApiRate(service, operation);
    Bucket bucket;
    bucket.rate = rate.per_second * scale_;
    bucket.burst = std::max(1.0, rate.burst * scale_);
    bucket.tokens = bucket.burst;
    bucket.refilled = now;
    it = buckets_.emplace(std::move(key), bucket).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
  bucket.tokens = std::min(bucket.burst, bucket.tokens + elapsed * bucket.rate);
  bucket.refilled = now;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

void Throttler::Reset() {
  std::lock_guard lock(mu_);
  buckets_.clear();
}

void Throttler::PruneFull(SteadyClock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const Bucket& b = entry.second;
    return b.tokens + std::chrono::duration<double>(now - b.refilled).count() * b.rate >= b.burst;
  });
}

}  // namespace view360::sim
