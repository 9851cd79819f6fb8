#include "ingest/convert.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace view360::ingest {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string Expected(const char* what, const element& value) {
  return std::string("expected ") + what + ", got " + JsonKindName(value.type());
}

std::string ShortestDouble(double value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// Characters as PostgreSQL counts them: UTF-8 code points (the input is valid UTF-8).
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// "eu-west-1a,eu-west-1b,eu-west-1c" -> "eu-west-1a,b,c" when every item is the first one's
// region plus a zone letter; nullopt otherwise.
std::optional<std::string> CompactZoneList(std::string_view list) {
  std::string out;
  std::string_view region;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    std::string_view item = list.substr(start, end - start);
    if (item.size() < 2) return std::nullopt;
    if (region.empty()) {
      region = item.substr(0, item.size() - 1);
      out = std::string(item);
    } else {
      if (item.substr(0, item.size() - 1) != region) return std::nullopt;
      out += ',';
      out += item.substr(item.size() - 1);
    }
    start = end + 1;
  }
  return out;
}

std::string CheckText(std::string_view text, const ColumnType& column, FieldValue* out) {
  if (text.find('\0') != std::string_view::npos) {
    return "contains a NUL character, which PostgreSQL text cannot hold";
  }
  if (column.max_length > 0) {
    const size_t length = CodePoints(text);
    if (length > static_cast<size_t>(column.max_length)) {
      if (column.name == "availability_zone") {
        if (auto compact = CompactZoneList(text);
            compact && compact->size() <= static_cast<size_t>(column.max_length)) {
          out->null = false;
          out->text = std::move(*compact);
          return "";
        }
      }
      return "value too long for " + column.Describe() + " (" + std::to_string(length) +
             " characters)";
    }
  }
  out->null = false;
  out->text = std::string(text);
  return "";
}

bool ParseDigits(std::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *value = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string Pad2(int v) {
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "%02d", v);
  return buffer;
}

