// Cost Explorer GetReservationUtilization and GetSavingsPlansUtilization: each commitment's
// daily use (cost_reservations.cpp) turned into Cost Explorer's aggregates per period and in
// total. Only days inside a commitment's term and before today carry data; a request whose
// commitments have none is answered with DataUnavailableException, as AWS does.
#include <algorithm>
#include <array>
#include <map>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

Reply DataUnavailable() {
  return AwsError(400, "DataUnavailableException",
                  "Data is not available. Please try to adjust the time period. If you're "
                  "requesting data more granular than daily, it may not be available.");
}

// The accounts whose commitments the caller sees (as for costs: the organisation for the
// management account, otherwise the caller).
std::vector<Account> CommitmentAccounts(const ApiCall& call, const Filter& filter) {
  std::vector<Account> out;
  for (int index : VisibleAccounts(call, filter)) out.push_back(call.world.AccountAt(index));
  return out;
}

struct Request {
  Period span;
  std::vector<Period> periods;
  bool by_time = true;
  Filter filter;
};

std::variant<Request, Reply> ParseRequest(const ApiCall& call) {
  Request request;
  auto span = ParseTimePeriod(call);
  if (auto* error = std::get_if<Reply>(&span)) return *error;
  request.span = std::get<Period>(span);
  auto granularity = ParseGranularity(call, /*required=*/false);
  if (auto* error = std::get_if<Reply>(&granularity)) return *error;
  request.by_time = std::get<Granularity>(granularity) != Granularity::kNone;
  request.periods = SplitPeriods(request.span, std::get<Granularity>(granularity));
  auto filter = Filter::Parse(call, "Filter");
  if (auto* error = std::get_if<Reply>(&filter)) return *error;
  request.filter = std::get<Filter>(std::move(filter));
  return request;
}

// The days of `span` a commitment has data for: inside its term, within history, before today.
Period DataDays(const ApiCall& call, Period span, Day start, Day end) {
  return {std::max({span.start, start, call.world.first_day()}),
          std::min({span.end, end, call.today()})};
}

size_t PeriodIndex(const std::vector<Period>& periods, Day day) {
  const auto it = std::upper_bound(periods.begin(), periods.end(), day,
                                   [](Day d, const Period& p) { return d < p.end; });
  return static_cast<size_t>(it - periods.begin());
}

// ---- Reserved Instances -------------------------------------------------------------------------

enum RiField {
  kPurchasedHours,
  kActualHours,
  kPurchasedUnits,
  kActualUnits,
  kOnDemandCost,
  kUpfrontFee,
  kRecurringFee,
  kRealized,
  kUnrealized,
  kUnusedCost,
  kRiFields
};
using RiSums = std::array<Units, kRiFields>;

// Normalized units per instance hour, by size (AWS's normalization factors).
double SizeFactor(std::string_view instance_type) {
  const auto size = instance_type.substr(instance_type.rfind('.') + 1);
  if (size == "medium") return 2;
  if (size == "large") return 4;
  if (size == "xlarge") return 8;
  if (size == "2xlarge") return 16;
  return 1;
}

RiSums RiDay(const World& world, const Reservation& r, Day day) {
  const double used = UtilizationOn(world, r.id, r.utilization, r.start, r.end, day);
  const double purchased = 24.0 * r.count;
  const double actual = purchased * used;
  const double upfront = r.fixed_price * r.count / (r.duration_seconds / 3600.0) * 24;
  const double recurring = r.recurring_hourly * purchased;
  const double fee = upfront + recurring;
  RiSums sums{};
  sums[kPurchasedHours] = ToUnits(purchased);
  sums[kActualHours] = ToUnits(actual);
  sums[kPurchasedUnits] = ToUnits(purchased * SizeFactor(r.instance_type));
  sums[kActualUnits] = ToUnits(actual * SizeFactor(r.instance_type));
  sums[kOnDemandCost] = ToUnits(actual * r.on_demand_hourly);
  sums[kUpfrontFee] = ToUnits(upfront);
  sums[kRecurringFee] = ToUnits(recurring);
  sums[kRealized] = ToUnits(actual * r.on_demand_hourly - fee * used);
  sums[kUnrealized] = ToUnits((purchased - actual) * r.on_demand_hourly - fee * (1 - used));
  sums[kUnusedCost] = ToUnits(fee * (1 - used));
  return sums;
}

void Add(RiSums& into, const RiSums& sums) {
  for (size_t i = 0; i < into.size(); ++i) into[i] += sums[i];
}

std::string Percent(Units part, Units whole) {
  return whole == 0 ? "0" : FormatNumber(100.0 * ToDouble(part) / ToDouble(whole), 2);
}

