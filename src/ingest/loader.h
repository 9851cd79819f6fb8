// Loader: loads staged documents into the warehouse over one connection, each batch in one
// transaction together with its ledger rows (exactly once, docs/ingest.md):
//   1. BEGIN; the advisory locks of the documents' (account, region) are taken with
//      pg_try_advisory_xact_lock (a batch may hold documents of several accounts): when
//      another receiver holds one, it is loading that account's documents in key order, and
//      they are left to it (kClaimedElsewhere); the other accounts' documents go on;
//   2. ledger rows are created for new keys (status 'pending') and the batch's are claimed
//      with FOR UPDATE SKIP LOCKED: one already loaded with the same SHA-256 is skipped;
//   3. COPY of the staged rows; the upsert script (upsert_sql.h); ledger rows 'loaded' with
//      their sizes, hashes and row counts; COMMIT.
// A lost connection, a deadlock or a serialization failure rolls back and retries the batch on
// a new connection. A data error (a value the database refuses) rolls back and loads the
// batch's documents one per transaction, so only the document at fault fails.
//
// Thread-safety: one Loader per thread (it owns its connection).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "ingest/catalog.h"
#include "ingest/extract.h"
#include "ingest/upsert_sql.h"
#include "warehouse/connection.h"

namespace view360::ingest {

using ConnectionFactory = std::function<Result<warehouse::Connection>()>;

// Rows per table, over any number of batches.
struct TableStats {
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t deleted = 0;
};
struct LoadStats {
  std::vector<TableStats> tables;  // Indexed like Tables(); sized on first Add.
  void Add(const LoadStats& other);
  TableStats Total() const;
};

// A document read, hashed and staged, waiting for its transaction.
struct PendingDocument {
  std::string key;  // Ledger key: the object key under the source.
  int64_t size = 0;
  std::string sha256;
  std::string etag;
  StagedDocument staged;
};

enum class Outcome {
  kLoaded,            // Committed with its rows.
  kAlreadyLoaded,     // The ledger has the same content loaded: nothing written.
  kClaimedElsewhere,  // Another receiver holds it, or its account, now.
  kFailed,            // Refused: error says why; nothing of it is in the tables.
};

struct DocumentResult {
  Outcome outcome = Outcome::kFailed;
  Issue error;  // kFailed: the path ("$.service" for the section of a refused table) and reason.
};

// Test seam: runs inside the transaction just before COMMIT.
using BeforeCommitHook = std::function<void(warehouse::Connection&)>;

class Loader {
 public:
  // Opens a connection and creates the staging tables. catalog (copied) is the warehouse's,
  // read once per run; when null, it is read on the new connection.
  static Result<std::unique_ptr<Loader>> Open(ConnectionFactory connect, std::string source,
                                              int64_t run_id, const Catalog* catalog = nullptr);

  // Loads docs (all staged without issues). results gets one entry per document; stats the
  // batch's row statistics. An error return means the warehouse could not be reached after
  // retries: nothing of the batch is committed.
  Status LoadBatch(const std::vector<const PendingDocument*>& docs,
                   std::vector<DocumentResult>* results, LoadStats* stats);

  // Records a document that failed before its transaction (invalid, too large, unreadable).
  Status RecordFailure(const PendingDocument& doc, const std::vector<Issue>& issues);

  const Catalog& catalog() const { return catalog_; }
  void set_before_commit(BeforeCommitHook hook) { before_commit_ = std::move(hook); }

 private:
  Loader(ConnectionFactory connect, std::string source, int64_t run_id, Catalog catalog,
         warehouse::Connection connection);

  // One attempt: the whole batch in one transaction.
  Status TryBatch(const std::vector<const PendingDocument*>& docs,
                  std::vector<DocumentResult>* results, LoadStats* stats, int* failed_table);
  Status Reconnect();

  ConnectionFactory connect_;
  std::string source_;
  int64_t run_id_;
  Catalog catalog_;
  UpsertScript script_;
  warehouse::Connection connection_;
  BeforeCommitHook before_commit_;
};

// A PostgreSQL text[] literal ("{\"a\",\"b\"}") of items.
std::string TextArray(const std::vector<std::string>& items);

}  // namespace view360::ingest
