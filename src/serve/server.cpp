#include "serve/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <mutex>

#include "common/embedded_files.h"
#include "common/hash.h"
#include "common/http_listen.h"

namespace view360::web_files {
const std::vector<view360::EmbeddedFile>& Files();  // Generated from web/dist (or a placeholder).
}

namespace view360::serve {
namespace {

std::string ContentType(std::string_view path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".json")) return "application/json";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

const EmbeddedFile* FindWebFile(std::string_view path) {
  for (const auto& file : web_files::Files()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

// A file's ETag: the start of its SHA-256, computed once per file.
const std::string& ETagOf(const EmbeddedFile& file) {
  static std::mutex mu;
  static std::map<const EmbeddedFile*, std::string> tags;
  std::lock_guard<std::mutex> lock(mu);
  auto it = tags.find(&file);
  if (it == tags.end()) it = tags.emplace(&file, Sha256Hex(file.contents).substr(0, 32)).first;
  return it->second;
}

void SetJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/json");
}

// The API's session settings:
// - UTC whatever the warehouse's TimeZone: the timestamps of the JSON and the day of a
//   timestamp (timestamptz::date) depend on the session's.
// - No JIT compilation: the API's statements read thousands to a million rows, where compiling
//   them costs more than it saves, and their CTEs make the planner's cost estimates large
//   enough to trigger it (with 50 accounts, costs/daily took 5 s, 4.4 s of it compiling;
//   docs/PERFORMANCE.md). PostgreSQL 13 and newer know the setting.
ConnectionPool::Factory WithApiSettings(ConnectionPool::Factory connect) {
  return [connect = std::move(connect)]() -> Result<warehouse::Connection> {
    VIEW360_ASSIGN_OR_RETURN(auto connection, connect());
    VIEW360_RETURN_IF_ERROR(connection.Execute("SET TIME ZONE 'UTC'; SET jit = off"));
    return connection;
  };
}

AnswerCache::Options CacheOptions(const ServeOptions& options) {
  AnswerCache::Options cache;
  cache.max_bytes = options.cache_mb << 20;
  return cache;
}

const char* OutcomeName(AnswerCache::Outcome outcome) {
  switch (outcome) {
    case AnswerCache::Outcome::kHit:
      return "hit";
    case AnswerCache::Outcome::kMiss:
      return "miss";
    case AnswerCache::Outcome::kOff:
      break;
  }
  return "off";
}

}  // namespace

bool IsLoopback(const std::string& host) {
  if (host == "localhost") return true;
  const std::string bare = host.size() > 2 && host.front() == '[' && host.back() == ']'
                               ? host.substr(1, host.size() - 2)
                               : host;
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, bare.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

Status CheckExposure(const ServeOptions& options) {
  if (IsLoopback(options.host) || !options.token.empty()) return OkStatus();
  return InvalidArgumentError(
      "refusing to listen on " + options.host +
      " without a token: set VIEW360_API_TOKEN or serve.token in the config file, or listen on "
      "127.0.0.1");
}

DashboardServer::DashboardServer(ConnectionPool::Factory connect, ServeOptions options)
    : options_(std::move(options)),
      pool_(WithApiSettings(connect), options_.connections),
      api_(pool_),
      feed_(connect),
      cache_([this](const std::string& path,
                    const QueryParams& params) { return api_.Handle(path, params); },
             feed_, CacheOptions(options_)),
      server_(new httplib::Server) {
  feed_.SetListener([this](uint64_t generation) { cache_.Changed(generation); });
}

DashboardServer::~DashboardServer() { Stop(); }

std::string DashboardServer::url() const {
  // A wildcard address is reached on loopback; an IPv6 literal goes in brackets.
  std::string host = options_.host;
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::" || host == "[::]") host = "::1";
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port_) + "/";
}

bool DashboardServer::Authorized(const std::string& authorization) const {
  if (!exposed_) return true;
  // "Bearer <token>"; the scheme is case-insensitive (RFC 7235 section 2.1).
  static const std::string kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), authorization.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      })) {
    return false;
  }
  // Digests of equal length, compared in constant time: neither the token's length nor its
  // prefix leak through timing.
  const std::string given = Sha256Hex(authorization.substr(kScheme.size()));
  const std::string expected = Sha256Hex(options_.token);
  return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

