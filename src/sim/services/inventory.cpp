// The inventory group: S3 bucket metadata, SSM (managed nodes, inventory, patches) and Compute
// Optimizer recommendations, each registered by its own file (inventory_internal.h).
#include <algorithm>

#include "sim/services/inventory_internal.h"
#include "sim/services/services.h"

namespace view360::sim {

std::vector<std::string> StringList(const nlohmann::json& params, std::string_view name) {
  std::vector<std::string> out;
  auto it = params.find(name);
  if (it == params.end() || !it->is_array()) return out;
  for (const auto& value : *it) {
    if (value.is_string()) out.push_back(value.get<std::string>());
  }
  return out;
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::optional<Reply> PageSelf(const ApiCall& call, std::string_view limit_key,
                              std::string_view token_key, size_t max_items,
                              std::string_view bad_token_code, nlohmann::json& items,
                              nlohmann::json& output) {
  size_t offset = 0;
  const std::string token = call.Param(token_key);
  if (!token.empty()) {
    if (token.size() < 2 || token[0] != 'p' ||
        !std::all_of(token.begin() + 1, token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return AwsError(400, std::string(bad_token_code), "The specified token is not valid.");
    }
    offset = std::stoull(token.substr(1));
  }
  size_t limit = max_items;
  auto it = call.params.find(limit_key);
  if (it != call.params.end() && it->is_number_integer() && it->get<int64_t>() > 0) {
    limit = std::min(limit, static_cast<size_t>(it->get<int64_t>()));
  }
  const size_t total = items.size();
  const size_t begin = std::min(offset, total);
  const size_t end = std::min(begin + limit, total);
  nlohmann::json page = nlohmann::json::array();
  for (size_t i = begin; i < end; ++i) page.push_back(std::move(items[i]));
  items = std::move(page);
  if (end < total) output[std::string(token_key)] = "p" + std::to_string(end);
  return std::nullopt;
}

void RegisterInventoryServices(HandlerTable& table) {
  RegisterS3(table);
  RegisterSsm(table);
  RegisterComputeOptimizer(table);
}

}  // namespace view360::sim
