#include "module/module_registry.h"

#include "common/log.h"

namespace sentinel {

ActivationEnv MakeActivationEnv(const HostConfig& config) {
  ActivationEnv env;
  env.plugins_dirs = config.plugins_dirs;
  env.models_dir = config.models_dir;
  env.plugin_threads = config.plugin_threads;
  env.preflight = config.preflight;
  env.preflight_timeout_ms = config.preflight_timeout_ms;
  return env;
}

nlohmann::ordered_json ModuleRegistry::Apply(const HostConfig& config) {
  std::lock_guard<std::mutex> apply_lock(apply_mu_);
  ActivationEnv env = MakeActivationEnv(config);
  std::map<std::string, std::shared_ptr<Module>> current;
  {
    std::lock_guard<std::mutex> lock(mu_);
    env_ = env;
    current = modules_;
  }
  nlohmann::ordered_json report = {{"added", nlohmann::ordered_json::array()},
                                   {"removed", nlohmann::ordered_json::array()},
                                   {"reactivated", nlohmann::ordered_json::array()},
                                   {"failed", nlohmann::ordered_json::array()}};
  auto record_failure = [&](const std::string& name, const Status& s) {
    report["failed"].push_back({{"name", name}, {"message", s.message()}});
  };

  // Removed modules: deactivate and drop.
  for (const auto& [name, module] : current) {
    if (config.FindModule(name) == nullptr) {
      Status s = module->Deactivate();
      if (!s.ok()) {
        // Refused only mid-transition (an API call is activating it). It leaves the registry all the same; an
        // instance that call builds is released with the module's last reference.
        Log(LogLevel::kWarn, "module_removed_while_busy", {{"module", name}, {"reason", s.message()}});
      }
      std::lock_guard<std::mutex> lock(mu_);
      modules_.erase(name);
      report["removed"].push_back(name);
    }
  }
  for (const ModuleConfig& mc : config.modules) {
    auto it = current.find(mc.name);
    if (it == current.end()) {
      auto module = std::make_shared<Module>(mc);
      {
        std::lock_guard<std::mutex> lock(mu_);
        modules_[mc.name] = module;
      }
      report["added"].push_back(mc.name);
      if (mc.enabled) {
        Status s = module->Activate(env);
        if (!s.ok()) record_failure(mc.name, s);
      }
      continue;
    }
    std::shared_ptr<Module> module = it->second;
    ModuleConfig old = module->config();
    if (!mc.enabled) {
      Status s;
      if (old.enabled || module->state() != ModuleState::kInactive) s = module->Deactivate();
      // Once inactive, Replace only stores the new definition. Mid-transition both are refused: the module
      // keeps its old definition, and the report says so.
      if (s.ok()) s = module->Replace(mc, env);
      if (!s.ok()) record_failure(mc.name, s);
      continue;
    }
    if (!old.SameDefinition(mc) || !old.enabled) {
      Status s = module->Replace(mc, env);
      if (!s.ok()) {
        record_failure(mc.name, s);
        continue;
      }
      if (module->state() != ModuleState::kActive) {
        s = module->Activate(env);
        if (!s.ok()) record_failure(mc.name, s);
      }
      report["reactivated"].push_back(mc.name);
    } else if (module->state() == ModuleState::kFailed) {
      // An unchanged module that had failed is retried: its files may have been fixed.
      Status s = module->Activate(env);
      if (!s.ok()) record_failure(mc.name, s);
    }
  }
  return report;
}

std::shared_ptr<Module> ModuleRegistry::Find(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = modules_.find(name);
  return it == modules_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Module>> ModuleRegistry::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<Module>> out;
  for (const auto& [name, module] : modules_) out.push_back(module);
  return out;
}

std::shared_ptr<Module> ModuleRegistry::FindRoute(std::string_view method, std::string_view path) const {
  for (const auto& module : List()) {
    if (module->ServesRoute(method, path)) return module;
  }
  return nullptr;
}

bool ModuleRegistry::KnowsPath(std::string_view path) const {
  for (const auto& module : List()) {
    for (const auto& r : module->routes()) {
      if (r.path == path) return true;
    }
  }
  return false;
}

ActivationEnv ModuleRegistry::env() const {
  std::lock_guard<std::mutex> lock(mu_);
  return env_;
}

}  // namespace sentinel
