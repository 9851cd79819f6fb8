// Who may ask `view360 serve` (docs/api.md, Authentication): on a loopback address everything
// is open; on any other address the server refuses to start without a token, and then every
// /api and /metrics request needs "Authorization: Bearer <token>" while /healthz and the
// dashboard's files stay open (with the headers web/README.md asks for). Both DashboardServer
// in-process and the `view360 serve` binary.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "api_fixture.h"
#include "common/process.h"
#include "support/spawn.h"

namespace view360::serve::testing {
namespace {

constexpr char kToken[] = "correct-horse-battery-staple";

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conninfo_ = new std::string(view360::testing::FreshDatabase());
    warehouse::WarehouseTarget target;
    target.conninfo = *conninfo_;
    ASSERT_TRUE(warehouse::OpenWarehouse(target, /*migrate=*/true).ok());
  }
  static void TearDownTestSuite() { delete conninfo_; }

  static std::unique_ptr<DashboardServer> Serve(const std::string& host, const std::string& token) {
    ServeOptions options;
    options.host = host;
    options.token = token;
    return StartServer(*conninfo_, options);
  }

  static int StatusOf(int port, const std::string& target, const std::string& authorization) {
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    return HttpGet(port, target, headers).status;
  }

  static std::string* conninfo_;
};

std::string* AuthTest::conninfo_ = nullptr;

