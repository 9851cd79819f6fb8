#include "aws/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <csignal>

namespace view360::aws {
namespace {

// Idle handles kept for reuse; more are created when more calls run at once.
constexpr size_t kMaxIdleHandles = 64;

// curl_global_init once per process, before any handle (it is not thread-safe itself).
void GlobalInitOnce() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    // A peer that closes a connection must not kill the process with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)done;
}

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<Headers*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // A new response (after 100 Continue or a redirect) starts over.
    return size * count;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  headers->emplace_back(std::string(trim(line.substr(0, colon))),
                        std::string(trim(line.substr(colon + 1))));
  return size * count;
}

Status StatusForCurlError(CURLcode code, const std::string& what, const char* detail) {
  std::string message = what + ": " + (detail && *detail ? detail : curl_easy_strerror(code));
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return Status(StatusCode::kDeadlineExceeded, message, "Timeout");
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return InvalidArgumentError(message);
    default:
      // Refused, reset, DNS, TLS, a body cut short: transient from the caller's point of view.
      return Status(StatusCode::kUnavailable, message, "ConnectionError");
  }
}

}  // namespace

struct CurlTransport::Handle {
  Handle() : curl(curl_easy_init()) {}
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
  CURL* curl;
};

CurlTransport::CurlTransport(TransportOptions options) : options_(options) { GlobalInitOnce(); }

CurlTransport::~CurlTransport() = default;

std::unique_ptr<CurlTransport::Handle> CurlTransport::Borrow() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return std::make_unique<Handle>();
}

void CurlTransport::Return(std::unique_ptr<Handle> handle) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < kMaxIdleHandles) idle_.push_back(std::move(handle));
}

Result<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  // Never the query: a presigned URL carries its signature there.
  const std::string what = request.method + " " + request.endpoint + request.path;
  auto handle = Borrow();
  if (!handle->curl) return InternalError("curl_easy_init failed");
  CURL* curl = handle->curl;
  curl_easy_reset(curl);  // Keeps the connection cache; clears options of the last call.

  HttpResponse response;
  const std::string url = request.Url();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // Send the path as signed: S3 keys may hold "." and ".." segments.
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // Every encoding libcurl decodes.
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  if (request.timeout.count() > 0) {
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(
        curl, CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(std::min(request.timeout, options_.connect_timeout).count()));
  } else {
    // A read timeout, not a total one: a large download that keeps moving never times out.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(std::max<int64_t>(1, options_.read_timeout.count() / 1000)));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }

  struct curl_slist* list = nullptr;
  for (const auto& [name, value] : request.headers) {
    // "Name;" sends an empty value; "Name:" would remove the header.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  // What libcurl adds on its own and AWS does not want: a form Content-Type on bodies without
  // one, and Expect: 100-continue on large bodies (one more round trip).
  if (!FindHeader(request.headers, "Content-Type")) list = curl_slist_append(list, "Content-Type:");
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (code != CURLE_OK) return StatusForCurlError(code, what, error);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  Return(std::move(handle));
  return response;
}

}  // namespace view360::aws
