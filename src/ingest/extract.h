// Extraction: one document's bytes → the rows it feeds, as COPY text for the staging table,
// after checking every value against its column (convert.h). A document with any problem
// stages nothing; its issues name JSON paths.
//
// Staging table layout (upsert_sql.h creates it): doc, t (index in Tables()), seq (row order
// in the document), parent (the parent row's natural key, see Parent), c1..cN (the spec's
// columns in order, as text).
//
// Thread-safety: Extract may run on many threads at once (it keeps no state).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/catalog.h"

namespace view360::ingest {

// Staged value columns: the widest table (ri_sp_daily_savings) has 31.
inline constexpr int kStageColumns = 32;

// Refuse more than this many nested levels (hostile documents); simdjson's own limit is 1024.
inline constexpr size_t kMaxDepth = 64;

struct Issue {
  std::string path;     // "$.security.kms[3].enabled", or "$" for the whole document.
  std::string message;  // "expected a boolean, got string"
  std::string ToString() const { return path + ": " + message; }
};

struct ExtractOptions {
  int64_t doc_number = 0;  // The staged rows' `doc`; increases in document order.
  // The logs row's date_created when the document has neither logs.date_created nor
  // view360.collected_at: the object's upload time ("2025-09-15T10:20:30Z").
  std::string fallback_time;
  size_t max_issues = 20;
};

struct StagedDocument {
  std::vector<Issue> issues;    // Not empty: invalid, nothing staged.
  std::string copy_rows;        // COPY text lines for the staging table.
  std::vector<int> row_counts;  // Rows per table, indexed like Tables().
  std::string account_id;       // account.account_id and account.region, as in the document.
  std::string region;
  bool ok() const { return issues.empty(); }
};

StagedDocument Extract(std::string_view json, const Catalog& catalog,
                       const ExtractOptions& options);

}  // namespace view360::ingest
