// The synthetic organisation: deterministic from the seed, computed on demand (no per-account
// state), consistent lookups, and scenario files that refuse what they do not understand.
#include <gtest/gtest.h>

#include <set>

#include "sim/world.h"

namespace view360::sim {
namespace {

TEST(WorldTest, SameSeedSameOrganisation) {
  Scenario scenario;
  scenario.seed = 42;
  scenario.accounts = 50;
  World a(scenario), b(scenario);
  for (int i = 0; i <= 50; ++i) {
    EXPECT_EQ(a.AccountAt(i).id, b.AccountAt(i).id);
    EXPECT_EQ(a.AccountAt(i).name, b.AccountAt(i).name);
    EXPECT_EQ(a.AccountAt(i).regions, b.AccountAt(i).regions);
  }
  scenario.seed = 43;
  World c(scenario);
  EXPECT_NE(a.organization_id(), c.organization_id());
}

TEST(WorldTest, TenThousandAccountsAreUniqueAndFoundById) {
  Scenario scenario;
  scenario.accounts = 10000;
  World world(scenario);
  std::set<std::string> ids;
  int suspended = 0;
  for (int i = 0; i <= world.member_count(); ++i) {
    const Account account = world.AccountAt(i);
    ASSERT_EQ(account.id.size(), 12u);
    ids.insert(account.id);
    suspended += account.status == "SUSPENDED";
    EXPECT_FALSE(account.regions.empty());
  }
  EXPECT_EQ(ids.size(), 10001u);
  EXPECT_GT(suspended, 100);  // Some suspended, as the scenario's share says (4%).
  EXPECT_LT(suspended, 800);
  auto found = world.FindAccount(world.AccountAt(9876).id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->index, 9876);
  EXPECT_FALSE(world.FindAccount("999999999999"));
  EXPECT_FALSE(world.FindAccount(world.AccountAt(0).id.substr(0, 3) + "000010001"));
}

TEST(WorldTest, EveryAccountHasOneParentInTheTree) {
  Scenario scenario;
  scenario.accounts = 200;
  World world(scenario);
  size_t placed = world.AccountsIn(world.root_id()).size();
  for (const auto& ou : world.organizational_units()) placed += world.AccountsIn(ou.id).size();
  EXPECT_EQ(placed, 201u);
}

TEST(WorldTest, DaysAndTimestampsRoundTrip) {
  auto day = ParseDay("2025-09-15");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(FormatDay(*day), "2025-09-15");
  EXPECT_EQ(IsoTime(StartOf(*day) + std::chrono::seconds(37230)), "2025-09-15T10:20:30Z");
  auto t = ParseTime("2025-09-15T12:20:30+02:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(IsoTime(*t), "2025-09-15T10:20:30Z");
  EXPECT_FALSE(ParseDay("15-09-2025").ok());
}

TEST(ScenarioTest, ReadsAFileAndRefusesUnknownKeys) {
  auto scenario = ParseScenario(
      "seed: 9\naccounts: 300\nregions: [us-east-1, eu-central-1]\npage_size: 7\n"
      "missing_role_accounts: ['101000000003']\nfaults: {server_error: 0.05, latency: 0.1, "
      "latency_ms: 20}\n");
  ASSERT_TRUE(scenario.ok()) << scenario.status().message();
  EXPECT_EQ(scenario->seed, 9u);
  EXPECT_EQ(scenario->accounts, 300);
  EXPECT_EQ(scenario->regions.size(), 2u);
  EXPECT_EQ(scenario->faults.latency_ms, 20);
  auto typo = ParseScenario("acounts: 3\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("acounts"), std::string::npos);
  EXPECT_FALSE(ParseScenario("faults: {explode: 1}\n").ok());
  EXPECT_FALSE(ParseScenario("accounts: many\n").ok());
  EXPECT_FALSE(ParseScenario("today: yesterday\n").ok());
}

}  // namespace
}  // namespace view360::sim
