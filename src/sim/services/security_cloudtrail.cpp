// Simulated AWS CloudTrail: DescribeTrails, GetTrailStatus and LookupEvents.
//
// Trails are account-wide, each with a home region; multi-region ones also show (as shadow
// trails) in the account's other regions, and the management account's organization trail shows
// in every member. LookupEvents serves the last kLookupDays days of management events, tens to
// hundreds a day per account and region, newest first; it generates only the requested window
// and pages itself (Reply::paged), so a 90-day lookup costs one page of JSON per call.
#include <algorithm>
#include <array>

#include "sim/pagination.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr Day kLookupDays = 90;        // CloudTrail keeps 90 days of event history.
constexpr int kMaxLookupResults = 50;  // LookupEvents' MaxResults maximum.
constexpr const char* kOrgTrail = "organization-trail";

struct Trail {
  std::string name, arn, home_region, bucket, kms_key_id, log_group;
  std::string owner_id;
  bool multi_region = false, organization = false, validation = false, logging = true;
  bool custom_selectors = false;
  Clock::time_point created, stopped;
};

Trail OrganizationTrail(const World& world) {
  const Account management = world.management();
  Rng rng(world.seed(), {"cloudtrail-org", management.id});
  Trail t;
  t.name = kOrgTrail;
  t.owner_id = management.id;
  t.home_region = management.regions.front();
  t.arn = Arn("cloudtrail", t.home_region, management.id, "trail/" + t.name);
  t.bucket = "aws-cloudtrail-logs-" + management.id + "-" + rng.Hex(8);
  t.multi_region = t.organization = t.validation = true;
  t.created = InstantIn(world.first_day() - static_cast<Day>(rng.Between(30, 500)), rng);
  return t;
}

// Every trail of `account`, on today: its own, then the organization trail.
std::vector<Trail> TrailsOf(const World& world, const Account& account) {
  std::vector<Trail> trails;
  Rng count_rng(world.seed(), {"cloudtrail-count", account.id});
  const int own = account.index == 0 ? 1 : static_cast<int>(count_rng.Between(0, 2));
  static constexpr std::array kNames = {"management-events", "audit-trail", "data-events"};
  for (int i = 0; i < own; ++i) {
    Rng rng(world.seed(), {"cloudtrail-trail", account.id}, i);
    Trail t;
    t.name = account.environment + "-" + kNames[static_cast<size_t>(i) % kNames.size()];
    t.owner_id = account.id;
    t.home_region = rng.Pick(account.regions);
    t.arn = Arn("cloudtrail", t.home_region, account.id, "trail/" + t.name);
    t.bucket = "aws-cloudtrail-logs-" + account.id + "-" + rng.Hex(8);
    t.multi_region = rng.Chance(0.7);
    t.validation = rng.Chance(0.7);
    t.custom_selectors = rng.Chance(0.3);
    if (rng.Chance(0.4)) {
      const auto keys = KmsKeysOf(world, account, t.home_region);
      for (const auto& key : keys) {
        if (key.manager == "CUSTOMER" && key.usage == "ENCRYPT_DECRYPT") t.kms_key_id = key.arn;
      }
    }
    if (rng.Chance(0.5)) {
      t.log_group = Arn("logs", t.home_region, account.id,
                        "log-group:aws-cloudtrail-logs-" + account.id + ":*");
    }
    const Day created = world.first_day() + static_cast<Day>(rng.Between(-400, 380));
    if (created > world.today()) continue;
    t.created = InstantIn(created, rng);
    if (rng.Chance(0.1)) {  // Logging was stopped some day since.
      const Day stopped = created + static_cast<Day>(rng.Between(1, 300));
      if (stopped <= world.today()) {
        t.logging = false;
        t.stopped = InstantIn(stopped, rng);
      }
    }
    trails.push_back(std::move(t));
  }
  trails.push_back(OrganizationTrail(world));
  return trails;
}

