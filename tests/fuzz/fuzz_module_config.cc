// libFuzzer target: the module YAML loader (yaml-cpp parsing, key checks, value conversion to JSON).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "config/host_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/sentinel-fuzz-module-" + std::to_string(getpid()) + ".yaml";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  sentinel::HostConfig host;
  host.plugins_dirs = {"/tmp"};
  sentinel::ModuleConfig module;
  if (sentinel::LoadModuleConfig(path, host, &module).ok()) {
    // What a module file may hold reaches JSON, logs and plugins as it is: dump() throws, and the fuzzer
    // reports it, should text that is not UTF-8 ever be accepted.
    (void)nlohmann::json({module.name, module.plugin, module.library, module.sha256, module.settings_json}).dump();
  }
  return 0;
}
