// Shared parts of the cost group (Cost Explorer, Savings Plans, EC2/RDS reservations): exact
// money arithmetic, Cost Explorer's time periods and filter expressions, the daily cost model
// and the reservations an account holds. Internal to services/cost_*.cpp; may change freely.
//
// Money is summed in integer units of 1e-10 USD (Cost Explorer prints ten decimals), so every
// aggregation of the same line-item days (by day, by month, by group) adds up exactly, and is
// formatted only at the end.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/handler.h"
#include "sim/world.h"

namespace view360::sim::cost {

// ---- Amounts ------------------------------------------------------------------------------------

// 1e-10 USD (or usage units). 128 bits: a 10,000-account organisation over 400 days fits.
using Units = __int128;
inline constexpr int64_t kUnitsPerOne = 10'000'000'000;

Units ToUnits(double value);
double ToDouble(Units value);
// As Cost Explorer prints amounts: "123.4567890123", trailing zeros dropped, "0" for zero.
std::string FormatUnits(Units value);
// A plain decimal with up to `decimals` places, trailing zeros dropped ("87.5", "100").
std::string FormatNumber(double value, int decimals);

// ---- Time periods -------------------------------------------------------------------------------

struct Period {
  Day start = 0;
  Day end = 0;  // Exclusive.
};

enum class Granularity { kNone, kDaily, kMonthly };

// params["TimePeriod"] {Start, End}, validated as Cost Explorer does (dates, Start < End; the
// forecast words its Start >= End error differently).
enum class PeriodUse { kHistory, kForecast };
std::variant<Period, Reply> ParseTimePeriod(const ApiCall& call,
                                            PeriodUse use = PeriodUse::kHistory);
// params["Granularity"]; kNone when absent and `required` is false. HOURLY is refused.
std::variant<Granularity, Reply> ParseGranularity(const ApiCall& call, bool required);
// The periods Cost Explorer reports: one per day, or calendar months clipped to `span`.
std::vector<Period> SplitPeriods(Period span, Granularity granularity);
nlohmann::json PeriodJson(Period period);
// The first day of the month `day` falls in.
Day MonthStart(Day day);

// ---- Filter expressions -------------------------------------------------------------------------

// What an expression is evaluated on: a dimension's value ("" when the record has none) and a
// tag's value (nullopt when the record lacks the tag).
struct Attributes {
  std::function<std::string(std::string_view dimension)> dimension;
  std::function<std::optional<std::string>(std::string_view key)> tag;
};

// A parsed Cost Explorer Expression (And, Or, Not, Dimensions, Tags, CostCategories).
class Filter {
 public:
  // No filter: matches everything.
  Filter() = default;
  // Parses params[name]; a malformed expression is an error Reply with AWS's message.
  static std::variant<Filter, Reply> Parse(const ApiCall& call, std::string_view name);

  bool Matches(const Attributes& record) const;
  // When the expression (or a conjunct of a top-level And) restricts `dimension` to exact
  // values, those values: lets callers skip records (accounts) that cannot match.
  std::optional<std::vector<std::string>> ExactValues(std::string_view dimension) const;
  bool empty() const { return root_ == nullptr; }

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

// ---- The daily cost model -----------------------------------------------------------------------

// The model: a line's value on a day is an integer base times an integer day multiplier of one
// of the account's series (trend x weekly rhythm x noise x spikes; series differ in rhythm and
// noise). So any sum over lines and days is exact, and a period costs one multiplier sum per
// series rather than one evaluation per line and day.
inline constexpr int kSeries = 8;  // 2 rhythms (flat, weekday-heavy) x 4 noise channels.
// Multipliers are the day's factor in thousandths.
inline constexpr int64_t kMultiplierScale = 1000;

// One billing line of an account: (region, service, usage type). No strings of its own, so an
// account's lines are cheap to build.
struct LineItem {
  std::string_view service;      // SERVICE dimension value.
  std::string_view record_type;  // "Usage" or "Tax".
  std::string_view operation;
  std::string_view instance_type;  // "" when not an instance line.
  std::string_view unit;           // UsageQuantity unit ("Hrs", "GB-Mo", ...).
  std::string_view usage;          // Usage type without the region prefix.
  int region = -1;                 // Index in the account's regions; -1 = "global".
  int series = 0;                  // Which multiplier series drives it.
  bool tagged = false;             // Carries the account's cost-allocation tags.
  double daily_cost = 0;           // USD per day at factor 1 (today's trend, no noise).
  // Per unit of multiplier, in Units: cost (unblended = blended = amortized; no reservation
  // sharing is modelled), net of the organisation's discount, usage quantity, normalized usage.
  Units cost = 0, net = 0, quantity = 0, normalized = 0;
};

struct AccountCosts {
  const World* world = nullptr;
  Account account;
  Day today = 0;
  Day first_day = 0;  // First day with cost (joined or history start).
  Day last_day = 0;   // Exclusive: today, or when a suspended account stopped.
  double growth_per_day = 0;
  double weekend_factor = 1;
  uint64_t noise_seed = 0;
  std::vector<LineItem> items;