// The trails DescribeTrails shows in the call's region.
std::vector<Trail> VisibleTrails(const ApiCall& call, bool shadows) {
  std::vector<Trail> out;
  if (!HasRegionalData(call)) return out;
  for (auto& t : TrailsOf(call.world, call.account)) {
    if (t.home_region == call.region || (shadows && t.multi_region)) out.push_back(std::move(t));
  }
  return out;
}

nlohmann::json TrailJson(const Trail& t) {
  nlohmann::json out = {{"Name", t.name},
                        {"S3BucketName", t.bucket},
                        {"IncludeGlobalServiceEvents", t.multi_region},
                        {"IsMultiRegionTrail", t.multi_region},
                        {"HomeRegion", t.home_region},
                        {"TrailARN", t.arn},
                        {"LogFileValidationEnabled", t.validation},
                        {"HasCustomEventSelectors", t.custom_selectors},
                        {"HasInsightSelectors", false},
                        {"IsOrganizationTrail", t.organization}};
  if (!t.kms_key_id.empty()) out["KmsKeyId"] = t.kms_key_id;
  if (!t.log_group.empty()) {
    out["CloudWatchLogsLogGroupArn"] = t.log_group;
    out["CloudWatchLogsRoleArn"] =
        "arn:aws:iam::" + t.owner_id + ":role/CloudTrail-CloudWatchLogs-Role";
  }
  return out;
}

Reply DescribeTrails(const ApiCall& call) {
  const auto* shadows = Member(call.params, "includeShadowTrails");
  const auto* names = Member(call.params, "trailNameList");
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : VisibleTrails(call, shadows == nullptr || shadows->get<bool>())) {
    if (names && names->is_array() && !names->empty() &&
        std::find(names->begin(), names->end(), t.name) == names->end() &&
        std::find(names->begin(), names->end(), t.arn) == names->end()) {
      continue;
    }
    list.push_back(TrailJson(t));
  }
  return Ok({{"trailList", std::move(list)}});
}

Reply GetTrailStatus(const ApiCall& call) {
  const std::string name = call.Param("Name");
  if (name.empty()) return ValidationError(call, "Name is required");
  for (const auto& t : VisibleTrails(call, true)) {
    const bool by_name = name == t.name && t.home_region == call.region;
    if (name != t.arn && !by_name) continue;
    Rng rng(call.world.seed(), {"cloudtrail-status", t.arn, call.account.id}, call.today());
    const auto last_active = t.logging ? StartOf(call.today()) + std::chrono::hours(23) : t.stopped;
    const auto delivered = last_active - std::chrono::seconds(rng.Between(0, 900));
    nlohmann::json out = {{"IsLogging", t.logging},
                          {"LatestDeliveryTime", IsoTime(delivered)},
                          {"StartLoggingTime", IsoTime(t.created)},
                          {"TimeLoggingStarted", IsoTime(t.created)},
                          {"LatestDeliveryAttemptTime", IsoTime(delivered)},
                          {"LatestDeliveryAttemptSucceeded", IsoTime(delivered)},
                          {"LatestNotificationAttemptTime", ""},
                          {"LatestNotificationAttemptSucceeded", ""}};
    if (!t.logging) {
      out["StopLoggingTime"] = IsoTime(t.stopped);
      out["TimeLoggingStopped"] = IsoTime(t.stopped);
    }
    if (t.validation) out["LatestDigestDeliveryTime"] = IsoTime(delivered);
    if (!t.log_group.empty()) out["LatestCloudWatchLogsDeliveryTime"] = IsoTime(delivered);
    return Ok(std::move(out));
  }
  const std::string shown = name.rfind("arn:", 0) == 0
                                ? name
                                : Arn("cloudtrail", call.region, call.account.id, "trail/" + name);
  return AwsError(400, "TrailNotFoundException",
                  "Unknown trail: " + shown + " for the user: " + call.account.id);
}

// ---- LookupEvents ---------------------------------------------------------------------------

