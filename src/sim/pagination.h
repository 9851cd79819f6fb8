// Pagination as the simulator serves it: opaque tokens, pages of at most Scenario::page_size
// items (AWS may return fewer items than a caller's MaxResults), driven by the operation's
// botocore paginator (input token, output token, limit key, result keys, more-results flag).
//
// Tokens are "<offset>.<check>" in base64, where check binds the token to the operation, so a
// token from another operation, or a made-up one, is refused like AWS refuses it.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "aws/service_model.h"
#include "sim/handler.h"

namespace view360::sim {

struct PageWindow {
  size_t offset = 0;
  size_t limit = 0;
};

// Where the page a call asks for starts and how many items it may hold; an error Reply for a
// token that is not one of ours. For handlers that page themselves.
std::variant<PageWindow, Reply> PageWindowOf(const ApiCall& call);
// The token that resumes at `offset`.
std::string PageToken(const ApiCall& call, size_t offset);

// Cuts the handler's complete output down to the page the call asks for, when the operation has
// a paginator and the handler did not page itself (Reply::paged). Returns an error Reply for a
// token that is not one of ours.
std::optional<Reply> ApplyPagination(const ApiCall& call, Reply& reply);

}  // namespace view360::sim
