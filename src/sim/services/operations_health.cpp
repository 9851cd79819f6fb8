// AWS Health: DescribeEvents. Public service issues are world-wide events (the same ARN in every
// affected account, as AWS does); scheduled changes and notifications are account-specific,
// some still upcoming. The filter's time ranges, status codes, services, regions, categories
// and type codes are honoured.
//
// Needs Business support, like the Support API (ops::HasBusinessSupport). Region: the Health
// API's global endpoint is in us-east-1; the simulator answers the same events whatever region
// the request is signed for.
#include <algorithm>
#include <cmath>

#include "sim/services/operations_internal.h"

namespace view360::sim {
namespace {

struct EventType {
  const char* service;
  const char* code;
  const char* category;  // issue | scheduledChange | accountNotification
  bool zonal;            // Names an Availability Zone.
};

constexpr EventType kIssues[] = {
    {"EC2", "AWS_EC2_OPERATIONAL_ISSUE", "issue", true},
    {"S3", "AWS_S3_OPERATIONAL_ISSUE", "issue", false},
    {"LAMBDA", "AWS_LAMBDA_OPERATIONAL_ISSUE", "issue", false},
    {"RDS", "AWS_RDS_OPERATIONAL_ISSUE", "issue", true},
    {"ELASTICLOADBALANCING", "AWS_ELASTICLOADBALANCING_OPERATIONAL_ISSUE", "issue", false},
    {"DYNAMODB", "AWS_DYNAMODB_OPERATIONAL_ISSUE", "issue", false},
};

constexpr EventType kAccountEvents[] = {
    {"EC2", "AWS_EC2_INSTANCE_SCHEDULED_MAINTENANCE", "scheduledChange", true},
    {"EC2", "AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED", "scheduledChange", true},
    {"EC2", "AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED", "scheduledChange", true},
    {"RDS", "AWS_RDS_MAINTENANCE_SCHEDULED", "scheduledChange", false},
    {"LAMBDA", "AWS_LAMBDA_PLANNED_LIFECYCLE_EVENT", "accountNotification", false},
    {"ACM", "AWS_ACM_RENEWAL_STATE_CHANGE", "accountNotification", false},
    {"BILLING", "AWS_BILLING_NOTIFICATION", "accountNotification", false},
};

// Chance of a public issue per region and day, and the share of accounts it touches.
constexpr double kIssueDailyChance = 0.06;
constexpr double kIssueAccountShare = 0.6;
// Mean days between two account-specific events; how far ahead scheduled changes are known.
constexpr double kAccountEventMeanGapDays = 8;
constexpr int kScheduleHorizonDays = 21;

struct Event {
  std::string arn, service, code, category, region, zone, status, scope;
  Clock::time_point start, end, updated;
};

// The simulated "now": 06:00 UTC of today; later events are upcoming.
Clock::time_point Now(const World& world) { return StartOf(world.today()) + std::chrono::hours(6); }

std::string StatusAt(Clock::time_point now, const Event& e) {
  if (e.start > now) return "upcoming";
  return e.end > now ? "open" : "closed";
}

std::string Arn(const std::string& region, const EventType& type, Rng& rng) {
  return "arn:aws:health:" + region + "::event/" + type.service + "/" + type.code + "/" +
         type.code + "_" + rng.Alnum(5) + "_" + rng.Hex(12);
}

void AddIssues(const World& world, const Account& account, std::vector<Event>& out) {
  const auto now = Now(world);
  for (const auto& region : account.regions) {
    for (Day day = world.first_day(); day <= world.today(); ++day) {
      Rng rng(world.seed(), {"health-issue", region}, day);
      if (!rng.Chance(kIssueDailyChance)) continue;
      if (!Rng(world.seed(), {"health-issue-account", region, account.id}, day)
               .Chance(kIssueAccountShare)) {
        continue;
      }
      const auto& type = rng.Pick(kIssues);
      Event e;
      e.arn = Arn(region, type, rng);
      e.service = type.service;
      e.code = type.code;
      e.category = type.category;
      e.region = region;
      if (type.zonal) e.zone = region + static_cast<char>('a' + rng.Between(0, 2));
      e.start = ops::MomentOn(day, rng, 0, day == world.today() ? 6 : 24);
      e.end = e.start + std::chrono::minutes(rng.Between(25, 6 * 60));
      e.updated = std::min(e.end, now);
      e.status = StatusAt(now, e);
      e.scope = "PUBLIC";
      out.push_back(std::move(e));
    }
  }
}

void AddAccountEvents(const World& world, const Account& account, std::vector<Event>& out) {
  if (account.regions.empty()) return;
  const auto now = Now(world);
  const Day first = std::max(world.first_day(), DayOf(account.joined));
  Rng gaps(world.seed(), {"health-account-days", account.id});
  Day day = first + static_cast<Day>(-std::log(1.0 - gaps.Uniform()) * kAccountEventMeanGapDays);
  for (int n = 0; day <= world.today() + kScheduleHorizonDays; ++n) {
    Rng rng(world.seed(), {"health-account-event", account.id}, n);
    const auto& type = rng.Pick(kAccountEvents);
    Event e;
    const bool global = std::string_view(type.service) == "BILLING";
    e.region = global ? "global" : rng.Pick(account.regions);
    e.arn = Arn(e.region == "global" ? "us-east-1" : e.region, type, rng);
    e.service = type.service;
    e.code = type.code;
    e.category = type.category;
    if (type.zonal) e.zone = e.region + static_cast<char>('a' + rng.Between(0, 2));
    e.start = ops::MomentOn(day, rng);
    const bool scheduled = std::string_view(type.category) == "scheduledChange";
    e.end = e.start + (scheduled ? std::chrono::hours(rng.Between(2, 48))
                                 : std::chrono::hours(24 * rng.Between(7, 60)));
    // Scheduled changes are announced about two weeks ahead and updated until they end.
    const auto announced = e.start - std::chrono::hours(24 * rng.Between(7, 14));
    e.updated = std::clamp(e.end, announced, now);
    e.status = StatusAt(now, e);
    e.scope = "ACCOUNT_SPECIFIC";
    // Only announced events are visible.
    if (announced <= now) out.push_back(std::move(e));
    day += 1 + static_cast<Day>(-std::log(1.0 - gaps.Uniform()) * kAccountEventMeanGapDays);
  }
}

// A filter's list of {from, to} ranges; empty = no filter. A Reply on unreadable times.
struct Range {
  std::optional<Clock::time_point> from, to;
  bool Holds(Clock::time_point t) const { return (!from || t >= *from) && (!to || t <= *to); }
};

std::variant<std::vector<Range>, Reply> Ranges(const ApiCall& call, const nlohmann::json& filter,
                                               const char* name) {
  std::vector<Range> out;
  auto it = filter.find(name);
  if (it == filter.end() || !it->is_array()) return out;
  for (const auto& item : *it) {
    Range r;
    for (const char* bound : {"from", "to"}) {
      auto t = ops::TimeParam(call, item, bound);
      if (auto* error = std::get_if<Reply>(&t)) return *error;
      (std::string_view(bound) == "from" ? r.from : r.to) =
          std::get<std::optional<Clock::time_point>>(t);
    }
    out.push_back(r);
  }
  return out;
}

bool InAny(const std::vector<Range>& ranges, Clock::time_point t) {
  if (ranges.empty()) return true;
  return std::any_of(ranges.begin(), ranges.end(), [&](const Range& r) { return r.Holds(t); });
}

Reply DescribeEvents(const ApiCall& call) {
  if (!ops::HasBusinessSupport(call.world, call.account)) return ops::SubscriptionRequired();
  const nlohmann::json filter = call.params.value("filter", nlohmann::json::object());
  std::vector<Range> starts, ends, updates;
  for (auto [name, target] : {std::pair{"startTimes", &starts}, std::pair{"endTimes", &ends},
                              std::pair{"lastUpdatedTimes", &updates}}) {
    auto ranges = Ranges(call, filter, name);
    if (auto* error = std::get_if<Reply>(&ranges)) return *error;
    *target = std::get<std::vector<Range>>(ranges);
  }
  const auto arns = ops::StringList(filter, "eventArns");
  const auto codes = ops::StringList(filter, "eventTypeCodes");
  const auto services = ops::StringList(filter, "services");
  const auto regions = ops::StringList(filter, "regions");
  const auto zones = ops::StringList(filter, "availabilityZones");
  const auto categories = ops::StringList(filter, "eventTypeCategories");
  const auto statuses = ops::StringList(filter, "eventStatusCodes");

  std::vector<Event> events;
  AddIssues(call.world, call.account, events);
  AddAccountEvents(call.world, call.account, events);
  // Newest first, as the Health console and API list them.
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.start > b.start; });
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events) {
    if (!InAny(starts, e.start) || !InAny(ends, e.end) || !InAny(updates, e.updated)) continue;
    if (!ops::Allowed(arns, e.arn) || !ops::Allowed(codes, e.code) ||
        !ops::Allowed(services, e.service) || !ops::Allowed(regions, e.region) ||
        !ops::Allowed(categories, e.category) || !ops::Allowed(statuses, e.status)) {
      continue;
    }
    if (!zones.empty() && !ops::Allowed(zones, e.zone)) continue;
    nlohmann::json j = {{"arn", e.arn},
                        {"service", e.service},
                        {"eventTypeCode", e.code},
                        {"eventTypeCategory", e.category},
                        {"region", e.region},
                        {"startTime", IsoTime(e.start)},
                        {"lastUpdatedTime", IsoTime(e.updated)},
                        {"statusCode", e.status},
                        {"eventScopeCode", e.scope}};
    if (!e.zone.empty()) j["availabilityZone"] = e.zone;
    if (e.status == "closed" || e.category == "scheduledChange") j["endTime"] = IsoTime(e.end);
    out.push_back(std::move(j));
  }
  return Ok({{"events", out}});
}

}  // namespace

void RegisterHealthService(HandlerTable& table) {
  table.Add("health", "DescribeEvents", DescribeEvents);
}

}  // namespace view360::sim
