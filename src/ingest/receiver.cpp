#include "ingest/receiver.h"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "common/hash.h"
#include "ingest/tables.h"

namespace view360::ingest {
namespace {

constexpr char kDataFolder[] = "data/";

// A batch closes at this many bytes of documents (at least one document), whatever
// batch_documents says: their staged rows are held in memory until the commit.
constexpr int64_t kMaxBatchBytes = 64LL * 1024 * 1024;

std::string NowIso() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string HostName() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof(buffer) - 1) != 0) return "unknown";
  return buffer;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct LedgerEntry {
  std::string status, sha256, etag;
};

// A document to look at, in discovery order.
struct Candidate {
  store::ObjectInfo info;
  int64_t number = 0;  // Position in discovery order: later documents win within a batch.
};

class Run {
 public:
  Run(const IngestOptions& options, IngestSummary* summary)
      : options_(options), summary_(summary) {}

  Status Execute() {
    const auto start = std::chrono::steady_clock::now();
    start_ = start;
    VIEW360_ASSIGN_OR_RETURN(auto admin, options_.connect());
    summary_->source = options_.store ? options_.store->location() : "files";
    VIEW360_ASSIGN_OR_RETURN(
        auto run_id,
        admin.QueryValue("INSERT INTO view360.ingest_runs (source, host) VALUES ($1, $2) "
                         "RETURNING id",
                         {summary_->source, HostName()}));
    summary_->run_id = std::stoll(*run_id);
    VIEW360_RETURN_IF_ERROR(Discover());
    VIEW360_RETURN_IF_ERROR(ReadLedger(admin));
    VIEW360_ASSIGN_OR_RETURN(auto catalog, Catalog::Load(admin));  // Once, for every worker.
    catalog_ = std::move(catalog);
    progress_.total = summary_->documents;

    std::vector<std::thread> workers;
    std::vector<Status> errors(static_cast<size_t>(std::max(1, options_.jobs)));
    const int jobs = std::max(1, std::min<int>(options_.jobs, static_cast<int>(groups_.size())));
    for (int w = 0; w < jobs; ++w) {
      workers.emplace_back([this, w, &errors] { errors[w] = Work(); });
    }
    for (auto& worker : workers) worker.join();
    CompactRollups(admin);
    summary_->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto total = summary_->stats.Total();
    (void)admin.Query(
        "UPDATE view360.ingest_runs SET finished_at = now(), documents_loaded = $2, "
        "documents_skipped = $3, documents_failed = $4, rows_created = $5, rows_updated = $6, "
        "rows_unchanged = $7 WHERE id = $1",
        {std::to_string(summary_->run_id), std::to_string(summary_->loaded),
         std::to_string(summary_->already_loaded + summary_->claimed_elsewhere),
         std::to_string(summary_->failed), std::to_string(total.created),
         std::to_string(total.updated), std::to_string(total.unchanged)});
    for (const auto& error : errors) {
      if (!error.ok()) return error;
    }
    return OkStatus();
  }

 private:
  Status Discover() {
    std::vector<store::ObjectInfo> found;
    if (options_.store) {
      VIEW360_ASSIGN_OR_RETURN(found, options_.store->List(kDataFolder));
    } else {
      for (const auto& file : options_.files) {
        std::error_code ec;
        const auto path = std::filesystem::absolute(file, ec).lexically_normal();
        store::ObjectInfo info;
        info.key = path.string();
        const auto size = std::filesystem::file_size(path, ec);
        if (ec) return NotFoundError("cannot read " + file + ": " + ec.message());
        info.size = static_cast<int64_t>(size);
        found.push_back(std::move(info));
      }
    }
    std::string group_key;
    for (auto& info : found) {
      // R10: only documents; the original's folder markers and any other file stay.
      if (!EndsWith(info.key, ".json") || EndsWith(info.key, ".error.json")) continue;
      const std::string folder = options_.store ? info.key.substr(0, info.key.rfind('/') + 1) : "";
      if (groups_.empty() || folder != group_key) {
        groups_.emplace_back();
        group_key = folder;
      }
      groups_.back().push_back(Candidate{std::move(info), summary_->documents++});
    }
    return OkStatus();
  }