void DashboardServer::Route() {
  httplib::Server& s = *server_;
  auto timed = [this](const std::string& route, auto handler) {
    return [this, route, handler](const httplib::Request& req, httplib::Response& res) {
      const auto start = std::chrono::steady_clock::now();
      if (!Authorized(req.get_header_value("Authorization"))) {
        res.set_header("WWW-Authenticate", "Bearer");
        SetJson(res, 401, ErrorJson("unauthorized", "a bearer token is required"));
      } else {
        handler(req, res);
      }
      metrics_.Observe(
          route, res.status,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    };
  };
  for (const auto& endpoint : Endpoints()) {
    const std::string path = endpoint.path;
    s.Get(path, timed(path, [this, path](const httplib::Request& req, httplib::Response& res) {
            QueryParams params(req.params.begin(), req.params.end());
            AnswerCache::Outcome outcome = AnswerCache::Outcome::kOff;
            ApiResponse answer = cache_.Get(path, params, &outcome);
            res.set_header("X-View360-Cache", OutcomeName(outcome));
            SetJson(res, answer.status, answer.body);
          }));
  }
  s.Get("/api/v1/openapi.json",
        timed("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
          static const std::string kDocument = Api::OpenApiJson();
          SetJson(res, 200, kDocument);
        }));
  s.Get(R"(/api/.*)", timed("other", [](const httplib::Request& req, httplib::Response& res) {
          SetJson(res, 404, ErrorJson("not_found", "no such endpoint: " + req.path.substr(0, 200)));
        }));
  s.Get("/metrics", timed("/metrics", [this](const httplib::Request&, httplib::Response& res) {
          auto lease = pool_.Acquire();
          const AnswerCache::Stats cache = cache_.stats();
          res.set_content(metrics_.Render(lease.ok() ? &**lease : nullptr, &cache),
                          "text/plain; version=0.0.4");
        }));
  s.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
    auto lease = pool_.Acquire();
    const bool ok = lease.ok() && (*lease)->Execute("SELECT 1").ok();
    SetJson(res, ok ? 200 : 503,
            ok ? R"({"status":"ok","warehouse":"ok"})"
               : R"({"status":"degraded","warehouse":"unreachable"})");
  });
  // The dashboard: embedded files; "/" is index.html. Their names carry no content hash, so
  // they are revalidated on every load (no-cache and an ETag, web/README.md) and a new binary's
  // dashboard is never mixed with a cached one. The headers are those the dashboard's tests
  // run under.
  s.Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path == "/" ? "index.html" : req.path.substr(1);
    const EmbeddedFile* file = FindWebFile(path);
    if (file == nullptr) {
      res.status = 404;
      res.set_content("not found\n", "text/plain");
      return;
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
                   "frame-ancestors 'none'");
    res.set_header("Cache-Control", "no-cache");
    const std::string etag = "\"" + ETagOf(*file) + "\"";
    res.set_header("ETag", etag);
    if (req.get_header_value("If-None-Match") == etag) {
      res.status = 304;
      return;
    }
    res.set_content(std::string(file->contents), ContentType(path));
  });
}

Status DashboardServer::Start() {
  VIEW360_RETURN_IF_ERROR(CheckExposure(options_));
  exposed_ = !IsLoopback(options_.host);
  const int threads = std::max(1, options_.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_keep_alive_timeout(5);
  server_->set_tcp_nodelay(true);
  Route();
  if (options_.cache_mb > 0) feed_.Start();  // Until it listens, answers are computed.
  VIEW360_ASSIGN_OR_RETURN(port_,
                           ListenInBackground(*server_, options_.host, options_.port, &thread_));
  return OkStatus();
}

void DashboardServer::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  feed_.Stop();
}

}  // namespace view360::serve
