// Simulated Amazon Inspector (inspector2): ListFindings, package vulnerabilities of the
// account's EC2 instances and Lambda functions, with filterCriteria on account, severity,
// status, type, title, ARN, resource, vulnerability id, inspector score and the three dates
// (firstObservedAt, lastObservedAt, updatedAt).
//
// Each day of history may reveal a vulnerability on a resource that existed that day; most are
// fixed within kMaxFixDays (status CLOSED from then on), a few are suppressed, the rest stay
// ACTIVE and are re-observed by the daily scan.
#include <algorithm>
#include <array>
#include <variant>

#include "sim/pagination.h"
#include "sim/services/security_internal.h"

namespace view360::sim::security {
namespace {

constexpr Day kMaxFixDays = 90;

struct Vulnerability {
  const char* cve;
  const char* package;
  const char* version;
  const char* fixed_in;
  const char* package_manager;
  const char* severity;
  double score;
  const char* vector;
  const char* description;
  ResourceKind kind;
};

const std::array kVulnerabilities = {
    Vulnerability{"CVE-2024-6387", "openssh-server", "1:8.9p1-3ubuntu0.7", "1:8.9p1-3ubuntu0.10",
                  "OS", "HIGH", 8.1, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
                  "A signal handler race condition was found in OpenSSH's server (sshd), which "
                  "may allow remote code execution as root.",
                  ResourceKind::kInstance},
    Vulnerability{"CVE-2023-4911", "glibc", "2.35-0ubuntu3.3", "2.35-0ubuntu3.4", "OS", "HIGH", 7.8,
                  "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
                  "A buffer overflow was discovered in the GNU C Library's dynamic loader "
                  "ld.so while processing the GLIBC_TUNABLES environment variable.",
                  ResourceKind::kInstance},
    Vulnerability{"CVE-2024-3094", "xz-utils", "5.6.0-0.1", "5.6.1+really5.4.5-1", "OS", "CRITICAL",
                  10.0, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
                  "Malicious code was discovered in the upstream tarballs of xz, starting with "
                  "version 5.6.0.",
                  ResourceKind::kInstance},
    Vulnerability{"CVE-2023-38545", "curl", "7.81.0-1ubuntu1.13", "7.81.0-1ubuntu1.14", "OS",
                  "CRITICAL", 9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                  "This flaw makes curl overflow a heap based buffer in the SOCKS5 proxy "
                  "handshake.",
                  ResourceKind::kInstance},
    Vulnerability{"CVE-2022-40897", "setuptools", "65.5.0", "65.5.1", "PYTHONPKG", "MEDIUM", 5.9,
                  "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H",
                  "Python Packaging Authority setuptools before 65.5.1 allows remote attackers "
                  "to cause a denial of service via HTML in a crafted package.",
                  ResourceKind::kFunction},
    Vulnerability{"CVE-2023-44487", "golang.org/x/net", "0.15.0", "0.17.0", "GOMOD", "HIGH", 7.5,
                  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
                  "The HTTP/2 protocol allows a denial of service (server resource consumption) "
                  "because request cancellation can reset many streams quickly.",
                  ResourceKind::kFunction},
    Vulnerability{"CVE-2024-21626", "runc", "1.1.7-0ubuntu1", "1.1.12-0ubuntu2", "OS", "HIGH", 8.6,
                  "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H",
                  "runc leaks an internal file descriptor, allowing a container escape.",
                  ResourceKind::kInstance},
    Vulnerability{"CVE-2023-45803", "urllib3", "1.26.17", "1.26.18", "PYTHONPKG", "LOW", 4.2,
                  "CVSS:3.1/AV:A/AC:H/PR:H/UI:R/S:U/C:H/I:N/A:N",
                  "urllib3 does not remove the HTTP request body when a 303 redirect changes the "
                  "method to GET.",
                  ResourceKind::kFunction},
};

int FindingsOn(const ApiCall& call, Day day) {
  Rng rng(call.world.seed(), {"inspector-day", call.account.id, call.region}, day);
  const double u = rng.Uniform();
  return u < 0.55 ? 0 : u < 0.85 ? 1 : 2;
}

// The index-th finding revealed on `day`, as it stands on today; nullopt when the resource
// kind it needs did not exist that day.
std::optional<nlohmann::json> FindingAt(const ApiCall& call, Day day, int index,
                                        ResourcePicker& picker) {
  Rng rng(call.world.seed(), {"inspector-finding", call.account.id, call.region},
          static_cast<int64_t>(day) * 16 + index);
  const Vulnerability& v = rng.Pick(kVulnerabilities);
  const std::string arn = Arn("inspector2", call.region, call.account.id, "finding/" + rng.Hex(32));
  const auto resource = picker.Pick(v.kind, day, rng);
  if (!resource) return std::nullopt;
  const auto first = InstantIn(day, rng);
  const Day fix_day = day + static_cast<Day>(rng.Between(3, kMaxFixDays));
  // Every draw is made whatever today is, so a finding keeps its values as days pass.
  const bool fixed = rng.Chance(0.6) && fix_day <= call.today();
  const bool suppressed = rng.Chance(0.08) && !fixed;
  const auto fixed_at = std::max(first, InstantIn(fix_day, rng));
  const Day touched = std::min(call.today(), day + static_cast<Day>(rng.Between(0, 10)));
  auto updated = std::max(first, InstantIn(touched, rng));
  auto last = std::max(first, InstantIn(call.today(), rng));
  std::string status = suppressed ? "SUPPRESSED" : "ACTIVE";
  if (fixed) {
    status = "CLOSED";
    updated = fixed_at;
    last = updated;
  }
  const std::string score = nlohmann::json(v.score).dump();
  const bool lambda = v.kind == ResourceKind::kFunction;
  return nlohmann::json{
      {"findingArn", arn},
      {"awsAccountId", call.account.id},
      {"type", "PACKAGE_VULNERABILITY"},
      {"title", std::string(v.cve) + " - " + v.package},
      {"description", v.description},
      {"remediation",
       {{"recommendation",
         {{"text", std::string("Update ") + v.package + " to " + v.fixed_in + " or later."}}}}},
      {"severity", v.severity},
      {"firstObservedAt", IsoTime(first)},
      {"lastObservedAt", IsoTime(last)},
      {"updatedAt", IsoTime(updated)},
      {"status", status},
      {"resources",
       {{{"type", lambda ? "AWS_LAMBDA_FUNCTION" : "AWS_EC2_INSTANCE"},
         {"id", lambda ? resource->arn : resource->id},
         {"partition", "aws"},
         {"region", call.region}}}},
      {"inspectorScore", v.score},
      {"inspectorScoreDetails",
       {{"adjustedCvss",
         {{"scoreSource", "NVD"},
          {"version", "3.1"},
          {"score", v.score},
          {"scoringVector", v.vector}}}}},
      {"packageVulnerabilityDetails",
       {{"vulnerabilityId", v.cve},
        {"source", "NVD"},
        {"sourceUrl", std::string("https://nvd.nist.gov/vuln/detail/") + v.cve},
        {"vendorSeverity", v.severity},
        {"cvss",
         {{{"baseScore", v.score},
           {"scoringVector", v.vector},
           {"version", "3.1"},
           {"source", "NVD"}}}},
        {"vulnerablePackages",
         {{{"name", v.package},
           {"version", v.version},
           {"fixedInVersion", v.fixed_in},
           {"packageManager", v.package_manager}}}}}},
      {"fixAvailable", "YES"},
      {"exploitAvailable", v.score >= 9.0 ? "YES" : "NO"},
  };
}

struct StringField {
  const char* filter;
  const char* pointer;
};
constexpr std::array kStringFields = {
    StringField{"findingArn", "/findingArn"},
    StringField{"awsAccountId", "/awsAccountId"},
    StringField{"findingType", "/type"},
    StringField{"severity", "/severity"},
    StringField{"findingStatus", "/status"},
    StringField{"title", "/title"},
    StringField{"resourceType", "/resources/0/type"},
    StringField{"resourceId", "/resources/0/id"},
    StringField{"vulnerabilityId", "/packageVulnerabilityDetails/vulnerabilityId"},
    StringField{"fixAvailable", "/fixAvailable"},
    StringField{"exploitAvailable", "/exploitAvailable"},
};
constexpr std::array kDateFields = {"firstObservedAt", "lastObservedAt", "updatedAt"};

bool ScorePasses(const nlohmann::json* filters, double score) {
  if (filters == nullptr || !filters->is_array() || filters->empty()) return true;
  return std::any_of(filters->begin(), filters->end(), [&](const nlohmann::json& f) {
    const auto* lower = Member(f, "lowerInclusive");
    const auto* upper = Member(f, "upperInclusive");
    return (lower == nullptr || score >= lower->get<double>()) &&
           (upper == nullptr || score <= upper->get<double>());
  });
}

using DateFilterList = std::vector<std::pair<const char*, DateFilters>>;

bool Passes(const nlohmann::json& finding, const nlohmann::json& criteria,
            const DateFilterList& dates) {
  if (!ScorePasses(Member(criteria, "inspectorScore"), finding["inspectorScore"].get<double>())) {
    return false;
  }
  for (const auto& field : kStringFields) {
    const nlohmann::json::json_pointer pointer(field.pointer);
    if (!StringFiltersPass(Member(criteria, field.filter), finding.at(pointer).get<std::string>(),
                           kInspectorKeys)) {
      return false;
    }
  }
  return std::all_of(dates.begin(), dates.end(), [&](const auto& date) {
    return date.second.Pass(*ParseTime(finding[date.first].template get<std::string>()));
  });
}

Reply ListFindings(const ApiCall& call) {
  nlohmann::json findings = nlohmann::json::array();
  if (!HasRegionalData(call)) return Ok({{"findings", std::move(findings)}});
  static const nlohmann::json kNoFilters = nlohmann::json::object();
  const auto* criteria_json = Member(call.params, "filterCriteria");
  const nlohmann::json& criteria = criteria_json ? *criteria_json : kNoFilters;
  DateFilterList dates;
  Day lo = call.world.first_day(), hi = call.today();
  for (const char* name : kDateFields) {
    DateFilters parsed = ReadDateFilters(Member(criteria, name), kInspectorKeys, call.today());
    if (!parsed.error.empty()) return ValidationError(call, parsed.error);
    if (parsed.windows.empty()) continue;
    if (std::string_view(name) == "firstObservedAt") {
      parsed.ClampDays(lo, hi);
    } else {  // Observed and updated on or after the day revealed.
      Day ignored = lo;
      parsed.ClampDays(ignored, hi);
    }
    dates.emplace_back(name, std::move(parsed));
  }
  // Pages itself, resuming at the token's day, so a page loads only its days' resources.
  auto window_or = PageWindowOf(call);
  if (auto* error = std::get_if<Reply>(&window_or)) return *error;
  const auto window = std::get<PageWindow>(window_or);
  const DayCursor cursor = DayCursor::Decode(window.offset, hi);
  ResourcePicker picker(call);
  Reply reply = Ok({{"findings", std::move(findings)}});
  reply.paged = true;
  auto& page = reply.output["findings"];
  for (Day day = std::min(hi, cursor.day); day >= lo; --day) {
    size_t match = 0;
    for (int i = 0, n = FindingsOn(call, day); i < n; ++i) {
      auto finding = FindingAt(call, day, i, picker);
      if (!finding || !Passes(*finding, criteria, dates)) continue;
      const size_t index = match++;
      if (day == cursor.day && index < cursor.skip) continue;
      if (page.size() == window.limit) {  // One more match: there is a next page.
        reply.output["nextToken"] = PageToken(call, DayCursor{day, index}.Encode(hi));
        return reply;
      }
      page.push_back(std::move(*finding));
    }
  }
  return reply;
}

}  // namespace

void RegisterInspector2(HandlerTable& table) {
  table.Add("inspector2", "ListFindings", ListFindings);
}

}  // namespace view360::sim::security
