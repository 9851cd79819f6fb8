#include "collect/categories/cost_explorer.h"

#include <cstdlib>
#include <map>

namespace view360::collect::cost_explorer {

nlohmann::json TimePeriod(Day start, Day end) {
  return {{"Start", FormatDay(start)}, {"End", FormatDay(end)}};
}

nlohmann::json LinkedAccount(const std::string& account_id) {
  return {{"Dimensions", {{"Key", "LINKED_ACCOUNT"}, {"Values", {account_id}}}}};
}

Result<nlohmann::json> CostAndUsage(CategoryContext& ctx, const nlohmann::json& params) {
  nlohmann::json results = nlohmann::json::array();
  nlohmann::json request = params;
  while (true) {
    VIEW360_ASSIGN_OR_RETURN(auto page, ctx.Call("ce", "GetCostAndUsage", request));
    if (page.contains("ResultsByTime") && page["ResultsByTime"].is_array()) {
      for (auto& result : page["ResultsByTime"]) results.push_back(std::move(result));
    }
    const auto token = page.find("NextPageToken");
    if (token == page.end() || !token->is_string() || token->get<std::string>().empty()) break;
    request["NextPageToken"] = *token;
  }
  return results;
}

const nlohmann::json& Field(const nlohmann::json& obj, std::string_view key) {
  static const nlohmann::json kNull;
  if (!obj.is_object()) return kNull;
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? kNull : *it;
}

double Amount(const nlohmann::json& value) {
  const nlohmann::json* amount = &value;
  if (value.is_object()) {
    const auto it = value.find("Amount");
    if (it == value.end()) return 0;
    amount = &*it;
  }
  if (amount->is_number()) return amount->get<double>();
  if (!amount->is_string()) return 0;
  const std::string text = amount->get<std::string>();
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? 0 : parsed;
}

std::vector<GroupCost> SumGroups(const nlohmann::json& results_by_time, const std::string& metric) {
  std::vector<GroupCost> groups;
  std::map<std::string, size_t> index;  // key -> position in groups.
  for (const auto& result : results_by_time) {
    for (const auto& group : Field(result, "Groups")) {
      const auto keys = Field(group, "Keys");
      if (!keys.is_array() || keys.empty() || !keys[0].is_string()) continue;
      const std::string key = keys[0].get<std::string>();
      const nlohmann::json& value = Field(Field(group, "Metrics"), metric);
      const auto [it, added] = index.emplace(key, groups.size());
      if (added) groups.push_back({key, 0, ""});
      GroupCost* entry = &groups[it->second];
      entry->cost += Amount(value);
      if (entry->unit.empty() && value.is_object() && value.contains("Unit") &&
          value["Unit"].is_string()) {
        entry->unit = value["Unit"].get<std::string>();
      }
    }
  }
  return groups;
}

}  // namespace view360::collect::cost_explorer