struct EventKind {
  const char* name;
  const char* source;
  bool read_only;
  const char* resource_type;  // "" when the event names no resource.
  int weight;
};

const std::array kEventKinds = {
    EventKind{"AssumeRole", "sts.amazonaws.com", true, "", 8},
    EventKind{"GetCallerIdentity", "sts.amazonaws.com", true, "", 3},
    EventKind{"ConsoleLogin", "signin.amazonaws.com", false, "", 2},
    EventKind{"DescribeInstances", "ec2.amazonaws.com", true, "", 6},
    EventKind{"RunInstances", "ec2.amazonaws.com", false, "AWS::EC2::Instance", 1},
    EventKind{"StopInstances", "ec2.amazonaws.com", false, "AWS::EC2::Instance", 1},
    EventKind{"StartInstances", "ec2.amazonaws.com", false, "AWS::EC2::Instance", 1},
    EventKind{"CreateTags", "ec2.amazonaws.com", false, "AWS::EC2::Instance", 2},
    EventKind{"AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", false,
              "AWS::EC2::SecurityGroup", 1},
    EventKind{"ListBuckets", "s3.amazonaws.com", true, "", 3},
    EventKind{"CreateBucket", "s3.amazonaws.com", false, "AWS::S3::Bucket", 1},
    EventKind{"PutBucketPolicy", "s3.amazonaws.com", false, "AWS::S3::Bucket", 1},
    EventKind{"Decrypt", "kms.amazonaws.com", true, "AWS::KMS::Key", 6},
    EventKind{"GenerateDataKey", "kms.amazonaws.com", true, "AWS::KMS::Key", 4},
    EventKind{"GetSecretValue", "secretsmanager.amazonaws.com", true, "AWS::SecretsManager::Secret",
              3},
    EventKind{"UpdateFunctionCode20150331v2", "lambda.amazonaws.com", false,
              "AWS::Lambda::Function", 1},
    EventKind{"CreateUser", "iam.amazonaws.com", false, "AWS::IAM::User", 1},
    EventKind{"AttachRolePolicy", "iam.amazonaws.com", false, "AWS::IAM::Role", 1},
    EventKind{"DescribeDBInstances", "rds.amazonaws.com", true, "", 2},
    EventKind{"ModifyDBInstance", "rds.amazonaws.com", false, "AWS::RDS::DBInstance", 1},
};
constexpr std::array kUsers = {"terraform", "ci-deploy",       "jane.doe", "john.smith",
                               "admin",     "View360ReadOnly", "root"};

const EventKind& PickKind(Rng& rng) {
  static const int total = [] {
    int sum = 0;
    for (const auto& k : kEventKinds) sum += k.weight;
    return sum;
  }();
  int ticket = static_cast<int>(rng.Between(0, total - 1));
  for (const auto& kind : kEventKinds) {
    if (ticket < kind.weight) return kind;
    ticket -= kind.weight;
  }
  return kEventKinds.front();
}

struct Event {
  const EventKind* kind = nullptr;
  Clock::time_point time;
  std::string id, user, access_key, resource_name, source_ip;
};

int EventsOn(const ApiCall& call, Day day) {
  Rng rng(call.world.seed(), {"cloudtrail-day", call.account.id, call.region}, day);
  const bool weekend = (day + 4) % 7 >= 5;  // 1970-01-01 was a Thursday.
  return static_cast<int>(rng.Between(weekend ? 20 : 60, weekend ? 60 : 180));
}

