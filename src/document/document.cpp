#include "document/document.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

namespace view360::document {
namespace {

int SectionIndex(std::string_view key) {
  const auto* it = std::find(kSectionKeys.begin(), kSectionKeys.end(), key);
  return it == kSectionKeys.end() ? -1 : static_cast<int>(it - kSectionKeys.begin());
}

// Re-indents a serialised value so that it nests one level deeper (its lines are already
// 4-space indented from column 0). JSON text never holds a raw newline inside a string.
std::string Nest(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Json FailureValue(std::string_view section_key) {
  return section_key == "account" ? Json::object() : Json::array();
}

std::string Serialize(const Json& value) { return value.dump(4, ' ', /*ensure_ascii=*/true); }

std::string PythonTime(std::string_view iso) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)
  if (iso.size() < 20 || iso[4] != '-' || iso[7] != '-' || (iso[10] != 'T' && iso[10] != ' ') ||
      iso[13] != ':' || iso[16] != ':') {
    return std::string(iso);
  }
  std::string_view date = iso.substr(0, 10), clock = iso.substr(11, 8);
  std::string_view rest = iso.substr(19);
  std::string fraction;
  if (!rest.empty() && rest[0] == '.') {
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    fraction = std::string(rest.substr(1, n - 1));
    rest = rest.substr(n);
  }
  int offset_minutes = 0;
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             AllDigits(rest.substr(1, 2)) && AllDigits(rest.substr(4, 2))) {
    offset_minutes =
        std::stoi(std::string(rest.substr(1, 2))) * 60 + std::stoi(std::string(rest.substr(4, 2)));
    if (rest[0] == '-') offset_minutes = -offset_minutes;
  } else if (rest.size() == 5 && (rest[0] == '+' || rest[0] == '-') && AllDigits(rest.substr(1))) {
    offset_minutes =
        std::stoi(std::string(rest.substr(1, 2))) * 60 + std::stoi(std::string(rest.substr(3, 2)));
    if (rest[0] == '-') offset_minutes = -offset_minutes;
  } else {
    return std::string(iso);
  }
  if (!AllDigits(date.substr(0, 4)) || !AllDigits(date.substr(5, 2)) ||
      !AllDigits(date.substr(8, 2)) || !AllDigits(clock.substr(0, 2)) ||
      !AllDigits(clock.substr(3, 2)) || !AllDigits(clock.substr(6, 2))) {
    return std::string(iso);
  }
  std::tm tm{};
  tm.tm_year = std::stoi(std::string(date.substr(0, 4))) - 1900;
  tm.tm_mon = std::stoi(std::string(date.substr(5, 2))) - 1;
  tm.tm_mday = std::stoi(std::string(date.substr(8, 2)));
  tm.tm_hour = std::stoi(std::string(clock.substr(0, 2)));
  tm.tm_min = std::stoi(std::string(clock.substr(3, 2))) - offset_minutes;
  tm.tm_sec = std::stoi(std::string(clock.substr(6, 2)));
  const time_t t = timegm(&tm);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  std::string result = out;
  fraction.resize(std::min<size_t>(fraction.size(), 6));
  if (fraction.find_first_not_of('0') != std::string::npos) {
    fraction.resize(6, '0');
    result += "." + fraction;
  }
  return result + "+00:00";
}

Json PythonTimeOrNull(const nlohmann::json& value) {
  if (!value.is_string()) return nullptr;
  return PythonTime(value.get<std::string>());
}

DocumentBuilder::DocumentBuilder() : sections_(kSectionKeys.size()) {}

void DocumentBuilder::Set(std::string_view section_key, const Json& value) {
  const int index = SectionIndex(section_key);
  if (index < 0) return;
  sections_[index] = Nest(Serialize(value));
}

void DocumentBuilder::SetExtension(const Json& block) { extension_ = Nest(Serialize(block)); }

std::string DocumentBuilder::Finish() const {
  std::string out = "{";
  for (size_t i = 0; i < kSectionKeys.size(); ++i) {
    out += i ? ",\n    \"" : "\n    \"";
    out += kSectionKeys[i];
    out += "\": ";
    out += sections_[i].empty() ? Serialize(FailureValue(kSectionKeys[i])) : sections_[i];
  }
  if (!extension_.empty()) out += ",\n    \"view360\": " + extension_;
  out += "\n}";
  return out;
}

}  // namespace view360::document
