// PluginLibrary: a plugin shared object dlopened into the host (Boost.DLL, RTLD_NOW|RTLD_LOCAL) and its
// function table, validated against the host's expectations.
//
// Libraries are kept loaded for the life of the process and shared by every instance made from the same
// file: LibTorch and thread-local destructors make dlclose unsafe (GStreamer keeps plugins resident for the
// same reason). A changed file on disk (new inode or mtime) is a different library.
#ifndef SENTINEL_HOST_PLUGIN_PLUGIN_LIBRARY_H_
#define SENTINEL_HOST_PLUGIN_PLUGIN_LIBRARY_H_

#include <memory>
#include <string>

#include "common/status.h"
#include "plugin/abi_descriptor.h"
#include "sentinel/plugin_abi.h"

namespace sentinel {

class PluginLibrary {
 public:
  // Loads (or reuses) the library at `path` and resolves its entry point.
  static Status Load(const std::string& path, const AbiDescriptor& descriptor, std::shared_ptr<PluginLibrary>* out);

  const sentinel_detector_api* api() const { return api_; }
  const std::string& path() const { return path_; }

 private:
  PluginLibrary(std::string path, const sentinel_detector_api* api) : path_(std::move(path)), api_(api) {}
  std::string path_;
  const sentinel_detector_api* api_;
};

// Calls the entry function the plugin exports and checks the table it returns. Shared by the host and the
// preflight child. `entry` may be null (symbol missing).
Status ValidateEntry(const AbiDescriptor& descriptor, void* entry, const sentinel_detector_api** api);

// Turns a dlerror() text into a user-facing reason, naming a missing dependency when that is the cause.
std::string DescribeDlError(const std::string& dlerror_text);

}  // namespace sentinel

#endif  // SENTINEL_HOST_PLUGIN_PLUGIN_LIBRARY_H_