nlohmann::json RiAggregates(const RiSums& s) {
  const Units fee = s[kUpfrontFee] + s[kRecurringFee];
  return {{"UtilizationPercentage", Percent(s[kActualHours], s[kPurchasedHours])},
          {"UtilizationPercentageInUnits", Percent(s[kActualUnits], s[kPurchasedUnits])},
          {"PurchasedHours", FormatUnits(s[kPurchasedHours])},
          {"PurchasedUnits", FormatUnits(s[kPurchasedUnits])},
          {"TotalActualHours", FormatUnits(s[kActualHours])},
          {"TotalActualUnits", FormatUnits(s[kActualUnits])},
          {"UnusedHours", FormatUnits(s[kPurchasedHours] - s[kActualHours])},
          {"UnusedUnits", FormatUnits(s[kPurchasedUnits] - s[kActualUnits])},
          {"OnDemandCostOfRIHoursUsed", FormatUnits(s[kOnDemandCost])},
          {"NetRISavings", FormatUnits(s[kOnDemandCost] - fee)},
          {"TotalPotentialRISavings", FormatUnits(s[kRealized] + s[kUnrealized])},
          {"AmortizedUpfrontFee", FormatUnits(s[kUpfrontFee])},
          {"AmortizedRecurringFee", FormatUnits(s[kRecurringFee])},
          {"TotalAmortizedFee", FormatUnits(fee)},
          {"RICostForUnusedHours", FormatUnits(s[kUnusedCost])},
          {"RealizedSavings", FormatUnits(s[kRealized])},
          {"UnrealizedSavings", FormatUnits(s[kUnrealized])}};
}

Attributes ReservationAttributes(const Reservation& r) {
  return {[&r](std::string_view dimension) -> std::string {
            if (dimension == "SUBSCRIPTION_ID" || dimension == "RESERVATION_ID") return r.id;
            if (dimension == "LINKED_ACCOUNT") return r.account_id;
            if (dimension == "REGION") return r.region;
            if (dimension == "INSTANCE_TYPE") return r.instance_type;
            if (dimension == "SERVICE") {
              return r.rds ? "Amazon Relational Database Service"
                           : "Amazon Elastic Compute Cloud - Compute";
            }
            if (dimension == "SCOPE") return r.scope;
            if (dimension == "AZ") return r.zone;
            if (dimension == "PLATFORM" || dimension == "DATABASE_ENGINE") return r.product;
            return "";
          },
          [](std::string_view) -> std::optional<std::string> { return std::nullopt; }};
}

nlohmann::json SubscriptionAttributes(const ApiCall& call, const Reservation& r) {
  return {{"accountId", r.account_id},
          {"region", r.region},
          {"instanceType", r.instance_type},
          {"subscriptionId", r.id},
          {"numberOfInstances", std::to_string(r.count)},
          {"platform", r.product},
          {"scope", r.scope},
          {"subscriptionType", std::string(PaymentOptionName(r.payment))},
          {"startDateTime", IsoTime(StartOf(r.start))},
          {"endDateTime", IsoTime(StartOf(r.end))},
          {"subscriptionStatus", r.end <= call.today() ? "Retired" : "Active"}};
}

Reply GetReservationUtilization(const ApiCall& call) {
  if (auto denied = CostExplorerDenied(call)) return *denied;
  auto parsed = ParseRequest(call);
  if (auto* error = std::get_if<Reply>(&parsed)) return *error;
  const Request& request = std::get<Request>(parsed);
  bool by_subscription = false;
  for (const auto& group : call.params.value("GroupBy", nlohmann::json::array())) {
    if (group.value("Type", "") != "DIMENSION" || group.value("Key", "") != "SUBSCRIPTION_ID") {
      return ValidationError(call, "GroupBy is only supported for the DIMENSION SUBSCRIPTION_ID");
    }
    by_subscription = true;
  }

  struct Bucket {
    RiSums total{};
    std::map<std::string, std::pair<const Reservation*, RiSums>> groups;
  };
  std::map<size_t, Bucket> buckets;
  RiSums total{};
  std::vector<Reservation> reservations;
  for (const auto& account : CommitmentAccounts(call, request.filter)) {
    for (auto& r : AllReservations(call.world, account)) {
      if (request.filter.Matches(ReservationAttributes(r))) reservations.push_back(std::move(r));
    }
  }
  for (const auto& r : reservations) {
    const Period days = DataDays(call, request.span, r.start, r.end);
    for (Day day = days.start; day < days.end; ++day) {
      const RiSums sums = RiDay(call.world, r, day);
      Bucket& bucket = buckets[PeriodIndex(request.periods, day)];
      Add(bucket.total, sums);
      Add(total, sums);
      if (by_subscription) {
        auto& group = bucket.groups.try_emplace(r.id, &r, RiSums{}).first->second;
        Add(group.second, sums);
      }
    }
  }
  if (buckets.empty()) return DataUnavailable();

  nlohmann::json by_time = nlohmann::json::array();
  for (const auto& [index, bucket] : buckets) {
    nlohmann::json entry = {{"TimePeriod", PeriodJson(request.periods[index])},
                            {"Groups", nlohmann::json::array()},
                            {"Total", RiAggregates(bucket.total)}};
    for (const auto& [id, group] : bucket.groups) {
      entry["Groups"].push_back({{"Key", "SubscriptionId"},
                                 {"Value", id},
                                 {"Attributes", SubscriptionAttributes(call, *group.first)},
                                 {"Utilization", RiAggregates(group.second)}});
    }
    by_time.push_back(std::move(entry));
  }
  return Ok({{"UtilizationsByTime", std::move(by_time)}, {"Total", RiAggregates(total)}});
}

