// Simulated Amazon GuardDuty: ListDetectors, ListFindings (FindingCriteria on updatedAt,
// createdAt, severity, type, id, service.archived, accountId, region, resource.resourceType)
// and GetFindings.
//
// One detector per enabled region, except in ~15% of member accounts, which have none. Each day
// of history brings a few findings; recurring ones are seen again for up to kMaxRecurrence days,
// which moves their UpdatedAt. A finding id carries its creation day and index, so GetFindings
// regenerates a finding from its id alone.
#include <algorithm>
#include <array>
#include <cstdio>

#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr double kNoDetectorShare = 0.15;
constexpr Day kMaxRecurrence = 30;
constexpr size_t kMaxGetFindings = 50;  // GetFindings' FindingIds limit.

struct FindingType {
  const char* type;
  const char* resource_type;  // "Instance", "AccessKey", "S3Bucket"
  double severity;            // 2 low, 5 medium, 8 high.
  const char* title;
  const char* description;
};

const std::array kTypes = {
    FindingType{"Recon:EC2/PortProbeUnprotectedPort", "Instance", 2.0,
                "Unprotected port on EC2 instance is being probed.",
                "EC2 instance has an unprotected port which is being probed by a known malicious "
                "host."},
    FindingType{"UnauthorizedAccess:EC2/SSHBruteForce", "Instance", 5.0,
                "SSH brute force attacks against an EC2 instance.",
                "EC2 instance has been involved in SSH brute force attacks."},
    FindingType{"CryptoCurrency:EC2/BitcoinTool.B!DNS", "Instance", 8.0,
                "EC2 instance is querying a domain name associated with Bitcoin activity.",
                "EC2 instance is querying a domain name that is associated with Bitcoin-related "
                "activity."},
    FindingType{"Backdoor:EC2/C&CActivity.B!DNS", "Instance", 8.0,
                "Command and Control server domain name queried by EC2 instance.",
                "EC2 instance is querying a domain name associated with a known Command & "
                "Control server."},
    FindingType{"Policy:IAMUser/RootCredentialUsage", "AccessKey", 2.0,
                "API ListBuckets was invoked using root credentials.",
                "API ListBuckets was invoked using root credentials from IP address 203.0.113.7."},
    FindingType{"UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "AccessKey",
                8.0, "Credentials for an EC2 instance role were used from a remote AWS account.",
                "Credentials created exclusively for an EC2 instance were used from an external "
                "IP address."},
    FindingType{"Discovery:S3/AnomalousBehavior", "S3Bucket", 2.0,
                "An IAM entity invoked an S3 API in a suspicious way.",
                "An IAM entity invoked an API commonly used to discover S3 resources in an "
                "unusual way."},
    FindingType{"Stealth:IAMUser/CloudTrailLoggingDisabled", "AccessKey", 2.0,
                "AWS CloudTrail trail was disabled.",
                "A CloudTrail trail was disabled by a principal of this account."},
};

bool HasDetector(const ApiCall& call) {
  return HasRegionalData(call) &&
         !ServiceOff(call.world, call.account, "guardduty", kNoDetectorShare);
}

std::string DetectorIdOf(const ApiCall& call) {
  return Rng(call.world.seed(), {"guardduty-detector", call.account.id, call.region}).Hex(32);
}

struct Finding {
  std::string id;
  Day day = 0;
  const FindingType* type = nullptr;
  double severity = 0;
  Clock::time_point created, updated;
  int count = 1;
  bool archived = false;
  Rng rng{0, {}};  // Continues the finding's sequence, for the details.
};

int FindingsOn(const ApiCall& call, Day day) {
  Rng rng(call.world.seed(), {"guardduty-day", call.account.id, call.region}, day);
  const double u = rng.Uniform();
  return u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
}

// The index-th finding created on `day`, as it stands on the world's today.
Finding FindingAt(const ApiCall& call, Day day, int index) {
  Finding f;
  f.rng = Rng(call.world.seed(), {"guardduty-finding", call.account.id, call.region},
              static_cast<int64_t>(day) * 16 + index);
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%08x%02x", static_cast<unsigned>(day),
                static_cast<unsigned>(index));
  f.id = prefix + f.rng.Hex(22);
  f.day = day;
  f.type = &f.rng.Pick(kTypes);
  f.severity = f.type->severity + static_cast<double>(f.rng.Between(0, 9)) / 10.0;
  f.created = InstantIn(day, f.rng);
  f.updated = f.created;
  if (f.rng.Chance(0.5)) {  // Seen again on later days.
    const Day last =
        std::min(call.today(), day + static_cast<Day>(f.rng.Between(0, kMaxRecurrence)));
    f.updated = std::max(f.created, InstantIn(last, f.rng));
    f.count = 1 + static_cast<int>(f.rng.Between(0, 4)) * (last - day + 1);
  }
  f.archived = f.rng.Chance(0.2);
  return f;
}

