// The rest-xml protocol (S3): members bound to the URI, query string and headers, XML or raw
// bodies (botocore's RestXMLSerializer and RestXMLParser), with the S3 response handlers boto3
// applies: GetBucketLocation's bare <LocationConstraint>, and ExpiresString beside Expires.
#include <strings.h>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

bool IsBlobOrString(const Member* member) {
  return member != nullptr && (member->ref.shape->type == ShapeType::kBlob ||
                               member->ref.shape->type == ShapeType::kString);
}

void AddNamespace(const ShapeRef& ref, pugi::xml_node node) {
  if (!ref.xml_namespace_uri) return;
  const std::string name =
      ref.xml_namespace_prefix.empty() ? "xmlns" : "xmlns:" + ref.xml_namespace_prefix;
  node.append_attribute(name.c_str()).set_value(ref.xml_namespace_uri->c_str());
}

// botocore's RestXMLSerializer._serialize; `members` limits the top structure when given.
void SerializeXml(pugi::xml_node parent, const ShapeRef& ref, const Json& value,
                  const std::string& name, const std::vector<const Member*>* members) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      pugi::xml_node node = parent.append_child(name.c_str());
      AddNamespace(ref, node);
      std::vector<const Member*> all;
      if (members == nullptr) {
        for (const Member& m : shape.members) all.push_back(&m);
        members = &all;
      }
      for (const Member* member : *members) {
        auto it = value.find(member->name);
        if (it == value.end() || it->is_null()) continue;
        const std::string member_name = member->ref.location_name.value_or(member->name);
        if (member->ref.xml_attribute) {
          node.append_attribute(member_name.c_str()).set_value(TextValue(member->ref, *it).c_str());
          continue;
        }
        SerializeXml(node, member->ref, *it, member_name, nullptr);
      }
      return;
    }
    case ShapeType::kList: {
      std::string element_name;
      pugi::xml_node list_node;
      if (ref.flattened) {
        element_name = name;
        list_node = parent;
      } else {
        element_name = shape.member.location_name.value_or("member");
        list_node = parent.append_child(name.c_str());
      }
      AddNamespace(ref, list_node);
      for (const Json& item : value)
        SerializeXml(list_node, shape.member, item, element_name, nullptr);
      return;
    }
    case ShapeType::kMap: {
      pugi::xml_node node;
      if (!ref.flattened) {
        node = parent.append_child(name.c_str());
        AddNamespace(ref, node);
      }
      const std::string key_name = shape.key.location_name.value_or("key");
      const std::string value_name = shape.value.location_name.value_or("value");
      for (const auto& [key, item] : value.items()) {
        pugi::xml_node entry =
            ref.flattened ? parent.append_child(name.c_str()) : node.append_child("entry");
        SerializeXml(entry, shape.key, Json(key), key_name, nullptr);
        SerializeXml(entry, shape.value, item, value_name, nullptr);
      }
      return;
    }
    default: {
      pugi::xml_node node = parent.append_child(name.c_str());
      node.text().set(TextValue(ref, value).c_str());
      AddNamespace(ref, node);
    }
  }
}

struct StringWriter : pugi::xml_writer {
  std::string* out;
  void write(const void* data, size_t size) override {
    out->append(static_cast<const char*>(data), size);
  }
};

std::string XmlDocument(const ShapeRef& ref, const Json& value, const std::string& root_name,
                        const std::vector<const Member*>* members) {
  pugi::xml_document doc;
  SerializeXml(doc, ref, value, root_name, members);
  std::string out;
  StringWriter writer;
  writer.out = &out;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out;
}

}  // namespace

Status SerializeRestXml(const ServiceModel& /*model*/, const Operation& op, const Json& params,
                        HttpRequest& request) {
  const Member* payload = nullptr;
  VIEW360_ASSIGN_OR_RETURN(std::vector<const Member*> body_members,
                           SerializeRestCommon(op, params, request, &payload));
  request.body.clear();
  if (!op.input) return OkStatus();
  auto param = [&](const Member* m) -> const Json* {
    auto it = params.find(m->name);
    return it == params.end() || it->is_null() ? nullptr : &*it;
  };
  if (IsBlobOrString(payload)) {
    if (const Json* value = param(payload)) request.body = BlobBytes(*value);
  } else if (payload != nullptr) {
    if (const Json* value = param(payload)) {
      request.body = XmlDocument(payload->ref, *value,
                                 payload->ref.location_name.value_or(payload->name), nullptr);
    }
  } else if (!body_members.empty()) {
    request.body = XmlDocument(
        *op.input, params, op.input->location_name.value_or(op.input->shape->name), &body_members);
  }
  return OkStatus();
}

Result<Json> ParseRestXmlResponse(const ServiceModel& model, const Operation& op,
                                  const HttpResponse& response) {
  if (!op.output) return Json::object();
  const Shape& shape = *op.output->shape;
  const bool s3 = model.metadata().service_name == "s3";
  Json result = Json::object();
  ParseErrors errors(op.output_sensitive);

  // S3's Expires (botocore.handlers.handle_expires_header): the raw header is returned as
  // ExpiresString, and an unparseable one is dropped rather than failing the call.
  const Member* expires = shape.FindMember("Expires");
  const bool has_expires = s3 && expires != nullptr && expires->ref.shape->name == "Expires" &&
                           expires->ref.location_name.value_or("") == "Expires";
  std::optional<std::string> expires_header;
  if (has_expires) expires_header = FindHeader(response.headers, "Expires");
  if (expires_header && !ParseTimestampText(*expires_header)) {
    Headers headers = response.headers;
    std::erase_if(headers, [](const auto& h) {
      return h.first.size() == 7 && strncasecmp(h.first.c_str(), "Expires", 7) == 0;
    });
    ParseRestNonPayload(shape, response.status, headers, /*rest_json=*/false, result, errors);
  } else {
    ParseRestNonPayload(shape, response.status, response.headers, /*rest_json=*/false, result,
                        errors);
  }
  if (expires_header) result["ExpiresString"] = *expires_header;

  if (s3 && op.name == "GetBucketLocation") {
    // The body is a bare <LocationConstraint>region</LocationConstraint>, empty for us-east-1.
    XmlBody xml;
    std::string why;
    if (!LoadXml(response.body, xml, why)) return MalformedResponse(model, op, response, why);
    const std::string region = XmlText(xml.root);
    result["LocationConstraint"] = region.empty() ? Json(nullptr) : Json(region);
    return result;
  }

  const Member* payload = shape.payload.empty() ? nullptr : shape.FindMember(shape.payload);
  if (IsBlobOrString(payload)) {
    result[payload->name] = response.body;
  } else if (payload != nullptr || HasBodyMembers(shape)) {
    XmlBody xml;
    std::string why;
    if (response.body.empty() && response.status == 204) return result;
    if (!LoadXml(response.body, xml, why)) return MalformedResponse(model, op, response, why);
    if (payload != nullptr) {
      result[payload->name] = ParseXmlValue(payload->ref, {xml.root}, errors);
    } else {
      result.update(ParseXmlStructure(shape, xml.root, errors));
    }
  }
  if (!errors.ok()) return MalformedResponse(model, op, response, errors.first);
  return result;
}

}  // namespace view360::aws::internal
