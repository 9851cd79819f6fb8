// Cost Explorer GetCostForecast: the cost model's expected (noise-free) future days, which carry
// each account's recent trend and weekly rhythm forward, with a prediction interval that widens
// with the horizon.
#include <algorithm>
#include <array>
#include <cmath>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

// How far ahead Cost Explorer forecasts.
constexpr int kMaxForecastDays = 366;
// Relative spread of one day's cost (the model's uniform +-12% noise) and of the trend per month.
constexpr double kDailySpread = 0.069;
constexpr double kTrendSpreadPerMonth = 0.02;

enum class Measure { kCost, kNet, kQuantity, kNormalized };

std::optional<Measure> MeasureOf(std::string_view metric) {
  if (metric == "UNBLENDED_COST" || metric == "BLENDED_COST" || metric == "AMORTIZED_COST") {
    return Measure::kCost;
  }
  if (metric == "NET_UNBLENDED_COST" || metric == "NET_AMORTIZED_COST") return Measure::kNet;
  if (metric == "USAGE_QUANTITY") return Measure::kQuantity;
  if (metric == "NORMALIZED_USAGE_AMOUNT") return Measure::kNormalized;
  return std::nullopt;
}

// A line's USD per day at factor 1, in the measure asked for.
double Scale(Measure measure, const LineItem& item) {
  const double per_usd = item.daily_cost / ToDouble(item.cost);  // USD per Unit of base.
  switch (measure) {
    case Measure::kCost:
      return item.daily_cost;
    case Measure::kNet:
      return ToDouble(item.net) * per_usd;
    case Measure::kQuantity:
      return ToDouble(item.quantity) * kMultiplierScale;
    case Measure::kNormalized:
      return ToDouble(item.normalized) * kMultiplierScale;
  }
  return item.daily_cost;
}

// The two-sided standard normal quantile for a confidence level in percent (80 -> 1.2816).
double ZScore(int level) {
  const double target = 1 - level / 100.0;  // erfc(z / sqrt 2) = 1 - level.
  double lo = 0, hi = 10;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    (std::erfc(mid / std::sqrt(2.0)) > target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

Reply GetCostForecast(const ApiCall& call) {
  if (auto denied = CostExplorerDenied(call)) return *denied;
  auto span_or = ParseTimePeriod(call, PeriodUse::kForecast);
  if (auto* error = std::get_if<Reply>(&span_or)) return *error;
  const Period span = std::get<Period>(span_or);
  if (span.start < call.today()) {
    return ValidationError(call,
                           "Start date must be equal to or no earlier than the current "
                           "date to avoid forecast errors");
  }
  if (span.end > call.today() + kMaxForecastDays) {
    return ValidationError(call, "End date must be within 12 months of the current date");
  }
  auto granularity = ParseGranularity(call, /*required=*/true);
  if (auto* error = std::get_if<Reply>(&granularity)) return *error;
  const std::string metric = call.Param("Metric");
  const auto measure = MeasureOf(metric);
  if (!measure) {
    return ValidationError(call, "1 validation error detected: Value '" + metric +
                                     "' at 'metric' failed to satisfy constraint: Member must "
                                     "satisfy enum value set: [BLENDED_COST, UNBLENDED_COST, "
                                     "AMORTIZED_COST, NET_UNBLENDED_COST, NET_AMORTIZED_COST, "
                                     "USAGE_QUANTITY, NORMALIZED_USAGE_AMOUNT]");
  }
  const int level = call.params.value("PredictionIntervalLevel", 80);
  if (level < 51 || level > 99) {
    return ValidationError(call, "PredictionIntervalLevel must be between 51 and 99");
  }
  auto filter = Filter::Parse(call, "Filter");
  if (auto* error = std::get_if<Reply>(&filter)) return *error;

  const auto periods = SplitPeriods(span, std::get<Granularity>(granularity));
  std::vector<double> means(periods.size(), 0.0);
  ForEachAccount(call, std::get<Filter>(filter),
                 [&](const AccountCosts& costs, const std::vector<const LineItem*>& lines) {
                   if (costs.last_day < costs.today)
                     return;  // A suspended account spends nothing more.
                   // The expected factors per series over each period, so a line costs O(periods),
                   // not O(days).
                   std::array<std::vector<double>, kSeries> factors;
                   for (const LineItem* item : lines) {
                     auto& per_period = factors[static_cast<size_t>(item->series)];
                     if (per_period.empty()) {
                       for (const auto& period : periods) {
                         double sum = 0;
                         for (Day day = period.start; day < period.end; ++day) {
                           sum += costs.ExpectedFactor(item->series, day);
                         }
                         per_period.push_back(sum);
                       }
                     }
                     const double scale = Scale(*measure, *item);
                     for (size_t p = 0; p < periods.size(); ++p) means[p] += scale * per_period[p];
                   }
                 });

  const double z = ZScore(level);
  Units total = 0;
  nlohmann::json results = nlohmann::json::array();
  for (size_t p = 0; p < periods.size(); ++p) {
    const Units mean = ToUnits(means[p]);
    total += mean;
    const double days = periods[p].end - periods[p].start;
    const double horizon_months = (periods[p].end - call.today()) / 30.0;
    const double spread = std::sqrt(kDailySpread * kDailySpread / days +
                                    std::pow(kTrendSpreadPerMonth * horizon_months, 2));
    results.push_back(
        {{"TimePeriod", PeriodJson(periods[p])},
         {"MeanValue", FormatUnits(mean)},
         {"PredictionIntervalLowerBound",
          FormatUnits(ToUnits(std::max(0.0, means[p] * (1 - z * spread))))},
         {"PredictionIntervalUpperBound", FormatUnits(ToUnits(means[p] * (1 + z * spread)))}});
  }
  if (total == 0) {
    return AwsError(400, "DataUnavailableException",
                    "Insufficient amount of historical data to generate forecast.");
  }
  const bool money = *measure == Measure::kCost || *measure == Measure::kNet;
  return Ok({{"Total", {{"Amount", FormatUnits(total)}, {"Unit", money ? "USD" : "N/A"}}},
             {"ForecastResultsByTime", std::move(results)}});
}

}  // namespace

void RegisterCostForecast(HandlerTable& table) {
  table.Add("ce", "GetCostForecast", GetCostForecast);
}

}  // namespace view360::sim::cost
