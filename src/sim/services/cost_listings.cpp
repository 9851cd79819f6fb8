// The commitment listings: EC2 DescribeReservedInstances and RDS DescribeReservedDBInstances
// (per region, with their filters) and Savings Plans DescribeSavingsPlans (account-wide).
#include <algorithm>

#include "sim/services/cost_internal.h"

namespace view360::sim::cost {
namespace {

// EC2 filter values allow the wildcards * and ?.
bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (GlobMatch(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && (pattern[0] == '?' || pattern[0] == text[0]) &&
         GlobMatch(pattern.substr(1), text.substr(1));
}

std::vector<std::string> Strings(const nlohmann::json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& v : list) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The instant a reservation began: its start day, at a time of day fixed by its id.
Clock::time_point StartTime(const World& world, const Reservation& r) {
  return StartOf(r.start) +
         std::chrono::seconds(Rng(world.seed(), {"ri-time", r.id}).Between(0, 86399));
}

// ---- EC2 ----------------------------------------------------------------------------------------

// The value of an EC2 DescribeReservedInstances filter for `r`; nullopt for an unknown name.
std::optional<std::string> Ec2FilterValue(const World& world, const Reservation& r,
                                          std::string_view name) {
  if (name == "state") return r.state;
  if (name == "instance-type") return r.instance_type;
  if (name == "reserved-instances-id") return r.id;
  if (name == "scope") return r.scope;
  if (name == "product-description") return r.product;
  if (name == "availability-zone") return r.zone;
  if (name == "duration") return std::to_string(r.duration_seconds);
  if (name == "fixed-price") return FormatNumber(r.fixed_price, 4);
  if (name == "usage-price") return "0.0";
  if (name == "start") return IsoTime(StartTime(world, r));
  if (name == "end") {
    return IsoTime(StartTime(world, r) + std::chrono::seconds(r.duration_seconds));
  }
  return std::nullopt;
}

nlohmann::json Ec2Json(const World& world, const Reservation& r) {
  const auto start = StartTime(world, r);
  nlohmann::json out = {{"ReservedInstancesId", r.id},
                        {"InstanceType", r.instance_type},
                        {"Start", IsoTime(start)},
                        {"End", IsoTime(start + std::chrono::seconds(r.duration_seconds))},
                        {"Duration", r.duration_seconds},
                        {"UsagePrice", 0.0},
                        {"FixedPrice", r.fixed_price},
                        {"InstanceCount", r.count},
                        {"ProductDescription", r.product},
                        {"State", r.state},
                        {"Tags", nlohmann::json::array()},
                        {"InstanceTenancy", "default"},
                        {"CurrencyCode", "USD"},
                        {"OfferingType", PaymentOptionName(r.payment)},
                        {"RecurringCharges", nlohmann::json::array()},
                        {"OfferingClass", r.offering_class},
                        {"Scope", r.scope}};
  if (r.recurring_hourly > 0) {
    out["RecurringCharges"].push_back({{"Amount", r.recurring_hourly}, {"Frequency", "Hourly"}});
  }
  if (!r.zone.empty()) out["AvailabilityZone"] = r.zone;
  return out;
}

Reply DescribeReservedInstances(const ApiCall& call) {
  if (call.params.value("DryRun", false)) {
    return AwsError(412, "DryRunOperation",
                    "Request would have succeeded, but DryRun flag is set.");
  }
  const auto ids = Strings(call.params.value("ReservedInstancesIds", nlohmann::json::array()));
  const std::string offering_class = call.Param("OfferingClass");
  const std::string offering_type = call.Param("OfferingType");
  const auto filters = call.params.value("Filters", nlohmann::json::array());
  const auto reservations = Ec2Reservations(call.world, call.account, call.region);
  for (const auto& id : ids) {
    if (std::none_of(reservations.begin(), reservations.end(),
                     [&](const Reservation& r) { return r.id == id; })) {
      return AwsError(400, "InvalidReservedInstancesId",
                      "Reserved Instances ID '" + id + "' does not exist.");
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : reservations) {
    if (!ids.empty() && !Contains(ids, r.id)) continue;
    if (!offering_class.empty() && offering_class != r.offering_class) continue;
    if (!offering_type.empty() && offering_type != PaymentOptionName(r.payment)) continue;
    bool keep = true;
    for (const auto& filter : filters) {
      const std::string name = filter.value("Name", "");
      const auto value = Ec2FilterValue(call.world, r, name);
      if (!value) {
        if (name.starts_with("tag:") || name == "tag-key") {
          keep = false;  // The simulated reservations carry no tags.
          break;
        }
        return AwsError(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
      }
      const auto values = Strings(filter.value("Values", nlohmann::json::array()));
      keep = std::any_of(values.begin(), values.end(),
                         [&](const std::string& v) { return GlobMatch(v, *value); });
      if (!keep) break;
    }
    if (keep) list.push_back(Ec2Json(call.world, r));
  }
  return Ok({{"ReservedInstances", std::move(list)}});
}

// ---- RDS ----------------------------------------------------------------------------------------

nlohmann::json RdsJson(const World& world, const Reservation& r) {
  nlohmann::json out = {
      {"ReservedDBInstanceId", r.id},
      {"ReservedDBInstancesOfferingId", r.offering_id},
      {"DBInstanceClass", r.instance_type},
      {"StartTime", IsoTime(StartTime(world, r))},
      {"Duration", r.duration_seconds},
      {"FixedPrice", r.fixed_price},
      {"UsagePrice", 0.0},
      {"CurrencyCode", "USD"},
      {"DBInstanceCount", r.count},
      {"ProductDescription", r.product},
      {"OfferingType", PaymentOptionName(r.payment)},
      {"MultiAZ", r.multi_az},
      {"State", r.state},
      {"RecurringCharges", nlohmann::json::array()},
      {"ReservedDBInstanceArn", "arn:aws:rds:" + r.region + ":" + r.account_id + ":ri:" + r.id},
      {"LeaseId", r.lease_id}};
  if (r.recurring_hourly > 0) {
    out["RecurringCharges"].push_back(
        {{"RecurringChargeAmount", r.recurring_hourly}, {"RecurringChargeFrequency", "Hourly"}});
  }
  return out;
}

// RDS's Duration parameter: years ("1", "3") or seconds ("31536000").
bool DurationMatches(std::string_view wanted, int64_t seconds) {
  if (wanted.empty()) return true;
  const std::string years = std::to_string(seconds / 31'536'000);
  return wanted == years || wanted == std::to_string(seconds);
}

Reply DescribeReservedDBInstances(const ApiCall& call) {
  const std::string id = call.Param("ReservedDBInstanceId");
  const std::string offering_id = call.Param("ReservedDBInstancesOfferingId");
  const std::string instance_class = call.Param("DBInstanceClass");
  const std::string duration = call.Param("Duration");
  const std::string product = call.Param("ProductDescription");
  const std::string offering_type = call.Param("OfferingType");
  const std::string lease_id = call.Param("LeaseId");
  const auto multi_az = call.params.find("MultiAZ");
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : RdsReservations(call.world, call.account, call.region)) {
    if ((!id.empty() && r.id != id) || (!offering_id.empty() && r.offering_id != offering_id) ||
        (!instance_class.empty() && r.instance_type != instance_class) ||
        !DurationMatches(duration, r.duration_seconds) ||
        (!product.empty() && r.product != product) ||
        (!offering_type.empty() && PaymentOptionName(r.payment) != offering_type) ||
        (!lease_id.empty() && r.lease_id != lease_id) ||
        (multi_az != call.params.end() && multi_az->is_boolean() &&
         multi_az->get<bool>() != r.multi_az)) {
      continue;
    }
    list.push_back(RdsJson(call.world, r));
  }
  if (!id.empty() && list.empty()) {
    return AwsError(404, "ReservedDBInstanceNotFound",
                    "Reserved DB instance " + id + " not found.");
  }
  return Ok({{"ReservedDBInstances", std::move(list)}});
}

}  // namespace

void RegisterReservationListings(HandlerTable& table) {
  table.Add("ec2", "DescribeReservedInstances", DescribeReservedInstances);
  table.Add("rds", "DescribeReservedDBInstances", DescribeReservedDBInstances);
}

}  // namespace view360::sim::cost
