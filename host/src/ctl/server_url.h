// ServerUrl: where sentinelctl finds sentineld, parsed from --url or SENTINEL_URL:
//   [http://]HOST[:PORT][/PREFIX]      HOST a name, an IPv4 address or a bracketed IPv6 address ([::1])
// The prefix is prepended to every API path, for a daemon published under a path by a reverse proxy
// (http://gateway/sentinel -> GET /sentinel/v1/modules). https:// is refused with a clear message: sentineld
// serves plain HTTP and sentinelctl has no TLS client.
#ifndef SENTINEL_HOST_CTL_SERVER_URL_H_
#define SENTINEL_HOST_CTL_SERVER_URL_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace sentinel {

struct ServerUrl {
  std::string host = "127.0.0.1";  // without brackets, also for IPv6
  std::string port = "8080";
  std::string prefix;  // "" or "/a/b": starts with '/', never ends with one

  // "http://HOST:PORT/PREFIX", for messages.
  std::string ToString() const;
  // The Host header: the host (bracketed if IPv6) and the port unless it is 80.
  std::string HostHeader() const;
  // The request target for an API path such as "/v1/modules".
  std::string Target(std::string_view path) const { return prefix + std::string(path); }
};

// Parses `text`. On error `*out` is unchanged and the message says what is wrong and what to write instead.
Status ParseServerUrl(std::string_view text, ServerUrl* out);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_SERVER_URL_H_
