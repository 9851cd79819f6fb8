#include "serve/answer_cache.h"

#include <exception>
#include <vector>

namespace view360::serve {
namespace {

// compute(path, params); an exception becomes a 500 answer, so that no request waiting on the
// computation waits forever.
ApiResponse ComputeSafely(const AnswerCache::Compute& compute, const std::string& path,
                          const QueryParams& params) {
  try {
    return compute(path, params);
  } catch (const std::exception& e) {
    return {500, ErrorJson("internal", e.what())};
  } catch (...) {
    return {500, ErrorJson("internal", "unknown error")};
  }
}

// The question's identity: the path and each parameter, length-prefixed so that no value can
// make two questions look alike.
std::string KeyOf(const std::string& path, const QueryParams& params) {
  std::string key = std::to_string(path.size()) + ":" + path;
  for (const auto& [name, value] : params) {
    key += std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" + value;
  }
  return key;
}

}  // namespace

AnswerCache::AnswerCache(Compute compute, ChangeFeed& feed, Options options)
    : compute_(std::move(compute)), feed_(feed), options_(options) {
  refresher_ = std::thread([this] { Refresh(); });
}

AnswerCache::~AnswerCache() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  refresh_wake_.notify_all();
  refresher_.join();
}

ApiResponse AnswerCache::Get(const std::string& path, const QueryParams& params, Outcome* outcome) {
  Outcome result = Outcome::kOff;
  ApiResponse response = Resolve(path, params, &result);
  {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t& count = result == Outcome::kHit    ? counts_.hits
                      : result == Outcome::kMiss ? counts_.misses
                                                 : counts_.off;
    ++count;
  }
  if (outcome != nullptr) *outcome = result;
  return response;
}

ApiResponse AnswerCache::Resolve(const std::string& path, const QueryParams& params,
                                 Outcome* outcome) {
  const ChangeFeed::State state = feed_.state();
  if (!state.live || options_.max_bytes == 0) {
    *outcome = Outcome::kOff;
    return ComputeSafely(compute_, path, params);
  }
  const std::string key = KeyOf(path, params);
  std::unique_lock<std::mutex> lock(mu_);
  auto entry = entries_.find(key);
  if (entry != entries_.end() && entry->second.generation == state.generation) {
    recency_.splice(recency_.begin(), recency_, entry->second.recency);
    auto body = entry->second.body;
    lock.unlock();
    *outcome = Outcome::kHit;
    return {200, *body};
  }
  auto running = flights_.find(key);
  if (running != flights_.end() && running->second->generation == state.generation) {
    auto flight = running->second;
    flight_done_.wait(lock, [&flight] { return flight->done; });
    *outcome = Outcome::kHit;
    return flight->response;
  }
  // Computed here: a flight for others to wait on (replacing one of an older generation, whose
  // waiters hold their own reference).
  auto flight = std::make_shared<Flight>();
  flight->generation = state.generation;
  flights_[key] = flight;
  lock.unlock();

  ApiResponse response = ComputeSafely(compute_, path, params);

  lock.lock();
  flight->response = response;
  flight->done = true;
  running = flights_.find(key);
  if (running != flights_.end() && running->second == flight) flights_.erase(running);
  const ChangeFeed::State now = feed_.state();
  if (response.status == 200 && now.live && now.generation == state.generation) {
    Store(key, path, params, state.generation, response.body);
  }
  lock.unlock();
  flight_done_.notify_all();
  *outcome = Outcome::kMiss;
  return response;
}

void AnswerCache::Store(const std::string& key, const std::string& path, const QueryParams& params,
                        uint64_t generation, const std::string& body) {
  auto old = entries_.find(key);
  if (old != entries_.end()) Erase(old);
  const size_t size = key.size() + body.size();
  if (size > options_.max_bytes / 4) return;  // One answer may not push out all the others.
  recency_.push_front(key);
  Entry& entry = entries_[key];
  entry.generation = generation;
  entry.body = std::make_shared<const std::string>(body);
  entry.path = path;
  entry.params = params;
  entry.recency = recency_.begin();
  bytes_ += size;
  while (bytes_ > options_.max_bytes && !recency_.empty()) {
    Erase(entries_.find(recency_.back()));
    ++counts_.evictions;
  }
}

void AnswerCache::Erase(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->first.size() + it->second.body->size();
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

void AnswerCache::Changed(uint64_t generation) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    changed_to_ = generation;
    changed_at_ = std::chrono::steady_clock::now();
  }
  refresh_wake_.notify_all();
}

void AnswerCache::Refresh() {
  struct Question {
    std::string path;
    QueryParams params;
  };
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    refresh_wake_.wait(lock, [this] { return stopping_ || changed_to_ != 0; });
    // Changes come in bursts while documents load: wait for a quiet moment.
    while (!stopping_ && std::chrono::steady_clock::now() < changed_at_ + options_.quiet) {
      refresh_wake_.wait_until(lock, changed_at_ + options_.quiet);
    }
    if (stopping_) return;
    const uint64_t generation = changed_to_;
    changed_to_ = 0;
    std::vector<Question> questions;
    for (const std::string& key : recency_) {
      if (questions.size() >= options_.refresh) break;
      const Entry& entry = entries_.at(key);
      if (entry.generation < generation) questions.push_back({entry.path, entry.params});
    }
    lock.unlock();
    for (const Question& question : questions) {
      const ChangeFeed::State state = feed_.state();
      if (!state.live || state.generation != generation) break;  // Newer news: start over.
      Outcome outcome = Outcome::kOff;
      Resolve(question.path, question.params, &outcome);
      std::lock_guard<std::mutex> relock(mu_);
      if (stopping_) return;
      counts_.refreshed += outcome == Outcome::kMiss;
    }
    lock.lock();
    // What is left of earlier generations can never be used again.
    const ChangeFeed::State state = feed_.state();
    for (auto it = entries_.begin(); it != entries_.end();) {
      auto next = std::next(it);
      if (it->second.generation < state.generation) Erase(it);
      it = next;
    }
  }
}

AnswerCache::Stats AnswerCache::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  Stats stats = counts_;
  stats.entries = entries_.size();
  stats.bytes = bytes_;
  const ChangeFeed::State state = feed_.state();
  stats.generation = state.generation;
  stats.listening = state.live;
  return stats;
}

}  // namespace view360::serve
