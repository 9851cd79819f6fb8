// Simulated AWS Security Hub: DescribeHub and GetFindings (ASFF findings from Security Hub's own
// controls, GuardDuty, Inspector, Config and IAM Access Analyzer), for the View360 sender's two
// queries (CreatedAt or UpdatedAt window, RecordState, AwsAccountId, SeverityLabel,
// WorkflowStatus) and any other combination of the string and date filters below.
//
// Findings appear over time: each day of history gets a few new ones, created on that day about
// a resource that existed then; some are later resolved, suppressed or notified, which moves
// their UpdatedAt. ~10% of member accounts are not subscribed (InvalidAccessException, 401).
#include <algorithm>
#include <array>
#include <variant>

#include "sim/pagination.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr double kUnsubscribedShare = 0.10;
constexpr int kMaxResults = 100;   // GetFindings' documented maximum.
constexpr Day kMaxUpdateLag = 45;  // Days between a finding's creation and its last update.

struct Product {
  const char* name;
  const char* arn_suffix;  // product/<company>/<suffix>
};
constexpr Product kSecurityHub{"Security Hub", "securityhub"};
constexpr Product kGuardDuty{"GuardDuty", "guardduty"};
constexpr Product kInspector{"Inspector", "inspector"};
constexpr Product kConfig{"Config", "config"};
constexpr Product kAccessAnalyzer{"IAM Access Analyzer", "access-analyzer"};

// One kind of finding. A resource kind of nullopt means the finding is about the account.
struct Template {
  const Product* product;
  const char* control;  // Security control id, rule or finding type.
  const char* title;
  const char* description;
  const char* recommendation;
  const char* severity;
  const char* type;
  std::optional<ResourceKind> kind;
};

constexpr const char* kFsbp =
    "Software and Configuration Checks/Industry and Regulatory Standards/"
    "AWS-Foundational-Security-Best-Practices";

