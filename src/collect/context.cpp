#include "collect/context.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "collect/category.h"
#include "document/document.h"

namespace view360::collect {

aws::AwsClient& AccountClients::In(const std::string& region) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& client = clients_[region];
  if (!client) client = factory_(region);
  return *client;
}

aws::CallStats AccountClients::Stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  aws::CallStats total;
  for (const auto& [region, client] : clients_) {
    const aws::CallStats stats = client->Stats();
    for (const auto& [op, n] : stats.calls) total.calls[op] += n;
    total.throttled += stats.throttled;
    total.retries += stats.retries;
  }
  return total;
}

namespace {
std::string ErrorCode(const Status& status) {
  return status.reason().empty() ? StatusCodeName(status.code()) : status.reason();
}
}  // namespace

void DocumentLog::Fail(std::string_view category, std::string_view tag, const Status& status) {
  std::lock_guard<std::mutex> lock(mu_);
  failed_[std::string(category)] = true;
  messages_.emplace_back(tag, status.message());
  errors_.push_back({std::string(category), std::string(tag), ErrorCode(status), status.message()});
}

void DocumentLog::Note(std::string_view category, std::string_view tag, std::string_view text,
                       std::string_view code) {
  std::lock_guard<std::mutex> lock(mu_);
  messages_.emplace_back(tag, text);
  if (!code.empty()) {
    errors_.push_back(
        {std::string(category), std::string(tag), std::string(code), std::string(text)});
  }
}

nlohmann::ordered_json DocumentLog::Section() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::ordered_json logs = nlohmann::ordered_json::object();
  for (std::string_view category : document::kLogCategories) {
    const auto it = failed_.find(category);
    logs[std::string(category) + "_status"] = it != failed_.end() && it->second ? "Fail" : "Pass";
  }
  nlohmann::ordered_json messages = nlohmann::ordered_json::array();
  for (const auto& [tag, text] : messages_) messages.push_back({{tag, text}});
  logs["message"] = std::move(messages);
  return logs;
}

std::vector<CollectError> DocumentLog::Errors() const {
  std::lock_guard<std::mutex> lock(mu_);
  return errors_;
}

std::string DocumentLog::StatusOf(std::string_view category) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = failed_.find(category);
  return it != failed_.end() && it->second ? "Fail" : "Pass";
}

void CallCounter::Add(std::string_view service, std::string_view operation) {
  std::string key(service);
  key += ':';
  key += operation;
  std::lock_guard<std::mutex> lock(mu_);
  ++calls_[key];
}

std::map<std::string, int64_t> CallCounter::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

CategoryContext::CategoryContext(std::string_view category, std::span<const ApiOperation> declared,
                                 const Target& target, const Window& window,
                                 AccountClients& clients, DocumentLog& log, CallCounter& counter)
    : category_(category),
      declared_(declared),
      target_(target),
      window_(window),
      clients_(clients),
      log_(log),
      counter_(counter) {}

Status CategoryContext::CheckDeclared(std::string_view service, std::string_view operation) const {
  const bool declared = std::any_of(
      declared_.begin(), declared_.end(),
      [&](const ApiOperation& op) { return op.service == service && op.operation == operation; });
  if (declared) return OkStatus();
  return InternalError("category " + std::string(category_) + " calls " + std::string(service) +
                       ":" + std::string(operation) +
                       " without declaring it (add it to the category's operations)");
}

aws::AwsClient& CategoryContext::ClientIn(std::string_view region) {
  return clients_.In(region.empty() ? target_.region : std::string(region));
}

Result<nlohmann::json> CategoryContext::Call(std::string_view service, std::string_view operation,
                                             const nlohmann::json& params,
                                             std::string_view region) {
  VIEW360_RETURN_IF_ERROR(CheckDeclared(service, operation));
  counter_.Add(service, operation);
  return ClientIn(region).Call(service, operation, params);
}

Status CategoryContext::Paginate(std::string_view service, std::string_view operation,
                                 const nlohmann::json& params,
                                 const std::function<Status(const nlohmann::json&)>& on_page,
                                 std::string_view region) {
  VIEW360_RETURN_IF_ERROR(CheckDeclared(service, operation));
  return ClientIn(region).Paginate(service, operation, params, [&](const nlohmann::json& page) {
    counter_.Add(service, operation);
    return on_page(page);
  });
}

void CategoryContext::Fail(std::string_view tag, const Status& status) {
  log_.Fail(category_, tag, status);
}

}  // namespace view360::collect
