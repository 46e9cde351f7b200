#include "module/in_process_detector.h"

#include <cstring>

#include "common/log.h"

namespace sentinel {
namespace {

constexpr size_t kErrorCapacity = 4096;

void AppendToString(void* context, const char* data, size_t size) {
  if (data != nullptr && size > 0) static_cast<std::string*>(context)->append(data, size);
}

sentinel_sink StringSink(std::string* target) {
  sentinel_sink sink;
  std::memset(&sink, 0, sizeof(sink));
  sink.struct_size = sizeof(sentinel_sink);
  sink.context = target;
  sink.write = &AppendToString;
  return sink;
}

struct ErrorBuffer {
  char text[kErrorCapacity];
  sentinel_error error;
  ErrorBuffer() {
    text[0] = '\0';
    error.struct_size = sizeof(sentinel_error);
    error.capacity = kErrorCapacity;
    error.message = text;
  }
  std::string message() const { return std::string(text, strnlen(text, kErrorCapacity)); }
};

void LogFromPlugin(void* context, int32_t level, const char* message, size_t size) {
  const std::string* module = static_cast<const std::string*>(context);
  LogLevel l = level <= SENTINEL_LOG_DEBUG  ? LogLevel::kDebug
               : level == SENTINEL_LOG_INFO ? LogLevel::kInfo
               : level == SENTINEL_LOG_WARN ? LogLevel::kWarn
                                            : LogLevel::kError;
  Log(l, "plugin_log", {{"module", *module}, {"message", std::string(message, size)}});
}

}  // namespace

Status FromPluginStatus(sentinel_status code, std::string message) {
  switch (code) {
    case SENTINEL_OK: return Status::OK();
    case SENTINEL_INVALID_ARGUMENT: return Status::InvalidArgument(std::move(message));
    case SENTINEL_NOT_FOUND: return Status::NotFound(std::move(message));
    case SENTINEL_FAILED_PRECONDITION: return Status::Unprocessable(std::move(message));
    case SENTINEL_UNAVAILABLE: return Status::Unavailable(std::move(message));
    case SENTINEL_RESOURCE_EXHAUSTED: return Status::PayloadTooLarge(std::move(message));
    default: return Status::Internal(std::move(message));
  }
}

InProcessDetector::InProcessDetector(std::shared_ptr<PluginLibrary> library, std::string module_name)
    : library_(std::move(library)), api_(library_->api()), module_name_(std::move(module_name)) {
  std::memset(&host_api_, 0, sizeof(host_api_));
  host_api_.struct_size = sizeof(sentinel_host_api);
  host_api_.context = &module_name_;
  host_api_.log = &LogFromPlugin;
}

Status InProcessDetector::Create(std::shared_ptr<PluginLibrary> library, const ActivationRequest& request,
                                 std::unique_ptr<InProcessDetector>* out) {
  std::unique_ptr<InProcessDetector> d(new InProcessDetector(std::move(library), request.module_name));
  sentinel_activate_args args;
  std::memset(&args, 0, sizeof(args));
  args.struct_size = sizeof(args);
  args.worker_threads = request.plugin_threads;
  args.module_name = d->module_name_.data();
  args.module_name_size = d->module_name_.size();
  args.settings_json = request.settings_json.data();
  args.settings_json_size = request.settings_json.size();
  args.config_dir = request.config_dir.data();
  args.config_dir_size = request.config_dir.size();
  args.models_dir = request.models_dir.data();
  args.models_dir_size = request.models_dir.size();
  args.host = &d->host_api_;
  ErrorBuffer err;
  void* instance = nullptr;
  sentinel_status code;
  try {
    code = d->api_->activate(&args, &instance, &err.error);
  } catch (...) {
    // A plugin must not throw across the C boundary; if one does anyway, refuse it instead of terminating.
    return Status::Unprocessable("activate threw a C++ exception across the plugin boundary (plugins must return a status)");
  }
  if (code != SENTINEL_OK || instance == nullptr) {
    std::string message = err.message();
    if (message.empty()) message = "activate returned status " + std::to_string(code) + " without a message";
    return Status::Unprocessable(message);
  }
  d->instance_ = instance;
  *out = std::move(d);
  return Status::OK();
}

InProcessDetector::~InProcessDetector() {
  if (instance_ != nullptr) api_->deactivate(instance_);
}

Status InProcessDetector::SelfTest() {
  ErrorBuffer err;
  sentinel_status code = api_->self_test(instance_, &err.error);
  if (code == SENTINEL_OK) return Status::OK();
  std::string message = err.message();
  return Status::Unprocessable(message.empty() ? "self-test failed without a message" : message);
}

Status InProcessDetector::Describe(std::string* json) {
  ErrorBuffer err;
  sentinel_sink sink = StringSink(json);
  sentinel_status code = api_->describe(instance_, &sink, &err.error);
  return FromPluginStatus(code, err.message());
}

Status InProcessDetector::Analyze(std::string_view request_json, std::string* result_json) {
  ErrorBuffer err;
  sentinel_sink sink = StringSink(result_json);
  sentinel_status code = api_->analyze(instance_, request_json.data(), request_json.size(), &sink, &err.error);
  return FromPluginStatus(code, err.message());
}

Status InProcessDetector::HandleHttp(const PluginHttpRequest& request, PluginHttpResponse* response) {
  sentinel_http_request req;
  std::memset(&req, 0, sizeof(req));
  req.struct_size = sizeof(req);
  req.method = request.method.data();
  req.method_size = request.method.size();
  req.path = request.path.data();
  req.path_size = request.path.size();
  req.query = request.query.data();
  req.query_size = request.query.size();
  req.body = request.body.data();
  req.body_size = request.body.size();
  req.host = request.host.data();
  req.host_size = request.host.size();
  sentinel_http_response resp;
  std::memset(&resp, 0, sizeof(resp));
  resp.struct_size = sizeof(resp);
  resp.http_status = 200;
  resp.body = StringSink(&response->body);
  sentinel_status code = api_->handle_http(instance_, &req, &resp);
  response->status = resp.http_status < 100 || resp.http_status > 599 ? 500 : resp.http_status;
  resp.content_type[sizeof(resp.content_type) - 1] = '\0';
  response->content_type = resp.content_type[0] != '\0' ? resp.content_type : "application/json";
  if (code == SENTINEL_INTERNAL && response->status < 500) response->status = 500;
  return Status::OK();
}

Status InProcessDetector::Health(std::string* json) {
  ErrorBuffer err;
  sentinel_sink sink = StringSink(json);
  sentinel_status code = api_->health(instance_, &sink, &err.error);
  return FromPluginStatus(code, err.message());
}

}  // namespace sentinel
