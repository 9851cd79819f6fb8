// The "operations" group: config, support, health, application-signals, resiliencehub and
// marketplace-entitlement (one file each, operations_<service>.cpp), plus the helpers of
// operations_internal.h they share.
#include <chrono>
#include <cmath>
#include <cstdio>

#include "sim/services/operations_internal.h"
#include "sim/services/services.h"

namespace view360::sim {

void RegisterOperationsServices(HandlerTable& table) {
  RegisterConfigService(table);
  RegisterSupportService(table);
  RegisterHealthService(table);
  RegisterApplicationSignalsService(table);
  RegisterResilienceHubService(table);
  RegisterMarketplaceEntitlementService(table);
}

namespace ops {

bool HasBusinessSupport(const World& world, const Account& account) {
  if (account.index == 0) return true;
  return !Rng(world.seed(), {"support-plan", account.id}).Chance(kNoBusinessSupportShare);
}

Reply SubscriptionRequired() {
  return AwsError(400, "SubscriptionRequiredException",
                  "AWS Premium Support Subscription is required to use this service.");
}

std::vector<std::string> StringList(const nlohmann::json& params, std::string_view name) {
  std::vector<std::string> out;
  auto it = params.find(name);
  if (it == params.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

bool Allowed(const std::vector<std::string>& allowed, std::string_view value) {
  if (allowed.empty()) return true;
  for (const auto& a : allowed) {
    if (a == value) return true;
  }
  return false;
}

TimeOrError TimeParam(const ApiCall& call, std::string_view name) {
  return TimeParam(call, call.params, name);
}

TimeOrError TimeParam(const ApiCall& call, const nlohmann::json& object, std::string_view name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<Clock::time_point>();
  if (it->is_number()) {
    const auto seconds = std::chrono::duration<double>(it->get<double>());
    return std::optional<Clock::time_point>(
        Clock::time_point(std::chrono::duration_cast<Clock::duration>(seconds)));
  }
  if (!it->is_string()) return ValidationError(call, "Invalid value for " + std::string(name));
  auto time = ParseTime(it->get<std::string>());
  if (!time.ok()) {
    return ValidationError(
        call, "Invalid timestamp for " + std::string(name) + ": " + it->get<std::string>());
  }
  return std::optional<Clock::time_point>(*time);
}

Clock::time_point MomentOn(Day day, Rng& rng, int from_hour, int to_hour) {
  return StartOf(day) + std::chrono::seconds(rng.Between(from_hour * 3600LL, to_hour * 3600LL - 1));
}

Day RecentDay(Rng& rng, Day first, Day last, double mean_age) {
  const double age = -std::log(1.0 - rng.Uniform()) * mean_age;
  const Day day = last - static_cast<Day>(age);
  return day < first ? first : day;
}

std::string Uuid(Rng& rng) {
  std::string hex = rng.Hex(32);
  hex[12] = '4';
  hex[16] = "89ab"[rng.Next() % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string IsoMillis(Clock::time_point time) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  std::string text = IsoTime(time);  // "...T10:12:13Z"
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(millis));
  text.insert(text.size() - 1, fraction);
  return text;
}

}  // namespace ops
}  // namespace view360::sim
