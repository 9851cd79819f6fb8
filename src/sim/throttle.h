// Server-side throttling as AWS applies it: one token bucket per (account, region, service,
// operation), refilled at AWS's documented rate for the operation (aws::DefaultApiRate, the same
// table the client's limiter is seeded from) times Scenario::throttle_scale. A call that finds its
// bucket empty is refused with the service's own throttling error (ThrottlingError).
//
// Memory stays bounded: when the table grows past kMaxBuckets, buckets that have refilled to full
// (indistinguishable from new ones) are dropped.
//
// Thread-safety: Admit may be called from many threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace view360::sim {

struct ThrottlingError {
  int http_status;
  std::string code;  // One of the codes botocore's retry logic treats as throttling.
  std::string message;
};

// The error `service` answers a throttled call with (EC2 RequestLimitExceeded, S3 SlowDown,
// Lambda TooManyRequestsException, CE LimitExceededException, query services Throttling, ...).
ThrottlingError ThrottlingErrorFor(std::string_view service);

class Throttler {
 public:
  using SteadyClock = std::chrono::steady_clock;
  static constexpr size_t kMaxBuckets = 200000;

  // scale multiplies every documented rate and burst; now is the test seam.
  explicit Throttler(double scale, std::function<SteadyClock::time_point()> now = SteadyClock::now);

  // Takes a token for the key; false when the bucket is empty (the call is throttled).
  bool Admit(std::string_view account, std::string_view region, std::string_view service,
             std::string_view operation);
  void Reset();

 private:
  struct Bucket {
    double rate = 0, burst = 0, tokens = 0;
    SteadyClock::time_point refilled;
  };
  void PruneFull(SteadyClock::time_point now);  // Requires mu_.

  double scale_;
  std::function<SteadyClock::time_point()> now_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // Guarded by mu_.
};

}  // namespace view360::sim
