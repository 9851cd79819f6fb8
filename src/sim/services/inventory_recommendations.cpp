// Compute Optimizer's recommendation for one EC2 instance, EBS volume or Lambda function,
// derived from the resource as resources.h describes it: the instance's CPU average decides
// over/under-provisioning, a volume's type decides whether gp3 would be cheaper, a function's
// memory use decides its memory size. Savings are priced from public on-demand list prices.
#include <algorithm>
#include <cmath>

#include "sim/services/inventory_internal.h"

namespace view360::sim {
namespace {

constexpr double kHoursPerMonth = 730;             // AWS's pricing month.
constexpr double kLookBackDays = 14;               // Compute Optimizer's default look-back period.
constexpr Day kMinimumHistoryDays = 2;             // It needs 30 hours of metrics.
constexpr double kLambdaGbSecond = 0.0000166667;   // USD, x86, us-east-1.
constexpr int64_t kLambdaMinimumInvocations = 50;  // Fewer in the look-back: InsufficientData.

double Round2(double value) { return std::round(value * 100) / 100; }

nlohmann::json Metric(std::string_view name, std::string_view statistic, double value) {
  return {{"name", name}, {"statistic", statistic}, {"value", Round2(value)}};
}

// savingsOpportunity: never negative (a bigger option costs more, which is no saving).
nlohmann::json Savings(double current_monthly, double option_monthly) {
  const double saved = std::max(0.0, current_monthly - option_monthly);
  const double percent = current_monthly > 0 ? 100 * saved / current_monthly : 0;
  return {{"savingsOpportunityPercentage", Round2(percent)},
          {"estimatedMonthlySavings", {{"currency", "USD"}, {"value", Round2(saved)}}}};
}

nlohmann::json TagsOf(const Tags& tags) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, value] : tags) list.push_back({{"key", key}, {"value", value}});
  return list;
}

std::string RefreshTime(Rng& rng, Day day) {
  return IsoTime(StartOf(day) - std::chrono::minutes(rng.Between(60, 20 * 60)));
}

std::string Arn(std::string_view region, const Account& account, std::string_view kind,
                std::string_view id) {
  return "arn:aws:ec2:" + std::string(region) + ":" + account.id + ":" + std::string(kind) + "/" +
         std::string(id);
}

// ---- EC2 ---------------------------------------------------------------------------------------

struct Ec2Finding {
  std::string finding;
  std::vector<std::string> reasons;
  int steps = 0;  // Sizes to move: < 0 down, > 0 up.
};

Ec2Finding ClassifyInstance(const Instance& instance, double memory_average, bool has_memory) {
  Ec2Finding f;
  const double cpu = instance.cpu_average;
  if (cpu < 5) {
    f = {"Overprovisioned", {"CPUOverprovisioned"}, -2};
  } else if (cpu < 20) {
    f = {"Overprovisioned", {"CPUOverprovisioned"}, -1};
  } else if (cpu > 60) {
    f = {"Underprovisioned", {"CPUUnderprovisioned"}, 1};
  } else {
    f = {"Optimized", {}, 0};
  }
  // At the end of the ladder, move as far as the family allows.
  while (f.steps != 0 && ResizedType(instance.type, f.steps).empty()) {
    f.steps += f.steps > 0 ? -1 : 1;
  }
  if (f.steps == 0 && f.finding == "Overprovisioned") f = {"Optimized", {}, 0};
  if (has_memory && f.finding == "Overprovisioned" && memory_average < 30) {
    f.reasons.push_back("MemoryOverprovisioned");
  }
  return f;
}

double RiskOf(double projected_cpu_max, bool architecture_change) {
  const double base = projected_cpu_max > 85   ? 3
                      : projected_cpu_max > 65 ? 2
                      : projected_cpu_max > 35 ? 1
                                               : 0;
  return std::min(4.0, base + (architecture_change ? 1 : 0));
}

nlohmann::json InstanceOption(const Instance& instance, const std::string& type, double cpu_max,
                              bool graviton, int rank) {
  const double projected = std::min(100.0, cpu_max * VcpuRatio(instance.type, type));
  nlohmann::json differences = nlohmann::json::array();
  if (graviton) differences.push_back("Architecture");
  if (instance.type.starts_with("t2.") && !type.starts_with("t2.")) {
    differences.push_back("Hypervisor");
  }
  const double current = HourlyPrice(instance.type) * kHoursPerMonth;
  const double option = HourlyPrice(type) * kHoursPerMonth;
  const std::string_view effort =
      graviton ? "Medium"
      : type.substr(0, type.find('.')) == instance.type.substr(0, instance.type.find('.'))
          ? "VeryLow"
          : "Low";
  return {
      {"instanceType", type},
      {"projectedUtilizationMetrics", nlohmann::json::array({Metric("Cpu", "Maximum", projected)})},
      {"platformDifferences", std::move(differences)},
      {"performanceRisk", RiskOf(projected, graviton)},
      {"rank", rank},
      {"savingsOpportunity", Savings(current, option)},
      {"savingsOpportunityAfterDiscounts", Savings(current, option)},
      {"migrationEffort", effort}};
}

