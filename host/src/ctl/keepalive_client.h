// KeepAliveClient: one persistent HTTP/1.1 connection from `sentinelctl redact` to sentineld, reused for every
// request of a worker (no connect per batch). A broken or closed connection is reopened on the next request.
// Only the transport is judged here: any HTTP status is a reply; a connect/read/write failure is kUnavailable.
#ifndef SENTINEL_HOST_CTL_KEEPALIVE_CLIENT_H_
#define SENTINEL_HOST_CTL_KEEPALIVE_CLIENT_H_

#include <memory>
#include <string>

#include "common/status.h"
#include "ctl/server_url.h"

namespace sentinel {

struct HttpReply {
  int status = 0;
  std::string body;
  int retry_after_s = 0;  // Retry-After of a 429/503, 0 when absent
};

class KeepAliveClient {
 public:
  KeepAliveClient(ServerUrl url, std::string token, int timeout_s = 300);
  ~KeepAliveClient();
  KeepAliveClient(const KeepAliveClient&) = delete;
  KeepAliveClient& operator=(const KeepAliveClient&) = delete;

  // POSTs the JSON `body` to `path` (relative to the URL's prefix).
  Status Post(const std::string& path, const std::string& body, HttpReply* reply);

 private:
  struct Connection;
  ServerUrl url_;
  std::string token_;
  int timeout_s_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_KEEPALIVE_CLIENT_H_
