#include "ingest/upsert_sql.h"

#include <algorithm>

#include "ingest/extract.h"
#include "ingest/tables.h"

namespace view360::ingest {
namespace {

// pg_advisory_xact_lock class id (first key) of product names; loader.cpp has the accounts'.
constexpr int kProductLockClass = 736002;

std::string Stage(size_t column) { return "s.c" + std::to_string(column + 1); }

// The type staged text is cast to. numeric(p,s) keeps its scale, so that the staged value is
// rounded as the column stores it: compared with the base type, a value with more decimals
// than the column keeps (a sum of floats: 36.03479839999999 into numeric(20,10)) would differ
// from the stored one on every load, and an unchanged row would be rewritten and counted as
// updated.
std::string CastType(const ColumnType* type) {
  if (type == nullptr) return "text";
  if (type->kind == ColumnKind::kNumeric && type->precision > 0) return type->Describe();
  return type->sql_type;
}

std::string Quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string JoinList(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// A generated statement for one spec.
class TableStatement {
 public:
  TableStatement(const TableSpec& spec, int index, const Catalog& catalog)
      : spec_(spec), index_(index), catalog_(catalog) {}

  std::string Build() {
    Source();
    return spec_.enforced ? Enforced() : Emulated();
  }

 private:
  // src: the typed rows, last one per key.
  void Source() {
    std::vector<std::string> select;
    std::string joins;
    const std::string table(spec_.table);
    auto parent_column = [&](const std::string& column, const std::string& expression) {
      select.push_back(expression + " AS " + Quote(column));
      columns_.push_back(column);
    };
    // The parent is looked up per staged row by its unique key: an index lookup whatever the
    // planner believes of the tables' sizes. As a plain join, with the staging table's
    // few-rows estimate and a parent table not analyzed yet, the planner chose nested loops
    // over a full scan of the parent table (200 staged costs x 1,000 cost reports). LIMIT 1
    // (the key is unique) keeps the lateral subquery from being flattened into such a join.
    auto lookup = [&](const std::string& parent_table, const std::string& condition) {
      return " JOIN LATERAL (SELECT id FROM " + parent_table + " WHERE " + condition +
             " LIMIT 1) p ON true";
    };
    switch (spec_.parent) {
      case Parent::kNone:
        break;
      case Parent::kAccount:
        parent_column("account_id", "d.acct");
        break;
      case Parent::kCostReport:
        parent_column("cost_report_id", "p.id");
        joins =
            lookup("cost_reports",
                   "account_id = d.acct AND period_start = s.parent::date AND region = 'Global'");
        break;
      case Parent::kConfigReport:
        parent_column("config_report_id", "p.id");
        joins = lookup("config_reports", "account_id = d.acct AND date_from = s.parent::date");
        break;
      case Parent::kSecurity:
        parent_column("security_id", "p.id");
        joins = lookup("security", "account_id = d.acct AND service = s.parent");
        break;
      case Parent::kInstance:
        parent_column("account_id", "d.acct");
        parent_column("instance_id", "p.id");
        joins = " LEFT" + lookup("inventory_instances", "instance_id = s.parent");
        break;
      case Parent::kLog:
        parent_column("log_id", "p.id");
        joins = lookup("logs", "account_id = d.acct AND date_created = s.parent::timestamptz");
        break;
      case Parent::kProduct:
        break;
    }
    non_null_parents_ = spec_.parent != Parent::kInstance;
    parent_columns_ = columns_.size();
    for (size_t c = 0; c < spec_.columns.size(); ++c) {
      const std::string column(spec_.columns[c].column);
      const ColumnType* type = catalog_.Find(table, column);
      select.push_back(Stage(c) + "::" + CastType(type) + " AS " + Quote(column));
      columns_.push_back(column);
    }
    for (auto key : spec_.key) keys_.emplace_back(key);
    for (const auto& column : columns_) {
      if (std::find(keys_.begin(), keys_.end(), column) == keys_.end()) values_.push_back(column);
    }
    const ColumnType* updated_at = catalog_.Find(table, "updated_at");
    touch_updated_at_ = updated_at != nullptr &&
                        std::find(columns_.begin(), columns_.end(), "updated_at") == columns_.end();
    std::vector<std::string> key_refs;
    for (const auto& key : keys_) key_refs.push_back("x." + Quote(key));
    src_ = "src AS (SELECT DISTINCT ON (" + JoinList(key_refs, ", ") + ") x.* FROM (SELECT " +
           JoinList(select, ", ") + ", s.doc, s.seq FROM ingest_stage s" +
           (spec_.parent == Parent::kNone ? "" : " JOIN ingest_docs d ON d.doc = s.doc") + joins +
           " WHERE s.t = " + std::to_string(index_) + ") x ORDER BY " + JoinList(key_refs, ", ") +
           ", x.doc DESC, x.seq DESC)";
  }

  std::string ColumnList(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& c : columns_) out.push_back(prefix + Quote(c));
    return JoinList(out, ", ");
  }

  std::string Changed(const std::string& old_row, const std::string& new_row) const {
    std::vector<std::string> a, b;
    for (const auto& v : values_) {
      a.push_back(old_row + "." + Quote(v));
      b.push_back(new_row + "." + Quote(v));
    }
    // ROW() so that a single column is still compared as a row.
    return "ROW(" + JoinList(a, ", ") + ") IS DISTINCT FROM ROW(" + JoinList(b, ", ") + ")";
  }

  std::string SetList(const std::string& from) const {
    std::vector<std::string> sets;
    for (const auto& v : values_) sets.push_back(Quote(v) + " = " + from + "." + Quote(v));
    if (touch_updated_at_) sets.push_back("updated_at = now()");
    return JoinList(sets, ", ");
  }

  // The key columns that may be NULL (R6: such a column matches NULL too).
  std::vector<std::string> NullableKeys() const {
    std::vector<std::string> out;
    const std::string table(spec_.table);
    for (const auto& key : keys_) {
      const ColumnType* type = catalog_.Find(table, key);
      const bool is_parent =
          std::find(columns_.begin(), columns_.begin() + static_cast<long>(parent_columns_), key) !=
          columns_.begin() + static_cast<long>(parent_columns_);
      const bool never_null =
          (type && type->not_null) || (is_parent && non_null_parents_) || key == "account_id";
      if (!never_null) out.push_back(key);
    }
    return out;
  }

  // Plain equality on every key column: the match of a row whose key has no NULL, answered by
  // an index on the key (one lookup per staged row).
  std::string KeyEquals(const std::string& a, const std::string& b) const {
    std::vector<std::string> terms;
    for (const auto& key : keys_)
      terms.push_back(a + "." + Quote(key) + " = " + b + "." + Quote(key));
    return JoinList(terms, " AND ");
  }

  // Equality on the key where columns that may be NULL match NULL too (R6), written as
  // "a = b OR (a IS NULL AND b IS NULL)" (IS NOT DISTINCT FROM is never an index condition).
  // Only for rows whose key has a NULL: with such OR terms the planner uses at most the
  // index's leading plain-equality columns (account_id), and reads all of an account's rows
  // per staged row.
  std::string KeyMatchNull(const std::string& a, const std::string& b) const {
    std::vector<std::string> terms;
    const auto nullable = NullableKeys();
    for (const auto& key : keys_) {
      const std::string left = a + "." + Quote(key), right = b + "." + Quote(key);
      const bool may_be_null = std::find(nullable.begin(), nullable.end(), key) != nullable.end();
      terms.push_back(may_be_null ? "(" + left + " = " + right + " OR (" + left + " IS NULL AND " +
                                        right + " IS NULL))"
                                  : left + " = " + right);
    }
    return JoinList(terms, " AND ");
  }

  // "b.k1 IS NULL OR b.k2 IS NULL" over the key columns that may be NULL; "" when none may.
  std::string AnyKeyNull(const std::string& b) const {
    std::vector<std::string> terms;
    for (const auto& key : NullableKeys()) terms.push_back(b + "." + Quote(key) + " IS NULL");
    return JoinList(terms, " OR ");
  }

  std::string Enforced() const {
    std::vector<std::string> keys;
    for (const auto& key : keys_) keys.push_back(Quote(key));
    std::string action = values_.empty() ? "DO NOTHING"
                                         : "DO UPDATE SET " + SetList("EXCLUDED") + " WHERE " +
                                               Changed("t", "EXCLUDED");
    return "WITH " + src_ + ",\nup AS (INSERT INTO " + std::string(spec_.table) + " AS t (" +
           ColumnList("") + ") SELECT " + ColumnList("") + " FROM src ON CONFLICT (" +
           JoinList(keys, ", ") + ") " + action + " RETURNING (xmax = 0) AS created)\nSELECT " +
           std::to_string(index_) +
           ", (SELECT count(*) FROM src), count(*) FILTER (WHERE created), "
           "count(*) FILTER (WHERE NOT created), 0 FROM up";
  }

  // The key match is split in two: rows whose key has no NULL match by plain equality (an
  // index lookup), the others (rare) by the NULL-matching form. A table row matches at most one
  // staged key, so the two updates never touch the same row.
  std::string Emulated() const {
    const std::string table(spec_.table);
    const std::string any_null = AnyKeyNull("src");
    std::string sql = "WITH " + src_;
    std::string updated = "0";
    if (!values_.empty()) {
      sql += ",\nupd AS (UPDATE " + table + " AS t SET " + SetList("src") + " FROM src WHERE " +
             KeyEquals("t", "src") + " AND " + Changed("t", "src") + " RETURNING 1)";
      updated = "(SELECT count(*) FROM upd)";
      if (!any_null.empty()) {
        sql += ",\nupd_null AS (UPDATE " + table + " AS t SET " + SetList("src") +
               " FROM src WHERE (" + any_null + ") AND " + KeyMatchNull("t", "src") + " AND " +
               Changed("t", "src") + " RETURNING 1)";
        updated += " + (SELECT count(*) FROM upd_null)";
      }
    }
    // The OR keeps the second lookup a subplan that runs only for keys with a NULL.
    sql += ",\nins AS (INSERT INTO " + table + " (" + ColumnList("") + ") SELECT " +
           ColumnList("") + " FROM src WHERE NOT EXISTS (SELECT 1 FROM " + table + " t WHERE " +
           KeyEquals("t", "src") + ")" +
           (any_null.empty() ? ""
                             : " AND (NOT (" + any_null + ") OR NOT EXISTS (SELECT 1 FROM " +
                                   table + " t WHERE " + KeyMatchNull("t", "src") + "))") +
           " RETURNING 1)";
    std::string deleted = "0";
    if (spec_.table == "log_messages") {
      // A document's messages replace the ones an earlier version of it left.
      const std::string t_null = AnyKeyNull("t");
      sql +=
          ",\ndel AS (DELETE FROM log_messages t WHERE t.log_id IN (SELECT log_id FROM src) AND "
          "NOT EXISTS (SELECT 1 FROM src WHERE " +
          KeyEquals("t", "src") + ")" +
          (t_null.empty() ? ""
                          : " AND (NOT (" + t_null + ") OR NOT EXISTS (SELECT 1 FROM src WHERE " +
                                KeyMatchNull("t", "src") + "))") +
          " RETURNING 1)";
      deleted = "(SELECT count(*) FROM del)";
    }
    return sql + "\nSELECT " + std::to_string(index_) +
           ", (SELECT count(*) FROM src), (SELECT count(*) FROM ins), " + updated + ", " + deleted;
  }

  const TableSpec& spec_;
  int index_;
  const Catalog& catalog_;
  std::vector<std::string> columns_, keys_, values_;
  size_t parent_columns_ = 0;
  bool non_null_parents_ = true;
  bool touch_updated_at_ = false;
  std::string src_;
};

std::string ProductsSql(int products) {
  const std::string t = std::to_string(products);
  return "SELECT count(pg_advisory_xact_lock(" + std::to_string(kProductLockClass) +
         ", hashtext(n))) FROM (SELECT DISTINCT lower(c1) AS n FROM ingest_stage WHERE t = " + t +
         " ORDER BY 1) x;\n"
         "WITH src AS (SELECT DISTINCT ON (lower(c1)) c1 AS name FROM ingest_stage WHERE t = " +
         t +
         " ORDER BY lower(c1), doc DESC, seq DESC),\n"
         "upd AS (UPDATE products p SET name = src.name, owner = 'System', updated_at = now() "
         "FROM src WHERE lower(p.name) = lower(src.name) AND (p.name, p.owner) IS DISTINCT FROM "
         "(src.name, 'System') RETURNING 1),\n"
         "ins AS (INSERT INTO products (name, owner) SELECT name, 'System' FROM src WHERE NOT "
         "EXISTS (SELECT 1 FROM products p WHERE lower(p.name) = lower(src.name)) RETURNING 1)\n"
         "SELECT " +
         t +
         ", (SELECT count(*) FROM src), (SELECT count(*) FROM ins), (SELECT count(*) FROM upd), 0";
}

// §f.7.1: an account's links are those of its latest document that names products.
std::string ProductAccountsSql(int products, int links) {
  const std::string t = std::to_string(products);
  return "WITH latest AS (SELECT d.acct, max(s.doc) AS doc FROM ingest_stage s JOIN ingest_docs "
         "d ON d.doc = s.doc WHERE s.t = " +
         t +
         " GROUP BY d.acct),\n"
         "src AS (SELECT DISTINCT p.id AS product_id, l.acct AS account_id FROM latest l JOIN "
         "ingest_stage s ON s.doc = l.doc AND s.t = " +
         t +
         " JOIN products p ON lower(p.name) = lower(s.c1)),\n"
         "ins AS (INSERT INTO product_accounts (product_id, account_id) SELECT product_id, "
         "account_id FROM src ON CONFLICT (product_id, account_id) DO NOTHING RETURNING 1),\n"
         "del AS (DELETE FROM product_accounts pa USING latest l WHERE pa.account_id = l.acct AND "
         "NOT EXISTS (SELECT 1 FROM src WHERE src.account_id = pa.account_id AND src.product_id "
         "= pa.product_id) RETURNING 1)\n"
         "SELECT " +
         std::to_string(links) +
         ", (SELECT count(*) FROM src), (SELECT count(*) FROM ins), 0, (SELECT count(*) FROM del)";
}

size_t ColumnIndex(const TableSpec& spec, std::string_view column) {
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (spec.columns[c].column == column) return c;
  }
  return 0;
}

}  // namespace