  // Moves the deltas that this run's statements (and any other writer's) appended to the
  // all-accounts rollups into their base tables (migration 0006), so that the API sums a few
  // rows. Never waits: when another receiver is compacting, that one moves them. A failure
  // leaves them for the next run, and the rollups stay right meanwhile.
  void CompactRollups(warehouse::Connection& admin) {
    auto moved = admin.QueryValue("SELECT view360.compact_rollups()");
    if (!moved.ok()) Warn("compact the rollups: " + moved.status().message() + " (next run)");
  }

  Status ReadLedger(warehouse::Connection& admin) {
    std::vector<std::string> keys;
    for (const auto& group : groups_) {
      for (const auto& c : group) keys.push_back(c.info.key);
    }
    if (keys.empty()) return OkStatus();
    VIEW360_ASSIGN_OR_RETURN(
        auto rows, admin.Query("SELECT object_key, status, sha256, etag FROM view360.ingest_ledger "
                               "WHERE source = $1 AND object_key = ANY($2::text[])",
                               {summary_->source, TextArray(keys)}));
    for (const auto& row : rows.rows) {
      ledger_[*row[0]] = {*row[1], row[2].value_or(""), row[3].value_or("")};
    }
    return OkStatus();
  }

  // A run of documents of one folder: group[start, end).
  struct Slice {
    size_t group = 0, start = 0, end = 0;
  };

  // Each batch takes the next documents of the worker's folder in progress, then of the next
  // folders it takes, up to batch_documents (and kMaxBatchBytes): a batch may span folders, and
  // each folder is still loaded in key order by one worker. Fewer, larger transactions: every
  // batch costs about thirty statements to plan and run, however few its rows.
  Status Work() {
    auto loader_or = Loader::Open(options_.connect, summary_->source, summary_->run_id, &*catalog_);
    if (!loader_or.ok()) return loader_or.status();
    auto loader = std::move(*loader_or);
    if (options_.before_commit) loader->set_before_commit(options_.before_commit);
    const size_t batch = static_cast<size_t>(std::max(1, options_.batch_documents));
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t current = kNone;  // The folder in progress, and its next document.
    size_t next = 0;
    bool no_more_groups = false;
    while (true) {
      std::vector<Slice> slices;
      size_t count = 0;
      int64_t bytes = 0;
      while (count < batch && (count == 0 || bytes < kMaxBatchBytes)) {
        if (current == kNone || next >= groups_[current].size()) {
          // A new folder: not after a stop request.
          if (no_more_groups || (options_.stop && options_.stop->load())) break;
          current = next_group_++;
          next = 0;
          if (current >= groups_.size()) {
            current = kNone;
            no_more_groups = true;
            break;
          }
          continue;
        }
        const auto& group = groups_[current];
        size_t end = next;
        while (end < group.size() && count < batch && (count == 0 || bytes < kMaxBatchBytes)) {
          bytes += group[end++].info.size;
          ++count;
        }
        slices.push_back(Slice{current, next, end});
        next = end;
      }
      if (slices.empty()) break;
      std::set<size_t> busy;
      VIEW360_RETURN_IF_ERROR(LoadChunk(*loader, slices, &busy));
      // Another receiver is loading the folder in progress: the rest of it is left to it.
      if (current != kNone && busy.count(current)) {
        for (; next < groups_[current].size(); ++next) {
          PendingDocument left;
          left.key = groups_[current][next].info.key;
          Count(Outcome::kClaimedElsewhere, left);
        }
      }
    }
    return OkStatus();
  }

