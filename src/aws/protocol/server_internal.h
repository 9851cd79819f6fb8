// Internal to src/aws/protocol/: what the server-direction files (server_*.cpp) share. May
// change at any time; include aws/server_protocol.h instead.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/internal.h"

namespace view360::aws::internal {

// Decoded requestUri labels ("Bucket" -> "my-bucket", "Key" -> "a/b.txt").
using UriLabels = std::map<std::string, std::string, std::less<>>;

// How well `request`'s path and query match `op`'s requestUri template: nullopt when it does not
// (a literal differs, a query literal such as "?tagging" is absent); otherwise a score, higher
// for more literal segments and query literals, with the labels filled.
std::optional<int> MatchRequestUri(const Operation& op, const HttpRequest& request,
                                   UriLabels& labels);

// `score` raised for each required query-string or header member of `op` present in
// `request`; nullopt when one is missing (operations that share a template differ in these).
std::optional<int> ScoreRequiredMembers(const Operation& op, const HttpRequest& request, int score);

// `value` (shaped as ParseResponse returns it: blobs as base64) with every blob of `ref` decoded
// to its raw bytes, as SerializeRequest takes them; nullopt naming the member when one is not
// base64. Other values are copied.
std::optional<Json> DecodeBlobs(const ShapeRef& ref, const Json& value, std::string& error);
// Percent-decoding ("%2F" -> "/"); '+' becomes ' ' when plus_is_space (form bodies).
std::string UrlDecode(std::string_view text, bool plus_is_space);

// The name=value pairs of an application/x-www-form-urlencoded body, decoded, in order.
Pairs DecodeForm(std::string_view body);

}  // namespace view360::aws::internal
