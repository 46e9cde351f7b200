// Module: one configured detector module and its lifecycle.
//
//   inactive -> activating -> active -> deactivating -> inactive
//                    \-> failed (with the stage that failed: inspect, load, activate, self-test)
//
// Activation runs the stages in order and only a module that passed all of them is `active`: it will answer.
// Requests hold a shared_ptr to the Detector they started on, so a swap (reload) or a deactivation never
// pulls an instance out from under a request in flight.
#ifndef SENTINEL_HOST_MODULE_MODULE_H_
#define SENTINEL_HOST_MODULE_MODULE_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "config/host_config.h"
#include "module/detector.h"
#include "plugin/abi_descriptor.h"

namespace sentinel {

enum class ModuleState { kInactive, kActivating, kActive, kFailed, kDeactivating };
const char* ModuleStateName(ModuleState state);

// What activation needs from the host configuration.
struct ActivationEnv {
  std::vector<std::string> plugins_dirs;
  std::string models_dir;
  unsigned plugin_threads = 1;
  bool preflight = true;
  unsigned preflight_timeout_ms = 30000;
};

struct StageError {
  std::string stage;  // inspect, load, activate, self-test
  std::string message;
};

struct Route {
  std::string method;
  std::string path;
};

// A fully activated and self-tested instance, ready to be swapped in.
struct BuiltInstance {
  std::shared_ptr<Detector> detector;
  std::vector<Route> routes;
  double activation_ms = 0;
};

// Runs only the inspect stage (file location and permissions, sha256 pin, ELF descriptor, ABI rules, name).
// Used by activation and by `sentineld --check`. Messages are prefixed with the module name.
Status InspectModule(const ModuleConfig& config, const ActivationEnv& env, AbiDescriptor* descriptor);

// Notifications from a worker process (isolation: process) about crashes and recoveries.
struct WorkerEvents;

// Runs every stage. On failure fills `*error` (stage + message) and returns its Status.
Status BuildInstance(const ModuleConfig& config, const ActivationEnv& env, AbiDescriptor* descriptor,
                     BuiltInstance* out, StageError* error, const WorkerEvents* events = nullptr);

class Module : public std::enable_shared_from_this<Module> {
 public:
  explicit Module(ModuleConfig config) : config_(std::move(config)) {}
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  // Blocking. OK when the module ends active. Refused (kFailedPrecondition) while another transition runs.
  Status Activate(const ActivationEnv& env);
  // Blocking. Requests in flight finish on the instance they hold.
  Status Deactivate();
  // Applies a changed definition. When active, the new instance is built first and swapped in; if that fails
  // the old instance keeps serving and the error is returned.
  Status Replace(ModuleConfig config, const ActivationEnv& env);

  // The active detector, or null when the module is not active.
  std::shared_ptr<Detector> detector() const;
  ModuleState state() const;
  std::string name() const;
  ModuleConfig config() const;
  bool ServesRoute(std::string_view method, std::string_view path) const;
  std::vector<Route> routes() const;
  nlohmann::ordered_json ToJson() const;

 private:
  // Worker events for this module; they hold only a weak reference to it.
  WorkerEvents MakeWorkerEvents();

  mutable std::mutex mu_;
  ModuleConfig config_;
  ModuleState state_ = ModuleState::kInactive;
  std::optional<StageError> error_;
  std::optional<AbiDescriptor> descriptor_;
  std::shared_ptr<Detector> detector_;
  std::vector<Route> routes_;
  std::optional<std::chrono::system_clock::time_point> activated_at_;
  double activation_ms_ = 0;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_MODULE_MODULE_H_
