// ri_sp_savings (§b.15): the account's commitments — EC2 Reserved Instances (state active), RDS
// reserved DB instances (every state) and Savings Plans (state active) — with their daily
// utilisation and savings from Cost Explorer.
//
// Regional: reservations belong to a region. Savings Plans belong to the account, so they are
// listed only in the home region's document (ctx.target().home_region), once per account.
//
// Requests: EC2 DescribeReservedInstances, RDS DescribeReservedDBInstances (all pages), Savings
// Plans DescribeSavingsPlans (all pages); then, each billed $0.01:
//   - GetReservationUtilization, DAILY over the window, grouped by SUBSCRIPTION_ID and filtered
//     by REGION and SERVICE: one request (per page) per kind of reservation the region holds,
//     instead of the original's one per reservation;
//   - GetSavingsPlansUtilization, DAILY over the window, filtered by SAVINGS_PLAN_ARN: one per
//     plan (the API has no grouping).
// None is made when there is nothing to ask about.
//
// Elements: the commitment's detail members (the table of §b.15, in its order), then
// date_from, date_to, reservation_type, subscription_id, then either
//   - per day with data (RIs: utilisation > 0): `date` and utilization_percentage,
//     on_demand_cost, reservation_cost, net_savings as numbers rounded to 2 places, or
//   - when it has no such day: the four as integer 0, date_from/date_to = the window.
//
// Fixes (§g S10): an empty RecurringCharges (All Upfront) no longer drops every reservation of
// the account: recurring_cost and commitment are 0.0 and recurring_frequency null. An EC2 RI's
// `region` is the region it lives in, not its Scope. A row per day has date_from/date_to = that
// day ([day, day + 1)), so the days of a WEEKLY or MONTHLY window stay distinct rows in the
// warehouse (whose key holds date_to) instead of collapsing into one.
// A failed listing is recorded ({"ri_sp_savings": error}, status Fail) and the other kinds go
// on. A utilisation request that fails gives the zero records, as in the original; when the
// error is anything but Cost Explorer's DataUnavailableException (no data for the period), it
// is also recorded.
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/cost_explorer.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"ec2", "DescribeReservedInstances"},     {"rds", "DescribeReservedDBInstances"},
    {"savingsplans", "DescribeSavingsPlans"}, {"ce", "GetReservationUtilization"},
    {"ce", "GetSavingsPlansUtilization"},
};

constexpr char kTag[] = "ri_sp_savings";
constexpr char kReservedInstance[] = "Reserved Instance";
constexpr char kSavingsPlan[] = "Savings Plan";
// Cost Explorer's SERVICE values for the reservations' utilisation.
constexpr char kEc2Service[] = "Amazon Elastic Compute Cloud - Compute";
constexpr char kRdsService[] = "Amazon Relational Database Service";
constexpr double kHoursPerMonth = 730;  // The original's monthly commitment of an hourly charge.

enum class Kind { kEc2, kRds, kPlan };

struct Commitment {
  Kind kind = Kind::kEc2;
  std::string id;   // subscription_id.
  std::string arn;  // Savings Plans only.
  Json details;     // The detail members, in order.
};

// One day of utilisation: the four figures, already rounded.
struct Day4 {
  std::string date;
  double utilization = 0, on_demand = 0, cost = 0, savings = 0;
};

double Round2(double value) { return std::round(value * 100) / 100; }

// obj[key] as a number (numbers and numeric strings), or null.
Json NumberOrNull(const nlohmann::json& obj, std::string_view key) {
  const auto it = obj.find(std::string(key));
  if (it == obj.end() || it->is_null()) return nullptr;
  if (it->is_number_integer()) return static_cast<double>(it->get<int64_t>());
  if (it->is_number() || it->is_string()) return cost_explorer::Amount(*it);
  return nullptr;
}

// obj[key] as an integer, or null.
Json IntegerOrNull(const nlohmann::json& obj, std::string_view key) {
  const auto it = obj.find(std::string(key));
  if (it == obj.end() || !it->is_number()) return nullptr;
  return it->is_number_float() ? Json(std::llround(it->get<double>())) : ValueOrNull(obj, key);
}

// The first recurring charge's amount and frequency; (0.0, null) when there is none (§g S10).
std::pair<Json, Json> Recurring(const nlohmann::json& charges, const char* amount_key,
                                const char* frequency_key) {
  if (!charges.is_array() || charges.empty() || !charges[0].is_object()) {
    return {0.0, nullptr};
  }
  const Json amount = NumberOrNull(charges[0], amount_key);
  return {amount.is_null() ? Json(0.0) : amount, StringOrNull(charges[0], frequency_key)};
}

