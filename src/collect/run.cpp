#include "collect/run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

namespace view360::collect {
namespace {

using SteadyClock = std::chrono::steady_clock;

double Since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

int RunSummary::Count(std::string_view status) const {
  return static_cast<int>(
      std::count_if(accounts.begin(), accounts.end(),
                    [&](const AccountOutcome& a) { return a.status == status; }));
}

RunSummary RunCollection(const AccountList& list, const RunOptions& options,
                         const OpenAccount& open, const LandDocument& land,
                         const OnProgress& progress) {
  const auto started = SteadyClock::now();
  const int total = static_cast<int>(list.accounts.size());
  const int documents_per_account =
      static_cast<int>(options.windows.size() * options.regions.size());

  RunSummary summary;
  summary.accounts.resize(list.accounts.size());
  std::mutex mu;  // Guards the progress counters and serialises the callbacks.
  ProgressUpdate update;
  update.accounts_total = total;
  update.documents_total = total * documents_per_account;

  auto report = [&](int documents, int accounts, int64_t calls, int64_t throttled) {
    std::lock_guard<std::mutex> lock(mu);
    update.documents += documents;
    update.accounts_done += accounts;
    update.calls += calls;
    update.throttled += throttled;
    update.elapsed_seconds = Since(started);
    if (progress) progress(update);
  };

  auto collect_account = [&](size_t index) {
    const AccountInfo& account = list.accounts[index];
    AccountOutcome& outcome = summary.accounts[index];
    outcome.account = account;
    const auto account_started = SteadyClock::now();
    auto clients = open(account);
    if (!clients.ok()) {
      outcome.status = "failed";
      outcome.reason = clients.status().message();
      outcome.seconds = Since(account_started);
      report(0, 1, 0, 0);
      return;
    }
    std::set<std::string> failed;
    bool landing_failed = false;
    int attempted_categories = 0, failed_categories = 0;
    for (const Window& window : options.windows) {
      for (size_t r = 0; r < options.regions.size() && !landing_failed; ++r) {
        DocumentRequest request;
        request.target.account_id = account.id;
        request.target.region = options.regions[r];
        request.target.home = options.regions.front();
        request.target.home_region = r == 0;
        request.target.tags = options.tags;
        request.target.account_name = account.name;
        request.target.account_email = account.email;
        request.target.account_arn = account.arn;
        request.target.joined_method = account.joined_method;
        request.target.joined_timestamp = account.joined_timestamp;
        request.target.account_status = account.status;
        request.window = window;
        request.categories = options.categories;
        request.parallelism = options.category_parallelism;
        request.mode = options.mode;
        CollectedDocument document = CollectDocument(request, **clients);
        for (const auto& c : document.categories) {
          if (c.status == "Skipped") continue;
          ++attempted_categories;
          if (c.status == "Fail") {
            ++failed_categories;
            failed.insert(c.name);
          }
        }
        // The first error of a failed category says why (notes such as an unavailable
        // forecast do not fail their category).
        for (const CollectError& e : document.errors) {
          if (!outcome.reason.empty() || !failed.contains(e.category)) continue;
          outcome.reason = e.category + ": " + e.message;
        }
        int64_t calls = 0;
        for (const auto& [op, n] : document.calls) calls += n;
        outcome.calls += calls;
        outcome.cost_explorer_requests += document.cost_explorer_requests;
        Status landed = land(document);
        if (landed.ok()) {
          ++outcome.documents;
        } else {
          landing_failed = true;
          outcome.reason = "landing " + document.key + ": " + landed.message();
        }
        report(landed.ok() ? 1 : 0, 0, calls, 0);
      }
    }
    const aws::CallStats stats = (*clients)->Stats();
    outcome.throttled = stats.throttled;
    outcome.retries = stats.retries;
    outcome.failed_categories.assign(failed.begin(), failed.end());
    if (landing_failed || (attempted_categories > 0 && failed_categories == attempted_categories)) {
      outcome.status = "failed";
    } else {
      outcome.status = failed.empty() ? "ok" : "partial";
      if (failed.empty()) outcome.reason.clear();
    }
    outcome.seconds = Since(account_started);
    report(0, 1, 0, stats.throttled);
  };

  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < list.accounts.size(); i = next++) collect_account(i);
  };
  {
    const int threads = std::max(1, std::min(options.parallel_accounts, total));
    std::vector<std::jthread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
    worker();
  }

  for (const SkippedAccount& skipped : list.skipped) {
    AccountOutcome outcome;
    outcome.account = skipped.account;
    outcome.status = "skipped";
    outcome.reason = skipped.reason;
    summary.accounts.push_back(std::move(outcome));
  }
  for (const AccountOutcome& a : summary.accounts) {
    summary.documents += a.documents;
    summary.calls += a.calls;
    summary.throttled += a.throttled;
    summary.retries += a.retries;
    summary.cost_explorer_requests += a.cost_explorer_requests;
  }
  summary.seconds = Since(started);
  return summary;
}

}  // namespace view360::collect
