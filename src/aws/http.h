// HTTP messages as the AWS layer sees them, and the transport interface that sends them.
//
// Two implementations exist: CurlTransport (libcurl, the real one; curl_transport.h) and the
// test fakes that record requests. Header names are kept as given; lookups are
// case-insensitive.
//
// Thread-safety: HttpRequest/HttpResponse are plain values. A Transport is safe to call from
// many threads at once.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace view360::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The value of the first header named `name` (case-insensitive), if any.
std::optional<std::string> FindHeader(const Headers& headers, std::string_view name);
// Replaces every header named `name` (case-insensitive) with one `name: value`.
void SetHeader(Headers& headers, std::string name, std::string value);

struct HttpRequest {
  std::string method = "GET";
  // scheme://host[:port]; no trailing slash.
  std::string endpoint;
  // The URI-encoded path, starting with '/'.
  std::string path = "/";
  // Decoded query parameters, in insertion order (a name may repeat; SigV4 sorts them).
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;
  std::string body;
  // Limit for this whole call; zero: the transport's defaults (TransportOptions).
  std::chrono::milliseconds timeout{0};

  // endpoint + path + '?' + the query, URI-encoded.
  std::string Url() const;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{3100};  // botocore's connect_timeout default is 60 s;
                                                    // ours is short so a dead host fails fast.
  std::chrono::milliseconds read_timeout{60000};    // No byte for this long: the call times out.
};

// Sends one request. A response of any HTTP status is a success here; the Status is for
// transport failures: kUnavailable (connection refused or reset, DNS, TLS), kDeadlineExceeded
// (timeouts). Messages never include header values (they may carry credentials).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - _ . ~);
// '/' too unless keep_slash.
std::string UriEncode(std::string_view text, bool keep_slash = false);

}  // namespace view360::aws
