#include "plugin/abi_descriptor.h"

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <utility>

#include "common/utf8.h"
#include "plugin/elf_reader.h"
#include "sentinel/plugin_abi.h"

namespace sentinel {
namespace {

// What the host expects for one (major, minor). A new minor appends a row; sizes may only grow.
struct ExpectedSizes {
  uint32_t major;
  uint32_t minor;
  uint32_t detector_api;
  uint32_t host_api;
  uint32_t activate_args;
  uint32_t http_request;
  uint32_t http_response;
  uint32_t error;
  uint32_t sink;
};

constexpr ExpectedSizes kExpected[] = {
    // 1.0: sentinel_http_request ended at body_size.
    {1, 0, sizeof(sentinel_detector_api), sizeof(sentinel_host_api), sizeof(sentinel_activate_args),
     offsetof(sentinel_http_request, host), sizeof(sentinel_http_response), sizeof(sentinel_error),
     sizeof(sentinel_sink)},
    // 1.1: sentinel_http_request.host (the Host header).
    {1, 1, sizeof(sentinel_detector_api), sizeof(sentinel_host_api), sizeof(sentinel_activate_args),
     sizeof(sentinel_http_request), sizeof(sentinel_http_response), sizeof(sentinel_error), sizeof(sentinel_sink)},
};
static_assert(SENTINEL_ABI_MAJOR == 1 && SENTINEL_ABI_MINOR == 1,
              "add a row to kExpected for the new ABI version before bumping it");

// The fixed prefix every descriptor version shares: magic, major, minor, descriptor_size.
constexpr size_t kPrefixSize = 4 * sizeof(uint32_t);

std::string FixedString(const char* data, size_t capacity) {
  size_t n = 0;
  while (n < capacity && data[n] != '\0') ++n;
  return std::string(data, n);
}

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "0x%08X", v);
  return buf;
}

Status SizeMismatch(const char* struct_name, uint32_t expected, uint32_t got) {
  return Status::Unprocessable(std::string(struct_name) +
                               " size changed, may indicate binary incompatibility. Expected " +
                               std::to_string(expected) + " from host, got " + std::to_string(got) +
                               " from plugin: rebuild the plugin against this host's SDK");
}

}  // namespace

std::string HostAbiVersion() { return std::to_string(SENTINEL_ABI_MAJOR) + "." + std::to_string(SENTINEL_ABI_MINOR); }

Status ParseAbiDescriptor(std::string_view bytes, AbiDescriptor* out) {
  if (bytes.size() < kPrefixSize) {
    return Status::InvalidArgument("sentinel_abi section is " + std::to_string(bytes.size()) +
                                   " bytes, too short to hold a descriptor: not a Sentinel plugin or a corrupt file");
  }
  uint32_t prefix[4];
  std::memcpy(prefix, bytes.data(), sizeof(prefix));
  out->magic = prefix[0];
  out->abi_major = prefix[1];
  out->abi_minor = prefix[2];
  out->descriptor_size = prefix[3];
  if (out->magic != SENTINEL_ABI_MAGIC) {
    return Status::InvalidArgument("bad magic " + Hex(out->magic) + " in sentinel_abi section (expected " +
                                   Hex(SENTINEL_ABI_MAGIC) + " \"SNTL\"): not a Sentinel plugin or a corrupt file");
  }
  if (out->descriptor_size > bytes.size()) {
    return Status::InvalidArgument("descriptor declares " + std::to_string(out->descriptor_size) +
                                   " bytes but the sentinel_abi section holds only " + std::to_string(bytes.size()) +
                                   ": corrupt file");
  }
  // Copy what the plugin wrote into a zeroed host-sized descriptor; fields it lacks stay empty.
  sentinel_abi_descriptor raw;
  std::memset(&raw, 0, sizeof(raw));
  std::memcpy(&raw, bytes.data(), std::min<size_t>(sizeof(raw), out->descriptor_size));
  out->size_detector_api = raw.size_detector_api;
  out->size_host_api = raw.size_host_api;
  out->size_activate_args = raw.size_activate_args;
  out->size_http_request = raw.size_http_request;
  out->size_http_response = raw.size_http_response;
  out->size_error = raw.size_error;
  out->size_sink = raw.size_sink;
  out->pointer_size = raw.pointer_size;
  out->plugin_name = FixedString(raw.plugin_name, sizeof(raw.plugin_name));
  out->plugin_version = FixedString(raw.plugin_version, sizeof(raw.plugin_version));
  out->entry_symbol = FixedString(raw.entry_symbol, sizeof(raw.entry_symbol));
  out->compiler = FixedString(raw.compiler, sizeof(raw.compiler));
  out->cxx_runtime = FixedString(raw.cxx_runtime, sizeof(raw.cxx_runtime));
  out->dependencies = FixedString(raw.dependencies, sizeof(raw.dependencies));
  return Status::OK();
}

