#include "module/module.h"

#include <sys/stat.h>

#include <filesystem>

#include "common/log.h"
#include "common/sha256.h"
#include "module/in_process_detector.h"
#include "module/process_detector.h"
#include "plugin/plugin_library.h"
#include "plugin/preflight.h"

namespace sentinel {
namespace fs = std::filesystem;
namespace {

std::string IsoTime(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm;
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string OctalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Plugins load only from the configured folders, and never from a file or folder that others could have
// replaced (the rule sshd applies to its key files with StrictModes).
Status CheckPluginLocation(const std::string& path, const std::vector<std::string>& plugins_dirs) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec) {
    std::error_code exists_ec;
    if (!fs::exists(path, exists_ec) && !exists_ec) return Status::NotFound("plugin file not found: " + path);
    return Status::InvalidArgument("cannot resolve plugin path " + path + ": " + ec.message());
  }
  bool inside = false;
  for (const auto& dir : plugins_dirs) {
    fs::path real_dir = fs::canonical(dir, ec);
    if (ec) continue;
    if (real.parent_path() == real_dir) inside = true;
  }
  if (!inside) {
    std::string dirs;
    for (const auto& d : plugins_dirs) dirs += (dirs.empty() ? "" : ", ") + d;
    return Status::PermissionDenied(real.string() + " is outside the configured plugin folders (" + dirs +
                                    "): plugins load only from plugins_dir");
  }
  struct stat st;
  if (::stat(real.c_str(), &st) != 0) return Status::InvalidArgument("cannot stat " + real.string());
  if (!S_ISREG(st.st_mode)) return Status::InvalidArgument(real.string() + " is not a regular file");
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return Status::PermissionDenied("plugin file " + real.string() + " is writable by group or others (mode " +
                                    OctalMode(st.st_mode) + "): refusing to load it; run chmod go-w");
  }
  struct stat dst;
  if (::stat(real.parent_path().c_str(), &dst) == 0 && (dst.st_mode & (S_IWGRP | S_IWOTH))) {
    return Status::PermissionDenied("plugin folder " + real.parent_path().string() +
                                    " is writable by group or others (mode " + OctalMode(dst.st_mode) +
                                    "): refusing to load plugins from it; run chmod go-w");
  }
  return Status::OK();
}

std::vector<Route> ParseRoutes(const std::string& describe_json, Status* status) {
  std::vector<Route> routes;
  nlohmann::json doc = nlohmann::json::parse(describe_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    *status = Status::Unprocessable("describe() returned invalid JSON");
    return routes;
  }
  if (doc.contains("routes") && doc["routes"].is_array()) {
    for (const auto& r : doc["routes"]) {
      if (!r.is_object() || !r.contains("method") || !r.contains("path") || !r["method"].is_string() ||
          !r["path"].is_string()) {
        *status = Status::Unprocessable("describe() returned a route without method and path");
        return {};
      }
      std::string path = r["path"];
      if (path.empty() || path[0] != '/' || path.rfind("/v1/", 0) == 0 || path == "/health" || path == "/ready" ||
          path == "/metrics" || path == "/openapi.json" || path == "/" || path.rfind("/ui/", 0) == 0) {
        *status = Status::Unprocessable("plugin route " + path + " is reserved by the host");
        return {};
      }
      routes.push_back({r["method"], path});
    }
  }
  *status = Status::OK();
  return routes;
}

}  // namespace

const char* ModuleStateName(ModuleState state) {
  switch (state) {
    case ModuleState::kInactive: return "inactive";
    case ModuleState::kActivating: return "activating";
    case ModuleState::kActive: return "active";
    case ModuleState::kFailed: return "failed";
    case ModuleState::kDeactivating: return "deactivating";
  }
  return "unknown";
}

Status InspectModule(const ModuleConfig& config, const ActivationEnv& env, AbiDescriptor* descriptor) {
  const std::string prefix = config.name + ": ";
  Status s = CheckPluginLocation(config.library, env.plugins_dirs);
  if (!s.ok()) return Status(s.code(), prefix + s.message());
  if (!config.sha256.empty()) {
    std::string actual;
    s = Sha256File(config.library, &actual);
    if (!s.ok()) return Status(s.code(), prefix + s.message());
    if (actual != config.sha256) {
      return Status::PermissionDenied(prefix + "plugin file " + config.library + " has sha256 " + actual +
                                      " but the module YAML pins " + config.sha256);
    }
  }
  s = InspectPluginFile(config.library, descriptor);
  if (!s.ok()) return Status(s.code(), prefix + s.message());
  if (descriptor->plugin_name != config.plugin) {
    return Status::Unprocessable(prefix + "plugin file " + config.library + " is plugin \"" +
                                 descriptor->plugin_name + "\" but the module YAML expects \"" + config.plugin +
                                 "\" (set `plugin:` or fix `library:`)");
  }
  return Status::OK();
}

