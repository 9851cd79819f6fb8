#include "warehouse/warehouse.h"

#include <cstdlib>

#include "common/log.h"
#include "warehouse/embedded_cluster.h"
#include "warehouse/migrations.h"

namespace view360::warehouse {
namespace {

bool EnvSet(const char* name) {
  const char* value = std::getenv(name);
  return value && *value;
}

}  // namespace

std::string WarehouseTarget::Describe() const {
  if (external()) return Redact(conninfo);
  return "embedded (" + (embedded_root.empty() ? DefaultClusterRoot() : embedded_root) + ")";
}

WarehouseTarget ResolveTarget(const std::string& db_flag, const std::string& config_db,
                              const std::string& config_data_dir) {
  WarehouseTarget target;
  target.embedded_root = config_data_dir;
  if (!db_flag.empty()) {
    target.conninfo = db_flag;
  } else if (EnvSet("VIEW360_DB")) {
    target.conninfo = std::getenv("VIEW360_DB");
  } else if (EnvSet("PGHOST") || EnvSet("PGHOSTADDR") || EnvSet("PGSERVICE")) {
    // libpq reads the PG* variables for every keyword left out of the conninfo.
    target.conninfo = "application_name=view360";
  } else if (!config_db.empty()) {
    target.conninfo = config_db;
  }
  return target;
}

Result<Connection> OpenWarehouse(const WarehouseTarget& target, bool migrate) {
  std::string conninfo = target.conninfo;
  if (!target.external()) {
    ClusterOptions options;
    options.durable = target.embedded_durable;
    EmbeddedCluster cluster(
        ClusterPathsFor(target.embedded_root.empty() ? DefaultClusterRoot() : target.embedded_root),
        options);
    VIEW360_RETURN_IF_ERROR(cluster.Start().status());
    conninfo = cluster.ConnInfo();
  }
  VIEW360_ASSIGN_OR_RETURN(auto conn, Connection::Open(conninfo));
  VIEW360_RETURN_IF_ERROR(UsePublicSchema(conn));
  if (migrate) {
    VIEW360_RETURN_IF_ERROR(Migrate(conn).status().WithContext("migrating the warehouse"));
  }
  return conn;
}

}  // namespace view360::warehouse
