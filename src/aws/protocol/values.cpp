// Values on the wire: timestamps, base64, Python's number and JSON formatting, form encoding.
#include <openssl/rand.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month, day, hour, minute, second, weekday;  // weekday: 0 = Sunday.
};

Civil CivilFromSeconds(int64_t seconds) {
  int64_t days = seconds / 86400;
  int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  Civil c{};
  c.hour = static_cast<unsigned>(rem / 3600);
  c.minute = static_cast<unsigned>(rem % 3600 / 60);
  c.second = static_cast<unsigned>(rem % 60);
  int64_t weekday = (days + 4) % 7;  // 1970-01-01 was a Thursday.
  if (weekday < 0) weekday += 7;
  c.weekday = static_cast<unsigned>(weekday);
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<int64_t>(yoe) + era * 400 + (c.month <= 2);
  return c;
}

// Reads exactly `n` digits at text[pos].
bool ReadDigits(std::string_view text, size_t& pos, size_t n, unsigned& out) {
  if (pos + n > text.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  pos += n;
  return true;
}

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

bool ValidDate(unsigned month, unsigned day, unsigned hour, unsigned minute, unsigned second) {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 &&
         second <= 60;
}

// YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|z|(+|-)HH[:]MM]
std::optional<Timestamp> ParseIso8601(std::string_view text) {
  size_t pos = 0;
  unsigned year, month, day, hour = 0, minute = 0, second = 0;
  int32_t micros = 0;
  if (!ReadDigits(text, pos, 4, year)) return std::nullopt;
  if (pos >= text.size() || text[pos] != '-') return std::nullopt;
  ++pos;
  if (!ReadDigits(text, pos, 2, month)) return std::nullopt;
  if (pos >= text.size() || text[pos] != '-') return std::nullopt;
  ++pos;
  if (!ReadDigits(text, pos, 2, day)) return std::nullopt;
  int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    if (!ReadDigits(text, pos, 2, hour)) return std::nullopt;
    if (pos >= text.size() || text[pos] != ':') return std::nullopt;
    ++pos;
    if (!ReadDigits(text, pos, 2, minute)) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadDigits(text, pos, 2, second)) return std::nullopt;
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        // Python (dateutil) keeps microseconds: the first six digits, truncated.
        size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          if (digits < 6) micros = micros * 10 + (text[pos] - '0');
          ++digits;
          ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (size_t i = digits; i < 6; ++i) micros *= 10;
      }
    }
    if (pos < text.size()) {
      const char c = text[pos];
      if (c == 'Z' || c == 'z') {
        ++pos;
      } else if (c == '+' || c == '-') {
        ++pos;
        unsigned oh, om = 0;
        if (!ReadDigits(text, pos, 2, oh)) return std::nullopt;
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (pos < text.size() && !ReadDigits(text, pos, 2, om)) return std::nullopt;
        offset_seconds = (c == '+' ? 1 : -1) * static_cast<int64_t>(oh * 3600 + om * 60);
      }
    }
  }
  if (pos != text.size() || !ValidDate(month, day, hour, minute, second)) return std::nullopt;
  Timestamp t;
  t.seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  t.micros = micros;
  return t;
}

