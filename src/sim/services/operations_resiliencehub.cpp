// AWS Resilience Hub: ListApps, DescribeApp, DescribeResiliencyPolicy, ListTestRecommendations
// and DescribeAppVersionResourcesResolutionStatus. Some accounts use Resilience Hub; they have a
// few resiliency policies and applications per region, created on various days and assessed
// daily (yesterday) or once in a while.
//
// The served operations offer no way to list assessments, so ListTestRecommendations accepts,
// besides an app's latest assessment ARN ("...:app-assessment/<uuid>"), the app's own ARN as a
// shorthand for its latest assessment (a simulator convenience; AWS refuses it).
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/services/operations_internal.h"

namespace view360::sim {
namespace {

// Share of accounts that use Resilience Hub.
constexpr double kAdoptionShare = 0.55;

struct PolicyTemplate {
  const char* suffix;
  const char* tier;
  const char* cost_tier;
  int software_rto, software_rpo, hardware_rto, hardware_rpo, az_rto, az_rpo;
  int region_rto, region_rpo;  // 0: no Region objective.
};

// Seconds, after the AWS suggested policies.
constexpr PolicyTemplate kPolicies[] = {
    {"mission-critical", "MissionCritical", "L4", 300, 60, 300, 60, 300, 60, 3600, 300},
    {"critical", "Critical", "L3", 3600, 300, 3600, 300, 3600, 300, 14400, 3600},
    {"important", "Important", "L2", 14400, 3600, 14400, 3600, 14400, 3600, 0, 0},
    {"non-critical", "NonCritical", "L1", 172800, 86400, 172800, 86400, 172800, 86400, 0, 0},
};

constexpr const char* kAppNames[] = {
    "payments-platform", "customer-portal", "order-pipeline", "data-lake-ingest",
    "identity-service",  "reporting",       "mobile-backend", "search"};

struct Policy {
  std::string arn, name;
  const PolicyTemplate* spec = nullptr;
  Clock::time_point created;
};

struct App {
  std::string arn, name, description, schedule, compliance, drift, assessment_arn;
  const Policy* policy = nullptr;
  Clock::time_point created;
  std::optional<Clock::time_point> assessed;
  double score = 0;
  int rto = 0, rpo = 0;
};

struct Hub {
  std::vector<Policy> policies;
  std::vector<App> apps;  // Points into policies: keep Hub whole.
  Hub() = default;
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  const App* FindApp(std::string_view arn) const {
    for (const auto& a : apps) {
      if (a.arn == arn) return &a;
    }
    return nullptr;
  }
};

std::string Arn(const ApiCall& call, std::string_view kind, const std::string& id) {
  return "arn:aws:resiliencehub:" + call.region + ":" + call.account.id + ":" + std::string(kind) +
         "/" + id;
}

void Build(const ApiCall& call, Hub& hub) {
  const World& world = call.world;
  const Account& account = call.account;
  if (!world.RegionEnabled(account, call.region)) return;
  // The management account always uses it, with apps in every region.
  const bool management = account.index == 0;
  if (!management && !Rng(world.seed(), {"resiliencehub", account.id}).Chance(kAdoptionShare)) {
    return;
  }
  const bool home = account.regions.front() == call.region;
  Rng rng(world.seed(), {"resiliencehub-region", account.id, call.region});
  const int apps = static_cast<int>(home || management ? rng.Between(1, 4) : rng.Between(0, 2));
  if (apps == 0) return;
  const Day first = std::max(world.first_day(), DayOf(account.joined));
  const Day today = world.today();
  const size_t policies = static_cast<size_t>(rng.Between(1, 3));
  const size_t first_tier = static_cast<size_t>(rng.Between(0, 3));
  hub.policies.reserve(policies);
  for (size_t p = 0; p < policies; ++p) {
    Rng r(world.seed(), {"resiliencehub-policy", account.id, call.region}, static_cast<int64_t>(p));
    const auto& spec = kPolicies[(p + first_tier) % std::size(kPolicies)];
    Policy policy;
    policy.spec = &spec;
    policy.name = account.environment + "-" + spec.suffix;
    policy.arn = Arn(call, "resiliency-policy", ops::Uuid(r));
    policy.created = ops::MomentOn(static_cast<Day>(r.Between(first, today - 1)), r);
    hub.policies.push_back(std::move(policy));
  }
  const size_t first_name = static_cast<size_t>(rng.Between(0, std::size(kAppNames) - 1));
  for (int i = 0; i < apps; ++i) {
    Rng r(world.seed(), {"resiliencehub-app", account.id, call.region}, i);
    App app;
    app.name = kAppNames[(first_name + static_cast<size_t>(i) * 3) % std::size(kAppNames)];
    app.arn = Arn(call, "app", ops::Uuid(r));
    app.description =
        "Resilience assessment of the " + app.name + " workload (" + account.environment + ").";
    const Day created = static_cast<Day>(r.Between(first, today));
    app.created = ops::MomentOn(created, r, 0, created == today ? 6 : 24);
    app.policy =
        r.Chance(0.9)
            ? &hub.policies[static_cast<size_t>(r.Between(0, static_cast<int64_t>(policies) - 1))]
            : nullptr;
    app.schedule = r.Chance(0.6) ? "Daily" : "Disabled";
    // Daily assessments run at the app's hour; the latest complete one is yesterday's (or the
    // creation day's). Manual ones happen once in a while after creation, or never.
    std::optional<Day> assessed;
    if (app.schedule == "Daily" && created < today) {
      assessed = today - 1;
    } else if (r.Chance(0.8) && created < today) {
      assessed = ops::RecentDay(r, created, today - 1, 30);
    }
    if (assessed) {
      app.assessed = std::max(app.created + std::chrono::minutes(5), ops::MomentOn(*assessed, r));
      app.assessment_arn = Arn(call, "app-assessment", ops::Uuid(r));
      app.score = std::round((35 + 63 * r.Uniform()) * 10) / 10;
    }
    const bool met = r.Chance(0.6);
    if (!app.policy) {
      app.compliance = "MissingPolicy";
    } else if (!assessed) {
      app.compliance = "NotAssessed";
    } else {
      app.compliance = met ? "PolicyMet" : r.Chance(0.7) ? "PolicyBreached" : "ChangesDetected";
    }
    if (app.policy && assessed) {
      const double factor = met ? 0.5 + 0.5 * r.Uniform() : 1.5 + 3 * r.Uniform();
      app.rto = static_cast<int>(app.policy->spec->az_rto * factor);
      app.rpo = static_cast<int>(app.policy->spec->az_rpo * factor);
    }
    app.drift = app.schedule != "Daily" || !assessed ? "NotChecked"
                : r.Chance(0.2)                      ? "Detected"
                                                     : "NotDetected";
    hub.apps.push_back(std::move(app));
  }
}

nlohmann::json Objectives(const PolicyTemplate& p) {
  nlohmann::json out = {
      {"Software", {{"rtoInSecs", p.software_rto}, {"rpoInSecs", p.software_rpo}}},
      {"Hardware", {{"rtoInSecs", p.hardware_rto}, {"rpoInSecs", p.hardware_rpo}}},
      {"AZ", {{"rtoInSecs", p.az_rto}, {"rpoInSecs", p.az_rpo}}}};
  if (p.region_rto > 0) {
    out["Region"] = {{"rtoInSecs", p.region_rto}, {"rpoInSecs", p.region_rpo}};
  }
  return out;
}

// The members ListApps and DescribeApp share.
nlohmann::json AppFields(const App& a) {
  nlohmann::json out = {{"appArn", a.arn},
                        {"name", a.name},
                        {"description", a.description},
                        {"creationTime", IsoTime(a.created)},
                        {"complianceStatus", a.compliance},
                        {"assessmentSchedule", a.schedule},
                        {"driftStatus", a.drift},
                        {"status", "Active"}};
  if (a.assessed) {
    out["resiliencyScore"] = a.score;
    out["lastAppComplianceEvaluationTime"] = IsoTime(*a.assessed);
    out["rtoInSecs"] = a.rto;
    out["rpoInSecs"] = a.rpo;
  } else {
    out["resiliencyScore"] = 0.0;
  }
  return out;
}

Reply AppNotFound(const ApiCall& call, std::string_view arn) {
  return NotFoundError(call, "ResourceNotFoundException",
                       "App not found for appArn " + std::string(arn));
}

Reply ListApps(const ApiCall& call) {
  auto from_or = ops::TimeParam(call, "fromLastAssessmentTime");
  if (auto* error = std::get_if<Reply>(&from_or)) return *error;
  auto to_or = ops::TimeParam(call, "toLastAssessmentTime");
  if (auto* error = std::get_if<Reply>(&to_or)) return *error;
  const auto from = std::get<std::optional<Clock::time_point>>(from_or);
  const auto to = std::get<std::optional<Clock::time_point>>(to_or);
  const std::string arn = call.Param("appArn");
  const std::string name = call.Param("name");
  Hub hub;
  Build(call, hub);
  if (!arn.empty() && !hub.FindApp(arn)) return AppNotFound(call, arn);
  std::vector<const App*> apps;
  for (const auto& a : hub.apps) {
    if (!arn.empty() && a.arn != arn) continue;
    if (!name.empty() && a.name != name) continue;
    if ((from || to) && !a.assessed) continue;
    if (from && *a.assessed < *from) continue;
    if (to && *a.assessed > *to) continue;
    apps.push_back(&a);
  }
  // Sorted by lastAppComplianceEvaluationTime, ascending unless reverseOrder (API reference).
  const bool reverse = call.params.value("reverseOrder", false);
  std::stable_sort(apps.begin(), apps.end(), [&](const App* a, const App* b) {
    const auto ta = a->assessed.value_or(Clock::time_point{});
    const auto tb = b->assessed.value_or(Clock::time_point{});
    return reverse ? ta > tb : ta < tb;
  });
  nlohmann::json summaries = nlohmann::json::array();
  for (const App* a : apps) summaries.push_back(AppFields(*a));
  return Ok({{"appSummaries", summaries}});
}

Reply DescribeApp(const ApiCall& call) {
  const std::string arn = call.Param("appArn");
  if (arn.empty()) return ValidationError(call, "appArn is required.");
  Hub hub;
  Build(call, hub);
  const App* a = hub.FindApp(arn);
  if (!a) return AppNotFound(call, arn);
  nlohmann::json app = AppFields(*a);
  if (a->policy) app["policyArn"] = a->policy->arn;
  if (a->assessed) {
    app["lastResiliencyScoreEvaluationTime"] = IsoTime(*a->assessed);
    if (a->drift != "NotChecked") app["lastDriftEvaluationTime"] = IsoTime(*a->assessed);
  }
  app["permissionModel"] = {{"type", "RoleBased"},
                            {"invokerRoleName", "AwsResilienceHubAssessmentRole"}};
  app["tags"] = {{"Environment", call.account.environment}, {"Application", a->name}};
  return Ok({{"app", app}});
}

Reply DescribeResiliencyPolicy(const ApiCall& call) {
  const std::string arn = call.Param("policyArn");
  if (arn.empty()) return ValidationError(call, "policyArn is required.");
  Hub hub;
  Build(call, hub);
  for (const auto& p : hub.policies) {
    if (p.arn != arn) continue;
    return Ok({{"policy",
                {{"policyArn", p.arn},
                 {"policyName", p.name},
                 {"policyDescription",
                  std::string("Resiliency targets for ") + p.spec->tier + " workloads."},
                 {"tier", p.spec->tier},
                 {"estimatedCostTier", p.spec->cost_tier},
                 {"dataLocationConstraint", "AnyLocation"},
                 {"creationTime", IsoTime(p.created)},
                 {"policy", Objectives(*p.spec)}}}});
  }
  return NotFoundError(call, "ResourceNotFoundException",
                       "ResiliencyPolicy not found for policyArn " + arn);
}

struct TestTemplate {
  const char* name;
  const char* component;
  const char* type;  // Software | Hardware | AZ | Region
  const char* risk;  // Small | Medium | High
  const char* reference;
  const char* intent;
};

constexpr TestTemplate kTests[] = {
    {"Test RDS Multi-AZ failover", "database", "AZ", "High", "rds:test:failover:2022-09-01",
     "The database fails over to the standby within the RTO."},
    {"Terminate EC2 instances in one Availability Zone", "compute", "AZ", "Medium",
     "ec2:test:az-instance-termination:2022-09-01",
     "Auto Scaling replaces the lost capacity in the remaining zones."},
    {"Throttle Lambda function invocations", "functions", "Software", "Small",
     "lambda:test:throttling:2023-03-01", "Callers retry with backoff and no request is lost."},
    {"Inject CPU stress on application instances", "compute", "Hardware", "Small",
     "ec2:test:cpu-stress:2022-09-01", "Scaling policies add capacity before latency degrades."},
    {"Restore the database from the latest backup", "database", "Software", "Medium",
     "rds:test:restore-from-backup:2023-01-10", "A restore completes within the RPO."},
    {"Fail over to the secondary region", "application", "Region", "High",
     "route53:test:region-failover:2023-06-01", "Traffic moves to the standby region."},
};

Reply ListTestRecommendations(const ApiCall& call) {
  const std::string arn = call.Param("assessmentArn");
  if (arn.empty()) return ValidationError(call, "assessmentArn is required.");
  Hub hub;
  Build(call, hub);
  const App* app = nullptr;
  for (const auto& a : hub.apps) {
    if (a.assessed && (a.assessment_arn == arn || a.arn == arn)) app = &a;
  }
  if (!app) {
    return NotFoundError(call, "ResourceNotFoundException",
                         "AppAssessment not found for assessmentArn " + arn);
  }
  Rng rng(call.world.seed(), {"resiliencehub-tests", app->assessment_arn});
  nlohmann::json list = nlohmann::json::array();
  const size_t start = static_cast<size_t>(rng.Between(0, std::size(kTests) - 1));
  const int count = static_cast<int>(rng.Between(2, 5));
  for (int i = 0; i < count; ++i) {
    const auto& t = kTests[(start + static_cast<size_t>(i)) % std::size(kTests)];
    static constexpr const char* kStatuses[] = {"NotImplemented", "NotImplemented", "Implemented",
                                                "Excluded", "Inactive"};
    const std::string status = rng.Pick(kStatuses);
    nlohmann::json item = {{"resourceId", app->name + "-" + t.component},
                           {"targetAccountId", call.account.id},
                           {"targetRegion", call.region},
                           {"alreadyImplemented", status == "Implemented"},
                           {"excluded", status == "Excluded"}};
    if (status == "Excluded") item["excludeReason"] = "NotRelevant";
    list.push_back({{"recommendationId", ops::Uuid(rng)},
                    {"referenceId", t.reference},
                    {"name", t.name},
                    {"appComponentName", std::string(t.component)},
                    {"appComponentId", app->name + "-" + t.component},
                    {"description", std::string(t.name) + " for the " + app->name + " app."},
                    {"intent", t.intent},
                    {"type", t.type},
                    {"risk", t.risk},
                    {"recommendationStatus", status},
                    {"items", nlohmann::json::array({item})}});
  }
  return Ok({{"testRecommendations", list}});
}

Reply DescribeAppVersionResourcesResolutionStatus(const ApiCall& call) {
  const std::string arn = call.Param("appArn");
  const std::string version = call.Param("appVersion");
  if (arn.empty() || version.empty()) {
    return ValidationError(call, "appArn and appVersion are required.");
  }
  Hub hub;
  Build(call, hub);
  const App* app = hub.FindApp(arn);
  if (!app) return AppNotFound(call, arn);
  if (version != "release" && version != "draft") {
    return NotFoundError(call, "ResourceNotFoundException",
                         "AppVersion " + version + " not found for appArn " + arn);
  }
  Rng rng(call.world.seed(), {"resiliencehub-resolution", app->arn, version});
  const std::string resolution = call.Param("resolutionId", ops::Uuid(rng));
  const bool fresh = DayOf(app->created) >= call.world.today() - 1;
  const double u = rng.Uniform();
  const std::string status = fresh      ? (u < 0.5 ? "Pending" : "InProgress")
                             : u < 0.92 ? "Success"
                                        : "Failed";
  nlohmann::json out = {{"appArn", app->arn},
                        {"appVersion", version},
                        {"resolutionId", resolution},
                        {"status", status}};
  if (status == "Failed") {
    out["errorMessage"] =
        "Failed to resolve resources of the CloudFormation stack: the stack was not found.";
  }
  return Ok(out);
}

}  // namespace

void RegisterResilienceHubService(HandlerTable& table) {
  table.Add("resiliencehub", "ListApps", ListApps);
  table.Add("resiliencehub", "DescribeApp", DescribeApp);
  table.Add("resiliencehub", "DescribeResiliencyPolicy", DescribeResiliencyPolicy);
  table.Add("resiliencehub", "ListTestRecommendations", ListTestRecommendations);
  table.Add("resiliencehub", "DescribeAppVersionResourcesResolutionStatus",
            DescribeAppVersionResourcesResolutionStatus);
}

}  // namespace view360::sim
