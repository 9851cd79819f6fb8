// The View360 v2 document: one JSON object per account, region and period, as the original
// sender writes it (docs/document.md, specs/view360.md §b), plus our "view360" block.
//
// A document is assembled section by section: DocumentBuilder serialises each section when it
// is set, so a collector holds finished sections as compact text, not as a DOM, and the final
// text is the same bytes Python's json.dumps(indent=4) (ensure_ascii) gives for the same values.
//
// Thread-safety: DocumentBuilder is not thread-safe (one per document; callers serialise Set).
#pragma once

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace view360::document {

using Json = nlohmann::ordered_json;  // Keys keep insertion order, as the original writes them.

// Version of our "view360" block; the v2 sections themselves are versionless.
inline constexpr int kSchemaVersion = 1;

// The 17 top-level keys, in the order the original writes them.
inline constexpr std::array<std::string_view, 17> kSectionKeys = {"account",
                                                                  "config",
                                                                  "service",
                                                                  "cost",
                                                                  "security",
                                                                  "inventory",
                                                                  "marketplace",
                                                                  "trusted_advisor",
                                                                  "health",
                                                                  "application",
                                                                  "resilience_hub",
                                                                  "service_resources",
                                                                  "compute_optimizer",
                                                                  "ri_sp_savings",
                                                                  "config_inventory",
                                                                  "support_tickets",
                                                                  "logs"};

// The 16 `logs.<category>_status` members, in order (the `message` array follows them).
inline constexpr std::array<std::string_view, 16> kLogCategories = {
    "account",          "config",
    "service",          "cost",
    "security",         "inventory",
    "marketplace",      "trusted_advisor",
    "health",           "application",
    "resilience_hub",   "compute_optimizer",
    "ri_sp_savings",    "service_resources",
    "config_inventory", "support_tickets"};

// The value a section keeps when its collector failed (§b.2): {} for account, [] otherwise.
Json FailureValue(std::string_view section_key);

// The 9 members of `security` and the 8 of `inventory`, in order.
inline constexpr std::array<std::string_view, 9> kSecurityMembers = {
    "security_hub",    "guard_duty",          "kms",      "waf", "waf_rules", "cloudtrail",
    "secrets_manager", "certificate_manager", "inspector"};
inline constexpr std::array<std::string_view, 8> kInventoryMembers = {
    "instances", "applications", "patches",       "services",
    "users",     "processes",    "network_ports", "certificates"};

// Serialises like Python's json.dumps(value, indent=4) with ensure_ascii: 4-space indentation,
// ": " and "," separators, non-ASCII as \uXXXX (surrogate pairs above U+FFFF), floats in
// shortest round-trip form with ".0" on integral values.
std::string Serialize(const Json& value);

// A timestamp as the original writes a boto3 datetime (datetime.isoformat() of an aware UTC
// value): "2025-09-15T10:20:30+00:00", or "...30.123000+00:00" with exactly six fraction digits
// when there is a fraction. Accepts what our AWS layer returns ("2025-09-15T10:20:30Z",
// "...30.123Z") and ISO strings with offsets, which are converted to UTC; anything else is
// returned unchanged (the original copies API strings verbatim).
std::string PythonTime(std::string_view iso_time);

// PythonTime of a member when it is a string, null otherwise.
Json PythonTimeOrNull(const nlohmann::json& value);

class DocumentBuilder {
 public:
  DocumentBuilder();

  // Sets a top-level section (one of kSectionKeys) and serialises it now; later calls replace.
  void Set(std::string_view section_key, const Json& value);
  // Sets our extension block (written after `logs`).
  void SetExtension(const Json& view360_block);

  // The whole document: the 17 sections in order (failure values for sections never set), then
  // the "view360" block if one was set.
  std::string Finish() const;

 private:
  std::vector<std::string> sections_;  // Serialised, indexed like kSectionKeys.
  std::string extension_;
};

}  // namespace view360::document