// The finding `id` names, when it is one of this detector's.
std::optional<Finding> FindingById(const ApiCall& call, std::string_view id) {
  if (id.size() != 32) return std::nullopt;
  unsigned day = 0, index = 0;
  if (std::sscanf(std::string(id.substr(0, 10)).c_str(), "%8x%2x", &day, &index) != 2) {
    return std::nullopt;
  }
  const Day d = static_cast<Day>(day);
  if (d < call.world.first_day() || d > call.today() ||
      static_cast<int>(index) >= FindingsOn(call, d)) {
    return std::nullopt;
  }
  Finding f = FindingAt(call, d, static_cast<int>(index));
  if (f.id != id) return std::nullopt;
  return f;
}

nlohmann::json ResourceOf(const ApiCall& call, Finding& f, ResourcePicker& picker) {
  const std::string type = f.type->resource_type;
  nlohmann::json resource = {{"ResourceType", type}};
  if (type == "Instance") {
    const auto instance = picker.Pick(ResourceKind::kInstance, f.day, f.rng);
    const std::string id = instance ? instance->id : "i-" + f.rng.Hex(17);
    resource["InstanceDetails"] = {{"InstanceId", id}, {"AvailabilityZone", call.region + "a"}};
  } else if (type == "S3Bucket") {
    const auto bucket = picker.Pick(ResourceKind::kBucket, f.day, f.rng);
    const std::string name = bucket ? bucket->id : "logs-" + call.account.id;
    resource["S3BucketDetails"] = {
        {{"Arn", "arn:aws:s3:::" + name}, {"Name", name}, {"Type", "Destination"}}};
  } else {
    resource["AccessKeyDetails"] = {{"AccessKeyId", "ASIA" + f.rng.Alnum(16)},
                                    {"PrincipalId", "AROA" + f.rng.Alnum(17)},
                                    {"UserName", f.rng.Chance(0.5) ? "Root" : "ci-deploy"},
                                    {"UserType", "IAMUser"}};
  }
  return resource;
}

nlohmann::json FindingJson(const ApiCall& call, Finding f, ResourcePicker& picker) {
  const std::string detector = DetectorIdOf(call);
  nlohmann::json resource = ResourceOf(call, f, picker);
  return {{"AccountId", call.account.id},
          {"Arn", Arn("guardduty", call.region, call.account.id,
                      "detector/" + detector + "/finding/" + f.id)},
          {"Confidence", f.severity},
          {"CreatedAt", IsoMillis(f.created)},
          {"Description", f.type->description},
          {"Id", f.id},
          {"Partition", "aws"},
          {"Region", call.region},
          {"Resource", std::move(resource)},
          {"SchemaVersion", "2.0"},
          {"Service",
           {{"ServiceName", "guardduty"},
            {"DetectorId", detector},
            {"Archived", f.archived},
            {"Count", f.count},
            {"EventFirstSeen", IsoMillis(f.created)},
            {"EventLastSeen", IsoMillis(f.updated)},
            {"ResourceRole", "TARGET"}}},
          {"Severity", f.severity},
          {"Title", f.type->title},
          {"Type", f.type->type},
          {"UpdatedAt", IsoMillis(f.updated)}};
}

// One Criterion entry: a condition on a number (epoch ms, severity) or on strings.
bool NumberPasses(const nlohmann::json& condition, double value) {
  for (const auto& [key, bound] : condition.items()) {
    if (!bound.is_number()) continue;
    const double b = bound.get<double>();
    if ((key == "Gt" || key == "GreaterThan") && !(value > b)) return false;
    if ((key == "Gte" || key == "GreaterThanOrEqual") && !(value >= b)) return false;
    if ((key == "Lt" || key == "LessThan") && !(value < b)) return false;
    if ((key == "Lte" || key == "LessThanOrEqual") && !(value <= b)) return false;
  }
  return true;
}

bool StringPasses(const nlohmann::json& condition, const std::string& value) {
  for (const auto& [key, list] : condition.items()) {
    if (!list.is_array()) continue;
    const bool listed = std::find(list.begin(), list.end(), value) != list.end();
    if ((key == "Eq" || key == "Equals") && !listed) return false;
    if ((key == "Neq" || key == "NotEquals") && listed) return false;
  }
  return true;
}

