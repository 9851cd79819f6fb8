#include "warehouse/migrations.h"

#include <algorithm>
#include <map>

#include "common/embedded_files.h"
#include "common/hash.h"

namespace view360::sql_files {
const std::vector<view360::EmbeddedFile>& Files();  // Generated from sql/.
}

namespace view360::warehouse {
namespace {

// pg_advisory_lock key for Migrate: "view360" in ASCII.
constexpr char kMigrateLockKey[] = "33329931764315696";

constexpr char kBootstrapSql[] = R"sql(
CREATE SCHEMA IF NOT EXISTS view360;
CREATE TABLE IF NOT EXISTS view360.schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS view360.schema_views (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamp with time zone NOT NULL DEFAULT now()
);
)sql";

std::string FileStem(std::string_view path, std::string_view folder) {
  std::string_view name = path.substr(folder.size());
  if (name.size() > 4 && name.substr(name.size() - 4) == ".sql") name.remove_suffix(4);
  return std::string(name);
}

// Holds the migrate advisory lock for its lifetime (session-level, so it also ends if the
// process dies).
class AdvisoryLock {
 public:
  explicit AdvisoryLock(Connection& conn) : conn_(conn) {
    status_ = conn_.Execute(std::string("SELECT pg_advisory_lock(") + kMigrateLockKey + ")");
  }
  ~AdvisoryLock() {
    if (status_.ok()) {
      (void)conn_.Execute(std::string("SELECT pg_advisory_unlock(") + kMigrateLockKey + ")");
    }
  }
  const Status& status() const { return status_; }

 private:
  Connection& conn_;
  Status status_;
};

// Runs body inside BEGIN/COMMIT; rolls back when it fails.
template <typename Body>
Status InTransaction(Connection& conn, Body body) {
  VIEW360_RETURN_IF_ERROR(conn.Execute("BEGIN"));
  Status status = body();
  if (status.ok()) status = conn.Execute("COMMIT");
  if (!status.ok()) (void)conn.Execute("ROLLBACK");
  return status;
}

Result<std::map<int, std::string>> AppliedChecksums(Connection& conn) {
  VIEW360_ASSIGN_OR_RETURN(auto rows,
                           conn.Query("SELECT version, checksum FROM view360.schema_migrations"));
  std::map<int, std::string> out;
  for (const auto& row : rows.rows) out[std::stoi(*row[0])] = *row[1];
  return out;
}

Result<bool> ViewsNeedRecreating(Connection& conn) {
  VIEW360_ASSIGN_OR_RETURN(
      auto rows,
      conn.Query("SELECT v.name, v.checksum, c.oid IS NOT NULL FROM view360.schema_views v "
                 "LEFT JOIN pg_class c ON c.relname = v.name AND c.relkind = 'v' "
                 "AND c.relnamespace = 'public'::regnamespace"));
  std::map<std::string, std::pair<std::string, bool>> recorded;
  for (const auto& row : rows.rows) recorded[*row[0]] = {*row[1], *row[2] == "t"};
  for (const auto& view : BundledViews()) {
    auto it = recorded.find(view.name);
    if (it == recorded.end() || !it->second.second || it->second.first != Sha256Hex(view.sql)) {
      return true;
    }
  }
  return false;
}

Status RecreateViews(Connection& conn) {
  return InTransaction(conn, [&]() -> Status {
    const auto& views = BundledViews();
    for (auto it = views.rbegin(); it != views.rend(); ++it) {
      VIEW360_RETURN_IF_ERROR(conn.Execute("DROP VIEW IF EXISTS public." + it->name)
                                  .WithContext("dropping " + it->name));
    }
    VIEW360_RETURN_IF_ERROR(conn.Execute("DELETE FROM view360.schema_views"));
    for (const auto& view : views) {
      VIEW360_RETURN_IF_ERROR(conn.Execute(view.sql).WithContext("creating " + view.name));
      VIEW360_RETURN_IF_ERROR(
          conn.Query("INSERT INTO view360.schema_views (name, checksum) VALUES ($1, $2)",
                     {view.name, Sha256Hex(view.sql)})
              .status());
    }
    return OkStatus();
  });
}

}  // namespace

