#include "collect/window.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace view360::collect {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

Day Shift(Day d, int n) { return d + days(n); }

Day StartOf(Interval interval, Day d) {
  const year_month_day ymd(d);
  switch (interval) {
    case Interval::kDaily:
      return Shift(d, -1);
    case Interval::kWeekly: {
      const std::chrono::weekday wd(d);
      return d - days((wd.c_encoding() + 6) % 7);  // Monday = 0.
    }
    case Interval::kMonthly:
      return Day(year_month_day(ymd.year(), ymd.month(), day(1)));
    case Interval::kYearly:
      return Day(year_month_day(ymd.year(), month(1), day(1)));
  }
  return d;
}

Day NextStart(Interval interval, Day start) {
  const year_month_day ymd(start);
  switch (interval) {
    case Interval::kDaily:
      return Shift(start, 1);
    case Interval::kWeekly:
      return Shift(start, 7);
    case Interval::kMonthly:
      return Day(year_month_day(ymd.year(), ymd.month(), day(1)) + std::chrono::months(1));
    case Interval::kYearly:
      return Day(year_month_day(ymd.year() + std::chrono::years(1), month(1), day(1)));
  }
  return start;
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

Result<Day> MakeDay(int y, int m, int d, std::string_view text) {
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1970 || y > 9999) {
    return InvalidArgumentError("not a valid date: '" + std::string(text) + "'");
  }
  return Day(ymd);
}

}  // namespace

std::string_view IntervalName(Interval interval) {
  switch (interval) {
    case Interval::kDaily:
      return "DAILY";
    case Interval::kWeekly:
      return "WEEKLY";
    case Interval::kMonthly:
      return "MONTHLY";
    case Interval::kYearly:
      return "YEARLY";
  }
  return "DAILY";
}

Result<Interval> ParseInterval(std::string_view text) {
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (Interval i : {Interval::kDaily, Interval::kWeekly, Interval::kMonthly, Interval::kYearly}) {
    if (IntervalName(i) == upper) return i;
  }
  return InvalidArgumentError("unknown interval '" + std::string(text) +
                              "': use DAILY, WEEKLY, MONTHLY or YEARLY");
}

std::string_view CostGranularity(Interval interval) {
  return interval == Interval::kMonthly || interval == Interval::kYearly ? "MONTHLY" : "DAILY";
}

Window WindowFor(Interval interval, Day requested) {
  Window w;
  w.interval = interval;
  w.start = StartOf(interval, requested);
  w.end = NextStart(interval, w.start);
  w.key_date = interval == Interval::kDaily ? requested : w.start;
  w.previous_end = w.start;
  w.previous_start =
      interval == Interval::kDaily ? Shift(w.start, -1) : StartOf(interval, Shift(w.start, -1));
  return w;
}

std::vector<Window> BackfillWindows(Interval interval, Day first, Day last) {
  std::vector<Window> windows;
  for (Day d = first; d <= last; d = Shift(d, 1)) {
    Window w = WindowFor(interval, d);
    if (windows.empty() || windows.back().start != w.start) windows.push_back(w);
  }
  return windows;
}

std::string FormatDay(Day d) {
  const year_month_day ymd(d);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

Result<Day> ParseDay(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseInt(text.substr(0, 4), y) ||
      !ParseInt(text.substr(5, 2), m) || !ParseInt(text.substr(8, 2), d)) {
    return InvalidArgumentError("not a date (YYYY-MM-DD): '" + std::string(text) + "'");
  }
  return MakeDay(y, m, d, text);
}

Result<Day> ParseEventDay(std::string_view text) {
  if (text.size() == 10 && text[4] == '-') return ParseDay(text);
  const size_t a = text.find('-');
  const size_t b = a == std::string_view::npos ? a : text.find('-', a + 1);
  int d = 0, m = 0, y = 0;
  if (b == std::string_view::npos || !ParseInt(text.substr(0, a), d) ||
      !ParseInt(text.substr(a + 1, b - a - 1), m) || !ParseInt(text.substr(b + 1), y)) {
    return InvalidArgumentError("not a date (D-M-YYYY or YYYY-MM-DD): '" + std::string(text) + "'");
  }
  return MakeDay(y, m, d, text);
}

Day TodayUtc() { return std::chrono::floor<days>(std::chrono::system_clock::now()); }

}  // namespace view360::collect
