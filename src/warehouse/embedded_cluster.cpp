#include "warehouse/embedded_cluster.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "warehouse/connection.h"

namespace fs = std::filesystem;

namespace view360::warehouse {
namespace {

// The longest unix socket path the kernel accepts (sun_path is 108 bytes with its NUL).
constexpr size_t kMaxSocketPath = 107;

// Holds an exclusive flock on a file for its lifetime.
class FileLock {
 public:
  explicit FileLock(const std::string& path)
      : fd_(open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ >= 0) flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) close(fd_);  // Closing releases the lock.
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string Tail(const std::string& path, size_t max_lines) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string out;
  size_t start = lines.size() > max_lines ? lines.size() - max_lines : 0;
  for (size_t i = start; i < lines.size(); ++i) out += "\n  " + lines[i];
  return out;
}

// A postgresql.conf string literal.
std::string ConfQuote(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

// A libpq conninfo value.
std::string ConnInfoQuote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string FindPgBinDir() {
  if (const char* env = std::getenv("VIEW360_PG_BINDIR"); env && *env) return env;
  for (int version = 17; version >= 13; --version) {
    std::string dir = "/usr/lib/postgresql/" + std::to_string(version) + "/bin";
    if (access((dir + "/initdb").c_str(), X_OK) == 0) return dir;
  }
  return "";
}

}  // namespace

std::string DefaultClusterRoot() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return (fs::path(xdg) / "view360").string();
  }
  if (geteuid() == 0) return "/var/lib/view360";
  const char* home = std::getenv("HOME");
  return (fs::path(home && *home ? home : "/tmp") / ".local" / "share" / "view360").string();
}

ClusterPaths ClusterPathsFor(const std::string& root) {
  fs::path r = fs::absolute(root).lexically_normal();
  return ClusterPaths{r.string(), (r / "pg").string(), (r / "run").string(),
                      (r / "postgresql.log").string()};
}

EmbeddedCluster::EmbeddedCluster(ClusterPaths paths, ClusterOptions options)
    : paths_(std::move(paths)), options_(std::move(options)) {}

Status EmbeddedCluster::ResolveBinaries() {
  if (!bin_dir_.empty()) return OkStatus();
  bin_dir_ = options_.bin_dir.empty() ? FindPgBinDir() : options_.bin_dir;
  if (bin_dir_.empty() || access((bin_dir_ + "/pg_ctl").c_str(), X_OK) != 0) {
    bin_dir_.clear();
    return FailedPreconditionError(
        "the PostgreSQL server binaries (initdb, pg_ctl) were not found in "
        "/usr/lib/postgresql/<version>/bin. Install them with 'sudo apt-get install "
        "postgresql-15' (or run scripts/setup.sh), set VIEW360_PG_BINDIR to their folder, or "
        "use an existing server with --db / VIEW360_DB");
  }
  return OkStatus();
}

Status EmbeddedCluster::PrepareFolders() {
  if (paths_.socket_dir.size() + sizeof("/.s.PGSQL.5432") > kMaxSocketPath) {
    return InvalidArgumentError("the warehouse folder '" + paths_.root +
                                "' is too long for a unix socket path; choose a shorter "
                                "XDG_DATA_HOME");
  }
  std::error_code ec;
  fs::create_directories(paths_.root, ec);
  if (ec) return PermissionDeniedError("cannot create " + paths_.root + ": " + ec.message());
  fs::create_directories(paths_.socket_dir, ec);
  if (ec) return PermissionDeniedError("cannot create " + paths_.socket_dir + ": " + ec.message());
  fs::permissions(paths_.root, fs::perms::owner_all, ec);
  fs::permissions(paths_.socket_dir, fs::perms::owner_all, ec);
  if (geteuid() != 0) return OkStatus();

  if (!run_as_) {
    auto user = LookupUser(kClusterOsUser);
    if (!user.ok()) {
      return FailedPreconditionError(
          "PostgreSQL refuses to run as root, and the unprivileged OS user 'view360' that runs "
          "the embedded warehouse for root does not exist: run scripts/setup.sh, or "
          "'useradd --system --no-create-home view360'");
    }
    run_as_ = *user;
  }
  for (const auto& dir : {paths_.root, paths_.socket_dir}) {
    if (chown(dir.c_str(), run_as_->uid, run_as_->gid) != 0) {
      return PermissionDeniedError("cannot hand " + dir + " to the 'view360' OS user");
    }
  }
  // The server runs as 'view360': every folder above ours must let it pass.
  VIEW360_ASSIGN_OR_RETURN(auto probe, RunProcess({"test", "-w", paths_.root}, {&*run_as_}));
  if (probe.exit_code != 0) {
    return FailedPreconditionError(
        "the warehouse folder " + paths_.root +
        " cannot be reached by the 'view360' OS user that runs PostgreSQL for root (a folder "
        "above it is private, such as /root). Unset XDG_DATA_HOME to use /var/lib/view360, "
        "point it at a folder that user can reach, or use --db");
  }
  return OkStatus();
}

Result<ProcessResult> EmbeddedCluster::RunPg(const std::string& program,
                                             std::vector<std::string> args) const {
  args.insert(args.begin(), bin_dir_ + "/" + program);
  ProcessOptions options;
  if (run_as_) options.run_as = &*run_as_;
  return RunProcess(args, options);
}