  // Loads the slices' documents in one batch. *busy: the groups whose documents were all
  // claimed elsewhere (their account locked by another receiver, which then loads the rest of
  // the folder too).
  Status LoadChunk(Loader& loader, const std::vector<Slice>& slices, std::set<size_t>* busy) {
    std::vector<PendingDocument> pending;
    std::vector<size_t> pending_group;
    for (const Slice& slice : slices) {
      const auto& group = groups_[slice.group];
      for (size_t i = slice.start; i < slice.end; ++i) {
        auto doc = Prepare(loader, group[i]);
        if (!doc.ok()) return doc.status();
        if (!doc->has_value()) continue;
        pending.push_back(std::move(**doc));
        pending_group.push_back(slice.group);
      }
    }
    if (pending.empty()) return OkStatus();
    std::vector<const PendingDocument*> docs;
    for (const auto& doc : pending) docs.push_back(&doc);
    std::vector<DocumentResult> results;
    LoadStats stats;
    VIEW360_RETURN_IF_ERROR(loader.LoadBatch(docs, &results, &stats));
    {
      std::lock_guard<std::mutex> lock(mu_);
      summary_->stats.Add(stats);
    }
    std::map<size_t, bool> all_elsewhere;  // By group, over its documents in the batch.
    for (size_t i = 0; i < pending.size(); ++i) {
      auto [it, inserted] = all_elsewhere.emplace(pending_group[i], true);
      it->second = it->second && results[i].outcome == Outcome::kClaimedElsewhere;
    }
    for (const auto& [group, elsewhere] : all_elsewhere) {
      if (elsewhere) busy->insert(group);
    }
    for (size_t i = 0; i < pending.size(); ++i) {
      std::vector<Issue> issues;
      if (results[i].outcome == Outcome::kFailed) issues.push_back(results[i].error);
      Settle(loader, pending[i], results[i].outcome, issues, /*recorded=*/true);
    }
    return OkStatus();
  }

  // Reads, hashes and stages one document. nullopt when it is already settled: loaded before
  // (same ETag or SHA-256), too large, unreadable or invalid.
  Result<std::optional<PendingDocument>> Prepare(Loader& loader, const Candidate& candidate) {
    PendingDocument doc;
    doc.key = candidate.info.key;
    doc.size = candidate.info.size;
    doc.etag = options_.store ? candidate.info.etag : "";
    auto known = ledger_.find(doc.key);
    const bool was_loaded = known != ledger_.end() && known->second.status == "loaded";
    if (was_loaded && !doc.etag.empty() && known->second.etag == doc.etag) {
      Settle(loader, doc, Outcome::kAlreadyLoaded, {});
      return std::optional<PendingDocument>();
    }
    if (doc.size > options_.max_document_size) {
      Settle(loader, doc, Outcome::kFailed, {TooLarge(doc.size)});
      return std::optional<PendingDocument>();
    }
    auto bytes = Read(doc.key);
    if (!bytes.ok()) {
      Warn("read " + doc.key + ": " + bytes.status().message() + " (left for the next run)");
      Count(Outcome::kClaimedElsewhere, doc);
      return std::optional<PendingDocument>();
    }
    doc.size = static_cast<int64_t>(bytes->size());
    if (doc.size > options_.max_document_size) {
      Settle(loader, doc, Outcome::kFailed, {TooLarge(doc.size)});
      return std::optional<PendingDocument>();
    }
    doc.sha256 = Sha256Hex(*bytes);
    if (was_loaded && known->second.sha256 == doc.sha256) {
      Settle(loader, doc, Outcome::kAlreadyLoaded, {});
      return std::optional<PendingDocument>();
    }
    ExtractOptions extract;
    extract.doc_number = candidate.number;
    extract.fallback_time =
        candidate.info.last_modified.empty() ? NowIso() : candidate.info.last_modified;
    doc.staged = Extract(*bytes, loader.catalog(), extract);
    if (!doc.staged.ok()) {
      VIEW360_RETURN_IF_ERROR(loader.RecordFailure(doc, doc.staged.issues));
      Settle(loader, doc, Outcome::kFailed, doc.staged.issues, /*recorded=*/true);
      return std::optional<PendingDocument>();
    }
    return std::optional<PendingDocument>(std::move(doc));
  }

