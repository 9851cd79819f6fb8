// The receiver (issue 7): documents/s and rows/s of `view360 ingest` on 1,000 full documents,
// against two references measured in the same run on the same PostgreSQL:
//   (a) baseline: the original receiver's method (specs/view360.md §f.5): per row one SELECT of
//       the match key, then one UPDATE or INSERT, autocommitted, parents' ids looked up by
//       SELECT, over one libpq connection;
//   (b) limit: a plain COPY of the same rows into unindexed, constraint-free copies of the
//       tables, once including the read + parse + extraction of the documents and once
//       COPY alone (the rows extracted beforehand).
// Not a Google Benchmark loop: one measurement is minutes long. Prints a table and one JSON
// object:
//
//   ingest_bench --docs /var/tmp/view360-ingest-docs --accounts 100 --days 10 --jobs 4,2,1
//
// --methods (comma-separated; default view360,baseline,copy; extraction alone always runs):
//   view360               RunIngest of every document, once per --jobs value (fresh database)
//   baseline              (a), on the first --baseline-docs documents (0 = all) or until
//                         --baseline-budget seconds have passed
//   copy                  (b), COPY alone and read + extract + COPY, with the largest --jobs,
//                         and COPY alone on one connection
//   breakdown             the loader's steps on one connection, each timed: read + extract,
//                         COPY into the staging table, each upsert statement, COMMIT; batches
//                         of --batch documents of one folder
//   breakdown-analyze     the same with an ANALYZE of the staging table after the COPY
//   breakdown-span        the same in batches of --batch documents across folders (as the
//                         receiver makes them)
//   daily                 the steady state: the last day's documents (one per folder) into a
//                         warehouse that holds the days before, RunIngest per --jobs value
//   daily-breakdown       those documents in the breakdown, in batches of one folder (one
//                         document each: how the receiver batched before batches spanned folders)
//   daily-span            the same documents in batches of --batch across folders (as it does)
//
// Documents: --accounts accounts x 1 day are collected from the simulator (a child process,
// throttling off) once; days 2..--days are derived from them by shifting every date the
// receiver keys on (windows, periods, collected_at) and perturbing costs by up to 5 %, so
// that they look like daily collections: new services, cost and config reports, logs and
// savings rows each day, the same findings and resources updated or unchanged. --docs (or
// $VIEW360_BENCH_DOCS) keeps them for the next run; without it they go to a temporary folder.
//
// PostgreSQL: the embedded cluster in a temporary folder, not durable unless --durable 1 (fsync
// and synchronous_commit off: commits are cheap, which favours the per-statement baseline), a
// fresh migrated database per measurement. --keep 1 leaves it running and says where;
// --auto-explain MS logs the plans of slower statements to its postgresql.log.
// Results and how to reproduce them: docs/PERFORMANCE.md.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws/credential_chain.h"
#include "aws/session.h"
#include "collect/run.h"
#include "ingest/catalog.h"
#include "ingest/extract.h"
#include "ingest/receiver.h"
#include "ingest/tables.h"
#include "ingest/upsert_sql.h"
#include "sim/server.h"
#include "sim/simulator.h"
#include "store/object_store.h"
#include "warehouse/embedded_cluster.h"
#include "warehouse/migrations.h"
#include "warehouse/warehouse.h"

namespace view360 {
namespace {

namespace fs = std::filesystem;
using warehouse::Connection;
using warehouse::SqlValue;

struct Options {
  int accounts = 100;
  int days = 10;
  std::string docs;  // Where the documents are kept between runs; "" = a temporary folder.
  std::vector<int> jobs = {4, 2, 1};
  int copy_jobs = 0;                                    // 0: the largest of jobs.
  int batch = ingest::IngestOptions().batch_documents;  // The receiver's default.
  int baseline_docs = 0;                                // 0: every document.
  double baseline_budget = 600;  // Seconds; the baseline stops after the document in progress.
  std::set<std::string> methods = {"view360", "baseline", "copy"};
  bool durable = false;
  bool keep = false;         // Leave the cluster running (to look at the tables); prints where.
  int auto_explain_ms = -1;  // >= 0: log the plans of statements slower than that (with --keep).
};

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, separator);) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Options Parse(int argc, char** argv) {
  Options o;
  if (const char* env = std::getenv("VIEW360_BENCH_DOCS")) o.docs = env;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--accounts") o.accounts = std::stoi(value);
    if (flag == "--days") o.days = std::stoi(value);
    if (flag == "--docs") o.docs = value;
    if (flag == "--batch") o.batch = std::stoi(value);
    if (flag == "--copy-jobs") o.copy_jobs = std::stoi(value);
    if (flag == "--baseline-docs") o.baseline_docs = std::stoi(value);
    if (flag == "--baseline-budget") o.baseline_budget = std::stod(value);
    if (flag == "--durable") o.durable = value == "true" || value == "1";
    if (flag == "--keep") o.keep = value == "true" || value == "1";
    if (flag == "--auto-explain") o.auto_explain_ms = std::stoi(value);
    if (flag == "--jobs") {
      o.jobs.clear();
      for (const auto& j : Split(value, ',')) o.jobs.push_back(std::stoi(j));
    }
    if (flag == "--methods") {
      o.methods.clear();
      for (const auto& m : Split(value, ',')) o.methods.insert(m);
    }
  }
  if (o.copy_jobs <= 0) o.copy_jobs = *std::max_element(o.jobs.begin(), o.jobs.end());
  return o;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void Say(const std::string& text) { std::cerr << "[ingest_bench] " << text << std::endl; }

[[noreturn]] void Die(const std::string& what, const Status& status) {
  Say(what + ": " + status.ToString());
  std::exit(1);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// ---- CPU accounting -----------------------------------------------------------------------------

double ClientCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The fields after the command name of /proc/<pid>/stat (state is [0], ppid [1], utime [11]).
std::vector<std::string> ProcStat(const std::string& pid) {
  const std::string text = ReadFile("/proc/" + pid + "/stat");
  const size_t paren = text.rfind(')');
  if (paren == std::string::npos) return {};
  return Split(text.substr(paren + 2), ' ');
}

// The PostgreSQL server's CPU: the postmaster's own and its reaped children's, plus the
// running children's (backends, autovacuum, the WAL writer...).
double ServerCpuSeconds(pid_t postmaster) {
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double total = 0;
  const std::string self = std::to_string(postmaster);
  if (auto f = ProcStat(self); f.size() > 14) {
    total += (std::stod(f[11]) + std::stod(f[12]) + std::stod(f[13]) + std::stod(f[14])) / tick;
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    auto f = ProcStat(name);
    if (f.size() > 12 && f[1] == self) total += (std::stod(f[11]) + std::stod(f[12])) / tick;
  }
  return total;
}

double LoadAverage() {
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  return load[0];
}

// ---- Documents ----------------------------------------------------------------------------------

// Collects accounts x 1 DAILY document (one region) from the simulator into seed_dir.
Status CollectSeed(const std::string& seed_dir, int accounts, const std::string& day) {
  sim::Scenario scenario;
  scenario.seed = 7;
  scenario.accounts = accounts;
  scenario.today = day;
  scenario.suspended_share = 0;
  scenario.page_size = 100;
  scenario.regions = {"us-east-1"};
  scenario.throttle = false;
  sim::Simulator simulator(scenario);
  int port_pipe[2];
  if (pipe(port_pipe) != 0) return InternalError("pipe failed");
  const pid_t simulator_pid = fork();
  if (simulator_pid == 0) {
    sim::ServerOptions server_options;
    server_options.threads = 64;
    sim::SimServer server(simulator, server_options);
    if (Status s = server.Start(); !s.ok()) _exit(1);
    const int port = server.port();
    if (write(port_pipe[1], &port, sizeof port) != sizeof port) _exit(1);
    pause();
    _exit(0);
  }
  int port = 0;
  if (read(port_pipe[0], &port, sizeof port) != sizeof port) return InternalError("no port");
  const aws::Credentials root =
      simulator.authenticator().RootCredentials(simulator.world().AccountAt(0));
  aws::SessionOptions session_options;
  session_options.region = "us-east-1";
  session_options.endpoint_url = "http://127.0.0.1:" + std::to_string(port);
  session_options.access_key_id = root.access_key_id;
  session_options.secret_access_key = root.secret_access_key;
  session_options.retry.max_attempts = 10;
  session_options.max_in_flight_per_account = 16;
  auto session = aws::AwsSession::Create(session_options);
  if (!session.ok()) return session.status();
  aws::AwsSession* raw = session->get();
  std::shared_ptr<aws::CredentialsProvider> base(&raw->credentials(),
                                                 [](aws::CredentialsProvider*) {});
  collect::AccountList list;
  for (int i = 1; i <= accounts; ++i) {
    collect::AccountInfo info;
    info.id = simulator.world().AccountAt(i).id;
    list.accounts.push_back(info);
  }
  collect::RunOptions run;
  run.windows = {collect::WindowFor(collect::Interval::kDaily, *collect::ParseDay(day))};
  run.regions = scenario.regions;
  run.mode = "pull";
  run.parallel_accounts = 32;
  collect::OpenAccount open =
      [&](const collect::AccountInfo& account) -> Result<std::unique_ptr<collect::AccountClients>> {
    aws::AssumeRoleParams params;
    params.role_arn = aws::RoleArn(account.id, "View360ReadOnly");
    params.role_session_name = "ingest-bench";
    auto provider = std::make_shared<aws::AssumeRoleProvider>(base, raw->sts(), params);
    return std::make_unique<collect::AccountClients>(
        [raw, provider, id = account.id](const std::string& region) {
          return raw->AssumeRoleClient(provider, id, region);
        });
  };
  store::StoreOptions store_options;
  auto store = store::OpenStore(seed_dir, store_options);
  if (!store.ok()) return store.status();
  collect::LandDocument land = [&](const collect::CollectedDocument& doc) {
    return (*store)->Put(doc.key, doc.body);
  };
  const auto started = std::chrono::steady_clock::now();
  const collect::RunSummary summary = collect::RunCollection(list, run, open, land);
  kill(simulator_pid, SIGTERM);
  waitpid(simulator_pid, nullptr, 0);
  Say("collected " + std::to_string(summary.documents) + " seed documents (" +
      std::to_string(summary.calls) + " calls) in " + std::to_string(Seconds(started)) + " s");
  if (summary.documents != accounts) {
    return InternalError("collected " + std::to_string(summary.documents) + " documents, wanted " +
                         std::to_string(accounts));
  }
  return OkStatus();
}

// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return text;
}

