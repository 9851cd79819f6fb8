// The account category (specs/view360.md §b.3) against moto and the simulator.
#include <gtest/gtest.h>

#include "collect_fixture.h"
#include "support/moto_server.h"

namespace view360::testing {
namespace {

TEST(AccountCategory, MotoAlternateContactsAndTheShapeOfTheSection) {
  ResetMoto();
  MotoSetup("account.alternate_contacts");
  auto clients = MotoClients();
  collect::Target target = TargetFor(kMotoAccount);
  target.tags.customer = "Acme";
  const CategoryRun run = RunCategory("account", target, DailyWindow("2025-09-15"), *clients);

  const auto& account = run.section;
  EXPECT_EQ(account["account_id"], kMotoAccount);
  EXPECT_EQ(account["region"], "us-east-1");
  EXPECT_EQ(account["customer_name"], "Acme");
  EXPECT_TRUE(account["partner_name"].is_null()) << "unset tags are null, not \"None\"";
  EXPECT_EQ(account["account_status"], "ACTIVE");
  const auto& contacts = account["alternate_contacts"];
  ASSERT_TRUE(contacts.is_object());
  EXPECT_TRUE(contacts["billing"].is_null());
  EXPECT_EQ(contacts["security"]["name"], "Sec Team");
  EXPECT_EQ(contacts["security"]["email"], "sec@example.com");
  EXPECT_EQ(contacts["security"]["phone"], "+1 555 0100");
  // The member order is the original's.
  std::vector<std::string> keys;
  for (const auto& [k, v] : account.items()) keys.push_back(k);
  EXPECT_EQ(keys,
            (std::vector<std::string>{
                "account_id", "account_name", "account_email", "account_status", "account_arn",
                "partner_name", "customer_name", "category", "account_type", "joined_method",
                "joined_timestamp", "region", "product", "contact_info", "alternate_contacts"}));
}

TEST(AccountCategory, SimulatorContactInformationAndAccountName) {
  SimFixture sim(SmallScenario());
  auto clients = sim.Clients(1);
  const CategoryRun run =
      RunCategory("account", TargetFor(sim.AccountId(1)), DailyWindow("2025-09-15"), *clients);
  EXPECT_EQ(run.status, "Pass") << run.logs.dump();
  EXPECT_EQ(run.section["account_id"], sim.AccountId(1));
  EXPECT_EQ(run.section["account_name"], sim.simulator().world().AccountAt(1).name);
  EXPECT_EQ(run.section["contact_info"].size(), 11u);
  EXPECT_TRUE(run.section["joined_timestamp"].get<std::string>().ends_with("+00:00"));
  EXPECT_EQ(run.collected.calls.at("account:GetAlternateContact"), 3);
}

}  // namespace
}  // namespace view360::testing