Status UsePublicSchema(Connection& conn) {
  return conn.Execute("SELECT pg_catalog.set_config('search_path', 'public', false)");
}

const std::vector<Migration>& BundledMigrations() {
  static const std::vector<Migration> migrations = [] {
    std::vector<Migration> out;
    for (const auto& file : sql_files::Files()) {
      if (!file.path.starts_with("migrations/") || !file.path.ends_with(".sql")) continue;
      std::string name = FileStem(file.path, "migrations/");
      out.push_back(Migration{std::stoi(name), name, file.contents});
    }
    std::sort(out.begin(), out.end(),
              [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return out;
  }();
  return migrations;
}

const std::vector<ViewDefinition>& BundledViews() {
  static const std::vector<ViewDefinition> views = [] {
    std::vector<ViewDefinition> out;
    for (const auto& file : sql_files::Files()) {  // Sorted by path: file order.
      if (!file.path.starts_with("views/") || !file.path.ends_with(".sql")) continue;
      std::string stem = FileStem(file.path, "views/");
      out.push_back(ViewDefinition{stem.substr(stem.find('_') + 1), file.contents});
    }
    return out;
  }();
  return views;
}

Result<MigrateReport> Migrate(Connection& conn) {
  AdvisoryLock lock(conn);
  VIEW360_RETURN_IF_ERROR(lock.status());
  VIEW360_RETURN_IF_ERROR(UsePublicSchema(conn));
  VIEW360_RETURN_IF_ERROR(conn.Execute(kBootstrapSql));
  VIEW360_ASSIGN_OR_RETURN(auto applied, AppliedChecksums(conn));

  MigrateReport report;
  report.from_version = applied.empty() ? 0 : applied.rbegin()->first;
  for (const auto& migration : BundledMigrations()) {
    const std::string checksum = Sha256Hex(migration.sql);
    if (auto it = applied.find(migration.version); it != applied.end()) {
      if (it->second != checksum) {
        return FailedPreconditionError("migration " + migration.name +
                                       " differs from the one applied to this warehouse; "
                                       "migrations are forward-only: add a new one instead");
      }
      continue;
    }
    VIEW360_RETURN_IF_ERROR(
        InTransaction(conn, [&]() -> Status {
          VIEW360_RETURN_IF_ERROR(conn.Execute(migration.sql));
          return conn
              .Query(
                  "INSERT INTO view360.schema_migrations (version, name, checksum) "
                  "VALUES ($1, $2, $3)",
                  {std::to_string(migration.version), migration.name, checksum})
              .status();
        }).WithContext("applying migration " + migration.name));
    report.applied.push_back(migration.name);
  }
  report.to_version = std::max(
      report.from_version, BundledMigrations().empty() ? 0 : BundledMigrations().back().version);

  VIEW360_ASSIGN_OR_RETURN(bool stale_views, ViewsNeedRecreating(conn));
  if (stale_views) {
    VIEW360_RETURN_IF_ERROR(RecreateViews(conn));
    report.views_recreated = true;
  }
  return report;
}

Result<SchemaInfo> DescribeSchema(Connection& conn) {
  SchemaInfo info;
  info.bundled_version = BundledMigrations().empty() ? 0 : BundledMigrations().back().version;
  VIEW360_ASSIGN_OR_RETURN(
      auto counts, conn.Query("SELECT "
                              "(SELECT count(*) FROM pg_tables WHERE schemaname = 'public'), "
                              "(SELECT count(*) FROM pg_tables WHERE schemaname = 'view360'), "
                              "(SELECT count(*) FROM pg_views WHERE schemaname = 'public'), "
                              "to_regclass('view360.schema_migrations') IS NOT NULL"));
  const auto& row = counts.rows.at(0);
  info.v2_tables = std::stoi(*row[0]);
  info.own_tables = std::stoi(*row[1]);
  info.views = std::stoi(*row[2]);
  if (*row[3] == "t") {
    VIEW360_ASSIGN_OR_RETURN(auto version,
                             conn.QueryValue("SELECT max(version) FROM view360.schema_migrations"));
    info.version = version ? std::stoi(*version) : 0;
  }
  return info;
}

}  // namespace view360::warehouse
