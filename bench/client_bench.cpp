// Calls per second through the whole AWS stack (serialise, sign, send, parse) against a local
// server, and, as the baseline measured in the same run, a raw libcurl loop that sends the same
// request bytes to the same server and reads the same answer on one reused connection. The
// ratio is the cost of our layer over the HTTP round trip itself; ratios are recorded in
// docs/PERFORMANCE.md with the command that reproduces them.
#include <benchmark/benchmark.h>
#include <curl/curl.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "aws/client.h"
#include "aws/credential_chain.h"
#include "aws/curl_transport.h"
#include "aws/protocol.h"
#include "aws/sigv4.h"

namespace view360::aws {
namespace {

// A realistic answer: EC2 DescribeInstances with 20 instances and their tags (about 40 KB).
std::string DescribeInstancesXml() {
  std::string xml =
      "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
      "<requestId>r-1</requestId><reservationSet><item><reservationId>r-0a</reservationId>"
      "<ownerId>111111111111</ownerId><instancesSet>";
  for (int i = 0; i < 20; ++i) {
    xml += "<item><instanceId>i-0" + std::to_string(1000000 + i) +
           "</instanceId><imageId>ami-12345678</imageId><instanceState><code>16</code>"
           "<name>running</name></instanceState><instanceType>m5.large</instanceType>"
           "<launchTime>2025-09-15T10:20:30.000Z</launchTime><placement><availabilityZone>"
           "eu-west-1a</availabilityZone><tenancy>default</tenancy></placement>"
           "<privateIpAddress>10.0.0." +
           std::to_string(i) +
           "</privateIpAddress><subnetId>subnet-1</subnetId><vpcId>vpc-1</vpcId>"
           "<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-" +
           std::to_string(i) +
           "</volumeId><status>attached</status><attachTime>2025-09-15T10:20:31.000Z"
           "</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item>"
           "</blockDeviceMapping><tagSet><item><key>Name</key><value>web-" +
           std::to_string(i) +
           "</value></item><item><key>Customer</key><value>Northwind</value></item>"
           "<item><key>Environment</key><value>prod</value></item></tagSet></item>";
  }
  return xml + "</instancesSet></item></reservationSet></DescribeInstancesResponse>";
}

class Server {
 public:
  Server() : body_(DescribeInstancesXml()) {
    server_.set_keep_alive_max_count(1000000);
    server_.set_tcp_nodelay(true);  // Else delayed ACKs add 40 ms to every answer.
    server_.Post("/", [this](const httplib::Request&, httplib::Response& res) {
      // A content type httplib does not compress: its brotli would dominate both sides.
      res.set_content(body_, "application/octet-stream");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Server() {
    server_.stop();
    thread_.join();
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string body_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

Server& SharedServer() {
  static Server* server = new Server();
  return *server;
}

const nlohmann::json kParams = {
    {"Filters", {{{"Name", "instance-state-name"}, {"Values", {"running", "stopped"}}}}},
    {"MaxResults", 100}};

size_t Discard(char*, size_t size, size_t count, void* sink) {
  static_cast<std::string*>(sink)->append(size * count, '\0');
  return size * count;
}

// The baseline: the same signed request bytes, sent by libcurl on one reused connection.
void BM_Baseline_RawCurl(benchmark::State& state) {
  Server& server = SharedServer();
  // Build the exact request once through our stack, then replay it with plain libcurl.
  auto model = ServiceModel::Get("ec2");
  auto request = SerializeRequest(**model, "DescribeInstances", kParams);
  request->endpoint = server.endpoint();
  (void)SignRequest(*request, Credentials{"AKIDEXAMPLE", "secret", "", std::nullopt, "bench"},
                    SigningOptions::ForService("ec2", "eu-west-1"), Clock::now());
  CURL* curl = curl_easy_init();
  std::string sink;
  const std::string url = server.endpoint() + "/";
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request->headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request->body.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  for (auto _ : state) {
    sink.clear();
    if (curl_easy_perform(curl) != CURLE_OK) state.SkipWithError("curl failed");
    benchmark::DoNotOptimize(sink.size());
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  state.SetItemsProcessed(state.iterations());
}

void BM_AwsClientDescribeInstances(benchmark::State& state) {
  Server& server = SharedServer();
  CurlTransport transport;
  StaticProvider credentials(Credentials{"AKIDEXAMPLE", "secret", "", std::nullopt, "bench"});
  AwsClient::Dependencies deps;
  deps.transport = &transport;
  deps.credentials = &credentials;
  AwsClient client(deps, ClientOptions{"eu-west-1", server.endpoint(), "", {}});
  for (auto _ : state) {
    auto output = client.Call("ec2", "DescribeInstances", kParams);
    if (!output.ok()) state.SkipWithError(output.status().ToString().c_str());
    benchmark::DoNotOptimize(output);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Baseline_RawCurl)->UseRealTime();
BENCHMARK(BM_AwsClientDescribeInstances)->UseRealTime();

}  // namespace
}  // namespace view360::aws

BENCHMARK_MAIN();
