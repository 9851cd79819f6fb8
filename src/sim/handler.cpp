#include "sim/handler.h"

#include "aws/service_model.h"
#include "sim/services/services.h"

namespace view360::sim {
namespace {

aws::Protocol ProtocolOf(std::string_view service) {
  auto model = aws::ServiceModel::Get(service);
  return model.ok() ? (*model)->metadata().protocol : aws::Protocol::kJson;
}

}  // namespace

std::string ApiCall::Param(std::string_view name, std::string_view fallback) const {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return std::string(fallback);
  return it->is_string() ? it->get<std::string>() : it->dump();
}

Reply Ok(nlohmann::json output) {
  Reply reply;
  reply.output = std::move(output);
  return reply;
}

Reply AwsError(int http_status, std::string code, std::string message) {
  Reply reply;
  reply.http_status = http_status;
  reply.error_code = std::move(code);
  reply.error_message = std::move(message);
  return reply;
}

Reply ValidationError(const ApiCall& call, std::string message) {
  switch (ProtocolOf(call.service)) {
    case aws::Protocol::kEc2:
      return AwsError(400, "InvalidParameterValue", std::move(message));
    case aws::Protocol::kQuery:
      return AwsError(400, "ValidationError", std::move(message));
    case aws::Protocol::kRestXml:
      return AwsError(400, "InvalidArgument", std::move(message));
    default:
      return AwsError(400, "ValidationException", std::move(message));
  }
}

Reply NotFoundError(const ApiCall& call, std::string code, std::string message) {
  const auto protocol = ProtocolOf(call.service);
  const bool rest = protocol == aws::Protocol::kRestJson || protocol == aws::Protocol::kRestXml;
  return AwsError(rest ? 404 : 400, std::move(code), std::move(message));
}

void HandlerTable::Add(std::string service, std::string operation, Handler handler) {
  handlers_[{std::move(service), std::move(operation)}] = std::move(handler);
}

const Handler* HandlerTable::Find(std::string_view service, std::string_view operation) const {
  auto it = handlers_.find(std::pair<std::string, std::string>(service, operation));
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, std::string>> HandlerTable::Operations() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, handler] : handlers_) out.push_back(key);
  return out;
}

const HandlerTable& AllHandlers() {
  static const HandlerTable* table = [] {
    auto* t = new HandlerTable;
    RegisterIdentityServices(*t);
    RegisterCostServices(*t);
    RegisterSecurityServices(*t);
    RegisterOperationsServices(*t);
    RegisterResourceServices(*t);
    RegisterInventoryServices(*t);
    RegisterMonitoringServices(*t);
    return t;
  }();
  return *table;
}

}  // namespace view360::sim