  Issue TooLarge(int64_t size) const {
    return {"$", "the document is " + std::to_string(size) + " bytes, over the limit of " +
                     std::to_string(options_.max_document_size) + " (--max-document-size)"};
  }

  Result<std::string> Read(const std::string& key) {
    if (options_.store) return options_.store->Get(key);
    std::ifstream in(key, std::ios::binary);
    if (!in) return NotFoundError("cannot open " + key);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  // Records the outcome, and moves the document where it belongs.
  void Settle(Loader& loader, const PendingDocument& doc, Outcome outcome,
              const std::vector<Issue>& issues, bool recorded = false) {
    if (outcome == Outcome::kFailed && !recorded) {
      if (Status s = loader.RecordFailure(doc, issues); !s.ok()) {
        Warn("ledger for " + doc.key + ": " + s.message());
      }
    }
    if (options_.store && outcome != Outcome::kClaimedElsewhere) {
      if (outcome == Outcome::kFailed) {
        const std::string failed = DestinationKey(doc.key, "failed/");
        nlohmann::json report = {{"object_key", doc.key}, {"source", summary_->source},
                                 {"failed_at", NowIso()}, {"size", doc.size},
                                 {"sha256", doc.sha256},  {"errors", nlohmann::json::array()}};
        for (const auto& issue : issues) {
          report["errors"].push_back({{"path", issue.path}, {"message", issue.message}});
        }
        Status s = options_.store->Put(ErrorFileKey(failed), report.dump(2) + "\n");
        if (s.ok()) s = options_.store->Move(doc.key, failed);
        if (!s.ok()) Warn("move " + doc.key + " to failed/: " + s.message());
      } else {
        Status s = options_.store->Move(doc.key, DestinationKey(doc.key, "loaded/"));
        if (!s.ok() && s.code() != StatusCode::kNotFound) {
          Warn("move " + doc.key + " to loaded/: " + s.message() + " (moved next run)");
        }
      }
    }
    if (outcome == Outcome::kFailed) {
      std::lock_guard<std::mutex> lock(mu_);
      summary_->failures.push_back({doc.key, issues});
    }
    Count(outcome, doc);
  }

  void Count(Outcome outcome, const PendingDocument& doc) {
    std::lock_guard<std::mutex> lock(mu_);
    switch (outcome) {
      case Outcome::kLoaded: {
        ++summary_->loaded;
        ++progress_.loaded;
        int64_t rows = 0;
        for (int n : doc.staged.row_counts) rows += n;
        summary_->rows += rows;
        summary_->bytes += doc.size;
        progress_.rows += rows;
        break;
      }
      case Outcome::kAlreadyLoaded:
        ++summary_->already_loaded;
        break;
      case Outcome::kClaimedElsewhere:
        ++summary_->claimed_elsewhere;
        break;
      case Outcome::kFailed:
        ++summary_->failed;
        ++progress_.failed;
        break;
    }
    ++progress_.done;
    progress_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (options_.on_progress) options_.on_progress(progress_);
  }

  void Warn(const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    summary_->warnings.push_back(message);
  }

  const IngestOptions& options_;
  IngestSummary* summary_;
  std::vector<std::vector<Candidate>> groups_;
  std::map<std::string, LedgerEntry> ledger_;
  std::optional<Catalog> catalog_;
  std::atomic<size_t> next_group_{0};
  std::mutex mu_;
  IngestProgress progress_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

std::string DestinationKey(const std::string& key, const std::string& folder) {
  if (key.rfind(kDataFolder, 0) == 0) return folder + key.substr(sizeof(kDataFolder) - 1);
  return folder + key;
}

std::string ErrorFileKey(const std::string& failed_key) {
  if (EndsWith(failed_key, ".json")) {
    return failed_key.substr(0, failed_key.size() - 5) + ".error.json";
  }
  return failed_key + ".error.json";
}

Result<IngestSummary> RunIngest(const IngestOptions& options) {
  IngestSummary summary;
  Run run(options, &summary);
  VIEW360_RETURN_IF_ERROR(run.Execute());
  return summary;
}

}  // namespace view360::ingest