// "2025-09-14..." shifted by days (the rest of the string kept); other strings unchanged.
std::string ShiftDate(const std::string& text, int days) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return text;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return text;
  }
  const int64_t z = DaysFromCivil(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                                  std::stoi(text.substr(8, 2)));
  return CivilFromDays(z + days) + text.substr(10);
}

void Shift(nlohmann::json& object, const char* member, int days) {
  if (!object.is_object()) return;
  auto it = object.find(member);
  if (it != object.end() && it->is_string()) *it = ShiftDate(it->get<std::string>(), days);
}

void Scale(nlohmann::json& object, const char* member, double factor) {
  if (!object.is_object()) return;
  auto it = object.find(member);
  if (it != object.end() && it->is_number()) *it = it->get<double>() * factor;
}

nlohmann::json& Member(nlohmann::json& object, const char* member) {
  static nlohmann::json none;
  none = nullptr;
  if (!object.is_object()) return none;
  auto it = object.find(member);
  return it == object.end() ? none : *it;
}

template <typename F>
void Each(nlohmann::json& array, F f) {
  if (!array.is_array()) return;
  for (auto& item : array) f(item);
}

// The document of `days` days after the seed: every date the receiver keys on moves, costs move
// by up to 5 %. days = 0 returns the seed as it is.
std::string DeriveDay(const std::string& seed, int days, uint32_t seed_number) {
  if (days == 0) return seed;
  nlohmann::json doc = nlohmann::json::parse(seed);
  std::mt19937 random(seed_number);
  std::uniform_real_distribution<double> jitter(0.95, 1.05);
  auto& meta = Member(doc, "view360");
  Shift(meta, "collected_at", days);
  Shift(Member(meta, "window"), "start", days);
  Shift(Member(meta, "window"), "end", days);
  Each(Member(doc, "service"), [&](nlohmann::json& s) {
    Shift(s, "date_from", days);
    Shift(s, "date_to", days);
    Scale(s, "cost", jitter(random));
  });
  auto& cost = Member(doc, "cost");
  if (cost.is_object()) {
    Scale(cost, "current_period_cost", jitter(random));
    Scale(cost, "previous_period_cost", jitter(random));
    if (Member(cost, "current_period_cost").is_number() &&
        Member(cost, "previous_period_cost").is_number()) {
      const double current = cost["current_period_cost"].get<double>();
      const double previous = cost["previous_period_cost"].get<double>();
      cost["cost_difference"] = current - previous;
      if (previous != 0) cost["cost_difference_percentage"] = 100 * (current - previous) / previous;
    }
    Shift(Member(cost, "period"), "start", days);
    Shift(Member(cost, "period"), "end", days);
    Each(Member(cost, "top_services"),
         [&](nlohmann::json& s) { Scale(s, "cost", jitter(random)); });
    Each(Member(cost, "forecast"), [&](nlohmann::json& f) {
      Shift(Member(f, "period"), "start", days);
      Shift(Member(f, "period"), "end", days);
      Scale(f, "amount", jitter(random));
    });
  }
  auto& config = Member(doc, "config");
  Shift(config, "date_from", days);
  Shift(config, "date_to", days);
  Each(Member(config, "non_compliant_resources"),
       [&](nlohmann::json& r) { Shift(r, "config_rule_invoked_time", days); });
  Each(Member(doc, "ri_sp_savings"), [&](nlohmann::json& r) {
    Shift(r, "date_from", days);
    Shift(r, "date_to", days);
    Shift(r, "date", days);
    Scale(r, "on_demand_cost", jitter(random));
    Scale(r, "net_savings", jitter(random));
  });
  Each(Member(doc, "support_tickets"), [&](nlohmann::json& t) {
    Shift(t, "date_from", days);
    Shift(t, "date_to", days);
  });
  Each(Member(doc, "marketplace"), [&](nlohmann::json& m) {
    Shift(m, "period_start", days);
    Shift(m, "period_end", days);
    Scale(m, "cost_consumed", jitter(random));
  });
  Shift(Member(doc, "logs"), "date_created", days);
  return doc.dump();
}

size_t CountJson(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") ++n;
  }
  return n;
}

// Makes <root>/data hold accounts x days documents (reusing what a previous run left).
Status PrepareDocuments(const Options& o, const std::string& root) {
  const size_t wanted = static_cast<size_t>(o.accounts) * o.days;
  const std::string data = root + "/data";
  if (CountJson(data) == wanted) {
    Say("reusing the " + std::to_string(wanted) + " documents in " + data);
    return OkStatus();
  }
  const std::string seed = root + "/seed";
  const std::string first_day = "2025-09-11";
  if (CountJson(seed + "/data") != static_cast<size_t>(o.accounts)) {
    std::error_code ec;
    fs::remove_all(seed, ec);
    Say("collecting " + std::to_string(o.accounts) + " accounts x 1 day from the simulator...");
    VIEW360_RETURN_IF_ERROR(CollectSeed(seed, o.accounts, first_day));
  }
  std::error_code ec;
  fs::remove_all(data, ec);
  const auto started = std::chrono::steady_clock::now();
  std::vector<fs::path> seeds;
  for (const auto& entry : fs::recursive_directory_iterator(seed + "/data")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") seeds.push_back(entry);
  }
  std::sort(seeds.begin(), seeds.end());
  uint32_t number = 1;
  for (const auto& path : seeds) {
    // seed/data/{account}/{region}/{date}_DAILY.json
    const std::string text = ReadFile(path.string());
    const std::string name = path.filename().string();
    const fs::path folder = fs::path(data) / fs::relative(path.parent_path(), seed + "/data");
    fs::create_directories(folder);
    for (int d = 0; d < o.days; ++d) {
      const std::string body = DeriveDay(text, d, number++);
      std::ofstream out(folder / (ShiftDate(name, d)), std::ios::binary);
      out << body;
      if (!out) return InternalError("cannot write in " + folder.string());
    }
  }
  Say("derived " + std::to_string(CountJson(data)) + " documents in " +
      std::to_string(Seconds(started)) + " s");
  return OkStatus();
}

