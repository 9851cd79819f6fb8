#include "aws/paginator.h"

#include <nlohmann/json.hpp>

namespace view360::aws {
namespace {

using nlohmann::json;

std::vector<std::string> StringOrList(const json& value) {
  if (value.is_string()) return {value.get<std::string>()};
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

// One path: "A.B", "Contents[-1].Key", "Items[0]".
json EvaluatePath(const json& root, std::string_view path) {
  const json* node = &root;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t end = path.find_first_of(".[", pos);
    std::string_view name =
        path.substr(pos, end == std::string_view::npos ? path.size() - pos : end - pos);
    if (!name.empty()) {
      if (!node->is_object() || !node->contains(std::string(name))) return nullptr;
      node = &(*node)[std::string(name)];
    }
    if (end == std::string_view::npos) break;
    if (path[end] == '.') {
      pos = end + 1;
      continue;
    }
    size_t close = path.find(']', end);
    if (close == std::string_view::npos || !node->is_array() || node->empty()) return nullptr;
    long index = std::stol(std::string(path.substr(end + 1, close - end - 1)));
    const long size = static_cast<long>(node->size());
    if (index < 0) index += size;
    if (index < 0 || index >= size) return nullptr;
    node = &(*node)[static_cast<size_t>(index)];
    pos = close + 1;
    if (pos < path.size() && path[pos] == '.') ++pos;
  }
  return *node;
}

bool Empty(const json& value) {
  return value.is_null() || (value.is_string() && value.get<std::string>().empty());
}

}  // namespace

Result<PaginatorConfig> PaginatorConfig::FromJson(const json& entry) {
  PaginatorConfig config;
  if (!entry.is_object()) return InvalidArgumentError("paginator entry is not an object");
  config.input_tokens = StringOrList(entry.value("input_token", json()));
  config.output_tokens = StringOrList(entry.value("output_token", json()));
  config.more_results = entry.value("more_results", "");
  config.limit_key = entry.value("limit_key", "");
  if (config.input_tokens.empty() || config.input_tokens.size() != config.output_tokens.size()) {
    return InvalidArgumentError("paginator entry needs as many input as output tokens");
  }
  return config;
}

json EvaluateTokenExpression(const json& response, const std::string& expr) {
  size_t start = 0;
  while (start <= expr.size()) {
    size_t bar = expr.find("||", start);
    std::string part =
        expr.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    json value = EvaluatePath(response, part);
    if (!Empty(value)) return value;
    if (bar == std::string::npos) break;
    start = bar + 2;
  }
  return nullptr;
}

Status Paginate(const std::function<Result<json>(const json&)>& call, json params,
                const PaginatorConfig& config, const std::function<Status(const json&)>& on_page,
                int max_pages) {
  json previous_tokens;
  for (int page = 0;; ++page) {
    if (page >= max_pages) {
      return FailedPreconditionError("stopped paginating after " + std::to_string(max_pages) +
                                     " pages (max_pages)");
    }
    VIEW360_ASSIGN_OR_RETURN(json response, call(params));
    VIEW360_RETURN_IF_ERROR(on_page(response));
    if (!config.more_results.empty()) {
      json more = EvaluatePath(response, config.more_results);
      if (!more.is_boolean() || !more.get<bool>()) return OkStatus();
    }
    json tokens = json::array();
    bool any = false;
    for (const auto& expr : config.output_tokens) {
      json token = EvaluateTokenExpression(response, expr);
      any = any || !Empty(token);
      tokens.push_back(token);
    }
    if (!any) return OkStatus();
    if (tokens == previous_tokens) {
      return FailedPreconditionError("the service returned the same pagination token twice");
    }
    for (size_t i = 0; i < config.input_tokens.size(); ++i) {
      if (Empty(tokens[i])) {
        params.erase(config.input_tokens[i]);
      } else {
        params[config.input_tokens[i]] = tokens[i];
      }
    }
    previous_tokens = std::move(tokens);
  }
}

}  // namespace view360::aws
