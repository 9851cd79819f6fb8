// AWS Support: DescribeTrustedAdvisorChecks, DescribeTrustedAdvisorCheckResult (catalogue and
// results in operations_support_checks.cpp) and DescribeCases over each account's case history.
//
// The Support API needs Business support or higher: other accounts get
// SubscriptionRequiredException for every operation (ops::HasBusinessSupport).
//
// Region: AWS serves the Support API from us-east-1 only, and botocore resolves every region of
// the aws partition to that endpoint (signing for us-east-1), so the simulator answers the same
// global data whatever region a request is signed for.
#include <algorithm>
#include <cmath>

#include "sim/services/operations_internal.h"

namespace view360::sim {
namespace {

// Languages the Support API accepts (API reference, "language").
constexpr const char* kLanguages[] = {"en", "ja", "zh", "ko", "fr",    "de",
                                      "es", "pt", "it", "id", "zh-TW", "zh-tw"};
// Cases stay visible this long after creation (API reference, DescribeCases).
constexpr int kCaseVisibleDays = 365;
// Mean days between two cases of one account.
constexpr double kCaseMeanGapDays = 16;
// recentCommunications holds at most this many (newest first).
constexpr size_t kRecentCommunications = 5;

bool SupportedLanguage(std::string_view language) {
  for (const char* l : kLanguages) {
    if (language == l) return true;
  }
  return false;
}

Reply InvalidParameter(std::string message) {
  return AwsError(400, "InvalidParameterValueException", std::move(message));
}

Reply DescribeTrustedAdvisorChecks(const ApiCall& call) {
  if (!ops::HasBusinessSupport(call.world, call.account)) return ops::SubscriptionRequired();
  const std::string language = call.Param("language");
  if (language.empty()) return ValidationError(call, "language is required.");
  if (!SupportedLanguage(language)) {
    return InvalidParameter("Invalid value for language: " + language);
  }
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& c : ops::TrustedAdvisorChecks()) {
    checks.push_back({{"id", c.id},
                      {"name", c.name},
                      {"description", c.description},
                      {"category", c.category},
                      {"metadata", c.metadata}});
  }
  return Ok({{"checks", checks}});
}

Reply DescribeTrustedAdvisorCheckResult(const ApiCall& call) {
  if (!ops::HasBusinessSupport(call.world, call.account)) return ops::SubscriptionRequired();
  const std::string id = call.Param("checkId");
  if (id.empty()) return ValidationError(call, "checkId is required.");
  const std::string language = call.Param("language", "en");
  if (!SupportedLanguage(language)) {
    return InvalidParameter("Invalid value for language: " + language);
  }
  const auto* check = ops::FindTrustedAdvisorCheck(id);
  if (!check) return InvalidParameter("Check Id " + id + " is invalid.");
  return Ok({{"result", ops::TrustedAdvisorResult(call.world, call.account, *check)}});
}

// ---- Cases
// ---------------------------------------------------------------------------------------

struct Topic {
  const char* subject;
  const char* service_code;
  const char* category_code;
  const char* question;
};

constexpr Topic kTopics[] = {
    {"EC2 instance unreachable after reboot", "amazon-elastic-compute-cloud-linux",
     "instance-issue",
     "After a scheduled reboot one of our instances fails its status checks and we cannot reach "
     "it over SSH."},
    {"Limit increase request: EC2 On-Demand vCPUs", "service-limit-increase",
     "service-code-ec2-instances",
     "We need to raise the Running On-Demand Standard instances vCPU quota for an upcoming "
     "launch."},
    {"RDS failover took longer than expected", "amazon-relational-database-service-mysql",
     "performance",
     "A Multi-AZ failover of our MySQL instance took over six minutes. Can you explain why?"},
    {"S3 access denied for cross-account role", "amazon-simple-storage-service", "general-guidance",
     "A role from our data account gets AccessDenied on GetObject despite the bucket policy."},
    {"Question about unexpected charges on invoice", "billing", "charge-inquiry",
     "Our last invoice shows NAT Gateway data processing charges we cannot explain."},
    {"Lambda timeouts after runtime upgrade", "aws-lambda", "general-guidance",
     "Since moving to a newer runtime, several functions time out on cold start."},
    {"ALB returning intermittent 502 errors", "elastic-load-balancing", "general-guidance",
     "Our Application Load Balancer returns HTTP 502 for about 1% of requests."},
    {"Site-to-Site VPN tunnel flapping", "amazon-virtual-private-cloud", "connectivity",
     "Tunnel 1 of our VPN connection goes down every few hours."},
    {"Guidance on IAM permission boundaries", "aws-identity-and-access-management",
     "general-guidance",
     "We would like a review of our permission boundary design for delegated administrators."},
    {"EBS volume stuck in attaching state", "amazon-elastic-compute-cloud-linux", "ebs-issue",
     "A gp3 volume has been in the attaching state for two hours."},
    {"Increase Lambda concurrent executions", "service-limit-increase", "service-code-lambda",
     "Please raise the concurrent executions quota to 3000 in this region."},
};

constexpr const char* kSupportReplies[] = {
    "Thank you for contacting AWS Support. I am looking into this and will update you shortly.",
    "I have reviewed the logs on our side. Could you share the resource ids and the time window "
    "(UTC) when the issue occurred?",
    "Thanks for the details. Our service team confirmed the behaviour; please find the "
    "recommended steps below.",
    "The requested change has been applied. Please let us know if you need anything else.",
};

struct Communication {
  std::string body, submitted_by;
  Clock::time_point time;
};

struct SupportCase {
  std::string case_id, display_id, status, severity, submitted_by;
  const Topic* topic = nullptr;
  Clock::time_point created;
  std::vector<Communication> communications;  // Oldest first.
};

std::string PickStatus(Rng& rng, int age_days) {
  if (age_days > 14 && rng.Chance(0.93)) return "resolved";
  static constexpr const char* kOpen[] = {"opened",           "unassigned",
                                          "work-in-progress", "pending-customer-action",
                                          "reopened",         "resolved"};
  return rng.Pick(kOpen);
}

std::string PickSeverity(Rng& rng) {
  const double u = rng.Uniform();
  return u < 0.35   ? "low"
         : u < 0.7  ? "normal"
         : u < 0.9  ? "high"
         : u < 0.98 ? "urgent"
                    : "critical";
}

// Every case of the account, newest first, within the visibility period.
std::vector<SupportCase> CasesOf(const World& world, const Account& account) {
  std::vector<SupportCase> cases;
  const Day first =
      std::max({world.first_day(), DayOf(account.joined), world.today() - kCaseVisibleDays});
  Rng gaps(world.seed(), {"support-case-days", account.id});
  Day day = first + static_cast<Day>(-std::log(1.0 - gaps.Uniform()) * kCaseMeanGapDays);
  for (int n = 0; day <= world.today(); ++n) {
    Rng rng(world.seed(), {"support-case", account.id}, n);
    SupportCase c;
    c.created = ops::MomentOn(day, rng, 7, 20) + std::chrono::milliseconds(rng.Between(0, 999));
    c.case_id = "case-" + account.id + "-" + FormatDay(day).substr(0, 4) + "-" + rng.Hex(16);
    c.display_id = std::to_string(rng.Between(1000000000LL, 9999999999LL));
    c.topic = &rng.Pick(kTopics);
    c.severity = PickSeverity(rng);
    c.status = PickStatus(rng, world.today() - day);
    c.submitted_by = account.email;
    c.communications.push_back({c.topic->question, c.submitted_by, c.created});
    const int replies =
        c.status == "opened" || c.status == "unassigned" ? 0 : static_cast<int>(rng.Between(1, 7));
    auto at = c.created;
    for (int r = 0; r < replies; ++r) {
      at += std::chrono::minutes(rng.Between(20, 60 * 30));
      if (DayOf(at) > world.today()) break;
      const bool aws = r % 2 == 0;
      c.communications.push_back(
          {aws ? rng.Pick(kSupportReplies) : "Thanks, please see the requested details attached.",
           aws ? "Amazon Web Services" : c.submitted_by, at});
    }
    cases.push_back(std::move(c));
    day += 1 + static_cast<Day>(-std::log(1.0 - gaps.Uniform()) * kCaseMeanGapDays);
  }
  std::reverse(cases.begin(), cases.end());
  return cases;
}

nlohmann::json CaseJson(const SupportCase& c, bool communications) {
  nlohmann::json out = {{"caseId", c.case_id},
                        {"displayId", c.display_id},
                        {"subject", c.topic->subject},
                        {"status", c.status},
                        {"serviceCode", c.topic->service_code},
                        {"categoryCode", c.topic->category_code},
                        {"severityCode", c.severity},
                        {"submittedBy", c.submitted_by},
                        {"timeCreated", ops::IsoMillis(c.created)},
                        {"ccEmailAddresses", nlohmann::json::array()},
                        {"language", "en"}};
  if (communications) {
    nlohmann::json list = nlohmann::json::array();
    for (auto it = c.communications.rbegin();
         it != c.communications.rend() && list.size() < kRecentCommunications; ++it) {
      list.push_back({{"caseId", c.case_id},
                      {"body", it->body},
                      {"submittedBy", it->submitted_by},
                      {"timeCreated", ops::IsoMillis(it->time)},
                      {"attachmentSet", nlohmann::json::array()}});
    }
    out["recentCommunications"] = {{"communications", list}};
    if (c.communications.size() > kRecentCommunications) {
      out["recentCommunications"]["nextToken"] = "comm-" + c.case_id.substr(c.case_id.size() - 8);
    }
  }
  return out;
}

Reply DescribeCases(const ApiCall& call) {
  if (!ops::HasBusinessSupport(call.world, call.account)) return ops::SubscriptionRequired();
  const auto ids = ops::StringList(call.params, "caseIdList");
  const std::string display_id = call.Param("displayId");
  const std::string language = call.Param("language", "en");
  const bool resolved = call.params.value("includeResolvedCases", false);
  const bool communications = call.params.value("includeCommunications", true);
  auto after_or = ops::TimeParam(call, "afterTime");
  if (auto* error = std::get_if<Reply>(&after_or)) return *error;
  auto before_or = ops::TimeParam(call, "beforeTime");
  if (auto* error = std::get_if<Reply>(&before_or)) return *error;
  const auto after = std::get<std::optional<Clock::time_point>>(after_or);
  const auto before = std::get<std::optional<Clock::time_point>>(before_or);

  const auto cases = CasesOf(call.world, call.account);
  for (const auto& id : ids) {
    const bool known = std::any_of(cases.begin(), cases.end(),
                                   [&](const SupportCase& c) { return c.case_id == id; });
    if (!known) return AwsError(400, "CaseIdNotFound", "Invalid case ID: " + id);
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cases) {
    if (language != "en") break;  // Every simulated case is handled in English.
    if (!ops::Allowed(ids, c.case_id)) continue;
    if (!display_id.empty() && c.display_id != display_id) continue;
    if (!resolved && c.status == "resolved") continue;
    if (after && c.created < *after) continue;
    if (before && c.created > *before) continue;
    out.push_back(CaseJson(c, communications));
  }
  return Ok({{"cases", out}});
}

}  // namespace

void RegisterSupportService(HandlerTable& table) {
  table.Add("support", "DescribeTrustedAdvisorChecks", DescribeTrustedAdvisorChecks);
  table.Add("support", "DescribeTrustedAdvisorCheckResult", DescribeTrustedAdvisorCheckResult);
  table.Add("support", "DescribeCases", DescribeCases);
}

}  // namespace view360::sim