// The documents in the receiver's order: by folder (account/region), oldest first.
struct Corpus {
  std::vector<std::string> keys;            // "data/…", sorted.
  std::vector<std::vector<size_t>> groups;  // Indexes into keys, per folder.
  int64_t bytes = 0;
};

Corpus ListCorpus(const std::string& root) {
  Corpus corpus;
  for (const auto& entry : fs::recursive_directory_iterator(root + "/data")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    corpus.keys.push_back(fs::relative(entry.path(), root).string());
    corpus.bytes += static_cast<int64_t>(entry.file_size());
  }
  std::sort(corpus.keys.begin(), corpus.keys.end());
  std::string folder;
  for (size_t i = 0; i < corpus.keys.size(); ++i) {
    const std::string f = corpus.keys[i].substr(0, corpus.keys[i].rfind('/'));
    if (corpus.groups.empty() || f != folder) corpus.groups.emplace_back();
    folder = f;
    corpus.groups.back().push_back(i);
  }
  return corpus;
}

// A store holding the documents whose key passes take (all when null), as hard links (the
// receiver moves them away).
Status LinkTree(const std::string& from_root, const std::string& to_root,
                const std::function<bool(const std::string&)>& take) {
  for (const auto& entry : fs::recursive_directory_iterator(from_root + "/data")) {
    if (!entry.is_regular_file()) continue;
    const std::string key = fs::relative(entry.path(), from_root).string();
    if (take && !take(key)) continue;
    const fs::path target = fs::path(to_root) / key;
    fs::create_directories(target.parent_path());
    std::error_code ec;
    fs::create_hard_link(entry.path(), target, ec);
    if (ec) fs::copy_file(entry.path(), target, ec);
    if (ec) return InternalError("cannot link " + target.string() + ": " + ec.message());
  }
  return OkStatus();
}

// ---- The warehouse ------------------------------------------------------------------------------

class Warehouse {
 public:
  Warehouse(const std::string& root, bool durable, int auto_explain_ms)
      : auto_explain_ms_(auto_explain_ms) {
    warehouse::ClusterOptions options;
    options.durable = durable;
    cluster_ =
        std::make_unique<warehouse::EmbeddedCluster>(warehouse::ClusterPathsFor(root), options);
  }
  Status Start() { return cluster_->Start().status(); }
  void Stop() { (void)cluster_->Stop(); }
  pid_t postmaster() const { return cluster_->State().pid; }

  std::string ConnInfoFor(const std::string& dbname) const {
    std::string info = cluster_->ConnInfo();
    return info.substr(0, info.rfind("dbname=")) + "dbname=" + dbname;
  }

  // A new database with the View360 schema; returns its conninfo.
  Result<std::string> FreshDatabase(const std::string& name) {
    {
      VIEW360_ASSIGN_OR_RETURN(auto admin, Connection::Open(ConnInfoFor("postgres")));
      VIEW360_RETURN_IF_ERROR(admin.Execute("DROP DATABASE IF EXISTS " + name));
      VIEW360_RETURN_IF_ERROR(admin.Execute("CREATE DATABASE " + name));
      if (auto_explain_ms_ >= 0) {
        // Plans of the statements slower than that, with row counts, in the cluster's log.
        const std::string set = "ALTER DATABASE " + name + " SET ";
        VIEW360_RETURN_IF_ERROR(admin.Execute(
            set + "session_preload_libraries = 'auto_explain';" + set +
            "auto_explain.log_min_duration = " + std::to_string(auto_explain_ms_) + ";" + set +
            "auto_explain.log_analyze = on;" + set + "auto_explain.log_timing = off;"));
      }
    }
    const std::string conninfo = ConnInfoFor(name);
    warehouse::WarehouseTarget target;
    target.conninfo = conninfo;
    VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(target, /*migrate=*/true));
    return conninfo;
  }

 private:
  std::unique_ptr<warehouse::EmbeddedCluster> cluster_;
  int auto_explain_ms_;
};

Result<Connection> Open(const std::string& conninfo) {
  warehouse::WarehouseTarget target;
  target.conninfo = conninfo;
  VIEW360_ASSIGN_OR_RETURN(auto conn, warehouse::OpenWarehouse(target, /*migrate=*/false));
  VIEW360_RETURN_IF_ERROR(conn.Execute("SET TimeZone = 'UTC'"));
  return conn;
}

// Rows in the View360 v2 tables (public schema), for the record.
Result<int64_t> CountRows(Connection& conn, const std::string& schema) {
  int64_t total = 0;
  for (const auto& spec : ingest::Tables()) {
    VIEW360_ASSIGN_OR_RETURN(
        auto n, conn.QueryValue("SELECT count(*) FROM " + schema + "." + std::string(spec.table)));
    total += std::stoll(n.value_or("0"));
  }
  return total;
}

// ---- A measurement ------------------------------------------------------------------------------

struct Measurement {
  std::string method;
  int jobs = 1;
  int64_t documents = 0;
  int64_t rows = 0;
  int64_t failed = 0;
  double seconds = 0;
  double client_cpu = 0;
  double server_cpu = 0;
  double load_before = 0;
  int64_t table_rows = 0;  // Rows in the tables afterwards.
  nlohmann::json extra = nlohmann::json::object();

  double docs_per_s() const { return seconds > 0 ? documents / seconds : 0; }
  double rows_per_s() const { return seconds > 0 ? rows / seconds : 0; }
  nlohmann::json ToJson() const {
    nlohmann::json j = {
        {"method", method},
        {"jobs", jobs},
        {"documents", documents},
        {"rows", rows},
        {"failed", failed},
        {"seconds", seconds},
        {"documents_per_s", docs_per_s()},
        {"rows_per_s", rows_per_s()},
        {"cpu_ms_per_1000_rows", rows > 0 ? 1e6 * (client_cpu + server_cpu) / rows : 0},
        {"client_cpu_s", client_cpu},
        {"server_cpu_s", server_cpu},
        {"load_before", load_before},
        {"table_rows_after", table_rows}};
    j.update(extra);
    return j;
  }
};

class Meter {
 public:
  Meter(Measurement* m, pid_t postmaster) : m_(m), postmaster_(postmaster) {
    m_->load_before = LoadAverage();
    client_ = ClientCpuSeconds();
    server_ = ServerCpuSeconds(postmaster_);
    start_ = std::chrono::steady_clock::now();
  }
  void Stop() {
    m_->seconds = Seconds(start_);
    m_->client_cpu = ClientCpuSeconds() - client_;
    // Backends exit just after their clients disconnect: give them a moment to be reaped.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    m_->server_cpu = ServerCpuSeconds(postmaster_) - server_;
  }

 private:
  Measurement* m_;
  pid_t postmaster_;
  double client_ = 0, server_ = 0;
  std::chrono::steady_clock::time_point start_;
};

// ---- view360 ingest -----------------------------------------------------------------------------

// RunIngest over a store holding the documents whose key passes `take` (hard links), into the
// database at conninfo.
ingest::IngestSummary Ingest(const std::string& conninfo, const std::string& docs_root,
                             const std::function<bool(const std::string&)>& take, int jobs,
                             int batch, Measurement* m, pid_t postmaster) {
  char pattern[] = "/tmp/ingest-bench-store-XXXXXX";
  const std::string store_root = mkdtemp(pattern);
  if (Status s = LinkTree(docs_root, store_root, take); !s.ok()) Die("store", s);
  store::StoreOptions store_options;
  auto store = store::OpenStore(store_root, store_options);
  if (!store.ok()) Die("store", store.status());
  ingest::IngestOptions options;
  options.store = store->get();
  options.connect = [conninfo] { return Open(conninfo); };
  options.jobs = jobs;
  options.batch_documents = batch;
  std::optional<Meter> meter;
  if (m) meter.emplace(m, postmaster);
  auto summary = ingest::RunIngest(options);
  if (meter) meter->Stop();
  if (!summary.ok()) Die("RunIngest", summary.status());
  for (const auto& f : summary->failures) {
    Say("failed: " + f.key + (f.issues.empty() ? "" : " " + f.issues[0].ToString()));
  }
  std::error_code ec;
  fs::remove_all(store_root, ec);
  return std::move(*summary);
}

