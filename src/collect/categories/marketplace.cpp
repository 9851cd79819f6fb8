// marketplace (§b.9): what the account spent on AWS Marketplace products in the window.
//
// The original's get_marketplace was never called (§g S8); this collects what it meant. Its
// Marketplace Entitlement GetEntitlements needs a product code and is meant for the seller's
// side, so the source is Cost Explorer: one GetCostAndUsage (per page), DAILY, UnblendedCost,
// filtered by LINKED_ACCOUNT = the account and BILLING_ENTITY = "AWS Marketplace", grouped by
// SERVICE (Marketplace charges carry the product's name as their SERVICE; Cost Explorer has no
// product-code dimension).
//
// One element per product with a charge in the window, highest cost first, with the members of
// the original's Cost Explorer entry, in its order:
//   product_code, product_name   the SERVICE value (the product as billed) — also the key of
//                                marketplace_usage (account, product_code, period_start)
//   dimension "Usage"; customer_identifier, value, expiration_date null (entitlement fields)
//   cost_consumed                UnblendedCost summed over the window
//   currency                     Cost Explorer's unit ("USD")
//   period_start, period_end     the window (end exclusive)
//   daily_costs                  [{date, cost}] for each day with a non-zero charge
//   status "CONSUMED"
// Account-wide (Scope::kAccount): one collection per account, in its home region.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/cost_explorer.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"ce", "GetCostAndUsage"},
};

constexpr char kBillingEntity[] = "AWS Marketplace";

struct Product {
  std::string name;
  double cost = 0;
  std::string unit;
  Json daily = Json::array();
};

Status Collect(CategoryContext& ctx, Json& section) {
  const Window& window = ctx.window();
  nlohmann::json both = nlohmann::json::array();
  both.push_back(cost_explorer::LinkedAccount(ctx.account_id()));
  both.push_back({{"Dimensions", {{"Key", "BILLING_ENTITY"}, {"Values", {kBillingEntity}}}}});
  const nlohmann::json params = {
      {"TimePeriod", cost_explorer::TimePeriod(window.start, window.end)},
      {"Granularity", "DAILY"},
      {"Filter", {{"And", std::move(both)}}},
      {"Metrics", {"UnblendedCost"}},
      {"GroupBy", {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}}}};
  VIEW360_ASSIGN_OR_RETURN(auto results, cost_explorer::CostAndUsage(ctx, params));

  std::vector<Product> products;
  std::map<std::string, size_t> index;
  for (const auto& result : results) {
    const Json day = StringOrNull(cost_explorer::Field(result, "TimePeriod"), "Start");
    for (const auto& group : cost_explorer::Field(result, "Groups")) {
      const auto keys = cost_explorer::Field(group, "Keys");
      if (!keys.is_array() || keys.empty() || !keys[0].is_string()) continue;
      const nlohmann::json& metric =
          cost_explorer::Field(cost_explorer::Field(group, "Metrics"), "UnblendedCost");
      const double cost = cost_explorer::Amount(metric);
      if (cost == 0) continue;
      const auto [it, added] = index.emplace(keys[0].get<std::string>(), products.size());
      if (added) products.push_back({it->first, 0, StringOr(metric, "Unit", "USD"), Json::array()});
      Product& product = products[it->second];
      product.cost += cost;
      product.daily.push_back({{"date", day}, {"cost", cost}});
    }
  }
  std::stable_sort(products.begin(), products.end(),
                   [](const Product& a, const Product& b) { return a.cost > b.cost; });

  section = Json::array();
  for (auto& product : products) {
    Json element = Json::object();
    element["product_code"] = product.name;
    element["product_name"] = product.name;
    element["dimension"] = "Usage";
    element["customer_identifier"] = nullptr;
    element["value"] = nullptr;
    element["expiration_date"] = nullptr;
    element["cost_consumed"] = product.cost;
    element["currency"] = product.unit;
    element["period_start"] = FormatDay(window.start);
    element["period_end"] = FormatDay(window.end);
    element["daily_costs"] = std::move(product.daily);
    element["status"] = "CONSUMED";
    section.push_back(std::move(element));
  }
  return OkStatus();
}

}  // namespace

const Category& MarketplaceCategory() {
  static const Category category{"marketplace",   "marketplace", "marketplace",
                                 Scope::kAccount, Collect,       kOperations};
  return category;
}

}  // namespace view360::collect
