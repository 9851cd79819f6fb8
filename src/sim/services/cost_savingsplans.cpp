// Savings Plans DescribeSavingsPlans: the caller's plans (the API is global: every region's
// call sees them all), narrowed by ids, ARNs, states and filters.
#include <algorithm>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

constexpr std::string_view kStates[] = {"payment-pending", "payment-failed", "active",
                                        "retired",         "queued",         "queued-deleted",
                                        "pending-return",  "returned"};

// The Savings Plans API's timestamps are strings: "2024-01-01T00:00:00.000Z".
std::string PlanTime(Clock::time_point time) {
  std::string text = IsoTime(time);
  return text.insert(text.size() - 1, ".000");
}

Clock::time_point PlanStart(const World& world, const SavingsPlan& plan) {
  return StartOf(plan.start) +
         std::chrono::seconds(Rng(world.seed(), {"sp-time", plan.id}).Between(0, 86399));
}

std::string Amount(double value) { return FormatNumber(value, 3); }

std::string TermName(int64_t seconds) { return seconds > 31'536'000 ? "3yr" : "1yr"; }

// The value a DescribeSavingsPlans filter compares, by filter name.
std::string FilterValue(const World& world, const SavingsPlan& plan, std::string_view name) {
  if (name == "region") return plan.region;
  if (name == "ec2-instance-family" || name == "instance-family") return plan.instance_family;
  if (name == "commitment") return Amount(plan.commitment);
  if (name == "upfront") return Amount(plan.upfront());
  if (name == "term") return std::to_string(plan.term_seconds);
  if (name == "savings-plan-type") return plan.type;
  if (name == "payment-option") return std::string(PaymentOptionName(plan.payment));
  if (name == "start") return PlanTime(PlanStart(world, plan));
  if (name == "end") {
    return PlanTime(PlanStart(world, plan) + std::chrono::seconds(plan.term_seconds));
  }
  return "";
}

nlohmann::json PlanJson(const World& world, const SavingsPlan& plan) {
  const auto start = PlanStart(world, plan);
  const std::string years = plan.term_seconds > 31'536'000 ? "3" : "1";
  nlohmann::json out = {
      {"offeringId", plan.offering_id},
      {"savingsPlanId", plan.id},
      {"savingsPlanArn", plan.arn},
      {"description", years + " year " + std::string(PaymentOptionName(plan.payment)) + " " +
                          plan.type + " Savings Plan"},
      {"start", PlanTime(start)},
      {"end", PlanTime(start + std::chrono::seconds(plan.term_seconds))},
      {"state", plan.state},
      {"savingsPlanType", plan.type},
      {"paymentOption", PaymentOptionName(plan.payment)},
      {"productTypes", plan.product_types},
      {"currency", "USD"},
      {"commitment", Amount(plan.commitment)},
      {"upfrontPaymentAmount", Amount(plan.upfront())},
      {"recurringPaymentAmount", Amount(plan.recurring_hourly())},
      {"termDurationInSeconds", plan.term_seconds},
      {"tags", nlohmann::json::object()},
      {"returnableUntil", PlanTime(start + std::chrono::hours(24 * 7))}};
  if (!plan.region.empty()) out["region"] = plan.region;
  if (!plan.instance_family.empty()) out["ec2InstanceFamily"] = plan.instance_family;
  return out;
}

std::vector<std::string> Strings(const nlohmann::json& params, const char* name) {
  std::vector<std::string> out;
  for (const auto& v : params.value(name, nlohmann::json::array())) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

bool Allowed(const std::vector<std::string>& wanted, std::string_view value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

Reply DescribeSavingsPlans(const ApiCall& call) {
  const auto states = Strings(call.params, "states");
  for (const auto& state : states) {
    if (std::find(std::begin(kStates), std::end(kStates), state) == std::end(kStates)) {
      return ValidationError(call, "1 validation error detected: Value '" + state +
                                       "' at 'states' failed to satisfy constraint: Member must "
                                       "satisfy enum value set: [payment-pending, payment-failed, "
                                       "active, retired, queued, queued-deleted, pending-return, "
                                       "returned]");
    }
  }
  const auto ids = Strings(call.params, "savingsPlanIds");
  const auto arns = Strings(call.params, "savingsPlanArns");
  const auto filters = call.params.value("filters", nlohmann::json::array());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& plan : SavingsPlans(call.world, call.account)) {
    if (!Allowed(states, plan.state) || !Allowed(ids, plan.id) || !Allowed(arns, plan.arn)) {
      continue;
    }
    const bool keep = std::all_of(filters.begin(), filters.end(), [&](const nlohmann::json& f) {
      const std::string name = f.value("name", "");
      auto values = Strings(f, "values");
      std::string value = FilterValue(call.world, plan, name);
      if (name == "term" && Allowed(values, TermName(plan.term_seconds))) return true;
      return Allowed(values, value);
    });
    if (keep) list.push_back(PlanJson(call.world, plan));
  }
  return Ok({{"savingsPlans", std::move(list)}});
}

}  // namespace

void RegisterSavingsPlansListing(HandlerTable& table) {
  table.Add("savingsplans", "DescribeSavingsPlans", DescribeSavingsPlans);
}

}  // namespace view360::sim::cost
