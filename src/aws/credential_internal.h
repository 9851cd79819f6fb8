// Helpers shared by the credential and shared-config sources (credential*.cpp,
// shared_config.cpp). Internal: not for other folders, and free to change.
//
// Thread-safety: free functions over their arguments only.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "common/status.h"

namespace view360::aws::internal {

// Blanks (space, tab, CR, LF, FF, VT) removed from both ends / the end.
std::string_view Trim(std::string_view text);
std::string_view TrimRight(std::string_view text);
std::string AsciiLower(std::string_view text);

// The whole file. NotFound when it does not exist, PermissionDenied when it may not be read,
// FailedPrecondition otherwise (a directory, an I/O error). Messages name the path, never the
// contents.
Result<std::string> ReadTextFile(const std::string& path);

// ISO 8601 / RFC 3339 as AWS writes it: "2024-05-01T12:00:00Z", with optional fractional
// seconds, a "+hh:mm"/"+hhmm" offset instead of Z, or no zone (taken as UTC). InvalidArgument
// otherwise (the message does not quote the text).
Result<Clock::time_point> ParseTimestamp(std::string_view text);
// "2024-05-01T12:00:00Z".
std::string FormatTimestamp(Clock::time_point time);

// The members of a JSON object whose values are strings or numbers (numbers as decimal text, an
// integral float as an integer: 1.0 -> "1"); other members are left out. InvalidArgument when the
// text is not a JSON object; the message never quotes the text (it may hold secrets).
Result<std::map<std::string, std::string>> ParseFlatJsonObject(std::string_view text);

// Credentials from the fields of a JSON answer (ParseFlatJsonObject). AccessKeyId and
// SecretAccessKey are required; `token_field` ("Token", "SessionToken") and "Expiration" are
// required when `require_all`. InvalidArgument naming the missing or malformed field (never a
// value).
Result<Credentials> CredentialsFromFields(const std::map<std::string, std::string>& fields,
                                          std::string_view token_field, bool require_all,
                                          std::string source);

// botocore's default role session name: "botocore-session-<unix seconds>".
std::string DefaultRoleSessionName(Clock::time_point now);

}  // namespace view360::aws::internal
