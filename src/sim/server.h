// `view360 sim` on the wire: an HTTP listener (cpp-httplib) in front of a Simulator, on
// 127.0.0.1 by default, plus the admin endpoint under /_sim/ (unsigned; loopback only):
//   GET  /_sim/stats          calls per operation and account, throttles, faults, auth failures
//   GET  /_sim/notifications  SNS messages received
//   GET  /_sim/metrics        CloudWatch metric data received
//   GET  /_sim/operations     every (service, operation) served
//   GET  /_sim/world          seed, today, management account, organisation, regions
//   GET  /_sim/credentials?account=ID   that account's root keys (for push-mode clients)
//   POST /_sim/truth          {"service","operation","params","account","region"}: the
//                             unpaginated output (Simulator::Truth)
//   POST /_sim/reset          forget what was recorded, refill throttling buckets
//
// Thread-safety: Start and Stop from one thread; requests are served on a pool of threads.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "sim/simulator.h"

namespace httplib {
class Server;
}

namespace view360::sim {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port.
  // Each keep-alive connection holds a thread until it goes idle (cpp-httplib), so a collector
  // with many connections open needs many threads or its new connections wait idle_timeout_s.
  int threads = 64;
  // An idle keep-alive connection is closed after this long. Stop waits for it, so tests that
  // start and stop servers often set it low.
  int idle_timeout_s = 5;
};

class SimServer {
 public:
  // simulator must outlive the server.
  SimServer(Simulator& simulator, ServerOptions options);
  ~SimServer();  // Stops.
  SimServer(const SimServer&) = delete;
  SimServer& operator=(const SimServer&) = delete;

  // Binds and starts serving on a background thread. kUnavailable when the port cannot be bound.
  Status Start();
  void Stop();

  int port() const { return port_; }
  std::string endpoint() const;  // "http://127.0.0.1:PORT"

 private:
  void Route();

  Simulator& simulator_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace view360::sim