const std::array kTemplates = {
    Template{&kSecurityHub, "S3.8", "S3 general purpose buckets should block public access",
             "This control checks whether an Amazon S3 general purpose bucket blocks public "
             "access at the bucket level.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "HIGH", kFsbp, ResourceKind::kBucket},
    Template{&kSecurityHub, "S3.5", "S3 general purpose buckets should require requests to use SSL",
             "This control checks whether Amazon S3 general purpose buckets have policies that "
             "require requests to use SSL.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "MEDIUM", kFsbp, ResourceKind::kBucket},
    Template{&kSecurityHub, "EC2.8",
             "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)",
             "This control checks whether your Amazon EC2 instance metadata version is "
             "configured with IMDSv2.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "HIGH", kFsbp, ResourceKind::kInstance},
    Template{&kSecurityHub, "EC2.9", "EC2 instances should not have a public IPv4 address",
             "This control checks whether EC2 instances have a public IP address.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "HIGH", kFsbp, ResourceKind::kInstance},
    Template{&kSecurityHub, "EC2.3", "Attached EBS volumes should be encrypted at-rest",
             "This control checks whether the EBS volumes that are in an attached state are "
             "encrypted.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "MEDIUM", kFsbp, ResourceKind::kVolume},
    Template{&kSecurityHub, "RDS.3", "RDS DB instances should have encryption at-rest enabled",
             "This control checks whether storage encryption is enabled for your Amazon RDS DB "
             "instances.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "MEDIUM", kFsbp, ResourceKind::kDbInstance},
    Template{&kSecurityHub, "RDS.2",
             "RDS DB Instances should prohibit public access, as determined by the "
             "PubliclyAccessible configuration",
             "This control checks whether Amazon RDS instances are publicly accessible.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "CRITICAL", kFsbp, ResourceKind::kDbInstance},
    Template{&kSecurityHub, "Lambda.2", "Lambda functions should use supported runtimes",
             "This control checks whether the Lambda function runtime settings match the "
             "expected values set for the supported runtimes.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "MEDIUM", kFsbp, ResourceKind::kFunction},
    Template{&kSecurityHub, "ELB.4",
             "Application Load Balancer should be configured to drop invalid http headers",
             "This control evaluates whether an Application Load Balancer is configured to drop "
             "invalid HTTP headers.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "MEDIUM", kFsbp, ResourceKind::kLoadBalancer},
    Template{&kSecurityHub, "IAM.6", "Hardware MFA should be enabled for the root user",
             "This control checks whether your AWS account is enabled to use a hardware "
             "multi-factor authentication (MFA) device to sign in with root user credentials.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "CRITICAL", kFsbp, std::nullopt},
    Template{&kSecurityHub, "CloudTrail.1",
             "CloudTrail should be enabled and configured with at least one multi-Region trail "
             "that includes read and write management events",
             "This control checks that there is at least one multi-Region AWS CloudTrail trail.",
             "For information on how to correct this issue, consult the AWS Security Hub "
             "controls documentation.",
             "HIGH", kFsbp, std::nullopt},
    Template{&kGuardDuty, "UnauthorizedAccess:EC2/SSHBruteForce",
             "SSH brute force attacks against an EC2 instance.",
             "An EC2 instance has been involved in SSH brute force attacks.",
             "Check the instance's security groups and restrict SSH access.", "MEDIUM",
             "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce", ResourceKind::kInstance},
    Template{&kGuardDuty, "CryptoCurrency:EC2/BitcoinTool.B!DNS",
             "EC2 instance is querying a domain name associated with Bitcoin activity.",
             "An EC2 instance is querying a domain name that is associated with Bitcoin-related "
             "activity.",
             "If this activity is unexpected, the instance is likely compromised.", "HIGH",
             "TTPs/Command and Control/CryptoCurrency:EC2-BitcoinTool.B!DNS",
             ResourceKind::kInstance},
    Template{&kGuardDuty, "Policy:IAMUser/RootCredentialUsage",
             "API ListBuckets was invoked using root credentials.",
             "The root credentials of the account were used to make an API call.",
             "Use IAM roles or users with least privilege instead of the root user.", "LOW",
             "TTPs/Policy:IAMUser-RootCredentialUsage", std::nullopt},
    Template{&kInspector, "CVE-2024-6387", "CVE-2024-6387 - openssh-server",
             "A signal handler race condition was found in sshd, which may allow remote code "
             "execution as root.",
             "Update openssh-server to 1:8.9p1-3ubuntu0.10 or later.", "HIGH",
             "Software and Configuration Checks/Vulnerabilities/CVE", ResourceKind::kInstance},
    Template{&kInspector, "CVE-2023-44487", "CVE-2023-44487 - golang.org/x/net",
             "The HTTP/2 protocol allows a denial of service (server resource consumption) "
             "because request cancellation can reset many streams quickly.",
             "Update golang.org/x/net to 0.17.0 or later.", "HIGH",
             "Software and Configuration Checks/Vulnerabilities/CVE", ResourceKind::kFunction},
    Template{&kConfig, "s3-bucket-versioning-enabled", "s3-bucket-versioning-enabled",
             "Checks if versioning is enabled for your S3 buckets.",
             "Enable versioning on the bucket.", "LOW",
             "Software and Configuration Checks/AWS Config Analysis", ResourceKind::kBucket},
    Template{&kConfig, "encrypted-volumes", "encrypted-volumes",
             "Checks if attached Amazon EBS volumes are encrypted.",
             "Encrypt the volume with a KMS key.", "MEDIUM",
             "Software and Configuration Checks/AWS Config Analysis", ResourceKind::kVolume},
    Template{&kAccessAnalyzer, "ExternalAccess", "AwsS3Bucket allows public access",
             "The bucket policy grants access to principals outside the zone of trust.",
             "Review the bucket policy and remove public or cross-account access.", "HIGH",
             "Effects/Data Exposure/External Access Granted", ResourceKind::kBucket},
};

int Normalized(std::string_view label) {
  if (label == "CRITICAL") return 90;
  if (label == "HIGH") return 70;
  if (label == "MEDIUM") return 40;
  if (label == "LOW") return 1;
  return 0;
}

// Findings created on `day` (0 to 4, ~0.9 a day).
int FindingsOn(const ApiCall& call, Day day) {
  Rng rng(call.world.seed(), {"securityhub-day", call.account.id, call.region}, day);
  const double u = rng.Uniform();
  return u < 0.45 ? 0 : u < 0.75 ? 1 : u < 0.92 ? 2 : static_cast<int>(rng.Between(3, 4));
}

struct Lifecycle {
  std::string workflow = "NEW";
  std::string workflow_state = "NEW";
  std::string record_state = "ACTIVE";
  Clock::time_point updated;
};

// Where the finding stands on `today`: a change on a later day has not happened yet.
Lifecycle LifecycleOf(Rng& rng, Day created_day, Clock::time_point created, Day today) {
  Lifecycle life;
  const double u = rng.Uniform();
  const Day reevaluated = std::min(today, created_day + static_cast<Day>(rng.Between(0, 3)));
  const Day change = created_day + static_cast<Day>(rng.Between(0, kMaxUpdateLag));
  life.updated = std::max(created, InstantIn(reevaluated, rng));
  const Clock::time_point change_time = std::max(created, InstantIn(change, rng));
  const bool archived = rng.Chance(0.2);  // Drawn whatever today is, so ids stay put.
  if (u >= 0.6 || change > today) return life;
  life.updated = change_time;
  if (u < 0.4) {
    life.workflow = life.workflow_state = "RESOLVED";
    if (archived) life.record_state = "ARCHIVED";
  } else if (u < 0.5) {
    life.workflow = "SUPPRESSED";
    life.workflow_state = "DEFERRED";
  } else {
    life.workflow = "NOTIFIED";
    life.workflow_state = "ASSIGNED";
  }
  return life;
}

std::string FindingId(const ApiCall& call, const Template& t, Rng& rng) {
  const std::string& region = call.region;
  const std::string& id = call.account.id;
  const std::string name = t.product->name;
  if (name == "GuardDuty") {
    return Arn("guardduty", region, id, "detector/" + rng.Hex(32) + "/finding/" + rng.Hex(32));
  }
  if (name == "Inspector") return Arn("inspector2", region, id, "finding/" + rng.Hex(32));
  if (name == "Config") {
    return Arn("config", region, id,
               std::string("config-rule/") + t.control + "/finding/" + rng.Hex(40));
  }
  if (name == "IAM Access Analyzer") {
    return Arn("access-analyzer", region, id, "analyzer/ConsoleAnalyzer/" + Uuid(rng));
  }
  return Arn("securityhub", region, id,
             std::string("security-control/") + t.control + "/finding/" + Uuid(rng));
}

std::string GeneratorId(const ApiCall& call, const Template& t) {
  const std::string name = t.product->name;
  if (name == "Security Hub") return std::string("security-control/") + t.control;
  if (name == "GuardDuty") return t.control;
  if (name == "Inspector") return "AWSInspector";
  if (name == "Config") {
    return Arn("config", call.region, call.account.id, std::string("config-rule/") + t.control);
  }
  return "aws/access-analyzer";
}

// A finding whose resource is drawn but not yet resolved (ResolveResource).
struct PendingFinding {
  nlohmann::json json;
  std::optional<ResourceKind> kind;
  Day day = 0;
  uint64_t draw = 0;
};

void ResolveResource(const ApiCall& call, PendingFinding& f, ResourcePicker& picker) {
  std::optional<ResourceRef> resource;
  if (f.kind) resource = picker.Resolve(*f.kind, f.day, f.draw);
  if (!resource) {
    resource = ResourceRef{call.account.id, "AWS::::Account:" + call.account.id, "AwsAccount"};
  }
  f.json["Resources"] = {{{"Type", resource->type},
                          {"Id", resource->arn},
                          {"Partition", "aws"},
                          {"Region", call.region}}};
}

PendingFinding FindingOf(const ApiCall& call, Day day, int index) {
  Rng rng(call.world.seed(), {"securityhub-finding", call.account.id, call.region},
          static_cast<int64_t>(day) * 16 + index);
  const Template& t = rng.Pick(kTemplates);
  const auto created = InstantIn(day, rng);
  const Lifecycle life = LifecycleOf(rng, day, created, call.today());
  PendingFinding pending{nlohmann::json(), t.kind, day, rng.Next()};
  std::string severity = t.severity;
  if (rng.Chance(0.1)) severity = severity == std::string("LOW") ? "MEDIUM" : "LOW";
  const std::string product_arn =
      "arn:aws:securityhub:" + call.region + "::product/aws/" + t.product->arn_suffix;
  nlohmann::json finding = {
      {"SchemaVersion", "2018-10-08"},
      {"Id", FindingId(call, t, rng)},
      {"ProductArn", product_arn},
      {"ProductName", t.product->name},
      {"CompanyName", "AWS"},
      {"Region", call.region},
      {"GeneratorId", GeneratorId(call, t)},
      {"AwsAccountId", call.account.id},
      {"AwsAccountName", call.account.name},
      {"Types", {t.type}},
      {"FirstObservedAt", IsoMillis(created)},
      {"LastObservedAt", IsoMillis(life.updated)},
      {"CreatedAt", IsoMillis(created)},
      {"UpdatedAt", IsoMillis(life.updated)},
      {"Severity",
       {{"Label", severity}, {"Normalized", Normalized(severity)}, {"Original", severity}}},
      {"Title", t.title},
      {"Description", t.description},
      {"Remediation", {{"Recommendation", {{"Text", t.recommendation}}}}},
      {"WorkflowState", life.workflow_state},
      {"Workflow", {{"Status", life.workflow}}},
      {"RecordState", life.record_state},
      {"ProcessedAt", IsoMillis(life.updated + std::chrono::seconds(rng.Between(1, 300)))},
  };
  if (t.product == &kSecurityHub) {
    finding["Remediation"]["Recommendation"]["Url"] =
        std::string("https://docs.aws.amazon.com/console/securityhub/") + t.control +
        "/remediation";
    finding["Compliance"] = {{"Status", life.workflow == "RESOLVED" ? "PASSED" : "FAILED"},
                             {"SecurityControlId", t.control}};
  }
  pending.json = std::move(finding);
  return pending;
}

// The string filters GetFindings honours, with where each reads the finding.
struct StringField {
  const char* filter;
  const char* pointer;
};
constexpr std::array kStringFields = {
    StringField{"AwsAccountId", "/AwsAccountId"},
    StringField{"Id", "/Id"},
    StringField{"ProductArn", "/ProductArn"},
    StringField{"ProductName", "/ProductName"},
    StringField{"CompanyName", "/CompanyName"},
    StringField{"GeneratorId", "/GeneratorId"},
    StringField{"Region", "/Region"},
    StringField{"Type", "/Types/0"},
    StringField{"Title", "/Title"},
    StringField{"Description", "/Description"},
    StringField{"SeverityLabel", "/Severity/Label"},
    StringField{"WorkflowStatus", "/Workflow/Status"},
    StringField{"WorkflowState", "/WorkflowState"},
    StringField{"RecordState", "/RecordState"},
    StringField{"ComplianceStatus", "/Compliance/Status"},
    StringField{"ComplianceSecurityControlId", "/Compliance/SecurityControlId"},
    StringField{"ResourceType", "/Resources/0/Type"},
    StringField{"ResourceId", "/Resources/0/Id"},
    StringField{"ResourceRegion", "/Resources/0/Region"},
    StringField{"AwsAccountName", "/AwsAccountName"},
};
constexpr std::array kDateFields = {"CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt"};

using DateFilterList = std::vector<std::pair<const char*, DateFilters>>;

bool Passes(const nlohmann::json& finding, const nlohmann::json& filters,
            const DateFilterList& dates) {
  for (const auto& field : kStringFields) {
    const auto* wanted = Member(filters, field.filter);
    if (wanted == nullptr) continue;
    const nlohmann::json::json_pointer pointer(field.pointer);
    const std::string value =
        finding.contains(pointer) ? finding.at(pointer).get<std::string>() : "";
    if (!StringFiltersPass(wanted, value, kSecurityHubKeys)) return false;
  }
  return std::all_of(dates.begin(), dates.end(), [&](const auto& date) {
    return date.second.Pass(*ParseTime(finding[date.first].template get<std::string>()));
  });
}

Reply InvalidInput(std::string message) {
  return AwsError(400, "InvalidInputException", std::move(message));
}

Reply NotSubscribed(const ApiCall& call) {
  return AwsError(401, "InvalidAccessException",
                  "Account " + call.account.id + " is not subscribed to AWS Security Hub");
}

bool Subscribed(const ApiCall& call) {
  return HasRegionalData(call) &&
         !ServiceOff(call.world, call.account, "securityhub", kUnsubscribedShare);
}

Reply DescribeHub(const ApiCall& call) {
  if (!Subscribed(call)) return NotSubscribed(call);
  const std::string hub_arn = Arn("securityhub", call.region, call.account.id, "hub/default");
  const std::string asked = call.Param("HubArn");
  if (!asked.empty() && asked != hub_arn) {
    return AwsError(404, "ResourceNotFoundException", "Hub " + asked + " not found");
  }
  Rng rng(call.world.seed(), {"securityhub-hub", call.account.id, call.region});
  const Day subscribed = call.world.first_day() - static_cast<Day>(rng.Between(1, 300));
  return Ok({{"HubArn", hub_arn},
             {"SubscribedAt", IsoMillis(InstantIn(subscribed, rng))},
             {"AutoEnableControls", true},
             {"ControlFindingGenerator", "SECURITY_CONTROL"}});
}

Reply GetFindings(const ApiCall& call) {
  if (!HasRegionalData(call)) return Ok({{"Findings", nlohmann::json::array()}});
  if (!Subscribed(call)) return NotSubscribed(call);
  if (const auto* max = Member(call.params, "MaxResults")) {
    if (!max->is_number_integer() || *max < 1 || *max > kMaxResults) {
      return InvalidInput("MaxResults must be between 1 and 100");
    }
  }
  static const nlohmann::json kNoFilters = nlohmann::json::object();
  const auto* filters_json = Member(call.params, "Filters");
  const nlohmann::json& filters = filters_json ? *filters_json : kNoFilters;
  DateFilterList dates;
  for (const char* name : kDateFields) {
    DateFilters parsed = ReadDateFilters(Member(filters, name), kSecurityHubKeys, call.today());
    if (!parsed.error.empty()) return InvalidInput(parsed.error);
    if (!parsed.windows.empty()) dates.emplace_back(name, std::move(parsed));
  }
  // Only days a CreatedAt window (or the end of an UpdatedAt one) can reach need generating.
  Day lo = call.world.first_day(), hi = call.today();
  for (const auto& [name, parsed] : dates) {
    if (std::string_view(name) == "CreatedAt" || std::string_view(name) == "FirstObservedAt") {
      parsed.ClampDays(lo, hi);
    } else {  // Updated at most kMaxUpdateLag days after creation.
      Day updated_lo = lo - kMaxUpdateLag, updated_hi = hi;
      parsed.ClampDays(updated_lo, updated_hi);
      lo = std::max(lo, updated_lo - kMaxUpdateLag);
      hi = std::min(hi, updated_hi);
    }
  }
  // Pages itself, resuming at the token's day: only the findings of the page are built in full
  // (resources resolved), since that is what costs.
  auto window_or = PageWindowOf(call);
  if (auto* error = std::get_if<Reply>(&window_or)) return *error;
  const auto window = std::get<PageWindow>(window_or);
  const DayCursor cursor = DayCursor::Decode(window.offset, hi);
  const bool resource_filters =
      std::any_of(kStringFields.begin(), kStringFields.end(), [&](const StringField& field) {
        return std::string_view(field.pointer).rfind("/Resources", 0) == 0 &&
               Member(filters, field.filter) != nullptr;
      });
  ResourcePicker picker(call);
  Reply reply = Ok({{"Findings", nlohmann::json::array()}});
  reply.paged = true;
  auto& page = reply.output["Findings"];
  for (Day day = std::min(hi, cursor.day); day >= lo; --day) {
    std::vector<PendingFinding> matches;
    for (int i = 0, count = FindingsOn(call, day); i < count; ++i) {
      PendingFinding pending = FindingOf(call, day, i);
      if (resource_filters) ResolveResource(call, pending, picker);
      if (Passes(pending.json, filters, dates)) matches.push_back(std::move(pending));
    }
    // Newest first, as the console lists them.
    std::sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) {
      return a.json["CreatedAt"].template get<std::string>() >
             b.json["CreatedAt"].template get<std::string>();
    });
    for (size_t i = day == cursor.day ? cursor.skip : 0; i < matches.size(); ++i) {
      if (page.size() == window.limit) {  // One more match: there is a next page.
        reply.output["NextToken"] = PageToken(call, DayCursor{day, i}.Encode(hi));
        return reply;
      }
      if (!matches[i].json.contains("Resources")) ResolveResource(call, matches[i], picker);
      page.push_back(std::move(matches[i].json));
    }
  }
  return reply;
}

}  // namespace

void RegisterSecurityHub(HandlerTable& table) {
  table.Add("securityhub", "DescribeHub", DescribeHub);
  table.Add("securityhub", "GetFindings", GetFindings);
}

}  // namespace view360::sim::security
