#include "sim/recorder.h"

namespace view360::sim {

void Recorder::Counts::Add(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      ++ok;
      break;
    case Outcome::kAwsError:
      ++aws_error;
      break;
    case Outcome::kThrottled:
      ++throttled;
      break;
    case Outcome::kAuthFailed:
      ++auth_failed;
      break;
    case Outcome::kFault:
      ++fault;
      break;
  }
}

nlohmann::json Recorder::Counts::ToJson() const {
  return {{"ok", ok},
          {"error", aws_error},
          {"throttled", throttled},
          {"auth_failed", auth_failed},
          {"fault", fault},
          {"total", ok + aws_error + throttled + auth_failed + fault}};
}

void Recorder::CountCall(std::string_view service, std::string_view operation,
                         std::string_view account_id, Outcome outcome) {
  std::string key = std::string(service) + ":" + std::string(operation);
  std::lock_guard lock(mu_);
  ++requests_;
  totals_.Add(outcome);
  by_operation_[key].Add(outcome);
  if (!account_id.empty()) {
    auto it = by_account_.find(account_id);
    if (it == by_account_.end()) it = by_account_.emplace(std::string(account_id), Counts{}).first;
    it->second.Add(outcome);
  }
}

void Recorder::AddNotification(nlohmann::json message) {
  std::lock_guard lock(mu_);
  notifications_.push_back(std::move(message));
  if (notifications_.size() > kMaxKept) {
    notifications_.pop_front();
    ++dropped_;
  }
}

void Recorder::AddMetricDatum(nlohmann::json datum) {
  std::lock_guard lock(mu_);
  metric_data_.push_back(std::move(datum));
  if (metric_data_.size() > kMaxKept) {
    metric_data_.pop_front();
    ++dropped_;
  }
}

std::vector<nlohmann::json> Recorder::MetricData(std::string_view name_space,
                                                 std::string_view metric_name,
                                                 std::string_view account_id) const {
  std::vector<nlohmann::json> out;
  std::lock_guard lock(mu_);
  for (const auto& datum : metric_data_) {
    if (datum.value("namespace", "") == name_space &&
        datum.value("MetricName", "") == metric_name && datum.value("account", "") == account_id) {
      out.push_back(datum);
    }
  }
  return out;
}

nlohmann::json Recorder::Stats() const {
  std::lock_guard lock(mu_);
  nlohmann::json stats = {
      {"requests", requests_}, {"totals", totals_.ToJson()}, {"dropped", dropped_}};
  auto& ops = stats["by_operation"] = nlohmann::json::object();
  for (const auto& [key, counts] : by_operation_) ops[key] = counts.ToJson();
  auto& accounts = stats["by_account"] = nlohmann::json::object();
  for (const auto& [key, counts] : by_account_) accounts[key] = counts.ToJson();
  return stats;
}

nlohmann::json Recorder::Notifications() const {
  std::lock_guard lock(mu_);
  return nlohmann::json(std::vector<nlohmann::json>(notifications_.begin(), notifications_.end()));
}

nlohmann::json Recorder::Metrics() const {
  std::lock_guard lock(mu_);
  return nlohmann::json(std::vector<nlohmann::json>(metric_data_.begin(), metric_data_.end()));
}

void Recorder::Reset() {
  std::lock_guard lock(mu_);
  requests_ = 0;
  totals_ = {};
  by_operation_.clear();
  by_account_.clear();
  notifications_.clear();
  metric_data_.clear();
  dropped_ = 0;
}

}  // namespace view360::sim
