#include "aws/credential_cache.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "aws/credential_internal.h"

namespace view360::aws {
namespace {

bool Expired(const Credentials& credentials, Clock::time_point now) {
  return credentials.expiration && *credentials.expiration <= now;
}

bool NeedsRefresh(const Credentials& credentials, Clock::time_point now) {
  return credentials.expiration && *credentials.expiration - now < kRefreshMargin;
}

}  // namespace

NowFunction SystemNow() {
  return [] { return Clock::now(); };
}

RefreshingProvider::RefreshingProvider(NowFunction now)
    : now_(now ? std::move(now) : SystemNow()) {}

Result<Credentials> RefreshingProvider::FetchNoThrow() {
  try {
    return Fetch();
  } catch (const std::exception&) {
    return InternalError(
        "fetching credentials threw an exception (its text is not shown: it "
        "may quote a secret)");
  } catch (...) {
    return InternalError("fetching credentials threw a non-standard exception");
  }
}

Result<Credentials> RefreshingProvider::Get() {
  std::unique_lock lock(mu_);
  if (cached_ && !NeedsRefresh(*cached_, now_())) return *cached_;
  if (fetching_) {
    // Another thread is fetching: use what we have while it is valid, else wait for that fetch.
    if (cached_ && !Expired(*cached_, now_())) return *cached_;
    const uint64_t waited_for = fetch_count_;
    fetched_.wait(lock, [&] { return fetch_count_ != waited_for; });
    if (cached_ && !Expired(*cached_, now_())) return *cached_;
    if (!last_fetch_status_.ok()) return last_fetch_status_;
    return FailedPreconditionError("credentials expired while being refreshed");
  }

  fetching_ = true;
  lock.unlock();
  Result<Credentials> fetched = FetchNoThrow();
  lock.lock();
  const Clock::time_point now = now_();
  if (fetched.ok() && Expired(*fetched, now)) {
    fetched = FailedPreconditionError(
        "the credentials just fetched from " + fetched->source + " expired at " +
        internal::FormatTimestamp(*fetched->expiration) + " (check the clock of this machine)");
  }
  fetching_ = false;
  ++fetch_count_;
  if (fetched.ok()) {
    cached_ = *fetched;
    last_fetch_status_ = OkStatus();
  } else {
    last_fetch_status_ = fetched.status();
  }
  fetched_.notify_all();
  if (!fetched.ok() && cached_ && !Expired(*cached_, now)) {
    spdlog::warn("refreshing AWS credentials {} failed, using them until they expire: {}",
                 cached_->Describe(), fetched.status().ToString());
    return *cached_;
  }
  return fetched;
}

}  // namespace view360::aws
