// CloudWatch Application Signals: ListServices. Each account and region instruments a few
// services (on EKS, EC2 or Lambda, the Lambda ones being real functions of resources.h); a
// service is listed when it reported telemetry inside [StartTime, EndTime], which AWS limits to
// 24 hours.
#include <cctype>
#include <chrono>

#include "sim/resources.h"
#include "sim/services/operations_internal.h"

namespace view360::sim {
namespace {

// ListServices accepts at most a one-day window (API reference, StartTime/EndTime).
constexpr auto kMaxWindow = std::chrono::hours(24);
// Share of accounts that enabled Application Signals.
constexpr double kAdoptionShare = 0.6;

constexpr const char* kServiceNames[] = {"checkout-api",    "cart-service",  "payments-gateway",
                                         "catalog-service", "user-profile",  "orders-worker",
                                         "search-api",      "notifications", "inventory-sync"};

struct InstrumentedService {
  std::string name, environment;
  nlohmann::json attributes;  // AttributeMaps[0].
  Lifetime life;
};

std::vector<InstrumentedService> ServicesOf(const World& world, const Account& account,
                                            const std::string& region) {
  std::vector<InstrumentedService> out;
  if (!world.RegionEnabled(account, region)) return out;
  // The management account always has it enabled.
  if (account.index != 0 && !Rng(world.seed(), {"appsignals", account.id}).Chance(kAdoptionShare)) {
    return out;
  }
  Rng rng(world.seed(), {"appsignals-services", account.id, region});
  const std::string cluster = account.environment + "-cluster";
  const int count = static_cast<int>(rng.Between(2, 7));
  const size_t first_name = static_cast<size_t>(rng.Between(0, std::size(kServiceNames) - 1));
  for (int i = 0; i < count; ++i) {
    Rng s(world.seed(), {"appsignals-service", account.id, region}, i);
    InstrumentedService svc;
    svc.name = kServiceNames[(first_name + static_cast<size_t>(i) * 2) % std::size(kServiceNames)];
    svc.life.created = static_cast<Day>(s.Between(world.first_day(), world.today()));
    if (s.Chance(0.2)) {
      svc.life.deleted = static_cast<Day>(s.Between(svc.life.created + 1, world.today() + 1));
    }
    if (s.Chance(0.6)) {
      const std::string ns = s.Chance(0.5) ? "default" : svc.name.substr(0, svc.name.find('-'));
      svc.environment = "eks:" + cluster + "/" + ns;
      svc.attributes = {{"PlatformType", "AWS::EKS"},
                        {"EKS.Cluster", cluster},
                        {"K8s.Namespace", ns},
                        {"K8s.Workload", svc.name},
                        {"Application", svc.name}};
    } else {
      svc.environment = "ec2:default";
      svc.attributes = {{"PlatformType", "AWS::EC2"}, {"Application", svc.name}};
    }
    out.push_back(std::move(svc));
  }
  // Lambda functions report as services of their own.
  for (const auto& f : FunctionsOn(world, account, region, world.today())) {
    if (!Rng(world.seed(), {"appsignals-lambda", f.arn}).Chance(0.4)) continue;
    InstrumentedService svc;
    svc.name = f.name;
    svc.environment = "lambda:default";
    svc.attributes = {{"PlatformType", "AWS::Lambda"}, {"Lambda.Function.Name", f.name}};
    svc.life = f.life;
    out.push_back(std::move(svc));
  }
  return out;
}

nlohmann::json MetricReferences(const InstrumentedService& svc, const std::string& account_id) {
  nlohmann::json refs = nlohmann::json::array();
  for (const char* metric : {"Latency", "Error", "Fault"}) {
    std::string type = metric;
    for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    refs.push_back({{"Namespace", "ApplicationSignals"},
                    {"MetricType", type},
                    {"MetricName", metric},
                    {"AccountId", account_id},
                    {"Dimensions",
                     {{{"Name", "Environment"}, {"Value", svc.environment}},
                      {{"Name", "Service"}, {"Value", svc.name}}}}});
  }
  return refs;
}

Reply ListServices(const ApiCall& call) {
  auto start_or = ops::TimeParam(call, "StartTime");
  if (auto* error = std::get_if<Reply>(&start_or)) return *error;
  auto end_or = ops::TimeParam(call, "EndTime");
  if (auto* error = std::get_if<Reply>(&end_or)) return *error;
  const auto start = std::get<std::optional<Clock::time_point>>(start_or);
  const auto end = std::get<std::optional<Clock::time_point>>(end_or);
  if (!start || !end) return ValidationError(call, "StartTime and EndTime are required.");
  if (*end < *start) return ValidationError(call, "EndTime must be after StartTime.");
  if (*end - *start > kMaxWindow) {
    return ValidationError(call,
                           "The time range between StartTime and EndTime must not exceed "
                           "24 hours.");
  }
  const Day first = DayOf(*start);
  const Day last = DayOf(*end - std::chrono::seconds(*end > *start ? 1 : 0));
  nlohmann::json summaries = nlohmann::json::array();
  for (const auto& svc : ServicesOf(call.world, call.account, call.region)) {
    bool active = false;
    for (Day d = first; d <= last && !active; ++d) active = svc.life.ExistsOn(d);
    if (!active) continue;
    summaries.push_back(
        {{"KeyAttributes",
          {{"Type", "Service"}, {"Name", svc.name}, {"Environment", svc.environment}}},
         {"AttributeMaps", nlohmann::json::array({svc.attributes})},
         {"MetricReferences", MetricReferences(svc, call.account.id)}});
  }
  return Ok({{"StartTime", IsoTime(*start)},
             {"EndTime", IsoTime(*end)},
             {"ServiceSummaries", summaries}});
}

}  // namespace

void RegisterApplicationSignalsService(HandlerTable& table) {
  table.Add("application-signals", "ListServices", ListServices);
}

}  // namespace view360::sim
