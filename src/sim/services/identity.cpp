// Identity services: STS (who am I, assume a role in a member account), Organizations (the tree
// of OUs and accounts), Account (names and contacts) and IAM (users, their MFA devices and keys).
#include <regex>
#include <variant>

#include "sim/auth.h"
#include "sim/pagination.h"
#include "sim/services/services.h"

namespace view360::sim {
namespace {

// ---- STS
// -----------------------------------------------------------------------------------------

Reply GetCallerIdentity(const ApiCall& call) {
  return Ok({{"UserId", call.user_id}, {"Account", call.account.id}, {"Arn", call.principal_arn}});
}

Reply AssumeRole(const ApiCall& call) {
  const std::string role_arn = call.Param("RoleArn");
  const std::string session = call.Param("RoleSessionName");
  static const std::regex kSessionName(R"([\w+=,.@-]{2,64})");
  if (!std::regex_match(session, kSessionName)) {
    return ValidationError(call, "1 validation error detected: Value '" + session +
                                     "' at 'roleSessionName' failed to satisfy constraint: "
                                     "Member must satisfy regular expression pattern: "
                                     "[\\w+=,.@-]*");
  }
  const int64_t duration = call.params.value("DurationSeconds", int64_t{3600});
  if (duration < 900 || duration > 43200) {
    return ValidationError(call,
                           "The requested DurationSeconds exceeds the MaxSessionDuration "
                           "set for this role.");
  }
  const auto denied = [&] {
    return AwsError(403, "AccessDenied",
                    "User: " + call.principal_arn +
                        " is not authorized to perform: sts:AssumeRole on resource: " + role_arn);
  };
  static const std::regex kRoleArn(R"(arn:aws:iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]+))");
  std::smatch match;
  if (!std::regex_match(role_arn, match, kRoleArn)) {
    return ValidationError(call, "Invalid RoleArn: " + role_arn);
  }
  auto target = call.world.FindAccount(match[1].str());
  const std::string role_name = match[2].str();
  const auto& roles = call.world.scenario().role_names;
  // Member roles trust the management account; any account may assume its own roles.
  const bool trusted_caller = call.account.index == 0 || (target && target->id == call.account.id);
  if (!target || !trusted_caller || target->status != "ACTIVE" || target->role_missing ||
      target->role_untrusted || std::find(roles.begin(), roles.end(), role_name) == roles.end()) {
    return denied();
  }
  const std::string& external_id = call.world.scenario().external_id;
  if (!external_id.empty() && call.Param("ExternalId") != external_id) return denied();
  if (!call.authenticator) return AwsError(500, "InternalFailure", "no credential issuer");
  const auto expiry = std::chrono::time_point_cast<std::chrono::seconds>(
      Clock::now() + std::chrono::seconds(duration));
  const auto credentials =
      call.authenticator->IssueRoleCredentials(*target, role_name, session, expiry);
  const std::string assumed_arn =
      "arn:aws:sts::" + target->id + ":assumed-role/" + role_name + "/" + session;
  return Ok({{"Credentials",
              {{"AccessKeyId", credentials.access_key_id},
               {"SecretAccessKey", credentials.secret_access_key},
               {"SessionToken", credentials.session_token},
               {"Expiration", IsoTime(expiry)}}},
             {"AssumedRoleUser",
              {{"AssumedRoleId",
                "AROA" + Rng(call.world.seed(), {"role", target->id, role_name}).Alnum(17) + ":" +
                    session},
               {"Arn", assumed_arn}}},
             {"PackedPolicySize", 0}});
}

// ---- Organizations
// -------------------------------------------------------------------------------

Reply OrganizationsAccessDenied() {
  return AwsError(400, "AccessDeniedException",
                  "You don't have permissions to access this resource.");
}

nlohmann::json AccountJson(const Account& a) {
  return {{"Id", a.id},
          {"Arn", a.arn},
          {"Email", a.email},
          {"Name", a.name},
          {"Status", a.status},
          {"State", a.status},
          {"JoinedMethod", a.joined_method},
          {"JoinedTimestamp", IsoTime(a.joined)}};
}

Reply DescribeOrganization(const ApiCall& call) {
  const Account management = call.world.management();
  return Ok({{"Organization",
              {{"Id", call.world.organization_id()},
               {"Arn", call.world.organization_arn()},
               {"FeatureSet", "ALL"},
               {"MasterAccountArn", management.arn},
               {"MasterAccountId", management.id},
               {"MasterAccountEmail", management.email},
               {"AvailablePolicyTypes",
                {{{"Type", "SERVICE_CONTROL_POLICY"}, {"Status", "ENABLED"}}}}}}});
}

Reply ListRoots(const ApiCall& call) {
  if (call.account.index != 0) return OrganizationsAccessDenied();
  const std::string root = call.world.root_id();
  return Ok({{"Roots",
              {{{"Id", root},
                {"Arn", "arn:aws:organizations::" + call.world.management().id + ":root/" +
                            call.world.organization_id() + "/" + root},
                {"Name", "Root"},
                {"PolicyTypes", {{{"Type", "SERVICE_CONTROL_POLICY"}, {"Status", "ENABLED"}}}}}}}});
}

bool IsParent(const World& world, std::string_view id) {
  if (id == world.root_id()) return true;
  for (const auto& ou : world.organizational_units()) {
    if (ou.id == id) return true;
  }
  return false;
}

Reply ParentNotFound() {
  return AwsError(400, "ParentNotFoundException",
                  "We can't find a root or OU with the ParentId "
                  "that you specified.");
}

Reply ListOrganizationalUnitsForParent(const ApiCall& call) {
  if (call.account.index != 0) return OrganizationsAccessDenied();
  const std::string parent = call.Param("ParentId");
  if (!IsParent(call.world, parent)) return ParentNotFound();
  nlohmann::json ous = nlohmann::json::array();
  for (const auto& ou : call.world.organizational_units()) {
    if (ou.parent_id == parent) ous.push_back({{"Id", ou.id}, {"Arn", ou.arn}, {"Name", ou.name}});
  }
  return Ok({{"OrganizationalUnits", ous}});
}

// Accounts are pages cut from indexes, so 10,000 accounts are never built at once.
Reply PageOfAccounts(const ApiCall& call, const std::vector<int>* indexes) {
  auto window_or = PageWindowOf(call);
  if (auto* error = std::get_if<Reply>(&window_or)) return *error;
  const auto window = std::get<PageWindow>(window_or);
  const size_t total =
      indexes ? indexes->size() : static_cast<size_t>(call.world.member_count()) + 1;
  nlohmann::json accounts = nlohmann::json::array();
  for (size_t i = window.offset; i < total && i < window.offset + window.limit; ++i) {
    accounts.push_back(
        AccountJson(call.world.AccountAt(indexes ? (*indexes)[i] : static_cast<int>(i))));
  }
  Reply reply = Ok({{"Accounts", accounts}});
  if (window.offset + window.limit < total) {
    reply.output["NextToken"] = PageToken(call, window.offset + window.limit);
  }
  reply.paged = true;
  return reply;
}

Reply ListAccounts(const ApiCall& call) {
  if (call.account.index != 0) return OrganizationsAccessDenied();
  return PageOfAccounts(call, nullptr);
}

Reply ListAccountsForParent(const ApiCall& call) {
  if (call.account.index != 0) return OrganizationsAccessDenied();
  const std::string parent = call.Param("ParentId");
  if (!IsParent(call.world, parent)) return ParentNotFound();
  const auto indexes = call.world.AccountsIn(parent);
  return PageOfAccounts(call, &indexes);
}

Reply ListChildren(const ApiCall& call) {
  if (call.account.index != 0) return OrganizationsAccessDenied();
  const std::string parent = call.Param("ParentId");
  const std::string type = call.Param("ChildType");
  if (!IsParent(call.world, parent)) return ParentNotFound();
  nlohmann::json children = nlohmann::json::array();
  if (type == "ORGANIZATIONAL_UNIT") {
    for (const auto& ou : call.world.organizational_units()) {
      if (ou.parent_id == parent) children.push_back({{"Id", ou.id}, {"Type", type}});
    }
  } else if (type == "ACCOUNT") {
    for (int index : call.world.AccountsIn(parent)) {
      children.push_back({{"Id", call.world.AccountAt(index).id}, {"Type", type}});
    }
  } else {
    return ValidationError(call, "ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT");
  }
  return Ok({{"Children", children}});
}

// ---- Account
// -------------------------------------------------------------------------------------

// The account a call is about: its AccountId parameter (the management account may ask about
// members), else the caller's.
std::variant<Account, Reply> TargetAccount(const ApiCall& call) {
  const std::string id = call.Param("AccountId");
  if (id.empty() || id == call.account.id) return call.account;
  auto target = call.world.FindAccount(id);
  if (call.account.index != 0 || !target) {
    return AwsError(403, "AccessDeniedException",
                    "User: " + call.principal_arn + " is not authorized to perform this action");
  }
  return *target;
}

Reply GetAccountInformation(const ApiCall& call) {
  auto target = TargetAccount(call);
  if (auto* error = std::get_if<Reply>(&target)) return *error;
  const auto& a = std::get<Account>(target);
  return Ok(
      {{"AccountId", a.id}, {"AccountName", a.name}, {"AccountCreatedDate", IsoTime(a.joined)}});
}

Reply GetContactInformation(const ApiCall& call) {
  auto target = TargetAccount(call);
  if (auto* error = std::get_if<Reply>(&target)) return *error;
  const auto& a = std::get<Account>(target);
  Rng rng(call.world.seed(), {"contact", a.id});
  static constexpr const char* kCities[][3] = {{"Seattle", "US", "WA"},
                                               {"Dublin", "IE", "Dublin"},
                                               {"Sydney", "AU", "NSW"},
                                               {"Berlin", "DE", "Berlin"},
                                               {"S\u00e3o Paulo", "BR", "SP"}};
  const auto& city = rng.Pick(kCities);
  nlohmann::json contact = {
      {"AddressLine1", std::to_string(rng.Between(1, 999)) + " Main Street"},
      {"City", city[0]},
      {"CountryCode", city[1]},
      {"StateOrRegion", city[2]},
      {"PostalCode", std::to_string(rng.Between(10000, 99999))},
      {"FullName", "Operations " + a.name},
      {"PhoneNumber", "+1" + std::to_string(rng.Between(2000000000, 9999999999))},
      {"CompanyName", a.customer}};
  if (rng.Chance(0.5)) contact["AddressLine2"] = "Suite " + std::to_string(rng.Between(1, 90));
  if (rng.Chance(0.6)) contact["WebsiteUrl"] = "https://www.example.com";
  return Ok({{"ContactInformation", contact}});
}

Reply GetAlternateContact(const ApiCall& call) {
  auto target = TargetAccount(call);
  if (auto* error = std::get_if<Reply>(&target)) return *error;
  const auto& a = std::get<Account>(target);
  const std::string type = call.Param("AlternateContactType");
  if (type != "BILLING" && type != "OPERATIONS" && type != "SECURITY") {
    return ValidationError(call, "Invalid AlternateContactType: " + type);
  }
  Rng rng(call.world.seed(), {"alternate-contact", a.id, type});
  if (rng.Chance(0.25)) {
    return AwsError(404, "ResourceNotFoundException",
                    "No contact of the inputted alternate "
                    "contact type found.");
  }
  std::string lower = type;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  return Ok({{"AlternateContact",
              {{"AlternateContactType", type},
               {"Name", "Alex " + lower + " lead"},
               {"Title", lower == "billing" ? "Finance Manager" : "Team Lead"},
               {"EmailAddress", lower + "@example.com"},
               {"PhoneNumber", "+1" + std::to_string(rng.Between(2000000000, 9999999999))}}}});
}

// ---- IAM
// -----------------------------------------------------------------------------------------

struct IamUser {
  std::string name, id, arn;
  Clock::time_point created;
  bool has_mfa = false;
  int keys = 0;
};

std::vector<IamUser> UsersOf(const World& world, const Account& account) {
  Rng rng(world.seed(), {"iam-users", account.id});
  std::vector<IamUser> users(static_cast<size_t>(rng.Between(2, 12)));
  static constexpr const char* kNames[] = {"alice", "bob",       "carol",     "dave",
                                           "erin",  "ci-deploy", "terraform", "backup-agent"};
  for (size_t i = 0; i < users.size(); ++i) {
    Rng user_rng(world.seed(), {"iam-user", account.id}, static_cast<int64_t>(i));
    auto& u = users[i];
    u.name = std::string(user_rng.Pick(kNames)) + "-" + std::to_string(i);
    u.id = "AIDA" + user_rng.Alnum(17);
    u.arn = "arn:aws:iam::" + account.id + ":user/" + u.name;
    u.created = StartOf(world.today() - static_cast<Day>(user_rng.Between(5, 1500)));
    u.has_mfa = user_rng.Chance(0.6);
    u.keys = static_cast<int>(user_rng.Between(0, 2));
  }
  return users;
}

Reply ListUsers(const ApiCall& call) {
  nlohmann::json users = nlohmann::json::array();
  for (const auto& u : UsersOf(call.world, call.account)) {
    users.push_back({{"Path", "/"},
                     {"UserName", u.name},
                     {"UserId", u.id},
                     {"Arn", u.arn},
                     {"CreateDate", IsoTime(u.created)}});
  }
  return Ok({{"Users", users}, {"IsTruncated", false}});
}

std::variant<IamUser, Reply> FindUser(const ApiCall& call) {
  const std::string name = call.Param("UserName");
  for (auto& u : UsersOf(call.world, call.account)) {
    if (u.name == name) return u;
  }
  return AwsError(404, "NoSuchEntity", "The user with name " + name + " cannot be found.");
}

Reply ListMFADevices(const ApiCall& call) {
  auto user = FindUser(call);
  if (auto* error = std::get_if<Reply>(&user)) return *error;
  const auto& u = std::get<IamUser>(user);
  nlohmann::json devices = nlohmann::json::array();
  if (u.has_mfa) {
    devices.push_back({{"UserName", u.name},
                       {"SerialNumber", "arn:aws:iam::" + call.account.id + ":mfa/" + u.name},
                       {"EnableDate", IsoTime(u.created + std::chrono::hours(26))}});
  }
  return Ok({{"MFADevices", devices}, {"IsTruncated", false}});
}

Reply ListAccessKeys(const ApiCall& call) {
  auto user = FindUser(call);
  if (auto* error = std::get_if<Reply>(&user)) return *error;
  const auto& u = std::get<IamUser>(user);
  nlohmann::json keys = nlohmann::json::array();
  for (int i = 0; i < u.keys; ++i) {
    Rng rng(call.world.seed(), {"iam-key", call.account.id, u.name}, i);
    keys.push_back({{"UserName", u.name},
                    {"AccessKeyId", "AKIA" + rng.Alnum(16)},
                    {"Status", rng.Chance(0.8) ? "Active" : "Inactive"},
                    {"CreateDate", IsoTime(u.created + std::chrono::hours(rng.Between(1, 9000)))}});
  }
  return Ok({{"AccessKeyMetadata", keys}, {"IsTruncated", false}});
}

}  // namespace

void RegisterIdentityServices(HandlerTable& table) {
  table.Add("sts", "GetCallerIdentity", GetCallerIdentity);
  table.Add("sts", "AssumeRole", AssumeRole);
  table.Add("organizations", "DescribeOrganization", DescribeOrganization);
  table.Add("organizations", "ListRoots", ListRoots);
  table.Add("organizations", "ListOrganizationalUnitsForParent", ListOrganizationalUnitsForParent);
  table.Add("organizations", "ListAccountsForParent", ListAccountsForParent);
  table.Add("organizations", "ListAccounts", ListAccounts);
  table.Add("organizations", "ListChildren", ListChildren);
  table.Add("account", "GetAccountInformation", GetAccountInformation);
  table.Add("account", "GetContactInformation", GetContactInformation);
  table.Add("account", "GetAlternateContact", GetAlternateContact);
  table.Add("iam", "ListUsers", ListUsers);
  table.Add("iam", "ListMFADevices", ListMFADevices);
  table.Add("iam", "ListAccessKeys", ListAccessKeys);
}

}  // namespace view360::sim