Status CheckAbiCompatibility(const AbiDescriptor& d) {
  const std::string host = HostAbiVersion();
  if (d.abi_major != SENTINEL_ABI_MAJOR) {
    return Status::Unprocessable("plugin ABI " + d.AbiVersion() + " is not compatible with host ABI " + host +
                                 " (major must match): rebuild the plugin against this host's SDK");
  }
  if (d.abi_minor > SENTINEL_ABI_MINOR) {
    return Status::Unprocessable("plugin ABI " + d.AbiVersion() + " is newer than host ABI " + host +
                                 " (plugin minor must be <= host minor): upgrade sentineld or rebuild the plugin "
                                 "against this host's SDK");
  }
  const ExpectedSizes* expected = nullptr;
  for (const ExpectedSizes& row : kExpected) {
    if (row.major == d.abi_major && row.minor == d.abi_minor) expected = &row;
  }
  if (expected == nullptr) {
    return Status::Unprocessable("plugin ABI " + d.AbiVersion() + " is unknown to host ABI " + host);
  }
  if (d.descriptor_size < offsetof(sentinel_abi_descriptor, dependencies) + sizeof(sentinel_abi_descriptor{}.dependencies)) {
    return SizeMismatch("sentinel_abi_descriptor", sizeof(sentinel_abi_descriptor), d.descriptor_size);
  }
  if (d.pointer_size != sizeof(void*)) {
    return Status::Unprocessable("plugin was built with " + std::to_string(d.pointer_size * 8) +
                                 "-bit pointers; this host uses " + std::to_string(sizeof(void*) * 8));
  }
  if (d.size_detector_api != expected->detector_api)
    return SizeMismatch("sentinel_detector_api", expected->detector_api, d.size_detector_api);
  if (d.size_host_api != expected->host_api) return SizeMismatch("sentinel_host_api", expected->host_api, d.size_host_api);
  if (d.size_activate_args != expected->activate_args)
    return SizeMismatch("sentinel_activate_args", expected->activate_args, d.size_activate_args);
  if (d.size_http_request != expected->http_request)
    return SizeMismatch("sentinel_http_request", expected->http_request, d.size_http_request);
  if (d.size_http_response != expected->http_response)
    return SizeMismatch("sentinel_http_response", expected->http_response, d.size_http_response);
  if (d.size_error != expected->error) return SizeMismatch("sentinel_error", expected->error, d.size_error);
  if (d.size_sink != expected->sink) return SizeMismatch("sentinel_sink", expected->sink, d.size_sink);
  // The text fields end up in JSON, logs and metrics labels, which carry UTF-8 only.
  const std::pair<const char*, const std::string*> text_fields[] = {
      {"plugin_name", &d.plugin_name}, {"plugin_version", &d.plugin_version}, {"entry_symbol", &d.entry_symbol},
      {"compiler", &d.compiler},       {"cxx_runtime", &d.cxx_runtime},       {"dependencies", &d.dependencies}};
  for (const auto& [field, text] : text_fields) {
    if (!IsValidUtf8(*text)) {
      return Status::InvalidArgument(std::string("descriptor field ") + field + " is not valid UTF-8 (" +
                                     DescribeInvalidUtf8(*text) + "): rebuild the plugin with UTF-8 text there");
    }
  }
  if (d.plugin_name.empty()) return Status::InvalidArgument("descriptor has an empty plugin name");
  if (d.entry_symbol.empty()) return Status::InvalidArgument("descriptor names no entry symbol");
  return Status::OK();
}

Status InspectPluginFile(const std::string& path, AbiDescriptor* out) {
  std::string bytes;
  Status s = ReadElfSection(path, SENTINEL_ABI_SECTION, &bytes);
  if (!s.ok()) return s;
  s = ParseAbiDescriptor(bytes, out);
  if (!s.ok()) return s;
  return CheckAbiCompatibility(*out);
}

}  // namespace sentinel