Commitment Ec2Commitment(const nlohmann::json& ri, const std::string& region) {
  Commitment c;
  c.kind = Kind::kEc2;
  c.id = StringOr(ri, "ReservedInstancesId", "");
  const auto [amount, frequency] =
      Recurring(cost_explorer::Field(ri, "RecurringCharges"), "Amount", "Frequency");
  Json& d = c.details = Json::object();
  d["service"] = "Amazon EC2";
  d["instance_type"] = StringOrNull(ri, "InstanceType");
  d["instance_count"] = IntegerOrNull(ri, "InstanceCount");
  d["instance_tenancy"] = StringOrNull(ri, "InstanceTenancy");
  d["offering_class"] = StringOrNull(ri, "OfferingClass");
  d["offering_type"] = StringOrNull(ri, "OfferingType");
  d["product_types"] = StringOrNull(ri, "ProductDescription");
  d["region"] = region;
  d["currency"] = StringOrNull(ri, "CurrencyCode");
  d["commitment"] = amount.get<double>() * kHoursPerMonth;
  d["upfront_cost"] = NumberOrNull(ri, "FixedPrice");
  d["recurring_cost"] = amount;
  d["recurring_frequency"] = frequency;
  d["usage_price"] = NumberOrNull(ri, "UsagePrice");
  d["start_date"] = TimeOrNull(ri, "Start");
  d["end_date"] = TimeOrNull(ri, "End");
  d["duration_seconds"] = IntegerOrNull(ri, "Duration");
  d["state"] = StringOrNull(ri, "State");
  const Json& count = d["instance_count"];
  d["description"] = (count.is_null() ? std::string("None") : count.dump()) + "x " +
                     StringOr(ri, "InstanceType", "None") + " " +
                     StringOr(ri, "ProductDescription", "None");
  return c;
}

Commitment RdsCommitment(const nlohmann::json& ri) {
  Commitment c;
  c.kind = Kind::kRds;
  c.id = StringOr(ri, "ReservedDBInstanceId", "");
  const auto [amount, frequency] = Recurring(cost_explorer::Field(ri, "RecurringCharges"),
                                             "RecurringChargeAmount", "RecurringChargeFrequency");
  Json& d = c.details = Json::object();
  d["service"] = "Amazon RDS";
  d["instance_type"] = StringOrNull(ri, "DBInstanceClass");
  d["instance_count"] = IntegerOrNull(ri, "DBInstanceCount");
  d["offering_class"] = StringOrNull(ri, "OfferingClass");  // RDS has none: null, as the original.
  d["offering_type"] = StringOrNull(ri, "OfferingType");
  d["product_types"] = StringOrNull(ri, "ProductDescription");
  d["currency"] = StringOrNull(ri, "CurrencyCode");
  d["upfront_cost"] = NumberOrNull(ri, "FixedPrice");
  d["recurring_cost"] = amount;
  d["recurring_frequency"] = frequency;
  d["usage_price"] = NumberOrNull(ri, "UsagePrice");
  d["start_date"] = TimeOrNull(ri, "StartTime");
  d["duration_seconds"] = IntegerOrNull(ri, "Duration");
  d["state"] = StringOrNull(ri, "State");
  return c;
}

Commitment PlanCommitment(const nlohmann::json& plan) {
  Commitment c;
  c.kind = Kind::kPlan;
  c.id = StringOr(plan, "savingsPlanId", "");
  c.arn = StringOr(plan, "savingsPlanArn", "");
  std::string products;
  for (const auto& type : cost_explorer::Field(plan, "productTypes")) {
    if (!type.is_string()) continue;
    if (!products.empty()) products += ',';
    products += type.get<std::string>();
  }
  Json& d = c.details = Json::object();
  d["service"] = "AWS Savings Plans";
  d["instance_type"] = StringOrNull(plan, "savingsPlanType");
  d["instance_family"] = StringOrNull(plan, "ec2InstanceFamily");
  d["offering_type"] = StringOrNull(plan, "paymentOption");
  d["offering_id"] = StringOrNull(plan, "offeringId");
  d["savings_plan_arn"] = StringOrNull(plan, "savingsPlanArn");
  d["product_types"] = products;
  d["region"] = StringOrNull(plan, "region");
  d["currency"] = StringOrNull(plan, "currency");
  d["commitment"] = NumberOrNull(plan, "commitment");
  d["upfront_cost"] = NumberOrNull(plan, "upfrontPaymentAmount");
  d["recurring_cost"] = NumberOrNull(plan, "recurringPaymentAmount");
  d["start_date"] = StringOrNull(plan, "start");  // The API's own strings, verbatim (§b.1).
  d["end_date"] = StringOrNull(plan, "end");
  d["returnable_until"] = StringOrNull(plan, "returnableUntil");
  d["duration_seconds"] = IntegerOrNull(plan, "termDurationInSeconds");
  d["state"] = StringOrNull(plan, "state");
  d["description"] = StringOrNull(plan, "description");
  return c;
}

