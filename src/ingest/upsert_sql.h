// The SQL that moves staged rows (extract.h) into the View360 v2 tables, set-based: for each
// table one statement that keeps the last staged row per natural key and upserts them all.
//  - Tables whose key is a DB constraint: INSERT … ON CONFLICT (key) DO UPDATE … WHERE some
//    column changed.
//  - Tables whose key the original only emulated (§f.5, no constraint): UPDATE … FROM the
//    staged rows where something changed, then INSERT those whose key is not there; key
//    columns that may be NULL also match NULL (R6; written so that an index can answer it).
//    Receivers serialise on the advisory lock of the documents' (account, region) that the
//    loader takes (loader.h), so two never insert the same account's key at once.
//  - updated_at is set on update where the table has one and the document does not feed it.
// Every statistics statement returns one row: table index, rows staged (distinct keys),
// created, updated, deleted. "Unchanged" is staged - created - updated.
//
// Thread-safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "ingest/catalog.h"

namespace view360::ingest {

// Creates the session's staging tables (idempotent; emptied at every commit or rollback).
std::string StageTablesSql();

// COPY statement that fills the staging table.
std::string StageCopySql();

class UpsertScript {
 public:
  explicit UpsertScript(const Catalog& catalog);

  // The statements for a batch in which table t has staged rows when present[t] (indexed like
  // Tables()), separated by ";\n". Starts with the account upsert; `accounts` must be present.
  // *statement_tables gets, per statement, the table it writes (-1 for locks and bookkeeping), to
  // name the table of a failing statement.
  std::string ForBatch(const std::vector<bool>& present, std::vector<int>* statement_tables) const;

  // The statement of one table (for tests and docs).
  const std::string& Statement(int table) const { return statements_[table]; }

 private:
  std::vector<std::string> statements_;  // Indexed like Tables().
  std::string docs_;                     // Fills ingest_docs after the accounts upsert.
};

}  // namespace view360::ingest
