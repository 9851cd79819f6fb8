// The warehouse schema: numbered forward-only migrations and the View360 v2 views.
//
// Migrations are sql/migrations/NNNN_name.sql, compiled into the binary. Each is applied once,
// in its own transaction, and recorded in view360.schema_migrations with its checksum. Views
// are sql/views/NN_view_name.sql; they are recreated (in one transaction) whenever a bundled
// definition differs from the one recorded in view360.schema_views, or a view is missing.
// Migrate holds a PostgreSQL advisory lock, so concurrent runs apply everything once.
//
// The View360 v2 tables and views live in the public schema, as in the original, so existing
// SQL and BI datasets keep working. View360's own tables live in the `view360` schema.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "warehouse/connection.h"

namespace view360::warehouse {

struct Migration {
  int version = 0;   // From the file name: 0001_... -> 1.
  std::string name;  // File name without .sql.
  std::string_view sql;
};

struct ViewDefinition {
  std::string name;      // view_accounts
  std::string_view sql;  // CREATE OR REPLACE VIEW ...
};

// In version order / file order.
const std::vector<Migration>& BundledMigrations();
const std::vector<ViewDefinition>& BundledViews();

struct MigrateReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // Migration names applied by this call.
  bool views_recreated = false;
};

// Sets the session's search_path to public only. Every connection to the warehouse does this
// first: with the default "$user", public a role named view360 would resolve unqualified
// names to the view360 schema.
Status UsePublicSchema(Connection& conn);

// Brings the schema up to the bundled version. Idempotent. FailedPrecondition when an applied
// migration's checksum differs from the bundled one (a migration was edited after release).
Result<MigrateReport> Migrate(Connection& conn);

struct SchemaInfo {
  int version = 0;          // Highest applied migration; 0 on an empty database.
  int bundled_version = 0;  // Highest migration this binary carries.
  int v2_tables = 0;        // Base tables in public.
  int own_tables = 0;       // Base tables in view360.
  int views = 0;            // Views in public.
};

Result<SchemaInfo> DescribeSchema(Connection& conn);

}  // namespace view360::warehouse
