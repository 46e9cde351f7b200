// libFuzzer target: the module YAML loader (yaml-cpp parsing, key checks, value conversion to JSON).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

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
  sentinel::LoadModuleConfig(path, host, &module);
  return 0;
}
