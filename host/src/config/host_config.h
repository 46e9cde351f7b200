// HostConfig: the daemon's configuration, read from a host YAML file plus one YAML file per module in the
// modules folder. Every error names the file, line and column: `file:line:column: what is wrong`. Unknown
// keys are errors. Relative paths are resolved against the file that names them.
#ifndef SENTINEL_HOST_CONFIG_HOST_CONFIG_H_
#define SENTINEL_HOST_CONFIG_HOST_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/guardrail_policy.h"

namespace sentinel {

enum class Isolation { kInProcess, kProcess };

struct ModuleConfig {
  std::string name;
  std::string plugin;        // plugin name the descriptor must carry (defaults to `name`)
  std::string library;       // absolute path of the plugin file
  bool enabled = true;
  Isolation isolation = Isolation::kInProcess;
  std::string sha256;        // optional pin of the exact plugin file (lower-case hex)
  std::string settings_json; // the `settings:` mapping as a JSON object
  std::string source_file;   // the module YAML
  std::string config_dir;    // folder of the module YAML

  // True when a running module must be re-activated to apply `other`.
  bool SameDefinition(const ModuleConfig& other) const;
};

struct HostConfig {
  std::string source_file;
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  std::vector<std::string> plugins_dirs;  // plugins load only from these folders
  std::string models_dir;
  std::string modules_dir;
  unsigned io_threads = 2;
  unsigned worker_threads = 4;  // threads running detector calls, off the I/O threads
  unsigned plugin_threads = 1;  // compute threads offered to each plugin (e.g. LibTorch intra-op)
  bool fail_fast = false;
  bool preflight = true;
  unsigned preflight_timeout_ms = 30000;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_text_bytes = 512 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  unsigned read_timeout_ms = 10000;
  unsigned max_connections = 4096;
  std::size_t max_queue_per_module = 128;  // requests waiting for or running one module's calls; beyond: 429
  std::string admin_token;      // empty: admin routes open (the shipped config binds 127.0.0.1)
  bool protect_analysis = false; // analysis routes need the token too
  std::string log_level = "info";
  std::vector<ModuleConfig> modules;
  GuardrailPolicy guardrails;  // the `guardrails:` section (check APIs and streaming redaction)

  const ModuleConfig* FindModule(const std::string& name) const;
};

// Reads the host file and every `*.yaml`/`*.yml` in its modules folder.
Status LoadHostConfig(const std::string& path, HostConfig* out);

// Parses one module file (used by LoadHostConfig and by tests).
Status LoadModuleConfig(const std::string& path, const HostConfig& host, ModuleConfig* out);

// Parses "HOST:PORT" (IPv6 as "[::1]:PORT").
Status ParseListenAddress(const std::string& text, std::string* host, uint16_t* port);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CONFIG_HOST_CONFIG_H_