// ---- EBS ---------------------------------------------------------------------------------------

struct VolumeShape {
  std::string type;
  int size = 0, baseline_iops = 0, burst_iops = 0, baseline_throughput = 0, burst_throughput = 0;
};

// USD per month of a volume (gp3's included 3,000 IOPS and 125 MiB/s; io1's provisioned IOPS).
double VolumeMonthly(const VolumeShape& v) {
  if (v.type == "gp3") return 0.08 * v.size + 0.005 * std::max(0, v.baseline_iops - 3000);
  if (v.type == "gp2") return 0.10 * v.size;
  if (v.type == "io1" || v.type == "io2") return 0.125 * v.size + 0.065 * v.baseline_iops;
  if (v.type == "st1") return 0.045 * v.size;
  if (v.type == "sc1") return 0.015 * v.size;
  return 0.05 * v.size;
}

VolumeShape ShapeOf(const Volume& volume) {
  VolumeShape v{volume.type, volume.size_gib};
  if (volume.type == "gp3") {
    v.baseline_iops = v.burst_iops = std::max(volume.iops, 3000);
    v.baseline_throughput = v.burst_throughput = 125;
  } else if (volume.type == "gp2") {
    v.baseline_iops = volume.iops;
    v.burst_iops = std::max(volume.iops, 3000);
    v.baseline_throughput = v.burst_throughput = volume.size_gib > 170 ? 250 : 128;
  } else if (volume.type == "st1") {
    v.baseline_throughput = std::min(500, 40 * volume.size_gib / 1024 + 1);
    v.burst_throughput = std::min(500, 250 * volume.size_gib / 1024 + 1);
  } else {
    v.baseline_iops = v.burst_iops = volume.iops;
    v.baseline_throughput = v.burst_throughput = std::min(1000, volume.iops / 4);
  }
  return v;
}

nlohmann::json ConfigurationOf(const VolumeShape& v, bool root) {
  nlohmann::json config = {{"volumeType", v.type},
                           {"volumeSize", v.size},
                           {"volumeBaselineIOPS", v.baseline_iops},
                           {"volumeBurstIOPS", v.burst_iops},
                           {"volumeBaselineThroughput", v.baseline_throughput},
                           {"volumeBurstThroughput", v.burst_throughput}};
  config["rootVolume"] = root;
  return config;
}

// ---- Lambda ------------------------------------------------------------------------------------

double LambdaMonthly(const Function& f, int memory_mb, double duration_ms) {
  return f.invocations_per_day * 30 * (duration_ms / 1000) * (memory_mb / 1024.0) * kLambdaGbSecond;
}

}  // namespace

