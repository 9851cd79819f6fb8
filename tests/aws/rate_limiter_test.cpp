// Token buckets per (account, region, service, operation), adaptive on throttling, and the
// per-account bound on calls in flight. A fake clock: these tests never sleep.
#include "aws/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace view360::aws {
namespace {

using std::chrono::duration;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

class FakeClock {
 public:
  RateLimiter::SteadyClock::time_point Now() const { return now_; }
  // Sleeping advances the fake time by exactly the wait.
  void Sleep(RateLimiter::SteadyClock::duration d) {
    now_ += d;
    slept_ += d;
  }
  RateLimiter::SteadyClock::duration slept() const { return slept_; }

 private:
  RateLimiter::SteadyClock::time_point now_{};
  RateLimiter::SteadyClock::duration slept_{0};
};

class RateLimiterTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  RateLimiter limiter_{[this] { return clock_.Now(); },
                       [this](RateLimiter::SteadyClock::duration d) { clock_.Sleep(d); }};
  const RateKey get_findings_{"111111111111", "eu-west-1", "securityhub", "GetFindings"};
};

double Seconds(RateLimiter::SteadyClock::duration d) { return duration<double>(d).count(); }

TEST(DefaultApiRateTest, DocumentedRatesAreSeeded) {
  EXPECT_DOUBLE_EQ(DefaultApiRate("securityhub", "GetFindings").per_second, 3);
  EXPECT_DOUBLE_EQ(DefaultApiRate("securityhub", "GetFindings").burst, 6);
  EXPECT_DOUBLE_EQ(DefaultApiRate("securityhub", "DescribeHub").per_second, 10);
  EXPECT_DOUBLE_EQ(DefaultApiRate("ec2", "DescribeInstances").burst, 100);
  EXPECT_DOUBLE_EQ(DefaultApiRate("ec2", "DescribeInstances").per_second, 20);
  EXPECT_DOUBLE_EQ(DefaultApiRate("wafv2", "ListWebACLs").per_second, 5);
}

TEST_F(RateLimiterTest, TheBurstIsFreeThenCallsArePacedAtTheRate) {
  for (int i = 0; i < 6; ++i) EXPECT_EQ(limiter_.Acquire(get_findings_).count(), 0) << i;
  for (int i = 0; i < 9; ++i) limiter_.Acquire(get_findings_);
  // 9 calls past the burst of 6 at 3 per second take 3 seconds.
  EXPECT_NEAR(Seconds(clock_.slept()), 3.0, 0.01);
}

TEST_F(RateLimiterTest, AThrottleHalvesTheRateAndSuccessesRestoreItGradually) {
  limiter_.OnThrottled(get_findings_);
  EXPECT_DOUBLE_EQ(limiter_.CurrentRate(get_findings_), 1.5);
  limiter_.OnThrottled(get_findings_);
  limiter_.OnThrottled(get_findings_);
  limiter_.OnThrottled(get_findings_);
  EXPECT_DOUBLE_EQ(limiter_.CurrentRate(get_findings_), 0.3);  // Floor: a tenth.
  for (int i = 0; i < 10; ++i) limiter_.OnSuccess(get_findings_);
  EXPECT_NEAR(limiter_.CurrentRate(get_findings_), 1.8, 1e-9);  // +5% of 3/s per success.
  for (int i = 0; i < 100; ++i) limiter_.OnSuccess(get_findings_);
  EXPECT_DOUBLE_EQ(limiter_.CurrentRate(get_findings_), 3);
}

TEST_F(RateLimiterTest, AfterAThrottleTheNextCallWaits) {
  limiter_.OnThrottled(get_findings_);
  EXPECT_NEAR(Seconds(limiter_.Acquire(get_findings_)), 1 / 1.5, 0.01);
}

TEST_F(RateLimiterTest, OtherAccountsRegionsAndOperationsHaveTheirOwnBuckets) {
  for (int i = 0; i < 6; ++i) limiter_.Acquire(get_findings_);
  limiter_.OnThrottled(get_findings_);
  for (RateKey other : {RateKey{"222222222222", "eu-west-1", "securityhub", "GetFindings"},
                        RateKey{"111111111111", "us-east-1", "securityhub", "GetFindings"},
                        RateKey{"111111111111", "eu-west-1", "securityhub", "DescribeHub"}}) {
    EXPECT_EQ(limiter_.Acquire(other).count(), 0) << other.account << other.region;
    EXPECT_DOUBLE_EQ(limiter_.CurrentRate(other),
                     DefaultApiRate(other.service, other.operation).per_second);
  }
}

TEST(InFlightLimiterTest, BoundsCallsPerAccountButNotAcrossAccounts) {
  InFlightLimiter limiter(2);
  std::atomic<int> running{0}, peak{0};
  auto work = [&](const std::string& account) {
    auto slot = limiter.Enter(account);
    int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(milliseconds(20));
    --running;
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back(work, "111111111111");
  for (auto& t : threads) t.join();
  EXPECT_EQ(peak.load(), 2);

  // Another account's calls are not held up by a full account.
  auto a = limiter.Enter("111111111111");
  auto b = limiter.Enter("111111111111");
  std::atomic<bool> done{false};
  std::thread other([&] {
    auto slot = limiter.Enter("222222222222");
    done = true;
  });
  other.join();
  EXPECT_TRUE(done);
}

}  // namespace
}  // namespace view360::aws
