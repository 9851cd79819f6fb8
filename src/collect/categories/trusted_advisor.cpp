// trusted_advisor (§b.10): Trusted Advisor checks that flag resources (status warning or error),
// refreshed inside the window (or with no readable refresh time).
//
// Account-wide (§g S14): collected once per account, in the home region's document; the Support
// API lives in us-east-1. Without a Business support plan the API answers
// SubscriptionRequiredException: the category fails with tag "trusted_advisor" and the section
// stays [].
//
// A check whose result cannot be read is skipped (as the original) and the failures are logged as
// one message (the original only printed them).
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"
#include "collect/categories/repeated_failures.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"support", "DescribeTrustedAdvisorChecks"},
    {"support", "DescribeTrustedAdvisorCheckResult"},
};

constexpr char kSupportRegion[] = "us-east-1";

// categorySpecificSummary.costOptimizing.estimatedMonthlySavings, or null.
Json PotentialSavings(const nlohmann::json& result) {
  const auto summary = result.find("categorySpecificSummary");
  if (summary == result.end() || !summary->is_object()) return nullptr;
  const auto cost = summary->find("costOptimizing");
  if (cost == summary->end() || !cost->is_object()) return nullptr;
  const auto savings = cost->find("estimatedMonthlySavings");
  return savings != cost->end() && savings->is_number() ? ToDocument(*savings) : Json(nullptr);
}

Status Collect(CategoryContext& ctx, Json& section) {
  VIEW360_ASSIGN_OR_RETURN(auto checks, ctx.Call("support", "DescribeTrustedAdvisorChecks",
                                                 {{"language", "en"}}, kSupportRegion));
  const nlohmann::json list = checks.value("checks", nlohmann::json::array());
  RepeatedFailures failures("trusted_advisor");
  section = Json::array();
  for (const auto& check : list) {
    auto output =
        ctx.Call("support", "DescribeTrustedAdvisorCheckResult",
                 {{"checkId", StringOr(check, "id", "")}, {"language", "en"}}, kSupportRegion);
    if (!output.ok()) {
      failures.Add(output.status());
      continue;
    }
    const nlohmann::json result = output->value("result", nlohmann::json::object());
    const std::string status = StringOr(result, "status", "");
    const nlohmann::json flagged = result.value("flaggedResources", nlohmann::json::array());
    if ((status != "warning" && status != "error") || flagged.empty()) continue;
    // The result time is a string in the Support API; an unreadable one keeps the check.
    const std::string timestamp = StringOr(result, "timestamp", "");
    const bool readable = ParseTime(timestamp).has_value();
    if (readable && !InWindow(timestamp, ctx.window())) continue;

    Json item = Json::object();
    item["check_name"] = StringOrNull(check, "name");
    item["category"] = StringOrNull(check, "category");
    item["severity"] = status;
    item["recommendation"] = StringOrNull(check, "description");
    item["affected_resources_count"] = static_cast<int64_t>(flagged.size());
    item["potential_savings"] = PotentialSavings(result);
    item["timestamp"] = readable ? Json(document::PythonTime(timestamp)) : Json(nullptr);
    section.push_back(std::move(item));
  }
  failures.Report(ctx, static_cast<int>(list.size()), "checks");
  return OkStatus();
}

}  // namespace

const Category& TrustedAdvisorCategory() {
  static const Category category{"trusted_advisor", "trusted_advisor", "trusted_advisor",
                                 Scope::kAccount,   Collect,           kOperations};
  return category;
}

}  // namespace view360::collect
