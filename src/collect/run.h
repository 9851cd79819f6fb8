// A collection run: every account x window x region, with bounded concurrency, ending with a
// summary per account.
//
// Accounts run in parallel (parallel_accounts at once); inside an account its documents are
// collected one after another, each with its categories in parallel, and each document is
// handed to `land` as soon as it is complete and then dropped. So a run holds at most
// parallel_accounts documents, whatever the size of the organisation. Calls in flight per
// account and per-API token buckets are bounded by the clients (aws/rate_limiter.h).
//
// An account that cannot be opened (a denied role), whose categories fail, or whose documents
// cannot be landed is recorded and the others go on; RunCollection itself never fails.
//
// Thread-safety: the callbacks are called from worker threads, one call at a time per callback
// (the runner serialises them).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "collect/accounts.h"
#include "collect/collect_document.h"
#include "collect/context.h"
#include "collect/window.h"

namespace view360::collect {

struct RunOptions {
  std::vector<Window> windows;          // One per document period (backfill: many).
  std::vector<std::string> regions;     // Regions collected; the first is the home region.
  std::vector<std::string> categories;  // Log names; empty: all.
  AccountTags tags;
  std::string mode = "push";  // "push" or "pull".
  int parallel_accounts = 8;
  int category_parallelism = 6;
};

struct AccountOutcome {
  AccountInfo account;
  std::string status;  // "ok", "partial" (some categories failed), "failed", "skipped".
  std::string reason;  // Why not ok: the first error, or why it was skipped.
  int documents = 0;   // Landed.
  std::vector<std::string> failed_categories;
  int64_t calls = 0, throttled = 0, retries = 0, cost_explorer_requests = 0;
  double seconds = 0;
};

struct RunSummary {
  std::vector<AccountOutcome> accounts;  // In the order given (skipped ones last).
  int documents = 0;
  int64_t calls = 0, throttled = 0, retries = 0, cost_explorer_requests = 0;
  double seconds = 0;
  int Count(std::string_view status) const;
};

struct ProgressUpdate {
  int accounts_done = 0, accounts_total = 0;
  int documents = 0, documents_total = 0;
  int64_t calls = 0, throttled = 0;
  double elapsed_seconds = 0;
};

// Clients acting in `account`, or why it cannot be reached.
using OpenAccount =
    std::function<Result<std::unique_ptr<AccountClients>>(const AccountInfo& account)>;
// Stores one finished document (its key and body); an error fails the account.
using LandDocument = std::function<Status(const CollectedDocument& document)>;
using OnProgress = std::function<void(const ProgressUpdate& update)>;

RunSummary RunCollection(const AccountList& accounts, const RunOptions& options,
                         const OpenAccount& open, const LandDocument& land,
                         const OnProgress& progress = {});

}  // namespace view360::collect
