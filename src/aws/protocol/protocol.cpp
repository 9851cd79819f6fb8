// SerializeRequest and ParseResponse: the entry points of aws/protocol.h, dispatching to the
// protocol of the model. No exception leaves these functions.
#include <exception>

#include "aws/protocol/internal.h"

namespace view360::aws {

using internal::Json;

Result<HttpRequest> SerializeRequest(const ServiceModel& model, std::string_view operation,
                                     const nlohmann::json& params) {
  const Operation* op = model.FindOperation(operation);
  if (op == nullptr) {
    return NotFoundError("the " + model.metadata().service_name + " model has no operation " +
                         std::string(operation));
  }
  try {
    // Idempotency tokens the caller left out are filled in (botocore's generate_idempotent_uuid).
    const Json* effective = &params;
    Json filled;
    if (op->input) {
      for (const Member& member : op->input->shape->members) {
        if (!member.ref.idempotency_token) continue;
        const bool present =
            params.is_object() && params.contains(member.name) && !params.at(member.name).is_null();
        if (present) continue;
        if (effective == &params) {
          filled = params.is_object() ? params : Json::object();
          effective = &filled;
        }
        filled[member.name] = internal::NewUuid4();
      }
    }
    VIEW360_RETURN_IF_ERROR(internal::ValidateParams(model, *op, *effective));
    const Json empty = Json::object();
    const Json& p = effective->is_object() ? *effective : empty;

    HttpRequest request;
    switch (model.metadata().protocol) {
      case Protocol::kQuery:
        VIEW360_RETURN_IF_ERROR(internal::SerializeQuery(model, *op, p, request));
        break;
      case Protocol::kEc2:
        VIEW360_RETURN_IF_ERROR(internal::SerializeEc2(model, *op, p, request));
        break;
      case Protocol::kJson:
        VIEW360_RETURN_IF_ERROR(internal::SerializeJson(model, *op, p, request));
        break;
      case Protocol::kRestJson:
        VIEW360_RETURN_IF_ERROR(internal::SerializeRestJson(model, *op, p, request));
        break;
      case Protocol::kRestXml:
        VIEW360_RETURN_IF_ERROR(internal::SerializeRestXml(model, *op, p, request));
        break;
    }
    return request;
  } catch (const std::exception& e) {
    return InternalError("serializing " + model.metadata().service_name + " " + op->name +
                         " failed: " + e.what());
  }
}

Result<nlohmann::json> ParseResponse(const ServiceModel& model, std::string_view operation,
                                     const HttpResponse& response) {
  const Operation* op = model.FindOperation(operation);
  if (op == nullptr) {
    return NotFoundError("the " + model.metadata().service_name + " model has no operation " +
                         std::string(operation));
  }
  try {
    if (IsErrorResponse(model, operation, response)) {
      VIEW360_ASSIGN_OR_RETURN(AwsError error, ParseError(model, operation, response));
      return error.ToStatus(model.metadata().service_name, op->name);
    }
    if (internal::LooksLikeHtml(response.body)) {
      // A blob payload may legitimately be HTML (S3 GetObject of a web page).
      const Shape* output = op->output ? op->output->shape : nullptr;
      const Member* payload =
          output && !output->payload.empty() ? output->FindMember(output->payload) : nullptr;
      const bool raw_payload = payload && (payload->ref.shape->type == ShapeType::kBlob ||
                                           payload->ref.shape->type == ShapeType::kString);
      if (!raw_payload) return internal::HtmlResponse(model, *op, response);
    }
    switch (model.metadata().protocol) {
      case Protocol::kQuery:
        return internal::ParseQueryResponse(model, *op, response);
      case Protocol::kEc2:
        return internal::ParseEc2Response(model, *op, response);
      case Protocol::kJson:
        return internal::ParseJsonResponse(model, *op, response);
      case Protocol::kRestJson:
        return internal::ParseRestJsonResponse(model, *op, response);
      case Protocol::kRestXml:
        return internal::ParseRestXmlResponse(model, *op, response);
    }
    return InternalError("unknown protocol");
  } catch (const std::exception& e) {
    return internal::MalformedResponse(model, *op, response, e.what());
  }
}

}  // namespace view360::aws
