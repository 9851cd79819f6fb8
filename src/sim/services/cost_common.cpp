// The cost group's small shared pieces: exact amounts and how Cost Explorer reads and splits
// time periods.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {

Units ToUnits(double value) {
  // Within +-9e8 the product fits 64 bits and the (much faster) 64-bit rounding is exact enough.
  if (std::abs(value) < 9e8) return static_cast<Units>(std::llround(value * kUnitsPerOne));
  return static_cast<Units>(std::roundl(static_cast<long double>(value) * kUnitsPerOne));
}

double ToDouble(Units value) {
  const Units whole = value / kUnitsPerOne;
  const Units fraction = value % kUnitsPerOne;
  return static_cast<double>(whole) + static_cast<double>(fraction) / kUnitsPerOne;
}

std::string FormatUnits(Units value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  if (negative) value = -value;
  Units whole = value / kUnitsPerOne;
  int64_t fraction = static_cast<int64_t>(value % kUnitsPerOne);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
    whole /= 10;
  } while (whole > 0);
  std::string out = (negative ? "-" : "") + digits;
  if (fraction != 0) {
    char text[16];
    std::snprintf(text, sizeof text, "%010lld", static_cast<long long>(fraction));
    std::string decimals(text);
    while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
    out += "." + decimals;
  }
  return out;
}

std::string FormatNumber(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string out(text);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out == "-0" ? "0" : out;
}

namespace {

// A Cost Explorer date: "yyyy-MM-dd" that names a real day (ParseDay alone accepts 02-30).
std::optional<Day> ParseCeDate(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto text = value.get<std::string>();
  auto day = ParseDay(text);
  if (!day.ok() || FormatDay(*day) != text.substr(0, 10)) return std::nullopt;
  return *day;
}

}  // namespace

std::variant<Period, Reply> ParseTimePeriod(const ApiCall& call, PeriodUse use) {
  const auto it = call.params.find("TimePeriod");
  if (it == call.params.end() || !it->is_object()) {
    return ValidationError(call,
                           "1 validation error detected: Value null at 'timePeriod' failed "
                           "to satisfy constraint: Member must not be null");
  }
  Period period;
  for (const char* key : {"Start", "End"}) {
    const auto value = it->value(key, nlohmann::json());
    const auto day = ParseCeDate(value);
    if (!day) {
      return ValidationError(call, std::string(key) + " date is invalid: " +
                                       (value.is_string() ? value.get<std::string>() : "null") +
                                       " (expected yyyy-MM-dd)");
    }
    (key[0] == 'S' ? period.start : period.end) = *day;
  }
  if (period.start >= period.end && use == PeriodUse::kForecast) {
    return ValidationError(call, "Requested Start: " + FormatDay(period.start) +
                                     " must be before requested End: " + FormatDay(period.end));
  }
  if (period.start >= period.end) {
    return ValidationError(call, "Start date (and hour) should be before end date (and hour)");
  }
  return period;
}

std::variant<Granularity, Reply> ParseGranularity(const ApiCall& call, bool required) {
  const std::string value = call.Param("Granularity");
  if (value.empty() && !required) return Granularity::kNone;
  if (value == "DAILY") return Granularity::kDaily;
  if (value == "MONTHLY") return Granularity::kMonthly;
  if (value == "HOURLY") {
    return ValidationError(call,
                           "Hourly granularity is not enabled for this account. Enable "
                           "hourly data in the Cost Explorer preferences first.");
  }
  return ValidationError(call, "1 validation error detected: Value '" + value +
                                   "' at 'granularity' failed to satisfy constraint: Member must "
                                   "satisfy enum value set: [HOURLY, DAILY, MONTHLY]");
}

Day MonthStart(Day day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  const std::chrono::sys_days first{ymd.year() / ymd.month() / 1};
  return static_cast<Day>(first.time_since_epoch().count());
}

namespace {

Day NextMonthStart(Day day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  const auto next = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{1};
  return static_cast<Day>(std::chrono::sys_days{next / 1}.time_since_epoch().count());
}

}  // namespace

std::vector<Period> SplitPeriods(Period span, Granularity granularity) {
  std::vector<Period> out;
  if (granularity == Granularity::kNone) {
    out.push_back(span);
    return out;
  }
  for (Day day = span.start; day < span.end;) {
    const Day next =
        granularity == Granularity::kDaily ? day + 1 : std::min(NextMonthStart(day), span.end);
    out.push_back({day, next});
    day = next;
  }
  return out;
}

std::optional<Reply> CostExplorerDenied(const ApiCall& call) {
  const auto& disabled = call.world.scenario().cost_explorer_disabled_accounts;
  if (std::find(disabled.begin(), disabled.end(), call.account.id) == disabled.end()) {
    return std::nullopt;
  }
  return AwsError(400, "AccessDeniedException", "User not enabled for cost explorer access");
}

nlohmann::json PeriodJson(Period period) {
  return {{"Start", FormatDay(period.start)}, {"End", FormatDay(period.end)}};
}

}  // namespace view360::sim::cost
