// cost (§b.6): the account's cost in the window against the previous period, its top services
// and Cost Explorer's forecast.
//
// Requests (each one is billed $0.01, so only those whose answer the section uses):
//   1. GetCostAndUsage over the window, UnblendedCost grouped by SERVICE: `top_services`, and
//      `current_period_cost` as the sum of the groups (every cost falls in exactly one SERVICE
//      group, so the original's separate ungrouped request for the total is not repeated);
//   2. GetCostAndUsage over the previous period, ungrouped: `previous_period_cost`;
//   3. GetCostForecast, UNBLENDED_COST, MONTHLY, over [window end, today + 30 days).
// All three carry the LINKED_ACCOUNT = account filter. A failure of 1 or 2 fails the category
// (`cost` stays [], tag `cost_analysis`); a failed forecast leaves `forecast` [] and notes
// {"Forecast unavailable": error} without failing the category, as the original does.
//
// Fixes (§g S7, S14):
// - The window's end is exclusive and the previous period is the previous calendar period of the
//   interval (window.previous_start/end), e.g. all of last month for a MONTHLY window.
// - Cost Explorer has no WEEKLY or YEARLY granularity: those windows are asked for in DAILY resp.
//   MONTHLY periods (CostGranularity) and summed; `top_services` ranks services over the whole
//   window (the original took the last period, which is the whole window for DAILY and
//   MONTHLY). `period.granularity` keeps the interval's name ("WEEKLY").
// - Cost Explorer refuses a forecast that starts in the past: a backfilled window, whose end is
//   before today, is forecast from today. When the window reaches past today + 30 days there is
//   nothing to forecast: `forecast` is [] and no request is made.
// - Account-wide (Scope::kAccount): one collection per account, in its home region.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/cost_explorer.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"ce", "GetCostAndUsage"},
    {"ce", "GetCostForecast"},
};

constexpr size_t kTopServices = 5;
constexpr int kForecastDays = 30;  // The original forecasts until now + 30 days.

// The sum of the periods' UnblendedCost totals: integer 0 when Cost Explorer returned no period
// (as the original writes it), else a number.
Json SumTotals(const nlohmann::json& results) {
  if (results.empty()) return 0;
  double sum = 0;
  for (const auto& result : results) {
    sum += cost_explorer::Amount(
        cost_explorer::Field(cost_explorer::Field(result, "Total"), "UnblendedCost"));
  }
  return sum;
}

Json Forecast(CategoryContext& ctx) {
  const Window& window = ctx.window();
  const Day today = TodayUtc();
  const Day start = std::max(window.end, today);
  const Day end = today + std::chrono::days(kForecastDays);
  Json forecast = Json::array();
  if (start >= end) return forecast;
  const nlohmann::json params = {{"TimePeriod", cost_explorer::TimePeriod(start, end)},
                                 {"Metric", "UNBLENDED_COST"},
                                 {"Granularity", "MONTHLY"},
                                 {"Filter", cost_explorer::LinkedAccount(ctx.account_id())}};
  auto output = ctx.Call("ce", "GetCostForecast", params);
  if (!output.ok()) {
    const Status& status = output.status();
    ctx.log().Note(ctx.category(), "Forecast unavailable", status.message(),
                   status.reason().empty() ? StatusCodeName(status.code()) : status.reason());
    return forecast;
  }
  for (const auto& result : output->value("ForecastResultsByTime", nlohmann::json::array())) {
    const auto period = cost_explorer::Field(result, "TimePeriod");
    Json element = Json::object();
    element["period"] = {{"start", StringOrNull(period, "Start")},
                         {"end", StringOrNull(period, "End")}};
    element["amount"] = cost_explorer::Amount(cost_explorer::Field(result, "MeanValue"));
    forecast.push_back(std::move(element));
  }
  return forecast;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  const std::string granularity(CostGranularity(window.interval));
  const nlohmann::json filter = cost_explorer::LinkedAccount(ctx.account_id());

  const nlohmann::json by_service = {
      {"TimePeriod", cost_explorer::TimePeriod(window.start, window.end)},
      {"Granularity", granularity},
      {"Filter", filter},
      {"Metrics", {"UnblendedCost"}},
      {"GroupBy", {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}}}};
  VIEW360_ASSIGN_OR_RETURN(auto current, cost_explorer::CostAndUsage(ctx, by_service));
  const nlohmann::json previous_total = {
      {"TimePeriod", cost_explorer::TimePeriod(window.previous_start, window.previous_end)},
      {"Granularity", granularity},
      {"Filter", filter},
      {"Metrics", {"UnblendedCost"}}};
  VIEW360_ASSIGN_OR_RETURN(auto previous, cost_explorer::CostAndUsage(ctx, previous_total));

  auto services = cost_explorer::SumGroups(current, "UnblendedCost");
  std::stable_sort(services.begin(), services.end(),
                   [](const auto& a, const auto& b) { return a.cost > b.cost; });
  Json current_cost = 0;
  if (!current.empty()) {
    double sum = 0;
    for (const auto& service : services) sum += service.cost;
    current_cost = sum;
  }
  const Json previous_cost = SumTotals(previous);
  const double now = current_cost.get<double>(), before = previous_cost.get<double>();

  section = Json::object();
  section["account_id"] = ctx.account_id();
  section["current_period_cost"] = current_cost;
  section["previous_period_cost"] = previous_cost;
  if (current_cost.is_number_integer() && previous_cost.is_number_integer()) {
    section["cost_difference"] = 0;
  } else {
    section["cost_difference"] = now - before;
  }
  section["cost_difference_percentage"] =
      before > 0 ? Json((now - before) / before * 100) : Json(0);
  Json top = Json::array();
  for (size_t i = 0; i < services.size() && i < kTopServices; ++i) {
    top.push_back({{"service", services[i].key}, {"cost", services[i].cost}});
  }
  section["top_services"] = std::move(top);
  section["period"] = {{"start", FormatDay(window.start)},
                       {"end", FormatDay(window.end)},
                       {"granularity", IntervalName(window.interval)}};
  section["forecast"] = Forecast(ctx);
  return OkStatus();
}

}  // namespace

const Category& CostCategory() {
  static const Category category{"cost",          "cost",  "cost_analysis",
                                 Scope::kAccount, Collect, kOperations};
  return category;
}

}  // namespace view360::collect