Status BuildInstance(const ModuleConfig& config, const ActivationEnv& env, AbiDescriptor* descriptor,
                     BuiltInstance* out, StageError* error, const WorkerEvents* events) {
  const std::string prefix = config.name + ": ";
  auto fail = [&](const char* stage, const Status& s) {
    error->stage = stage;
    error->message = s.message().rfind(prefix, 0) == 0 ? s.message() : prefix + s.message();
    // Whatever the cause (missing file, refused permissions, bad ABI), the module failed: one status, 422.
    return Status::Unprocessable(error->message);
  };
  auto start = std::chrono::steady_clock::now();

  Status s = InspectModule(config, env, descriptor);
  if (!s.ok()) return fail("inspect", s);

  if (env.preflight || config.isolation == Isolation::kProcess) {
    s = RunPreflight(config.library, *descriptor, std::chrono::milliseconds(env.preflight_timeout_ms));
    if (!s.ok()) return fail("load", s);
  }
  ActivationRequest request;
  request.module_name = config.name;
  request.settings_json = config.settings_json;
  request.config_dir = config.config_dir;
  request.models_dir = env.models_dir;
  request.plugin_threads = env.plugin_threads;
  std::unique_ptr<Detector> detector;
  if (config.isolation == Isolation::kProcess) {
    // The daemon never loads this plugin: a worker process does, and is restarted if it dies.
    std::unique_ptr<ProcessDetector> worker;
    s = ProcessDetector::Create(config.library, descriptor->entry_symbol, request,
                                events != nullptr ? *events : WorkerEvents{}, &worker);
    if (!s.ok()) return fail("activate", s);
    detector = std::move(worker);
  } else {
    std::shared_ptr<PluginLibrary> library;
    s = PluginLibrary::Load(config.library, *descriptor, &library);
    if (!s.ok()) return fail("load", s);
    std::unique_ptr<InProcessDetector> in_process;
    s = InProcessDetector::Create(library, request, &in_process);
    if (!s.ok()) return fail("activate", s);
    detector = std::move(in_process);
  }
  std::string describe;
  s = detector->Describe(&describe);
  if (!s.ok()) return fail("activate", s);
  std::vector<Route> routes = ParseRoutes(describe, &s);
  if (!s.ok()) return fail("activate", s);

  s = detector->SelfTest();
  if (!s.ok()) return fail("self-test", s);

  out->detector = std::move(detector);
  out->routes = std::move(routes);
  out->activation_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Status::OK();
}

Status Module::Activate(const ActivationEnv& env) {
  ModuleConfig config;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == ModuleState::kActive) return Status::OK();
    if (state_ == ModuleState::kActivating || state_ == ModuleState::kDeactivating) {
      return Status::FailedPrecondition(config_.name + ": module is " + ModuleStateName(state_) + "; try again");
    }
    state_ = ModuleState::kActivating;
    error_.reset();
    config = config_;
  }
  Log(LogLevel::kInfo, "module_activating", {{"module", config.name}, {"library", config.library}});
  AbiDescriptor descriptor;
  BuiltInstance built;
  StageError error;
  WorkerEvents events = MakeWorkerEvents();
  Status s = BuildInstance(config, env, &descriptor, &built, &error, &events);
  std::lock_guard<std::mutex> lock(mu_);
  if (descriptor.magic != 0) descriptor_ = descriptor;
  if (!s.ok()) {
    state_ = ModuleState::kFailed;
    error_ = error;
    Log(LogLevel::kError, "module_failed", {{"module", config.name}, {"stage", error.stage}, {"reason", error.message}});
    return s;
  }
  detector_ = std::move(built.detector);
  routes_ = std::move(built.routes);
  activation_ms_ = built.activation_ms;
  activated_at_ = std::chrono::system_clock::now();
  state_ = ModuleState::kActive;
  Log(LogLevel::kInfo, "module_active",
      {{"module", config.name}, {"activation_ms", std::to_string(activation_ms_)}, {"version", descriptor.plugin_version}});
  return Status::OK();
}

Status Module::Deactivate() {
  std::shared_ptr<Detector> old;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == ModuleState::kActivating || state_ == ModuleState::kDeactivating) {
      return Status::FailedPrecondition(config_.name + ": module is " + ModuleStateName(state_) + "; try again");
    }
    if (state_ != ModuleState::kActive) {
      state_ = ModuleState::kInactive;
      error_.reset();
      return Status::OK();
    }
    state_ = ModuleState::kDeactivating;
    old = std::move(detector_);
    // routes_ is kept: requests to them now get 503 "not active" rather than 404.
  }
  // The plugin instance is released when the last request holding it finishes.
  old.reset();
  std::lock_guard<std::mutex> lock(mu_);
  state_ = ModuleState::kInactive;
  activated_at_.reset();
  Log(LogLevel::kInfo, "module_inactive", {{"module", config_.name}});
  return Status::OK();
}