void Record(const ingest::IngestSummary& summary, int batch, Measurement* m) {
  m->documents = summary.loaded;
  m->rows = summary.rows;
  m->failed = summary.failed;
  const auto total = summary.stats.Total();
  m->extra = {{"created", total.created},
              {"updated", total.updated},
              {"unchanged", total.unchanged},
              {"deleted", total.deleted},
              {"batch", batch}};
}

Measurement MeasureView360(Warehouse& wh, const std::string& docs_root, const Options& o,
                           int jobs) {
  Measurement m;
  m.method = "view360";
  m.jobs = jobs;
  auto conninfo = wh.FreshDatabase("bench_view360_j" + std::to_string(jobs));
  if (!conninfo.ok()) Die("database", conninfo.status());
  Say("view360 ingest, jobs " + std::to_string(jobs) + "...");
  const auto summary = Ingest(*conninfo, docs_root, nullptr, jobs, o.batch, &m, wh.postmaster());
  Record(summary, o.batch, &m);
  if (auto conn = Open(*conninfo); conn.ok()) {
    if (auto n = CountRows(*conn, "public"); n.ok()) m.table_rows = *n;
  }
  return m;
}

// The newest day of the corpus ("2025-09-20"): the daily run's documents.
std::string LastDay(const Corpus& corpus) {
  std::string last;
  for (const auto& key : corpus.keys) last = std::max(last, key.substr(key.rfind('/') + 1, 10));
  return last;
}

bool OfDay(const std::string& key, const std::string& day) {
  return key.compare(key.rfind('/') + 1, day.size(), day) == 0;
}

// A database holding every day but the last (loaded by view360, not timed).
std::string DatabaseBeforeLastDay(Warehouse& wh, const std::string& name,
                                  const std::string& docs_root, const Corpus& corpus,
                                  const Options& o) {
  auto conninfo = wh.FreshDatabase(name);
  if (!conninfo.ok()) Die("database", conninfo.status());
  const std::string last = LastDay(corpus);
  Ingest(
      *conninfo, docs_root, [&](const std::string& key) { return !OfDay(key, last); },
      *std::max_element(o.jobs.begin(), o.jobs.end()), o.batch, nullptr, 0);
  return *conninfo;
}

// The daily run in steady state: every account's previous days are in the warehouse, and one
// new document per folder arrives (batches span folders: --batch documents of as many folders).
Measurement MeasureDaily(Warehouse& wh, const std::string& docs_root, const Corpus& corpus,
                         const Options& o, int jobs) {
  Measurement m;
  m.method = "daily";
  m.jobs = jobs;
  Say("daily run (the last day after the others), jobs " + std::to_string(jobs) + "...");
  const std::string conninfo =
      DatabaseBeforeLastDay(wh, "bench_daily_j" + std::to_string(jobs), docs_root, corpus, o);
  const std::string last = LastDay(corpus);
  const auto summary = Ingest(
      conninfo, docs_root, [&](const std::string& key) { return OfDay(key, last); }, jobs, o.batch,
      &m, wh.postmaster());
  Record(summary, o.batch, &m);
  return m;
}

// ---- Where view360's time goes ---------------------------------------------------------------

// Batches of up to `batch` documents of one folder (how the receiver batched until batches
// spanned folders).
std::vector<std::vector<size_t>> FolderBatches(const Corpus& corpus,
                                               const std::function<bool(size_t)>& take, int batch) {
  std::vector<std::vector<size_t>> batches;
  for (const auto& group : corpus.groups) {
    std::vector<size_t> current;
    for (size_t i : group) {
      if (!take(i)) continue;
      current.push_back(i);
      if (current.size() == static_cast<size_t>(batch)) batches.push_back(std::move(current));
      if (current.size() == static_cast<size_t>(batch)) current.clear();
    }
    if (!current.empty()) batches.push_back(std::move(current));
  }
  return batches;
}

// Batches of up to `batch` documents in key order, across folders.
std::vector<std::vector<size_t>> SpanningBatches(const Corpus& corpus,
                                                 const std::function<bool(size_t)>& take,
                                                 int batch) {
  std::vector<std::vector<size_t>> batches(1);
  for (size_t i = 0; i < corpus.keys.size(); ++i) {
    if (!take(i)) continue;
    if (batches.back().size() == static_cast<size_t>(batch)) batches.emplace_back();
    batches.back().push_back(i);
  }
  if (batches.back().empty()) batches.pop_back();
  return batches;
}

// The loader's steps for each batch, on one connection, timed one by one: read + extract, the
// COPY into the staging table, each statement of the upsert script (by table), COMMIT. The
// ledger statements and the moves are not in it: RunIngest at jobs 1 minus this is their cost.
// analyze_stage: ANALYZE the staging table's filter and join columns after the COPY (an
// experiment: the loader does not).
Measurement MeasureBreakdown(const std::string& method, const std::string& conninfo,
                             const std::string& docs_root, const Corpus& corpus,
                             const std::vector<std::vector<size_t>>& batch_list, bool analyze_stage,
                             pid_t postmaster) {
  Measurement m;
  m.method = method;
  auto conn = Open(conninfo);
  if (!conn.ok()) Die("connect", conn.status());
  if (Status s = conn->Execute(ingest::StageTablesSql()); !s.ok()) Die("stage tables", s);
  auto catalog = ingest::Catalog::Load(*conn);
  if (!catalog.ok()) Die("catalog", catalog.status());
  const ingest::UpsertScript script(*catalog);
  const auto& tables = ingest::Tables();
  double extract = 0, copy = 0, analyze = 0, commit = 0, begin = 0;
  std::map<std::string, double> by_statement;
  Say(method + ": " + std::to_string(batch_list.size()) + " batches, one connection...");
  Meter meter(&m, postmaster);
  for (const auto& batch : batch_list) {
    auto t0 = std::chrono::steady_clock::now();
    std::string rows;
    std::vector<bool> present(tables.size(), false);
    for (size_t i : batch) {
      const std::string bytes = ReadFile(docs_root + "/" + corpus.keys[i]);
      ingest::ExtractOptions options;
      options.doc_number = static_cast<int64_t>(i);
      options.fallback_time = "2025-09-20T00:00:00Z";
      const auto staged = ingest::Extract(bytes, *catalog, options);
      if (!staged.ok()) {
        ++m.failed;
        continue;
      }
      ++m.documents;
      rows += staged.copy_rows;
      for (size_t t = 0; t < tables.size(); ++t) {
        present[t] = present[t] || staged.row_counts[t] > 0;
        m.rows += staged.row_counts[t];
      }
    }
    extract += Seconds(t0);
    t0 = std::chrono::steady_clock::now();
    if (Status s = conn->Execute("BEGIN"); !s.ok()) Die("begin", s);
    begin += Seconds(t0);
    t0 = std::chrono::steady_clock::now();
    if (Status s = conn->CopyIn(ingest::StageCopySql(), rows); !s.ok()) Die("copy", s);
    copy += Seconds(t0);
    if (analyze_stage) {
      t0 = std::chrono::steady_clock::now();
      if (Status s = conn->Execute("ANALYZE ingest_stage (t, doc, parent)"); !s.ok()) {
        Die("analyze", s);
      }
      analyze += Seconds(t0);
    }
    std::vector<int> statement_tables;
    const std::string sql = script.ForBatch(present, &statement_tables);
    size_t n = 0, from = 0;
    while (from < sql.size()) {
      size_t to = sql.find(";\n", from);
      if (to == std::string::npos) to = sql.size();
      const std::string statement = sql.substr(from, to - from);
      from = to + 2;
      if (statement.find_first_not_of(" \n") == std::string::npos) continue;
      const int t = n < statement_tables.size() ? statement_tables[n] : -1;
      ++n;
      t0 = std::chrono::steady_clock::now();
      if (Status s = conn->Execute(statement); !s.ok()) Die("statement", s);
      by_statement[t >= 0 ? std::string(tables[t].table) : "(locks, ingest_docs)"] += Seconds(t0);
    }
    t0 = std::chrono::steady_clock::now();
    if (Status s = conn->Execute("COMMIT"); !s.ok()) Die("commit", s);
    commit += Seconds(t0);
  }
  meter.Stop();
  double upsert = 0;
  std::vector<std::pair<double, std::string>> sorted;
  for (const auto& [name, seconds] : by_statement) {
    upsert += seconds;
    sorted.emplace_back(seconds, name);
  }
  std::sort(sorted.rbegin(), sorted.rend());
  nlohmann::json statements = nlohmann::json::array();
  for (const auto& [seconds, name] : sorted) {
    statements.push_back({{"table", name}, {"s", seconds}});
  }
  m.extra = {
      {"batches", batch_list.size()}, {"read_extract_s", extract},  {"begin_s", begin},
      {"copy_stage_s", copy},         {"analyze_stage_s", analyze}, {"upsert_script_s", upsert},
      {"commit_s", commit},           {"by_statement", statements}};
  return m;
}

