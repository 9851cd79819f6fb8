#include "serve/change_feed.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>

#include "common/log.h"

namespace view360::serve {

ChangeFeed::ChangeFeed(Factory connect) : connect_(std::move(connect)) {
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
}

ChangeFeed::~ChangeFeed() {
  Stop();
  for (int fd : wake_) {
    if (fd >= 0) close(fd);
  }
}

void ChangeFeed::SetListener(Listener listener) { listener_ = std::move(listener); }

void ChangeFeed::Start() {
  if (thread_.joinable()) return;
  // A byte an earlier Stop left in the pipe would wake every poll at once.
  for (char byte = 0; wake_[0] >= 0 && read(wake_[0], &byte, 1) == 1;) {
  }
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ChangeFeed::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);  // Sleep checks stopping_ under it: no lost wakeup.
    stopping_ = true;
  }
  if (wake_[1] >= 0) {
    const char byte = 0;
    [[maybe_unused]] ssize_t n = write(wake_[1], &byte, 1);
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  Announce(false);
}

ChangeFeed::State ChangeFeed::state() const {
  const uint64_t packed = state_.load(std::memory_order_acquire);
  return {packed >> 1, (packed & 1) != 0};
}

bool ChangeFeed::WaitUntilLive(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return changed_.wait_for(lock, timeout, [this] { return state().live; });
}

void ChangeFeed::Announce(bool live) {
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation = (state_.load() >> 1) + (live ? 1 : 0);
    state_.store(generation << 1 | (live ? 1 : 0), std::memory_order_release);
  }
  changed_.notify_all();
  if (live && listener_) listener_(generation);
}

bool ChangeFeed::Sleep(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, duration, [this] { return stopping_.load(); });
  return !stopping_;
}

ChangeFeed::Wait ChangeFeed::Await(warehouse::Connection& connection,
                                   std::chrono::milliseconds timeout) {
  pg_conn* raw = connection.raw();
  pollfd fds[2] = {{PQsocket(raw), POLLIN, 0}, {wake_[0], POLLIN, 0}};
  int ready = 0;
  do {
    ready = poll(fds, wake_[0] >= 0 ? 2 : 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR && !stopping_);
  if (stopping_) return Wait::kStopped;
  if (ready == 0) return Wait::kTimeout;
  if (ready < 0 || PQconsumeInput(raw) == 0) return Wait::kBroken;
  return Wait::kInput;
}

bool ChangeFeed::Drain(warehouse::Connection& connection) {
  bool heard = false;
  while (PGnotify* notification = PQnotifies(connection.raw())) {
    heard = true;
    PQfreemem(notification);
  }
  return heard;
}

Status ChangeFeed::Listen(warehouse::Connection& connection) {
  VIEW360_RETURN_IF_ERROR(connection.Execute(std::string("LISTEN ") + kChannel));
  // A notification sent from another connection must come back on this one. It does not
  // through a proxy that shares server connections between transactions (PgBouncer's
  // transaction mode, RDS Proxy): such a feed would hear nothing and the cache would never let
  // go of an answer.
  {
    VIEW360_ASSIGN_OR_RETURN(auto sender, connect_());
    VIEW360_RETURN_IF_ERROR(sender.Execute(std::string("NOTIFY ") + kChannel + ", 'probe'"));
  }
  const auto deadline = std::chrono::steady_clock::now() + kDelivery;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    switch (Await(connection, std::max(left, std::chrono::milliseconds(1)))) {
      case Wait::kInput:
        if (Drain(connection)) return OkStatus();
        break;
      case Wait::kTimeout:
        break;
      case Wait::kBroken:
        return UnavailableError("the connection broke: " + connection.Describe());
      case Wait::kStopped:
        return UnavailableError("stopped");
    }
  }
  return FailedPreconditionError(
      "a notification sent on " + std::string(kChannel) + " did not come back within " +
      std::to_string(kDelivery.count()) +
      " s: is a transaction-pooling proxy between view360 and PostgreSQL?");
}

void ChangeFeed::Run() {
  std::chrono::milliseconds backoff{250};
  bool warned = false;
  while (!stopping_) {
    auto connection = connect_();
    Status listening = connection.ok() ? Listen(*connection) : connection.status();
    if (!listening.ok()) {
      // Unheard changes are possible from here on: the cache stays off until listening again.
      if (!warned && !stopping_) {
        spdlog::warn("not listening for warehouse changes, API answers are not cached: {}",
                     Redact(listening.message()));
        warned = true;
      }
      if (!Sleep(backoff)) break;
      backoff = std::min(backoff * 2, std::chrono::milliseconds(10'000));
      continue;
    }
    if (warned) spdlog::info("listening for warehouse changes again: API answers are cached");
    warned = false;
    backoff = std::chrono::milliseconds(250);
    Announce(true);  // Whatever happened before LISTEN, answers from now on see it.
    while (!stopping_) {
      const Wait wait = Await(*connection, kProbe);
      if (wait == Wait::kStopped || wait == Wait::kBroken) break;
      // Silence: make sure the connection is still there (notifications may come with it).
      if (wait == Wait::kTimeout && !connection->Execute("SELECT 1").ok()) break;
      if (Drain(*connection)) Announce(true);
      if (!connection->healthy()) break;
    }
    Announce(false);
  }
}

}  // namespace view360::serve
