// Collection periods (collect/window.h): the original's rules with its defects fixed.
#include "collect/window.h"

#include <gtest/gtest.h>

namespace view360::collect {
namespace {

Day D(const char* text) { return *ParseDay(text); }

TEST(Window, DailyIsYesterdayKeyedByTheRunDay) {
  const Window w = WindowFor(Interval::kDaily, D("2026-01-08"));
  EXPECT_EQ(FormatDay(w.start), "2026-01-07");
  EXPECT_EQ(FormatDay(w.end), "2026-01-08");
  EXPECT_EQ(FormatDay(w.key_date), "2026-01-08");
  EXPECT_EQ(FormatDay(w.previous_start), "2026-01-06");
  EXPECT_EQ(FormatDay(w.previous_end), "2026-01-07");
}

TEST(Window, WeeklyIsMondayToSundayWithAnExclusiveEnd) {
  const Window w = WindowFor(Interval::kWeekly, D("2025-09-17"));  // A Wednesday.
  EXPECT_EQ(FormatDay(w.start), "2025-09-15");
  EXPECT_EQ(FormatDay(w.end), "2025-09-22") << "the original dropped Sunday (S7)";
  EXPECT_EQ(FormatDay(w.previous_start), "2025-09-08");
  EXPECT_EQ(FormatDay(w.key_date), "2025-09-15");
}

TEST(Window, MonthlyPreviousIsThePreviousCalendarMonth) {
  const Window w = WindowFor(Interval::kMonthly, D("2025-03-15"));
  EXPECT_EQ(FormatDay(w.start), "2025-03-01");
  EXPECT_EQ(FormatDay(w.end), "2025-04-01");
  EXPECT_EQ(FormatDay(w.previous_start), "2025-02-01");
  EXPECT_EQ(FormatDay(w.previous_end), "2025-03-01");
  const Window december = WindowFor(Interval::kMonthly, D("2025-12-31"));
  EXPECT_EQ(FormatDay(december.end), "2026-01-01");
}

TEST(Window, YearlyCoversTheCalendarYear) {
  const Window w = WindowFor(Interval::kYearly, D("2024-06-30"));
  EXPECT_EQ(FormatDay(w.start), "2024-01-01");
  EXPECT_EQ(FormatDay(w.end), "2025-01-01");
  EXPECT_EQ(FormatDay(w.previous_start), "2023-01-01");
  EXPECT_EQ(CostGranularity(Interval::kYearly), "MONTHLY");
  EXPECT_EQ(CostGranularity(Interval::kWeekly), "DAILY");
}

TEST(Window, BackfillIsOneWindowPerPeriod) {
  EXPECT_EQ(BackfillWindows(Interval::kDaily, D("2025-09-05"), D("2025-09-11")).size(), 7u);
  const auto months = BackfillWindows(Interval::kMonthly, D("2025-01-20"), D("2025-03-02"));
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(FormatDay(months[2].start), "2025-03-01");
}

TEST(Window, EventDatesAreDayMonthYear) {
  EXPECT_EQ(FormatDay(*ParseEventDay("5-9-2025")), "2025-09-05");
  EXPECT_EQ(FormatDay(*ParseEventDay("06-03-2026")), "2026-03-06");
  EXPECT_EQ(FormatDay(*ParseEventDay("2026-03-06")), "2026-03-06");
  EXPECT_FALSE(ParseEventDay("31-2-2025").ok());
  EXPECT_FALSE(ParseEventDay("yesterday").ok());
  EXPECT_FALSE(ParseDay("2025-9-5").ok());
  EXPECT_EQ(ParseInterval("weekly").value(), Interval::kWeekly);
  EXPECT_FALSE(ParseInterval("HOURLY").ok());
}

}  // namespace
}  // namespace view360::collect
