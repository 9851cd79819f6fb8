// The CloudWatch metrics AWS publishes for the simulated resources (AwsSeries): EC2 and RDS
// CPUUtilization, Lambda Invocations/Errors/Duration, S3 BucketSizeBytes/NumberOfObjects. Daily
// statistics follow the resource's own fields (cpu_average, invocations_per_day, size_bytes,
// object_count) with a small deterministic day-to-day variation, and exist only on days the
// resource existed (and, for instances and databases, ran).
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "sim/services/resources_internal.h"

namespace view360::sim::resources {

void Stats::Add(const Stats& other) {
  if (other.empty()) return;
  count += other.count;
  sum += other.sum;
  min = std::min(min, other.min);
  max = std::max(max, other.max);
}

namespace {

using Dimensions = std::map<std::string, std::string>;

// Basic EC2 monitoring samples every 5 minutes; RDS and Lambda every minute.
constexpr double kFiveMinuteSamples = 288, kMinuteSamples = 1440;

// Resources live at least ~17 days (the shortest epoch less its gap), so probing every
// kProbeDays finds any that existed in a window without generating every day.
constexpr Day kProbeDays = 7;

// The item `generate(day)` holds that `matches`, as seen on the latest day of [first, last] it
// existed: that day's view knows whether it had stopped by then.
template <typename Generate, typename Matches,
          typename Item = typename std::invoke_result_t<Generate, Day>::value_type>
std::optional<Item> FindLatest(const ApiCall& call, Day first, Day last, Generate generate,
                               Matches matches) {
  first = std::max(first, call.world.first_day());
  last = std::min(last, call.today());
  const auto find_on = [&](Day day) -> std::optional<Item> {
    for (auto& item : generate(day)) {
      if (matches(item)) return item;
    }
    return std::nullopt;
  };
  for (Day day = last; day >= first;
       day = day == first ? first - 1 : std::max(first, day - kProbeDays)) {
    auto found = find_on(day);
    if (!found) continue;
    const Day latest = found->life.deleted != 0 ? std::min(last, found->life.deleted - 1) : last;
    if (latest != day) {
      if (auto later = find_on(latest)) return later;
    }
    return found;
  }
  return std::nullopt;
}

// A factor in [1 - spread, 1 + spread], fixed per (metric, resource, day).
double Wobble(const ApiCall& call, std::string_view what, std::string_view id, Day day,
              double spread) {
  Rng rng(call.world.seed(), {"metric-wobble", what, id}, day);
  return 1 + spread * (2 * rng.Uniform() - 1);
}

// A percentage metric averaging `mean` over `samples` samples a day.
Stats PercentDay(double mean, double samples) {
  const double average = std::clamp(mean, 0.05, 99.0);
  Stats s;
  s.count = samples;
  s.sum = average * samples;
  s.min = average * 0.35;
  s.max = std::min(100.0, average * 2.2 + 3);
  return s;
}

std::optional<Series> Ec2Series(const ApiCall& call, std::string_view metric,
                                const Dimensions& dims, Day first, Day last) {
  if (metric != "CPUUtilization" || dims.size() != 1 || !dims.contains("InstanceId")) {
    return std::nullopt;
  }
  const std::string id = dims.at("InstanceId");
  auto found = FindLatest(
      call, first, last,
      [&](Day day) { return InstancesOn(call.world, call.account, call.region, day); },
      [&](const Instance& in) { return in.id == id; });
  if (!found) return std::nullopt;
  Series series{"Percent", false, false, nullptr};
  series.day_stats = [&call, in = *found](Day day) -> std::optional<Stats> {
    if (!in.life.ExistsOn(day) || (in.stopped_since != 0 && day >= in.stopped_since)) {
      return std::nullopt;
    }
    return PercentDay(in.cpu_average * Wobble(call, "cpu", in.id, day, 0.2), kFiveMinuteSamples);
  };
  return series;
}

std::optional<Series> RdsSeries(const ApiCall& call, std::string_view metric,
                                const Dimensions& dims, Day first, Day last) {
  if (metric != "CPUUtilization" || dims.size() != 1 || !dims.contains("DBInstanceIdentifier")) {
    return std::nullopt;
  }
  const std::string id = dims.at("DBInstanceIdentifier");
  auto found = FindLatest(
      call, first, last,
      [&](Day day) { return DbInstancesOn(call.world, call.account, call.region, day); },
      [&](const DbInstance& d) { return d.id == id; });
  if (!found || found->status != "available") return std::nullopt;
  Series series{"Percent", false, false, nullptr};
  series.day_stats = [&call, d = *found](Day day) -> std::optional<Stats> {
    if (!d.life.ExistsOn(day)) return std::nullopt;
    return PercentDay(d.cpu_average * Wobble(call, "rds-cpu", d.id, day, 0.2), kMinuteSamples);
  };
  return series;
}

std::optional<Series> LambdaSeries(const ApiCall& call, std::string_view metric,
                                   const Dimensions& dims, Day first, Day last) {
  if ((metric != "Invocations" && metric != "Errors" && metric != "Duration") || dims.size() != 1 ||
      !dims.contains("FunctionName")) {
    return std::nullopt;
  }
  const std::string name = dims.at("FunctionName");
  auto found = FindLatest(
      call, first, last,
      [&](Day day) { return FunctionsOn(call.world, call.account, call.region, day); },
      [&](const Function& f) { return f.name == name; });
  if (!found) return std::nullopt;
  Series series{metric == "Duration" ? "Milliseconds" : "Count", false, metric != "Duration",
                nullptr};
  series.day_stats = [&call, f = *found,
                      what = std::string(metric)](Day day) -> std::optional<Stats> {
    if (!f.life.ExistsOn(day)) return std::nullopt;
    // Weekends are quieter; nothing is published on a day without invocations.
    const int weekday = (day + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday.
    const double weekly = weekday == 0 || weekday == 6 ? 0.6 : 1.0;
    const double invocations =
        std::round(f.invocations_per_day * weekly * Wobble(call, "invocations", f.arn, day, 0.15));
    if (invocations <= 0) return std::nullopt;
    const double samples = std::min(kMinuteSamples, invocations);
    const double per_sample = invocations / samples;
    Stats s;
    s.count = samples;
    if (what == "Invocations") {
      s.sum = invocations;
      s.min = std::max(1.0, std::floor(per_sample * 0.3));
      s.max = std::ceil(per_sample * 3);
    } else if (what == "Errors") {
      s.sum = std::round(invocations * f.error_rate * Wobble(call, "errors", f.arn, day, 0.3));
      s.min = 0;
      s.max = std::ceil(s.sum / samples * 3);
    } else {
      const double average = f.duration_ms * Wobble(call, "duration", f.arn, day, 0.1);
      s.count = invocations;
      s.sum = average * invocations;
      s.min = average * 0.25;
      s.max = std::min(1000.0 * f.timeout_s, average * 4);
    }
    return s;
  };
  return series;
}

std::optional<Series> S3Series(const ApiCall& call, std::string_view metric, const Dimensions& dims,
                               Day first, Day last) {
  const bool size = metric == "BucketSizeBytes";
  if ((!size && metric != "NumberOfObjects") || dims.size() != 2 || !dims.contains("BucketName") ||
      !dims.contains("StorageType")) {
    return std::nullopt;
  }
  // Only Standard storage is simulated; objects are counted over all storage types.
  if (dims.at("StorageType") != (size ? "StandardStorage" : "AllStorageTypes")) return std::nullopt;
  const std::string name = dims.at("BucketName");
  const auto bucket_on = [&call, name](Day day) -> std::optional<Bucket> {
    for (auto& b : BucketsOn(call.world, call.account, day)) {
      if (b.name == name) return b;
    }
    return std::nullopt;
  };
  // Storage metrics are regional: a bucket only has them in its own region.
  auto found = FindLatest(
      call, first, last,
      [&](Day day) {
        std::vector<Bucket> out;
        if (auto b = bucket_on(day)) out.push_back(*b);
        return out;
      },
      [&](const Bucket& b) { return b.region == call.region; });
  if (!found) return std::nullopt;
  Series series{size ? "Bytes" : "Count", true, true, nullptr};
  series.day_stats = [bucket_on, size](Day day) -> std::optional<Stats> {
    auto b = bucket_on(day);
    if (!b || b->object_count == 0) return std::nullopt;
    const double value = size ? b->size_bytes : static_cast<double>(b->object_count);
    return Stats{1, value, value, value};
  };
  return series;
}

}  // namespace

std::optional<Series> AwsSeries(const ApiCall& call, std::string_view name_space,
                                std::string_view metric, const Dimensions& dimensions, Day first,
                                Day last) {
  if (!call.world.RegionEnabled(call.account, call.region)) return std::nullopt;
  if (name_space == "AWS/EC2") return Ec2Series(call, metric, dimensions, first, last);
  if (name_space == "AWS/RDS") return RdsSeries(call, metric, dimensions, first, last);
  if (name_space == "AWS/Lambda") return LambdaSeries(call, metric, dimensions, first, last);
  if (name_space == "AWS/S3") return S3Series(call, metric, dimensions, first, last);
  return std::nullopt;
}

}  // namespace view360::sim::resources
