// Collecting an organisation from the simulator: wall time against the lower bound the rate
// limits imply, and peak memory. Not a Google Benchmark loop: one run is minutes long and its
// peak RSS is a property of the process, so each configuration runs in its own process:
//
//   collect_bench --accounts 1000 --regions 2 --latency-ms 20
//
// The simulator (a child process, on loopback) throttles like AWS (per account, region and
// operation token buckets at AWS's documented rates) and delays every answer by --latency-ms;
// the collector pulls every account through sts:AssumeRole with its client-side rate limits on,
// exactly as `view360 collect --org`, and lands documents in a temporary directory.
//
// Lower bound: the calls of each (account, region, operation) bucket divided by that bucket's
// documented rate (aws/rate_limiter.h DefaultApiRate); the largest quotient is the least time
// any collector that respects the limits needs. Prints one JSON object.
// Results and how to reproduce them: docs/PERFORMANCE.md.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/credential_chain.h"
#include "aws/rate_limiter.h"
#include "aws/session.h"
#include "collect/run.h"
#include "sim/server.h"
#include "sim/simulator.h"
#include "store/object_store.h"

namespace view360 {
namespace {

struct Options {
  int accounts = 100;
  int regions = 2;
  int latency_ms = 20;
  int parallel_accounts = 64;
  int max_in_flight = 16;
  std::string categories;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--accounts") o.accounts = std::stoi(value);
    if (flag == "--regions") o.regions = std::stoi(value);
    if (flag == "--latency-ms") o.latency_ms = std::stoi(value);
    if (flag == "--parallel-accounts") o.parallel_accounts = std::stoi(value);
    if (flag == "--max-in-flight") o.max_in_flight = std::stoi(value);
    if (flag == "--categories") o.categories = value;
  }
  return o;
}

double CpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  sim::Scenario scenario;
  scenario.seed = 7;
  scenario.accounts = o.accounts;
  scenario.today = "2025-09-20";
  scenario.suspended_share = 0;
  scenario.page_size = 100;
  scenario.regions = {"us-east-1", "eu-west-1", "ap-southeast-2"};
  scenario.regions.resize(std::max(1, std::min(o.regions, 3)));
  scenario.throttle = true;
  scenario.faults.latency = 1.0;
  scenario.faults.latency_ms = o.latency_ms;
  sim::Simulator simulator(scenario);
  // The simulator serves from a child process, so that the peak RSS measured here is the
  // collector's alone. Forked before any thread exists; the port comes back through a pipe.
  int port_pipe[2];
  if (pipe(port_pipe) != 0) return 1;
  const pid_t simulator_pid = fork();
  if (simulator_pid == 0) {
    sim::ServerOptions server_options;
    server_options.threads = std::max(64, o.parallel_accounts * 4);
    sim::SimServer server(simulator, server_options);
    if (Status s = server.Start(); !s.ok()) _exit(1);
    const int port = server.port();
    if (write(port_pipe[1], &port, sizeof port) != sizeof port) _exit(1);
    pause();  // Until the parent kills it.
    _exit(0);
  }
  int port = 0;
  if (read(port_pipe[0], &port, sizeof port) != sizeof port) return 1;
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(port);

  const aws::Credentials root =
      simulator.authenticator().RootCredentials(simulator.world().AccountAt(0));
  aws::SessionOptions session_options;
  session_options.region = "us-east-1";
  session_options.endpoint_url = endpoint;
  session_options.access_key_id = root.access_key_id;
  session_options.secret_access_key = root.secret_access_key;
  session_options.retry.max_attempts = 10;
  session_options.max_in_flight_per_account = o.max_in_flight;
  auto session = aws::AwsSession::Create(session_options);
  if (!session.ok()) return 1;
  aws::AwsSession* raw = session->get();
  std::shared_ptr<aws::CredentialsProvider> base(&raw->credentials(),
                                                 [](aws::CredentialsProvider*) {});