Status Module::Replace(ModuleConfig config, const ActivationEnv& env) {
  bool was_active;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (state_ == ModuleState::kActivating || state_ == ModuleState::kDeactivating) {
      return Status::FailedPrecondition(config_.name + ": module is " + ModuleStateName(state_) + "; try again");
    }
    was_active = state_ == ModuleState::kActive;
    if (!was_active) {
      config_ = std::move(config);
      return Status::OK();
    }
  }
  AbiDescriptor descriptor;
  BuiltInstance built;
  StageError error;
  WorkerEvents events = MakeWorkerEvents();
  Status s = BuildInstance(config, env, &descriptor, &built, &error, &events);
  if (!s.ok()) {
    Log(LogLevel::kError, "module_reload_failed",
        {{"module", config.name}, {"stage", error.stage}, {"reason", error.message}});
    return s;
  }
  std::shared_ptr<Detector> old;
  {
    std::lock_guard<std::mutex> lock(mu_);
    old = std::move(detector_);
    detector_ = std::move(built.detector);
    routes_ = std::move(built.routes);
    config_ = std::move(config);
    descriptor_ = descriptor;
    activation_ms_ = built.activation_ms;
    activated_at_ = std::chrono::system_clock::now();
    state_ = ModuleState::kActive;
  }
  Log(LogLevel::kInfo, "module_swapped", {{"module", config_.name}});
  return Status::OK();
}

WorkerEvents Module::MakeWorkerEvents() {
  std::weak_ptr<Module> weak = weak_from_this();
  WorkerEvents events;
  events.on_crash = [weak](const std::string& reason) {
    if (auto self = weak.lock()) {
      std::lock_guard<std::mutex> lock(self->mu_);
      if (self->state_ == ModuleState::kActive || self->state_ == ModuleState::kFailed) {
        self->state_ = ModuleState::kFailed;
        self->error_ = StageError{"worker", self->config_.name + ": " + reason};
      }
    }
  };
  events.on_recovered = [weak] {
    if (auto self = weak.lock()) {
      std::lock_guard<std::mutex> lock(self->mu_);
      if (self->state_ == ModuleState::kFailed && self->detector_) {
        self->state_ = ModuleState::kActive;
        self->error_.reset();
      }
    }
  };
  return events;
}

std::shared_ptr<Detector> Module::detector() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_ == ModuleState::kActive ? detector_ : nullptr;
}

ModuleState Module::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

std::string Module::name() const {
  std::lock_guard<std::mutex> lock(mu_);
  return config_.name;
}

ModuleConfig Module::config() const {
  std::lock_guard<std::mutex> lock(mu_);
  return config_;
}

std::vector<Route> Module::routes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return routes_;
}

bool Module::ServesRoute(std::string_view method, std::string_view path) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& r : routes_) {
    if (r.method == method && r.path == path) return true;
  }
  return false;
}

nlohmann::ordered_json Module::ToJson() const {
  std::lock_guard<std::mutex> lock(mu_);
  nlohmann::ordered_json j;
  j["name"] = config_.name;
  j["enabled"] = config_.enabled;
  j["state"] = ModuleStateName(state_);
  j["library"] = config_.library;
  j["isolation"] = config_.isolation == Isolation::kProcess ? "process" : "in_process";
  if (descriptor_) {
    j["plugin"] = {{"name", descriptor_->plugin_name},
                   {"version", descriptor_->plugin_version},
                   {"compiler", descriptor_->compiler},
                   {"cxx_runtime", descriptor_->cxx_runtime},
                   {"dependencies", descriptor_->dependencies}};
    j["abi"] = {{"plugin", descriptor_->AbiVersion()}, {"host", HostAbiVersion()}};
  } else {
    j["plugin"] = nullptr;
    j["abi"] = {{"plugin", nullptr}, {"host", HostAbiVersion()}};
  }
  if (error_) {
    j["error"] = {{"stage", error_->stage}, {"message", error_->message}};
  } else {
    j["error"] = nullptr;
  }
  j["activated_at"] = activated_at_ ? nlohmann::ordered_json(IsoTime(*activated_at_)) : nlohmann::ordered_json(nullptr);
  j["activation_ms"] = state_ == ModuleState::kActive ? nlohmann::ordered_json(activation_ms_) : nlohmann::ordered_json(nullptr);
  nlohmann::ordered_json routes = nlohmann::ordered_json::array();
  for (const auto& r : routes_) routes.push_back(r.path);
  j["routes"] = routes;
  return j;
}

}  // namespace sentinel