std::string ResourceNameFor(const ApiCall& call, const EventKind& kind, Day day, Rng& rng,
                            ResourcePicker& picker) {
  const std::string type = kind.resource_type;
  auto pick = [&](ResourceKind k) -> std::optional<ResourceRef> {
    return picker.Pick(k, day, rng);
  };
  if (type == "AWS::EC2::Instance") {
    if (auto r = pick(ResourceKind::kInstance)) return r->id;
    return "i-" + rng.Hex(17);
  }
  if (type == "AWS::S3::Bucket") {
    if (auto r = pick(ResourceKind::kBucket)) return r->id;
    return "logs-" + call.account.id;
  }
  if (type == "AWS::Lambda::Function") {
    if (auto r = pick(ResourceKind::kFunction)) return r->id;
    return "handler-" + rng.Hex(6);
  }
  if (type == "AWS::RDS::DBInstance") {
    if (auto r = pick(ResourceKind::kDbInstance)) return r->id;
    return "db-" + rng.Hex(6);
  }
  if (type == "AWS::KMS::Key") return Arn("kms", call.region, call.account.id, "key/" + Uuid(rng));
  if (type == "AWS::EC2::SecurityGroup") return "sg-" + rng.Hex(17);
  if (type == "AWS::SecretsManager::Secret") {
    return Arn("secretsmanager", call.region, call.account.id, "secret:app/" + rng.Hex(6));
  }
  if (type == "AWS::IAM::User") return rng.Pick(kUsers);
  if (type == "AWS::IAM::Role") return "app-role-" + rng.Hex(4);
  return "";
}

// The events of `day`, newest first.
std::vector<Event> EventsOfDay(const ApiCall& call, Day day, ResourcePicker& picker) {
  const int count = EventsOn(call, day);
  std::vector<Event> events;
  events.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    Rng rng(call.world.seed(), {"cloudtrail-event", call.account.id, call.region},
            static_cast<int64_t>(day) * 1024 + i);
    Event e;
    e.kind = &PickKind(rng);
    e.time = InstantIn(day, rng);
    e.id = Uuid(rng);
    e.user =
        e.kind->name == std::string("ConsoleLogin") && rng.Chance(0.1) ? "root" : rng.Pick(kUsers);
    e.access_key = "ASIA" + rng.Alnum(16);
    e.source_ip = std::to_string(rng.Between(3, 203)) + "." + std::to_string(rng.Between(0, 255)) +
                  "." + std::to_string(rng.Between(0, 255)) + "." +
                  std::to_string(rng.Between(1, 254));
    e.resource_name = ResourceNameFor(call, *e.kind, day, rng, picker);
    events.push_back(std::move(e));
  }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return a.time > b.time; });
  return events;
}

bool AttributeMatches(const Event& e, const std::string& key, const std::string& value) {
  if (key == "EventName") return value == e.kind->name;
  if (key == "EventSource") return value == e.kind->source;
  if (key == "Username") return value == e.user;
  if (key == "ReadOnly") return value == (e.kind->read_only ? "true" : "false");
  if (key == "ResourceType") return value == e.kind->resource_type;
  if (key == "ResourceName") return !e.resource_name.empty() && value == e.resource_name;
  if (key == "EventId") return value == e.id;
  if (key == "AccessKeyId") return value == e.access_key;
  return false;
}

nlohmann::json EventJson(const ApiCall& call, const Event& e) {
  const bool root = e.user == "root";
  const std::string principal_arn =
      root ? "arn:aws:iam::" + call.account.id + ":root"
           : "arn:aws:sts::" + call.account.id + ":assumed-role/" + e.user + "/" + e.user;
  nlohmann::json identity = {{"type", root ? "Root" : "AssumedRole"},
                             {"principalId", root ? call.account.id : "AROA" + e.id.substr(0, 8)},
                             {"arn", principal_arn},
                             {"accountId", call.account.id},
                             {"accessKeyId", e.access_key}};
  nlohmann::json record = {{"eventVersion", "1.09"},
                           {"userIdentity", std::move(identity)},
                           {"eventTime", IsoTime(e.time)},
                           {"eventSource", e.kind->source},
                           {"eventName", e.kind->name},
                           {"awsRegion", call.region},
                           {"sourceIPAddress", e.source_ip},
                           {"userAgent", "aws-cli/2.15.30 Python/3.11.8"},
                           {"requestParameters", nullptr},
                           {"responseElements", nullptr},
                           {"requestID", e.id},
                           {"eventID", e.id},
                           {"readOnly", e.kind->read_only},
                           {"eventType", "AwsApiCall"},
                           {"managementEvent", true},
                           {"recipientAccountId", call.account.id},
                           {"eventCategory", "Management"}};
  nlohmann::json out = {{"EventId", e.id},
                        {"EventName", e.kind->name},
                        {"ReadOnly", e.kind->read_only ? "true" : "false"},
                        {"AccessKeyId", e.access_key},
                        {"EventTime", IsoTime(e.time)},
                        {"EventSource", e.kind->source},
                        {"Username", e.user},
                        {"Resources", nlohmann::json::array()},
                        {"CloudTrailEvent", record.dump()}};
  if (!e.resource_name.empty()) {
    out["Resources"].push_back(
        {{"ResourceType", e.kind->resource_type}, {"ResourceName", e.resource_name}});
  }
  return out;
}

