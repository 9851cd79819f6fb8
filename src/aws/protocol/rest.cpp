// What rest-json and rest-xml share (botocore's BaseRestSerializer and BaseRestParser): the
// requestUri template, query-string, header and status-code members.
#include <cctype>
#include <map>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A header list element: quoted when it holds a comma or a quote.
std::string EscapeHeaderListString(const std::string& value) {
  if (value.find_first_of(",\"") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

// botocore's _convert_header_value.
std::string HeaderValue(const ShapeRef& ref, const Json& value) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kTimestamp: {
      // Headers carry whole seconds (botocore goes through calendar.timegm).
      Timestamp t = ParseTimestampParam(value).value_or(Timestamp{});
      t.micros = 0;
      return FormatTimestampText(t, ref.timestamp_format, TimestampFormat::kRfc822);
    }
    case ShapeType::kList: {
      std::string out;
      for (const Json& item : value) {
        if (item.is_null()) continue;
        if (!out.empty()) out += ',';
        out += shape.member.shape->type == ShapeType::kString
                   ? EscapeHeaderListString(item.get<std::string>())
                   : HeaderValue(shape.member, item);
      }
      return out;
    }
    case ShapeType::kBoolean:
      return value.get<bool>() ? "true" : "false";
    case ShapeType::kString:
      if (ref.json_value) {
        return Base64Encode(value.dump(-1, ' ', /*ensure_ascii=*/true));
      }
      return value.get<std::string>();
    default:
      return PythonStr(value);
  }
}

// "a=b&c" of a requestUri's fixed query part ("?list-type=2", "?uploads").
void AppendTemplateQuery(std::string_view text, Pairs& out) {
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view part = text.substr(0, amp);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      if (eq == std::string_view::npos) {
        out.emplace_back(std::string(part), "");
      } else {
        out.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
      }
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
}

}  // namespace

bool HasBodyMembers(const Shape& shape) {
  for (const Member& m : shape.members) {
    if (m.ref.location == Location::kBody) return true;
  }
  return false;
}

Result<std::vector<const Member*>> SerializeRestCommon(const Operation& op, const Json& params,
                                                       HttpRequest& request,
                                                       const Member** payload) {
  request.method = op.http_method;
  *payload = nullptr;
  const std::string_view uri = op.request_uri;
  const size_t question = uri.find('?');
  const std::string_view path_template = uri.substr(0, question);
  request.query.clear();
  if (question != std::string_view::npos)
    AppendTemplateQuery(uri.substr(question + 1), request.query);

  std::vector<const Member*> body_members;
  std::map<std::string, std::string, std::less<>> labels;
  if (op.input) {
    const Shape& shape = *op.input->shape;
    if (!shape.payload.empty()) *payload = shape.FindMember(shape.payload);
    for (const Member& member : shape.members) {
      auto it = params.is_object() ? params.find(member.name) : params.end();
      if (!params.is_object() || it == params.end() || it->is_null()) continue;
      const Json& value = *it;
      const ShapeRef& ref = member.ref;
      const std::string name = ref.location_name.value_or(member.name);
      switch (ref.location) {
        case Location::kUri:
          labels[name] = UriOrQueryValue(ref, value);
          break;
        case Location::kQueryString:
          if (ref.shape->type == ShapeType::kMap) {
            for (const auto& [key, item] : value.items()) {
              if (item.is_array()) {
                for (const Json& element : item)
                  request.query.emplace_back(key, PythonStr(element));
              } else {
                request.query.emplace_back(key, PythonStr(item));
              }
            }
          } else if (ref.shape->type == ShapeType::kList) {
            for (const Json& element : value) {
              request.query.emplace_back(name, UriOrQueryValue(ref.shape->member, element));
            }
          } else {
            request.query.emplace_back(name, UriOrQueryValue(ref, value));
          }
          break;
        case Location::kHeader:
          if (ref.shape->type == ShapeType::kList && value.empty()) break;
          SetHeader(request.headers, name, HeaderValue(ref, value));
          break;
        case Location::kHeaders:
          for (const auto& [key, item] : value.items()) {
            SetHeader(request.headers, name + key, PythonStr(item));
          }
          break;
        case Location::kStatusCode:
          break;
        case Location::kBody:
          if (&member != *payload) body_members.push_back(&member);
          break;
      }
    }
  }

  // Expand {Label} (encoded) and {Label+} (greedy: '/' kept) in the path.
  std::string path;
  for (size_t i = 0; i < path_template.size();) {
    if (path_template[i] != '{') {
      path += path_template[i++];
      continue;
    }
    const size_t close = path_template.find('}', i);
    if (close == std::string_view::npos) {
      return InvalidArgumentError("malformed requestUri " + op.request_uri);
    }
    std::string_view label = path_template.substr(i + 1, close - i - 1);
    const bool greedy = !label.empty() && label.back() == '+';
    if (greedy) label.remove_suffix(1);
    auto it = labels.find(label);
    if (it == labels.end()) {
      return InvalidArgumentError("missing parameter for {" + std::string(label) + "} of " +
                                  op.name + " (" + op.request_uri + ")");
    }
    path += UriEncode(it->second, /*keep_slash=*/greedy);
    i = close + 1;
  }
  request.path = path.empty() ? "/" : path;
  return body_members;
}

void ParseRestNonPayload(const Shape& output, int status, const Headers& headers, bool rest_json,
                         Json& result, ParseErrors& errors) {
  for (const Member& member : output.members) {
    const ShapeRef& ref = member.ref;
    switch (ref.location) {
      case Location::kStatusCode:
        result[member.name] = status;
        break;
      case Location::kHeaders: {
        // botocore always sets a header map, empty when no header has the prefix.
        const std::string prefix = ToLower(ref.location_name.value_or(""));
        Json map = Json::object();
        for (const auto& [name, value] : headers) {
          if (ToLower(name).rfind(prefix, 0) == 0) map[name.substr(prefix.size())] = value;
        }
        result[member.name] = std::move(map);
        break;
      }
      case Location::kHeader: {
        auto value = FindHeader(headers, ref.location_name.value_or(member.name));
        if (!value) break;
        if (ref.shape->type == ShapeType::kList) {
          // RFC 7230 lists: comma-separated, each element trimmed.
          Json list = Json::array();
          std::string_view rest = *value;
          while (true) {
            const size_t comma = rest.find(',');
            std::string_view part = rest.substr(0, comma);
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
            list.push_back(
                rest_json ? ParseJsonValue(ref.shape->member, Json(std::string(part)), true, errors)
                          : ParseXmlScalar(ref.shape->member, std::string(part), errors));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
          }
          result[member.name] = std::move(list);
        } else {
          result[member.name] = rest_json ? ParseJsonValue(ref, Json(*value), true, errors)
                                          : ParseXmlScalar(ref, *value, errors);
        }
        break;
      }
      case Location::kUri:
      case Location::kQueryString:
      case Location::kBody:
        break;
    }
  }
}

}  // namespace view360::aws::internal
