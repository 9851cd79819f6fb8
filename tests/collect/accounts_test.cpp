// Which accounts a pull covers: Organizations discovery (against moto's organisation and the
// simulator's) and the accounts files users already have.
#include "collect/accounts.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "collect_fixture.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

std::vector<std::string> Ids(const std::vector<collect::AccountInfo>& accounts) {
  std::vector<std::string> ids;
  for (const auto& a : accounts) ids.push_back(a.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(AccountsFile, TheInventorySystemsAccountsJsonAsItIs) {
  const char* text = R"({
    "accounts": {
      "engineering": {"account_id": "123456789012", "role_name": "InventoryRole"},
      "marketing": {"account_id": "234567890123", "enabled": false},
      "finance": {"account_id": "345678901234"}
    },
    "excluded_regions": ["ap-south-2", "me-central-1"],
    "resource_types": ["ec2", "rds"]
  })";
  auto list = collect::ParseAccountsFile(text, "accounts.json");
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(Ids(list->accounts), (std::vector<std::string>{"123456789012", "345678901234"}));
  ASSERT_EQ(list->skipped.size(), 1u);
  EXPECT_EQ(list->skipped[0].account.id, "234567890123");
  EXPECT_EQ(list->excluded_regions, (std::vector<std::string>{"ap-south-2", "me-central-1"}));
  const auto& engineering = *std::find_if(list->accounts.begin(), list->accounts.end(),
                                          [](const auto& a) { return a.name == "engineering"; });
  EXPECT_EQ(engineering.role_name, "InventoryRole");
}

TEST(AccountsFile, ListsAndPlainIdsAndBadInput) {
  auto list = collect::ParseAccountsFile(
      R"([{"account_id": "111111111111", "name": "a"}, "222222222222"])", "f", {"222222222222"});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Ids(list->accounts), (std::vector<std::string>{"111111111111"}));
  EXPECT_EQ(list->skipped.at(0).reason, "in the skip list");

  auto lines = collect::ParseAccountsFile("# prod\n111111111111\n 222222222222 # dev\n", "ids.txt");
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(lines->accounts.size(), 2u);

  auto bad = collect::ParseAccountsFile(R"({"accounts": [{"account_id": "12345"}]})", "bad.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("12345"), std::string::npos);
  EXPECT_FALSE(collect::ParseAccountsFile(R"({"accts": []})", "x").ok());
  EXPECT_FALSE(collect::ParseAccountsFile("", "empty").ok());
}

TEST(Discovery, MotoOrganisationActiveAccountsAndOuFilters) {
  ResetMoto();
  const nlohmann::json org = MotoSetup("accounts.organisation");
  auto clients = MotoClients();
  auto all = collect::DiscoverAccounts(clients->In("us-east-1"), {});
  ASSERT_TRUE(all.ok()) << all.status().message();
  // The management account plus the members created.
  EXPECT_EQ(all->accounts.size(), org["accounts"].size() + 1);

  collect::DiscoveryOptions only_prod;
  only_prod.include_ous = {org["prod_ou"].get<std::string>()};
  auto prod = collect::DiscoverAccounts(clients->In("us-east-1"), only_prod);
  ASSERT_TRUE(prod.ok()) << prod.status().message();
  std::vector<std::string> expected = org["prod_accounts"].get<std::vector<std::string>>();
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Ids(prod->accounts), expected);

  collect::DiscoveryOptions skip_prod;
  skip_prod.skip_ous = {org["prod_ou"].get<std::string>()};
  skip_prod.skip_accounts = {org["accounts"][0].get<std::string>()};
  auto rest = collect::DiscoverAccounts(clients->In("us-east-1"), skip_prod);
  ASSERT_TRUE(rest.ok());
  const std::vector<std::string> remaining = Ids(rest->accounts);
  for (const auto& id : expected) {
    EXPECT_EQ(std::count(remaining.begin(), remaining.end(), id), 0) << id;
  }
  EXPECT_EQ(rest->accounts.size() + rest->skipped.size(), all->accounts.size());
}

TEST(Discovery, SimulatorSuspendedAccountsAreSkippedWithTheReason) {
  sim::Scenario scenario = SmallScenario();
  scenario.accounts = 30;
  scenario.suspended_share = 0.2;
  SimFixture sim(scenario);
  auto clients = sim.Clients(0);
  auto list = collect::DiscoverAccounts(clients->In("us-east-1"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  int suspended = 0;
  for (int i = 0; i <= 30; ++i)
    suspended += sim.simulator().world().AccountAt(i).status == "SUSPENDED";
  ASSERT_GT(suspended, 0);
  EXPECT_EQ(static_cast<int>(list->skipped.size()), suspended);
  EXPECT_EQ(static_cast<int>(list->accounts.size()), 31 - suspended);
  for (const auto& s : list->skipped) EXPECT_EQ(s.reason, "SUSPENDED");
}

}  // namespace
}  // namespace view360::testing
