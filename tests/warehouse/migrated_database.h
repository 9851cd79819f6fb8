// A test on a fresh warehouse database with every migration applied, and the verbs the
// rollup tests share: run SQL, read a query's rows as text to compare with a definition.
// Header-only: each test binary includes it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/test_cluster.h"
#include "warehouse/connection.h"
#include "warehouse/migrations.h"

namespace view360::warehouse::testing {

class MigratedDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = view360::testing::FreshDatabase();
    conn_ = std::make_unique<Connection>(view360::testing::Connect(conninfo_));
    auto report = Migrate(*conn_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }

  void Run(const std::string& sql) { Run(*conn_, sql); }
  static void Run(Connection& conn, const std::string& sql) {
    auto status = conn.Execute(sql);
    ASSERT_TRUE(status.ok()) << sql << "\n" << status.ToString();
  }

  // One accounts row per (account id, region) given as SQL rows: "('111111111111', 'Global')".
  void InsertAccounts(const std::string& rows) {
    Run(R"(
      INSERT INTO accounts (account_id, account_name, account_email, account_status, account_arn,
                            joined_method, joined_timestamp, region)
      SELECT a, 'acct-' || a, a || '@example.com', 'ACTIVE', 'arn:aws:organizations::1:account/' || a,
             'CREATED', '2024-01-01', r
        FROM (VALUES )" +
        rows + ") x(a, r)");
  }

  // The rows of a query of one text column, sorted, one per line ("" for none).
  std::string Text(const std::string& sql) {
    auto value = conn_->QueryValue("SELECT coalesce(string_agg(l, E'\\n' ORDER BY l), '') FROM (" +
                                   sql + ") x(l)");
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() && *value ? **value : "";
  }

  std::string conninfo_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace view360::warehouse::testing