Status EmbeddedCluster::Init() {
  VIEW360_RETURN_IF_ERROR(ResolveBinaries());
  VIEW360_RETURN_IF_ERROR(PrepareFolders());
  FileLock lock(paths_.root + "/cluster.lock");
  if (fs::exists(paths_.data_dir + "/PG_VERSION")) return OkStatus();

  std::vector<std::string> args = {"-D",
                                   paths_.data_dir,
                                   "-U",
                                   kClusterDbUser,
                                   "--auth-local=trust",
                                   "--auth-host=scram-sha-256",
                                   "-E",
                                   "UTF8",
                                   "--no-locale"};
  if (!options_.durable) args.push_back("--no-sync");
  VIEW360_ASSIGN_OR_RETURN(auto run, RunPg("initdb", args));
  if (run.exit_code != 0) {
    return InternalError("initdb failed for " + paths_.data_dir + ":\n" + run.output);
  }
  std::ofstream conf(paths_.data_dir + "/postgresql.conf", std::ios::app);
  conf << "\n# Added by view360: unix socket in our own folder only, no TCP.\n"
       << "listen_addresses = ''\n"
       << "unix_socket_directories = " << ConfQuote(paths_.socket_dir) << "\n"
       << "port = " << kClusterPort << "\n";
  if (!options_.durable) {
    conf << "# Not durable (tests and benchmarks): a crash may lose recent commits.\n"
         << "fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n";
  }
  if (!conf) return InternalError("cannot write " + paths_.data_dir + "/postgresql.conf");
  return OkStatus();
}

ClusterState EmbeddedCluster::State() const {
  ClusterState state;
  state.version = ReadFirstLine(paths_.data_dir + "/PG_VERSION");
  state.initialized = !state.version.empty();
  std::string pid_line = ReadFirstLine(paths_.data_dir + "/postmaster.pid");
  pid_t pid = static_cast<pid_t>(std::atol(pid_line.c_str()));
  if (ProcessIsRunning(pid, "postgres")) {
    // Our postmaster runs with its working directory in our data directory.
    std::error_code ec;
    auto cwd = fs::read_symlink("/proc/" + std::to_string(pid) + "/cwd", ec);
    if (ec || fs::equivalent(cwd, paths_.data_dir, ec)) {
      state.running = true;
      state.pid = pid;
    }
  }
  return state;
}

Status EmbeddedCluster::RemoveStalePidFile() const {
  if (State().running) return OkStatus();
  // A postmaster that died without cleaning up (kill -9, power loss) leaves its pid in
  // postmaster.pid and in the socket's lock file. PostgreSQL refuses to start while that pid
  // exists, even as an unreaped zombie or as an unrelated program that reused it.
  const std::string socket = paths_.socket_dir + "/.s.PGSQL." + std::to_string(kClusterPort);
  for (const auto& file : {paths_.data_dir + "/postmaster.pid", socket + ".lock", socket}) {
    std::error_code ec;
    fs::remove(file, ec);
    if (ec) return PermissionDeniedError("cannot remove stale " + file + ": " + ec.message());
  }
  return OkStatus();
}

Result<bool> EmbeddedCluster::Start() {
  VIEW360_RETURN_IF_ERROR(Init());
  FileLock lock(paths_.root + "/cluster.lock");
  if (State().running) {
    VIEW360_RETURN_IF_ERROR(EnsureDatabase());
    return false;
  }
  VIEW360_RETURN_IF_ERROR(RemoveStalePidFile());
  if (run_as_ && !fs::exists(paths_.log_file)) {
    std::ofstream(paths_.log_file).flush();
    if (chown(paths_.log_file.c_str(), run_as_->uid, run_as_->gid) != 0) {
      return PermissionDeniedError("cannot hand " + paths_.log_file + " to the 'view360' user");
    }
  }
  VIEW360_ASSIGN_OR_RETURN(auto run, RunPg("pg_ctl", {"-D", paths_.data_dir, "-l", paths_.log_file,
                                                      "-w", "-t", "60", "start"}));
  if (run.exit_code != 0) {
    return UnavailableError("PostgreSQL did not start (log: " + paths_.log_file +
                            "):" + Tail(paths_.log_file, 8));
  }
  VIEW360_RETURN_IF_ERROR(EnsureDatabase());
  return true;
}

Status EmbeddedCluster::Stop() {
  VIEW360_RETURN_IF_ERROR(ResolveBinaries());
  if (geteuid() == 0 && !run_as_) {
    auto user = LookupUser(kClusterOsUser);
    if (user.ok()) run_as_ = *user;
  }
  FileLock lock(paths_.root + "/cluster.lock");
  if (!State().running) return RemoveStalePidFile();
  VIEW360_ASSIGN_OR_RETURN(
      auto run, RunPg("pg_ctl", {"-D", paths_.data_dir, "-m", "fast", "-w", "-t", "60", "stop"}));
  if (run.exit_code != 0) return UnavailableError("pg_ctl stop failed: " + run.output);
  return OkStatus();
}

std::string EmbeddedCluster::ConnInfo() const {
  return "host=" + ConnInfoQuote(paths_.socket_dir) + " port=" + std::to_string(kClusterPort) +
         " user=" + kClusterDbUser + " dbname=" + kClusterDatabase;
}

Status EmbeddedCluster::EnsureDatabase() const {
  std::string admin = "host=" + ConnInfoQuote(paths_.socket_dir) +
                      " port=" + std::to_string(kClusterPort) + " user=" + kClusterDbUser +
                      " dbname=postgres";
  VIEW360_ASSIGN_OR_RETURN(auto conn, Connection::Open(admin));
  VIEW360_ASSIGN_OR_RETURN(auto exists, conn.Query("SELECT 1 FROM pg_database WHERE datname = $1",
                                                   {std::string(kClusterDatabase)}));
  if (!exists.rows.empty()) return OkStatus();
  return conn.Execute(std::string("CREATE DATABASE ") + kClusterDatabase);
}

}  // namespace view360::warehouse
