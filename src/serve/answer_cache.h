// AnswerCache: the API's answers kept in memory until the warehouse's data changes. The data
// changes once a day or so, and a dashboard asks the same questions many times in between;
// an answer that takes a second to compute over 1,000 accounts is then served in microseconds
// (docs/serve.md, "Answer cache").
//
// Contract:
// - An answer is reused only while the ChangeFeed is live and at the generation it was
//   computed at (change_feed.h): no answer outlives a change the feed heard, and nothing is
//   reused while the feed is not listening.
// - Only 200 answers are kept. Requests are the same question when their path and parameters
//   are equal (parameters compared by name, then value, in the order given).
// - Requests for the same question at the same generation that arrive while it is being
//   computed wait for that computation instead of starting their own.
// - At most max_bytes of answers are kept, least recently used first out.
// - After a change, once no new change has come for `quiet`, the refresher recomputes the
//   `refresh` most recently used questions of earlier generations, one at a time, so that the
//   dashboard's usual views are ready before anyone asks again.
//
// Thread-safety: Get from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "serve/api.h"
#include "serve/change_feed.h"

namespace view360::serve {

class AnswerCache {
 public:
  using Compute = std::function<ApiResponse(const std::string& path, const QueryParams& params)>;

  struct Options {
    size_t max_bytes = size_t{64} << 20;  // 0: nothing is kept.
    size_t refresh = 64;                  // Questions recomputed after a change; 0: none.
    std::chrono::milliseconds quiet{2000};
  };

  enum class Outcome { kHit, kMiss, kOff };

  struct Stats {
    uint64_t hits = 0, misses = 0, off = 0, evictions = 0, refreshed = 0;
    size_t entries = 0, bytes = 0;
    uint64_t generation = 0;  // The change feed's (change_feed.h).
    bool listening = false;
  };

  AnswerCache(Compute compute, ChangeFeed& feed, Options options);
  ~AnswerCache();  // Stops the refresher.
  AnswerCache(const AnswerCache&) = delete;
  AnswerCache& operator=(const AnswerCache&) = delete;

  ApiResponse Get(const std::string& path, const QueryParams& params, Outcome* outcome = nullptr);

  // To be called by the feed's listener: a new generation (starts the refresher's wait).
  void Changed(uint64_t generation);

  Stats stats() const;

 private:
  struct Entry {
    uint64_t generation = 0;
    std::shared_ptr<const std::string> body;
    std::string path;
    QueryParams params;
    std::list<std::string>::iterator recency;  // In recency_, most recent first.
  };
  struct Flight {
    uint64_t generation = 0;
    bool done = false;
    ApiResponse response;
  };

  // The answer, reused, awaited from another request, or computed (and kept).
  ApiResponse Resolve(const std::string& path, const QueryParams& params, Outcome* outcome);
  void Store(const std::string& key, const std::string& path, const QueryParams& params,
             uint64_t generation, const std::string& body);         // mu_ held.
  void Erase(std::unordered_map<std::string, Entry>::iterator it);  // mu_ held.
  void Refresh();

  Compute compute_;
  ChangeFeed& feed_;
  const Options options_;

  mutable std::mutex mu_;
  std::condition_variable flight_done_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;
  size_t bytes_ = 0;
  Stats counts_;

  // The refresher.
  std::condition_variable refresh_wake_;
  std::chrono::steady_clock::time_point changed_at_{};
  uint64_t changed_to_ = 0;  // The latest generation announced; 0 = none to refresh for.
  bool stopping_ = false;
  std::thread refresher_;
};

}  // namespace view360::serve
