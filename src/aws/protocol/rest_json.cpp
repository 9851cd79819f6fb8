// The rest-json protocol (Security Hub, GuardDuty, Account, Resilience Hub, Inspector2, Lambda,
// Application Signals, Savings Plans): members bound to the URI, query string and headers, the
// rest in a JSON body (botocore's RestJSONSerializer and RestJSONParser).
#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

bool IsBlobOrString(const Member* member) {
  return member != nullptr && (member->ref.shape->type == ShapeType::kBlob ||
                               member->ref.shape->type == ShapeType::kString);
}

}  // namespace

Status SerializeRestJson(const ServiceModel& /*model*/, const Operation& op, const Json& params,
                         HttpRequest& request) {
  const Member* payload = nullptr;
  VIEW360_ASSIGN_OR_RETURN(std::vector<const Member*> body_members,
                           SerializeRestCommon(op, params, request, &payload));
  request.body.clear();
  if (!op.input) return OkStatus();
  const Shape& shape = *op.input->shape;
  auto param = [&](const Member* m) -> const Json* {
    auto it = params.find(m->name);
    return it == params.end() || it->is_null() ? nullptr : &*it;
  };
  if (IsBlobOrString(payload)) {
    // A streaming payload is the body itself, without a Content-Type of ours.
    if (const Json* value = param(payload)) request.body = BlobBytes(*value);
    return OkStatus();
  }
  if (payload != nullptr) {
    if (const Json* value = param(payload)) {
      AppendJsonBody(payload->ref, *value, request.body);
    } else {
      request.body = "{}";
    }
  } else if (!body_members.empty()) {
    AppendJsonStructure(params, body_members, request.body);
  } else if (HasBodyMembers(shape)) {
    request.body = "{}";  // botocore sends {} whenever the input has body members.
  }
  if (!request.body.empty() && !FindHeader(request.headers, "Content-Type")) {
    SetHeader(request.headers, "Content-Type", "application/json");
  }
  return OkStatus();
}

Result<Json> ParseRestJsonResponse(const ServiceModel& model, const Operation& op,
                                   const HttpResponse& response) {
  if (!op.output) return Json::object();
  const Shape& shape = *op.output->shape;
  Json result = Json::object();
  ParseErrors errors(op.output_sensitive);
  ParseRestNonPayload(shape, response.status, response.headers, /*rest_json=*/true, result, errors);
  const Member* payload = shape.payload.empty() ? nullptr : shape.FindMember(shape.payload);
  if (IsBlobOrString(payload)) {
    result[payload->name] = response.body;
  } else if (payload != nullptr || HasBodyMembers(shape)) {
    Json doc = Json::object();
    if (!response.body.empty()) {
      doc = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
      if (doc.is_discarded()) return MalformedResponse(model, op, response, "invalid JSON");
    } else if (response.status != 204) {
      return MalformedResponse(model, op, response, "empty body where JSON was expected");
    }
    if (payload != nullptr) {
      result[payload->name] = ParseJsonValue(payload->ref, doc, /*rest_json=*/true, errors);
    } else {
      if (!doc.is_object()) {
        return MalformedResponse(model, op, response,
                                 std::string("expected a JSON object, got ") + doc.type_name());
      }
      Json body = ParseJsonValue(*op.output, doc, /*rest_json=*/true, errors);
      if (body.is_object()) result.update(body);
    }
  }
  if (!errors.ok()) return MalformedResponse(model, op, response, errors.first);
  return result;
}

}  // namespace view360::aws::internal
