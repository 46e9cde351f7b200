// Daemon: wires the pieces of sentineld together: configuration, module registry, worker pool, router,
// listener and signals (SIGTERM/SIGINT stop, SIGHUP reloads). Also provides `--check`.
#ifndef SENTINEL_HOST_DAEMON_H_
#define SENTINEL_HOST_DAEMON_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "config/host_config.h"
#include "http/listener.h"
#include "http/router.h"
#include "module/module_registry.h"

namespace sentinel {

struct DaemonOptions {
  std::string config_path;
  std::optional<std::string> listen_override;  // "HOST:PORT" from --listen
};

class Daemon {
 public:
  explicit Daemon(DaemonOptions options);
  // Loads config, listens, activates enabled modules, serves until a stop signal. Returns the exit code.
  int Run();
  // Re-reads the YAML and applies it. On invalid YAML nothing changes and the error is returned.
  Status Reload(nlohmann::ordered_json* report);

 private:
  void ApplyRouterOptions(const HostConfig& config);

  DaemonOptions options_;
  std::mutex reload_mu_;
  HostConfig config_;
  ModuleRegistry registry_;
  std::unique_ptr<boost::asio::thread_pool> workers_;
  std::unique_ptr<boost::asio::thread_pool> control_;  // lifecycle and operations work
  std::unique_ptr<Router> router_;
};

// `sentineld --check`: validates the config and inspects every configured plugin and model (by activating
// each enabled module in this process, then releasing it). Prints a report; returns non-zero on any problem.
int RunConfigCheck(const std::string& config_path);

}  // namespace sentinel

#endif  // SENTINEL_HOST_DAEMON_H_
