// The simulator's throughput and memory. Throughput: requests per second `view360 sim` serves
// for four operations (SigV4 verified, throttling off), against, as the baseline measured in the
// same run, an HTTP server on the same library that answers the same request with the same
// bytes canned (no signature check, no parsing, no data generation). Both are driven by libcurl
// replaying one pre-signed request from two threads, so the client's cost is the same on both
// sides and the ratio is the simulator's own work per request. Memory: resident set growth
// while serving the same 4,000 requests spread over an organisation of 100 or 10,000 accounts;
// accounts are computed on demand, so the growth should not depend on the organisation's size.
// Results and the command: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>
#include <curl/curl.h>
#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "aws/protocol.h"
#include "aws/sigv4.h"
#include "sim/server.h"

namespace view360::sim {
namespace {

struct Case {
  const char* service;
  const char* operation;
  nlohmann::json params;
};

const std::vector<Case>& Cases() {
  static const auto* cases = new std::vector<Case>{
      {"sts", "GetCallerIdentity", nlohmann::json::object()},
      {"ec2", "DescribeInstances", nlohmann::json::object()},
      {"ce",
       "GetCostAndUsage",
       {{"TimePeriod", {{"Start", "2025-08-20"}, {"End", "2025-09-19"}}},
        {"Granularity", "DAILY"},
        {"Metrics", {"UnblendedCost"}},
        {"GroupBy", {{{"Type", "DIMENSION"}, {"Key", "SERVICE"}}}}}},
      {"securityhub",
       "GetFindings",
       {{"Filters", {{"RecordState", {{{"Value", "ACTIVE"}, {"Comparison", "EQUALS"}}}}}},
        {"MaxResults", 100}}},
  };
  return *cases;
}

Scenario BenchScenario(int accounts) {
  Scenario scenario;
  scenario.seed = 11;
  scenario.accounts = accounts;
  scenario.today = "2025-09-20";
  scenario.throttle = false;
  scenario.page_size = 100;
  return scenario;
}

// A request of `account` (root keys), signed now, as the simulator receives it.
aws::HttpRequest SignedRequest(const Simulator& simulator, const Case& c, const Account& account,
                               const std::string& endpoint) {
  auto model = aws::ServiceModel::Get(c.service);
  auto request = aws::SerializeRequest(**model, c.operation, c.params);
  request->endpoint = endpoint;
  aws::SetHeader(request->headers, "Host", endpoint.substr(endpoint.find("//") + 2));
  const auto credentials = simulator.authenticator().RootCredentials(account);
  (void)aws::SignRequest(
      *request, credentials,
      aws::SigningOptions::ForService((*model)->metadata().signing_name, "us-east-1"),
      aws::Clock::now());
  return *request;
}

struct Servers {
  Servers() : simulator(BenchScenario(100)), server(simulator, Options()) {
    (void)server.Start();
    // The canned server answers each case with exactly the simulator's bytes.
    for (size_t i = 0; i < Cases().size(); ++i) {
      auto answer = simulator.Handle(
          SignedRequest(simulator, Cases()[i], simulator.world().AccountAt(1), server.endpoint()));
      canned.push_back(answer.response.body);
    }
    canned_server.set_keep_alive_max_count(1000000);
    canned_server.set_tcp_nodelay(true);
    canned_server.Post(
        R"(/canned/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
          res.set_content(canned[std::stoul(req.matches[1])], "application/octet-stream");
        });
    canned_port = canned_server.bind_to_any_port("127.0.0.1");
    canned_thread = std::thread([this] { canned_server.listen_after_bind(); });
    while (!canned_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  static ServerOptions Options() {
    ServerOptions options;
    options.threads = 4;
    return options;
  }

  Simulator simulator;
  SimServer server;
  std::vector<std::string> canned;
  httplib::Server canned_server;
  int canned_port = 0;
  std::thread canned_thread;
};

Servers& Shared() {
  static Servers* servers = new Servers();
  return *servers;
}

size_t Collect(char* data, size_t size, size_t count, void* sink) {
  static_cast<std::string*>(sink)->append(data, size * count);
  return size * count;
}

// Replays `request` (to `url`) with libcurl on one kept-alive connection per thread.
void Replay(benchmark::State& state, const aws::HttpRequest& request, const std::string& url) {
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  std::string body;
  long status = 0;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  size_t bytes = 0;
  for (auto _ : state) {
    body.clear();
    if (curl_easy_perform(curl) != CURLE_OK) state.SkipWithError("curl failed");
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) state.SkipWithError(("HTTP " + std::to_string(status) + body).c_str());
    bytes += body.size();
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_Baseline_CannedAnswer(benchmark::State& state) {
  Servers& s = Shared();
  const size_t i = static_cast<size_t>(state.range(0));
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(s.canned_port);
  auto request = SignedRequest(s.simulator, Cases()[i], s.simulator.world().AccountAt(1), endpoint);
  state.SetLabel(std::string(Cases()[i].service) + ":" + Cases()[i].operation);
  Replay(state, request, endpoint + "/canned/" + std::to_string(i));
}

void BM_Simulator(benchmark::State& state) {
  Servers& s = Shared();
  const size_t i = static_cast<size_t>(state.range(0));
  auto request =
      SignedRequest(s.simulator, Cases()[i], s.simulator.world().AccountAt(1), s.server.endpoint());
  state.SetLabel(std::string(Cases()[i].service) + ":" + Cases()[i].operation);
  Replay(state, request, request.Url());
}

long ResidentKb() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE) / 1024;
}

// 4,000 requests (GetCallerIdentity and DescribeInstances in turn) from accounts spread over the
// whole organisation, through the request pipeline without sockets.
void BM_MemoryServing4000Requests(benchmark::State& state) {
  const int accounts = static_cast<int>(state.range(0));
  for (auto _ : state) {
    Simulator simulator(BenchScenario(accounts));
    const long before = ResidentKb();
    for (int n = 0; n < 4000; ++n) {
      const Account account = simulator.world().AccountAt(1 + (n * 7919) % accounts);
      auto answer =
          simulator.Handle(SignedRequest(simulator, Cases()[n % 2], account, "http://127.0.0.1:1"));
      if (answer.response.status != 200) state.SkipWithError(answer.response.body.c_str());
    }
    state.counters["rss_growth_kb"] = static_cast<double>(ResidentKb() - before);
    state.counters["rss_kb"] = static_cast<double>(ResidentKb());
  }
}

BENCHMARK(BM_Baseline_CannedAnswer)->DenseRange(0, 3)->Threads(2)->UseRealTime();
BENCHMARK(BM_Simulator)->DenseRange(0, 3)->Threads(2)->UseRealTime();
BENCHMARK(BM_MemoryServing4000Requests)
    ->Arg(100)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace view360::sim

BENCHMARK_MAIN();
