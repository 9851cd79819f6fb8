// Prometheus text exposition for /metrics: API request counts and latency histograms per
// endpoint (kept in memory), plus the receiver's totals read from the warehouse at scrape time.
//
// Thread-safety: Observe and Render may be called from many threads.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "serve/answer_cache.h"
#include "warehouse/connection.h"

namespace view360::serve {

class Metrics {
 public:
  // One answered request: route is the endpoint path (unknown paths are counted as "other").
  void Observe(const std::string& route, int status, double seconds);

  // The exposition text; the ingest series come from connection (skipped when it is null or
  // the query fails), the answer cache's from cache (skipped when null).
  std::string Render(warehouse::Connection* connection, const AnswerCache::Stats* cache) const;

 private:
  struct Series {
    std::vector<uint64_t> buckets;  // Cumulative counts per upper bound (kBounds).
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, Series> latency_;                     // By route.
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // By (route, status).
};

}  // namespace view360::serve
