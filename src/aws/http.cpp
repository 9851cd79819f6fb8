#include "aws/http.h"

#include <strings.h>

namespace view360::aws {

std::optional<std::string> FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

void SetHeader(Headers& headers, std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& header) {
    return header.first.size() == name.size() &&
           strncasecmp(header.first.data(), name.data(), name.size()) == 0;
  });
  headers.emplace_back(std::move(name), std::move(value));
}

std::string UriEncode(std::string_view text, bool keep_slash) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3 / 2);
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                            c == '~' || (keep_slash && c == '/');
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::string HttpRequest::Url() const {
  std::string url = endpoint + path;
  char sep = '?';
  for (const auto& [name, value] : query) {
    url += sep;
    url += UriEncode(name);
    url += '=';
    url += UriEncode(value);
    sep = '&';
  }
  return url;
}

}  // namespace view360::aws
