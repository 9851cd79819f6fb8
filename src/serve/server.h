// `view360 serve` on the wire: the REST API (api.h), /healthz, /metrics and the embedded web
// dashboard, from one HTTP listener (cpp-httplib).
//
// Authentication: on a loopback address (the default, 127.0.0.1) everything is open. On any
// other address every /api and /metrics request needs "Authorization: Bearer <token>",
// compared in constant time; Start refuses to listen there without a token. /healthz and the
// dashboard's static files stay open (they hold no data; the dashboard asks for the token).
//
// API answers are cached until the warehouse's data changes (answer_cache.h); the header
// X-View360-Cache says whether an answer was reused (hit), computed (miss) or the cache was
// off (off).
//
// Thread-safety: Start and Stop from one thread; requests are served on a pool of threads.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "serve/answer_cache.h"
#include "serve/api.h"
#include "serve/change_feed.h"
#include "serve/metrics.h"
#include "serve/pool.h"

namespace httplib {
class Server;
}

namespace view360::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8360;    // 0: any free port.
  std::string token;  // Required when host is not a loopback address.
  int threads = 8;
  int connections = 4;  // Warehouse connections.
  // The answer cache (answer_cache.h), in MiB; 0 turns it off.
  size_t cache_mb = 64;
};

// True for "localhost" and the addresses 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104. A name
// that merely starts with "127." is not an address, and not loopback.
bool IsLoopback(const std::string& host);

// InvalidArgument, saying how to fix it, when options would expose the API on a non-loopback
// address without a token. Start checks it; `view360 serve` checks it before connecting.
Status CheckExposure(const ServeOptions& options);

class DashboardServer {
 public:
  DashboardServer(ConnectionPool::Factory connect, ServeOptions options);
  ~DashboardServer();  // Stops.
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // Binds and serves on a background thread. InvalidArgument when exposed without a token,
  // Unavailable when the address cannot be bound.
  Status Start();
  void Stop();

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:8360/"

 private:
  void Route();
  bool Authorized(const std::string& authorization) const;

  ServeOptions options_;
  ConnectionPool pool_;
  Api api_;
  ChangeFeed feed_;  // Stopped before cache_ goes: its listener calls the cache.
  AnswerCache cache_;
  Metrics metrics_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  bool exposed_ = false;
};

}  // namespace view360::serve
