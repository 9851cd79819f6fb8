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
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ChangeFeed::Stop() {
  stopping_ = true;
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

void ChangeFeed::Run() {
  std::chrono::milliseconds backoff{250};
  bool warned = false;
  while (!stopping_) {
    auto connection = connect_();
    Status listening = connection.ok() ? connection->Execute(std::string("LISTEN ") + kChannel)
                                       : connection.status();
    if (!listening.ok()) {
      // Unheard changes are possible from here on: the cache stays off until listening again.
      if (!warned) {
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
    pg_conn* raw = connection->raw();
    while (!stopping_) {
      pollfd fds[2] = {{PQsocket(raw), POLLIN, 0}, {wake_[0], POLLIN, 0}};
      const int ready = poll(fds, wake_[0] >= 0 ? 2 : 1,
                             static_cast<int>(std::chrono::milliseconds(kProbe).count()));
      if (stopping_) break;
      if (ready == 0) {  // Silence: make sure the connection is still there.
        if (!connection->Execute("SELECT 1").ok()) break;
      } else if (ready < 0 || PQconsumeInput(raw) == 0) {
        if (ready < 0 && errno == EINTR) continue;
        break;
      }
      bool heard = false;
      while (PGnotify* notification = PQnotifies(raw)) {
        heard = true;
        PQfreemem(notification);
      }
      if (heard) Announce(true);
      if (!connection->healthy()) break;
    }
    Announce(false);
  }
}

}  // namespace view360::serve