std::optional<nlohmann::json> Ec2Recommendation(const World& world, const Account& account,
                                                std::string_view region, Day day,
                                                const Instance& instance) {
  if (instance.life.created > day - kMinimumHistoryDays) return std::nullopt;
  const bool stopped = instance.state == "stopped";
  if (stopped && instance.stopped_since < day - static_cast<Day>(kLookBackDays)) {
    return std::nullopt;
  }
  if (!stopped && instance.state != "running") return std::nullopt;
  Rng rng(world.seed(), {"co-ec2", account.id, region, instance.id});
  const double cpu_max = std::min(100.0, instance.cpu_average * (1.3 + 0.9 * rng.Uniform()));
  const bool has_memory = rng.Chance(0.3);  // The CloudWatch agent reports memory.
  const double memory_average = 10 + 70 * rng.Uniform();
  const Ec2Finding finding = ClassifyInstance(instance, memory_average, has_memory);

  const std::string target =
      finding.steps == 0 ? instance.type : ResizedType(instance.type, finding.steps);
  std::vector<std::pair<std::string, bool>> candidates{
      {target, false}, {NewerGenerationType(target), false}, {GravitonType(target), true}};
  nlohmann::json options = nlohmann::json::array();
  std::vector<std::string> listed;
  for (const auto& [type, graviton] : candidates) {
    if (type.empty() || Contains(listed, type)) continue;
    listed.push_back(type);
    options.push_back(
        InstanceOption(instance, type, cpu_max, graviton, static_cast<int>(options.size()) + 1));
  }

  nlohmann::json metrics = nlohmann::json::array({Metric("Cpu", "Maximum", cpu_max)});
  if (has_memory) metrics.push_back(Metric("Memory", "Maximum", memory_average * 1.2));
  metrics.push_back(Metric("EBS_READ_OPS_PER_SECOND", "Maximum", 5 + 400 * rng.Uniform()));
  metrics.push_back(Metric("EBS_WRITE_OPS_PER_SECOND", "Maximum", 5 + 600 * rng.Uniform()));
  metrics.push_back(Metric("NETWORK_IN_BYTES_PER_SECOND", "Maximum", 1e4 + 5e6 * rng.Uniform()));
  metrics.push_back(Metric("NETWORK_OUT_BYTES_PER_SECOND", "Maximum", 1e4 + 5e6 * rng.Uniform()));

  const std::string arn = Arn(region, account, "instance", instance.id);
  auto name = instance.tags.find("Name");
  const std::string_view risk = finding.finding == "Underprovisioned"
                                    ? (instance.cpu_average > 75 ? "High" : "Medium")
                                : finding.finding == "Optimized" ? "Low"
                                                                 : "VeryLow";
  nlohmann::json recommendation = {
      {"instanceArn", arn},
      {"accountId", account.id},
      {"instanceName", name == instance.tags.end() ? "" : name->second},
      {"currentInstanceType", instance.type},
      {"finding", finding.finding},
      {"findingReasonCodes", finding.reasons},
      {"utilizationMetrics", std::move(metrics)},
      {"lookBackPeriodInDays", kLookBackDays},
      {"recommendationOptions", std::move(options)},
      {"recommendationSources",
       nlohmann::json::array(
           {{{"recommendationSourceArn", arn}, {"recommendationSourceType", "Ec2Instance"}}})},
      {"lastRefreshTimestamp", RefreshTime(rng, day)},
      {"currentPerformanceRisk", risk},
      {"effectiveRecommendationPreferences",
       {{"cpuVendorArchitectures", nlohmann::json::array({"CURRENT"})},
        {"enhancedInfrastructureMetrics", "Inactive"},
        {"inferredWorkloadTypes", "Active"},
        {"lookBackPeriod", "DAYS_14"},
        {"savingsEstimationMode", {{"source", "PublicPricing"}}}}},
      {"inferredWorkloadTypes", nlohmann::json::array()},
      {"instanceState", instance.state},
      {"tags", TagsOf(instance.tags)},
      {"idle", instance.cpu_average < 2 ? "True" : "False"}};
  return recommendation;
}

std::optional<nlohmann::json> EbsRecommendation(const World& world, const Account& account,
                                                std::string_view region, Day day,
                                                const Volume& volume) {
  // Compute Optimizer analyses attached volumes only.
  if (volume.state != "in-use" || volume.life.created > day - kMinimumHistoryDays) {
    return std::nullopt;
  }
  Rng rng(world.seed(), {"co-ebs", account.id, region, volume.id});
  const VolumeShape current = ShapeOf(volume);
  const bool root = volume.device_name == "/dev/xvda" || volume.device_name == "/dev/sda1";
  VolumeShape better = current;
  std::string finding = "Optimized";
  if (volume.type == "gp2" ||
      ((volume.type == "io1" || volume.type == "io2") && volume.iops <= 16000 && rng.Chance(0.8))) {
    // gp3 gives the same or better performance for less (3,000 IOPS and 125 MiB/s included).
    finding = "NotOptimized";
    better = {"gp3", volume.size_gib, std::max(3000, volume.type == "gp2" ? 0 : volume.iops)};
    better.burst_iops = better.baseline_iops;
    better.baseline_throughput = better.burst_throughput = 125;
  }
  const double used_iops = current.burst_iops * (0.05 + 0.6 * rng.Uniform());
  nlohmann::json options = nlohmann::json::array();
  options.push_back({{"configuration", ConfigurationOf(better, root)},
                     {"performanceRisk", used_iops > better.baseline_iops ? 1.0 : 0.0},
                     {"rank", 1},
                     {"savingsOpportunity", Savings(VolumeMonthly(current), VolumeMonthly(better))},
                     {"savingsOpportunityAfterDiscounts",
                      Savings(VolumeMonthly(current), VolumeMonthly(better))}});
  return nlohmann::json{
      {"volumeArn", Arn(region, account, "volume", volume.id)},
      {"accountId", account.id},
      {"currentConfiguration", ConfigurationOf(current, root)},
      {"finding", finding},
      {"utilizationMetrics",
       nlohmann::json::array({Metric("VolumeReadOpsPerSecond", "Maximum", used_iops * 0.4),
                              Metric("VolumeWriteOpsPerSecond", "Maximum", used_iops * 0.6),
                              Metric("VolumeReadBytesPerSecond", "Maximum", used_iops * 16384),
                              Metric("VolumeWriteBytesPerSecond", "Maximum", used_iops * 8192)})},
      {"lookBackPeriodInDays", kLookBackDays},
      {"volumeRecommendationOptions", std::move(options)},
      {"lastRefreshTimestamp", RefreshTime(rng, day)},
      {"currentPerformanceRisk", used_iops > 0.9 * current.burst_iops ? "Medium" : "VeryLow"},
      {"effectiveRecommendationPreferences",
       {{"savingsEstimationMode", {{"source", "PublicPricing"}}}}},
      {"tags", TagsOf(volume.tags)}};
}

