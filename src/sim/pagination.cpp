#include "sim/pagination.h"

#include <algorithm>
#include <cstdio>

#include "common/hash.h"

namespace view360::sim {
namespace {

const aws::Paginator* PaginatorOf(const ApiCall& call) {
  auto model = aws::ServiceModel::Get(call.service);
  return model.ok() ? (*model)->FindPaginator(call.operation) : nullptr;
}

// The check characters that bind a token to its operation.
std::string TokenCheck(const ApiCall& call) {
  return Sha256Hex("page/" + call.service + "/" + call.operation).substr(0, 8);
}

// A member path of botocore's paginator config ("NextToken", "Result.Items"); only plain
// dotted paths are followed.
nlohmann::json* Follow(nlohmann::json& object, std::string_view path) {
  nlohmann::json* node = &object;
  size_t start = 0;
  while (node->is_object()) {
    const size_t dot = path.find('.', start);
    const std::string key(path.substr(start, dot - start));
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
    if (dot == std::string_view::npos) return node;
    start = dot + 1;
  }
  return nullptr;
}

bool IsPlainPath(std::string_view path) {
  return path.find_first_of("[]|&()") == std::string_view::npos;
}

Reply BadToken(const ApiCall& call) {
  if (call.service == "ec2") return AwsError(400, "InvalidPaginationToken", "Invalid token");
  if (call.service == "s3") {
    return AwsError(400, "InvalidArgument", "The continuation token provided is incorrect");
  }
  if (call.service == "rds" || call.service == "elbv2" || call.service == "autoscaling" ||
      call.service == "iam" || call.service == "cloudwatch" || call.service == "sns") {
    return AwsError(400, "InvalidNextToken", "The specified token is not valid.");
  }
  return AwsError(400, "InvalidNextTokenException", "The specified token is not valid.");
}

}  // namespace

std::string PageToken(const ApiCall& call, size_t offset) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%zx", offset);
  return TokenCheck(call) + digits;
}

std::variant<PageWindow, Reply> PageWindowOf(const ApiCall& call) {
  PageWindow window;
  window.limit = static_cast<size_t>(call.world.scenario().page_size);
  const aws::Paginator* paginator = PaginatorOf(call);
  if (!paginator) return window;
  if (!paginator->limit_key.empty()) {
    auto limit = call.params.find(paginator->limit_key);
    if (limit != call.params.end() && limit->is_number_integer() && limit->get<int64_t>() > 0) {
      window.limit = std::min(window.limit, static_cast<size_t>(limit->get<int64_t>()));
    }
  }
  for (const auto& name : paginator->input_tokens) {
    auto token = call.params.find(name);
    if (token == call.params.end() || !token->is_string() || token->get<std::string>().empty()) {
      continue;
    }
    const std::string text = token->get<std::string>();
    const std::string check = TokenCheck(call);
    if (text.size() <= check.size() || text.compare(0, check.size(), check) != 0) {
      return BadToken(call);
    }
    size_t offset = 0;
    for (char c : text.substr(check.size())) {
      const auto digit = std::string_view("0123456789abcdef").find(c);
      if (digit == std::string_view::npos) return BadToken(call);
      offset = offset * 16 + digit;
    }
    window.offset = offset;
    break;
  }
  return window;
}

std::optional<Reply> ApplyPagination(const ApiCall& call, Reply& reply) {
  if (reply.paged || !reply.ok()) return std::nullopt;
  const aws::Paginator* paginator = PaginatorOf(call);
  if (!paginator || paginator->result_keys.empty() || paginator->output_tokens.empty()) {
    return std::nullopt;
  }
  const std::string& output_token = paginator->output_tokens.front();
  if (!IsPlainPath(output_token)) return std::nullopt;
  auto window_or = PageWindowOf(call);
  if (auto* error = std::get_if<Reply>(&window_or)) return *error;
  const auto window = std::get<PageWindow>(window_or);
  bool more = false;
  for (const auto& key : paginator->result_keys) {
    if (!IsPlainPath(key)) continue;
    nlohmann::json* items = Follow(reply.output, key);
    if (!items || !items->is_array()) continue;
    const size_t total = items->size();
    const size_t begin = std::min(window.offset, total);
    const size_t end = std::min(begin + window.limit, total);
    nlohmann::json page = nlohmann::json::array();
    for (size_t i = begin; i < end; ++i) page.push_back(std::move((*items)[i]));
    *items = std::move(page);
    more = more || end < total;
  }
  if (more) {
    reply.output[output_token] = PageToken(call, window.offset + window.limit);
  } else {
    reply.output.erase(output_token);
  }
  if (!paginator->more_results.empty() && IsPlainPath(paginator->more_results)) {
    reply.output[paginator->more_results] = more;
  }
  return std::nullopt;
}

}  // namespace view360::sim