// ---- Savings Plans ------------------------------------------------------------------------------

enum SpField { kCommitment, kUsed, kOnDemand, kUpfront, kRecurring, kSpFields };
using SpSums = std::array<Units, kSpFields>;

SpSums SpDay(const World& world, const SavingsPlan& plan, Day day) {
  const double used = UtilizationOn(world, plan.id, plan.utilization, plan.start, plan.end, day);
  const double commitment = plan.commitment * 24;
  SpSums sums{};
  sums[kCommitment] = ToUnits(commitment);
  sums[kUsed] = ToUnits(commitment * used);
  sums[kOnDemand] = ToUnits(commitment * used / (1 - plan.savings_rate));
  sums[kUpfront] = ToUnits(plan.upfront() / (plan.term_seconds / 86400.0));
  sums[kRecurring] = ToUnits(plan.recurring_hourly() * 24);
  return sums;
}

nlohmann::json SpAggregates(const SpSums& s) {
  const Units amortized = s[kUpfront] + s[kRecurring];
  return {{"Utilization",
           {{"TotalCommitment", FormatUnits(s[kCommitment])},
            {"UsedCommitment", FormatUnits(s[kUsed])},
            {"UnusedCommitment", FormatUnits(s[kCommitment] - s[kUsed])},
            {"UtilizationPercentage", Percent(s[kUsed], s[kCommitment])}}},
          {"Savings",
           {{"NetSavings", FormatUnits(s[kOnDemand] - amortized)},
            {"OnDemandCostEquivalent", FormatUnits(s[kOnDemand])}}},
          {"AmortizedCommitment",
           {{"AmortizedRecurringCommitment", FormatUnits(s[kRecurring])},
            {"AmortizedUpfrontCommitment", FormatUnits(s[kUpfront])},
            {"TotalAmortizedCommitment", FormatUnits(amortized)}}}};
}

Attributes PlanAttributes(const SavingsPlan& plan) {
  return {[&plan](std::string_view dimension) -> std::string {
            if (dimension == "SAVINGS_PLAN_ARN") return plan.arn;
            if (dimension == "LINKED_ACCOUNT") return plan.account_id;
            if (dimension == "REGION") return plan.region;
            if (dimension == "INSTANCE_TYPE_FAMILY") return plan.instance_family;
            if (dimension == "SAVINGS_PLANS_TYPE") return plan.type + "SavingsPlans";
            if (dimension == "PAYMENT_OPTION") return std::string(PaymentOptionName(plan.payment));
            return "";
          },
          [](std::string_view) -> std::optional<std::string> { return std::nullopt; }};
}

Reply GetSavingsPlansUtilization(const ApiCall& call) {
  if (auto denied = CostExplorerDenied(call)) return *denied;
  auto parsed = ParseRequest(call);
  if (auto* error = std::get_if<Reply>(&parsed)) return *error;
  const Request& request = std::get<Request>(parsed);

  std::map<size_t, SpSums> buckets;
  SpSums total{};
  for (const auto& account : CommitmentAccounts(call, request.filter)) {
    for (const auto& plan : SavingsPlans(call.world, account)) {
      if (!request.filter.Matches(PlanAttributes(plan))) continue;
      const Period days = DataDays(call, request.span, plan.start, plan.end);
      for (Day day = days.start; day < days.end; ++day) {
        const SpSums sums = SpDay(call.world, plan, day);
        auto& bucket =
            buckets.try_emplace(PeriodIndex(request.periods, day), SpSums{}).first->second;
        for (size_t i = 0; i < sums.size(); ++i) {
          bucket[i] += sums[i];
          total[i] += sums[i];
        }
      }
    }
  }
  if (buckets.empty()) return DataUnavailable();
  nlohmann::json output = {{"Total", SpAggregates(total)}};
  if (request.by_time) {
    output["SavingsPlansUtilizationsByTime"] = nlohmann::json::array();
    for (const auto& [index, sums] : buckets) {
      nlohmann::json entry = SpAggregates(sums);
      entry["TimePeriod"] = PeriodJson(request.periods[index]);
      output["SavingsPlansUtilizationsByTime"].push_back(std::move(entry));
    }
  }
  return Ok(std::move(output));
}

}  // namespace

void RegisterUtilization(HandlerTable& table) {
  table.Add("ce", "GetReservationUtilization", GetReservationUtilization);
  table.Add("ce", "GetSavingsPlansUtilization", GetSavingsPlansUtilization);
}

}  // namespace view360::sim::cost
