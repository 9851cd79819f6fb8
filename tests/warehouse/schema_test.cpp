// The live warehouse schema is View360 v2, exactly: every table, column, type, default and key
// of specs/view360-schema.tsv (copied to tests/warehouse/data/), read back from the catalog.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_cluster.h"
#include "warehouse/migrations.h"

namespace view360::warehouse {
namespace {

using testing::Connect;
using testing::FreshDatabase;

struct ColumnSpec {
  std::string type, nullable, default_value;
  std::set<std::string> keys;
};
using SchemaSpec = std::map<std::string, std::map<std::string, ColumnSpec>>;  // table -> column

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, sep)) out.push_back(item);
  if (!text.empty() && text.back() == sep) out.emplace_back();
  return out;
}

SchemaSpec ReadSpec() {
  SchemaSpec spec;
  std::istringstream in(testing::ReadFile(VIEW360_TEST_DATA_DIR "/view360-schema.tsv"));
  std::string line;
  std::getline(in, line);  // Header.
  while (std::getline(in, line)) {
    auto f = Split(line, '\t');
    f.resize(6);
    ColumnSpec column{f[2], f[3], f[4], {}};
    for (const auto& key : Split(f[5], ';')) {
      if (!key.empty()) column.keys.insert(key);
    }
    spec[f[0]][f[1]] = column;
  }
  return spec;
}

// The spec's spelling of a type: serial for an integer with a sequence default, varchar(n).
std::string SpecType(std::string type, const std::string& default_value) {
  if (type == "integer" && default_value.starts_with("nextval(")) return "serial";
  type = std::regex_replace(type, std::regex("^character varying"), "varchar");
  return type;
}

// The spec's spelling of a default: without PostgreSQL's casts, FALSE upper-case.
std::string SpecDefault(std::string value) {
  if (value.starts_with("nextval(")) return "";
  value = std::regex_replace(value, std::regex("::[a-z ]+(\\([0-9,]+\\))?$"), "");
  if (value == "false") return "FALSE";
  if (value == "true") return "TRUE";
  return value;
}

// table -> column -> its keys in the spec's notation: PK, UNIQUE(a,b), FK(t.c).
std::map<std::string, std::map<std::string, std::set<std::string>>> LiveKeys(Connection& conn) {
  std::map<std::string, std::map<std::string, std::set<std::string>>> keys;
  // Primary keys, unique constraints and unique indexes, with their columns in index order.
  auto uniques = conn.Query(R"sql(
      SELECT t.relname, i.indisprimary,
             array_to_string(array_agg(a.attname ORDER BY k.ord), ',')
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE i.indisunique
      GROUP BY t.relname, i.indexrelid, i.indisprimary)sql");
  EXPECT_TRUE(uniques.ok()) << uniques.status().ToString();
  for (const auto& row : uniques->rows) {
    const bool primary = *row[1] == "t";
    const std::string cols = *row[2];
    for (const auto& col : Split(cols, ',')) {
      keys[*row[0]][col].insert(primary ? "PK" : "UNIQUE(" + cols + ")");
    }
  }
  auto fks = conn.Query(R"sql(
      SELECT t.relname, a.attname, rt.relname, ra.attname, c.confdeltype
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      JOIN pg_class rt ON rt.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.contype = 'f')sql");
  EXPECT_TRUE(fks.ok()) << fks.status().ToString();
  for (const auto& row : fks->rows) {
    EXPECT_EQ(*row[4], "c") << "FK " << *row[0] << "." << *row[1] << " is not ON DELETE CASCADE";
    keys[*row[0]][*row[1]].insert("FK(" + *row[2] + "." + *row[3] + ")");
  }
  return keys;
}

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_ = std::make_unique<Connection>(Connect(FreshDatabase()));
    auto report = Migrate(*conn_);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
  }
  std::unique_ptr<Connection> conn_;
};

TEST_F(SchemaTest, EveryTableAndColumnMatchesTheSpec) {
  const SchemaSpec spec = ReadSpec();
  ASSERT_EQ(spec.size(), 36u);
  auto live = conn_->Query(R"sql(
      SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
             CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END,
             coalesce(pg_get_expr(d.adbin, d.adrelid), '')
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum)sql");
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  auto keys = LiveKeys(*conn_);

  size_t matched = 0;
  std::set<std::string> live_tables;
  for (const auto& row : live->rows) {
    const std::string& table = *row[0];
    const std::string& column = *row[1];
    live_tables.insert(table);
    auto t = spec.find(table);
    if (t == spec.end()) {
      ADD_FAILURE() << "table " << table << " is not in the View360 v2 schema";
      continue;
    }
    auto c = t->second.find(column);
    if (c == t->second.end()) {
      ADD_FAILURE() << table << "." << column << " is not in the spec";
      continue;
    }
    const ColumnSpec& want = c->second;
    EXPECT_EQ(SpecType(*row[2], *row[4]), want.type) << "type of " << table << "." << column;
    EXPECT_EQ(*row[3], want.nullable) << "nullability of " << table << "." << column;
    EXPECT_EQ(SpecDefault(*row[4]), want.default_value) << "default of " << table << "." << column;
    EXPECT_EQ(keys[table][column], want.keys) << "keys of " << table << "." << column;
    ++matched;
  }
  for (const auto& [table, columns] : spec) {
    EXPECT_TRUE(live_tables.count(table)) << "table " << table << " is missing";
  }
  EXPECT_EQ(matched, 473u);
}

TEST_F(SchemaTest, EnumChecksAndIndexesAreThoseOfTheOriginal) {
  auto labels = conn_->QueryValue(
      "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum "
      "WHERE enumtypid = 'period_granularity_type'::regtype");
  ASSERT_TRUE(labels.ok()) << labels.status().ToString();
  EXPECT_EQ(**labels, "MONTHLY,WEEKLY,DAILY");

  auto checks = conn_->QueryValue(
      "SELECT string_agg(conrelid::regclass || '.' || conname, ',' ORDER BY 1) FROM pg_constraint "
      "WHERE contype = 'c' AND connamespace = 'public'::regnamespace");
  ASSERT_TRUE(checks.ok());
  EXPECT_EQ(**checks, "services.date_check,support_tickets.date_check");

  // 67 named indexes (not those behind PRIMARY KEY / UNIQUE constraints).
  auto indexes = conn_->QueryValue(
      "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'idx\\_%'");
  ASSERT_TRUE(indexes.ok());
  EXPECT_EQ(**indexes, "67");

  auto named = conn_->QueryValue(
      "SELECT count(*) FROM pg_constraint WHERE conname = 'ri_sp_daily_savings_unique'");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(**named, "1");
}

TEST_F(SchemaTest, OwnTablesLiveInTheView360Schema) {
  auto own = conn_->QueryValue(
      "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
      "WHERE schemaname = 'view360'");
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(**own,
            "compliance_account_day,cost_account_day,cost_service_day,cost_service_day_delta,"
            "findings_open_day,findings_open_delta,ingest_ledger,ingest_runs,open_findings_group,"
            "schema_migrations,schema_views");
}

}  // namespace
}  // namespace view360::warehouse
