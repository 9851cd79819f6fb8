// Which warehouse a command talks to, and opening it.
//
// The target is external when a connection string is given (--db, VIEW360_DB, the config
// file's warehouse.db) or when libpq's PGHOST, PGHOSTADDR or PGSERVICE is set; otherwise it is
// the embedded cluster (embedded_cluster.h), started on demand.
#pragma once

#include <string>

#include "common/status.h"
#include "warehouse/connection.h"

namespace view360::warehouse {

struct WarehouseTarget {
  std::string conninfo;       // External server; empty = the embedded cluster.
  std::string embedded_root;  // The embedded cluster's folder (DefaultClusterRoot() if empty).
  bool embedded_durable = true;

  bool external() const { return !conninfo.empty(); }
  // "embedded (<folder>)" or the conninfo with any password masked.
  std::string Describe() const;
};

// Resolves the target from an explicit --db value (may be empty), then VIEW360_DB, then the
// PG* variables (conninfo "" lets libpq read them), then the config file's value.
WarehouseTarget ResolveTarget(const std::string& db_flag, const std::string& config_db,
                              const std::string& config_data_dir);

// Connects to the target, starting (and initialising) the embedded cluster when needed. With
// migrate, also brings the schema up to date (Migrate) before returning.
Result<Connection> OpenWarehouse(const WarehouseTarget& target, bool migrate = true);

}  // namespace view360::warehouse
