#include "sim/simulator.h"

#include <spdlog/spdlog.h>

#include <zlib.h>

#include <thread>

#include "aws/server_protocol.h"
#include "sim/handler.h"
#include "sim/pagination.h"
#include "sim/shape_check.h"

namespace view360::sim {
namespace {

using Outcome = Recorder::Outcome;

std::string RequestId(uint64_t seed, uint64_t n) {
  Rng rng(seed, {"request-id"}, static_cast<int64_t>(n));
  return rng.Hex(8) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(4) + "-" + rng.Hex(12);
}

// An error for a request whose service is unknown: the query protocol's shape, which is what AWS
// answers at an endpoint that cannot route the request.
aws::HttpResponse GenericError(int status, const std::string& code, const std::string& message,
                               const std::string& request_id) {
  aws::HttpResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "text/xml"}, {"x-amzn-RequestId", request_id}};
  response.body = "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" +
                  message + "</Message></Error><RequestId>" + request_id +
                  "</RequestId></ErrorResponse>";
  return response;
}

// The body of a request sent with Content-Encoding: gzip (botocore compresses CloudWatch
// PutMetricData), which SigV4 signed compressed. kInvalidArgument when it does not inflate.
Result<std::string> Gunzip(const std::string& compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return InternalError("inflateInit2 failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > (64u << 20)) rc = Z_MEM_ERROR;
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return InvalidArgumentError("the gzip request body does not inflate");
  return out;
}

const aws::ServiceModel* ModelOf(const std::string& service) {
  auto model = aws::ServiceModel::Get(service);
  return model.ok() ? *model : nullptr;
}

}  // namespace

Simulator::Simulator(Scenario scenario, SimulatorOptions options)
    : world_(std::move(scenario)),
      options_(options),
      authenticator_(world_),
      throttler_(world_.scenario().throttle_scale) {}

void Simulator::Reset() {
  recorder_.Reset();
  throttler_.Reset();
}

