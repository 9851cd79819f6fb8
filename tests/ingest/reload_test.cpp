// Loading a document whose rows are all in the warehouse already changes nothing: every row
// is reported unchanged, also values with more decimals than their numeric(p,s) column keeps,
// and rows whose natural key holds a NULL match their own row instead of being inserted again.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/receiver.h"
#include "ingest/tables.h"
#include "support/temp_files.h"
#include "support/test_cluster.h"
#include "warehouse/migrations.h"

namespace view360::ingest {
namespace {

// A document with every required section; a cost with 15 decimals (service_costs.cost is
// numeric(20,10)), a KMS key without key_id and an application without name.
constexpr char kDocument[] = R"json({
  "account": {"account_id": "123456789012", "account_name": "reload", "region": "us-east-1"},
  "config": {},
  "service": [],
  "cost": {
    "current_period_cost": 36.03479839999999, "previous_period_cost": 35.5928317,
    "cost_difference": 0.4419666999999947, "cost_difference_percentage": 1.2417295249930753,
    "period": {"start": "2025-09-14", "end": "2025-09-15", "granularity": "DAILY"},
    "top_services": [{"service": "EC2 - Other", "cost": 1.123456789012345}],
    "forecast": []
  },
  "security": {
    "kms": [
      {"key_id": null, "arn": "arn:aws:kms:us-east-1:123456789012:key/unknown", "enabled": true},
      {"key_id": "k-1", "arn": "arn:aws:kms:us-east-1:123456789012:key/k-1", "enabled": true}
    ]
  },
  "inventory": {
    "instances": [{"instance_id": "i-0123456789abcdef0", "instance_type": "t3.micro"}],
    "applications": [
      {"instance_id": "i-0123456789abcdef0", "name": null, "version": "1.0"},
      {"instance_id": "i-0123456789abcdef0", "name": "nginx", "version": "1.24"}
    ]
  },
  "marketplace": [], "trusted_advisor": [], "health": [], "application": [],
  "resilience_hub": [],
  "logs": {"account_status": "Pass"},
  "view360": {"collected_at": "2025-09-15T01:00:00+00:00"}
})json";

class IngestReload : public ::testing::Test {
 protected:
  void SetUp() override {
    conninfo_ = testing::FreshDatabase();
    auto conn = testing::Connect(conninfo_);
    auto migrated = warehouse::Migrate(conn);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    dir_ = testing::MakeTempDir("view360-ingest-reload");
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Loads kDocument from a file of its own (a new ledger key, the same content).
  IngestSummary Load(const std::string& name) {
    const std::string path = dir_ + "/" + name + ".json";
    testing::WriteFile(path, kDocument);
    IngestOptions options;
    options.files = {path};
    options.jobs = 1;
    options.connect = [this]() -> Result<warehouse::Connection> {
      VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::Connection::Open(conninfo_));
      VIEW360_RETURN_IF_ERROR(warehouse::UsePublicSchema(conn));
      return conn;
    };
    auto summary = RunIngest(options);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    if (!summary.ok()) return {};
    EXPECT_EQ(summary->loaded, 1);
    EXPECT_TRUE(summary->failures.empty());
    return *summary;
  }

  int64_t Count(const std::string& sql) {
    auto conn = testing::Connect(conninfo_);
    auto value = conn.QueryValue(sql);
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() && *value ? std::stoll(**value) : -1;
  }

  std::string conninfo_;
  std::string dir_;
};

TEST_F(IngestReload, TheSameRowsAgainAreAllUnchanged) {
  const IngestSummary first = Load("first");
  ASSERT_GT(first.stats.Total().created, 0);
  const IngestSummary second = Load("second");
  const auto& tables = Tables();
  for (size_t t = 0; t < second.stats.tables.size(); ++t) {
    const TableStats& stats = second.stats.tables[t];
    EXPECT_EQ(stats.created, 0) << tables[t].table;
    EXPECT_EQ(stats.updated, 0) << tables[t].table;
    EXPECT_EQ(stats.deleted, 0) << tables[t].table;
  }
  EXPECT_EQ(second.stats.Total().unchanged, first.stats.Total().created);
  const int service_costs = TableIndex("service_costs");
  ASSERT_LT(static_cast<size_t>(service_costs), second.stats.tables.size());
  EXPECT_EQ(second.stats.tables[service_costs].unchanged, 1);
}

TEST_F(IngestReload, KeysWithNullMatchTheirOwnRow) {
  Load("first");
  Load("second");
  EXPECT_EQ(Count("SELECT count(*) FROM kms_keys"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM kms_keys WHERE key_id IS NULL"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM inventory_applications"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM inventory_applications WHERE name IS NULL"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM service_costs"), 1);
}

}  // namespace
}  // namespace view360::ingest
