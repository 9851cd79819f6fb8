// RepeatedFailures: one log message for a sub-step that fails for many items of a category (one
// Trusted Advisor check result, one managed instance's inventory), instead of one per item.
//
// The first failure is kept with its AWS error code; Report() marks the category "Fail" once
// with {tag: "<first error> (failed for N of M <items>)"} when anything failed.
//
// Thread-safety: not thread-safe; one per category run.
#pragma once

#include <string>
#include <string_view>

#include "collect/context.h"
#include "common/status.h"

namespace view360::collect {

class RepeatedFailures {
 public:
  explicit RepeatedFailures(std::string_view tag) : tag_(tag) {}

  void Add(const Status& status) {
    if (failed_++ == 0) first_ = status;
  }
  int failed() const { return failed_; }

  // Records the summary, if anything failed, for `items` attempted of kind `what` ("checks").
  void Report(CategoryContext& ctx, int items, std::string_view what) const {
    if (failed_ == 0) return;
    std::string message = first_.message();
    if (failed_ > 1 || items > 1) {
      message += " (failed for " + std::to_string(failed_) + " of " + std::to_string(items) + " " +
                 std::string(what) + ")";
    }
    ctx.Fail(tag_, Status(first_.code(), message, first_.reason()));
  }

 private:
  std::string tag_;
  int failed_ = 0;
  Status first_;
};

}  // namespace view360::collect
