// The receiver run: finds the documents waiting under data/ in a store (or the files named),
// loads them on several connections, and moves each one to loaded/ or, with a sibling
// .error.json that says why, to failed/ (docs/ingest.md).
//
// Order and concurrency: documents are grouped by folder (data/{account}/{region}/), a group
// is loaded by one worker in key order (oldest first, so the newest document's values win).
// Workers take whole groups; a worker's batches of up to batch_documents per transaction take
// its groups' documents in that order and may span groups (the last group of a batch goes on
// in the next one). Each batch takes its documents' account locks first (loader.h); when
// another receiver holds one, that receiver is loading the folder, and the rest of it is left
// to it (claimed elsewhere) rather than committing newer documents before its older ones.
//
// Exactly once: the ledger (loader.h) decides; moves only follow it. A document whose move
// failed or never happened (a crash after COMMIT) is found again next run, recognised by its
// SHA-256 (or S3 ETag) as loaded, and only moved.
//
// Thread-safety: RunIngest may be called from one thread at a time per options object; it
// calls on_progress from its workers, one call at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "ingest/loader.h"
#include "store/object_store.h"

namespace view360::ingest {

inline constexpr int64_t kDefaultMaxDocumentSize = 256LL * 1024 * 1024;

struct IngestProgress {
  int64_t total = 0;  // Documents found.
  int64_t done = 0;   // Decided: loaded, skipped or failed.
  int64_t loaded = 0;
  int64_t failed = 0;
  int64_t rows = 0;  // Rows staged by the loaded documents.
  double seconds = 0;
};

struct IngestOptions {
  store::ObjectStore* store = nullptr;  // The documents under data/ here...
  std::vector<std::string> files;       // ...or these local files (never moved).
  ConnectionFactory connect;
  int jobs = 4;  // Connections loading at once.
  // Documents per transaction (a refused one is retried alone). Each batch costs about thirty
  // statements whatever its size: 64 took about a third less of the server's CPU than 16
  // (docs/PERFORMANCE.md).
  int batch_documents = 64;
  int64_t max_document_size = kDefaultMaxDocumentSize;
  const std::atomic<bool>* stop = nullptr;  // When set, workers take no new group.
  std::function<void(const IngestProgress&)> on_progress;
  BeforeCommitHook before_commit;  // Tests: runs inside each batch transaction.
};

struct FailedDocument {
  std::string key;
  std::vector<Issue> issues;
};

struct IngestSummary {
  std::string source;
  int64_t run_id = 0;
  int64_t documents = 0;       // Found.
  int64_t loaded = 0;          // Committed by this run.
  int64_t already_loaded = 0;  // Same content already in the ledger: only moved.
  int64_t claimed_elsewhere = 0;
  int64_t failed = 0;
  int64_t rows = 0;  // Rows staged by the loaded documents.
  int64_t bytes = 0;
  double seconds = 0;
  LoadStats stats;
  std::vector<FailedDocument> failures;
  std::vector<std::string> warnings;  // Moves and reads that did not work (retried next run).
};

// Fails only when the warehouse cannot be reached or the store cannot be listed; every
// document's own problem is in the summary.
Result<IngestSummary> RunIngest(const IngestOptions& options);

// Where a document goes after its load: "data/a/b.json" -> "loaded/a/b.json" (or "failed/…").
std::string DestinationKey(const std::string& key, const std::string& folder);
// "failed/a/b.json" -> "failed/a/b.error.json".
std::string ErrorFileKey(const std::string& failed_key);

}  // namespace view360::ingest
