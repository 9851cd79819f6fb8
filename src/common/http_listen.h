// Starting a cpp-httplib server in the background, shared by `view360 serve` and `view360 sim`.
// Include only from the .cpp files that run a server: it brings in httplib.h.
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

#include "common/status.h"

namespace view360 {

// Binds server to host:port (port 0: any free port), starts listening on *thread and returns
// once the server runs (or after 5 s). Returns the port bound, or Unavailable when the address
// cannot be bound (in use, or not an address of this machine).
inline Result<int> ListenInBackground(httplib::Server& server, const std::string& host, int port,
                                      std::thread* thread) {
  const int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return UnavailableError("cannot listen on " + host + ":" + std::to_string(port) +
                            " (in use, or not an address here)");
  }
  *thread = std::thread([&server] { server.listen_after_bind(); });
  for (int waited_ms = 0; !server.is_running() && waited_ms < 5000; ++waited_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return bound;
}

}  // namespace view360
