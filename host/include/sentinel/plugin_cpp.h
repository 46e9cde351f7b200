// sentinel/plugin_cpp.h -- optional C++ convenience layer for plugin authors, compiled into the plugin.
//
// It turns a C++ class into the C function table of plugin_abi.h, so that exceptions never cross the
// boundary and all strings are copied at the edge. The host never sees any of these types.
//
// A detector class T provides:
//   static std::unique_ptr<T> Create(const sentinel::sdk::ActivateContext& ctx, std::string* error);
//   bool SelfTest(std::string* error);
//   std::string Health();                                   // JSON
//   std::string Describe();                                 // JSON {"routes":[...]}
//   sentinel_status Analyze(std::string_view request_json, std::string* out, std::string* error);
//   sentinel_status HandleHttp(const sentinel::sdk::HttpRequest& req, sentinel::sdk::HttpResponse* resp);
// and the plugin exports:
//   extern "C" SENTINEL_EXPORT const sentinel_detector_api* sentinel_plugin_entry(uint32_t, uint32_t) {
//     return sentinel::sdk::DetectorApi<T>();
//   }
#ifndef SENTINEL_PLUGIN_CPP_H_
#define SENTINEL_PLUGIN_CPP_H_

#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "sentinel/plugin_abi.h"

#define SENTINEL_EXPORT __attribute__((visibility("default")))

namespace sentinel {
namespace sdk {

struct ActivateContext {
  std::string module_name;
  std::string settings_json;
  std::string config_dir;
  std::string models_dir;
  unsigned worker_threads = 1;
  const sentinel_host_api* host = nullptr;

  void Log(int32_t level, std::string_view message) const {
    if (host != nullptr && host->log != nullptr) host->log(host->context, level, message.data(), message.size());
  }
};

struct HttpRequest {
  std::string_view method;
  std::string_view path;
  std::string_view query;
  std::string_view body;
  std::string_view host;  // the Host header (ABI 1.1), may be empty
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

inline std::string_view View(const char* data, size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

inline void SetError(sentinel_error* error, std::string_view message) {
  sentinel_error_set(error, message.data(), message.size());
}

inline void Write(sentinel_sink* sink, std::string_view data) { sentinel_sink_write(sink, data.data(), data.size()); }

template <class T>
struct DetectorGlue {
  static sentinel_status Activate(const sentinel_activate_args* args, void** instance, sentinel_error* error) noexcept {
    try {
      ActivateContext ctx;
      ctx.module_name = std::string(View(args->module_name, args->module_name_size));
      ctx.settings_json = std::string(View(args->settings_json, args->settings_json_size));
      ctx.config_dir = std::string(View(args->config_dir, args->config_dir_size));
      ctx.models_dir = std::string(View(args->models_dir, args->models_dir_size));
      ctx.worker_threads = args->worker_threads == 0 ? 1 : args->worker_threads;
      ctx.host = args->host;
      std::string message;
      std::unique_ptr<T> created = T::Create(ctx, &message);
      if (!created) {
        SetError(error, message.empty() ? "activation failed" : message);
        return SENTINEL_FAILED_PRECONDITION;
      }
      *instance = created.release();
      return SENTINEL_OK;
    } catch (const std::exception& e) {
      SetError(error, std::string("activation threw: ") + e.what());
    } catch (...) {
      SetError(error, "activation threw an unknown exception");
    }
    return SENTINEL_INTERNAL;
  }

  static sentinel_status SelfTest(void* instance, sentinel_error* error) noexcept {
    try {
      std::string message;
      if (static_cast<T*>(instance)->SelfTest(&message)) return SENTINEL_OK;
      SetError(error, message.empty() ? "self-test failed" : message);
      return SENTINEL_FAILED_PRECONDITION;
    } catch (const std::exception& e) {
      SetError(error, std::string("self-test threw: ") + e.what());
    } catch (...) {
      SetError(error, "self-test threw an unknown exception");
    }
    return SENTINEL_INTERNAL;
  }

  static void Deactivate(void* instance) noexcept {
    try {
      delete static_cast<T*>(instance);
    } catch (...) {
    }
  }

  static sentinel_status Health(void* instance, sentinel_sink* out, sentinel_error* error) noexcept {
    try {
      Write(out, static_cast<T*>(instance)->Health());
      return SENTINEL_OK;
    } catch (const std::exception& e) {
      SetError(error, e.what());
    } catch (...) {
      SetError(error, "health threw an unknown exception");
    }
    return SENTINEL_INTERNAL;
  }

  static sentinel_status Describe(void* instance, sentinel_sink* out, sentinel_error* error) noexcept {
    try {
      Write(out, static_cast<T*>(instance)->Describe());
      return SENTINEL_OK;
    } catch (const std::exception& e) {
      SetError(error, e.what());
    } catch (...) {
      SetError(error, "describe threw an unknown exception");
    }
    return SENTINEL_INTERNAL;
  }

  static sentinel_status Analyze(void* instance, const char* request, size_t size, sentinel_sink* out,
                                 sentinel_error* error) noexcept {
    try {
      std::string result;
      std::string message;
      sentinel_status status = static_cast<T*>(instance)->Analyze(View(request, size), &result, &message);
      if (status == SENTINEL_OK) {
        Write(out, result);
      } else {
        SetError(error, message);
      }
      return status;
    } catch (const std::exception& e) {
      SetError(error, std::string("analyze failed: ") + e.what());
    } catch (...) {
      SetError(error, "analyze threw an unknown exception");
    }
    return SENTINEL_INTERNAL;
  }

  static sentinel_status HandleHttp(void* instance, const sentinel_http_request* request,
                                    sentinel_http_response* response) noexcept {
    try {
      HttpRequest req{View(request->method, request->method_size), View(request->path, request->path_size),
                      View(request->query, request->query_size), View(request->body, request->body_size),
                      SENTINEL_HTTP_REQUEST_HAS_HOST(request) ? View(request->host, request->host_size)
                                                              : std::string_view()};
      HttpResponse resp;
      sentinel_status status = static_cast<T*>(instance)->HandleHttp(req, &resp);
      response->http_status = resp.status;
      size_t n = resp.content_type.size() < sizeof(response->content_type) - 1 ? resp.content_type.size()
                                                                                 : sizeof(response->content_type) - 1;
      for (size_t i = 0; i < n; ++i) response->content_type[i] = resp.content_type[i];
      response->content_type[n] = '\0';
      Write(&response->body, resp.body);
      return status;
    } catch (...) {
      // Exception text may quote the analyzed input, so it is not echoed.
      response->http_status = 500;
      Write(&response->body, "{\"error\":{\"code\":\"internal\",\"message\":\"the plugin failed while handling the request\"}}");
    }
    return SENTINEL_INTERNAL;
  }
};

// Returns the static function table for detector class T.
template <class T>
const sentinel_detector_api* DetectorApi() {
  static const sentinel_detector_api api = {
      static_cast<uint32_t>(sizeof(sentinel_detector_api)),
      0,
      &DetectorGlue<T>::Activate,
      &DetectorGlue<T>::SelfTest,
      &DetectorGlue<T>::Deactivate,
      &DetectorGlue<T>::Health,
      &DetectorGlue<T>::Describe,
      &DetectorGlue<T>::Analyze,
      &DetectorGlue<T>::HandleHttp,
  };
  return &api;
}

}  // namespace sdk
}  // namespace sentinel

#endif  // SENTINEL_PLUGIN_CPP_H_
