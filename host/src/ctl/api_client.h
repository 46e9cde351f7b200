// ApiClient: one blocking HTTP/1.1 call from sentinelctl to sentineld's REST API. Every answer of that API is a
// JSON object, errors included ({"error": {"code", "message"}}), so an answer that is not one means the URL
// points at some other server (a web server's HTML page, a proxy's error page): that is reported as such,
// and the other server's body is never printed as if it were sentineld's.
#ifndef SENTINEL_HOST_CTL_API_CLIENT_H_
#define SENTINEL_HOST_CTL_API_CLIENT_H_

#include <string>

#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>

#include "common/status.h"
#include "ctl/server_url.h"

namespace sentinel {

struct ApiReply {
  int http_status = 0;
  nlohmann::ordered_json body;  // always a JSON object
  bool ok() const { return http_status >= 200 && http_status < 300; }
};

// Sends `method path` (path relative to the URL's prefix, e.g. "/v1/modules") with an optional JSON body and
// bearer token. Fails with kUnavailable when sentineld cannot be reached, and with kFailedPrecondition when
// the server answered but not with a JSON object (the message says whether that server was sentineld). An HTTP
// error status from sentineld is a reply, not a failure.
Status CallApi(const ServerUrl& url, const std::string& token, boost::beast::http::verb method,
               const std::string& path, const std::string& body, ApiReply* reply);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_API_CLIENT_H_
