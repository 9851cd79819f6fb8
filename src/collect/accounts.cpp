#include "collect/accounts.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace view360::collect {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool IsAccountId(const std::string& id) {
  return id.size() == 12 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

AccountInfo FromOrganizations(const nlohmann::json& a) {
  AccountInfo info;
  info.id = a.value("Id", "");
  info.name = a.value("Name", "");
  info.email = a.value("Email", "");
  info.arn = a.value("Arn", "");
  info.status = a.value("Status", a.value("State", "ACTIVE"));
  info.joined_method = a.value("JoinedMethod", "");
  info.joined_timestamp = a.value("JoinedTimestamp", "");
  return info;
}

// Account id -> the chain of parents above it (OU ids and the root id).
Status WalkTree(aws::AwsClient& org, const std::string& parent, std::vector<std::string> path,
                std::map<std::string, std::vector<std::string>>& ancestors, int depth) {
  if (depth > 6) return OkStatus();  // Organizations allows five OU levels below the root.
  path.push_back(parent);
  VIEW360_RETURN_IF_ERROR(org.Paginate("organizations", "ListAccountsForParent",
                                       {{"ParentId", parent}}, [&](const nlohmann::json& page) {
                                         for (const auto& a :
                                              page.value("Accounts", nlohmann::json::array())) {
                                           ancestors[a.value("Id", "")] = path;
                                         }
                                         return OkStatus();
                                       }));
  std::vector<std::string> children;
  VIEW360_RETURN_IF_ERROR(org.Paginate("organizations", "ListOrganizationalUnitsForParent",
                                       {{"ParentId", parent}}, [&](const nlohmann::json& page) {
                                         for (const auto& ou : page.value(
                                                  "OrganizationalUnits", nlohmann::json::array())) {
                                           children.push_back(ou.value("Id", ""));
                                         }
                                         return OkStatus();
                                       }));
  for (const auto& child : children) {
    VIEW360_RETURN_IF_ERROR(WalkTree(org, child, path, ancestors, depth + 1));
  }
  return OkStatus();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DiscoveryOperations() {
  return {{"organizations", "ListAccounts"},
          {"organizations", "ListRoots"},
          {"organizations", "ListOrganizationalUnitsForParent"},
          {"organizations", "ListAccountsForParent"}};
}

Result<AccountList> DiscoverAccounts(aws::AwsClient& org, const DiscoveryOptions& options) {
  std::vector<AccountInfo> all;
  Status listed = org.Paginate(
      "organizations", "ListAccounts", nlohmann::json::object(), [&](const nlohmann::json& page) {
        for (const auto& a : page.value("Accounts", nlohmann::json::array())) {
          all.push_back(FromOrganizations(a));
        }
        return OkStatus();
      });
  if (!listed.ok()) {
    return listed.WithContext(
        "listing the organisation's accounts (run from the management account or a delegated "
        "administrator, or pass --accounts-file)");
  }

  std::map<std::string, std::vector<std::string>> ancestors;
  if (!options.include_ous.empty() || !options.skip_ous.empty()) {
    std::vector<std::string> roots;
    VIEW360_RETURN_IF_ERROR(org.Paginate(
        "organizations", "ListRoots", nlohmann::json::object(), [&](const nlohmann::json& page) {
          for (const auto& r : page.value("Roots", nlohmann::json::array())) {
            roots.push_back(r.value("Id", ""));
          }
          return OkStatus();
        }));
    for (const auto& root : roots) VIEW360_RETURN_IF_ERROR(WalkTree(org, root, {}, ancestors, 0));
  }

  AccountList out;
  for (AccountInfo& account : all) {
    const auto& above = ancestors[account.id];
    std::string reason;
    if (account.status != "ACTIVE") {
      reason = account.status;
    } else if (Contains(options.skip_accounts, account.id)) {
      reason = "in the skip list";
    } else if (!options.include_ous.empty() &&
               std::none_of(above.begin(), above.end(), [&](const std::string& p) {
                 return Contains(options.include_ous, p);
               })) {
      reason = "not below an included OU";
    } else {
      for (const auto& p : above) {
        if (Contains(options.skip_ous, p)) reason = "below skipped OU " + p;
      }
    }
    if (reason.empty()) {
      out.accounts.push_back(std::move(account));
    } else {
      out.skipped.push_back({std::move(account), reason});
    }
  }
  return out;
}

Result<AccountList> ParseAccountsFile(const std::string& text, const std::string& source,
                                      const std::vector<std::string>& skip_accounts) {
  AccountList out;
  auto add = [&](AccountInfo info, bool enabled) -> Status {
    if (!IsAccountId(info.id)) {
      return InvalidArgumentError(source + ": '" + info.id + "' is not a 12-digit account id");
    }
    if (!enabled) {
      out.skipped.push_back({std::move(info), "disabled in the accounts file"});
    } else if (Contains(skip_accounts, info.id)) {
      out.skipped.push_back({std::move(info), "in the skip list"});
    } else {
      out.accounts.push_back(std::move(info));
    }
    return OkStatus();
  };

  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    // One id per line.
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      line = line.substr(0, line.find('#'));
      line.erase(std::remove_if(line.begin(), line.end(), ::isspace), line.end());
      if (line.empty()) continue;
      AccountInfo info;
      info.id = line;
      VIEW360_RETURN_IF_ERROR(add(std::move(info), true));
    }
    if (out.accounts.empty() && out.skipped.empty()) {
      return InvalidArgumentError(source + ": no accounts (expected JSON or one id per line)");
    }
    return out;
  }

  auto entry = [&](const nlohmann::json& e, const std::string& name) -> Status {
    AccountInfo info;
    if (e.is_string()) {
      info.id = e.get<std::string>();
      return add(std::move(info), true);
    }
    if (!e.is_object())
      return InvalidArgumentError(source + ": account '" + name + "' is not an object");
    const auto id = e.find("account_id");
    if (id == e.end() || !id->is_string()) {
      return InvalidArgumentError(source + ": account '" + name + "' has no account_id string");
    }
    info.id = id->get<std::string>();
    info.name = e.value("name", name);
    info.role_name = e.value("role_name", "");
    const auto enabled = e.find("enabled");
    return add(std::move(info),
               enabled == e.end() || !enabled->is_boolean() || enabled->get<bool>());
  };

  const nlohmann::json* accounts = &json;
  if (json.is_object()) {
    const auto it = json.find("accounts");
    if (it == json.end()) return InvalidArgumentError(source + ": no \"accounts\" member");
    accounts = &*it;
    if (const auto ex = json.find("excluded_regions"); ex != json.end() && ex->is_array()) {
      for (const auto& r : *ex) {
        if (r.is_string()) out.excluded_regions.push_back(r.get<std::string>());
      }
    }
  }
  if (accounts->is_object()) {
    for (const auto& [name, e] : accounts->items()) VIEW360_RETURN_IF_ERROR(entry(e, name));
  } else if (accounts->is_array()) {
    for (const auto& e : *accounts) VIEW360_RETURN_IF_ERROR(entry(e, ""));
  } else {
    return InvalidArgumentError(source + ": \"accounts\" must be an object or an array");
  }
  return out;
}

Result<AccountList> ReadAccountsFile(const std::string& path,
                                     const std::vector<std::string>& skip_accounts) {
  std::ifstream in(path);
  if (!in) return InvalidArgumentError("cannot read accounts file '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseAccountsFile(buffer.str(), path, skip_accounts);
}

}  // namespace view360::collect
