// Which document members feed which View360 v2 table: the original receiver's mapping
// (specs/view360.md §f.7) as data, with its defects fixed (docs/ingest.md lists them).
//
// Extraction (extract.h) walks a document with these specs and stages one row per element;
// upsert_sql.h turns each spec into the set-based statement that moves staged rows into its
// table. Code handles only what does not fit the shape (products, product links, log
// messages: Source::kCustom).
//
// Thread-safety: immutable tables.
#pragma once

#include <string_view>
#include <vector>

namespace view360::ingest {

// One staged column: the target column and the member of the element it comes from.
struct ColumnMap {
  std::string_view column;
  // Dotted member path inside the element ("severity_counts.HIGH"); "@name" is the member name
  // of Source::kMembers; "@const:TEXT" is a constant.
  std::string_view member;
  // What is stored when the value is null or absent, instead of the column's default
  // (the accounts defaults of §f.7.1); "{account_id}" is replaced by the document's account.
  // A default-constructed view means none; "" is a placeholder like any other.
  std::string_view if_null = {};
};

enum class Source {
  kObject,       // The object at `path` is one row (none when it is empty).
  kArray,        // One row per element of the array at `path`.
  kNestedArray,  // One row per element of `child` in each element of the array at `path`.
  kMembers,      // One row per member (name, object) of the object at `path`; null ones skipped.
  kCustom,       // Rows staged by code (extract.cpp).
};

// The row a table's rows hang from; the staged "parent" column carries its natural key.
enum class Parent {
  kNone,          // accounts itself.
  kAccount,       // account_id = the document's accounts.id.
  kCostReport,    // cost_report_id: the document's cost report (parent = its period_start).
  kConfigReport,  // config_report_id: the document's config report (parent = its date_from).
  kSecurity,      // security_id: the security row of the enclosing group (parent = its service).
  kInstance,      // instance_id: the inventory instance the element names (parent = its id), and
                  // account_id; NULL when no such instance was ever loaded.
  kLog,           // log_id: the document's logs row (parent = its date_created).
  kProduct,       // product_accounts: product_id by name, account_id.
};

struct TableSpec {
  std::string_view table;
  Source source;
  std::string_view path;   // Dotted path of the section ("security.kms").
  std::string_view child;  // Source::kNestedArray: the inner array member.
  std::vector<ColumnMap> columns;
  // The natural key the receiver upserts on, as target columns; may include account_id or the
  // parent's foreign key column.
  std::vector<std::string_view> key;
  bool enforced = true;  // The key is a DB constraint (INSERT … ON CONFLICT); else emulated.
  Parent parent = Parent::kAccount;
};

// Every table a document feeds, in load order (parents before children). accounts is first.
const std::vector<TableSpec>& Tables();

// Index of a table in Tables(); -1 when unknown.
int TableIndex(std::string_view table);

// The sections a document must have (§f.3), with their JSON kind: 'o' object, 'a' array.
struct RequiredSection {
  std::string_view key;
  char kind;
};
const std::vector<RequiredSection>& RequiredSections();

}  // namespace view360::ingest