Reply LookupEvents(const ApiCall& call) {
  if (const auto* max = Member(call.params, "MaxResults")) {
    if (!max->is_number_integer() || *max < 1 || *max > kMaxLookupResults) {
      return AwsError(400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
    }
  }
  std::string key, value;
  if (const auto* attributes = Member(call.params, "LookupAttributes")) {
    if (attributes->size() > 1) {
      return AwsError(400, "InvalidLookupAttributesException",
                      "You cannot specify more than one lookup attribute.");
    }
    if (attributes->size() == 1) {
      key = (*attributes)[0].value("AttributeKey", "");
      value = (*attributes)[0].value("AttributeValue", "");
    }
  }
  const TimeParam start = ReadTime(call.params.value("StartTime", nlohmann::json()));
  const TimeParam end = ReadTime(call.params.value("EndTime", nlohmann::json()));
  if (start.invalid || end.invalid) return ValidationError(call, "StartTime/EndTime is invalid");
  const auto history_start = StartOf(call.today() - kLookupDays + 1);
  const auto from = std::max(start.value.value_or(history_start), history_start);
  const auto to = end.value.value_or(StartOf(call.today() + 1));
  if (start.value && end.value && *start.value > *end.value) {
    return AwsError(400, "InvalidTimeRangeException", "Start time must be earlier than end time.");
  }
  auto window_or = PageWindowOf(call);
  if (auto* error = std::get_if<Reply>(&window_or)) return *error;
  const auto window = std::get<PageWindow>(window_or);

  Reply reply = Ok({{"Events", nlohmann::json::array()}});
  reply.paged = true;
  if (!HasRegionalData(call) || from > to) return reply;
  ResourcePicker picker(call);
  const Day first = DayOf(from), last = std::min(DayOf(to), call.today());
  const DayCursor cursor = DayCursor::Decode(window.offset, last);
  auto& page = reply.output["Events"];
  for (Day day = std::min(last, cursor.day); day >= first; --day) {
    const auto events = EventsOfDay(call, day, picker);
    size_t match = 0;
    for (const Event& e : events) {
      if (e.time < from || e.time > to) continue;
      if (!key.empty() && !AttributeMatches(e, key, value)) continue;
      if (day == cursor.day && match++ < cursor.skip) continue;
      if (page.size() == window.limit) {  // One more match: there is a next page.
        const size_t skip = day == cursor.day ? match - 1 : match;
        reply.output["NextToken"] = PageToken(call, DayCursor{day, skip}.Encode(last));
        return reply;
      }
      if (day != cursor.day) ++match;
      page.push_back(EventJson(call, e));
    }
  }
  return reply;
}

}  // namespace

void RegisterCloudTrail(HandlerTable& table) {
  table.Add("cloudtrail", "DescribeTrails", DescribeTrails);
  table.Add("cloudtrail", "GetTrailStatus", GetTrailStatus);
  table.Add("cloudtrail", "LookupEvents", LookupEvents);
}

}  // namespace view360::sim::security