// ---- Staged rows, split by table ----------------------------------------------------------------

// One staged row, unescaped: parent key and the spec's column values.
struct StagedRow {
  SqlValue parent;
  std::vector<SqlValue> values;
};

SqlValue UnescapeCopy(std::string_view field) {
  if (field == "\\N") return std::nullopt;
  std::string out;
  out.reserve(field.size());
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out += field[i];
      continue;
    }
    const char c = field[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

// The fields of one COPY text line (escaped).
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

template <typename F>
void ForEachLine(const std::string& copy_rows, F f) {
  std::string_view rest(copy_rows);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    f(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

// Staged rows per table (indexed like Tables()), in document order.
std::vector<std::vector<StagedRow>> SplitRows(const ingest::StagedDocument& staged) {
  const auto& tables = ingest::Tables();
  std::vector<std::vector<StagedRow>> out(tables.size());
  ForEachLine(staged.copy_rows, [&](std::string_view line) {
    const auto fields = Fields(line);
    const int t = std::stoi(std::string(fields[1]));
    StagedRow row;
    row.parent = UnescapeCopy(fields[3]);
    for (size_t c = 0; c < tables[t].columns.size(); ++c) {
      row.values.push_back(UnescapeCopy(fields[4 + c]));
    }
    out[t].push_back(std::move(row));
  });
  return out;
}

// ---- (a) the original receiver's method ---------------------------------------------------------

class OriginalReceiver {
 public:
  OriginalReceiver(Connection conn, ingest::Catalog catalog)
      : conn_(std::move(conn)), catalog_(std::move(catalog)) {}

  int64_t created = 0, updated = 0, skipped = 0, statements = 0;

  // One document, row by row, each statement autocommitted.
  Status Load(const ingest::StagedDocument& staged) {
    const auto& tables = ingest::Tables();
    const auto rows = SplitRows(staged);
    acct_.reset();
    cost_report_.reset();
    config_report_.reset();
    log_.reset();
    security_.clear();
    instances_.clear();
    product_ids_.clear();
    for (size_t t = 0; t < tables.size(); ++t) {
      const auto& spec = tables[t];
      if (rows[t].empty() && spec.table != "product_accounts") continue;
      if (spec.table == "accounts") {
        for (const auto& row : rows[t]) {
          VIEW360_RETURN_IF_ERROR(Upsert(spec, {}, row.values));
          const auto id = Lookup("SELECT id FROM accounts WHERE account_id = $1 AND region = $2",
                                 {Value(spec, row, "account_id"), Value(spec, row, "region")});
          if (id) acct_ = id;
        }
        continue;
      }
      if (!acct_) return OkStatus();  // The original writes nothing without a current account.
      if (spec.table == "products") {
        VIEW360_RETURN_IF_ERROR(LoadProducts(rows[t]));
        continue;
      }
      if (spec.table == "product_accounts") {
        VIEW360_RETURN_IF_ERROR(LoadProductLinks(spec));
        continue;
      }
      for (const auto& row : rows[t]) {
        std::vector<std::pair<std::string, SqlValue>> parents;
        switch (spec.parent) {
          case ingest::Parent::kAccount:
            parents = {{"account_id", acct_}};
            break;
          case ingest::Parent::kCostReport:
            if (!cost_report_) continue;
            parents = {{"cost_report_id", cost_report_}};
            break;
          case ingest::Parent::kConfigReport:
            if (!config_report_) continue;
            parents = {{"config_report_id", config_report_}};
            break;
          case ingest::Parent::kSecurity: {
            auto it = security_.find(row.parent.value_or(""));
            if (it == security_.end() || !it->second) continue;
            parents = {{"security_id", it->second}};
            break;
          }
          case ingest::Parent::kInstance: {
            const std::string instance = row.parent.value_or("");
            auto it = instances_.find(instance);
            if (it == instances_.end()) {
              it = instances_
                       .emplace(instance, Lookup("SELECT id FROM inventory_instances WHERE "
                                                 "instance_id = $1",
                                                 {row.parent}))
                       .first;
            }
            parents = {{"account_id", acct_}, {"instance_id", it->second}};
            break;
          }
          case ingest::Parent::kLog:
            if (!log_) continue;
            parents = {{"log_id", log_}};
            break;
          default:
            break;
        }
        VIEW360_RETURN_IF_ERROR(Upsert(spec, parents, row.values));
        // Parents' ids, as the original looks them up after each parent upsert.
        if (spec.table == "cost_reports") {
          cost_report_ = Lookup(
              "SELECT id FROM cost_reports WHERE account_id = $1 AND period_start = $2::date",
              {acct_, Value(spec, row, "period_start")});
        } else if (spec.table == "config_reports") {
          config_report_ =
              Lookup("SELECT id FROM config_reports WHERE account_id = $1 AND date_from = $2::date",
                     {acct_, Value(spec, row, "date_from")});
        } else if (spec.table == "security") {
          const SqlValue service = Value(spec, row, "service");
          security_[service.value_or("")] = Lookup(
              "SELECT id FROM security WHERE account_id = $1 AND service = $2", {acct_, service});
        } else if (spec.table == "logs") {
          log_ =
              Lookup("SELECT id FROM logs WHERE account_id = $1 ORDER BY date_created DESC LIMIT 1",
                     {acct_});
        }
      }
    }
    return OkStatus();
  }

 private:
  static SqlValue Value(const ingest::TableSpec& spec, const StagedRow& row,
                        std::string_view column) {
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (spec.columns[c].column == column) return row.values[c];
    }
    return std::nullopt;
  }

  std::string Cast(const std::string& table, const std::string& column) const {
    const ingest::ColumnType* type = catalog_.Find(table, column);
    return type ? "::" + type->sql_type : "";
  }

  // The first column of the first row, or nullopt (also on an error, which is counted).
  SqlValue Lookup(const std::string& sql, const std::vector<SqlValue>& params) {
    ++statements;
    auto result = conn_.Query(sql, params);
    if (!result.ok()) {
      ++skipped;
      return std::nullopt;
    }
    if (result->rows.empty()) return std::nullopt;
    return result->rows[0][0];
  }

  // §f.5: SELECT id WHERE key; UPDATE every column WHERE key, or INSERT. An SQL error skips
  // the row, as the original. Only a lost connection stops the load.
  Status Upsert(const ingest::TableSpec& spec,
                const std::vector<std::pair<std::string, SqlValue>>& parents,
                const std::vector<SqlValue>& values) {
    std::vector<std::string> columns;
    std::vector<SqlValue> params;
    for (const auto& [column, value] : parents) {
      columns.push_back(column);
      params.push_back(value);
    }
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      columns.emplace_back(spec.columns[c].column);
      params.push_back(values[c]);
    }
    return Upsert(std::string(spec.table), columns, params, spec.key);
  }

  Status Upsert(const std::string& table, const std::vector<std::string>& columns,
                const std::vector<SqlValue>& params, const std::vector<std::string_view>& keys) {
    auto placeholder = [&](size_t number, size_t column) {
      return "$" + std::to_string(number) + Cast(table, columns[column]);
    };
    // The WHERE clause twice: numbered for the SELECT's own parameters (the key values only)
    // and for the UPDATE's (all of them).
    std::string select_where, update_where;
    std::vector<SqlValue> key_params;
    for (auto key : keys) {
      const auto it = std::find(columns.begin(), columns.end(), std::string(key));
      if (it == columns.end()) continue;
      const size_t column = static_cast<size_t>(it - columns.begin());
      key_params.push_back(params[column]);
      const std::string and_ = select_where.empty() ? "" : " AND ";
      select_where += and_ + std::string(key) + " = " + placeholder(key_params.size(), column);
      update_where += and_ + std::string(key) + " = " + placeholder(column + 1, column);
    }
    ++statements;
    auto found = conn_.Query("SELECT id FROM " + table + " WHERE " + select_where, key_params);
    if (!found.ok()) return Refused(found.status());
    std::string sql;
    if (!found->rows.empty()) {
      std::string sets;
      for (size_t i = 0; i < columns.size(); ++i) {
        sets += (i ? ", " : "") + columns[i] + " = " + placeholder(i + 1, i);
      }
      sql = "UPDATE " + table + " SET " + sets + " WHERE " + update_where;
    } else {
      std::string names, placeholders;
      for (size_t i = 0; i < columns.size(); ++i) {
        names += (i ? ", " : "") + columns[i];
        placeholders += (i ? ", " : "") + placeholder(i + 1, i);
      }
      sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + placeholders + ")";
    }
    ++statements;
    auto done = conn_.Query(sql, params);
    if (!done.ok()) return Refused(done.status());
    ++(found->rows.empty() ? created : updated);
    return OkStatus();
  }

  Status Refused(const Status& status) {
    if (!conn_.healthy()) return status;
    if (skipped++ < 5) Say("baseline: row skipped: " + status.message());
    return OkStatus();
  }

  // §f.7.1: by lower(name); the incoming spelling wins.
  Status LoadProducts(const std::vector<StagedRow>& rows) {
    for (const auto& row : rows) {
      const SqlValue name = row.values[0];
      SqlValue id = Lookup("SELECT id FROM products WHERE lower(name) = lower($1)", {name});
      ++statements;
      if (id) {
        auto s = conn_.Query("UPDATE products SET name = $1, owner = 'System' WHERE id = $2::int",
                             {name, id});
        if (!s.ok()) VIEW360_RETURN_IF_ERROR(Refused(s.status()));
        ++updated;
      } else {
        auto s = conn_.Query("INSERT INTO products (name, owner) VALUES ($1, 'System')", {name});
        if (!s.ok()) VIEW360_RETURN_IF_ERROR(Refused(s.status()));
        ++created;
        id = Lookup("SELECT id FROM products WHERE lower(name) = lower($1)", {name});
      }
      if (id) product_ids_.push_back(*id);
    }
    return OkStatus();
  }

  Status LoadProductLinks(const ingest::TableSpec& spec) {
    for (const auto& id : product_ids_) {
      VIEW360_RETURN_IF_ERROR(
          Upsert(std::string(spec.table), {"product_id", "account_id"}, {id, acct_}, spec.key));
    }
    if (product_ids_.empty()) return OkStatus();
    std::string list;
    for (const auto& id : product_ids_) list += (list.empty() ? "" : ",") + id;
    ++statements;
    auto s = conn_.Query(
        "DELETE FROM product_accounts WHERE account_id = $1::int AND product_id <> ALL($2::int[])",
        {acct_, "{" + list + "}"});
    if (!s.ok()) return Refused(s.status());
    return OkStatus();
  }

  Connection conn_;
  ingest::Catalog catalog_;
  SqlValue acct_, cost_report_, config_report_, log_;
  std::map<std::string, SqlValue> security_, instances_;
  std::vector<std::string> product_ids_;
};

Measurement MeasureBaseline(Warehouse& wh, const std::string& docs_root, const Corpus& corpus,
                            const Options& o) {
  Measurement m;
  m.method = "baseline";
  auto conninfo = wh.FreshDatabase("bench_baseline");
  if (!conninfo.ok()) Die("database", conninfo.status());
  auto conn = Open(*conninfo);
  if (!conn.ok()) Die("connect", conn.status());
  auto catalog = ingest::Catalog::Load(*conn);
  if (!catalog.ok()) Die("catalog", catalog.status());
  const ingest::Catalog extract_catalog = *catalog;
  OriginalReceiver receiver(std::move(*conn), std::move(*catalog));
  const size_t limit = o.baseline_docs > 0
                           ? std::min(corpus.keys.size(), static_cast<size_t>(o.baseline_docs))
                           : corpus.keys.size();
  Say("baseline (the original's per-row method), up to " + std::to_string(limit) +
      " documents or " + std::to_string(static_cast<int>(o.baseline_budget)) + " s...");
  double extract_seconds = 0;
  Meter meter(&m, wh.postmaster());
  const auto started = std::chrono::steady_clock::now();
  for (size_t i = 0; i < limit; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string bytes = ReadFile(docs_root + "/" + corpus.keys[i]);
    ingest::ExtractOptions options;
    options.doc_number = static_cast<int64_t>(i);
    options.fallback_time = "2025-09-20T00:00:00Z";
    const ingest::StagedDocument staged = ingest::Extract(bytes, extract_catalog, options);
    extract_seconds += Seconds(t0);
    if (!staged.ok()) {
      ++m.failed;
      continue;
    }
    if (Status s = receiver.Load(staged); !s.ok()) Die("baseline", s);
    ++m.documents;
    for (int n : staged.row_counts) m.rows += n;
    if ((i + 1) % 50 == 0) {
      Say("  baseline: " + std::to_string(i + 1) + " documents, " +
          std::to_string(static_cast<int>(m.rows / Seconds(started))) + " rows/s");
    }
    if (Seconds(started) > o.baseline_budget) break;
  }
  meter.Stop();
  m.extra = {{"created", receiver.created},
             {"updated", receiver.updated},
             {"skipped", receiver.skipped},
             {"statements", receiver.statements},
             {"read_extract_s", extract_seconds},
             {"prefix", m.documents < static_cast<int64_t>(corpus.keys.size())}};
  if (auto c = Open(*conninfo); c.ok()) {
    if (auto n = CountRows(*c, "public"); n.ok()) m.table_rows = *n;
  }
  return m;
}

// ---- (b) plain COPY into unindexed tables -------------------------------------------------------

// The columns a table's COPY fills: the parent's foreign keys, then the spec's columns.
std::vector<std::string> CopyColumns(const ingest::TableSpec& spec) {
  std::vector<std::string> columns;
  using ingest::Parent;
  if (spec.table == "products") return {"name"};
  if (spec.table == "product_accounts") return {"product_id", "account_id"};
  switch (spec.parent) {
    case Parent::kAccount:
      columns.push_back("account_id");
      break;
    case Parent::kCostReport:
      columns.push_back("cost_report_id");
      break;
    case Parent::kConfigReport:
      columns.push_back("config_report_id");
      break;
    case Parent::kSecurity:
      columns.push_back("security_id");
      break;
    case Parent::kInstance:
      columns.push_back("account_id");
      columns.push_back("instance_id");
      break;
    case Parent::kLog:
      columns.push_back("log_id");
      break;
    default:
      break;
  }
  for (const auto& c : spec.columns) columns.emplace_back(c.column);
  return columns;
}

// COPY text per table for a document: the staged values, foreign keys as the account's number
// (account_id) or NULL (parents' ids: resolving them is what a plain COPY does not do).
void AppendCopyRows(const ingest::StagedDocument& staged, const std::string& account_number,
                    std::vector<std::string>* per_table) {
  const auto& tables = ingest::Tables();
  ForEachLine(staged.copy_rows, [&](std::string_view line) {
    const auto fields = Fields(line);
    const int t = std::stoi(std::string(fields[1]));
    const auto& spec = tables[t];
    std::string& out = (*per_table)[t];
    if (spec.table == "product_accounts") {
      out += "\\N\t" + account_number + "\n";
      return;
    }
    if (spec.table != "products") {
      switch (spec.parent) {
        case ingest::Parent::kAccount:
          out += account_number + "\t";
          break;
        case ingest::Parent::kInstance:
          out += account_number + "\t\\N\t";
          break;
        case ingest::Parent::kNone:
          break;
        default:
          out += "\\N\t";
      }
    }
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      out += fields[4 + c];
      out += c + 1 < spec.columns.size() ? '\t' : '\n';
    }
  });
}