std::string NumericText(const element& value) {
  int64_t i;
  if (value.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  uint64_t u;
  if (value.get_uint64().get(u) == simdjson::SUCCESS) return std::to_string(u);
  return ShortestDouble(double(value));
}

std::string ConvertNumber(const element& value, const ColumnType& column, FieldValue* out) {
  if (!value.is_number()) return Expected("a number", value);
  if (column.kind == ColumnKind::kInteger) {
    int64_t i = 0;
    if (value.get_int64().get(i) != simdjson::SUCCESS) {
      const double d = std::nearbyint(double(value));  // Half to even, as PostgreSQL's rint.
      if (!(d >= -9.2e18 && d <= 9.2e18)) return "out of range for " + column.sql_type;
      i = static_cast<int64_t>(d);
    }
    if (i < column.min_value || i > column.max_value) {
      return NumericText(value) + " is out of range for " + column.sql_type;
    }
    out->null = false;
    out->text = std::to_string(i);
    return "";
  }
  std::string text = NumericText(value);
  if (column.kind == ColumnKind::kNumeric && column.precision > 0) {
    const double scaled = std::nearbyint(double(value) * std::pow(10.0, column.scale));
    const double limit = std::pow(10.0, column.precision);  // |scaled| must stay below 10^p.
    if (!(std::fabs(scaled) < limit)) {
      return text + " does not fit " + column.Describe();
    }
  }
  out->null = false;
  out->text = std::move(text);
  return "";
}

// Python's repr of a float, as json.dumps writes it: the shortest digits that read back the
// same value, positional when the decimal point falls within -4 < decpt <= 16 (always with a
// "." then: 3.0, 1000000000000000.0), else d.ddde±XX (1e-05, 1.5e+16).
std::string PythonFloat(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[40];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));  // "-1.25e-06"
  std::string out;
  if (text.front() == '-') {
    out = "-";
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::string_view exponent_text = text.substr(e + 1);
  if (exponent_text.front() == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  const int decpt = exponent + 1;  // value = 0.<digits> x 10^decpt, as Python's dtoa counts.
  const int count = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (count > 1) out += "." + digits.substr(1);
    char suffix[16];
    std::snprintf(suffix, sizeof(suffix), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += suffix;
  } else if (decpt <= 0) {
    out += "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
  } else if (decpt >= count) {
    out += digits + std::string(static_cast<size_t>(decpt - count), '0') + ".0";
  } else {
    out += digits.substr(0, static_cast<size_t>(decpt)) + "." +
           digits.substr(static_cast<size_t>(decpt));
  }
  return out;
}

void AppendPythonString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c < 0x20 || c >= 0x7F) {  // ensure_ascii: all but space..tilde.
      // Decode one UTF-8 sequence (valid: simdjson checked it) into \uXXXX escapes.
      uint32_t cp = c;
      int extra = 0;
      if (c >= 0xF0) {
        cp = c & 0x07;
        extra = 3;
      } else if (c >= 0xE0) {
        cp = c & 0x0F;
        extra = 2;
      } else if (c >= 0xC0) {
        cp = c & 0x1F;
        extra = 1;
      }
      for (int k = 0; k < extra && i + 1 < text.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
      }
      auto unit = [&](uint32_t u) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(u >> shift) & 0xF];
      };
      if (cp >= 0x10000) {
        cp -= 0x10000;
        unit(0xD800 + (cp >> 10));
        unit(0xDC00 + (cp & 0x3FF));
      } else {
        unit(cp);
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void AppendPythonJson(std::string& out, const element& value) {
  switch (value.type()) {
    case element_type::ARRAY: {
      out += '[';
      bool first = true;
      for (element item : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonJson(out, item);
      }
      out += ']';
      break;
    }
    case element_type::OBJECT: {
      out += '{';
      bool first = true;
      for (auto field : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonString(out, field.key);
        out += ": ";
        AppendPythonJson(out, field.value);
      }
      out += '}';
      break;
    }
    case element_type::STRING:
      AppendPythonString(out, std::string_view(value));
      break;
    case element_type::BOOL:
      out += bool(value) ? "true" : "false";
      break;
    case element_type::NULL_VALUE:
      out += "null";
      break;
    case element_type::DOUBLE:
      out += PythonFloat(double(value));
      break;
    default:
      out += NumericText(value);
  }
}

}  // namespace

const char* JsonKindName(simdjson::dom::element_type type) {
  switch (type) {
    case simdjson::dom::element_type::ARRAY:
      return "array";
    case simdjson::dom::element_type::OBJECT:
      return "object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "number";
    case simdjson::dom::element_type::STRING:
      return "string";
    case simdjson::dom::element_type::BOOL:
      return "boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "value";
}

std::optional<std::string> NormaliseTimestamp(std::string_view text) {
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (text.size() < 10 || !ParseDigits(text, 0, 4, &year) || text[4] != '-' ||
      !ParseDigits(text, 5, 2, &month) || text[7] != '-' || !ParseDigits(text, 8, 2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  size_t pos = 10;
  std::string fraction;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    if (!ParseDigits(text, pos + 1, 2, &hour) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ParseDigits(text, pos + 4, 2, &minute)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!ParseDigits(text, pos + 1, 2, &second)) return std::nullopt;
      pos += 3;
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        size_t end = pos + 1;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
        if (end == pos + 1) return std::nullopt;
        fraction = "." + std::string(text.substr(pos + 1, std::min<size_t>(end - pos - 1, 6)));
        pos = end;
      }
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  }
  std::string offset = "+00:00";
  if (pos < text.size()) {
    const char sign = text[pos];
    if ((sign == 'Z' || sign == 'z') && pos + 1 == text.size()) {
      pos += 1;
    } else if (sign == '+' || sign == '-') {
      int oh = 0, om = 0;
      if (!ParseDigits(text, pos + 1, 2, &oh)) return std::nullopt;
      size_t p = pos + 3;
      if (p < text.size() && text[p] == ':') ++p;
      if (p < text.size()) {
        if (!ParseDigits(text, p, 2, &om)) return std::nullopt;
        p += 2;
      }
      if (p != text.size() || oh > 15 || om > 59) return std::nullopt;
      offset = std::string(1, sign) + Pad2(oh) + ":" + Pad2(om);
      pos = p;
    } else {
      return std::nullopt;
    }
  }
  if (pos != text.size()) return std::nullopt;
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour,
                minute, second);
  return std::string(buffer) + fraction + offset;
}

