// The json protocol (Organizations, Cost Explorer, Config, SSM, KMS, CloudTrail, Secrets
// Manager, ACM, Support, Health, WAFv2, Compute Optimizer, Marketplace Entitlement, SQS): POST /
// with X-Amz-Target: <targetPrefix>.<Operation> and a JSON body both ways (botocore's
// JSONSerializer and JSONParser).
#include "aws/protocol/internal.h"

namespace view360::aws::internal {

Status SerializeJson(const ServiceModel& model, const Operation& op, const Json& params,
                     HttpRequest& request) {
  const ServiceMetadata& md = model.metadata();
  request.method = op.http_method;
  request.path = "/";
  SetHeader(request.headers, "X-Amz-Target", md.target_prefix + "." + op.name);
  SetHeader(request.headers, "Content-Type", "application/x-amz-json-" + md.json_version);
  if (md.aws_query_compatible) SetHeader(request.headers, "x-amzn-query-mode", "true");
  request.body.clear();
  if (op.input && params.is_object()) {
    AppendJsonBody(*op.input, params, request.body);
  } else {
    request.body = "{}";
  }
  return OkStatus();
}

Result<Json> ParseJsonResponse(const ServiceModel& model, const Operation& op,
                               const HttpResponse& response) {
  if (!op.output) return Json::object();
  if (response.body.empty()) {
    if (!HasBodyMembers(*op.output->shape)) return Json::object();
    return MalformedResponse(model, op, response, "empty body where JSON was expected");
  }
  const Json doc = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return MalformedResponse(model, op, response, "invalid JSON");
  if (!doc.is_object()) {
    return MalformedResponse(model, op, response,
                             std::string("expected a JSON object, got ") + doc.type_name());
  }
  ParseErrors errors(op.output_sensitive);
  Json result = ParseJsonValue(*op.output, doc, /*rest_json=*/false, errors);
  if (!errors.ok()) return MalformedResponse(model, op, response, errors.first);
  return result;
}

}  // namespace view360::aws::internal