  // REGION: a region, or "global".
  std::string RegionOf(const LineItem& item) const;
  // USAGE_TYPE, with the region prefix ("EUW2-BoxUsage:m5.large").
  std::string UsageTypeOf(const LineItem& item) const;
  // The dimension values and tags of one line, for filters and groups.
  Attributes AttributesOf(const LineItem& item) const;
  // Series `series` on `day`; 0 outside [first_day, last_day).
  int64_t Multiplier(int series, Day day) const;
  // The sum of Multiplier over `days`.
  int64_t MultiplierSum(int series, Period days) const;
  // The expected (noise-free) factor of a series on any day, for forecasts.
  double ExpectedFactor(int series, Day day) const;
};

AccountCosts BuildAccountCosts(const World& world, const Account& account);

// The accounts whose costs `call` may see: the whole organisation for the management account,
// only itself for a member, narrowed by a LINKED_ACCOUNT filter when it names exact ids.
std::vector<int> VisibleAccounts(const ApiCall& call, const Filter& filter);

// Calls `visit` for every account `call` may see, with its lines that `filter` matches.
void ForEachAccount(
    const ApiCall& call, const Filter& filter,
    const std::function<void(const AccountCosts&, const std::vector<const LineItem*>&)>& visit);

// ---- Reservations -------------------------------------------------------------------------------

enum class PaymentOption { kNoUpfront, kPartialUpfront, kAllUpfront };
std::string_view PaymentOptionName(PaymentOption option);  // "No Upfront", ...

// A reserved EC2 or RDS instance purchase.
struct Reservation {
  bool rds = false;
  std::string id;  // ReservedInstancesId / ReservedDBInstanceId.
  std::string account_id, region, instance_type, product, offering_class, scope, zone;
  std::string offering_id, lease_id;
  PaymentOption payment = PaymentOption::kNoUpfront;
  int count = 1;
  bool multi_az = false;
  Day start = 0;
  Day end = 0;  // Exclusive.
  int64_t duration_seconds = 0;
  double fixed_price = 0;       // Upfront, per instance.
  double recurring_hourly = 0;  // Per instance.
  double on_demand_hourly = 0;  // Per instance.
  double utilization = 0;       // Typical share of reserved hours used.
  std::string state;            // "active", "retired", "payment-pending".
};

struct SavingsPlan {
  std::string id, arn, offering_id, account_id, region, type, instance_family;
  PaymentOption payment = PaymentOption::kNoUpfront;
  double commitment = 0;    // USD per hour.
  double savings_rate = 0;  // Share saved against on-demand.
  double utilization = 0;
  Day start = 0;
  Day end = 0;  // Exclusive.
  int64_t term_seconds = 0;
  std::string state;  // "active", "retired", "queued".
  std::vector<std::string> product_types;

  double upfront() const;
  double recurring_hourly() const;
};

// An account's reservations in one region, in a stable order.
std::vector<Reservation> Ec2Reservations(const World& world, const Account& account,
                                         std::string_view region);
std::vector<Reservation> RdsReservations(const World& world, const Account& account,
                                         std::string_view region);
// Every region's EC2 and RDS reservations of an account.
std::vector<Reservation> AllReservations(const World& world, const Account& account);
std::vector<SavingsPlan> SavingsPlans(const World& world, const Account& account);

// The share of a reservation's (or plan's) hours used on `day`; 0 outside its term or before
// data exists (CE has no data for today or later).
double UtilizationOn(const World& world, std::string_view id, double typical, Day start, Day end,
                     Day day);

// ---- Access ------------------------------------------------------------------------------------

// AccessDeniedException when the caller's account is one of the scenario's
// cost_explorer_disabled_accounts (AWS's answer before Cost Explorer is enabled); nullopt
// otherwise. Every Cost Explorer handler asks first.
std::optional<Reply> CostExplorerDenied(const ApiCall& call);

// ---- Registration -------------------------------------------------------------------------------

void RegisterCostAndUsage(HandlerTable& table);
void RegisterCostForecast(HandlerTable& table);
void RegisterUtilization(HandlerTable& table);
void RegisterReservationListings(HandlerTable& table);
void RegisterSavingsPlansListing(HandlerTable& table);

}  // namespace view360::sim::cost