TEST(IsLoopbackTest, OnlyLoopbackAddressesAndLocalhost) {
  for (const char* host :
       {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(IsLoopback(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "192.0.2.7", "127.example.com",
                           "127.0.0.1.nip.io", "::ffff:10.0.0.1", "example.com", ""}) {
    EXPECT_FALSE(IsLoopback(host)) << host;
  }
}

TEST_F(AuthTest, ExposedWithoutATokenDoesNotStart) {
  for (const char* host : {"0.0.0.0", "::", "127.example.com"}) {
    ServeOptions options;
    options.host = host;
    options.port = 0;
    DashboardServer server([] { return warehouse::Connection::Open("dbname=none"); }, options);
    const Status started = server.Start();
    EXPECT_EQ(started.code(), StatusCode::kInvalidArgument) << host;
    EXPECT_NE(started.message().find("refusing to listen on"), std::string::npos)
        << started.message();
    EXPECT_NE(started.message().find("VIEW360_API_TOKEN"), std::string::npos) << started.message();
  }
}

TEST_F(AuthTest, ExposedNeedsTheBearerTokenForTheApiAndMetrics) {
  auto server = Serve("0.0.0.0", kToken);
  const int port = server->port();
  ASSERT_GT(port, 0);
  EXPECT_EQ(server->url(), "http://127.0.0.1:" + std::to_string(port) + "/");
  const std::string right = std::string("Bearer ") + kToken;
  for (const char* target : {"/api/v1/overview", "/api/v1/accounts?sort=account_name",
                             "/api/v1/openapi.json", "/metrics", "/api/v1/no-such-endpoint"}) {
    SCOPED_TRACE(target);
    const Answer none = HttpGet(port, target);
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(none.Header("WWW-Authenticate"), "Bearer");
    ASSERT_TRUE(none.value.is_object()) << none.body;
    EXPECT_EQ(none.value["error"]["code"], "unauthorized");
    for (const std::string& wrong :
         {std::string("Bearer wrong"), std::string("Bearer ") + kToken + "x",
          std::string("Bearer ") + std::string(kToken).substr(0, 10), std::string("Bearer "),
          std::string("Basic ") + kToken, std::string(kToken)}) {
      EXPECT_EQ(StatusOf(port, target, wrong), 401) << wrong;
    }
    const int expected = std::string(target) == "/api/v1/no-such-endpoint" ? 404 : 200;
    EXPECT_EQ(StatusOf(port, target, right), expected);
    EXPECT_EQ(StatusOf(port, target, std::string("bearer ") + kToken), expected)
        << "the scheme is case-insensitive";
  }
  // Open: the health check and the dashboard's files (the page asks for the token itself).
  EXPECT_EQ(StatusOf(port, "/healthz", ""), 200);
  const Answer page = HttpGet(port, "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(StatusOf(port, "/index.html", ""), 200);
}

TEST_F(AuthTest, LoopbackIsOpen) {
  for (const char* host : {"127.0.0.1", "localhost"}) {
    for (const char* token : {"", kToken}) {
      SCOPED_TRACE(std::string(host) + " token=" + token);
      auto server = Serve(host, token);
      ASSERT_GT(server->port(), 0);
      for (const char* target : {"/api/v1/overview", "/api/v1/openapi.json", "/metrics"}) {
        EXPECT_EQ(StatusOf(server->port(), target, ""), 200) << target;
      }
      EXPECT_EQ(HttpGet(server->port(), "/api/v1/accounts").value["total"], 0)
          << "an empty warehouse answers empty lists";
    }
  }
}

TEST_F(AuthTest, DashboardFilesAreRevalidatedAndCarryTheSecurityHeaders) {
  auto server = Serve("127.0.0.1", "");
  const Answer page = HttpGet(server->port(), "/");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(page.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(page.Header("Referrer-Policy"), "no-referrer");
  const std::string csp = page.Header("Content-Security-Policy");
  for (const char* directive : {"default-src 'self'", "script-src 'self'", "connect-src 'self'",
                                "frame-ancestors 'none'", "base-uri 'none'"}) {
    EXPECT_NE(csp.find(directive), std::string::npos) << csp;
  }
  const std::string etag = page.Header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(HttpGet(server->port(), "/index.html").Header("ETag"), etag);
  const Answer again = HttpGet(server->port(), "/", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(HttpGet(server->port(), "/", {{"If-None-Match", "\"other\""}}).status, 200);
  // API answers are never cached.
  EXPECT_EQ(HttpGet(server->port(), "/api/v1/overview").Header("Cache-Control"), "no-store");
}

// ---------------------------------------------------------------------------------------------
// The binary

// The environment without the variables `view360 serve` reads, plus extra.
std::vector<std::string> ServeEnvironment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    if (name != "VIEW360_API_TOKEN" && name != "VIEW360_CONFIG" && name != "VIEW360_LISTEN" &&
        name != "VIEW360_DB") {
      env.push_back(entry);
    }
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// Starts `view360 args...` with env; stdout and stderr go to output_file.
pid_t StartBinary(const std::vector<std::string>& args, const std::vector<std::string>& env,
                  const std::string& output_file) {
  std::vector<std::string> argv = {VIEW360_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return view360::testing::SpawnToFile(argv, env, output_file);
}

// What the child printed so far ("" before it opened the file).
std::string Printed(const std::string& output_file) {
  return std::filesystem::exists(output_file) ? view360::testing::ReadFile(output_file) : "";
}

// Waits up to timeout for the child; its exit code, or -1 when it is still running.
int WaitFor(pid_t child, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

TEST_F(AuthTest, TheCommandRefusesToServeExposedWithoutAToken) {
  const std::string output = view360::testing::MakeTempDir("serve-cli") + "/output.txt";
  // An unreachable warehouse: the refusal comes before any connection.
  const pid_t child = StartBinary({"--db", "host=127.0.0.1 port=1 dbname=none connect_timeout=1",
                                   "serve", "--listen", "0.0.0.0:0"},
                                  ServeEnvironment({}), output);
  const int code = WaitFor(child, std::chrono::seconds(30));
  if (code == -1) kill(child, SIGKILL), waitpid(child, nullptr, 0);
  const std::string printed = view360::testing::ReadFile(output);
  EXPECT_GT(code, 0) << printed;
  EXPECT_NE(printed.find("refusing to listen on 0.0.0.0 without a token"), std::string::npos)
      << printed;
  EXPECT_NE(printed.find("VIEW360_API_TOKEN"), std::string::npos) << printed;
}

TEST_F(AuthTest, TheCommandServesExposedWithTheTokenUntilTerminated) {
  const std::string output = view360::testing::MakeTempDir("serve-cli") + "/output.txt";
  const pid_t child =
      StartBinary({"--db", *conninfo_, "--output", "json", "serve", "--listen", "0.0.0.0:0"},
                  ServeEnvironment({std::string("VIEW360_API_TOKEN=") + kToken}), output);
  // It prints {"port": P, "url": "http://127.0.0.1:P/"} once it listens.
  json ready;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         WaitFor(child, std::chrono::seconds(0)) == -1) {
    const std::string printed = Printed(output);
    const size_t start = printed.find("{\"port\"");
    if (start != std::string::npos && printed.find('\n', start) != std::string::npos) {
      ready = json::parse(printed.substr(start, printed.find('\n', start) - start));
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(ready.is_object()) << view360::testing::ReadFile(output);
  const int port = ready["port"];
  EXPECT_EQ(ready["url"], "http://127.0.0.1:" + std::to_string(port) + "/");
  EXPECT_EQ(StatusOf(port, "/api/v1/overview", ""), 401);
  EXPECT_EQ(StatusOf(port, "/api/v1/overview", std::string("Bearer ") + kToken), 200);
  EXPECT_EQ(StatusOf(port, "/healthz", ""), 200);
  kill(child, SIGTERM);
  const int code = WaitFor(child, std::chrono::seconds(30));
  if (code == -1) kill(child, SIGKILL), waitpid(child, nullptr, 0);
  EXPECT_EQ(code, 0) << "Ctrl-C or SIGTERM stops it cleanly";
}

}  // namespace
}  // namespace view360::serve::testing
