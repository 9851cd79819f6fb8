// The accounts a pull collection covers: discovered through AWS Organizations from the
// management (or a delegated-admin) account, or read from an accounts file.
//
// Discovery keeps ACTIVE accounts only; --include-ou keeps accounts anywhere below the given
// OUs (or roots), --skip-ou drops accounts below those, --skip-account drops ids. What was left
// out is reported with the reason, so the run summary can say why an account was not collected.
//
// Accounts files (JSON), all accepted as they are:
//   - the inventory system's accounts.json (specs/inventory.md §1.1):
//       {"accounts": {"<name>": {"account_id": "...", "role_name": "...", "enabled": true}},
//        "excluded_regions": [...]}   (disabled accounts are skipped)
//   - a list: {"accounts": [{"account_id": "...", "name": "...", "role_name": "..."}]} or a bare
//     JSON array of such objects or of id strings;
//   - plain text: one 12-digit id per line ('#' starts a comment).
//
// Thread-safety: plain functions.
#pragma once

#include <string>
#include <vector>

#include "aws/client.h"
#include "common/status.h"

namespace view360::collect {

struct AccountInfo {
  std::string id;
  std::string name;
  std::string email;
  std::string arn;
  std::string status = "ACTIVE";
  std::string joined_method;
  std::string joined_timestamp;  // ISO-8601 as the AWS layer returns it.
  std::string role_name;         // Per-account role (accounts file); empty: the run's.
};

struct SkippedAccount {
  AccountInfo account;
  std::string reason;  // "SUSPENDED", "below skipped OU ou-...", "in --skip-account", ...
};

struct AccountList {
  std::vector<AccountInfo> accounts;
  std::vector<SkippedAccount> skipped;
  std::vector<std::string> excluded_regions;  // From an inventory accounts.json.
};

struct DiscoveryOptions {
  std::vector<std::string> include_ous;    // OU or root ids; empty: the whole organisation.
  std::vector<std::string> skip_ous;       // OU ids.
  std::vector<std::string> skip_accounts;  // Account ids.
};

// Lists the organisation's accounts (Organizations ListAccounts, all pages; the OU tree through
// ListRoots / ListOrganizationalUnitsForParent / ListAccountsForParent when OUs are filtered).
// `organizations` is a client in the management or delegated-admin account.
Result<AccountList> DiscoverAccounts(aws::AwsClient& organizations,
                                     const DiscoveryOptions& options);

// Parses an accounts file's text (formats above); `source` names it in errors.
Result<AccountList> ParseAccountsFile(const std::string& text, const std::string& source,
                                      const std::vector<std::string>& skip_accounts = {});
Result<AccountList> ReadAccountsFile(const std::string& path,
                                     const std::vector<std::string>& skip_accounts = {});

// The Organizations operations DiscoverAccounts calls (for the IAM policy).
std::vector<std::pair<std::string, std::string>> DiscoveryOperations();

}  // namespace view360::collect
