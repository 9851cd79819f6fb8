// SerializeResponse and SerializeError (aws/server_protocol.h): the responses AWS sends, for the
// five protocols. The XML members, header-bound members and payloads are written by the client
// direction's request serializers (SerializeRestCommon, SerializeRestXml) applied to the output
// shape: an output is written on the wire by the same rules as an input (botocore's parsers read
// both alike). JSON bodies differ (timestamps keep their fraction), so they are written here.
#include <cmath>
#include <exception>

#include "aws/protocol/internal.h"
#include "aws/protocol/server_internal.h"
#include "aws/server_protocol.h"

namespace view360::aws {
namespace internal {
namespace {

// S3's namespace, which AWS sends on every S3 document; the trimmed S3 model carries none.
constexpr char kS3Namespace[] = "http://s3.amazonaws.com/doc/2006-03-01/";

struct StringWriter : pugi::xml_writer {
  std::string* out;
  void write(const void* data, size_t size) override {
    out->append(static_cast<const char*>(data), size);
  }
};

std::string SaveXml(const pugi::xml_document& doc, bool declaration) {
  std::string out;
  StringWriter writer;
  writer.out = &out;
  unsigned flags = pugi::format_raw;
  if (!declaration) flags |= pugi::format_no_declaration;
  doc.save(writer, "", flags, pugi::encoding_utf8);
  return out;
}

// A JSON value on the wire (botocore's JSON parsers read it back): members under their
// locationName, timestamps as epoch seconds with their fraction, blobs base64.
Json JsonWire(const ShapeRef& ref, const Json& value) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.document) return value;
      Json out = Json::object();
      for (const Member& member : shape.members) {
        if (member.ref.location != Location::kBody) continue;
        auto it = value.find(member.name);
        if (it == value.end() || it->is_null()) continue;
        out[member.ref.location_name.value_or(member.name)] = JsonWire(member.ref, *it);
      }
      return out;
    }
    case ShapeType::kList: {
      Json out = Json::array();
      for (const Json& item : value) out.push_back(JsonWire(shape.member, item));
      return out;
    }
    case ShapeType::kMap: {
      Json out = Json::object();
      for (const auto& [key, item] : value.items()) out[key] = JsonWire(shape.value, item);
      return out;
    }
    case ShapeType::kTimestamp: {
      const Timestamp t = ParseTimestampParam(value).value_or(Timestamp{});
      switch (ref.timestamp_format) {
        case TimestampFormat::kIso8601:
          return FormatIso8601(t);
        case TimestampFormat::kRfc822:
          return FormatRfc822(t);
        default:
          if (t.micros == 0) return t.seconds;
          return static_cast<double>(t.seconds) + t.micros / 1e6;
      }
    }
    case ShapeType::kBlob:
      return Base64Encode(BlobBytes(value));
    default:
      return value;
  }
}

std::string JsonText(const Json& wire) {
  std::string out;
  AppendPythonJson(wire, out);
  return out;
}

bool IsBlobOrString(const Member* member) {
  return member != nullptr && (member->ref.shape->type == ShapeType::kBlob ||
                               member->ref.shape->type == ShapeType::kString);
}

// An operation whose input is `output`: the request serializers then write the output's
// header-bound members and XML body.
Operation OutputAsInput(const Operation& op, const ShapeRef& output) {
  Operation fake;
  fake.name = op.name;
  fake.http_method = "POST";
  fake.request_uri = "/";
  fake.input = output;
  return fake;
}

// The XML elements of `output` in an element named `root` (no document when nothing is set).
Result<std::string> XmlMembers(const ServiceModel& model, const Operation& op,
                               const ShapeRef& output, const std::string& root, const Json& params,
                               HttpRequest& wire) {
  ShapeRef ref = output;
  ref.location_name = root;
  VIEW360_RETURN_IF_ERROR(SerializeRestXml(model, OutputAsInput(op, ref), params, wire));
  return wire.body;
}

// `inner`'s root element's children appended to `parent`.
Status AppendChildrenOf(const std::string& inner, pugi::xml_node parent) {
  if (inner.empty()) return OkStatus();
  pugi::xml_document doc;
  if (!doc.load_buffer(inner.data(), inner.size(), pugi::parse_default, pugi::encoding_utf8)) {
    return InternalError("serialised XML does not parse");
  }
  for (pugi::xml_node child = doc.document_element().first_child(); child;
       child = child.next_sibling()) {
    parent.append_copy(child);
  }
  return OkStatus();
}

