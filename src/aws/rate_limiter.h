// Client-side rate limits for AWS APIs: token buckets per (account, region, service,
// operation), seeded from one table of AWS's documented rates (DefaultApiRate), and adaptive.
//
// Each bucket refills at its rate up to its burst. Acquire takes one token, waiting when the
// bucket is empty; waiters queue by reservation (the bucket may go negative), so no caller
// spins and callers are served in order. A throttling error halves that bucket's rate (never
// below a tenth of the documented one); each success then gives back 5% of the documented
// rate until it is reached again (additive increase, multiplicative decrease).
//
// Buckets of different keys are independent: calls for one account never wait on another
// account's buckets (the map's lock is held only to compute a wait, never while waiting).
// InFlightLimiter bounds the calls running at once per account.
//
// Thread-safety: both classes are safe to use from many threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace view360::aws {

struct ApiRate {
  double per_second = 10;  // Refill rate.
  double burst = 20;       // Bucket size.
};

// AWS's documented (or, where AWS documents none, conservative) rate for an operation;
// service is the botocore service name ("ec2", "securityhub", ...).
ApiRate DefaultApiRate(std::string_view service, std::string_view operation);

struct RateKey {
  std::string account;  // 12-digit id, or "" for the caller's own account.
  std::string region;
  std::string service;
  std::string operation;
};

class RateLimiter {
 public:
  using SteadyClock = std::chrono::steady_clock;
  // now and sleep are injection points for tests (unit tests never sleep).
  RateLimiter(std::function<SteadyClock::time_point()> now = SteadyClock::now,
              std::function<void(SteadyClock::duration)> sleep = {});

  // Takes one token for key, first waiting as long as the bucket needs to refill it.
  // Returns how long it waited.
  SteadyClock::duration Acquire(const RateKey& key);
  void OnThrottled(const RateKey& key);
  void OnSuccess(const RateKey& key);

  // The bucket's current refill rate (tokens per second).
  double CurrentRate(const RateKey& key);

 private:
  struct Bucket {
    ApiRate documented;
    double rate = 0;
    double tokens = 0;
    SteadyClock::time_point refilled;
  };
  Bucket& BucketFor(const RateKey& key);  // Requires mu_.

  std::function<SteadyClock::time_point()> now_;
  std::function<void(SteadyClock::duration)> sleep_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // Guarded by mu_.
};

// At most `limit` calls in flight per account; Enter blocks until a slot is free.
class InFlightLimiter {
 public:
  explicit InFlightLimiter(int limit) : limit_(limit) {}

  class Slot {
   public:
    Slot(InFlightLimiter* owner, std::string account)
        : owner_(owner), account_(std::move(account)) {}
    Slot(Slot&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)), account_(std::move(other.account_)) {}
    Slot(const Slot&) = delete;
    ~Slot() {
      if (owner_) owner_->Leave(account_);
    }

   private:
    InFlightLimiter* owner_;
    std::string account_;
  };

  [[nodiscard]] Slot Enter(const std::string& account);

 private:
  void Leave(const std::string& account);

  const int limit_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::map<std::string, int> in_flight_;  // Guarded by mu_.
};

}  // namespace view360::aws