// "Wed, 21 Oct 2015 07:28:00 GMT" (the weekday is optional; GMT, UTC, Z or +0000).
std::optional<Timestamp> ParseRfc822(std::string_view text) {
  size_t pos = 0;
  if (text.size() > 5 && text[3] == ',') pos = 5;
  unsigned day, year, hour, minute, second;
  size_t day_digits = (pos + 1 < text.size() && text[pos + 1] == ' ') ? 1 : 2;
  if (!ReadDigits(text, pos, day_digits, day)) return std::nullopt;
  if (pos + 5 > text.size() || text[pos] != ' ' || text[pos + 4] != ' ') return std::nullopt;
  const std::string_view month_name = text.substr(pos + 1, 3);
  unsigned month = 0;
  for (unsigned i = 0; i < 12; ++i) {
    if (month_name == kMonths[i]) month = i + 1;
  }
  if (month == 0) return std::nullopt;
  pos += 5;
  if (!ReadDigits(text, pos, 4, year) || pos >= text.size() || text[pos] != ' ') {
    return std::nullopt;
  }
  ++pos;
  if (!ReadDigits(text, pos, 2, hour) || pos >= text.size() || text[pos] != ':') {
    return std::nullopt;
  }
  ++pos;
  if (!ReadDigits(text, pos, 2, minute) || pos >= text.size() || text[pos] != ':') {
    return std::nullopt;
  }
  ++pos;
  if (!ReadDigits(text, pos, 2, second)) return std::nullopt;
  const std::string_view zone = text.substr(pos);
  if (zone != " GMT" && zone != " UTC" && zone != " Z" && zone != " +0000" && !zone.empty()) {
    return std::nullopt;
  }
  if (!ValidDate(month, day, hour, minute, second)) return std::nullopt;
  Timestamp t;
  t.seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return t;
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Timestamp> TimestampFromEpoch(double seconds) {
  // CPython's datetime.fromtimestamp: _PyTime_ObjectToTimeval with ROUND_HALF_EVEN.
  if (!std::isfinite(seconds) || std::fabs(seconds) > 253402300799.0) return std::nullopt;
  double int_part = 0;
  double frac = std::modf(seconds, &int_part);
  frac = std::nearbyint(frac * 1e6);
  if (frac >= 1e6) {
    frac -= 1e6;
    int_part += 1.0;
  } else if (frac < 0) {
    frac += 1e6;
    int_part -= 1.0;
  }
  Timestamp t;
  t.seconds = static_cast<int64_t>(int_part);
  t.micros = static_cast<int32_t>(frac);
  return t;
}

std::optional<Timestamp> ParseTimestampText(std::string_view text) {
  // botocore tries a number first (epoch seconds), then dateutil's parser.
  if (auto number = ParseNumber(text)) return TimestampFromEpoch(*number);
  if (auto iso = ParseIso8601(text)) return iso;
  return ParseRfc822(text);
}

std::optional<Timestamp> ParseTimestampParam(const Json& value) {
  if (value.is_number_integer()) {
    Timestamp t;
    t.seconds = value.is_number_unsigned() ? static_cast<int64_t>(value.get<uint64_t>())
                                           : value.get<int64_t>();
    return t;
  }
  if (value.is_number_float()) return TimestampFromEpoch(value.get<double>());
  if (value.is_string()) return ParseTimestampText(value.get_ref<const std::string&>());
  return std::nullopt;
}

std::string FormatIso8601(const Timestamp& t) {
  const Civil c = CivilFromSeconds(t.seconds);
  char buf[64];
  if (t.micros > 0) {
    std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02u:%02u:%02u.%06dZ",
                  static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second,
                  t.micros);
  } else {
    std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                  static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
  }
  return buf;
}

std::string FormatOutputTimestamp(const Timestamp& t) {
  const Civil c = CivilFromSeconds(t.seconds);
  char buf[64];
  int n = std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02u:%02u:%02u",
                        static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
  std::string out(buf, static_cast<size_t>(n));
  if (t.micros > 0) {
    if (t.micros % 1000 == 0) {
      std::snprintf(buf, sizeof(buf), ".%03d", t.micros / 1000);
    } else {
      std::snprintf(buf, sizeof(buf), ".%06d", t.micros);
    }
    out += buf;
  }
  return out + "Z";
}

std::string FormatRfc822(const Timestamp& t) {
  const Civil c = CivilFromSeconds(t.seconds);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %02u %s %04lld %02u:%02u:%02u GMT", kWeekdays[c.weekday],
                c.day, kMonths[c.month - 1], static_cast<long long>(c.year), c.hour, c.minute,
                c.second);
  return buf;
}

int64_t FormatUnix(const Timestamp& t) { return t.seconds; }

std::string Base64Encode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = static_cast<uint8_t>(bytes[i]) << 16 |
                       static_cast<uint8_t>(bytes[i + 1]) << 8 | static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const uint32_t v = static_cast<uint8_t>(bytes[i]) << 16 | static_cast<uint8_t>(bytes[i + 1])
                                                                  << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  size_t symbols = 0;
  size_t padding = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      v = c - '0' + 52;
    } else if (c == '+' || c == '-') {
      v = 62;
    } else if (c == '/' || c == '_') {
      v = 63;
    } else if (c == '=') {
      ++padding;
      continue;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    } else {
      return std::nullopt;
    }
    if (padding > 0) return std::nullopt;  // Data after padding.
    ++symbols;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (symbols % 4 == 1) return std::nullopt;
  if (symbols % 4 != 0 && (symbols + padding) % 4 != 0) return std::nullopt;  // Bad padding.
  return out;
}

