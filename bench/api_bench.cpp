// The REST API's latency (issue 8): p50, p99 and max of each endpoint over HTTP, with 1,000
// accounts x 90 days loaded; goal: p99 under 50 ms on 2 cores.
//
//   api_bench --data-dir /var/tmp/view360-api-bench --accounts 1000 --days 90 --requests 200
//
// The warehouse: the embedded PostgreSQL cluster (not durable) in --data-dir, database
// api_bench_<accounts>x<days>, written once by bench/api_bench_data.sql (set-based SQL into the
// v2 tables; its header lists the volumes) and kept for the next run (--regenerate 1 writes it
// again). Every run migrates it first, so a new migration's indexes are measured too.
//
// The server: DashboardServer in-process on a free loopback port, as `view360 serve` runs it
// (8 request threads, 4 warehouse connections), asked by httplib clients on kept-alive
// connections. The cases are the dashboard's typical calls: each endpoint with its defaults,
// and one account, a tag filter, a 90-day range, page 50 of a big table, a sort. Rounds are
// interleaved (every case once per round, in a shuffled order), so load that comes and goes
// on the shared machine touches every case alike. Baseline, measured the same way in the same
// rounds: /healthz, a `SELECT 1` through the same server, pool and connection.
//
//   --requests N     rounds for one client (default 200)
//   --clients C      then C clients at once, each --requests / C rounds (default 4; 0 = skip)
//   --cases TEXT     only the cases whose name contains TEXT (comma-separated alternatives)
//   --phases LIST    computed (answer cache off), reused (cache on, each case asked before),
//                    or both (default: computed,reused); see Measure
//   --json FILE      the results as JSON too
//   --keep 1         leave the cluster running (it is stopped at the end otherwise)
// Not a Google Benchmark loop: the percentiles of many requests are the point, not a mean.
// Results and how to reproduce them: docs/PERFORMANCE.md.
#include <httplib.h>
#include <sys/utsname.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "serve/server.h"
#include "warehouse/connection.h"
#include "warehouse/embedded_cluster.h"
#include "warehouse/warehouse.h"

