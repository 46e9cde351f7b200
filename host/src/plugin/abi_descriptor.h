// AbiDescriptor: the plugin descriptor read from a plugin file's `sentinel_abi` section, and the rules that
// decide whether this host may load it (major equal, minor <= host, every struct the size the host expects
// for the plugin's declared version). All of this runs before any plugin code does.
#ifndef SENTINEL_HOST_PLUGIN_ABI_DESCRIPTOR_H_
#define SENTINEL_HOST_PLUGIN_ABI_DESCRIPTOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sentinel {

struct AbiDescriptor {
  uint32_t magic = 0;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  uint32_t descriptor_size = 0;
  uint32_t size_detector_api = 0;
  uint32_t size_host_api = 0;
  uint32_t size_activate_args = 0;
  uint32_t size_http_request = 0;
  uint32_t size_http_response = 0;
  uint32_t size_error = 0;
  uint32_t size_sink = 0;
  uint32_t pointer_size = 0;
  std::string plugin_name;
  std::string plugin_version;
  std::string entry_symbol;
  std::string compiler;
  std::string cxx_runtime;
  std::string dependencies;

  std::string AbiVersion() const { return std::to_string(abi_major) + "." + std::to_string(abi_minor); }
};

// The host's own ABI version, e.g. "1.0".
std::string HostAbiVersion();

// Decodes the raw section bytes. Fails on a short section or a bad magic.
Status ParseAbiDescriptor(std::string_view bytes, AbiDescriptor* out);

// Applies the compatibility rules, and refuses a descriptor whose text fields are not well-formed UTF-8 (they
// reach JSON, logs and metrics). Messages name both sides and the fix.
Status CheckAbiCompatibility(const AbiDescriptor& descriptor);

// Reads, parses and checks the descriptor of the plugin file at `path`.
Status InspectPluginFile(const std::string& path, AbiDescriptor* out);

}  // namespace sentinel

#endif  // SENTINEL_HOST_PLUGIN_ABI_DESCRIPTOR_H_
