// Status and Result<T>: how every module reports an expected failure to its caller.
//
// No exception crosses a module boundary; a function that can fail returns a Status (no value)
// or a Result<T> (a value or a Status). A Status carries a code that tells the caller what to
// do about it and a message for a human that names what was attempted and what to check.
// Messages must never contain secrets (credentials, passwords, tokens).
//
// Thread-safety: plain values; safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace view360 {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // The caller's input is wrong: fix it, do not retry.
  kNotFound,            // The thing asked for does not exist.
  kAlreadyExists,       // Creating something that is already there.
  kPermissionDenied,    // Credentials or OS permissions refuse the action.
  kFailedPrecondition,  // The system is not in a state that allows the action (say which).
  kUnavailable,         // Transient (connection refused, reset, 5xx): retry with backoff.
  kResourceExhausted,   // Throttled or out of quota: retry later, more slowly.
  kDeadlineExceeded,    // Timed out; the action may or may not have happened.
  kInternal,            // A bug or an invariant broken: report it.
};

// "OK", "INVALID_ARGUMENT", ...
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  // reason: the origin's own error code, for callers that act on it (an AWS error code such
  // as "AccessDeniedException", a SQLSTATE).
  Status(StatusCode code, std::string message, std::string reason)
      : code_(code), message_(std::move(message)), reason_(std::move(reason)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& reason() const { return reason_; }
  // "INVALID_ARGUMENT: message", or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "context: message"; the code is kept.
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string reason_;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgumentError(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status NotFoundError(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status FailedPreconditionError(std::string m) {
  return Status(StatusCode::kFailedPrecondition, std::move(m));
}
inline Status PermissionDeniedError(std::string m) {
  return Status(StatusCode::kPermissionDenied, std::move(m));
}
inline Status UnavailableError(std::string m) {
  return Status(StatusCode::kUnavailable, std::move(m));
}
inline Status InternalError(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design.
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) status_ = InternalError("Result constructed from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Precondition: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace view360

#define VIEW360_CONCAT_INNER(a, b) a##b
#define VIEW360_CONCAT(a, b) VIEW360_CONCAT_INNER(a, b)

// Early return on failure, for functions that return Status or Result<U>.
#define VIEW360_RETURN_IF_ERROR(expr) \
  VIEW360_RETURN_IF_ERROR_IMPL(VIEW360_CONCAT(view360_status_, __LINE__), expr)
#define VIEW360_RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                          \
    ::view360::Status tmp = (expr);             \
    if (!tmp.ok()) return tmp;                  \
  } while (0)
// VIEW360_ASSIGN_OR_RETURN(auto conn, Connect(info)); returns the Status when the Result failed.
#define VIEW360_ASSIGN_OR_RETURN(lhs, expr) \
  VIEW360_ASSIGN_OR_RETURN_IMPL(VIEW360_CONCAT(view360_result_, __LINE__), lhs, expr)
#define VIEW360_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()
