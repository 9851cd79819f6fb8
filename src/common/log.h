// Logging setup and secret redaction.
//
// View360 logs through spdlog's default logger, to stderr, as text for a person or as one JSON
// object per line for a machine (--log-format json). Anything that may hold a secret (a
// connection string, a URL with user info) goes through Redact() before it is logged.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace view360 {

enum class LogFormat { kText, kJson };

// level: trace, debug, info, warn, error, critical or off. InvalidArgument for anything else.
Status InitLogging(std::string_view level, LogFormat format);

// Masks passwords in libpq conninfo strings ("password=x" -> "password=***"), in URLs
// ("postgresql://user:x@host" -> "postgresql://user:***@host") and in query parameters named
// password, token, secret or
// signature, also with a prefix (X-Amz-Signature, X-Amz-Security-Token). Everything else is
// returned unchanged.
std::string Redact(std::string_view text);

// Escapes text for inclusion in a JSON string (quotes, backslashes, control characters).
std::string JsonEscape(std::string_view text);

}  // namespace view360