std::string StageTablesSql() {
  std::string columns;
  for (int c = 1; c <= kStageColumns; ++c) columns += ", c" + std::to_string(c) + " text";
  return "CREATE TEMP TABLE IF NOT EXISTS ingest_stage (doc bigint NOT NULL, t smallint NOT "
         "NULL, seq integer NOT NULL, parent text" +
         columns +
         ") ON COMMIT DELETE ROWS;\n"
         // Every statement reads one table's rows (WHERE s.t = N): without it each one scanned
         // the whole batch's staged rows.
         "CREATE INDEX IF NOT EXISTS ingest_stage_t ON ingest_stage (t);\n"
         "CREATE TEMP TABLE IF NOT EXISTS ingest_docs (doc bigint PRIMARY KEY, acct integer NOT "
         "NULL) ON COMMIT DELETE ROWS";
}

std::string StageCopySql() { return "COPY ingest_stage FROM STDIN"; }

UpsertScript::UpsertScript(const Catalog& catalog) {
  const auto& tables = Tables();
  const int products = TableIndex("products");
  for (size_t t = 0; t < tables.size(); ++t) {
    const auto& spec = tables[t];
    if (spec.table == "products") {
      statements_.push_back(ProductsSql(products));
    } else if (spec.table == "product_accounts") {
      statements_.push_back(ProductAccountsSql(products, static_cast<int>(t)));
    } else {
      statements_.push_back(TableStatement(spec, static_cast<int>(t), catalog).Build());
    }
  }
  const auto& accounts = tables[0];
  const std::string id = Stage(ColumnIndex(accounts, "account_id"));
  const std::string region = Stage(ColumnIndex(accounts, "region"));
  docs_ =
      "INSERT INTO ingest_docs (doc, acct) SELECT DISTINCT ON (s.doc) s.doc, a.id FROM "
      "ingest_stage s JOIN accounts a ON a.account_id = " +
      id + " AND a.region = " + region + " WHERE s.t = 0";
}

std::string UpsertScript::ForBatch(const std::vector<bool>& present,
                                   std::vector<int>* statement_tables) const {
  std::string sql;
  statement_tables->clear();
  const auto& tables = Tables();
  const int products = TableIndex("products");
  for (size_t t = 0; t < tables.size(); ++t) {
    const bool has_rows =
        t == 0 || present[t] || (tables[t].table == "product_accounts" && present[products]);
    if (!has_rows) continue;
    sql += statements_[t] + ";\n";
    if (tables[t].table == "products") statement_tables->push_back(-1);  // Its lock statement.
    statement_tables->push_back(static_cast<int>(t));
    if (t == 0) {
      sql += docs_ + ";\n";  // Every staged row's account, by document.
      statement_tables->push_back(-1);
    }
  }
  return sql;
}

}  // namespace view360::ingest
