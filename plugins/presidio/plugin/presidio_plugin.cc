// presidio_plugin.cc -- the C ABI face of the presidio module: activation from the module
// settings, self-test, health, routes, native analysis and Presidio's REST routes.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "plugin/plugin_settings.h"
#include "plugin/presidio_service.h"
#include "sentinel/plugin_cpp.h"

namespace presidio {

class PresidioDetector {
 public:
  static std::unique_ptr<PresidioDetector> Create(const sentinel::sdk::ActivateContext& ctx, std::string* error) {
    PluginSettings settings;
    if (!ParsePluginSettings(ctx.settings_json, ctx.config_dir, ctx.models_dir, &settings, error)) return nullptr;
    auto service = PresidioService::Create(settings, error);
    if (service == nullptr) return nullptr;
    auto detector = std::unique_ptr<PresidioDetector>(new PresidioDetector());
    for (const std::string& language : service->languages()) {
      const AnalyzerEngine* engine = service->EngineFor(language);
      ctx.Log(SENTINEL_LOG_INFO, "presidio: " + language + ": " +
                                     std::to_string(engine->RecognizerNames(language).size()) + " recognizers, " +
                                     std::to_string(engine->SupportedEntities(language).size()) + " entities");
    }
    detector->service_ = std::move(service);
    return detector;
  }

  bool SelfTest(std::string* error) { return service_->SelfTest(error); }

  std::string Health() { return R"({"status":"ok","activated":true})"; }

  std::string Describe() {
    nlohmann::ordered_json routes = nlohmann::ordered_json::array();
    for (const auto& [method, path] : PresidioService::Routes()) {
      nlohmann::ordered_json route;
      route["method"] = method;
      route["path"] = path;
      routes.push_back(std::move(route));
    }
    nlohmann::ordered_json out;
    out["routes"] = std::move(routes);
    return out.dump();
  }

  sentinel_status Analyze(std::string_view request_json, std::string* out, std::string* error) {
    switch (service_->AnalyzeNative(request_json, out, error)) {
      case 200:
        return SENTINEL_OK;
      case 413:
        return SENTINEL_RESOURCE_EXHAUSTED;
      case 400:
        return SENTINEL_INVALID_ARGUMENT;
      default:
        return SENTINEL_INTERNAL;
    }
  }

  sentinel_status HandleHttp(const sentinel::sdk::HttpRequest& req, sentinel::sdk::HttpResponse* resp) {
    HttpReply reply = service_->Handle(req.method, req.path, req.query, req.body);
    resp->status = reply.status;
    resp->content_type = reply.content_type;
    resp->body = std::move(reply.body);
    return reply.status == 404 ? SENTINEL_NOT_FOUND : SENTINEL_OK;
  }

 private:
  PresidioDetector() = default;
  std::unique_ptr<PresidioService> service_;
};

}  // namespace presidio

SENTINEL_DECLARE_PLUGIN("presidio", "0.3.0", "libre2 20220601, libphonenumber 8.12.57");

extern "C" SENTINEL_EXPORT const sentinel_detector_api* sentinel_plugin_entry(uint32_t host_major,
                                                                              uint32_t /*host_minor*/) {
  if (host_major != SENTINEL_ABI_MAJOR) return nullptr;
  return sentinel::sdk::DetectorApi<presidio::PresidioDetector>();
}
