// security_hub[] (§b.7): Security Hub findings of the window, grouped by product.
//
// The original's two GetFindings queries (§c.5), filters as it sends them, every page of 100:
// new findings *created* in the window, and resolved/notified/suppressed findings *updated* in
// it; both ACTIVE, of this account, severities CRITICAL..LOW. The window is sent as naive ISO
// strings ("2025-09-14T00:00:00"), as the original's naive datetimes were; the end is the
// window's end, inclusive as Security Hub's DateFilter is.
//
// A finding in both queries counts once (the first seen wins; a hash set, §g S18). Groups are
// the findings' ProductName, sorted by total_findings descending, ties in first-seen order.
// INFORMATIONAL is not queried, as in the original, so its count is always 0 (§g S18,
// documented rather than changed: the warehouse's counts stay comparable).
#include <algorithm>
#include <map>
#include <unordered_set>

#include "collect/categories/security.h"

namespace view360::collect::security {
namespace {

constexpr int kMaxResults = 100;  // GetFindings' maximum page size.
constexpr const char* kLabels[] = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"};

nlohmann::json Equals(std::string_view value) {
  return {{"Value", value}, {"Comparison", "EQUALS"}};
}

std::string NaiveIso(Day day) { return FormatDay(day) + "T00:00:00"; }

nlohmann::json Query(const CategoryContext& ctx, const char* date_field,
                     std::initializer_list<const char*> workflow) {
  const Window& window = ctx.window();
  nlohmann::json filters = {
      {date_field, {{{"Start", NaiveIso(window.start)}, {"End", NaiveIso(window.end)}}}},
      {"RecordState", {Equals("ACTIVE")}},
      {"AwsAccountId", {Equals(ctx.account_id())}},
      {"SeverityLabel", {Equals("CRITICAL"), Equals("HIGH"), Equals("MEDIUM"), Equals("LOW")}},
      {"WorkflowStatus", nlohmann::json::array()},
  };
  for (const char* status : workflow) filters["WorkflowStatus"].push_back(Equals(status));
  return {{"Filters", std::move(filters)}, {"MaxResults", kMaxResults}};
}

// The member `key` of the object `obj[parent]`, or null.
Json Nested(const nlohmann::json& obj, std::string_view parent, std::string_view key) {
  const auto it = obj.find(std::string(parent));
  return it == obj.end() ? Json(nullptr) : StringOrNull(*it, key);
}

Json FindingOf(const nlohmann::json& f) {
  static const nlohmann::json kNoResource = nlohmann::json::object();
  const auto resources = f.find("Resources");
  const nlohmann::json& resource =
      resources != f.end() && resources->is_array() && !resources->empty() ? (*resources)[0]
                                                                           : kNoResource;
  const auto remediation = f.find("Remediation");
  Json recommendation = nullptr;
  if (remediation != f.end()) recommendation = Nested(*remediation, "Recommendation", "Text");
  const Json resource_type = StringOrNull(resource, "Type");
  const std::string product = StringOr(f, "ProductName", "");

  Json out = Json::object();
  out["finding_id"] = StringOrNull(f, "Id");
  out["service"] = resource_type;
  out["title"] = StringOrNull(f, "Title");
  out["description"] = StringOrNull(f, "Description");
  out["severity"] = Nested(f, "Severity", "Label");
  out["status"] = StringOr(f.value("Workflow", nlohmann::json::object()), "Status", "OPEN");
  out["resource_type"] = resource_type;
  out["resource_id"] = StringOrNull(resource, "Id");
  out["created_at"] = StringOrNull(f, "CreatedAt");  // ASFF strings, verbatim (§b.1).
  out["updated_at"] = StringOrNull(f, "UpdatedAt");
  out["recommendation"] = recommendation;
  out["compliance_status"] = Nested(f, "Compliance", "Status");
  out["region"] = StringOrNull(f, "Region");
  out["workflow_state"] = StringOr(f, "WorkflowState", "");
  out["record_state"] = StringOr(f, "RecordState", "ACTIVE");
  out["product_name"] = StringOrNull(f, "ProductName");
  out["company_name"] = StringOrNull(f, "CompanyName");
  out["product_arn"] = StringOrNull(f, "ProductArn");
  out["generator_id"] = StringOrNull(f, "GeneratorId");
  out["generator"] = product;
  return out;
}

struct Group {
  std::string service;
  int64_t open = 0, resolved = 0;
  std::map<std::string, int64_t, std::less<>> severities;
  Json findings = Json::array();
};

}  // namespace

Status CollectSecurityHub(CategoryContext& ctx, Json& out) {
  std::unordered_set<std::string> seen;
  std::vector<Group> groups;  // In order of first appearance.
  std::map<std::string, size_t, std::less<>> group_of;
  auto on_page = [&](const nlohmann::json& page) {
    for (const auto& f : page.value("Findings", nlohmann::json::array())) {
      const std::string id = StringOr(f, "Id", "");
      if (!seen.insert(id).second) continue;
      const std::string product = StringOr(f, "ProductName", "");
      auto [it, added] = group_of.try_emplace(product, groups.size());
      if (added) groups.push_back(Group{product, 0, 0, {}, Json::array()});
      Group& group = groups[it->second];
      Json finding = FindingOf(f);
      if (finding["status"] == "RESOLVED") {
        ++group.resolved;
      } else {
        ++group.open;
      }
      if (finding["severity"].is_string())
        ++group.severities[finding["severity"].get<std::string>()];
      group.findings.push_back(std::move(finding));
    }
    return OkStatus();
  };
  VIEW360_RETURN_IF_ERROR(
      ctx.Paginate("securityhub", "GetFindings", Query(ctx, "CreatedAt", {"NEW"}), on_page));
  VIEW360_RETURN_IF_ERROR(
      ctx.Paginate("securityhub", "GetFindings",
                   Query(ctx, "UpdatedAt", {"RESOLVED", "NOTIFIED", "SUPPRESSED"}), on_page));

  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    return a.findings.size() > b.findings.size();
  });
  out = Json::array();
  for (Group& group : groups) {
    Json counts = Json::object();
    for (const char* label : kLabels) {
      const auto it = group.severities.find(label);
      counts[label] = it == group.severities.end() ? 0 : it->second;
    }
    Json g = Json::object();
    g["service"] = group.service;
    g["total_findings"] = static_cast<int64_t>(group.findings.size());
    g["severity_counts"] = std::move(counts);
    g["open_findings"] = group.open;
    g["resolved_findings"] = group.resolved;
    g["findings"] = std::move(group.findings);
    out.push_back(std::move(g));
  }
  return OkStatus();
}

}  // namespace view360::collect::security