Status SerializeQueryOutput(const ServiceModel& model, const Operation& op, const Json& params,
                            std::string_view request_id, HttpResponse& response) {
  const bool ec2 = model.metadata().protocol == Protocol::kEc2;
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child((op.name + "Response").c_str());
  if (!model.metadata().xml_namespace.empty()) {
    root.append_attribute("xmlns").set_value(model.metadata().xml_namespace.c_str());
  }
  if (ec2) root.append_child("requestId").text().set(std::string(request_id).c_str());
  if (op.output) {
    HttpRequest wire;
    if (ec2) {
      VIEW360_ASSIGN_OR_RETURN(std::string inner,
                               XmlMembers(model, op, *op.output, "Body", params, wire));
      VIEW360_RETURN_IF_ERROR(AppendChildrenOf(inner, root));
    } else if (op.output->result_wrapper) {
      pugi::xml_node result = root.append_child(op.output->result_wrapper->c_str());
      VIEW360_ASSIGN_OR_RETURN(std::string inner,
                               XmlMembers(model, op, *op.output, "Body", params, wire));
      VIEW360_RETURN_IF_ERROR(AppendChildrenOf(inner, result));
    }
  }
  if (!ec2) {
    root.append_child("ResponseMetadata")
        .append_child("RequestId")
        .text()
        .set(std::string(request_id).c_str());
  }
  response.body = SaveXml(doc, /*declaration=*/ec2);
  SetHeader(response.headers, "Content-Type", "text/xml");
  return OkStatus();
}

Status SerializeRestOutput(const ServiceModel& model, const Operation& op, const Json& params,
                           HttpResponse& response) {
  const bool rest_json = model.metadata().protocol == Protocol::kRestJson;
  if (!op.output) {
    if (rest_json) response.body = "{}";
    return OkStatus();
  }
  const Shape& shape = *op.output->shape;
  for (const Member& member : shape.members) {
    auto it = params.find(member.name);
    if (member.ref.location == Location::kStatusCode && it != params.end() &&
        it->is_number_integer()) {
      response.status = it->get<int>();
    }
  }
  ShapeRef output = *op.output;
  if (!rest_json && !output.xml_namespace_uri) {
    output.xml_namespace_uri = model.metadata().xml_namespace.empty()
                                   ? std::string(kS3Namespace)
                                   : model.metadata().xml_namespace;
  }
  const Operation fake = OutputAsInput(op, output);
  HttpRequest wire;
  const Member* payload = nullptr;
  if (rest_json) {
    VIEW360_ASSIGN_OR_RETURN(std::vector<const Member*> body_members,
                             SerializeRestCommon(fake, params, wire, &payload));
    auto param = [&](const Member* m) -> const Json* {
      auto it = params.find(m->name);
      return it == params.end() || it->is_null() ? nullptr : &*it;
    };
    if (IsBlobOrString(payload)) {
      if (const Json* value = param(payload)) wire.body = BlobBytes(*value);
    } else if (payload != nullptr) {
      const Json* value = param(payload);
      wire.body = value ? JsonText(JsonWire(payload->ref, *value)) : "{}";
    } else if (HasBodyMembers(shape)) {
      wire.body = JsonText(JsonWire(output, params));
    }
    SetHeader(wire.headers, "Content-Type",
              IsBlobOrString(payload) ? "application/octet-stream" : "application/json");
  } else if (model.metadata().service_name == "s3" && op.name == "GetBucketLocation") {
    // A bare <LocationConstraint>, empty for us-east-1 (botocore's parse_get_bucket_location).
    pugi::xml_document doc;
    pugi::xml_node node = doc.append_child("LocationConstraint");
    node.append_attribute("xmlns").set_value(output.xml_namespace_uri->c_str());
    auto it = params.find("LocationConstraint");
    if (it != params.end() && it->is_string()) node.text().set(it->get<std::string>().c_str());
    wire.body = SaveXml(doc, /*declaration=*/true);
    SetHeader(wire.headers, "Content-Type", "application/xml");
  } else {
    VIEW360_RETURN_IF_ERROR(SerializeRestXml(model, fake, params, wire));
    payload = shape.payload.empty() ? nullptr : shape.FindMember(shape.payload);
    if (!IsBlobOrString(payload) && !wire.body.empty()) {
      wire.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + wire.body;
      SetHeader(wire.headers, "Content-Type", "application/xml");
    }
  }
  // boto3 returns S3's raw Expires header as ExpiresString (and drops an unparseable Expires):
  // the raw text is what goes back on the wire.
  auto expires_string = params.find("ExpiresString");
  if (!rest_json && model.metadata().service_name == "s3" && expires_string != params.end() &&
      expires_string->is_string() && shape.FindMember("Expires") != nullptr) {
    SetHeader(wire.headers, "Expires", expires_string->get<std::string>());
  }
  for (auto& [name, value] : wire.headers) response.headers.emplace_back(name, value);
  response.body = std::move(wire.body);
  return OkStatus();
}

}  // namespace
}  // namespace internal

