// The query protocol (STS, IAM, RDS, ELBv2, Auto Scaling, SNS, CloudWatch): form-encoded POST
// bodies with Action and Version, XML responses wrapped in <OperationResult>
// (botocore's QuerySerializer and QueryParser). The form flattening is shared with ec2.
#include <cctype>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {}  // namespace

// The name a value travels under: query uses locationName; ec2 uses queryName, else the
// locationName with its first letter capitalised (botocore's EC2Serializer).
std::string FormMemberName(const ShapeRef& ref, const std::string& default_name, bool ec2) {
  if (ec2) {
    if (ref.query_name) return *ref.query_name;
    if (ref.location_name && !ref.location_name->empty()) {
      std::string name = *ref.location_name;
      name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
      return name;
    }
    return default_name;
  }
  return ref.location_name.value_or(default_name);
}

void SerializeFormValue(const ShapeRef& ref, const Json& value, const std::string& prefix, bool ec2,
                        Pairs& out) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      for (const Member& member : shape.members) {
        auto it = value.find(member.name);
        if (it == value.end() || it->is_null()) continue;
        const std::string name = FormMemberName(member.ref, member.name, ec2);
        SerializeFormValue(member.ref, *it, prefix.empty() ? name : prefix + "." + name, ec2, out);
      }
      return;
    case ShapeType::kList: {
      if (ec2) {
        // ec2 lists: Name.1, Name.2, ...; an empty list sends nothing.
        for (size_t i = 0; i < value.size(); ++i) {
          SerializeFormValue(shape.member, value[i], prefix + "." + std::to_string(i + 1), ec2,
                             out);
        }
        return;
      }
      if (value.empty()) {
        out.emplace_back(prefix, "");  // The query protocol sends an empty list as "Name=".
        return;
      }
      std::string list_prefix;
      if (ref.flattened) {
        list_prefix = prefix;
        if (shape.member.location_name) {
          // Replace the last segment ("Original") with the member's name.
          const size_t dot = prefix.rfind('.');
          list_prefix = (dot == std::string::npos ? "" : prefix.substr(0, dot + 1)) +
                        *shape.member.location_name;
        }
      } else {
        list_prefix = prefix + "." + shape.member.location_name.value_or("member");
      }
      for (size_t i = 0; i < value.size(); ++i) {
        SerializeFormValue(shape.member, value[i], list_prefix + "." + std::to_string(i + 1), ec2,
                           out);
      }
      return;
    }
    case ShapeType::kMap: {
      const std::string full_prefix = ref.flattened ? prefix : prefix + ".entry";
      const std::string key_suffix = FormMemberName(shape.key, "key", ec2);
      const std::string value_suffix = FormMemberName(shape.value, "value", ec2);
      size_t i = 1;
      for (const auto& [key, item] : value.items()) {
        const std::string entry = full_prefix + "." + std::to_string(i++) + ".";
        SerializeFormValue(shape.key, Json(key), entry + key_suffix, ec2, out);
        SerializeFormValue(shape.value, item, entry + value_suffix, ec2, out);
      }
      return;
    }
    default:
      out.emplace_back(prefix, TextValue(ref, value));
  }
}

std::string EncodeForm(const Pairs& pairs) {
  std::string body;
  for (const auto& [name, value] : pairs) {
    if (!body.empty()) body += '&';
    body += FormUrlEncode(name);
    body += '=';
    body += FormUrlEncode(value);
  }
  return body;
}

namespace {

Status SerializeForm(const ServiceModel& model, const Operation& op, const Json& params, bool ec2,
                     HttpRequest& request) {
  request.method = op.http_method;
  request.path = "/";
  SetHeader(request.headers, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  Pairs pairs = {{"Action", op.name}, {"Version", model.metadata().api_version}};
  if (op.input && params.is_object()) SerializeFormValue(*op.input, params, "", ec2, pairs);
  request.body = EncodeForm(pairs);
  return OkStatus();
}

}  // namespace

Status SerializeQuery(const ServiceModel& model, const Operation& op, const Json& params,
                      HttpRequest& request) {
  return SerializeForm(model, op, params, /*ec2=*/false, request);
}

Status SerializeEc2(const ServiceModel& model, const Operation& op, const Json& params,
                    HttpRequest& request) {
  return SerializeForm(model, op, params, /*ec2=*/true, request);
}

Result<Json> ParseQueryResponse(const ServiceModel& model, const Operation& op,
                                const HttpResponse& response) {
  if (!op.output) return Json::object();
  XmlBody xml;
  std::string why;
  if (!LoadXml(response.body, xml, why)) return MalformedResponse(model, op, response, why);
  pugi::xml_node start = xml.root;
  if (op.output->result_wrapper) {
    start = {};
    for (pugi::xml_node child = xml.root.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element &&
          LocalName(child.name()) == *op.output->result_wrapper) {
        start = child;
        break;
      }
    }
    if (!start) {
      return MalformedResponse(
          model, op, response,
          "no <" + *op.output->result_wrapper + "> in <" + std::string(xml.root.name()) + ">");
    }
  }
  ParseErrors errors(op.output_sensitive);
  Json result = ParseXmlStructure(*op.output->shape, start, errors);
  if (!errors.ok()) return MalformedResponse(model, op, response, errors.first);
  return result;
}

}  // namespace view360::aws::internal
