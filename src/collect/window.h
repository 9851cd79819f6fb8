// Collection periods: which days a document covers, and what its object key is named after.
//
// The original sender's rules (specs/view360.md §c.3) with its defects fixed (§g S7): the window
// is computed once, in UTC, and never mutated; `end` is exclusive; the previous window is the
// previous calendar period of the same interval.
//
//   DAILY    for requested day E: [E-1, E)        key date E   (the original: data for yesterday)
//   WEEKLY   the Monday-to-Sunday week holding E  key date = the Monday
//   MONTHLY  the calendar month holding E         key date = the 1st
//   YEARLY   the calendar year holding E          key date = 1 January
//
// Non-daily keys are named after the period's first day (the original used the requested day,
// so two runs in one month wrote two documents for the same month).
//
// Thread-safety: plain values and functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace view360::collect {

using Day = std::chrono::sys_days;

enum class Interval { kDaily, kWeekly, kMonthly, kYearly };

std::string_view IntervalName(Interval interval);  // "DAILY", ...
// Case-insensitive DAILY|WEEKLY|MONTHLY|YEARLY.
Result<Interval> ParseInterval(std::string_view text);

// Cost Explorer granularity for the interval: DAILY for DAILY and WEEKLY (CE has no weekly
// granularity; the days are summed), MONTHLY for MONTHLY and YEARLY.
std::string_view CostGranularity(Interval interval);

struct Window {
  Interval interval = Interval::kDaily;
  Day key_date;        // Names the object key.
  Day start;           // First day covered.
  Day end;             // First day not covered.
  Day previous_start;  // The previous period, for cost comparisons.
  Day previous_end;
};

Window WindowFor(Interval interval, Day requested);

// One window per period touched by the days [first, last] (inclusive), oldest first: a 7-day
// DAILY backfill is 7 windows; a MONTHLY backfill over two months is 2.
std::vector<Window> BackfillWindows(Interval interval, Day first, Day last);

// "YYYY-MM-DD".
std::string FormatDay(Day day);
Result<Day> ParseDay(std::string_view text);
// The original sender's event dates: "D-M-YYYY" with optional leading zeros ("5-9-2025").
// Also accepts ISO "YYYY-MM-DD".
Result<Day> ParseEventDay(std::string_view text);
// Today in UTC.
Day TodayUtc();

}  // namespace view360::collect
