// What the simulator received, for its admin endpoint (/_sim/...): calls per operation and per
// account, throttles, faults, and the notifications and metrics clients sent (SNS Publish,
// CloudWatch PutMetricData). Tests and benchmarks assert on it.
//
// Memory is bounded: counters are per operation and per account (not per pair), and at most
// kMaxKept messages and metric data are kept (the oldest are dropped, and counted).
//
// Thread-safety: all methods may be called from many threads at once.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace view360::sim {

class Recorder {
 public:
  static constexpr size_t kMaxKept = 10000;

  enum class Outcome { kOk, kAwsError, kThrottled, kAuthFailed, kFault };

  void CountCall(std::string_view service, std::string_view operation, std::string_view account_id,
                 Outcome outcome);
  // One SNS Publish: {"topic_arn", "subject", "message", "account", "region", "at"}.
  void AddNotification(nlohmann::json message);
  // One metric datum as PutMetricData carried it, plus "namespace", "account", "region".
  void AddMetricDatum(nlohmann::json datum);
  // Recorded data of one metric (namespace + name), for GetMetricStatistics.
  std::vector<nlohmann::json> MetricData(std::string_view name_space, std::string_view metric_name,
                                         std::string_view account_id) const;

  // {"requests", "by_operation": {"ec2:DescribeInstances": {"ok", "error", "throttled", ...}},
  //  "by_account": {...}, "throttled", "auth_failures", "faults"}
  nlohmann::json Stats() const;
  nlohmann::json Notifications() const;
  nlohmann::json Metrics() const;
  void Reset();

 private:
  struct Counts {
    uint64_t ok = 0, aws_error = 0, throttled = 0, auth_failed = 0, fault = 0;
    void Add(Outcome outcome);
    nlohmann::json ToJson() const;
  };
  mutable std::mutex mu_;
  uint64_t requests_ = 0;
  Counts totals_;
  std::map<std::string, Counts, std::less<>> by_operation_;
  std::map<std::string, Counts, std::less<>> by_account_;
  std::deque<nlohmann::json> notifications_;
  std::deque<nlohmann::json> metric_data_;
  uint64_t dropped_ = 0;
};

}  // namespace view360::sim