Status CreateCopyTables(Connection& conn) {
  std::string sql = "CREATE SCHEMA bench_copy;\n";
  for (const auto& spec : ingest::Tables()) {
    const std::string t(spec.table);
    sql += "CREATE TABLE bench_copy." + t + " (LIKE public." + t + " INCLUDING DEFAULTS);\n";
  }
  VIEW360_RETURN_IF_ERROR(conn.Execute(sql));
  VIEW360_ASSIGN_OR_RETURN(auto not_null,
                           conn.Query("SELECT table_name, column_name FROM "
                                      "information_schema.columns WHERE table_schema = "
                                      "'bench_copy' AND is_nullable = 'NO'"));
  sql.clear();
  for (const auto& row : not_null.rows) {
    sql += "ALTER TABLE bench_copy." + *row[0] + " ALTER COLUMN " + *row[1] + " DROP NOT NULL;\n";
  }
  return sql.empty() ? OkStatus() : conn.Execute(sql);
}

// The COPY statements, per table.
std::vector<std::string> CopyStatements() {
  std::vector<std::string> out;
  for (const auto& spec : ingest::Tables()) {
    std::string list;
    for (const auto& c : CopyColumns(spec)) list += (list.empty() ? "" : ", ") + c;
    out.push_back("COPY bench_copy." + std::string(spec.table) + " (" + list + ") FROM STDIN");
  }
  return out;
}

