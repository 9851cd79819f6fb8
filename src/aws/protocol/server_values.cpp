// Values of the server direction (aws/server_protocol.h): percent- and form-decoding, and the
// blobs of an output-shaped value turned back into raw bytes.
#include "aws/protocol/internal.h"
#include "aws/protocol/server_internal.h"

namespace view360::aws::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string UrlDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() + 0 && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

Pairs DecodeForm(std::string_view body) {
  Pairs pairs;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view part = body.substr(0, amp);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      pairs.emplace_back(UrlDecode(part.substr(0, eq), true),
                         eq == std::string_view::npos ? "" : UrlDecode(part.substr(eq + 1), true));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return pairs;
}

std::optional<Json> DecodeBlobs(const ShapeRef& ref, const Json& value, std::string& error) {
  if (value.is_null()) return value;
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (shape.document || !value.is_object()) return value;
      Json out = value;
      for (const Member& member : shape.members) {
        auto it = value.find(member.name);
        if (it == value.end()) continue;
        std::optional<Json> decoded = DecodeBlobs(member.ref, *it, error);
        if (!decoded) {
          error = member.name + (error.empty() ? "" : "." + error);
          return std::nullopt;
        }
        out[member.name] = std::move(*decoded);
      }
      return out;
    }
    case ShapeType::kList: {
      if (!value.is_array()) return value;
      Json out = Json::array();
      for (size_t i = 0; i < value.size(); ++i) {
        std::optional<Json> decoded = DecodeBlobs(shape.member, value[i], error);
        if (!decoded) {
          error = "[" + std::to_string(i) + "]" + error;
          return std::nullopt;
        }
        out.push_back(std::move(*decoded));
      }
      return out;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) return value;
      Json out = Json::object();
      for (const auto& [key, item] : value.items()) {
        std::optional<Json> decoded = DecodeBlobs(shape.value, item, error);
        if (!decoded) {
          error = key + (error.empty() ? "" : "." + error);
          return std::nullopt;
        }
        out[key] = std::move(*decoded);
      }
      return out;
    }
    case ShapeType::kBlob: {
      if (!value.is_string()) return value;
      std::optional<std::string> bytes = Base64Decode(value.get<std::string>());
      if (!bytes) {
        error.clear();
        return std::nullopt;
      }
      return Json(std::move(*bytes));
    }
    default:
      return value;
  }
}

}  // namespace view360::aws::internal
