// Helpers shared by the simulated security services: see security_internal.h.
#include <algorithm>
#include <cstdio>

#include "sim/services/security_internal.h"

namespace view360::sim::security {

bool ServiceOff(const World& world, const Account& account, std::string_view service,
                double share) {
  if (account.index == 0) return false;
  return Rng(world.seed(), {"service-off", service, account.id}).Chance(share);
}

bool HasRegionalData(const ApiCall& call) {
  return call.world.RegionEnabled(call.account, call.region);
}

Clock::time_point InstantIn(Day day, Rng& rng) {
  return StartOf(day) + std::chrono::milliseconds(rng.Between(0, 86'400'000 - 1));
}

std::string IsoMillis(Clock::time_point time) {
  const auto millis = EpochMillis(time) % 1000;
  std::string text = IsoTime(time);  // "...:SSZ"
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03lldZ", static_cast<long long>(millis));
  text.replace(text.size() - 1, 1, fraction);
  return text;
}

int64_t EpochMillis(Clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string Uuid(Rng& rng) {
  std::string hex = rng.Hex(32);
  hex[12] = '4';
  hex[16] = "89ab"[rng.Between(0, 3)];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string Arn(std::string_view service, std::string_view region, std::string_view account_id,
                std::string_view resource) {
  std::string arn = "arn:aws:";
  arn.append(service).append(":").append(region).append(":").append(account_id).append(":");
  return arn.append(resource);
}

TimeParam ReadTime(const nlohmann::json& value) {
  TimeParam out;
  if (value.is_null()) return out;
  if (value.is_number()) {  // Epoch seconds, should a caller send them raw.
    out.value = Clock::time_point(
        std::chrono::milliseconds(static_cast<int64_t>(value.get<double>() * 1000)));
    return out;
  }
  if (!value.is_string()) {
    out.invalid = true;
    return out;
  }
  auto time = ParseTime(value.get<std::string>());
  if (time.ok()) {
    out.value = *time;
  } else {
    out.invalid = true;
  }
  return out;
}

const nlohmann::json* Member(const nlohmann::json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

bool StringFiltersPass(const nlohmann::json* filters, std::string_view value,
                       const FilterKeys& keys) {
  if (filters == nullptr || !filters->is_array()) return true;
  bool any_positive = false, positive_hit = false;
  for (const auto& filter : *filters) {
    const auto* wanted_json = Member(filter, keys.value);
    if (wanted_json == nullptr || !wanted_json->is_string()) continue;
    const std::string wanted = wanted_json->get<std::string>();
    const auto* comparison_json = Member(filter, keys.comparison);
    const std::string comparison = comparison_json && comparison_json->is_string()
                                       ? comparison_json->get<std::string>()
                                       : "EQUALS";
    const bool equals = value == wanted;
    const bool prefix = value.substr(0, wanted.size()) == wanted;
    const bool contains = value.find(wanted) != std::string_view::npos;
    if (comparison == "NOT_EQUALS") {
      if (equals) return false;
    } else if (comparison == "PREFIX_NOT_EQUALS") {
      if (prefix) return false;
    } else if (comparison == "NOT_CONTAINS") {
      if (contains) return false;
    } else {
      any_positive = true;
      if (comparison == "PREFIX" ? prefix : comparison == "CONTAINS" ? contains : equals) {
        positive_hit = true;
      }
    }
  }
  return !any_positive || positive_hit;
}

bool DateFilters::Pass(Clock::time_point time) const {
  if (windows.empty()) return true;
  return std::any_of(windows.begin(), windows.end(),
                     [&](const DateWindow& w) { return w.Contains(time); });
}

void DateFilters::ClampDays(Day& lo, Day& hi) const {
  if (windows.empty()) return;
  Day first = hi, last = lo;
  for (const auto& w : windows) {
    const Day start = w.start == Clock::time_point::min() ? lo : std::max(lo, DayOf(w.start));
    const Day end = w.end == Clock::time_point::max() ? hi : std::min(hi, DayOf(w.end));
    first = std::min(first, start);
    last = std::max(last, end);
  }
  lo = first;
  hi = last;
}

DateFilters ReadDateFilters(const nlohmann::json* filters, const FilterKeys& keys, Day today) {
  DateFilters out;
  if (filters == nullptr || !filters->is_array()) return out;
  for (const auto& filter : *filters) {
    DateWindow window;
    if (const auto* range = Member(filter, "DateRange")) {
      const auto* days = Member(*range, "Value");
      if (days == nullptr || !days->is_number_integer()) {
        out.error = "DateRange.Value must be an integer number of days";
        return out;
      }
      window.end = StartOf(today + 1) - std::chrono::milliseconds(1);
      window.start = StartOf(today + 1) - std::chrono::days(days->get<int>());
    }
    for (const auto& [key, bound] :
         {std::pair{keys.start, &window.start}, std::pair{keys.end, &window.end}}) {
      const auto* text = Member(filter, key);
      if (text == nullptr) continue;
      const TimeParam time = ReadTime(*text);
      if (time.invalid) {
        out.error = std::string("invalid timestamp in date filter ") + key + ": " + text->dump();
        return out;
      }
      *bound = *time.value;
    }
    out.windows.push_back(window);
  }
  return out;
}

}  // namespace view360::sim::security
