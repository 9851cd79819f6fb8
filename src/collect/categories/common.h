// Helpers the categories share: reading optional members of AWS outputs, and window tests on
// the timestamps the AWS layer returns (ISO-8601 UTC strings, aws/protocol.h).
//
// Thread-safety: plain functions.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "collect/window.h"
#include "document/document.h"

namespace view360::collect {

using document::Json;

// obj[key] as a string, or null when absent or not a string.
Json StringOrNull(const nlohmann::json& obj, std::string_view key);
// obj[key] as it is (converted to the ordered DOM), or null when absent.
Json ValueOrNull(const nlohmann::json& obj, std::string_view key);
// obj[key] as a document datetime (document::PythonTime), or null when absent.
Json TimeOrNull(const nlohmann::json& obj, std::string_view key);
// obj[key] when it is a string, else `fallback`.
std::string StringOr(const nlohmann::json& obj, std::string_view key, std::string_view fallback);

// An ISO-8601 time ("2025-09-15T10:20:30Z", fractions and offsets allowed, also a bare date)
// as UTC seconds; nullopt when it is not one.
std::optional<std::chrono::sys_seconds> ParseTime(std::string_view iso);
// True when `iso` is a time inside [window.start, window.end).
bool InWindow(std::string_view iso, const Window& window);
// The first and the first-after instants of the window: "2025-09-14T00:00:00Z".
std::string WindowStartTime(const Window& window);
std::string WindowEndTime(const Window& window);

// Converts an AWS output value to the ordered DOM the document is built from.
Json ToDocument(const nlohmann::json& value);

}  // namespace view360::collect