Result<HttpResponse> SerializeResponse(const ServiceModel& model, std::string_view operation,
                                       const nlohmann::json& output, std::string_view request_id) {
  using internal::Json;
  const Operation* op = model.FindOperation(operation);
  if (op == nullptr) {
    return NotFoundError("the " + model.metadata().service_name + " model has no operation " +
                         std::string(operation));
  }
  const std::string what = model.metadata().service_name + " " + op->name + " output";
  if (!output.is_object() && !output.is_null()) {
    return InvalidArgumentError("the " + what + " is not an object");
  }
  try {
    Json params = output.is_object() ? output : Json::object();
    if (op->output) {
      // Blobs arrive base64 (the output convention); the serializers take raw bytes. A blob
      // payload (S3 GetObject's Body) is the raw body already.
      const Shape& shape = *op->output->shape;
      const Member* payload = shape.payload.empty() ? nullptr : shape.FindMember(shape.payload);
      Json raw_payload;
      if (payload != nullptr && payload->ref.shape->type == ShapeType::kBlob &&
          params.contains(payload->name)) {
        raw_payload = params[payload->name];
        params.erase(payload->name);
      }
      std::string where;
      std::optional<Json> decoded = internal::DecodeBlobs(*op->output, params, where);
      if (!decoded) return InvalidArgumentError("the " + what + ": " + where + " is not base64");
      params = std::move(*decoded);
      if (!raw_payload.is_null()) params[payload->name] = std::move(raw_payload);
    }

    HttpResponse response;
    response.status = op->response_code;
    switch (model.metadata().protocol) {
      case Protocol::kQuery:
      case Protocol::kEc2:
        VIEW360_RETURN_IF_ERROR(
            internal::SerializeQueryOutput(model, *op, params, request_id, response));
        break;
      case Protocol::kJson:
        response.body = op->output ? internal::JsonText(internal::JsonWire(*op->output, params))
                                   : std::string("{}");
        SetHeader(response.headers, "Content-Type",
                  "application/x-amz-json-" + model.metadata().json_version);
        break;
      case Protocol::kRestJson:
      case Protocol::kRestXml:
        VIEW360_RETURN_IF_ERROR(internal::SerializeRestOutput(model, *op, params, response));
        break;
    }
    if (model.metadata().protocol == Protocol::kRestXml) {
      SetHeader(response.headers, "x-amz-request-id", std::string(request_id));
    } else {
      SetHeader(response.headers, "x-amzn-RequestId", std::string(request_id));
    }
    // A ContentLength member (S3 HeadObject's) is the object's size, not this body's.
    if (!FindHeader(response.headers, "Content-Length")) {
      response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
    }
    return response;
  } catch (const std::exception& e) {
    return InvalidArgumentError("cannot serialise the " + what + ": " + e.what());
  }
}

HttpResponse SerializeError(const ServiceModel& model, int http_status, std::string_view code,
                            std::string_view message, std::string_view request_id) {
  using internal::Json;
  const ServiceMetadata& md = model.metadata();
  const std::string code_text(code);
  const std::string message_text(message);
  const std::string id(request_id);
  HttpResponse response;
  response.status = http_status;
  const char* type = http_status >= 500 ? "Receiver" : "Sender";
  pugi::xml_document doc;
  switch (md.protocol) {
    case Protocol::kQuery: {
      pugi::xml_node root = doc.append_child("ErrorResponse");
      if (!md.xml_namespace.empty()) {
        root.append_attribute("xmlns").set_value(md.xml_namespace.c_str());
      }
      pugi::xml_node error = root.append_child("Error");
      error.append_child("Type").text().set(type);
      error.append_child("Code").text().set(code_text.c_str());
      error.append_child("Message").text().set(message_text.c_str());
      root.append_child("RequestId").text().set(id.c_str());
      response.body = internal::SaveXml(doc, /*declaration=*/false);
      SetHeader(response.headers, "Content-Type", "text/xml");
      SetHeader(response.headers, "x-amzn-RequestId", id);
      break;
    }
    case Protocol::kEc2: {
      pugi::xml_node root = doc.append_child("Response");
      pugi::xml_node error = root.append_child("Errors").append_child("Error");
      error.append_child("Code").text().set(code_text.c_str());
      error.append_child("Message").text().set(message_text.c_str());
      root.append_child("RequestID").text().set(id.c_str());
      response.body = internal::SaveXml(doc, /*declaration=*/true);
      SetHeader(response.headers, "Content-Type", "text/xml;charset=UTF-8");
      break;
    }
    case Protocol::kJson: {
      // botocore's JSON error parser strips a "prefix#"; services send the bare code too.
      response.body = internal::JsonText(Json{{"__type", code_text}, {"message", message_text}});
      SetHeader(response.headers, "Content-Type", "application/x-amz-json-" + md.json_version);
      SetHeader(response.headers, "x-amzn-RequestId", id);
      if (md.aws_query_compatible) {
        SetHeader(response.headers, "x-amzn-query-error", code_text + ";" + type);
      }
      break;
    }
    case Protocol::kRestJson: {
      response.body = internal::JsonText(Json{{"message", message_text}});
      SetHeader(response.headers, "Content-Type", "application/json");
      SetHeader(response.headers, "x-amzn-ErrorType", code_text);
      SetHeader(response.headers, "x-amzn-RequestId", id);
      break;
    }
    case Protocol::kRestXml: {
      pugi::xml_node root = doc.append_child("Error");
      root.append_child("Code").text().set(code_text.c_str());
      root.append_child("Message").text().set(message_text.c_str());
      root.append_child("RequestId").text().set(id.c_str());
      response.body = internal::SaveXml(doc, /*declaration=*/true);
      SetHeader(response.headers, "Content-Type", "application/xml");
      SetHeader(response.headers, "x-amz-request-id", id);
      break;
    }
  }
  response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
  return response;
}

}  // namespace view360::aws
