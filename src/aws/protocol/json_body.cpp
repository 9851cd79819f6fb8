// JSON bodies of the json and rest-json protocols, both directions (botocore's JSONSerializer
// and BaseJSONParser/RestJSONParser).
#include <cctype>
#include <cmath>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

// A JSON value as text for a message: strings as they are, the rest as JSON.
std::string Text(const Json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool Present(const Json& object, const std::string& key) {
  auto it = object.find(key);
  return it != object.end() && !it->is_null();
}

}  // namespace

void AppendJsonStructure(const Json& value, const std::vector<const Member*>& members,
                         std::string& out) {
  out += '{';
  bool first = true;
  for (const Member* member : members) {
    if (!Present(value, member->name)) continue;
    if (!first) out += ", ";
    first = false;
    AppendPythonJsonString(member->ref.location_name.value_or(member->name), out);
    out += ": ";
    AppendJsonBody(member->ref, value.at(member->name), out);
  }
  out += '}';
}

void AppendJsonBody(const ShapeRef& ref, const Json& value, std::string& out) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.document) return AppendPythonJson(value, out);
      std::vector<const Member*> members;
      for (const Member& m : shape.members) members.push_back(&m);
      return AppendJsonStructure(value, members, out);
    }
    case ShapeType::kList: {
      out += '[';
      bool first = true;
      for (const Json& item : value) {
        if (!first) out += ", ";
        first = false;
        AppendJsonBody(shape.member, item, out);
      }
      out += ']';
      return;
    }
    case ShapeType::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonJsonString(key, out);
        out += ": ";
        AppendJsonBody(shape.value, item, out);
      }
      out += '}';
      return;
    }
    case ShapeType::kTimestamp: {
      const Timestamp t = ParseTimestampParam(value).value_or(Timestamp{});
      switch (ref.timestamp_format) {
        case TimestampFormat::kIso8601:
          return AppendPythonJsonString(FormatIso8601(t), out);
        case TimestampFormat::kRfc822:
          return AppendPythonJsonString(FormatRfc822(t), out);
        default:
          out += std::to_string(FormatUnix(t));
          return;
      }
    }
    case ShapeType::kBlob:
      return AppendPythonJsonString(Base64Encode(BlobBytes(value)), out);
    default:
      return AppendPythonJson(value, out);
  }
}

Json ParseJsonValue(const ShapeRef& ref, const Json& value, bool rest_json, ParseErrors& errors) {
  if (value.is_null()) return nullptr;
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.document) return value;
      if (!value.is_object()) {
        errors.Add("expected an object for " + shape.name + ", got " + value.type_name());
        return nullptr;
      }
      if (shape.is_union) {
        // botocore: exactly one member set; an unknown one is reported, not parsed.
        std::vector<std::string> set;
        for (const auto& [key, item] : value.items()) {
          if (key != "__type" && !item.is_null()) set.push_back(key);
        }
        if (set.size() != 1) {
          errors.Add("union " + shape.name + " has " + std::to_string(set.size()) +
                     " members set, expected one");
          return nullptr;
        }
        bool known = false;
        for (const Member& m : shape.members) {
          if (m.ref.location_name.value_or(m.name) == set.front()) known = true;
        }
        if (!known) return Json{{"SDK_UNKNOWN_MEMBER", {{"name", set.front()}}}};
      }
      Json result = Json::object();
      for (const Member& member : shape.members) {
        if (member.ref.location != Location::kBody) continue;
        auto it = value.find(member.ref.location_name.value_or(member.name));
        if (it == value.end() || it->is_null()) continue;
        result[member.name] = ParseJsonValue(member.ref, *it, rest_json, errors);
      }
      return result;
    }
    case ShapeType::kList: {
      if (!value.is_array()) {
        errors.Add("expected a list for " + shape.name + ", got " + value.type_name());
        return nullptr;
      }
      Json list = Json::array();
      for (const Json& item : value)
        list.push_back(ParseJsonValue(shape.member, item, rest_json, errors));
      return list;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) {
        errors.Add("expected an object (map) for " + shape.name + ", got " + value.type_name());
        return nullptr;
      }
      Json map = Json::object();
      for (const auto& [key, item] : value.items()) {
        map[key] = ParseJsonValue(shape.value, item, rest_json, errors);
      }
      return map;
    }
    case ShapeType::kTimestamp: {
      std::optional<Timestamp> t;
      if (value.is_number_integer()) {
        t = ParseTimestampParam(value);
      } else if (value.is_number_float()) {
        t = TimestampFromEpoch(value.get<double>());
      } else if (value.is_string()) {
        t = ParseTimestampText(value.get<std::string>());
      }
      if (!t) {
        errors.Add(errors.Quote(Text(value)) + " is not a timestamp (" + shape.name + ")");
        return nullptr;
      }
      return FormatOutputTimestamp(*t);
    }
    case ShapeType::kBlob: {
      std::optional<std::string> bytes;
      if (value.is_string()) bytes = Base64Decode(value.get<std::string>());
      if (!bytes) {
        errors.Add(errors.Quote(Text(value)) + " is not base64 (" + shape.name + ")");
        return nullptr;
      }
      return Base64Encode(*bytes);
    }
    case ShapeType::kBoolean:
      if (!rest_json || value.is_boolean()) return value;
      // RestJSONParser: ensure_boolean.
      if (value.is_string()) {
        std::string lower = value.get<std::string>();
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return lower == "true";
      }
      return false;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (!rest_json || value.is_number_integer()) return value;
      if (value.is_string()) return ParseXmlScalar(ref, value.get<std::string>(), errors);
      if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d)) return static_cast<int64_t>(std::trunc(d));
      }
      if (value.is_boolean()) return value.get<bool>() ? 1 : 0;
      errors.Add(errors.Quote(Text(value)) + " is not an integer (" + shape.name + ")");
      return nullptr;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (!rest_json) return value;
      if (value.is_number()) return value.get<double>();
      if (value.is_string()) return ParseXmlScalar(ref, value.get<std::string>(), errors);
      errors.Add(errors.Quote(Text(value)) + " is not a number (" + shape.name + ")");
      return nullptr;
    case ShapeType::kString:
      if (rest_json && value.is_string() && ref.json_value && ref.location == Location::kHeader) {
        return ParseXmlScalar(ref, value.get<std::string>(), errors);
      }
      return value;
  }
  return value;
}

}  // namespace view360::aws::internal
