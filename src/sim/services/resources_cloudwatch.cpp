// Simulated CloudWatch GetMetricStatistics: one datapoint per period of [StartTime, EndTime)
// that holds data, with the requested statistics. AWS namespaces answer from the simulated
// resources (resources_metric_series.cpp); custom namespaces from what clients sent with
// PutMetricData (the Recorder), in the caller's account and region.
#include <algorithm>
#include <cmath>
#include <regex>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {
namespace {

// GetMetricStatistics returns at most this many datapoints per call (CloudWatch quotas:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html).
constexpr int64_t kMaxDatapoints = 1440;
constexpr int64_t kDaySeconds = 86400;

int64_t Seconds(Clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}
Clock::time_point FromSeconds(int64_t seconds) {
  return Clock::time_point(std::chrono::seconds(seconds));
}

// The datapoint windows: [first, first + period), ... up to `end`.
struct Windows {
  int64_t first = 0, end = 0, period = 60;
  int64_t count() const { return (end - first + period - 1) / period; }
};

// CloudWatch rounds StartTime down by the data's age: to the minute under 15 days, to five
// minutes under 63 days, to the hour beyond (GetMetricStatistics, "StartTime").
int64_t AlignedStart(int64_t start, int64_t now) {
  const int64_t age = now - start;
  const int64_t step = age <= 15 * kDaySeconds ? 60 : age <= 63 * kDaySeconds ? 300 : 3600;
  return start - ((start % step) + step) % step;
}

// A sub-day share `fraction` of a day's statistics, varying by window.
Stats PartOfDay(const Stats& day, double fraction, double wobble, bool integral) {
  Stats s;
  s.count = std::max(1.0, std::round(day.count * fraction));
  s.sum = day.sum / day.count * s.count * wobble;
  if (integral) s.sum = std::round(s.sum);
  const double average = s.sum / s.count;
  s.min = std::min(average, std::max(day.min, average * 0.7));
  s.max = std::max(average, std::min(day.max, average * 1.3));
  if (integral) {
    s.min = std::floor(s.min);
    s.max = std::ceil(s.max);
  }
  return s;
}

Stats WindowStats(const ApiCall& call, const Series& series, std::string_view key, int64_t begin,
                  int64_t end) {
  Stats total;
  for (Day day = static_cast<Day>(begin / kDaySeconds); int64_t{day} * kDaySeconds < end; ++day) {
    const int64_t day_start = int64_t{day} * kDaySeconds;
    if (series.daily_sample && (day_start < begin || day_start >= end)) continue;
    const auto stats = series.day_stats(day);
    if (!stats || stats->empty()) continue;
    const int64_t overlap = std::min(end, day_start + kDaySeconds) - std::max(begin, day_start);
    if (series.daily_sample || overlap >= kDaySeconds) {
      total.Add(*stats);
    } else if (overlap > 0) {
      Rng rng(call.world.seed(), {"metric-window", key}, begin);
      const double wobble = 0.8 + 0.4 * rng.Uniform();
      total.Add(
          PartOfDay(*stats, static_cast<double>(overlap) / kDaySeconds, wobble, series.integral));
    }
  }
  return total;
}

// What PutMetricData carried for this metric, dimensions and region, per window.
std::vector<Stats> RecordedStats(const ApiCall& call, const std::string& name_space,
                                 const std::string& metric, const nlohmann::json& dimensions,
                                 const std::string& unit, const Windows& windows,
                                 std::string& unit_seen) {
  std::vector<Stats> out(static_cast<size_t>(windows.count()));
  const auto as_map = [](const nlohmann::json& list) {
    std::map<std::string, std::string> m;
    if (!list.is_array()) return m;
    for (const auto& d : list) m[d.value("Name", "")] = d.value("Value", "");
    return m;
  };
  const auto wanted = as_map(dimensions);
  for (const auto& datum : call.recorder.MetricData(name_space, metric, call.account.id)) {
    if (datum.value("region", call.region) != call.region) continue;
    if (as_map(datum.value("Dimensions", nlohmann::json::array())) != wanted) continue;
    const std::string datum_unit = datum.value("Unit", "None");
    if (!unit.empty() && datum_unit != unit) continue;
    auto time = ParseTime(datum.value("Timestamp", ""));
    if (!time.ok()) continue;
    const int64_t at = Seconds(*time);
    if (at < windows.first || at >= windows.end) continue;
    Stats s;
    if (auto values = datum.find("StatisticValues"); values != datum.end()) {
      s = {values->value("SampleCount", 0.0), values->value("Sum", 0.0),
           values->value("Minimum", 0.0), values->value("Maximum", 0.0)};
    } else if (auto list = datum.find("Values"); list != datum.end() && list->is_array()) {
      const auto counts = datum.value("Counts", std::vector<double>{});
      for (size_t i = 0; i < list->size(); ++i) {
        const double value = (*list)[i].get<double>();
        const double count = i < counts.size() ? counts[i] : 1.0;
        s.Add({count, value * count, value, value});
      }
    } else if (auto value = datum.find("Value"); value != datum.end() && value->is_number()) {
      s = {1, value->get<double>(), value->get<double>(), value->get<double>()};
    }
    if (s.empty()) continue;
    out[static_cast<size_t>((at - windows.first) / windows.period)].Add(s);
    unit_seen = datum_unit;
  }
  return out;
}

// "p99" / "p99.9": the percentile as a number, or a negative value when not one.
double Percentile(const std::string& name) {
  static const std::regex kPercentile(R"(p(\d{1,2}(\.\d+)?|100))");
  return std::regex_match(name, kPercentile) ? std::stod(name.substr(1)) : -1;
}

// A percentile from min, average and max (samples are not kept).
double PercentileOf(const Stats& s, double p) {
  const double average = s.sum / s.count;
  return p <= 50 ? s.min + (average - s.min) * p / 50
                 : average + (s.max - average) * std::pow((p - 50) / 50, 2);
}

Reply MissingParameter(std::string_view name) {
  return AwsError(400, "MissingParameter", "The parameter " + std::string(name) + " is required.");
}

Reply GetMetricStatistics(const ApiCall& call) {
  for (const char* name : {"Namespace", "MetricName", "StartTime", "EndTime", "Period"}) {
    if (call.Param(name).empty()) return MissingParameter(name);
  }
  const std::string name_space = call.Param("Namespace");
  const std::string metric = call.Param("MetricName");
  const std::string unit = call.Param("Unit");
  auto start = ParseTime(call.Param("StartTime"));
  auto end = ParseTime(call.Param("EndTime"));
  if (!start.ok() || !end.ok()) {
    return AwsError(400, "InvalidParameterValue",
                    "The parameter " + std::string(start.ok() ? "EndTime" : "StartTime") +
                        " must be a timestamp.");
  }
  const int64_t period = call.params.value("Period", 0);
  if (period < 1 ||
      (period % 60 != 0 && period != 1 && period != 5 && period != 10 && period != 30)) {
    return AwsError(400, "InvalidParameterValue", "The parameter Period must be a multiple of 60.");
  }
  const auto statistics = StringList(call, "Statistics");
  const auto extended = StringList(call, "ExtendedStatistics");
  if (statistics.empty() == extended.empty()) {
    return AwsError(400, "InvalidParameterCombination",
                    "Must specify either Statistics or ExtendedStatistics, but not both.");
  }
  static const std::vector<std::string> kStatistics = {"Average", "Sum", "SampleCount", "Maximum",
                                                       "Minimum"};
  for (size_t i = 0; i < statistics.size(); ++i) {
    if (std::find(kStatistics.begin(), kStatistics.end(), statistics[i]) == kStatistics.end()) {
      return AwsError(400, "InvalidParameterValue",
                      "The parameter Statistics.member." + std::to_string(i + 1) +
                          " must be a value in the set [ Average, Sum, SampleCount, Maximum, "
                          "Minimum ].");
    }
  }
  for (const auto& name : extended) {
    if (Percentile(name) < 0) {
      return AwsError(400, "InvalidParameterValue",
                      "The parameter ExtendedStatistics contains an invalid value: " + name);
    }
  }
  if (*start >= *end) {
    return AwsError(400, "InvalidParameterValue",
                    "The parameter StartTime must be less than the parameter EndTime.");
  }
  const int64_t now = Seconds(StartOf(call.today() + 1));
  Windows windows{AlignedStart(Seconds(*start), now), Seconds(*end), period};
  if (windows.count() > kMaxDatapoints) {
    return AwsError(400, "InvalidParameterCombination",
                    "You have requested up to " + std::to_string(windows.count()) +
                        " datapoints, which exceeds the limit of 1440. You may reduce the "
                        "datapoints requested by increasing Period, or decreasing the time "
                        "range.");
  }
  const auto dims_json = call.params.value("Dimensions", nlohmann::json::array());
  std::vector<Stats> per_window;
  std::string unit_out = unit.empty() ? "None" : unit;
  if (name_space.starts_with("AWS/")) {
    std::map<std::string, std::string> dims;
    for (const auto& d : dims_json) dims[d.value("Name", "")] = d.value("Value", "");
    const Day first = static_cast<Day>(windows.first / kDaySeconds);
    const Day last = static_cast<Day>((windows.end - 1) / kDaySeconds);
    auto series = AwsSeries(call, name_space, metric, dims, first, last);
    if (series && (unit.empty() || unit == series->unit)) {
      unit_out = series->unit;
      const std::string key = name_space + "/" + metric + "/" + dims_json.dump();
      for (int64_t i = 0; i < windows.count(); ++i) {
        const int64_t begin = windows.first + i * period;
        per_window.push_back(
            WindowStats(call, *series, key, begin, std::min(begin + period, windows.end)));
      }
    }
  } else {
    per_window = RecordedStats(call, name_space, metric, dims_json, unit, windows, unit_out);
  }
  nlohmann::json datapoints = nlohmann::json::array();
  for (size_t i = 0; i < per_window.size(); ++i) {
    const Stats& s = per_window[i];
    if (s.empty()) continue;
    nlohmann::json point = {
        {"Timestamp", IsoTime(FromSeconds(windows.first + static_cast<int64_t>(i) * period))},
        {"Unit", unit_out}};
    for (const auto& name : statistics) {
      if (name == "Average") point["Average"] = s.sum / s.count;
      if (name == "Sum") point["Sum"] = s.sum;
      if (name == "SampleCount") point["SampleCount"] = s.count;
      if (name == "Maximum") point["Maximum"] = s.max;
      if (name == "Minimum") point["Minimum"] = s.min;
    }
    if (!extended.empty()) {
      auto& values = point["ExtendedStatistics"] = nlohmann::json::object();
      for (const auto& name : extended) values[name] = PercentileOf(s, Percentile(name));
    }
    datapoints.push_back(std::move(point));
  }
  return Ok({{"Label", metric}, {"Datapoints", datapoints}});
}

}  // namespace

void RegisterCloudWatchStatistics(HandlerTable& table) {
  table.Add("cloudwatch", "GetMetricStatistics", GetMetricStatistics);
}

}  // namespace view360::sim::resources
