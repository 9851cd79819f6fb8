// ParseRequest (aws/server_protocol.h): the parameters of a received request, the inverse of
// SerializeRequest for the five protocols. Scalars are read with the response parsers' rules
// (ParseXmlScalar, ParseJsonValue), which give timestamps in the output format and blobs as
// base64; DecodeBlobs then turns blobs into the raw bytes parameters carry.
#include <cctype>
#include <exception>
#include <set>

#include "aws/protocol/internal.h"
#include "aws/protocol/server_internal.h"
#include "aws/server_protocol.h"

namespace view360::aws {
namespace internal {
namespace {

// A scalar from a form field, URI label or query parameter. A float written as an integer
// ("1234": the caller passed an int) stays an integer, so that SerializeRequest writes it back
// as it came; otherwise the response parsers' rules apply.
Json RequestScalar(const ShapeRef& ref, const std::string& text, ParseErrors& errors) {
  const ShapeType type = ref.shape->type;
  if ((type == ShapeType::kFloat || type == ShapeType::kDouble) && !text.empty() &&
      text.size() < 19) {
    size_t digits = text[0] == '-' ? 1 : 0;
    bool integral = digits < text.size();
    for (size_t i = digits; i < text.size(); ++i)
      integral = integral && std::isdigit(static_cast<unsigned char>(text[i]));
    if (integral) return std::stoll(text);
  }
  return ParseXmlScalar(ref, text, errors);
}

using Form = std::map<std::string, std::string, std::less<>>;

// True when the form has `prefix` itself or a field below it ("prefix.").
bool FormHas(const Form& form, const std::string& prefix) {
  if (form.count(prefix) != 0) return true;
  auto it = form.lower_bound(prefix + ".");
  return it != form.end() && it->first.starts_with(prefix + ".");
}

// The value of shape `ref` under `prefix` (query.cpp's SerializeFormValue backwards); nullopt
// when the form has nothing there.
std::optional<Json> FormValue(const ShapeRef& ref, const std::string& prefix, bool ec2,
                              const Form& form, ParseErrors& errors) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      Json result = Json::object();
      for (const Member& member : shape.members) {
        const std::string name = FormMemberName(member.ref, member.name, ec2);
        std::optional<Json> value =
            FormValue(member.ref, prefix.empty() ? name : prefix + "." + name, ec2, form, errors);
        if (value) result[member.name] = std::move(*value);
      }
      if (result.empty() && !prefix.empty() && !FormHas(form, prefix)) return std::nullopt;
      return result;
    }
    case ShapeType::kList: {
      std::string list_prefix = prefix;
      if (!ec2) {
        auto empty = form.find(prefix);
        if (empty != form.end() && empty->second.empty()) return Json::array();
        if (ref.flattened) {
          if (shape.member.location_name) {
            const size_t dot = prefix.rfind('.');
            list_prefix = (dot == std::string::npos ? "" : prefix.substr(0, dot + 1)) +
                          *shape.member.location_name;
          }
        } else {
          list_prefix = prefix + "." + shape.member.location_name.value_or("member");
        }
      }
      Json list = Json::array();
      for (size_t i = 1;; ++i) {
        const std::string item = list_prefix + "." + std::to_string(i);
        if (!FormHas(form, item)) break;
        std::optional<Json> value = FormValue(shape.member, item, ec2, form, errors);
        list.push_back(value ? std::move(*value) : Json(nullptr));
      }
      if (list.empty()) return std::nullopt;
      return list;
    }
    case ShapeType::kMap: {
      const std::string full_prefix = ref.flattened ? prefix : prefix + ".entry";
      const std::string key_suffix = FormMemberName(shape.key, "key", ec2);
      const std::string value_suffix = FormMemberName(shape.value, "value", ec2);
      Json map = Json::object();
      for (size_t i = 1;; ++i) {
        const std::string entry = full_prefix + "." + std::to_string(i) + ".";
        auto key = form.find(entry + key_suffix);
        if (key == form.end()) break;
        std::optional<Json> value = FormValue(shape.value, entry + value_suffix, ec2, form, errors);
        map[key->second] = value ? std::move(*value) : Json(nullptr);
      }
      if (map.empty()) return std::nullopt;
      return map;
    }
    default: {
      auto it = form.find(prefix);
      if (it == form.end()) return std::nullopt;
      return RequestScalar(ref, it->second, errors);
    }
  }
}