bool CriteriaPass(const ApiCall& call, const nlohmann::json* criterion, const Finding& f) {
  if (criterion == nullptr || !criterion->is_object()) return true;
  for (const auto& [field, condition] : criterion->items()) {
    if (!condition.is_object()) continue;
    bool pass = true;
    if (field == "updatedAt") {
      pass = NumberPasses(condition, static_cast<double>(EpochMillis(f.updated)));
    } else if (field == "createdAt") {
      pass = NumberPasses(condition, static_cast<double>(EpochMillis(f.created)));
    } else if (field == "severity") {
      pass = NumberPasses(condition, f.severity) &&
             StringPasses(condition, nlohmann::json(f.severity).dump());
    } else if (field == "type") {
      pass = StringPasses(condition, f.type->type);
    } else if (field == "id") {
      pass = StringPasses(condition, f.id);
    } else if (field == "service.archived") {
      pass = StringPasses(condition, f.archived ? "true" : "false");
    } else if (field == "accountId") {
      pass = StringPasses(condition, call.account.id);
    } else if (field == "region") {
      pass = StringPasses(condition, call.region);
    } else if (field == "resource.resourceType") {
      pass = StringPasses(condition, f.type->resource_type);
    }
    if (!pass) return false;
  }
  return true;
}

Reply BadRequest(std::string message) {
  return AwsError(400, "BadRequestException", std::move(message));
}

// The detector the call names, or the error AWS gives for someone else's.
std::optional<Reply> CheckDetector(const ApiCall& call) {
  const std::string asked = call.Param("DetectorId");
  if (asked.empty()) return BadRequest("The request is rejected because detectorId is missing.");
  if (!HasDetector(call) || asked != DetectorIdOf(call)) {
    return BadRequest(
        "The request is rejected because the input detectorId is not owned by the current "
        "account.");
  }
  return std::nullopt;
}

Reply ListDetectors(const ApiCall& call) {
  nlohmann::json ids = nlohmann::json::array();
  if (HasDetector(call)) ids.push_back(DetectorIdOf(call));
  return Ok({{"DetectorIds", std::move(ids)}});
}

Reply ListFindings(const ApiCall& call) {
  if (auto error = CheckDetector(call)) return *error;
  const auto* criteria = Member(call.params, "FindingCriteria");
  const auto* criterion = criteria ? Member(*criteria, "Criterion") : nullptr;
  // Only days an updatedAt/createdAt bound can reach need generating.
  Day lo = call.world.first_day(), hi = call.today();
  for (const char* field : {"updatedAt", "createdAt"}) {
    const auto* condition = criterion ? Member(*criterion, field) : nullptr;
    if (condition == nullptr || !condition->is_object()) continue;
    const Day lag = std::string_view(field) == "updatedAt" ? kMaxRecurrence : 0;
    for (const auto& [key, bound] : condition->items()) {
      if (!bound.is_number()) continue;
      const Day day = DayOf(Clock::time_point(std::chrono::milliseconds(bound.get<int64_t>())));
      if (key.rfind("Gt", 0) == 0 || key.rfind("Greater", 0) == 0) lo = std::max(lo, day - lag);
      if (key.rfind("Lt", 0) == 0 || key.rfind("Less", 0) == 0) hi = std::min(hi, day);
    }
  }
  nlohmann::json ids = nlohmann::json::array();
  for (Day day = hi; day >= lo; --day) {
    for (int i = 0, n = FindingsOn(call, day); i < n; ++i) {
      const Finding f = FindingAt(call, day, i);
      if (CriteriaPass(call, criterion, f)) ids.push_back(f.id);
    }
  }
  return Ok({{"FindingIds", std::move(ids)}});
}

Reply GetFindings(const ApiCall& call) {
  if (auto error = CheckDetector(call)) return *error;
  const auto* ids = Member(call.params, "FindingIds");
  if (ids == nullptr || !ids->is_array()) {
    return BadRequest("The request is rejected because findingIds is missing.");
  }
  if (ids->size() > kMaxGetFindings) {
    return BadRequest("The request is rejected because the number of findingIds exceeds 50.");
  }
  ResourcePicker picker(call);
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& id : *ids) {
    if (!id.is_string()) continue;
    if (auto f = FindingById(call, id.get<std::string>())) {
      findings.push_back(FindingJson(call, std::move(*f), picker));
    }
  }
  return Ok({{"Findings", std::move(findings)}});
}

}  // namespace

void RegisterGuardDuty(HandlerTable& table) {
  table.Add("guardduty", "ListDetectors", ListDetectors);
  table.Add("guardduty", "ListFindings", ListFindings);
  table.Add("guardduty", "GetFindings", GetFindings);
}

}  // namespace view360::sim::security
