// ModuleRegistry: the set of configured modules, keyed by name. It applies a configuration (at start and on
// reload): new modules are added and activated when enabled, removed ones are deactivated and dropped, and
// changed ones are rebuilt and swapped in while the old instance keeps serving. It also finds which active
// module serves a plugin route.
#ifndef SENTINEL_HOST_MODULE_MODULE_REGISTRY_H_
#define SENTINEL_HOST_MODULE_MODULE_REGISTRY_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/host_config.h"
#include "module/module.h"

namespace sentinel {

ActivationEnv MakeActivationEnv(const HostConfig& config);

class ModuleRegistry {
 public:
  ModuleRegistry() = default;

  // Applies `config`. Returns a report {"added":[],"removed":[],"reactivated":[],"failed":[{name,error}]}.
  // Serialized: concurrent calls wait for each other.
  nlohmann::ordered_json Apply(const HostConfig& config);

  std::shared_ptr<Module> Find(const std::string& name) const;
  std::vector<std::shared_ptr<Module>> List() const;  // sorted by name
  std::shared_ptr<Module> FindRoute(std::string_view method, std::string_view path) const;
  // True when some active module serves `path` with another method (for 405 answers).
  bool KnowsPath(std::string_view path) const;
  ActivationEnv env() const;

 private:
  mutable std::mutex mu_;
  std::mutex apply_mu_;
  std::map<std::string, std::shared_ptr<Module>> modules_;
  ActivationEnv env_;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_MODULE_MODULE_REGISTRY_H_
