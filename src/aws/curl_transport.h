// CurlTransport: the real Transport, over libcurl.
//
// Connections are reused: each call borrows an easy handle from a pool and returns it, and a
// handle keeps its connections open for the next call to the same host. As many calls run at
// once as threads call Send (the pool grows to match). TLS peers are verified; proxies come from
// the environment (http_proxy, https_proxy, no_proxy, as libcurl reads them); responses may be
// gzip- or deflate-compressed.
//
// Thread-safety: Send may be called from many threads at once.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "aws/http.h"

namespace view360::aws {

class CurlTransport : public Transport {
 public:
  explicit CurlTransport(TransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  struct Handle;
  std::unique_ptr<Handle> Borrow();
  void Return(std::unique_ptr<Handle> handle);

  const TransportOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Handle>> idle_;  // Guarded by mu_.
};

}  // namespace view360::aws