std::optional<nlohmann::json> LambdaRecommendation(const World& world, const Account& account,
                                                   Day day, const Function& function) {
  if (function.life.created > day - kMinimumHistoryDays) return std::nullopt;
  Rng rng(world.seed(), {"co-lambda", account.id, function.arn});
  const auto invocations =
      static_cast<int64_t>(std::llround(function.invocations_per_day * kLookBackDays));
  nlohmann::json recommendation = {{"functionArn", function.arn + ":$LATEST"},
                                   {"functionVersion", "$LATEST"},
                                   {"accountId", account.id},
                                   {"currentMemorySize", function.memory_mb},
                                   {"numberOfInvocations", invocations},
                                   {"lookbackPeriodInDays", kLookBackDays},
                                   {"lastRefreshTimestamp", RefreshTime(rng, day)},
                                   {"tags", TagsOf(function.tags)}};
  recommendation["effectiveRecommendationPreferences"] = {
      {"savingsEstimationMode", {{"source", "PublicPricing"}}}};
  if (invocations < kLambdaMinimumInvocations) {
    recommendation["finding"] = "Unavailable";
    recommendation["findingReasonCodes"] = {"InsufficientData"};
    return recommendation;
  }
  const double memory_share = 0.15 + 0.8 * rng.Uniform();
  const double duration = function.duration_ms;
  int memory = function.memory_mb;
  double new_duration = duration;
  std::string finding = "Optimized";
  nlohmann::json reasons = nlohmann::json::array();
  if (function.memory_mb >= 512 && memory_share < 0.35) {
    finding = "NotOptimized";
    reasons.push_back("MemoryOverprovisioned");
    memory = function.memory_mb / 2;
    new_duration = duration * 1.05;
  } else if (memory_share > 0.85 && duration > 1000) {
    finding = "NotOptimized";
    reasons.push_back("MemoryUnderprovisioned");
    memory = function.memory_mb * 2;
    new_duration = duration * 0.6;
  }
  const double current_cost = LambdaMonthly(function, function.memory_mb, duration);
  nlohmann::json options = nlohmann::json::array();
  for (int k = 0; k < 3; ++k) {
    const int size = memory + 64 * k;
    const double projected = new_duration * memory / size;
    options.push_back(
        {{"rank", k + 1},
         {"memorySize", size},
         {"projectedUtilizationMetrics",
          nlohmann::json::array({Metric("Duration", "LowerBound", projected * 0.8),
                                 Metric("Duration", "UpperBound", projected * 1.3),
                                 Metric("Duration", "Expected", projected)})},
         {"savingsOpportunity", Savings(current_cost, LambdaMonthly(function, size, projected))},
         {"savingsOpportunityAfterDiscounts",
          Savings(current_cost, LambdaMonthly(function, size, projected))}});
  }
  // Too little memory slows the function down; too much only costs.
  const bool under = memory > function.memory_mb;
  recommendation["currentPerformanceRisk"] = under ? "Medium" : reasons.empty() ? "Low" : "VeryLow";
  recommendation["finding"] = finding;
  recommendation["findingReasonCodes"] = std::move(reasons);
  recommendation["utilizationMetrics"] = nlohmann::json::array(
      {Metric("Duration", "Average", duration), Metric("Duration", "Maximum", duration * 2.5),
       Metric("Memory", "Average", function.memory_mb * memory_share),
       Metric("Memory", "Maximum",
              std::min<double>(function.memory_mb, function.memory_mb * memory_share * 1.3))});
  recommendation["memorySizeRecommendationOptions"] = std::move(options);
  return recommendation;
}

}  // namespace view360::sim
