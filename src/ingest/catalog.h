// The column types of the View360 v2 tables as the warehouse declares them, read once from
// pg_catalog. Extraction checks every value against them, so that a value the table
// cannot hold is reported with its JSON path before anything is sent to the database.
//
// Thread-safety: immutable after LoadCatalog.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "warehouse/connection.h"

namespace view360::ingest {

enum class ColumnKind {
  kText,     // text, varchar(n) (max_length), char(n)
  kInteger,  // smallint, integer, bigint (min_value..max_value)
  kNumeric,  // numeric(p,s), or unconstrained (precision 0)
  kFloat,    // real, double precision
  kBoolean,
  kTimestamptz,  // every timestamp column of the schema has a time zone
  kDate,
  kJsonb,
  kEnum,  // enum_labels
};

struct ColumnType {
  std::string name;
  ColumnKind kind = ColumnKind::kText;
  std::string sql_type;  // The base type to cast staged text to ("varchar", "numeric", ...).
  int max_length = 0;    // kText: characters (0 = unlimited).
  int precision = 0;     // kNumeric: total digits (0 = unconstrained) and digits after the point.
  int scale = 0;
  int64_t min_value = 0;  // kInteger.
  int64_t max_value = 0;
  bool not_null = false;
  // The column's default when it is a constant ("USD", "0", "true"); nullopt for none or for
  // an expression (CURRENT_TIMESTAMP, nextval).
  std::optional<std::string> default_value;
  std::vector<std::string> enum_labels;

  // "varchar(50)", "numeric(5,2)", "integer": for messages.
  std::string Describe() const;
};

class Catalog {
 public:
  // Reads the public schema's tables. Unavailable when the warehouse cannot be queried.
  static Result<Catalog> Load(warehouse::Connection& connection);

  // The column, or null when the table or column does not exist.
  const ColumnType* Find(const std::string& table, const std::string& column) const;

 private:
  std::map<std::string, std::map<std::string, ColumnType>> tables_;
};

}  // namespace view360::ingest