std::string ConvertText(std::string_view value, const ColumnType& column, FieldValue* out) {
  switch (column.kind) {
    case ColumnKind::kText:
      return CheckText(value, column, out);
    case ColumnKind::kTimestamptz:
    case ColumnKind::kDate: {
      if (value.empty()) {
        *out = FieldValue{};
        return column.not_null ? "an empty time, but " + column.name + " requires a value" : "";
      }
      auto normal = NormaliseTimestamp(value);
      if (!normal) {
        return "not an ISO-8601 " +
               std::string(column.kind == ColumnKind::kDate ? "date" : "time") + ": \"" +
               std::string(value.substr(0, 64)) + "\"";
      }
      out->null = false;
      out->text = column.kind == ColumnKind::kDate ? normal->substr(0, 10) : *normal;
      return "";
    }
    case ColumnKind::kEnum:
      for (const auto& label : column.enum_labels) {
        if (label == value) {
          out->null = false;
          out->text = std::string(value);
          return "";
        }
      }
      {
        std::string labels;
        for (const auto& label : column.enum_labels) labels += (labels.empty() ? "" : ", ") + label;
        return "\"" + std::string(value.substr(0, 64)) + "\" is not one of " + labels;
      }
    default:
      if (value.empty()) {
        *out = FieldValue{};
        return "";
      }
      return std::string(column.kind == ColumnKind::kBoolean ? "expected a boolean"
                         : column.kind == ColumnKind::kJsonb ? "expected JSON"
                                                             : "expected a number") +
             ", got string";
  }
}

std::string ConvertValue(const element* value, const ColumnType& column, FieldValue* out) {
  *out = FieldValue{};
  if (value == nullptr || value->is_null()) {
    if (column.default_value) {
      out->null = false;
      out->text = *column.default_value;
      return "";
    }
    if (column.not_null) return "null, but " + column.name + " requires a value";
    return "";
  }
  const element& v = *value;
  if (v.is_string()) {
    std::string error = ConvertText(std::string_view(v), column, out);
    if (error.empty() && out->null && column.not_null) {
      if (column.default_value) {
        out->null = false;
        out->text = *column.default_value;
        return "";
      }
      return "an empty value, but " + column.name + " requires a value";
    }
    return error;
  }
  switch (column.kind) {
    case ColumnKind::kText: {
      std::string text;
      if (v.is_bool()) {
        text = bool(v) ? "true" : "false";
      } else if (v.is_number()) {
        text = NumericText(v);
      } else {
        AppendPythonJson(text, v);
      }
      return CheckText(text, column, out);
    }
    case ColumnKind::kInteger:
    case ColumnKind::kNumeric:
    case ColumnKind::kFloat:
      return ConvertNumber(v, column, out);
    case ColumnKind::kBoolean:
      if (!v.is_bool()) return Expected("a boolean", v);
      out->null = false;
      out->text = bool(v) ? "t" : "f";
      return "";
    case ColumnKind::kJsonb:
      out->null = false;
      out->text = simdjson::minify(v);
      return "";
    case ColumnKind::kTimestamptz:
    case ColumnKind::kDate:
      return Expected("an ISO-8601 string", v);
    case ColumnKind::kEnum:
      return Expected("a string", v);
  }
  return "unsupported column type";
}

void AppendCopyField(std::string& line, const FieldValue& value) {
  if (value.null) {
    line += "\\N";
    return;
  }
  for (char c : value.text) {
    switch (c) {
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      default:
        line += c;
    }
  }
}

std::string PythonJson(const element& value) {
  std::string out;
  AppendPythonJson(out, value);
  return out;
}

}  // namespace view360::ingest