Result<Json> ParseFormRequest(const Operation& op, const HttpRequest& request, bool ec2,
                              ParseErrors& errors) {
  Form form;
  for (auto& [name, value] : DecodeForm(request.body)) form.emplace(name, value);
  for (const auto& [name, value] : request.query) form.emplace(name, value);
  if (!op.input) return Json::object();
  return FormValue(*op.input, "", ec2, form, errors).value_or(Json::object());
}

Result<Json> ParseJsonBody(std::string_view body, std::string_view what) {
  Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgumentError(std::string(what) + " is not valid JSON");
  return doc;
}

bool IsBlobOrString(const Member* member) {
  return member != nullptr && (member->ref.shape->type == ShapeType::kBlob ||
                               member->ref.shape->type == ShapeType::kString);
}

Result<Json> ParseRestRequest(const Operation& op, const HttpRequest& request, bool rest_json,
                              ParseErrors& errors) {
  Json result = Json::object();
  if (!op.input) return result;
  const Shape& shape = *op.input->shape;
  UriLabels labels;
  if (!MatchRequestUri(op, request, labels)) {
    return InvalidArgumentError(request.method + " " + request.path + " does not match " + op.name +
                                "'s " + op.request_uri);
  }
  // Query names that belong to a member or to the template ("?tagging"); the rest go to a
  // querystring map member, if the input has one.
  std::set<std::string, std::less<>> claimed;
  const size_t question = op.request_uri.find('?');
  if (question != std::string::npos) {
    std::string_view rest = std::string_view(op.request_uri).substr(question + 1);
    while (!rest.empty()) {
      const size_t amp = rest.find('&');
      const std::string_view part = rest.substr(0, amp);
      claimed.insert(std::string(part.substr(0, part.find('='))));
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  for (const Member& member : shape.members) {
    if (member.ref.location == Location::kQueryString &&
        member.ref.shape->type != ShapeType::kMap) {
      claimed.insert(member.ref.location_name.value_or(member.name));
    }
  }
  for (const Member& member : shape.members) {
    const ShapeRef& ref = member.ref;
    const std::string name = ref.location_name.value_or(member.name);
    if (ref.location == Location::kUri) {
      auto it = labels.find(name);
      if (it != labels.end()) result[member.name] = RequestScalar(ref, it->second, errors);
    } else if (ref.location == Location::kQueryString) {
      if (ref.shape->type == ShapeType::kMap) {
        Json map = Json::object();
        const bool multi = ref.shape->value.shape->type == ShapeType::kList;
        for (const auto& [key, value] : request.query) {
          if (claimed.count(key) != 0) continue;
          if (multi) {
            map[key].push_back(value);
          } else {
            map[key] = value;
          }
        }
        if (!map.empty()) result[member.name] = std::move(map);
      } else if (ref.shape->type == ShapeType::kList) {
        Json list = Json::array();
        for (const auto& [key, value] : request.query) {
          if (key == name) list.push_back(RequestScalar(ref.shape->member, value, errors));
        }
        if (!list.empty()) result[member.name] = std::move(list);
      } else {
        for (const auto& [key, value] : request.query) {
          if (key == name) {
            result[member.name] = RequestScalar(ref, value, errors);
            break;
          }
        }
      }
    }
  }
  Json headers = Json::object();
  ParseRestNonPayload(shape, 200, request.headers, rest_json, headers, errors);
  for (const Member& member : shape.members) {
    if (member.ref.location == Location::kHeaders && headers.contains(member.name) &&
        headers[member.name].empty()) {
      headers.erase(member.name);  // The parser always makes the map; a request may have none.
    }
  }
  result.update(headers);

  const Member* payload = shape.payload.empty() ? nullptr : shape.FindMember(shape.payload);
  if (IsBlobOrString(payload)) {
    // The raw body: a blob is base64 here so that DecodeBlobs below gives the bytes back.
    if (!request.body.empty()) {
      result[payload->name] = payload->ref.shape->type == ShapeType::kBlob
                                  ? Json(Base64Encode(request.body))
                                  : Json(request.body);
    }
  } else if (!request.body.empty()) {
    if (rest_json) {
      VIEW360_ASSIGN_OR_RETURN(Json doc, ParseJsonBody(request.body, "the request body"));
      if (payload != nullptr) {
        result[payload->name] = ParseJsonValue(payload->ref, doc, true, errors);
      } else {
        Json body = ParseJsonValue(*op.input, doc, true, errors);
        if (body.is_object()) result.update(body);
      }
    } else {
      XmlBody xml;
      std::string why;
      if (!LoadXml(request.body, xml, why)) {
        return InvalidArgumentError("the request body is not XML: " + why);
      }
      if (payload != nullptr) {
        result[payload->name] = ParseXmlValue(payload->ref, {xml.root}, errors);
      } else {
        Json body = ParseXmlStructure(shape, xml.root, errors);
        for (const Member& member : shape.members) {
          if (member.ref.location == Location::kBody && body.contains(member.name)) {
            result[member.name] = body[member.name];
          }
        }
      }
    }
  }
  return result;
}

}  // namespace

}  // namespace internal