// ---- Listings -----------------------------------------------------------------------------------

void ListEc2(CategoryContext& ctx, std::vector<Commitment>& out) {
  const nlohmann::json params = {{"Filters", {{{"Name", "state"}, {"Values", {"active"}}}}}};
  auto output = ctx.Call("ec2", "DescribeReservedInstances", params);  // Not paginated.
  if (!output.ok()) return ctx.Fail(kTag, output.status());
  for (const auto& ri : output->value("ReservedInstances", nlohmann::json::array())) {
    out.push_back(Ec2Commitment(ri, ctx.region()));
  }
}

void ListRds(CategoryContext& ctx, std::vector<Commitment>& out) {
  const Status status =
      ctx.Paginate("rds", "DescribeReservedDBInstances", nlohmann::json::object(),
                   [&](const nlohmann::json& page) {
                     for (const auto& ri : cost_explorer::Field(page, "ReservedDBInstances")) {
                       out.push_back(RdsCommitment(ri));
                     }
                     return OkStatus();
                   });
  if (!status.ok()) ctx.Fail(kTag, status);
}

void ListSavingsPlans(CategoryContext& ctx, std::vector<Commitment>& out) {
  nlohmann::json params = {{"states", {"active"}}};
  while (true) {
    auto page = ctx.Call("savingsplans", "DescribeSavingsPlans", params);
    if (!page.ok()) return ctx.Fail(kTag, page.status());
    for (const auto& plan : page->value("savingsPlans", nlohmann::json::array())) {
      out.push_back(PlanCommitment(plan));
    }
    const std::string token = StringOr(*page, "nextToken", "");
    if (token.empty()) break;
    params["nextToken"] = token;
  }
}

// ---- Utilisation --------------------------------------------------------------------------------

using Days = std::map<std::string, std::vector<Day4>>;  // subscription id -> days with data.

// A utilisation request failed: no data (DataUnavailableException) is expected and silent.
void UtilizationFailed(CategoryContext& ctx, const Status& status) {
  if (status.reason() != "DataUnavailableException") ctx.Fail(kTag, status);
}

// The days each reservation of `service` in the document's region was used on.
void ReservationDays(CategoryContext& ctx, const char* service, Days& days) {
  const Window& window = ctx.window();
  nlohmann::json filters = nlohmann::json::array();
  filters.push_back({{"Dimensions", {{"Key", "REGION"}, {"Values", {ctx.region()}}}}});
  filters.push_back({{"Dimensions", {{"Key", "SERVICE"}, {"Values", {service}}}}});
  nlohmann::json params = {{"TimePeriod", cost_explorer::TimePeriod(window.start, window.end)},
                           {"Granularity", "DAILY"},
                           {"GroupBy", {{{"Type", "DIMENSION"}, {"Key", "SUBSCRIPTION_ID"}}}},
                           {"Filter", {{"And", std::move(filters)}}}};
  while (true) {
    auto page = ctx.Call("ce", "GetReservationUtilization", params);
    if (!page.ok()) return UtilizationFailed(ctx, page.status());
    for (const auto& period : page->value("UtilizationsByTime", nlohmann::json::array())) {
      const std::string date = StringOr(cost_explorer::Field(period, "TimePeriod"), "Start", "");
      for (const auto& group : cost_explorer::Field(period, "Groups")) {
        const auto u = cost_explorer::Field(group, "Utilization");
        const double utilization =
            cost_explorer::Amount(cost_explorer::Field(u, "UtilizationPercentage"));
        if (utilization <= 0) continue;  // Only days the reservation was used (the original's).
        days[StringOr(group, "Value", "")].push_back(
            {date, Round2(utilization),
             Round2(cost_explorer::Amount(cost_explorer::Field(u, "OnDemandCostOfRIHoursUsed"))),
             Round2(cost_explorer::Amount(cost_explorer::Field(u, "TotalAmortizedFee"))),
             Round2(cost_explorer::Amount(cost_explorer::Field(u, "NetRISavings")))});
      }
    }
    const std::string token = StringOr(*page, "NextPageToken", "");
    if (token.empty()) break;
    params["NextPageToken"] = token;
  }
}

