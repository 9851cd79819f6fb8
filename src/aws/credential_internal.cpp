#include "aws/credential_internal.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace view360::aws::internal {
namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// Reads exactly `width` digits at text[*pos]; advances pos.
bool ReadDigits(std::string_view text, size_t* pos, size_t width, int* out) {
  if (*pos + width > text.size()) return false;
  int value = 0;
  for (size_t i = 0; i < width; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += width;
  *out = value;
  return true;
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  return TrimRight(text);
}

std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR) return NotFoundError("file '" + path + "' does not exist");
    if (err == EACCES || err == EPERM) {
      return PermissionDeniedError("file '" + path + "' may not be read by this OS user");
    }
    return FailedPreconditionError("cannot open file '" + path + "': " + std::strerror(err));
  }
  // An ifstream opens a directory on Linux, then fails the first read.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return FailedPreconditionError("'" + path + "' is a directory, not a file");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return FailedPreconditionError("cannot read file '" + path + "'");
  return std::move(buffer).str();
}

Result<Clock::time_point> ParseTimestamp(std::string_view text) {
  text = Trim(text);
  const auto bad = [] {
    return InvalidArgumentError("not an ISO 8601 timestamp such as 2024-05-01T12:00:00Z");
  };
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &pos, 4, &year) || pos >= text.size() || text[pos++] != '-' ||
      !ReadDigits(text, &pos, 2, &month) || pos >= text.size() || text[pos++] != '-' ||
      !ReadDigits(text, &pos, 2, &day) || pos >= text.size() ||
      (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return bad();
  }
  ++pos;
  if (!ReadDigits(text, &pos, 2, &hour) || pos >= text.size() || text[pos++] != ':' ||
      !ReadDigits(text, &pos, 2, &minute) || pos >= text.size() || text[pos++] != ':' ||
      !ReadDigits(text, &pos, 2, &second)) {
    return bad();
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return bad();
  }
  std::chrono::nanoseconds fraction{0};
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t scale = 100000000;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += std::chrono::nanoseconds((text[pos] - '0') * scale);
      scale /= 10;
      ++pos;
      ++digits;
    }
    if (digits == 0) return bad();
  }
  int offset_seconds = 0;
  if (pos < text.size()) {
    const char zone = text[pos++];
    if (zone == 'Z' || zone == 'z') {
      // UTC.
    } else if (zone == '+' || zone == '-') {
      int oh, om;
      if (!ReadDigits(text, &pos, 2, &oh)) return bad();
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!ReadDigits(text, &pos, 2, &om)) return bad();
      offset_seconds = (oh * 3600 + om * 60) * (zone == '-' ? -1 : 1);
    } else {
      return bad();
    }
  }
  if (pos != text.size()) return bad();
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const time_t utc = timegm(&tm) - offset_seconds;
  return Clock::from_time_t(utc) + std::chrono::duration_cast<Clock::duration>(fraction);
}

std::string FormatTimestamp(Clock::time_point time) {
  const time_t seconds = Clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<Credentials> CredentialsFromFields(const std::map<std::string, std::string>& fields,
                                          std::string_view token_field, bool require_all,
                                          std::string source) {
  const auto field = [&](std::string_view name) -> const std::string* {
    const auto it = fields.find(std::string(name));
    return it == fields.end() ? nullptr : &it->second;
  };
  Credentials out;
  out.source = std::move(source);
  const std::string* key_id = field("AccessKeyId");
  const std::string* secret = field("SecretAccessKey");
  if (key_id == nullptr || key_id->empty()) return InvalidArgumentError("AccessKeyId is missing");
  if (secret == nullptr || secret->empty()) {
    return InvalidArgumentError("SecretAccessKey is missing");
  }
  out.access_key_id = *key_id;
  out.secret_access_key = *secret;
  if (const std::string* token = field(token_field)) {
    out.session_token = *token;
  } else if (require_all) {
    return InvalidArgumentError(std::string(token_field) + " is missing");
  }
  if (const std::string* expiration = field("Expiration")) {
    auto parsed = ParseTimestamp(*expiration);
    if (!parsed.ok()) return parsed.status().WithContext("Expiration");
    out.expiration = *parsed;
  } else if (require_all) {
    return InvalidArgumentError("Expiration is missing");
  }
  return out;
}

std::string DefaultRoleSessionName(Clock::time_point now) {
  return "botocore-session-" + std::to_string(Clock::to_time_t(now));
}

}  // namespace view360::aws::internal