Result<nlohmann::json> ParseRequest(const ServiceModel& model, std::string_view operation,
                                    const HttpRequest& request) {
  const Operation* op = model.FindOperation(operation);
  if (op == nullptr) {
    return NotFoundError("the " + model.metadata().service_name + " model has no operation " +
                         std::string(operation));
  }
  const std::string what = model.metadata().service_name + " " + op->name + " request";
  try {
    internal::ParseErrors errors;
    internal::Json params;
    switch (model.metadata().protocol) {
      case Protocol::kQuery:
      case Protocol::kEc2: {
        VIEW360_ASSIGN_OR_RETURN(
            params, internal::ParseFormRequest(
                        *op, request, model.metadata().protocol == Protocol::kEc2, errors));
        break;
      }
      case Protocol::kJson: {
        params = internal::Json::object();
        if (op->input && !request.body.empty()) {
          VIEW360_ASSIGN_OR_RETURN(internal::Json doc,
                                   internal::ParseJsonBody(request.body, "the " + what + " body"));
          params = internal::ParseJsonValue(*op->input, doc, /*rest_json=*/false, errors);
        }
        break;
      }
      case Protocol::kRestJson:
      case Protocol::kRestXml: {
        VIEW360_ASSIGN_OR_RETURN(
            params, internal::ParseRestRequest(
                        *op, request, model.metadata().protocol == Protocol::kRestJson, errors));
        break;
      }
    }
    if (!errors.ok()) return InvalidArgumentError("malformed " + what + ": " + errors.first);
    if (!params.is_object()) return InvalidArgumentError("the " + what + " is not an object");
    if (!op->input) return params;
    std::string where;
    std::optional<internal::Json> decoded = internal::DecodeBlobs(*op->input, params, where);
    if (!decoded)
      return InvalidArgumentError("malformed " + what + ": " + where + " is not base64");
    // What AWS rejects before the operation runs: unknown, missing required and wrongly typed
    // members (botocore's ParamValidator, which the client direction applies too).
    VIEW360_RETURN_IF_ERROR(internal::ValidateParams(model, *op, *decoded));
    return std::move(*decoded);
  } catch (const std::exception& e) {
    return InvalidArgumentError("malformed " + what + ": " + e.what());
  }
}

}  // namespace view360::aws
