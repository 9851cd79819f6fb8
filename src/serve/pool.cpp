#include "serve/pool.h"

namespace view360::serve {

ConnectionPool::ConnectionPool(Factory connect, int size)
    : connect_(std::move(connect)), size_(std::max(1, size)) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ && connection_) pool_->Release(std::move(connection_));
}

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  available_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    if (connection->healthy()) return Lease(this, std::move(connection));
    --open_;  // Broken: replaced below.
  }
  ++open_;
  lock.unlock();
  auto connection = connect_();
  if (!connection.ok()) {
    std::lock_guard<std::mutex> relock(mu_);
    --open_;
    available_.notify_one();
    return connection.status();
  }
  return Lease(this, std::make_unique<warehouse::Connection>(std::move(*connection)));
}

void ConnectionPool::Release(std::unique_ptr<warehouse::Connection> connection) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(connection));
  available_.notify_one();
}

}  // namespace view360::serve
