// Router: maps an HTTP request to its handler: the host's own routes (health, readiness, module admin,
// analysis, reload, the web UI) and the routes each active plugin declared. Handlers that call detectors run
// on the worker pool, never on the I/O threads; the response is delivered through a callback.
#ifndef SENTINEL_HOST_HTTP_ROUTER_H_
#define SENTINEL_HOST_HTTP_ROUTER_H_

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "common/status.h"
#include "gateway/guardrail_service.h"
#include "gateway/stream_format.h"
#include "http/admission.h"
#include "http/metrics.h"
#include "module/module_registry.h"

namespace sentinel {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;
using Responder = std::function<void(HttpResponse&&)>;

struct RouterOptions {
  std::string admin_token;
  bool protect_analysis = false;
  std::size_t max_text_bytes = 512 * 1024;
  std::size_t max_queue_per_module = 128;  // requests waiting for or running one module's calls; beyond: 429
};

// Re-reads the configuration and applies it; returns the report or the error that prevented it.
using ReloadFunction = std::function<Status(nlohmann::ordered_json* report)>;

class Router {
 public:
  Router(ModuleRegistry* registry, boost::asio::thread_pool* workers, ReloadFunction reload);

  void SetOptions(const RouterOptions& options);
  // Threads for lifecycle and operations work (/metrics, activate, deactivate, reload, module health), so that
  // they never wait behind analysis on the worker pool. Without one they share the worker pool.
  void SetControlPool(boost::asio::thread_pool* control) { control_ = control; }
  // Handles one request; `respond` is called exactly once, possibly from a worker thread.
  void Handle(HttpRequest&& request, Responder respond);

  // Request, module and lifecycle metrics served at GET /metrics.
  Metrics* metrics() { return &metrics_; }

  // The guardrail policy in force (config `guardrails:`), replaced on reload.
  void SetGuardrailPolicy(const GuardrailPolicy& policy) { guardrails_.SetPolicy(policy); }

  // POST /v1/redact/stream is served by a RedactStreamSession, not through Handle: the session asks here
  // whether a request header is one, then binds its plan (auth, config, rails, format) or gets the error.
  static bool IsStreamRequest(const http::request_header<>& header);
  Status PrepareStream(const http::request_header<>& header, StreamPlan* plan);
  boost::asio::thread_pool* workers() const { return workers_; }

  // Builds a JSON error response {"error":{"code":...,"message":...}}.
  static HttpResponse ErrorResponse(const Status& status, unsigned version, bool keep_alive);

 private:
  struct Context;
  struct RequestLabels;
  void Dispatch(const std::shared_ptr<Context>& ctx);
  void HandleModuleRoute(const std::shared_ptr<Context>& ctx, const std::string& rest);
  void HandleAnalyze(const std::shared_ptr<Context>& ctx);
  void HandleCheck(const std::shared_ptr<Context>& ctx, CheckShape shape);
  void HandlePluginRoute(const std::shared_ptr<Context>& ctx, std::shared_ptr<Module> module);
  void MethodNotAllowed(const std::shared_ptr<Context>& ctx, const std::string& allowed);
  Status CheckToken(const http::request_header<>& request) const;
  RouterOptions options() const;
  boost::asio::thread_pool* control() const { return control_ != nullptr ? control_ : workers_; }

  ModuleRegistry* registry_;
  boost::asio::thread_pool* workers_;
  boost::asio::thread_pool* control_ = nullptr;
  ReloadFunction reload_;
  mutable std::mutex options_mu_;
  RouterOptions options_;
  Metrics metrics_;
  Admission admission_;
  GuardrailService guardrails_{registry_, workers_, &metrics_, &admission_};
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_ROUTER_H_
