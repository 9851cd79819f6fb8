#include "aws/rate_limiter.h"

#include <algorithm>
#include <array>
#include <thread>

namespace view360::aws {
namespace {

struct RateRule {
  std::string_view service;
  std::string_view operation_prefix;  // "" matches every operation of the service.
  ApiRate rate;
};

// First match wins. Sources: EC2 "Request throttling for the Amazon EC2 API" (non-mutating
// Describe*: bucket 100, refill 20/s); Security Hub quotas (GetFindings 3/s burst 6, most other
// APIs 10/s burst 30); WAFv2 (5/s per account and region); Cost Explorer, Organizations, Support
// and Health document low, unpublished limits: conservative values, each call of CE also costs
// $0.01. Unlisted APIs get 10/s burst 20.
constexpr std::array<RateRule, 19> kRules = {{
    {"ec2", "Describe", {20, 100}},
    {"ec2", "", {5, 50}},
    {"securityhub", "GetFindings", {3, 6}},
    {"securityhub", "", {10, 30}},
    {"wafv2", "", {5, 5}},
    {"ce", "", {5, 5}},
    {"organizations", "", {5, 10}},
    {"support", "", {5, 10}},
    {"health", "", {5, 10}},
    {"sts", "", {50, 100}},
    {"guardduty", "", {10, 20}},
    {"inspector2", "", {10, 20}},
    {"kms", "", {50, 100}},
    {"ssm", "", {10, 20}},
    {"config", "", {5, 10}},
    {"rds", "Describe", {20, 40}},
    {"cloudwatch", "GetMetricStatistics", {50, 100}},
    {"lambda", "List", {10, 20}},
    {"s3", "", {100, 200}},
}};

std::string KeyString(const RateKey& key) {
  return key.account + '\x1f' + key.region + '\x1f' + key.service + '\x1f' + key.operation;
}

}  // namespace

ApiRate DefaultApiRate(std::string_view service, std::string_view operation) {
  for (const auto& rule : kRules) {
    if (rule.service == service && operation.starts_with(rule.operation_prefix)) return rule.rate;
  }
  return ApiRate{};
}

RateLimiter::RateLimiter(std::function<SteadyClock::time_point()> now,
                         std::function<void(SteadyClock::duration)> sleep)
    : now_(std::move(now)), sleep_(std::move(sleep)) {
  if (!sleep_) sleep_ = [](SteadyClock::duration d) { std::this_thread::sleep_for(d); };
}

RateLimiter::Bucket& RateLimiter::BucketFor(const RateKey& key) {
  auto [it, inserted] = buckets_.try_emplace(KeyString(key));
  Bucket& bucket = it->second;
  if (inserted) {
    bucket.documented = DefaultApiRate(key.service, key.operation);
    bucket.rate = bucket.documented.per_second;
    bucket.tokens = bucket.documented.burst;
    bucket.refilled = now_();
  }
  return bucket;
}

RateLimiter::SteadyClock::duration RateLimiter::Acquire(const RateKey& key) {
  SteadyClock::duration wait{0};
  {
    std::lock_guard<std::mutex> lock(mu_);
    Bucket& bucket = BucketFor(key);
    const auto now = now_();
    const double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
    bucket.tokens = std::min(bucket.documented.burst, bucket.tokens + elapsed * bucket.rate);
    bucket.refilled = now;
    bucket.tokens -= 1;  // Reserve ours; a negative balance is the queue ahead of us.
    if (bucket.tokens < 0) {
      wait = std::chrono::duration_cast<SteadyClock::duration>(
          std::chrono::duration<double>(-bucket.tokens / bucket.rate));
    }
  }
  if (wait.count() > 0) sleep_(wait);
  return wait;
}

void RateLimiter::OnThrottled(const RateKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  Bucket& bucket = BucketFor(key);
  bucket.rate = std::max(bucket.documented.per_second / 10, bucket.rate / 2);
  bucket.tokens = std::min(bucket.tokens, 0.0);  // AWS says the bucket is empty: believe it.
}

void RateLimiter::OnSuccess(const RateKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  Bucket& bucket = BucketFor(key);
  bucket.rate =
      std::min(bucket.documented.per_second, bucket.rate + bucket.documented.per_second * 0.05);
}

double RateLimiter::CurrentRate(const RateKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  return BucketFor(key).rate;
}

InFlightLimiter::Slot InFlightLimiter::Enter(const std::string& account) {
  std::unique_lock<std::mutex> lock(mu_);
  freed_.wait(lock, [&] { return in_flight_[account] < limit_; });
  ++in_flight_[account];
  return Slot(this, account);
}

void InFlightLimiter::Leave(const std::string& account) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (--in_flight_[account] == 0) in_flight_.erase(account);
  }
  freed_.notify_all();
}

}  // namespace view360::aws