  collect::AccountList accounts;
  for (int i = 1; i <= o.accounts; ++i) {
    collect::AccountInfo info;
    info.id = simulator.world().AccountAt(i).id;
    accounts.accounts.push_back(info);
  }
  collect::RunOptions run;
  run.windows = {collect::WindowFor(collect::Interval::kDaily, *collect::ParseDay("2025-09-20"))};
  run.regions = scenario.regions;
  run.mode = "pull";
  run.parallel_accounts = o.parallel_accounts;
  if (!o.categories.empty()) {
    std::stringstream in(o.categories);
    for (std::string c; std::getline(in, c, ',');) run.categories.push_back(c);
  }
  collect::OpenAccount open =
      [&](const collect::AccountInfo& account) -> Result<std::unique_ptr<collect::AccountClients>> {
    aws::AssumeRoleParams params;
    params.role_arn = aws::RoleArn(account.id, "View360ReadOnly");
    params.role_session_name = "bench";
    auto provider = std::make_shared<aws::AssumeRoleProvider>(base, raw->sts(), params);
    return std::make_unique<collect::AccountClients>(
        [raw, provider, id = account.id](const std::string& region) {
          return raw->AssumeRoleClient(provider, id, region);
        });
  };

  const std::string dir =
      (std::filesystem::temp_directory_path() / ("collect_bench_" + std::to_string(getpid())))
          .string();
  store::StoreOptions store_options;
  auto store = store::OpenStore(dir, store_options);
  if (!store.ok()) return 1;
  // Calls per (account, region, service:operation), for the lower bound.
  std::mutex mu;
  std::map<std::string, int64_t> bucket_calls;
  collect::LandDocument land = [&](const collect::CollectedDocument& doc) {
    {
      std::lock_guard<std::mutex> lock(mu);
      const std::string prefix = doc.key.substr(5, doc.key.find('/', 18) - 5);  // account/region
      for (const auto& [op, n] : doc.calls) bucket_calls[prefix + "|" + op] += n;
    }
    return (*store)->Put(doc.key, doc.body);
  };

  const auto started = std::chrono::steady_clock::now();
  const collect::RunSummary summary = collect::RunCollection(accounts, run, open, land);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  double bound = 0;
  std::string bound_bucket;
  for (const auto& [key, calls] : bucket_calls) {
    const std::string op = key.substr(key.find('|') + 1);
    const auto colon = op.find(':');
    const aws::ApiRate rate = aws::DefaultApiRate(op.substr(0, colon), op.substr(colon + 1));
    const double seconds = static_cast<double>(calls) / rate.per_second;
    if (seconds > bound) {
      bound = seconds;
      bound_bucket = key;
    }
  }
  std::filesystem::remove_all(dir);
  const double collector_cpu = CpuSeconds(RUSAGE_SELF);
  kill(simulator_pid, SIGTERM);
  waitpid(simulator_pid, nullptr, 0);

  nlohmann::json out = {{"accounts", o.accounts},
                        {"regions", run.regions.size()},
                        {"latency_ms", o.latency_ms},
                        {"documents", summary.documents},
                        {"ok", summary.Count("ok")},
                        {"partial", summary.Count("partial")},
                        {"failed", summary.Count("failed")},
                        {"api_calls", summary.calls},
                        {"throttled", summary.throttled},
                        {"retries", summary.retries},
                        {"wall_seconds", wall},
                        {"lower_bound_seconds", bound},
                        {"bound_bucket", bound_bucket},
                        {"ratio_to_bound", bound > 0 ? wall / bound : 0},
                        {"calls_per_second", summary.calls / wall},
                        {"collector_cpu_ms_per_call", 1000 * collector_cpu / summary.calls},
                        {"collector_peak_rss_mb", PeakRssKb() / 1024.0}};
  std::cout << out.dump() << '\n';
  return 0;
}

}  // namespace
}  // namespace view360

int main(int argc, char** argv) { return view360::Main(argc, argv); }
