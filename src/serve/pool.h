// A fixed set of warehouse connections shared by the server's threads. Lease one for the time
// of one request; a connection found broken is replaced on its next lease.
//
// Thread-safety: Lease may be called from many threads; a Lease is used by one.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/status.h"
#include "warehouse/connection.h"

namespace view360::serve {

class ConnectionPool {
 public:
  using Factory = std::function<Result<warehouse::Connection>()>;
  ConnectionPool(Factory connect, int size);

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<warehouse::Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    warehouse::Connection& operator*() { return *connection_; }
    warehouse::Connection* operator->() { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<warehouse::Connection> connection_;
  };

  // Waits for a free connection (opening one while fewer than size exist). Unavailable when
  // the warehouse cannot be reached.
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<warehouse::Connection> connection);

  Factory connect_;
  const int size_;
  int open_ = 0;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<warehouse::Connection>> idle_;
};

}  // namespace view360::serve