std::string PythonFloatRepr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  // Shortest round-trip digits, as Python's repr (David Gay's mode 0) produces them.
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(result.ptr - buf));
  std::string out;
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+' ? 1 : 0), sci.data() + sci.size(),
                  exponent);
  // Python: fixed notation when -4 <= exponent < 16, else scientific.
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof(exp_buf), "e%c%02d", exponent < 0 ? '-' : '+',
                  exponent < 0 ? -exponent : exponent);
    return out + exp_buf;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
    return out;
  }
  const size_t int_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    out += digits;
    out.append(int_digits - digits.size(), '0');
    return out + ".0";
  }
  out += digits.substr(0, int_digits);
  out += '.';
  out += digits.substr(int_digits);
  return out;
}

std::string PythonStr(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return value.get<std::string>();
    case Json::value_t::boolean:
      return value.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer:
      return std::to_string(value.get<int64_t>());
    case Json::value_t::number_unsigned:
      return std::to_string(value.get<uint64_t>());
    case Json::value_t::number_float:
      return PythonFloatRepr(value.get<double>());
    case Json::value_t::null:
      return "None";
    default:
      return value.dump();
  }
}

void AppendPythonJsonString(std::string_view text, std::string& out) {
  static const char kHex[] = "0123456789abcdef";
  auto escape_unit = [&](uint32_t unit) {
    out += "\\u";
    out += kHex[(unit >> 12) & 15];
    out += kHex[(unit >> 8) & 15];
    out += kHex[(unit >> 4) & 15];
    out += kHex[unit & 15];
  };
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            escape_unit(c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence; an invalid byte becomes U+FFFD.
    uint32_t cp = 0xfffd;
    size_t len = 1;
    if ((c & 0xe0) == 0xc0) {
      len = 2;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
    }
    bool valid = len > 1 && i + len <= text.size();
    if (valid) {
      cp = c & (0xff >> (len + 1));
      for (size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(text[i + k]);
        if ((cc & 0xc0) != 0x80) {
          valid = false;
          break;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
    }
    if (!valid) {
      cp = 0xfffd;
      len = 1;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      escape_unit(0xd800 + (cp >> 10));
      escape_unit(0xdc00 + (cp & 0x3ff));
    } else {
      escape_unit(cp);
    }
    i += len;
  }
  out += '"';
}

void AppendPythonJson(const Json& value, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonJsonString(key, out);
        out += ": ";
        AppendPythonJson(item, out);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ", ";
        first = false;
        AppendPythonJson(item, out);
      }
      out += ']';
      return;
    }
    case Json::value_t::string:
      AppendPythonJsonString(value.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_float: {
      const double d = value.get<double>();
      if (std::isnan(d)) {
        out += "NaN";
      } else if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
      } else {
        out += PythonFloatRepr(d);
      }
      return;
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      out += value.dump();
      return;
    case Json::value_t::binary:
      AppendPythonJsonString(Base64Encode(BlobBytes(value)), out);
      return;
    default:
      out += "null";
  }
}

std::string FormUrlEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string NewUuid4() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    // RAND_bytes only fails when the OS has no entropy source at all; fall back to the clock
    // and address-space randomness rather than send a constant token.
    std::memset(bytes, 0, sizeof(bytes));
    const auto now =
        static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    std::memcpy(bytes, &now, sizeof(now));
    const auto addr = reinterpret_cast<uintptr_t>(&bytes);
    std::memcpy(bytes + 8, &addr, sizeof(addr));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string BlobBytes(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_binary()) {
    const auto& bin = value.get_binary();
    return std::string(bin.begin(), bin.end());
  }
  return {};
}

std::string UriOrQueryValue(const ShapeRef& ref, const Json& value) {
  switch (ref.shape->type) {
    case ShapeType::kBoolean:
      return value.get<bool>() ? "true" : "false";
    case ShapeType::kTimestamp:
      return FormatTimestampText(ParseTimestampParam(value).value_or(Timestamp{}),
                                 ref.timestamp_format, TimestampFormat::kIso8601);
    default:
      return PythonStr(value);
  }
}

std::string TextValue(const ShapeRef& ref, const Json& value) {
  if (ref.shape->type == ShapeType::kBlob) return Base64Encode(BlobBytes(value));
  return UriOrQueryValue(ref, value);
}

std::string FormatTimestampText(const Timestamp& t, TimestampFormat format,
                                TimestampFormat protocol_default) {
  if (format == TimestampFormat::kDefault) format = protocol_default;
  switch (format) {
    case TimestampFormat::kRfc822:
      return FormatRfc822(t);
    case TimestampFormat::kUnixTimestamp:
      return std::to_string(FormatUnix(t));
    default:
      return FormatIso8601(t);
  }
}

}  // namespace view360::aws::internal