namespace view360 {
namespace {

namespace fs = std::filesystem;
using warehouse::Connection;

constexpr char kLatestDay[] = "2025-11-30";  // The data's "today".
constexpr char kBaselineCase[] = "baseline: /healthz (SELECT 1)";

struct Options {
  std::string data_dir = "/var/tmp/view360-api-bench";
  int accounts = 1000;
  int days = 90;
  int requests = 200;
  int clients = 4;
  bool regenerate = false;
  bool keep = false;
  std::vector<std::string> cases;
  std::string json_file;
  std::vector<std::string> phases = {"computed", "reused"};
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--data-dir")
      o.data_dir = value;
    else if (flag == "--accounts")
      o.accounts = std::stoi(value);
    else if (flag == "--days")
      o.days = std::stoi(value);
    else if (flag == "--requests")
      o.requests = std::stoi(value);
    else if (flag == "--clients")
      o.clients = std::stoi(value);
    else if (flag == "--regenerate")
      o.regenerate = value == "1" || value == "true";
    else if (flag == "--keep")
      o.keep = value == "1" || value == "true";
    else if (flag == "--json")
      o.json_file = value;
    else if (flag == "--phases") {
      o.phases.clear();
      std::stringstream in(value);
      for (std::string part; std::getline(in, part, ',');) {
        if (part != "computed" && part != "reused") {
          std::cerr << "--phases: computed, reused or both, not " << part << "\n";
          std::exit(2);
        }
        o.phases.push_back(part);
      }
    } else if (flag == "--cases") {
      std::stringstream in(value);
      for (std::string part; std::getline(in, part, ',');) o.cases.push_back(part);
    } else {
      std::cerr << "unknown option " << flag << "\n";
      std::exit(2);
    }
  }
  return o;
}

double LoadAverage() {
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  return load[0];
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// ---- The warehouse ------------------------------------------------------------------------------

// The database of this data set, written unless it is there already; its conninfo.
Result<std::string> PrepareWarehouse(warehouse::EmbeddedCluster& cluster, const Options& o) {
  const std::string name = "api_bench_" + std::to_string(o.accounts) + "x" + std::to_string(o.days);
  const std::string base = cluster.ConnInfo();
  const std::string prefix = base.substr(0, base.rfind("dbname="));
  const std::string conninfo = prefix + "dbname=" + name;
  bool exists = false;
  {
    VIEW360_ASSIGN_OR_RETURN(auto admin, Connection::Open(prefix + "dbname=postgres"));
    VIEW360_ASSIGN_OR_RETURN(
        auto found,
        admin.QueryValue("SELECT count(*) FROM pg_database WHERE datname = $1", {name}));
    exists = found.value_or("0") != "0";
    if (exists && !o.regenerate) {
      // Written completely: the marker table commits with the data.
      auto conn = Connection::Open(conninfo);
      auto marker =
          conn.ok()
              ? conn->QueryValue("SELECT to_regclass('view360.api_bench_dataset') IS NOT NULL")
              : Result<warehouse::SqlValue>(conn.status());
      exists = marker.ok() && *marker == "t";
    }
    if (!exists || o.regenerate) {
      VIEW360_RETURN_IF_ERROR(admin.Execute("DROP DATABASE IF EXISTS " + name));
      VIEW360_RETURN_IF_ERROR(admin.Execute("CREATE DATABASE " + name));
      exists = false;
    }
  }
  // Migrates: a fresh database gets the schema, a kept one the migrations added since.
  warehouse::WarehouseTarget target;
  target.conninfo = conninfo;
  const auto migrate_start = std::chrono::steady_clock::now();
  VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(target, /*migrate=*/true));
  std::cerr << "schema up to date (" << Seconds(migrate_start) << " s)\n";
  if (exists) return conninfo;

  std::string sql = ReadFile(VIEW360_API_BENCH_DATA_SQL);
  if (sql.empty()) return InternalError("cannot read " + std::string(VIEW360_API_BENCH_DATA_SQL));
  ReplaceAll(sql, "{accounts}", std::to_string(o.accounts));
  ReplaceAll(sql, "{days}", std::to_string(o.days));
  ReplaceAll(sql, "{latest}", kLatestDay);
  std::cerr << "writing " << o.accounts << " accounts x " << o.days << " days...\n";
  const auto start = std::chrono::steady_clock::now();
  VIEW360_RETURN_IF_ERROR(conn.Execute("BEGIN"));
  VIEW360_RETURN_IF_ERROR(conn.Execute(sql).WithContext("bench/api_bench_data.sql"));
  VIEW360_RETURN_IF_ERROR(conn.Execute("CREATE TABLE view360.api_bench_dataset AS SELECT " +
                                       std::to_string(o.accounts) + " AS accounts, " +
                                       std::to_string(o.days) + " AS days, '" + kLatestDay +
                                       "'::date AS latest_day, now() AS written_at"));
  VIEW360_RETURN_IF_ERROR(conn.Execute("COMMIT"));
  const double written = Seconds(start);
  // What autovacuum would have done by the time anyone looks: statistics and visibility map.
  VIEW360_RETURN_IF_ERROR(conn.Execute("VACUUM (ANALYZE)"));
  std::cerr << "written in " << written << " s, vacuumed and analyzed in "
            << Seconds(start) - written << " s\n";
  return conninfo;
}

// Rows per table and the database's size, for the record.
Result<nlohmann::json> Describe(Connection& conn) {
  nlohmann::json out = nlohmann::json::object();
  for (const char* table :
       {"accounts", "services", "cost_reports", "service_costs", "cost_forecasts", "security",
        "findings", "config_reports", "non_compliant_resources", "service_resources",
        "support_tickets", "health_events", "logs", "view360.ingest_runs",
        "view360.ingest_ledger"}) {
    VIEW360_ASSIGN_OR_RETURN(auto n, conn.QueryValue("SELECT count(*) FROM " + std::string(table)));
    out["rows"][table] = std::stoll(n.value_or("0"));
  }
  VIEW360_ASSIGN_OR_RETURN(
      auto size, conn.QueryValue("SELECT pg_size_pretty(pg_database_size(current_database()))"));
  out["database_size"] = size.value_or("");
  VIEW360_ASSIGN_OR_RETURN(auto version,
                           conn.QueryValue("SELECT max(version) FROM view360.schema_migrations"));
  out["schema_version"] = std::stoi(version.value_or("0"));
  return out;
}

// ---- The cases ----------------------------------------------------------------------------------

struct Case {
  std::string name;    // What the dashboard does.
  std::string target;  // Path and query.
};

std::vector<Case> Cases(const Options& o) {
  const std::string account = "100000000042";  // A home-region account, with findings.
  const std::string customer = "Customer 07";  // 25 of the 1,000 accounts.
  const std::string range90 = "from=2025-09-02&to=2025-11-30";
  std::vector<Case> all = {
      {kBaselineCase, "/healthz"},
      {"overview", "/api/v1/overview"},
      {"overview, one account", "/api/v1/overview?account=" + account},
      {"overview, customer", "/api/v1/overview?customer=" + customer},
      {"accounts", "/api/v1/accounts"},
      {"accounts, page 20", "/api/v1/accounts?offset=950"},
      {"accounts, sort -spend", "/api/v1/accounts?sort=-spend_this_month"},
      {"accounts, environment", "/api/v1/accounts?environment=PRODUCTION"},
      {"costs/daily", "/api/v1/costs/daily"},
      {"costs/daily, by account", "/api/v1/costs/daily?group_by=account"},
      {"costs/daily, 90 days", "/api/v1/costs/daily?" + range90},
      {"costs/daily, one account", "/api/v1/costs/daily?account=" + account},
      {"costs/daily, customer", "/api/v1/costs/daily?customer=" + customer},
      {"costs/monthly", "/api/v1/costs/monthly"},
      {"costs/monthly, 90 days", "/api/v1/costs/monthly?" + range90},
      {"costs/movers", "/api/v1/costs/movers"},
      {"costs/movers, by account", "/api/v1/costs/movers?group_by=account"},
      {"costs/forecast", "/api/v1/costs/forecast"},
      {"security/summary", "/api/v1/security/summary"},
      {"security/summary, product", "/api/v1/security/summary?product=Search"},
      {"security/trend", "/api/v1/security/trend"},
      {"security/trend, 90 days", "/api/v1/security/trend?" + range90},
      {"security/findings", "/api/v1/security/findings"},
      {"security/findings, page 50", "/api/v1/security/findings?offset=2450"},
      {"security/findings, sort updated_at", "/api/v1/security/findings?sort=updated_at"},
      {"security/findings, CRITICAL", "/api/v1/security/findings?severity=CRITICAL"},
      {"security/findings, one account", "/api/v1/security/findings?account=" + account},
      {"compliance", "/api/v1/compliance"},
      {"compliance, 90 days", "/api/v1/compliance?" + range90},
      {"compliance/resources", "/api/v1/compliance/resources"},
      {"compliance/resources, page 50", "/api/v1/compliance/resources?offset=2450"},
      {"compliance/resources, sort -rule", "/api/v1/compliance/resources?sort=-rule_name"},
      {"support-cases", "/api/v1/support-cases"},
      {"support-cases, sort severity", "/api/v1/support-cases?sort=severity_code"},
      {"health-events", "/api/v1/health-events"},
      {"health-events, page 50", "/api/v1/health-events?offset=2450"},
      {"resources", "/api/v1/resources"},
      {"resources, page 50", "/api/v1/resources?offset=2450"},
      {"resources, sort name", "/api/v1/resources?sort=resource_name"},
      {"resources, EC2 instances", "/api/v1/resources?service=EC2&type=AWS::EC2::Instance"},
      {"resources/summary", "/api/v1/resources/summary"},
      {"operations/collections", "/api/v1/operations/collections"},
      {"operations/collections, failed", "/api/v1/operations/collections?status=failed"},
      {"operations/runs", "/api/v1/operations/runs"},
      {"operations/documents", "/api/v1/operations/documents"},
      {"operations/documents, failed", "/api/v1/operations/documents?status=failed"},
      {"operations/documents, page 50", "/api/v1/operations/documents?offset=2450"},
  };
  std::vector<Case> out;
  for (auto& c : all) {
    bool take = o.cases.empty() || c.name == kBaselineCase;
    for (const auto& part : o.cases) take = take || c.name.find(part) != std::string::npos;
    if (take) {
      ReplaceAll(c.target, " ", "%20");
      out.push_back(c);
    }
  }
  return out;
}

// ---- Measuring ----------------------------------------------------------------------------------

struct Samples {
  std::vector<double> ms;
  int errors = 0;
  size_t bytes = 0;
};

double Percentile(std::vector<double> sorted, double p) {  // Nearest rank.
  if (sorted.empty()) return 0;
  std::sort(sorted.begin(), sorted.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

// Each client: `rounds` rounds over the cases, each round in its own shuffled order.
std::vector<Samples> Run(int port, const std::vector<Case>& cases, int clients, int rounds) {
  std::vector<Samples> samples(cases.size());
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(120, 0);
      std::mt19937 random(1234 + c);
      std::vector<size_t> order(cases.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::vector<Samples> mine(cases.size());
      for (int r = 0; r < rounds; ++r) {
        std::shuffle(order.begin(), order.end(), random);
        for (size_t i : order) {
          const auto start = std::chrono::steady_clock::now();
          auto res = client.Get(cases[i].target);
          const double ms = 1000 * Seconds(start);
          if (!res || res->status != 200) {
            ++mine[i].errors;
            if (mine[i].errors == 1) {
              std::cerr << cases[i].target << ": "
                        << (res ? std::to_string(res->status) + " " + res->body.substr(0, 300)
                                : httplib::to_string(res.error()))
                        << "\n";
            }
            continue;
          }
          mine[i].ms.push_back(ms);
          mine[i].bytes = res->body.size();
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      for (size_t i = 0; i < cases.size(); ++i) {
        samples[i].ms.insert(samples[i].ms.end(), mine[i].ms.begin(), mine[i].ms.end());
        samples[i].errors += mine[i].errors;
        samples[i].bytes = std::max(samples[i].bytes, mine[i].bytes);
      }
    });
  }
  for (auto& t : threads) t.join();
  return samples;
}

nlohmann::json Report(const std::string& title, const std::vector<Case>& cases,
                      const std::vector<Samples>& samples, double seconds, double load_before) {
  std::printf("\n%s (%.0f s, load average %.2f before, %.2f after)\n", title.c_str(), seconds,
              load_before, LoadAverage());
  std::printf("%-40s %8s %8s %8s %6s %8s\n", "case", "p50 ms", "p99 ms", "max ms", "n", "bytes");
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto& s = samples[i];
    const double p50 = Percentile(s.ms, 0.5), p99 = Percentile(s.ms, 0.99);
    const double max = s.ms.empty() ? 0 : *std::max_element(s.ms.begin(), s.ms.end());
    std::printf("%-40s %8.1f %8.1f %8.1f %6zu %8zu%s\n", cases[i].name.c_str(), p50, p99, max,
                s.ms.size(), s.bytes,
                s.errors ? (" " + std::to_string(s.errors) + " errors").c_str() : "");
    out.push_back({{"case", cases[i].name},
                   {"target", cases[i].target},
                   {"p50_ms", p50},
                   {"p99_ms", p99},
                   {"max_ms", max},
                   {"n", s.ms.size()},
                   {"errors", s.errors},
                   {"bytes", s.bytes}});
  }
  return out;
}

// The server as `view360 serve` runs it (8 threads, 4 connections), in one phase:
// "computed": the answer cache off, every answer computed (what a question costs the first
//   time, or right after the data changed);
// "reused": the cache on (the default, 64 MiB), each question asked once before (what the
//   dashboard's repeated questions cost between two loads); then the time the server takes,
//   after a change, to have the recently asked questions ready again (its refresher).
Result<nlohmann::json> Measure(const std::string& conninfo, const std::vector<Case>& cases,
                               const Options& o, const std::string& phase) {
  serve::ServeOptions serve_options;
  serve_options.port = 0;
  serve_options.cache_mb = phase == "computed" ? 0 : 64;
  serve::DashboardServer server([conninfo] { return Connection::Open(conninfo); }, serve_options);
  VIEW360_RETURN_IF_ERROR(server.Start());
  const int port = server.port();
  httplib::Client probe("127.0.0.1", port);
  probe.set_read_timeout(120, 0);
  if (phase == "reused") {  // Until the server listens for changes, nothing is kept.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
      auto res = probe.Get("/api/v1/operations/runs");
      if (res && res->get_header_value("X-View360-Cache") != "off") break;
      if (std::chrono::steady_clock::now() > deadline)
        return UnavailableError("the server never listened for changes");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  // Warm up: every connection of the pool, PostgreSQL's buffers, and each case once.
  (void)Run(port, cases, 4, 1);

  nlohmann::json out;
  const std::string name =
      phase == "computed" ? "Answers computed (cache off)" : "Answers reused (cache on)";
  double load = LoadAverage();
  auto start = std::chrono::steady_clock::now();
  auto one = Run(port, cases, 1, o.requests);
  out["one_client"] = Report(name + ", one client, " + std::to_string(o.requests) + " rounds",
                             cases, one, Seconds(start), load);
  if (o.clients > 0) {
    const int rounds = std::max(1, o.requests / o.clients);
    load = LoadAverage();
    start = std::chrono::steady_clock::now();
    auto many = Run(port, cases, o.clients, rounds);
    out["clients"] = o.clients;
    out["concurrent"] = Report(name + ", " + std::to_string(o.clients) + " clients at once, " +
                                   std::to_string(rounds) + " rounds each",
                               cases, many, Seconds(start), load);
  }
  if (phase == "reused") {
    // A change (as a load's commit sends it), then: when is every case a hit again?
    auto conn = Connection::Open(conninfo);
    if (!conn.ok()) return conn.status();
    start = std::chrono::steady_clock::now();
    VIEW360_RETURN_IF_ERROR(conn->Execute("NOTIFY view360_changed"));
    const size_t questions = static_cast<size_t>(std::count_if(
        cases.begin(), cases.end(), [](const Case& c) { return c.target.rfind("/api/", 0) == 0; }));
    double ready = -1;
    while (Seconds(start) < 600) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      auto metrics = probe.Get("/metrics");
      const std::string needle = "\nview360_api_cache_refreshed_total ";
      const size_t at = metrics ? metrics->body.find(needle) : std::string::npos;
      if (at == std::string::npos) continue;
      if (std::stoul(metrics->body.substr(at + needle.size())) >= questions) {
        ready = Seconds(start);
        break;
      }
    }
    std::printf("\nAfter a change: every case recomputed and kept again in %.1f s\n", ready);
    out["ready_after_change_s"] = ready;
  }
  server.Stop();
  return out;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  warehouse::ClusterOptions cluster_options;
  cluster_options.durable = false;
  warehouse::EmbeddedCluster cluster(warehouse::ClusterPathsFor(o.data_dir), cluster_options);
  auto started = cluster.Start();
  if (!started.ok()) {
    std::cerr << "cannot start the cluster in " << o.data_dir << ": " << started.status().ToString()
              << "\n";
    return 1;
  }
  auto conninfo = PrepareWarehouse(cluster, o);
  if (!conninfo.ok()) {
    std::cerr << conninfo.status().ToString() << "\n";
    if (*started && !o.keep) (void)cluster.Stop();
    return 1;
  }
  nlohmann::json result;
  {
    auto conn = Connection::Open(*conninfo);
    auto described = conn.ok() ? Describe(*conn) : Result<nlohmann::json>(conn.status());
    if (!described.ok()) {
      std::cerr << described.status().ToString() << "\n";
      return 1;
    }
    result["data"] = *described;
    std::cerr << result["data"].dump() << "\n";
  }
  utsname host{};
  uname(&host);
  result["machine"] = {{"cores", std::thread::hardware_concurrency()},
                       {"kernel", std::string(host.release)}};

  const std::vector<Case> cases = Cases(o);
  for (const std::string& phase : o.phases) {
    auto measured = Measure(*conninfo, cases, o, phase);
    if (!measured.ok()) {
      std::cerr << measured.status().ToString() << "\n";
      return 1;
    }
    result[phase] = *measured;
  }
  if (*started && !o.keep) (void)cluster.Stop();
  if (o.keep) std::cerr << "cluster left running: " << *conninfo << "\n";
  if (!o.json_file.empty()) std::ofstream(o.json_file) << result.dump(2) << "\n";
  return 0;
}

}  // namespace
}  // namespace view360

int main(int argc, char** argv) { return view360::Main(argc, argv); }
