// ChangeFeed: hears that the warehouse's data changed. Migration 0007 makes every write to a
// table of the warehouse send a notification on the channel `view360_changed` when its
// transaction commits; the feed LISTENs on a connection of its own and counts generations:
// the generation grows after each notification it hears, and after each (re)connection,
// since changes made while it was not listening went unheard.
//
// Contract for readers (AnswerCache): read state() before computing an answer; the answer
// reflects every change committed before a later generation was announced, so an answer
// computed at generation g may be reused while state() is {g, live}. While the feed is not
// live, nothing may be reused. A change is heard a few milliseconds after its commit; a
// connection that dies without closing its socket is noticed at the next probe (kProbe). The
// feed is live only once a notification it sent itself came back (kDelivery), which a
// transaction-pooling proxy would prevent.
//
// Thread-safety: state() and WaitUntilLive from any thread; Start and Stop from one.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "common/status.h"
#include "warehouse/connection.h"

namespace view360::serve {

class ChangeFeed {
 public:
  using Factory = std::function<Result<warehouse::Connection>()>;
  // Called on the feed's thread after each new generation.
  using Listener = std::function<void(uint64_t generation)>;

  static constexpr char kChannel[] = "view360_changed";
  static constexpr std::chrono::seconds kProbe{15};  // A silent connection is probed this often.
  // How long a probe notification may take to come back before the feed gives up listening.
  static constexpr std::chrono::seconds kDelivery{5};

  explicit ChangeFeed(Factory connect);
  ~ChangeFeed();  // Stops.
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  void SetListener(Listener listener);  // Before Start.
  void Start();                         // Connects and listens on a background thread.
  void Stop();

  struct State {
    uint64_t generation = 0;
    bool live = false;  // Listening now.
  };
  State state() const;

  // Waits until the feed listens; false after timeout.
  bool WaitUntilLive(std::chrono::milliseconds timeout);

 private:
  enum class Wait { kInput, kTimeout, kBroken, kStopped };

  void Run();
  // LISTENs, then checks that a notification sent from another connection arrives.
  Status Listen(warehouse::Connection& connection);
  Wait Await(warehouse::Connection& connection, std::chrono::milliseconds timeout);
  static bool Drain(warehouse::Connection& connection);  // True when a notification was heard.
  void Announce(bool live);  // A new generation (live) or not listening (!live).
  bool Sleep(std::chrono::milliseconds duration);  // False when stopped meanwhile.

  Factory connect_;
  Listener listener_;
  std::atomic<uint64_t> state_{0};  // generation << 1 | live.
  std::atomic<bool> stopping_{false};
  int wake_[2] = {-1, -1};  // A pipe that wakes the thread's poll on Stop.
  std::mutex mu_;
  std::condition_variable changed_;
  std::thread thread_;
};

}  // namespace view360::serve
