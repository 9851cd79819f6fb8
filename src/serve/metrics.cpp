#include "serve/metrics.h"

#include <cstdio>
#include <sstream>

namespace view360::serve {
namespace {

constexpr double kBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
constexpr size_t kBucketCount = sizeof(kBounds) / sizeof(kBounds[0]);

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace

void Metrics::Observe(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& series = latency_[route];
  if (series.buckets.empty()) series.buckets.assign(kBucketCount, 0);
  for (size_t i = 0; i < kBucketCount; ++i) {
    if (seconds <= kBounds[i]) ++series.buckets[i];
  }
  ++series.count;
  series.sum += seconds;
  ++requests_[{route, status}];
}

std::string Metrics::Render(warehouse::Connection* connection,
                            const AnswerCache::Stats* cache) const {
  std::ostringstream out;
  if (cache != nullptr) {
    out << "# HELP view360_api_cache_requests_total API requests by what the answer cache did: "
           "hit (reused), miss (computed and kept), off (not listening for changes, or off).\n"
           "# TYPE view360_api_cache_requests_total counter\n"
           "view360_api_cache_requests_total{outcome=\"hit\"} "
        << cache->hits << "\nview360_api_cache_requests_total{outcome=\"miss\"} " << cache->misses
        << "\nview360_api_cache_requests_total{outcome=\"off\"} " << cache->off
        << "\n# HELP view360_api_cache_refreshed_total Answers recomputed after a change before "
           "anyone asked.\n# TYPE view360_api_cache_refreshed_total counter\n"
           "view360_api_cache_refreshed_total "
        << cache->refreshed
        << "\n# HELP view360_api_cache_evictions_total Answers dropped to stay within the size."
           "\n# TYPE view360_api_cache_evictions_total counter\nview360_api_cache_evictions_total "
        << cache->evictions
        << "\n# HELP view360_api_cache_entries Answers kept.\n# TYPE view360_api_cache_entries "
           "gauge\nview360_api_cache_entries "
        << cache->entries
        << "\n# HELP view360_api_cache_bytes Size of the answers kept.\n# TYPE "
           "view360_api_cache_bytes gauge\nview360_api_cache_bytes "
        << cache->bytes
        << "\n# HELP view360_api_cache_listening 1 while the server listens for warehouse changes "
           "(answers can be kept), 0 otherwise.\n# TYPE view360_api_cache_listening gauge\n"
           "view360_api_cache_listening "
        << (cache->listening ? 1 : 0)
        << "\n# HELP view360_api_cache_generation Changes heard (and reconnections) since the "
           "server started: grows after every committed write to the warehouse.\n# TYPE "
           "view360_api_cache_generation counter\nview360_api_cache_generation "
        << cache->generation << '\n';
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    out << "# HELP view360_api_requests_total API requests answered, by endpoint and status.\n"
           "# TYPE view360_api_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      out << "view360_api_requests_total{endpoint=\"" << key.first << "\",status=\"" << key.second
          << "\"} " << n << '\n';
    }
    out << "# HELP view360_api_request_duration_seconds API request latency, by endpoint.\n"
           "# TYPE view360_api_request_duration_seconds histogram\n";
    for (const auto& [route, series] : latency_) {
      const std::string label = "endpoint=\"" + route + "\"";
      for (size_t i = 0; i < kBucketCount; ++i) {
        out << "view360_api_request_duration_seconds_bucket{" << label << ",le=\""
            << Number(kBounds[i]) << "\"} " << series.buckets[i] << '\n';
      }
      out << "view360_api_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
          << series.count << '\n'
          << "view360_api_request_duration_seconds_sum{" << label << "} " << Number(series.sum)
          << '\n'
          << "view360_api_request_duration_seconds_count{" << label << "} " << series.count << '\n';
    }
  }
  if (connection == nullptr) return out.str();
  auto documents = connection->Query(
      "SELECT status, count(*) FROM view360.ingest_ledger GROUP BY status ORDER BY status");
  if (documents.ok()) {
    out << "# HELP view360_documents Documents in the receiver's ledger, by status.\n"
           "# TYPE view360_documents gauge\n";
    for (const auto& row : documents->rows) {
      out << "view360_documents{status=\"" << row[0].value_or("") << "\"} " << row[1].value_or("0")
          << '\n';
    }
  }
  auto runs = connection->Query(
      "SELECT count(*), coalesce(sum(documents_loaded), 0), coalesce(sum(documents_failed), 0), "
      "coalesce(sum(extract(epoch FROM finished_at - started_at)), 0), "
      "coalesce((SELECT extract(epoch FROM finished_at - started_at) FROM view360.ingest_runs "
      "WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1), 0) "
      "FROM view360.ingest_runs WHERE finished_at IS NOT NULL");
  if (runs.ok() && !runs->rows.empty()) {
    const auto& r = runs->rows[0];
    out << "# HELP view360_ingest_runs_total Finished ingest runs.\n"
           "# TYPE view360_ingest_runs_total counter\n"
           "view360_ingest_runs_total "
        << r[0].value_or("0")
        << "\n# HELP view360_ingest_documents_loaded_total Documents loaded by ingest runs.\n"
           "# TYPE view360_ingest_documents_loaded_total counter\n"
           "view360_ingest_documents_loaded_total "
        << r[1].value_or("0")
        << "\n# HELP view360_ingest_documents_failed_total Documents that failed in ingest runs.\n"
           "# TYPE view360_ingest_documents_failed_total counter\n"
           "view360_ingest_documents_failed_total "
        << r[2].value_or("0")
        << "\n# HELP view360_ingest_duration_seconds_total Time spent in ingest runs.\n"
           "# TYPE view360_ingest_duration_seconds_total counter\n"
           "view360_ingest_duration_seconds_total "
        << r[3].value_or("0")
        << "\n# HELP view360_ingest_last_run_duration_seconds Duration of the latest run.\n"
           "# TYPE view360_ingest_last_run_duration_seconds gauge\n"
           "view360_ingest_last_run_duration_seconds "
        << r[4].value_or("0") << '\n';
  }
  return out.str();
}

}  // namespace view360::serve
