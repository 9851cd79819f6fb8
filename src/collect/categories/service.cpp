// service (§b.5): what each AWS service cost the account in the window, from Cost Explorer.
//
// One GetCostAndUsage request per page (UnblendedCost, grouped by SERVICE, LINKED_ACCOUNT = the
// account) over the window. Elements: one per service, highest cost first (ties keep Cost
// Explorer's order), `date_from`/`date_to` = the window.
//
// Fixes (§g S7, S14): the window's end is exclusive, so a week or month keeps its last day;
// Cost Explorer has no WEEKLY or YEARLY granularity, so those windows are asked for in DAILY
// resp. MONTHLY periods (CostGranularity) and summed per service over the window; DAILY and
// MONTHLY windows are a single period, as in the original. Account-wide (Scope::kAccount): one
// collection per account, in its home region, instead of the same costs in every region.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/cost_explorer.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"ce", "GetCostAndUsage"},
};

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  const nlohmann::json params = {
      {"TimePeriod", cost_explorer::TimePeriod(window.start, window.end)},
      {"Granularity", CostGranularity(window.interval)},
      {"Filter", cost_explorer::LinkedAccount(ctx.account_id())},
      {"Metrics", {"UnblendedCost"}},
      {"GroupBy", {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}}}};
  VIEW360_ASSIGN_OR_RETURN(auto results, cost_explorer::CostAndUsage(ctx, params));

  auto groups = cost_explorer::SumGroups(results, "UnblendedCost");
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.cost > b.cost; });
  section = Json::array();
  for (const auto& group : groups) {
    Json element = Json::object();
    element["service"] = group.key;
    element["usage_types"] = "Aggregated";
    element["date_from"] = FormatDay(window.start);
    element["date_to"] = FormatDay(window.end);
    element["cost"] = group.cost;
    element["currency"] = group.unit.empty() ? "USD" : group.unit;
    element["utilization"] = nullptr;
    element["utilization_unit"] = nullptr;
    section.push_back(std::move(element));
  }
  return OkStatus();
}

}  // namespace

const Category& ServiceCategory() {
  static const Category category{"service",       "service", "services_data",
                                 Scope::kAccount, Collect,   kOperations};
  return category;
}

}  // namespace view360::collect
