// Migration 0007: every table of the warehouse tells listeners on `view360_changed` that its
// data changed, once per committed transaction that wrote it, and never for one rolled back.
// `view360 serve` drops its cached answers on that news (tests/serve/cache_test.cpp), so a
// table without the trigger would let the API serve stale answers.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "support/test_cluster.h"
#include "warehouse/migrations.h"

namespace view360::warehouse {
namespace {

using testing::Connect;
using testing::FreshDatabase;

constexpr char kAccount[] = R"(
  INSERT INTO accounts (account_id, account_name, account_email, account_status, account_arn,
                        joined_method, joined_timestamp, region)
  VALUES ('111111111111', 'a', 'a@example.com', 'ACTIVE', 'arn:aws:organizations::1:account/1',
          'CREATED', '2024-01-01', 'Global'))";

class ChangeNotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string conninfo = FreshDatabase();
    writer_ = std::make_unique<Connection>(Connect(conninfo));
    auto report = Migrate(*writer_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    listener_ = std::make_unique<Connection>(Connect(conninfo));
    ASSERT_TRUE(listener_->Execute("LISTEN view360_changed").ok());
  }

  void Write(const std::string& sql) {
    auto status = writer_->Execute(sql);
    ASSERT_TRUE(status.ok()) << sql << "\n" << status.ToString();
  }

  // The notifications the listener has received so far (a round trip first: the server sends
  // them before the answer to any statement that follows their commit).
  int Heard() {
    EXPECT_TRUE(listener_->Execute("SELECT 1").ok());
    int heard = 0;
    while (PGnotify* notification = PQnotifies(listener_->raw())) {
      EXPECT_STREQ(notification->relname, "view360_changed");
      ++heard;
      PQfreemem(notification);
    }
    return heard;
  }

  std::unique_ptr<Connection> writer_, listener_;
};

TEST_F(ChangeNotifyTest, EveryTableOfTheWarehouseHasTheTrigger) {
  auto missing = writer_->QueryValue(R"(
    SELECT coalesce(string_agg(n.nspname || '.' || c.relname, ', ' ORDER BY 1), '')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('public', 'view360') AND c.relkind IN ('r', 'p')
       AND NOT c.relispartition
       AND c.relname NOT IN ('schema_migrations', 'schema_views')
       AND NOT EXISTS (SELECT FROM pg_trigger t
                        WHERE t.tgrelid = c.oid AND t.tgname = 'view360_changed'))");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(missing->value_or("?"), "") << "tables a migration left without the trigger";
  auto watched = writer_->QueryValue(
      "SELECT count(*) FROM pg_trigger WHERE tgname = 'view360_changed' AND tgrelid IN "
      "('accounts'::regclass, 'services'::regclass, 'findings'::regclass, "
      "'view360.ingest_ledger'::regclass, 'view360.ingest_runs'::regclass)");
  ASSERT_TRUE(watched.ok());
  EXPECT_EQ(watched->value_or(""), "5");
}

TEST_F(ChangeNotifyTest, OneNotificationPerCommittedTransactionNoneForARollback) {
  EXPECT_EQ(Heard(), 0);
  Write(std::string("BEGIN;") + kAccount + "; ROLLBACK");
  EXPECT_EQ(Heard(), 0) << "a rolled-back write";
  Write(std::string("BEGIN;") + kAccount + R"(;
    INSERT INTO services (account_id, service, date_from, date_to, cost, currency, usage_types)
    SELECT id, 'EC2', '2025-01-01', '2025-01-02', 1, 'USD', 'u' FROM accounts;
    UPDATE services SET cost = 2;
    COMMIT)");
  EXPECT_EQ(Heard(), 1) << "three statements of one transaction";
  Write("UPDATE services SET cost = 3");
  Write("DELETE FROM services");
  EXPECT_EQ(Heard(), 2) << "two autocommitted statements";
  Write("TRUNCATE findings CASCADE");
  EXPECT_EQ(Heard(), 1) << "a truncate";
  Write("UPDATE view360.ingest_runs SET documents_loaded = 0 WHERE false");
  EXPECT_EQ(Heard(), 1) << "a statement that changed no row still may have: it is heard too";
}

}  // namespace
}  // namespace view360::warehouse
