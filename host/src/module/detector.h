// Detector: one activated instance of a module's plugin, as the routes see it. Routes only ever talk to this
// interface, so a module can run in-process or in a supervised worker process without the routes changing.
// Implementations are thread-safe: several requests may call one detector at once.
#ifndef SENTINEL_HOST_MODULE_DETECTOR_H_
#define SENTINEL_HOST_MODULE_DETECTOR_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace sentinel {

struct PluginHttpRequest {
  std::string_view method;
  std::string_view path;
  std::string_view query;
  std::string_view body;
  std::string_view host;  // the Host header, for plugins that link back to the server
};

struct PluginHttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class Detector {
 public:
  virtual ~Detector() = default;
  // Native analysis (POST /v1/analyze): request and result are JSON.
  virtual Status Analyze(std::string_view request_json, std::string* result_json) = 0;
  // One of the plugin's own routes. A non-OK status means the plugin failed, not that the request was bad.
  virtual Status HandleHttp(const PluginHttpRequest& request, PluginHttpResponse* response) = 0;
  // The plugin's own health JSON.
  virtual Status Health(std::string* json) = 0;
  // Canary run after activation; the module is active only once it passes.
  virtual Status SelfTest() = 0;
  // The plugin's description JSON ({"routes":[...]}).
  virtual Status Describe(std::string* json) = 0;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_MODULE_DETECTOR_H_
