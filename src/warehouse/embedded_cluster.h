// EmbeddedCluster: View360's own PostgreSQL cluster, the default warehouse.
//
// Without --db, View360 keeps a PostgreSQL cluster (the Debian postgresql-15 binaries, run
// with initdb and pg_ctl) in a folder of its own and starts it on demand. It listens on a
// unix socket in that folder only, never on TCP, and trusts local connections: the folder's
// permissions (0700) are the access control.
//
// PostgreSQL refuses to run as root. When View360 runs as root, the cluster runs as the
// unprivileged system user `view360` (scripts/setup.sh creates it) and its folder defaults to
// /var/lib/view360, which that user can reach (root's home cannot be entered by other users).
//
// Thread-safety: not thread-safe; Init/Start/Stop serialise across processes with a file lock
// in the cluster folder, so two commands starting the cluster at once is safe.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "common/process.h"
#include "common/status.h"

namespace view360::warehouse {

inline constexpr char kClusterOsUser[] = "view360";
inline constexpr char kClusterDatabase[] = "view360";
inline constexpr char kClusterDbUser[] = "view360";
// The socket is <socket_dir>/.s.PGSQL.<port>; the folder is ours alone, so the port number
// only names the socket file.
inline constexpr int kClusterPort = 5432;

struct ClusterPaths {
  std::string root;        // Everything below lives here.
  std::string data_dir;    // PGDATA: root/pg
  std::string socket_dir;  // root/run
  std::string log_file;    // root/postgresql.log
};

// The default folder: $XDG_DATA_HOME/view360, else ~/.local/share/view360; as root without
// XDG_DATA_HOME, /var/lib/view360.
std::string DefaultClusterRoot();
ClusterPaths ClusterPathsFor(const std::string& root);

struct ClusterOptions {
  // Turns off fsync and full-page writes: for tests and benchmarks, never for real data.
  bool durable = true;
  // Where the PostgreSQL server binaries are; empty = $VIEW360_PG_BINDIR, else the newest
  // /usr/lib/postgresql/<version>/bin that has initdb.
  std::string bin_dir;
};

struct ClusterState {
  bool initialized = false;  // A data directory exists.
  bool running = false;
  pid_t pid = 0;        // The postmaster's pid when running.
  std::string version;  // PG_VERSION of the data directory.
};

class EmbeddedCluster {
 public:
  explicit EmbeddedCluster(ClusterPaths paths, ClusterOptions options = {});

  const ClusterPaths& paths() const { return paths_; }

  // Creates the data directory with initdb unless it exists. FailedPrecondition, saying how to
  // install them, when the PostgreSQL binaries are missing.
  Status Init();

  // Starts the server unless it runs already (Init first when needed), then makes sure the
  // view360 database exists. A stale postmaster.pid (its process gone, or its pid reused by
  // another program) is removed first. Returns true when this call started the server.
  Result<bool> Start();

  // Stops the server (fast shutdown: open transactions roll back). OK when it was not running.
  Status Stop();

  ClusterState State() const;

  // libpq conninfo for the view360 database (no password: local trust over the socket).
  std::string ConnInfo() const;

 private:
  Status ResolveBinaries();
  Status PrepareFolders();
  Result<ProcessResult> RunPg(const std::string& program, std::vector<std::string> args) const;
  Status RemoveStalePidFile() const;
  Status EnsureDatabase() const;

  ClusterPaths paths_;
  ClusterOptions options_;
  std::string bin_dir_;
  std::optional<OsUser> run_as_;  // Set when we are root.
};

}  // namespace view360::warehouse