// One transaction: one COPY per table that has rows.
Status CopyBatch(Connection& conn, const std::vector<std::string>& statements,
                 const std::vector<std::string>& per_table) {
  VIEW360_RETURN_IF_ERROR(conn.Execute("BEGIN"));
  for (size_t t = 0; t < per_table.size(); ++t) {
    if (!per_table[t].empty()) VIEW360_RETURN_IF_ERROR(conn.CopyIn(statements[t], per_table[t]));
  }
  return conn.Execute("COMMIT");
}

// Batches of o.batch documents per folder, workers taking whole folders (as the receiver).
// with_extract: each worker reads, parses and extracts its documents (timed); else the COPY
// text is built before the clock starts.
Measurement MeasureCopy(Warehouse& wh, const std::string& docs_root, const Corpus& corpus,
                        const Options& o, int jobs, bool with_extract) {
  Measurement m;
  m.method = with_extract ? "copy+extract" : "copy";
  m.jobs = jobs;
  const std::string db = with_extract ? "bench_copy_extract" : "bench_copy_only";
  auto conninfo = wh.FreshDatabase(db + "_j" + std::to_string(jobs));
  if (!conninfo.ok()) Die("database", conninfo.status());
  auto admin = Open(*conninfo);
  if (!admin.ok()) Die("connect", admin.status());
  if (Status s = CreateCopyTables(*admin); !s.ok()) Die("copy tables", s);
  auto catalog = ingest::Catalog::Load(*admin);
  if (!catalog.ok()) Die("catalog", catalog.status());
  const auto statements = CopyStatements();
  const size_t tables = ingest::Tables().size();
  std::map<std::string, std::string> account_numbers;
  for (const auto& key : corpus.keys) {
    const std::string account = key.substr(5, key.find('/', 5) - 5);
    account_numbers.emplace(account, std::to_string(account_numbers.size() + 1));
  }

  auto stage = [&](size_t i, std::vector<std::string>* per_table, int64_t* rows) -> bool {
    const std::string& key = corpus.keys[i];
    const std::string bytes = ReadFile(docs_root + "/" + key);
    ingest::ExtractOptions options;
    options.doc_number = static_cast<int64_t>(i);
    options.fallback_time = "2025-09-20T00:00:00Z";
    const auto staged = ingest::Extract(bytes, *catalog, options);
    if (!staged.ok()) return false;
    for (int n : staged.row_counts) *rows += n;
    AppendCopyRows(staged, account_numbers.at(key.substr(5, key.find('/', 5) - 5)), per_table);
    return true;
  };
  // Batches in folder order.
  std::vector<std::vector<size_t>> batches;
  std::vector<size_t> batch_group;
  for (size_t g = 0; g < corpus.groups.size(); ++g) {
    const auto& group = corpus.groups[g];
    for (size_t start = 0; start < group.size(); start += static_cast<size_t>(o.batch)) {
      batches.emplace_back(
          group.begin() + static_cast<long>(start),
          group.begin() +
              static_cast<long>(std::min(group.size(), start + static_cast<size_t>(o.batch))));
      batch_group.push_back(g);
    }
  }
  std::vector<std::vector<std::string>> prepared;
  std::vector<int64_t> prepared_rows(batches.size(), 0);
  if (!with_extract) {
    prepared.assign(batches.size(), std::vector<std::string>(tables));
    for (size_t b = 0; b < batches.size(); ++b) {
      for (size_t i : batches[b]) {
        if (!stage(i, &prepared[b], &prepared_rows[b])) ++m.failed;
      }
    }
  }
  Say(m.method + ", jobs " + std::to_string(jobs) + "...");
  std::atomic<size_t> next_group{0};
  std::mutex mu;
  std::vector<Status> errors(static_cast<size_t>(jobs));
  double extract_seconds = 0;
  Meter meter(&m, wh.postmaster());
  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&, w] {
      auto conn = Open(*conninfo);
      if (!conn.ok()) {
        errors[w] = conn.status();
        return;
      }
      double extract = 0;
      int64_t docs = 0, rows = 0, failed = 0;
      for (size_t g; (g = next_group++) < corpus.groups.size();) {
        for (size_t b = 0; b < batches.size(); ++b) {
          if (batch_group[b] != g) continue;
          if (with_extract) {
            std::vector<std::string> per_table(tables);
            const auto t0 = std::chrono::steady_clock::now();
            for (size_t i : batches[b]) {
              if (stage(i, &per_table, &rows)) {
                ++docs;
              } else {
                ++failed;
              }
            }
            extract += Seconds(t0);
            errors[w] = CopyBatch(*conn, statements, per_table);
          } else {
            docs += static_cast<int64_t>(batches[b].size());
            rows += prepared_rows[b];
            errors[w] = CopyBatch(*conn, statements, prepared[b]);
          }
          if (!errors[w].ok()) return;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      m.documents += docs;
      m.rows += rows;
      m.failed += failed;
      extract_seconds += extract;
    });
  }
  for (auto& worker : workers) worker.join();
  meter.Stop();
  for (const auto& e : errors) {
    if (!e.ok()) Die(m.method, e);
  }
  if (with_extract) m.extra["read_extract_thread_s"] = extract_seconds;
  if (auto n = CountRows(*admin, "bench_copy"); n.ok()) m.table_rows = *n;
  return m;
}

// ---- Extraction alone ---------------------------------------------------------------------------

// Read + parse + extract every document on one thread: the part of every method that is not
// the database.
Measurement MeasureExtract(Warehouse& wh, const std::string& docs_root, const Corpus& corpus) {
  Measurement m;
  m.method = "extract-only";
  auto conninfo = wh.FreshDatabase("bench_extract");
  if (!conninfo.ok()) Die("database", conninfo.status());
  auto conn = Open(*conninfo);
  if (!conn.ok()) Die("connect", conn.status());
  auto catalog = ingest::Catalog::Load(*conn);
  if (!catalog.ok()) Die("catalog", catalog.status());
  int64_t copy_bytes = 0;
  Meter meter(&m, wh.postmaster());
  for (size_t i = 0; i < corpus.keys.size(); ++i) {
    const std::string bytes = ReadFile(docs_root + "/" + corpus.keys[i]);
    ingest::ExtractOptions options;
    options.doc_number = static_cast<int64_t>(i);
    options.fallback_time = "2025-09-20T00:00:00Z";
    const auto staged = ingest::Extract(bytes, *catalog, options);
    if (!staged.ok()) {
      ++m.failed;
      continue;
    }
    ++m.documents;
    for (int n : staged.row_counts) m.rows += n;
    copy_bytes += static_cast<int64_t>(staged.copy_rows.size());
  }
  meter.Stop();
  m.extra["staged_copy_bytes"] = copy_bytes;
  return m;
}

