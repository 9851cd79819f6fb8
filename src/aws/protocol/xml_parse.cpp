// XML response bodies (query, ec2, rest-xml) to the output DOM, as botocore's
// BaseXMLResponseParser reads them: elements matched by local name (namespaces ignored),
// repeated elements gathered, lists and maps from their wrappers or flattened.
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// Python's int(text): optional sign, digits, surrounding whitespace.
std::optional<int64_t> ParsePythonInt(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Python's float(text).
std::optional<double> ParsePythonFloat(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<pugi::xml_node> ElementChildren(const std::vector<pugi::xml_node>& parents) {
  std::vector<pugi::xml_node> out;
  for (const pugi::xml_node& parent : parents) {
    for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) out.push_back(child);
    }
  }
  return out;
}

// botocore's _member_key_name: a flattened list with a named member is found by that name.
std::string XmlMemberName(const Member& member) {
  const ShapeRef& ref = member.ref;
  if (ref.shape->type == ShapeType::kList && ref.flattened &&
      ref.shape->member.location_name.has_value()) {
    return *ref.shape->member.location_name;
  }
  return ref.location_name.value_or(member.name);
}

// An xmlAttribute member: ElementTree names a namespaced attribute "{uri}local", which botocore
// rewrites to "<prefix of the model's name>:local".
std::optional<std::string> FindXmlAttribute(const pugi::xml_node& node, const std::string& name) {
  const size_t colon = name.find(':');
  for (pugi::xml_attribute attr = node.first_attribute(); attr; attr = attr.next_attribute()) {
    const std::string_view attr_name = attr.name();
    if (attr_name == "xmlns" || attr_name.substr(0, 6) == "xmlns:") continue;
    const bool namespaced = attr_name.find(':') != std::string_view::npos;
    std::string key(attr_name);
    if (namespaced) {
      const std::string prefix = colon == std::string::npos ? name : name.substr(0, colon);
      key = prefix + ":" + std::string(LocalName(attr_name));
    }
    if (key == name) return std::string(attr.value());
  }
  return std::nullopt;
}

}  // namespace

bool LoadXml(std::string_view body, XmlBody& out, std::string& error) {
  if (Trim(body).empty()) {
    error = "empty body where XML was expected";
    return false;
  }
  const pugi::xml_parse_result result = out.doc.load_buffer(
      body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  if (!result) {
    error = std::string("invalid XML: ") + result.description() + " at offset " +
            std::to_string(result.offset);
    return false;
  }
  out.root = out.doc.document_element();
  if (!out.root) {
    error = "no XML root element";
    return false;
  }
  return true;
}

std::string_view LocalName(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string XmlText(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) break;
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    }
  }
  return text;
}

Json ParseXmlScalar(const ShapeRef& ref, const std::string& text, ParseErrors& errors) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kBoolean:
      return text == "true";
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (auto value = ParsePythonInt(text)) return *value;
      errors.Add(errors.Quote(text) + " is not an integer (" + shape.name + ")");
      return nullptr;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (auto value = ParsePythonFloat(text)) return *value;
      errors.Add(errors.Quote(text) + " is not a number (" + shape.name + ")");
      return nullptr;
    case ShapeType::kTimestamp:
      if (auto value = ParseTimestampText(Trim(text))) return FormatOutputTimestamp(*value);
      errors.Add(errors.Quote(text) + " is not a timestamp (" + shape.name + ")");
      return nullptr;
    case ShapeType::kBlob:
      if (auto bytes = Base64Decode(text)) return Base64Encode(*bytes);
      errors.Add(errors.Quote(text) + " is not base64 (" + shape.name + ")");
      return nullptr;
    case ShapeType::kString:
      if (ref.json_value && ref.location == Location::kHeader) {
        auto decoded = Base64Decode(text);
        Json value =
            decoded ? Json::parse(*decoded, nullptr, false) : Json(Json::value_t::discarded);
        if (value.is_discarded()) {
          errors.Add("header of " + shape.name + " is not base64-encoded JSON");
          return nullptr;
        }
        return value;
      }
      return text;
    default:
      errors.Add("shape " + shape.name + " is not a scalar");
      return nullptr;
  }
}

Json ParseXmlStructure(const Shape& shape, const pugi::xml_node& node, ParseErrors& errors) {
  Json result = Json::object();
  // botocore's _build_name_to_xml_node: children by local name, repeats gathered in order.
  std::map<std::string_view, std::vector<pugi::xml_node>> children;
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) children[LocalName(child.name())].push_back(child);
  }
  for (const Member& member : shape.members) {
    const Location location = member.ref.location;
    if (location == Location::kHeader || location == Location::kHeaders ||
        location == Location::kStatusCode) {
      continue;  // Parsed from the HTTP response, not the body.
    }
    auto it = children.find(XmlMemberName(member));
    if (it != children.end()) {
      result[member.name] = ParseXmlValue(member.ref, it->second, errors);
    } else if (member.ref.xml_attribute && member.ref.location_name) {
      if (auto value = FindXmlAttribute(node, *member.ref.location_name)) {
        result[member.name] = *value;
      }
    }
  }
  return result;
}

Json ParseXmlValue(const ShapeRef& ref, const std::vector<pugi::xml_node>& nodes,
                   ParseErrors& errors) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return ParseXmlStructure(shape, nodes.front(), errors);
    case ShapeType::kList: {
      Json list = Json::array();
      const std::vector<pugi::xml_node> items = ref.flattened ? nodes : ElementChildren(nodes);
      for (const pugi::xml_node& item : items) {
        list.push_back(ParseXmlValue(shape.member, {item}, errors));
      }
      return list;
    }
    case ShapeType::kMap: {
      Json map = Json::object();
      const std::string key_name = shape.key.location_name.value_or("key");
      const std::string value_name = shape.value.location_name.value_or("value");
      const std::vector<pugi::xml_node> entries =
          ref.flattened ? nodes : ElementChildren({nodes.front()});
      for (const pugi::xml_node& entry : entries) {
        std::optional<std::string> key;
        Json value;
        for (pugi::xml_node part = entry.first_child(); part; part = part.next_sibling()) {
          if (part.type() != pugi::node_element) continue;
          const std::string_view tag = LocalName(part.name());
          if (tag == key_name) {
            key = XmlText(part);
          } else if (tag == value_name) {
            value = ParseXmlValue(shape.value, {part}, errors);
          } else {
            errors.Add("unexpected <" + std::string(tag) + "> in a map entry of " + shape.name);
          }
        }
        if (key) map[*key] = std::move(value);
      }
      return map;
    }
    default:
      return ParseXmlScalar(ref, XmlText(nodes.front()), errors);
  }
}

}  // namespace view360::aws::internal
