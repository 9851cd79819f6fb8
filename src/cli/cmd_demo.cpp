// view360 demo: the whole pipeline with one command (docs/demo.md). Starts the simulator with a
// seeded organisation, the demo's embedded PostgreSQL, collects history from the simulator,
// ingests it, and serves the dashboard until Ctrl-C. A second run reuses the documents and the
// warehouse it finds and only collects the days that are missing.
//
// Ctrl-C (SIGINT) or SIGTERM at any point stops everything the demo started, its PostgreSQL
// included; a collection it interrupts is done again by the next run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/progress.h"
#include "ingest/receiver.h"
#include "serve/server.h"
#include "sim/server.h"
#include "store/object_store.h"
#include "warehouse/embedded_cluster.h"

namespace view360::cli {
namespace {

namespace fs = std::filesystem;

struct DemoFlags {
  int accounts = 25;
  int regions = 3;
  int days = 30;
  int port = 8360;
  std::string dir;
};

const std::vector<std::string> kRegions = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2",
                                           "eu-central-1"};

// Set by SIGINT and SIGTERM: every step checks it and the demo winds down.
std::atomic<bool> g_stop{false};

void OnStopSignal(int) { g_stop = true; }

void CatchStopSignals() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// Stops the demo's own PostgreSQL on every way out of RunDemo once it has started, so that an
// error or a Ctrl-C before the dashboard is up leaves no server behind.
class StopClusterOnExit {
 public:
  explicit StopClusterOnExit(std::string root) : root_(std::move(root)) {}
  ~StopClusterOnExit() {
    if (!root_.empty()) (void)Stop();
  }
  Status Stop() {
    if (root_.empty()) return OkStatus();
    warehouse::EmbeddedCluster cluster(warehouse::ClusterPathsFor(root_));
    root_.clear();
    return cluster.Stop();
  }

