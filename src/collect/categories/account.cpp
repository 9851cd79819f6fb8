// account (§b.3): who the account is, its contacts and our tags.
//
// Fixes (§g S13): unset tags are null, not "None"; e-mail, ARN, status and joining come from
// Organizations when the collector knows them (pull mode); an unexpected error on one
// alternate-contact type no longer drops the types after it.
#include <nlohmann/json.hpp>

#include "collect/categories/categories.h"
#include "collect/categories/common.h"

namespace view360::collect {
namespace {

constexpr ApiOperation kOperations[] = {
    {"sts", "GetCallerIdentity"},
    {"account", "GetAccountInformation"},
    {"account", "GetContactInformation"},
    {"account", "GetAlternateContact"},
};

Json OptionalTag(const std::optional<std::string>& tag) {
  return tag && !tag->empty() ? Json(*tag) : Json(nullptr);
}

Json OrNull(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

Json ContactInfo(CategoryContext& ctx) {
  auto output = ctx.Call("account", "GetContactInformation", nlohmann::json::object());
  if (!output.ok()) {
    ctx.Fail("account", output.status());
    return Json::object();
  }
  const nlohmann::json& info = (*output)["ContactInformation"];
  Json contact = Json::object();
  const std::pair<const char*, const char*> members[] = {{"address_line1", "AddressLine1"},
                                                         {"address_line2", "AddressLine2"},
                                                         {"address_line3", "AddressLine3"},
                                                         {"city", "City"},
                                                         {"country_code", "CountryCode"},
                                                         {"postal_code", "PostalCode"},
                                                         {"state_or_region", "StateOrRegion"},
                                                         {"company_name", "CompanyName"},
                                                         {"phone_number", "PhoneNumber"},
                                                         {"website_url", "WebsiteUrl"},
                                                         {"full_name", "FullName"}};
  for (const auto& [ours, theirs] : members) contact[ours] = StringOrNull(info, theirs);
  return contact;
}

Json AlternateContacts(CategoryContext& ctx) {
  Json contacts = Json::object();
  for (const char* type : {"BILLING", "OPERATIONS", "SECURITY"}) {
    std::string key = type;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto output = ctx.Call("account", "GetAlternateContact", {{"AlternateContactType", type}});
    if (!output.ok()) {
      // No contact of that type is ResourceNotFoundException: null, as the original.
      if (output.status().code() != StatusCode::kNotFound) ctx.Fail("account", output.status());
      contacts[key] = nullptr;
      continue;
    }
    const nlohmann::json& c = (*output)["AlternateContact"];
    contacts[key] = {{"name", StringOrNull(c, "Name")},
                     {"title", StringOrNull(c, "Title")},
                     {"email", StringOrNull(c, "EmailAddress")},
                     {"phone", StringOrNull(c, "PhoneNumber")}};
  }
  return contacts;
}

Status Collect(CategoryContext& ctx, Json& section) {
  const Target& target = ctx.target();
  VIEW360_ASSIGN_OR_RETURN(auto identity,
                           ctx.Call("sts", "GetCallerIdentity", nlohmann::json::object()));
  const std::string account_id = StringOr(identity, "Account", target.account_id);

  Json name = OrNull(target.account_name), joined = OrNull(target.joined_timestamp);
  if (name.is_null()) name = account_id;
  auto information = ctx.Call("account", "GetAccountInformation", nlohmann::json::object());
  if (information.ok()) {
    if ((*information).contains("AccountName")) name = StringOrNull(*information, "AccountName");
    if ((*information).contains("AccountCreatedDate")) {
      joined = TimeOrNull(*information, "AccountCreatedDate");
    }
  } else {
    ctx.Fail("account", information.status());
  }

  section = Json::object();
  section["account_id"] = account_id;
  section["account_name"] = name;
  section["account_email"] = OrNull(target.account_email);
  section["account_status"] = target.account_status.empty() ? "ACTIVE" : target.account_status;
  section["account_arn"] = OrNull(target.account_arn);
  section["partner_name"] = OptionalTag(target.tags.partner);
  section["customer_name"] = OptionalTag(target.tags.customer);
  section["category"] = OptionalTag(target.tags.category);
  section["account_type"] = OptionalTag(target.tags.environment);
  section["joined_method"] = OrNull(target.joined_method);
  section["joined_timestamp"] =
      joined.is_string() ? Json(document::PythonTime(joined.get<std::string>())) : joined;
  section["region"] = target.region;
  section["product"] = OptionalTag(target.tags.product);
  section["contact_info"] = ContactInfo(ctx);
  section["alternate_contacts"] = AlternateContacts(ctx);
  return OkStatus();
}

}  // namespace

const Category& AccountCategory() {
  static const Category category{"account",        "account", "account",
                                 Scope::kRegional, Collect,   kOperations};
  return category;
}

}  // namespace view360::collect
