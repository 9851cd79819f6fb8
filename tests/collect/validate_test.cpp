// Document validation (document/validate.h): our documents are checked strictly, the original
// sender's leniently, and every problem names its JSON path.
#include "document/validate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "document/document.h"

namespace view360::document {
namespace {

Json Minimal() {
  DocumentBuilder builder;
  builder.Set("logs", Json::parse(R"({"account_status": "Pass", "config_status": "Pass",
    "service_status": "Pass", "cost_status": "Pass", "security_status": "Pass",
    "inventory_status": "Pass", "marketplace_status": "Pass", "trusted_advisor_status": "Pass",
    "health_status": "Pass", "application_status": "Pass", "resilience_hub_status": "Pass",
    "compute_optimizer_status": "Pass", "ri_sp_savings_status": "Pass",
    "service_resources_status": "Pass", "config_inventory_status": "Pass",
    "support_tickets_status": "Fail", "message": [{"support_tickets": "boom"}]})"));
  return Json::parse(builder.Finish());
}

std::string Issues(const Json& document, Strictness strictness) {
  std::string out;
  for (const auto& issue : Validate(document, strictness)) out += issue.ToString() + "\n";
  return out;
}

TEST(Validate, FailureValuesEverywhereAreAValidDocument) {
  EXPECT_EQ(Issues(Minimal(), Strictness::kStrict), "");
}

TEST(Validate, WrongTypesAreReportedWithTheirPath) {
  Json doc = Minimal();
  doc["security"] = Json::parse(R"({"security_hub": [], "guard_duty": [], "kms": [
      {"key_id": "k1", "arn": null, "description": null, "key_usage": null, "key_state": null,
       "creation_date": null, "enabled": "yes", "key_rotation_enabled": null}],
      "waf": [], "waf_rules": [], "cloudtrail": [], "secrets_manager": [],
      "certificate_manager": [], "inspector": []})");
  EXPECT_EQ(Issues(doc, Strictness::kLenient),
            "$.security.kms[0].enabled: expected boolean, got string\n");
}

TEST(Validate, StrictRefusesMissingAndUnknownMembersLenientAcceptsThem) {
  Json doc = Minimal();
  doc["trusted_advisor"] = Json::parse(R"([{"check_name": "c", "extra": 1}])");
  const std::string strict = Issues(doc, Strictness::kStrict);
  EXPECT_NE(strict.find("$.trusted_advisor[0].category: missing"), std::string::npos) << strict;
  EXPECT_NE(strict.find("$.trusted_advisor[0].extra: unknown member"), std::string::npos);
  EXPECT_EQ(Issues(doc, Strictness::kLenient), "");
}

TEST(Validate, TheOriginalReceiversRequiredSectionsAndNonObjects) {
  Json doc = Minimal();
  doc.erase("health");
  doc.erase("support_tickets");  // Optional for the original receiver.
  EXPECT_EQ(Issues(doc, Strictness::kLenient), "$.health: missing\n");
  EXPECT_EQ(Issues(Json::array(), Strictness::kLenient),
            "$: a document is a JSON object, not array\n");
  doc = Minimal();
  doc["service"] = Json::parse(R"([{"service": "EC2", "date_from": "2025-09-14",
      "date_to": "2025-09-15", "cost": "12.5"}, 7])");
  EXPECT_EQ(Issues(doc, Strictness::kLenient),
            "$.service[0].cost: expected number, got string\n$.service[1]: expected object, got "
            "number\n");
}

TEST(Validate, IntegersAreNotFloats) {
  Json doc = Minimal();
  doc["config"] = Json::parse(R"({"date_from": "2025-09-14", "date_to": "2025-09-15",
      "compliance_score": 0, "total_rules": 2.5, "compliant_rules": 1, "non_compliant_rules": 1,
      "curr_non_compliant": 0, "curr_compliant": 0, "non_compliant_resources": []})");
  EXPECT_EQ(Issues(doc, Strictness::kStrict),
            "$.config.total_rules: expected integer, got a non-integer number\n");
}

}  // namespace
}  // namespace view360::document
