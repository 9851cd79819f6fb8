// Caching and refreshing of fetched credentials, shared by every provider that fetches (STS,
// instance metadata, containers, credential_process).
//
// RefreshingProvider keeps the last credentials it fetched and fetches again when they expire
// within kRefreshMargin. Only one thread fetches at a time; while it does, other threads get the
// cached credentials if they have not expired yet, and otherwise wait for the fetch and share its
// result (credentials or error). A failed refresh while the cached credentials are still valid
// returns the cached ones (botocore's "advisory" refresh); the next Get() tries again.
// Credentials without an expiration are cached for good.
//
// Thread-safety: Get() may be called from any number of threads; Fetch() is never run by two
// threads at once and runs without the cache's lock held.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "aws/credentials.h"

namespace view360::aws {

// The current time. The seam that lets tests move time instead of sleeping.
using NowFunction = std::function<Clock::time_point()>;
NowFunction SystemNow();

// Fetch again when the cached credentials expire within this margin. botocore refreshes in two
// steps: "advisory" 15 minutes before expiry (a failure keeps the current credentials) and
// "mandatory" 10 minutes before (every caller waits; credentials.py
// _DEFAULT_ADVISORY_REFRESH_TIMEOUT / _DEFAULT_MANDATORY_REFRESH_TIMEOUT). We use one margin,
// 5 minutes: enough for a slow paginated call signed just before it, and short enough that
// 15-minute STS sessions (the AssumeRole minimum) are not refreshed on every call.
inline constexpr std::chrono::minutes kRefreshMargin{5};

class RefreshingProvider : public CredentialsProvider {
 public:
  explicit RefreshingProvider(NowFunction now = nullptr);

  // Cached credentials, or the result of Fetch() when none are cached or they expire within
  // kRefreshMargin. Fresh credentials that are already expired are an error (kFailedPrecondition);
  // a Fetch() that throws becomes kInternal (the exception's text is not kept: it may quote a
  // secret).
  Result<Credentials> Get() final;

 protected:
  // Fetches new credentials. kNotFound when the source has nothing to offer.
  virtual Result<Credentials> Fetch() = 0;

  Clock::time_point Now() const { return now_(); }

 private:
  Result<Credentials> FetchNoThrow();

  const NowFunction now_;
  std::mutex mu_;
  std::condition_variable fetched_;
  std::optional<Credentials> cached_;  // Guarded by mu_.
  bool fetching_ = false;              // Guarded by mu_.
  uint64_t fetch_count_ = 0;           // Guarded by mu_; bumped when a fetch ends.
  Status last_fetch_status_;           // Guarded by mu_; the status of the last fetch.
};

// Adds RefreshingProvider's cache to any provider.
class CachingProvider final : public RefreshingProvider {
 public:
  explicit CachingProvider(std::unique_ptr<CredentialsProvider> inner, NowFunction now = nullptr)
      : RefreshingProvider(std::move(now)), inner_(std::move(inner)) {}

 protected:
  Result<Credentials> Fetch() override { return inner_->Get(); }

 private:
  const std::unique_ptr<CredentialsProvider> inner_;
};

}  // namespace view360::aws
