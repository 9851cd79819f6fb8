// CurlTransport against real local servers: what reaches the wire, connection reuse, gzip,
// many calls in flight, and transport failures (refused, timed out, cut mid-body).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "aws/curl_transport.h"

namespace view360::aws {
namespace {

// A cpp-httplib server on 127.0.0.1 and a free port, stopped at the end of the test.
class LocalServer {
 public:
  LocalServer() {
    server_.set_keep_alive_max_count(1000);  // httplib closes after 5 requests by default.
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  httplib::Server& server() { return server_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST(CurlTransportTest, SendsTheRequestAsGivenAndReturnsTheResponse) {
  LocalServer local;
  httplib::Request seen;
  local.server().Post("/2015/findings", [&](const httplib::Request& req, httplib::Response& res) {
    seen = req;
    res.status = 201;
    res.set_header("x-amzn-RequestId", "r-1");
    res.set_content(R"({"ok":true})", "application/json");
  });
  CurlTransport transport;
  HttpRequest request;
  request.method = "POST";
  request.endpoint = local.endpoint();
  request.path = "/2015/findings";
  request.query = {{"b", "2 3"}, {"a", "x/y"}};
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "T.Op"}};
  request.body = R"({"MaxResults":100})";
  auto response = transport.Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, R"({"ok":true})");
  EXPECT_EQ(FindHeader(response->headers, "X-AMZN-REQUESTID"), "r-1");
  EXPECT_EQ(seen.get_param_value("b"), "2 3");
  EXPECT_EQ(seen.get_param_value("a"), "x/y");
  EXPECT_EQ(seen.body, request.body);
  EXPECT_EQ(seen.get_header_value("X-Amz-Target"), "T.Op");
  EXPECT_EQ(seen.get_header_value("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_FALSE(seen.has_header("Expect"));
}

TEST(CurlTransportTest, ABodyWithoutContentTypeGetsNoFormContentType) {
  LocalServer local;
  std::string content_type = "unset";
  local.server().Put("/bucket/key", [&](const httplib::Request& req, httplib::Response& res) {
    content_type = req.get_header_value("Content-Type");
    res.status = 200;
  });
  CurlTransport transport;
  HttpRequest request{"PUT", local.endpoint(), "/bucket/key", {}, {}, std::string(70000, 'x')};
  ASSERT_TRUE(transport.Send(request).ok());
  EXPECT_EQ(content_type, "");
}

TEST(CurlTransportTest, SequentialCallsReuseOneConnection) {
  LocalServer local;
  std::mutex mu;
  std::set<int> client_ports;
  local.server().Get("/", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    client_ports.insert(req.remote_port);
    res.set_content("ok", "text/plain");
  });
  CurlTransport transport;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(transport.Send(HttpRequest{"GET", local.endpoint(), "/", {}, {}, ""}).ok());
  }
  EXPECT_EQ(client_ports.size(), 1u);
}

TEST(CurlTransportTest, CompressedResponsesAreDecoded) {
  LocalServer local;
  const std::string big(200000, 'a');
  local.server().Get("/big", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(big, "application/json");  // httplib compresses what the client accepts.
  });
  CurlTransport transport;
  auto response = transport.Send(HttpRequest{"GET", local.endpoint(), "/big", {}, {}, ""});
  ASSERT_TRUE(response.ok());
  const auto encoding = FindHeader(response->headers, "Content-Encoding").value_or("none");
  EXPECT_TRUE(encoding == "gzip" || encoding == "br") << encoding;
  EXPECT_EQ(response->body, big);
}

TEST(CurlTransportTest, ManyCallsInFlightFromManyThreads) {
  LocalServer local;
  std::atomic<int> now{0}, peak{0};
  local.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    int n = ++now;
    int seen = peak.load();
    while (n > seen && !peak.compare_exchange_weak(seen, n)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    --now;
    res.set_content("ok", "text/plain");
  });
  CurlTransport transport;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto r = transport.Send(HttpRequest{"GET", local.endpoint(), "/slow", {}, {}, ""});
        if (r.ok() && r->body == "ok") ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 30);
  EXPECT_GT(peak.load(), 1);
}

TEST(CurlTransportTest, ARefusedConnectionIsUnavailableAndNamesNoQuery) {
  // A port that was free a moment ago.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  CurlTransport transport;
  HttpRequest request{"GET", "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)),
                      "/k",  {{"X-Amz-Signature", "secret-signature"}},
                      {},    ""};
  auto response = transport.Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(response.status().message().find("secret-signature"), std::string::npos);
  EXPECT_NE(response.status().message().find("GET http://127.0.0.1"), std::string::npos);
}

TEST(CurlTransportTest, ASlowServerTimesOut) {
  LocalServer local;
  local.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  CurlTransport transport;
  HttpRequest request{"GET", local.endpoint(), "/slow", {}, {}, ""};
  request.timeout = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto response = transport.Send(request);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1200));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kDeadlineExceeded);
}

TEST(CurlTransportTest, AConnectionCutMidBodyIsUnavailable) {
  // A raw server that promises 1000 bytes, sends 10 and closes.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  listen(listener, 1);
  std::thread server([listener] {
    int conn = accept(listener, nullptr, nullptr);
    char buf[4096];
    (void)!read(conn, buf, sizeof buf);
    const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789";
    (void)!write(conn, reply, sizeof reply - 1);
    close(conn);
  });
  CurlTransport transport;
  auto response = transport.Send(HttpRequest{
      "GET", "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)), "/", {}, {}, ""});
  server.join();
  close(listener);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace view360::aws
