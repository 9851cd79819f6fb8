// CategoryContext: what a category sees while it fills its section. It knows the target
// (account, region, tags), the window, and makes the AWS calls: in the document's region, or in
// another one (Support and Health live in us-east-1), counted per operation for the document's
// "view360" block and refused when the category did not declare the operation.
//
// DocumentLog is the document's `logs` section plus our error list, shared by the categories
// of one document: a sub-step failure marks its category "Fail" and appends {tag: text} to
// logs.message (the original's tags), and is also recorded with its AWS error code.
//
// Thread-safety: DocumentLog is thread-safe. A CategoryContext is used by one category at a
// time; its Call and Paginate may be called from several threads.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.h"
#include "collect/window.h"
#include "common/status.h"

namespace view360::collect {

struct ApiOperation;

// The account tags the original sender reads from its environment (CUSTOMER, PARTNER,
// CATEGORY, ENVIRONMENT, PRODUCT). Unset tags are written as null (fix of §g S13; the original
// wrote the string "None").
struct AccountTags {
  std::optional<std::string> customer;
  std::optional<std::string> partner;
  std::optional<std::string> category;
  std::optional<std::string> environment;
  std::optional<std::string> product;  // Comma-separated product names.
};

// Who and where one document is collected for.
struct Target {
  std::string account_id;   // 12 digits.
  std::string region;       // The document's region.
  bool home_region = true;  // Collects the account-wide categories (Scope::kAccount).
  std::string home;         // The home region's name.
  AccountTags tags;
  // Known from Organizations in pull mode (the original never filled them, §g S13).
  std::string account_name, account_email, account_arn, joined_method, joined_timestamp;
  std::string account_status;  // "" : "ACTIVE".
};

// The AWS clients of one account, one per region, made on first use.
class AccountClients {
 public:
  using Factory = std::function<std::unique_ptr<aws::AwsClient>(const std::string& region)>;
  explicit AccountClients(Factory factory) : factory_(std::move(factory)) {}
  aws::AwsClient& In(const std::string& region);
  // Summed over the regions' clients.
  aws::CallStats Stats() const;

 private:
  Factory factory_;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<aws::AwsClient>> clients_;  // Guarded by mu_.
};

// One recorded failure.
struct CollectError {
  std::string category;  // Log name ("security").
  std::string tag;       // The original's message tag ("guard_duty").
  std::string code;      // AWS error code ("AccessDeniedException"), or our status code name.
  std::string message;
};

class DocumentLog {
 public:
  // Marks `category` "Fail" and appends {tag: message}.
  void Fail(std::string_view category, std::string_view tag, const Status& status);
  // Appends {tag: text} without changing any status (the original's "Forecast unavailable").
  void Note(std::string_view category, std::string_view tag, std::string_view text,
            std::string_view code = "");

  // The `logs` section: the 16 statuses in order, then `message`.
  nlohmann::ordered_json Section() const;
  std::vector<CollectError> Errors() const;
  std::string StatusOf(std::string_view category) const;  // "Pass" or "Fail".

 private:
  mutable std::mutex mu_;
  std::map<std::string, bool, std::less<>> failed_;            // Guarded by mu_.
  std::vector<std::pair<std::string, std::string>> messages_;  // Guarded by mu_.
  std::vector<CollectError> errors_;                           // Guarded by mu_.
};

// Calls per "service:Operation", for the document's block.
class CallCounter {
 public:
  void Add(std::string_view service, std::string_view operation);
  std::map<std::string, int64_t> Snapshot() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, int64_t> calls_;  // Guarded by mu_.
};

class CategoryContext {
 public:
  CategoryContext(std::string_view category, std::span<const ApiOperation> declared,
                  const Target& target, const Window& window, AccountClients& clients,
                  DocumentLog& log, CallCounter& counter);

  const Target& target() const { return target_; }
  const Window& window() const { return window_; }
  const std::string& account_id() const { return target_.account_id; }
  const std::string& region() const { return target_.region; }
  std::string_view category() const { return category_; }

  // One call in `region` (empty: the document's region). kInternal when the category did not
  // declare the operation.
  Result<nlohmann::json> Call(std::string_view service, std::string_view operation,
                              const nlohmann::json& params, std::string_view region = {});
  // Every page, handed to on_page; stops at the first error (on_page's or AWS's).
  Status Paginate(std::string_view service, std::string_view operation,
                  const nlohmann::json& params,
                  const std::function<Status(const nlohmann::json&)>& on_page,
                  std::string_view region = {});

  // A sub-step failed: logs.message gets {tag: text}, the category becomes "Fail" (the worst
  // outcome wins, §g S2), and the category goes on.
  void Fail(std::string_view tag, const Status& status);
  DocumentLog& log() { return log_; }

 private:
  Status CheckDeclared(std::string_view service, std::string_view operation) const;
  aws::AwsClient& ClientIn(std::string_view region);

  std::string_view category_;
  std::span<const ApiOperation> declared_;
  const Target& target_;
  const Window& window_;
  AccountClients& clients_;
  DocumentLog& log_;
  CallCounter& counter_;
};

}  // namespace view360::collect