std::vector<Day4> PlanDays(CategoryContext& ctx, const Commitment& plan) {
  const Window& window = ctx.window();
  const nlohmann::json params = {
      {"TimePeriod", cost_explorer::TimePeriod(window.start, window.end)},
      {"Granularity", "DAILY"},
      {"Filter", {{"Dimensions", {{"Key", "SAVINGS_PLAN_ARN"}, {"Values", {plan.arn}}}}}}};
  std::vector<Day4> days;
  auto output = ctx.Call("ce", "GetSavingsPlansUtilization", params);
  if (!output.ok()) {
    UtilizationFailed(ctx, output.status());
    return days;
  }
  for (const auto& period :
       output->value("SavingsPlansUtilizationsByTime", nlohmann::json::array())) {
    const auto u = cost_explorer::Field(period, "Utilization");
    const auto s = cost_explorer::Field(period, "Savings");
    days.push_back(
        {StringOr(cost_explorer::Field(period, "TimePeriod"), "Start", ""),
         Round2(cost_explorer::Amount(cost_explorer::Field(u, "UtilizationPercentage"))),
         Round2(cost_explorer::Amount(cost_explorer::Field(s, "OnDemandCostEquivalent"))),
         Round2(cost_explorer::Amount(cost_explorer::Field(u, "UsedCommitment"))),
         Round2(cost_explorer::Amount(cost_explorer::Field(s, "NetSavings")))});
  }
  return days;
}

// ---- Elements -----------------------------------------------------------------------------------

Json Element(const Commitment& c, const std::string& from, const std::string& to) {
  Json element = c.details;
  element["date_from"] = from;
  element["date_to"] = to;
  element["reservation_type"] = c.kind == Kind::kPlan ? kSavingsPlan : kReservedInstance;
  element["subscription_id"] = c.id;
  return element;
}

void AddRows(const Commitment& c, const std::vector<Day4>& days, const Window& window,
             Json& section) {
  if (days.empty()) {
    Json element = Element(c, FormatDay(window.start), FormatDay(window.end));
    element["utilization_percentage"] = 0;
    element["on_demand_cost"] = 0;
    element["reservation_cost"] = 0;
    element["net_savings"] = 0;
    section.push_back(std::move(element));
    return;
  }
  for (const Day4& day : days) {
    const auto parsed = ParseDay(day.date);
    const std::string next = parsed.ok() ? FormatDay(*parsed + std::chrono::days(1)) : day.date;
    Json element = Element(c, day.date, next);
    element["date"] = day.date;
    element["utilization_percentage"] = day.utilization;
    element["on_demand_cost"] = day.on_demand;
    element["reservation_cost"] = day.cost;
    element["net_savings"] = day.savings;
    section.push_back(std::move(element));
  }
}

Status Collect(CategoryContext& ctx, Json& section) {
  std::vector<Commitment> commitments;
  ListEc2(ctx, commitments);
  ListRds(ctx, commitments);
  if (ctx.target().home_region) ListSavingsPlans(ctx, commitments);

  Days reservation_days;
  bool ec2 = false, rds = false;
  for (const Commitment& c : commitments) {
    ec2 = ec2 || c.kind == Kind::kEc2;
    rds = rds || c.kind == Kind::kRds;
  }
  if (ec2) ReservationDays(ctx, kEc2Service, reservation_days);
  if (rds) ReservationDays(ctx, kRdsService, reservation_days);

  section = Json::array();
  for (const Commitment& c : commitments) {
    if (c.kind == Kind::kPlan) {
      AddRows(c, PlanDays(ctx, c), ctx.window(), section);
    } else {
      const auto it = reservation_days.find(c.id);
      AddRows(c, it == reservation_days.end() ? std::vector<Day4>{} : it->second, ctx.window(),
              section);
    }
  }
  return OkStatus();
}

}  // namespace

const Category& RiSpSavingsCategory() {
  static const Category category{"ri_sp_savings",  "ri_sp_savings", "ri_sp_savings",
                                 Scope::kRegional, Collect,         kOperations};
  return category;
}

}  // namespace view360::collect