Simulator::Answer Simulator::Handle(const aws::HttpRequest& signed_request) {
  const uint64_t n = requests_.fetch_add(1);
  const std::string request_id = RequestId(world_.seed(), n);
  const Fault fault = DrawFault(world_.scenario(), n);
  if (fault.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
  Answer answer;

  auto authenticated = authenticator_.Authenticate(signed_request, Clock::now());
  const aws::HttpRequest& request = signed_request;
  // An error in the protocol the request came in (json for CloudWatch from botocore).
  const bool json_request = aws::FindHeader(request.headers, "X-Amz-Target").has_value();
  const auto error_response = [&](const aws::ServiceModel* for_model, int status,
                                  const std::string& code, const std::string& message) {
    if (!for_model) return GenericError(status, code, message, request_id);
    if (json_request && for_model->metadata().protocol != aws::Protocol::kJson) {
      auto variant = aws::ServiceModel::GetJsonVariant(for_model->metadata().service_name);
      if (variant.ok()) for_model = *variant;
    }
    return aws::SerializeError(*for_model, status, code, message, request_id);
  };
  if (auto* failure = std::get_if<AuthFailure>(&authenticated)) {
    std::string service;
    if (auto name = aws::ServiceForSigningName(failure->signing_service, request); name.ok()) {
      service = *name;
    }
    recorder_.CountCall(service.empty() ? "unknown" : service, "auth", "", Outcome::kAuthFailed);
    answer.response =
        error_response(ModelOf(service), failure->http_status, failure->code, failure->message);
    return answer;
  }
  const Principal& principal = std::get<Principal>(authenticated);
  const std::string& region = principal.signature.region;

  auto service_or = aws::ServiceForSigningName(principal.signature.service, request);
  if (!service_or.ok()) {
    recorder_.CountCall(principal.signature.service, "unknown", principal.account.id,
                        Outcome::kAwsError);
    answer.response = error_response(nullptr, 400, "UnknownService", service_or.status().message());
    return answer;
  }
  const std::string service = *service_or;
  const aws::ServiceModel* model = ModelOf(service);
  const auto error = [&](int status, const std::string& code, const std::string& message,
                         const std::string& operation, Outcome outcome) {
    recorder_.CountCall(service, operation, principal.account.id, outcome);
    answer.response = error_response(model, status, code, message);
    return answer;
  };

  aws::HttpRequest inflated;
  const aws::HttpRequest* received = &request;
  if (aws::FindHeader(request.headers, "content-encoding").value_or("") == "gzip") {
    auto body = Gunzip(request.body);
    if (!body.ok()) {
      return error(400, "InvalidParameterValue", body.status().message(), "unknown",
                   Outcome::kAwsError);
    }
    inflated = request;
    inflated.body = std::move(*body);
    received = &inflated;
  }
  auto identified = aws::IdentifyOperation(service, *received);
  if (!identified.ok()) {
    const bool json = model->metadata().protocol == aws::Protocol::kJson;
    return error(400, json ? "UnknownOperationException" : "InvalidAction",
                 identified.status().message(), "unknown", Outcome::kAwsError);
  }
  model = identified->model;  // The json variant when the request came as json (CloudWatch).
  const std::string operation = identified->operation->name;
  if (fault.kind == FaultKind::kServerError) {
    const bool unavailable = (n % 2) == 1;
    return error(unavailable ? 503 : 500, unavailable ? "ServiceUnavailable" : "InternalError",
                 unavailable ? "Service is unavailable, please try again later."
                             : "We encountered an internal error. Please try again.",
                 operation, Outcome::kFault);
  }
  auto params = aws::ParseRequest(*model, operation, *received);
  if (!params.ok()) {
    const bool json = model->metadata().protocol == aws::Protocol::kJson;
    return error(400, json ? "SerializationException" : "InvalidParameterValue",
                 params.status().message(), operation, Outcome::kAwsError);
  }
  if (world_.scenario().throttle &&
      !throttler_.Admit(principal.account.id, region, service, operation)) {
    const auto throttled = ThrottlingErrorFor(service);
    return error(throttled.http_status, throttled.code, throttled.message, operation,
                 Outcome::kThrottled);
  }
  const Handler* handler = AllHandlers().Find(service, operation);
  if (!handler) {
    return error(400, "InvalidAction", "The simulator does not serve " + service + " " + operation,
                 operation, Outcome::kAwsError);
  }
  ApiCall call{world_,  principal.account, region,        service,           operation,
               *params, recorder_,         principal.arn, principal.user_id, &authenticator_};
  Reply reply;
  try {
    reply = (*handler)(call);
  } catch (const std::exception& e) {
    spdlog::error("sim: {} {} failed: {}", service, operation, e.what());
    return error(500, "InternalFailure", "The simulator failed: " + std::string(e.what()),
                 operation, Outcome::kAwsError);
  }
  if (auto bad_page = ApplyPagination(call, reply)) reply = std::move(*bad_page);
  if (!reply.ok()) {
    return error(reply.http_status, reply.error_code, reply.error_message, operation,
                 Outcome::kAwsError);
  }
  if (options_.strict) {
    if (auto unknown = UnknownMembers(*model, operation, reply.output); !unknown.empty()) {
      return error(500, "InternalFailure",
                   "simulator output has members the model does not know: " + unknown, operation,
                   Outcome::kAwsError);
    }
  }
  auto response = aws::SerializeResponse(*model, operation, reply.output, request_id);
  if (!response.ok()) {
    return error(500, "InternalFailure",
                 "simulator output does not fit the model: " + response.status().message(),
                 operation, Outcome::kAwsError);
  }
  recorder_.CountCall(service, operation, principal.account.id,
                      fault.kind == FaultKind::kNone ? Outcome::kOk : Outcome::kFault);
  answer.response = std::move(*response);
  answer.fault = fault.kind;
  return answer;
}

Result<nlohmann::json> Simulator::Truth(const std::string& service, const std::string& operation,
                                        const nlohmann::json& params, const std::string& account_id,
                                        const std::string& region) {
  const Handler* handler = AllHandlers().Find(service, operation);
  if (!handler) return view360::NotFoundError("not served: " + service + " " + operation);
  auto account = world_.FindAccount(account_id);
  if (!account) return view360::NotFoundError("no account " + account_id);
  Recorder scratch;  // Truth calls are not what clients sent.
  const auto call_with = [&](const nlohmann::json& call_params) {
    ApiCall call{world_,      *account,       region,  service,
                 operation,   call_params,    scratch, "arn:aws:iam::" + account->id + ":root",
                 account->id, &authenticator_};
    return (*handler)(call);
  };
  Reply reply = call_with(params);
  if (!reply.ok()) {
    return Status(StatusCode::kFailedPrecondition, reply.error_message, reply.error_code);
  }
  // A handler that pages itself: follow its tokens and join the pages.
  const aws::Paginator* paginator = ModelOf(service)->FindPaginator(operation);
  nlohmann::json joined = reply.output;
  while (reply.paged && paginator && !paginator->output_tokens.empty() &&
         reply.output.contains(paginator->output_tokens.front())) {
    nlohmann::json next = params;
    next[paginator->input_tokens.front()] = reply.output[paginator->output_tokens.front()];
    reply = call_with(next);
    if (!reply.ok()) {
      return Status(StatusCode::kFailedPrecondition, reply.error_message, reply.error_code);
    }
    for (const auto& key : paginator->result_keys) {
      if (reply.output.contains(key) && joined.contains(key)) {
        for (auto& item : reply.output[key]) joined[key].push_back(item);
      }
    }
  }
  if (paginator && !paginator->output_tokens.empty()) {
    joined.erase(paginator->output_tokens.front());
  }
  return joined;
}

}  // namespace view360::sim
