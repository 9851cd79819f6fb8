// Paginating AWS list operations, a page at a time.
//
// Every token style AWS uses is a PaginatorConfig as in botocore's paginators-1.json:
// NextToken/NextToken, Marker/NextMarker, ContinuationToken/NextContinuationToken,
// nextPageToken, and IsTruncated flags (more_results). Output tokens may be simple paths
// ("NextToken", "Result.NextMarker"), fallbacks ("NextMarker || Contents[-1].Key") or the last
// element of a list ("Contents[-1].Key").
//
// Pages go to a callback as they arrive; nothing holds all pages in memory.
//
// Thread-safety: Paginate is reentrant; it calls `call` and `on_page` on the caller's thread.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/status.h"

namespace view360::aws {

struct PaginatorConfig {
  std::vector<std::string> input_tokens;   // Request members that take the tokens.
  std::vector<std::string> output_tokens;  // Response expressions that give them.
  std::string more_results;                // Optional: a boolean response member.
  std::string limit_key;                   // Optional: the page-size request member.

  // From a botocore paginator entry ({"input_token": ..., "output_token": ..., ...}).
  static Result<PaginatorConfig> FromJson(const nlohmann::json& entry);
};

// The default guard against a service that never stops paging.
inline constexpr int kDefaultMaxPages = 10000;

// Calls `call` with params, hands each page to on_page, and repeats with the next tokens
// until there are none (or more_results is false). Stops early, returning its Status, when
// call or on_page fails. FailedPrecondition when a service returns the same token twice or
// max_pages is reached.
Status Paginate(const std::function<Result<nlohmann::json>(const nlohmann::json&)>& call,
                nlohmann::json params, const PaginatorConfig& config,
                const std::function<Status(const nlohmann::json&)>& on_page,
                int max_pages = kDefaultMaxPages);

// Evaluates an output-token expression against a response; null when absent.
nlohmann::json EvaluateTokenExpression(const nlohmann::json& response, const std::string& expr);

}  // namespace view360::aws
