// The Cost Explorer requests the cost categories (service, cost, marketplace, ri_sp_savings)
// share: time periods, the account filter, following NextPageToken, and reading amounts.
// Internal to src/collect/categories.
//
// Every Cost Explorer request is billed ($0.01), so these helpers make exactly the requests
// their callers ask for: one per page, no probes.
//
// Thread-safety: plain functions; the context's rules apply to the calls.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "collect/context.h"
#include "collect/window.h"

namespace view360::collect::cost_explorer {

// {"Start": "YYYY-MM-DD", "End": "YYYY-MM-DD"}; Cost Explorer's End is exclusive, like ours.
nlohmann::json TimePeriod(Day start, Day end);

// The filter every cost category sends: LINKED_ACCOUNT = [account]. A member account only sees
// itself anyway; a management account would otherwise see the whole organisation.
nlohmann::json LinkedAccount(const std::string& account_id);

// GetCostAndUsage with `params`, following NextPageToken: the ResultsByTime of every page,
// joined in order.
Result<nlohmann::json> CostAndUsage(CategoryContext& ctx, const nlohmann::json& params);

// obj[key] when obj is an object holding it, else null: reads nested members of an answer
// without throwing on a missing level.
const nlohmann::json& Field(const nlohmann::json& obj, std::string_view key);

// A CE amount ({"Amount": "12.34", "Unit": "USD"}, or a bare string) as a number; 0 when absent
// or unreadable.
double Amount(const nlohmann::json& value);

// The cost of every group (its first key) summed over all periods, in the order the groups
// first appear. For WEEKLY and YEARLY windows, whose Cost Explorer granularity is finer than
// the window, this is the window's total per group.
struct GroupCost {
  std::string key;
  double cost = 0;
  std::string unit;  // The metric's unit ("USD"), "" when Cost Explorer gave none.
};
std::vector<GroupCost> SumGroups(const nlohmann::json& results_by_time, const std::string& metric);

}  // namespace view360::collect::cost_explorer
