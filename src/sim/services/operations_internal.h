// Shared corner of the "operations" group (config, support, health, application-signals,
// resiliencehub, marketplace-entitlement): one registration function per service and the small
// helpers their handlers share. Internal to services/operations_*.cpp; may change freely.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/handler.h"

namespace view360::sim {

void RegisterConfigService(HandlerTable& table);
void RegisterSupportService(HandlerTable& table);
void RegisterHealthService(HandlerTable& table);
void RegisterApplicationSignalsService(HandlerTable& table);
void RegisterResilienceHubService(HandlerTable& table);
void RegisterMarketplaceEntitlementService(HandlerTable& table);

namespace ops {

// Share of member accounts on the Basic or Developer support plan: the Support API and the
// Health API answer them SubscriptionRequiredException. The management account always has
// Business support.
inline constexpr double kNoBusinessSupportShare = 0.3;

// Whether the account's support plan opens the Support and Health APIs (Business or higher).
bool HasBusinessSupport(const World& world, const Account& account);
// What AWS Support and AWS Health answer an account without Business support (HTTP 400).
Reply SubscriptionRequired();

// params[name] as a list of strings (absent or not a list: empty).
std::vector<std::string> StringList(const nlohmann::json& params, std::string_view name);
// Whether `value` is in `allowed`, or `allowed` is empty (no filter).
bool Allowed(const std::vector<std::string>& allowed, std::string_view value);

// object[name] (by default the call's parameters) as a time: nullopt when absent, a
// ValidationError Reply when unreadable.
using TimeOrError = std::variant<std::optional<Clock::time_point>, Reply>;
TimeOrError TimeParam(const ApiCall& call, const nlohmann::json& object, std::string_view name);
TimeOrError TimeParam(const ApiCall& call, std::string_view name);

// A moment inside `day`, drawn from `rng` between the hours [from_hour, to_hour).
Clock::time_point MomentOn(Day day, Rng& rng, int from_hour = 0, int to_hour = 24);
// A day in [first, last] drawn so that recent days are likelier (exponential, mean `mean_age`
// days before `last`), never before `first`.
Day RecentDay(Rng& rng, Day first, Day last, double mean_age);

// A random version-4 UUID ("8e1c...-...") from `rng`.
std::string Uuid(Rng& rng);
// "2025-09-14T10:12:13.000Z": the millisecond form the Support API writes in its string times.
std::string IsoMillis(Clock::time_point time);

// The Marketplace products GetEntitlements knows (operations_marketplace.cpp).
inline constexpr const char* kMarketplaceProductCodes[] = {
    "4ekwyivpz8n2nde5xk0pmx6zy", "b7nvqh6cs2yq3fv6m1ujhq1xw", "9d2l5jrz8w1xkgmf0oy3pq7tc"};

// ---- AWS Config (operations_config_model.cpp) ---------------------------------------------------

// Config runs in an account and region when the region is enabled and a configuration recorder
// exists there: some accounts never set Config up, and some skip a non-home region.
bool ConfigEnabled(const World& world, const Account& account, std::string_view region);

struct ConfigRule {
  std::string name;  // As deployed: "encrypted-volumes", or "...-conformance-pack-ab12cd34".
  int spec = 0;      // Index into the managed-rule catalogue.
  std::string pack;  // The conformance pack that deployed it; "" for a standalone rule.
  Day created = 0;
};

struct ConformancePack {
  std::string name, arn, id;
  Clock::time_point created;
  std::vector<std::string> rule_names;
  bool parameters = false;  // Deployed with input parameters.
};

struct ConfigSetup {
  std::vector<ConformancePack> packs;
  std::vector<ConfigRule> rules;  // Standalone rules first, then each pack's.
  const ConfigRule* FindRule(std::string_view name) const;
  const ConformancePack* FindPack(std::string_view name) const;
};

// The packs and rules of an account and region; empty where Config is not enabled.
ConfigSetup ConfigSetupOf(const World& world, const Account& account, std::string_view region);

struct Evaluation {
  std::string rule_name, resource_type, resource_id;
  std::string compliance;  // COMPLIANT | NON_COMPLIANT.
  std::string annotation;  // "" for compliant results.
  Clock::time_point ordering, invoked, recorded;
};

// Evaluates rules against the resources of one account and region as they are today, fetching
// each resource type once. One per request; not shared between threads.
class ConfigEvaluator {
 public:
  ConfigEvaluator(const World& world, const Account& account, std::string region);
  ~ConfigEvaluator();
  // The rule's current results, one per resource in scope, most recently recorded first.
  std::vector<Evaluation> Evaluate(const ConfigRule& rule);

 private:
  struct Items;
  const World& world_;
  const Account& account_;
  std::string region_;
  std::unique_ptr<Items> items_;
};

// ---- Trusted Advisor (operations_support_checks.cpp)
// ---------------------------------------------

struct TrustedAdvisorCheck {
  const char* id;  // Trusted Advisor's check id ("Qch7DwouX1").
  const char* name;
  const char* category;     // cost_optimizing | security | fault_tolerance | performance |
                            // service_limits
  const char* description;  // HTML, as the API returns it.
  std::vector<const char*> metadata;  // Column names of a flagged resource's metadata.
};

// The check catalogue, in the API's order.
const std::vector<TrustedAdvisorCheck>& TrustedAdvisorChecks();
const TrustedAdvisorCheck* FindTrustedAdvisorCheck(std::string_view id);
// DescribeTrustedAdvisorCheckResult's `result` for the account: the check's latest refresh
// (yesterday for most checks, a few days back for some), over every enabled region.
nlohmann::json TrustedAdvisorResult(const World& world, const Account& account,
                                    const TrustedAdvisorCheck& check);

}  // namespace ops
}  // namespace view360::sim