// ---- Main ---------------------------------------------------------------------------------------

std::string Fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  std::string docs_root = o.docs;
  bool remove_docs = false;
  if (docs_root.empty()) {
    char pattern[] = "/tmp/ingest-bench-docs-XXXXXX";
    docs_root = mkdtemp(pattern);
    remove_docs = true;
  }
  fs::create_directories(docs_root);
  // First, while this process has no thread: the simulator is forked from here.
  if (Status s = PrepareDocuments(o, docs_root); !s.ok()) Die("documents", s);
  const Corpus corpus = ListCorpus(docs_root);

  char pattern[] = "/tmp/ingest-bench-pg-XXXXXX";
  const std::string pg_root = mkdtemp(pattern);
  chmod(pg_root.c_str(), 0755);  // The cluster may run as the view360 user.
  Warehouse wh(pg_root, o.durable, o.auto_explain_ms);
  if (Status s = wh.Start(); !s.ok()) Die("cluster", s);

  std::vector<Measurement> results;
  results.push_back(MeasureExtract(wh, docs_root, corpus));
  if (o.methods.count("copy")) {
    results.push_back(MeasureCopy(wh, docs_root, corpus, o, o.copy_jobs, /*with_extract=*/false));
    results.push_back(MeasureCopy(wh, docs_root, corpus, o, o.copy_jobs, /*with_extract=*/true));
    if (o.copy_jobs != 1) {
      results.push_back(MeasureCopy(wh, docs_root, corpus, o, 1, /*with_extract=*/false));
    }
  }
  if (o.methods.count("view360")) {
    for (int jobs : o.jobs) results.push_back(MeasureView360(wh, docs_root, o, jobs));
  }
  auto all = [](size_t) { return true; };
  for (bool analyze : {false, true}) {
    const std::string method = analyze ? "breakdown-analyze" : "breakdown";
    if (!o.methods.count(method)) continue;
    auto conninfo = wh.FreshDatabase("bench_" + std::string(analyze ? "analyze" : "breakdown"));
    if (!conninfo.ok()) Die("database", conninfo.status());
    results.push_back(MeasureBreakdown(method, *conninfo, docs_root, corpus,
                                       FolderBatches(corpus, all, o.batch), analyze,
                                       wh.postmaster()));
  }
  if (o.methods.count("breakdown-span")) {
    auto conninfo = wh.FreshDatabase("bench_breakdown_span");
    if (!conninfo.ok()) Die("database", conninfo.status());
    results.push_back(MeasureBreakdown("breakdown-span", *conninfo, docs_root, corpus,
                                       SpanningBatches(corpus, all, o.batch), false,
                                       wh.postmaster()));
  }
  if (o.methods.count("daily")) {
    for (int jobs : o.jobs) results.push_back(MeasureDaily(wh, docs_root, corpus, o, jobs));
  }
  // The daily run's batches one folder each (one document each) and spanning folders (o.batch
  // documents of several folders, as the receiver makes them).
  const std::string last = LastDay(corpus);
  auto last_day = [&](size_t i) { return OfDay(corpus.keys[i], last); };
  for (const std::string method : {"daily-breakdown", "daily-span"}) {
    if (!o.methods.count(method)) continue;
    const std::string conninfo = DatabaseBeforeLastDay(
        wh, method == "daily-span" ? "bench_daily_span" : "bench_daily_breakdown", docs_root,
        corpus, o);
    results.push_back(MeasureBreakdown(method, conninfo, docs_root, corpus,
                                       method == "daily-span"
                                           ? SpanningBatches(corpus, last_day, o.batch)
                                           : FolderBatches(corpus, last_day, o.batch),
                                       false, wh.postmaster()));
  }
  if (o.methods.count("baseline")) results.push_back(MeasureBaseline(wh, docs_root, corpus, o));
  std::error_code ec;
  if (o.keep) {
    Say("the cluster keeps running: " + wh.ConnInfoFor("postgres"));
  } else {
    wh.Stop();
    fs::remove_all(pg_root, ec);
  }
  if (remove_docs) fs::remove_all(docs_root, ec);

  // Ratios: the best view360 against the baseline and the best COPY (rows/s).
  auto best = [&](const std::string& method) -> const Measurement* {
    const Measurement* found = nullptr;
    for (const auto& r : results) {
      if (r.method == method && (!found || r.rows_per_s() > found->rows_per_s())) found = &r;
    }
    return found;
  };
  const Measurement* view360 = best("view360");
  const Measurement* baseline = best("baseline");
  const Measurement* copy = best("copy");
  const Measurement* copy_extract = best("copy+extract");
  nlohmann::json out = {{"documents", corpus.keys.size()},
                        {"document_bytes", corpus.bytes},
                        {"accounts", o.accounts},
                        {"days", o.days},
                        {"durable", o.durable},
                        {"results", nlohmann::json::array()}};
  // Per result: its rows/s over the baseline's, and the best plain COPY's over its.
  std::printf("%-17s %4s %5s %7s %7s %7s %8s %8s %8s %5s %9s %8s\n", "method", "jobs", "docs",
              "rows", "seconds", "docs/s", "rows/s", "cpu(cli)", "cpu(pg)", "load", "/baseline",
              "copy/it");
  for (const auto& r : results) {
    out["results"].push_back(r.ToJson());
    const double over_baseline =
        baseline && baseline->rows_per_s() > 0 ? r.rows_per_s() / baseline->rows_per_s() : 0;
    const double copy_over = copy && r.rows_per_s() > 0 ? copy->rows_per_s() / r.rows_per_s() : 0;
    std::printf("%-17s %4d %5lld %7lld %7.1f %7.1f %8.0f %8.1f %8.1f %5.1f %9.1f %8.2f\n",
                r.method.c_str(), r.jobs, static_cast<long long>(r.documents),
                static_cast<long long>(r.rows), r.seconds, r.docs_per_s(), r.rows_per_s(),
                r.client_cpu, r.server_cpu, r.load_before, over_baseline, copy_over);
  }
  if (view360 && baseline && baseline->rows_per_s() > 0) {
    out["view360_over_baseline"] = view360->rows_per_s() / baseline->rows_per_s();
    std::printf("view360 (jobs %d) / baseline, rows/s: %sx (goal >= 50x)\n", view360->jobs,
                Fixed(view360->rows_per_s() / baseline->rows_per_s(), 1).c_str());
  }
  if (view360 && baseline && view360->rows > 0 && baseline->rows > 0) {
    // CPU (this process and the server) per row: what contention on a shared machine disturbs
    // least.
    const double per_row = (view360->client_cpu + view360->server_cpu) / view360->rows;
    const double baseline_per_row = (baseline->client_cpu + baseline->server_cpu) / baseline->rows;
    out["baseline_cpu_over_view360"] = baseline_per_row / per_row;
    std::printf("baseline / view360 (jobs %d), CPU per row: %sx\n", view360->jobs,
                Fixed(baseline_per_row / per_row, 1).c_str());
  }
  if (view360 && copy && view360->rows_per_s() > 0) {
    out["copy_over_view360"] = copy->rows_per_s() / view360->rows_per_s();
    std::printf("copy (jobs %d) / view360, rows/s: %sx (goal <= 3x)\n", copy->jobs,
                Fixed(copy->rows_per_s() / view360->rows_per_s(), 2).c_str());
  }
  if (view360 && copy_extract && view360->rows_per_s() > 0) {
    out["copy_extract_over_view360"] = copy_extract->rows_per_s() / view360->rows_per_s();
    std::printf("copy+extract (jobs %d) / view360, rows/s: %sx\n", copy_extract->jobs,
                Fixed(copy_extract->rows_per_s() / view360->rows_per_s(), 2).c_str());
  }
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace
}  // namespace view360

int main(int argc, char** argv) { return view360::Main(argc, argv); }