 private:
  std::string root_;  // Empty: nothing to stop.
};

// Runs `view360 collect ...` (this binary) with the simulator's credentials; its progress line
// goes to our terminal.
Status RunCollectChild(const std::vector<std::string>& args, const sim::SimServer& server,
                       const aws::Credentials& credentials, const std::string& region) {
  std::vector<std::string> argv = {"/proc/self/exe", "--log-level", "warn", "collect"};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = fork();
  if (pid < 0) return InternalError("fork failed");
  if (pid == 0) {
    setenv("AWS_ENDPOINT_URL", server.endpoint().c_str(), 1);
    setenv("AWS_ACCESS_KEY_ID", credentials.access_key_id.c_str(), 1);
    setenv("AWS_SECRET_ACCESS_KEY", credentials.secret_access_key.c_str(), 1);
    setenv("AWS_REGION", region.c_str(), 1);
    unsetenv("AWS_SESSION_TOKEN");
    unsetenv("AWS_PROFILE");
    unsetenv("BUCKET");
    dup2(STDERR_FILENO, STDOUT_FILENO);  // Its summary is progress here: our stdout is the URL.
    std::vector<char*> raw;
    for (auto& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    execv("/proc/self/exe", raw.data());
    _exit(127);
  }
  // Ctrl-C in a terminal reaches the child too (same process group); a SIGINT or SIGTERM sent
  // to the demo alone is passed on.
  int status = 0;
  bool forwarded = false;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (g_stop && !forwarded) {
      kill(pid, SIGINT);
      forwarded = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (g_stop) return OkStatus();  // The caller sees g_stop.
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return InternalError("collecting from the simulator failed (exit " +
                         std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
  return OkStatus();
}

// The days whose collection finished, one "YYYY-MM-DD" a line in DIR/collected: a day with
// only some of its documents (a collection interrupted or failed) is not among them.
std::set<std::string> CollectedDays(const fs::path& file) {
  std::set<std::string> days;
  std::ifstream in(file);
  for (std::string day; std::getline(in, day);) {
    if (!day.empty()) days.insert(day);
  }
  return days;
}

void AddCollectedDays(const fs::path& file, const std::vector<std::string>& days) {
  std::ofstream out(file, std::ios::app);
  for (const auto& day : days) out << day << "\n";
}

Status Interrupted() {
  std::cerr << "demo: interrupted before the dashboard was up; what was collected is kept, and "
               "the next run carries on\n";
  return OkStatus();
}

Status RunDemo(const Context& context, const DemoFlags& flags) {
  CatchStopSignals();
  const auto started = std::chrono::steady_clock::now();
  const std::string dir =
      flags.dir.empty() ? (fs::path(warehouse::DefaultClusterRoot()) / "demo").string() : flags.dir;
  const std::string store_dir = (fs::path(dir) / "store").string();
  const std::string settings_key =
      std::to_string(flags.accounts) + "x" + std::to_string(flags.regions);
  // A different organisation size is a different organisation: start that one from scratch.
  const fs::path marker = fs::path(dir) / "organisation";
  const fs::path collected_file = fs::path(dir) / "collected";
  {
    std::ifstream in(marker);
    std::string previous;
    std::getline(in, previous);
    if (!previous.empty() && previous != settings_key) {
      std::cerr << "demo: the organisation changed (" << previous << " -> " << settings_key
                << "), starting over in " << dir << "\n";
      fs::remove_all(fs::path(store_dir));
      fs::remove_all(fs::path(dir) / "pg");
      fs::remove(collected_file);
    }
  }
  fs::create_directories(store_dir);
  std::ofstream(marker) << settings_key << "\n";

  // 1. The simulator: a seeded organisation whose "today" is today.
  sim::Scenario scenario;
  scenario.accounts = flags.accounts;
  scenario.regions.assign(kRegions.begin(), kRegions.begin() + flags.regions);
  scenario.throttle = false;
  sim::Simulator simulator(scenario);
  sim::ServerOptions sim_options;
  sim_options.port = 0;
  sim::SimServer sim_server(simulator, sim_options);
  VIEW360_RETURN_IF_ERROR(sim_server.Start());
  const auto credentials =
      simulator.authenticator().RootCredentials(simulator.world().management());
  const std::string today = sim::FormatDay(simulator.world().today());
  std::cerr << "demo: simulator with " << flags.accounts << " accounts in " << flags.regions
            << " region(s) at " << sim_server.endpoint() << "\n";

  // 2. The warehouse: the demo's own embedded PostgreSQL, unless --db / VIEW360_DB names one.
  warehouse::WarehouseTarget target = context.Warehouse();
  StopClusterOnExit own_cluster(target.external() ? "" : dir);
  if (!target.external()) target.embedded_root = dir;
  VIEW360_ASSIGN_OR_RETURN(auto admin, warehouse::OpenWarehouse(target, /*migrate=*/true));
  std::cerr << "demo: warehouse " << target.Describe() << "\n";

  // 3. Collect what is missing: the full document of today in every region, and the cost
  // history (account, service, cost) of the days before in the home region.
  VIEW360_ASSIGN_OR_RETURN(auto store, store::OpenStore(store_dir, {}));
  const std::set<std::string> have = CollectedDays(collected_file);
  std::string regions;
  for (const auto& r : scenario.regions) regions += (regions.empty() ? "" : ",") + r;
  const auto today_day = simulator.world().today();
  sim::Day first_missing = today_day;  // The oldest day of the history not collected yet.
  for (int back = flags.days - 1; back >= 1; --back) {
    if (!have.count(sim::FormatDay(today_day - back))) {
      first_missing = today_day - back;
      break;
    }
  }
  if (first_missing < today_day && !g_stop) {
    const std::string start = sim::FormatDay(first_missing);
    const std::string yesterday = sim::FormatDay(today_day - 1);
    std::cerr << "demo: collecting the cost history " << start << " .. " << yesterday << "\n";
    VIEW360_RETURN_IF_ERROR(
        RunCollectChild({"--org", "--regions", scenario.regions.front(), "--categories",
                         "account,service,cost", "--history", "--start", start, "--end", yesterday,
                         "--out", store_dir, "--no-rate-limit", "--parallel-accounts", "16"},
                        sim_server, credentials, scenario.regions.front()));
    if (g_stop) return Interrupted();
    std::vector<std::string> days;
    for (sim::Day day = first_missing; day < today_day; ++day) {
      days.push_back(sim::FormatDay(day));
    }
    AddCollectedDays(collected_file, days);
  }
  if (!have.count(today) && !g_stop) {
    std::cerr << "demo: collecting every category for " << today << "\n";
    VIEW360_RETURN_IF_ERROR(
        RunCollectChild({"--org", "--regions", regions, "--date", today, "--out", store_dir,
                         "--no-rate-limit", "--parallel-accounts", "16"},
                        sim_server, credentials, scenario.regions.front()));
    if (g_stop) return Interrupted();
    AddCollectedDays(collected_file, {today});
  }
  if (g_stop) return Interrupted();

  // 4. Ingest.
  ingest::IngestOptions ingest_options;
  ingest_options.store = store.get();
  ingest_options.connect = [target] { return warehouse::OpenWarehouse(target, false); };
  ingest_options.stop = &g_stop;  // Documents not loaded yet wait in data/ for the next run.
  ProgressLine line;
  ingest_options.on_progress = [&line](const ingest::IngestProgress& p) {
    line.Show("ingest: documents " + std::to_string(p.done) + "/" + std::to_string(p.total) +
                  " · " + std::to_string(p.failed) + " failed",
              p.done == p.total);
  };
  VIEW360_ASSIGN_OR_RETURN(auto summary, ingest::RunIngest(ingest_options));
  line.Clear();
  if (g_stop) return Interrupted();
  std::cerr << "demo: ingested " << summary.loaded << " new document(s) (" << summary.rows
            << " rows), " << summary.failed << " failed\n";

  // 5. Serve until Ctrl-C.
  serve::ServeOptions serve_options;
  serve_options.port = flags.port;
  serve::DashboardServer server([target] { return warehouse::OpenWarehouse(target, false); },
                                serve_options);
  VIEW360_RETURN_IF_ERROR(server.Start());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (context.json()) {
    std::cout << nlohmann::json{{"url", server.url()},
                                {"simulator", sim_server.endpoint()},
                                {"documents_loaded", summary.loaded},
                                {"seconds", seconds}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "View360 demo is ready in " << FormatDuration(seconds) << ": " << server.url()
              << "  (Ctrl-C stops)" << std::endl;
  }
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cerr << "demo: stopping\n";
  server.Stop();
  sim_server.Stop();
  return own_cluster.Stop();
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, Context& context, Action* action) {
  auto flags = std::make_shared<DemoFlags>();
  auto* cmd = app.add_subcommand(
      "demo", "The whole pipeline on this machine: simulator, collect, ingest, dashboard");
  cmd->add_option("--accounts", flags->accounts,
                  "Member accounts of the simulated organisation (default 25)")
      ->check(CLI::Range(1, 2000));
  cmd->add_option("--regions", flags->regions, "Regions (default 3)")->check(CLI::Range(1, 5));
  cmd->add_option("--days", flags->days, "Days of history (default 30)")->check(CLI::Range(1, 400));
  cmd->add_option("--port", flags->port, "Dashboard port on 127.0.0.1 (default 8360; 0: any)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--dir", flags->dir,
                  "Where the demo keeps its documents and warehouse (default "
                  "~/.local/share/view360/demo)");
  cmd->callback([&context, action, flags] {
    *action = [&context, flags] { return RunDemo(context, *flags); };
  });
}

}  // namespace view360::cli
