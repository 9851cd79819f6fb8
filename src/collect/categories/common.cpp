#include "collect/categories/common.h"

#include <charconv>

namespace view360::collect {
namespace {

const nlohmann::json* Member(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(std::string(key));
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

bool Digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Json StringOrNull(const nlohmann::json& obj, std::string_view key) {
  const auto* v = Member(obj, key);
  return v && v->is_string() ? Json(v->get<std::string>()) : Json(nullptr);
}

Json ValueOrNull(const nlohmann::json& obj, std::string_view key) {
  const auto* v = Member(obj, key);
  return v ? ToDocument(*v) : Json(nullptr);
}

Json TimeOrNull(const nlohmann::json& obj, std::string_view key) {
  const auto* v = Member(obj, key);
  return v ? document::PythonTimeOrNull(*v) : Json(nullptr);
}

std::string StringOr(const nlohmann::json& obj, std::string_view key, std::string_view fallback) {
  const auto* v = Member(obj, key);
  return v && v->is_string() ? v->get<std::string>() : std::string(fallback);
}

std::optional<std::chrono::sys_seconds> ParseTime(std::string_view iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-' || !Digits(iso.substr(0, 4), y) ||
      !Digits(iso.substr(5, 2), mo) || !Digits(iso.substr(8, 2), d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y),
                                        std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  std::chrono::sys_seconds t = std::chrono::sys_days(ymd);
  if (iso.size() == 10) return t;
  if (iso.size() < 19 || (iso[10] != 'T' && iso[10] != ' ') || !Digits(iso.substr(11, 2), h) ||
      !Digits(iso.substr(14, 2), mi) || !Digits(iso.substr(17, 2), s)) {
    return std::nullopt;
  }
  t += std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
  std::string_view rest = iso.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    rest = rest.substr(n);
  }
  if (rest.empty() || rest == "Z" || rest == "z") return t;
  if (rest[0] != '+' && rest[0] != '-') return std::nullopt;
  int oh = 0, om = 0;
  std::string_view digits = rest.substr(1);
  if (digits.size() == 5 && digits[2] == ':') {
    if (!Digits(digits.substr(0, 2), oh) || !Digits(digits.substr(3, 2), om)) return std::nullopt;
  } else if (digits.size() == 4) {
    if (!Digits(digits.substr(0, 2), oh) || !Digits(digits.substr(2, 2), om)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  const auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
  return rest[0] == '+' ? t - offset : t + offset;
}

bool InWindow(std::string_view iso, const Window& window) {
  const auto t = ParseTime(iso);
  return t && *t >= std::chrono::sys_seconds(window.start) &&
         *t < std::chrono::sys_seconds(window.end);
}

std::string WindowStartTime(const Window& window) { return FormatDay(window.start) + "T00:00:00Z"; }
std::string WindowEndTime(const Window& window) { return FormatDay(window.end) + "T00:00:00Z"; }

Json ToDocument(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      Json out = Json::object();
      for (const auto& [k, v] : value.items()) out[k] = ToDocument(v);
      return out;
    }
    case nlohmann::json::value_t::array: {
      Json out = Json::array();
      for (const auto& v : value) out.push_back(ToDocument(v));
      return out;
    }
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>();
    case nlohmann::json::value_t::number_integer:
      return value.get<int64_t>();
    case nlohmann::json::value_t::number_unsigned:
      return value.get<uint64_t>();
    case nlohmann::json::value_t::number_float:
      return value.get<double>();
    default:
      return nullptr;
  }
}

}  // namespace view360::collect
