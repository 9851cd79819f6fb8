// One document: every category for one (account, region, window), run concurrently, assembled
// into View360 v2 text with our "view360" block (docs/document.md).
//
// A category that fails is recorded in `logs` (status "Fail", {tag: error}) and in our block
// with its AWS error code; the other categories go on. In a region that is not the account's
// home region, account-wide categories (Scope::kAccount) are not collected: their sections keep
// the empty value and our block lists them as "skipped" (§g S14: no double counting).
//
// Thread-safety: CollectDocument may run for many targets at once; `clients` may be shared by
// the documents of one account.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "collect/context.h"
#include "collect/window.h"

namespace view360::collect {

struct DocumentRequest {
  Target target;
  Window window;
  std::vector<std::string> categories;  // Log names to collect; empty: all.
  int parallelism = 6;                  // Categories running at once.
  std::string mode = "push";            // "push" or "pull", for the block.
};

struct CategoryResult {
  std::string name;
  std::string status;  // "Pass", "Fail", or "Skipped" (not collected in this region / not asked).
  double seconds = 0;
};

struct CollectedDocument {
  std::string key;   // ObjectKey(...)
  std::string body;  // The document's text.
  std::vector<CategoryResult> categories;
  std::vector<CollectError> errors;
  std::map<std::string, int64_t> calls;  // "service:Operation" -> requests (pages included).
  int64_t cost_explorer_requests = 0;
  bool complete() const;  // No category failed.
};

// data/{account_id}/{region}/{YYYY-MM-DD}_{INTERVAL}.json (specs/view360.md §a.2).
std::string ObjectKey(const std::string& account_id, const std::string& region,
                      const Window& window);

CollectedDocument CollectDocument(const DocumentRequest& request, AccountClients& clients);

}  // namespace view360::collect
