#include "plugin/plugin_library.h"

#include <dlfcn.h>
#include <sys/stat.h>

#include <map>
#include <mutex>
#include <tuple>

#include <boost/dll/shared_library.hpp>

namespace sentinel {
namespace {

using FileKey = std::tuple<dev_t, ino_t, int64_t, int64_t>;  // device, inode, mtime ns, size

struct LibraryCache {
  std::mutex mutex;
  // Intentionally never destroyed: see the header comment.
  std::map<FileKey, std::pair<boost::dll::shared_library*, std::shared_ptr<PluginLibrary>>> entries;
};

LibraryCache& Cache() {
  static LibraryCache* cache = new LibraryCache();
  return *cache;
}

}  // namespace

std::string DescribeDlError(const std::string& text) {
  const std::string marker = ": cannot open shared object file";
  size_t pos = text.find(marker);
  if (pos != std::string::npos) {
    size_t start = text.rfind(": ", pos == 0 ? 0 : pos - 1);
    std::string missing = start == std::string::npos ? text.substr(0, pos) : text.substr(start + 2, pos - start - 2);
    // When the plugin file itself is missing dlerror names it; otherwise it is a dependency.
    return "unresolvable shared library dependency: " + missing + " not found (" + text + ")";
  }
  if (text.find("undefined symbol") != std::string::npos) return "unresolved symbol: " + text;
  if (text.find("version `") != std::string::npos) return "runtime library too old for this plugin: " + text;
  return "dlopen failed: " + text;
}

Status ValidateEntry(const AbiDescriptor& descriptor, void* entry, const sentinel_detector_api** api) {
  if (entry == nullptr) {
    return Status::Unprocessable("plugin does not export its entry point " + descriptor.entry_symbol +
                                 "(): declare it extern \"C\" with default visibility");
  }
  auto fn = reinterpret_cast<sentinel_plugin_entry_fn>(entry);
  const sentinel_detector_api* table = fn(SENTINEL_ABI_MAJOR, SENTINEL_ABI_MINOR);
  if (table == nullptr) {
    return Status::Unprocessable("plugin entry point returned no function table for host ABI " + HostAbiVersion());
  }
  if (table->struct_size != descriptor.size_detector_api) {
    return Status::Unprocessable("sentinel_detector_api size changed, may indicate binary incompatibility. Expected " +
                                 std::to_string(descriptor.size_detector_api) + " from descriptor, got " +
                                 std::to_string(table->struct_size) + " from the plugin's function table");
  }
  if (table->activate == nullptr || table->deactivate == nullptr || table->analyze == nullptr ||
      table->health == nullptr || table->describe == nullptr || table->handle_http == nullptr ||
      table->self_test == nullptr) {
    return Status::Unprocessable("plugin function table has a null required function");
  }
  *api = table;
  return Status::OK();
}

Status PluginLibrary::Load(const std::string& path, const AbiDescriptor& descriptor,
                           std::shared_ptr<PluginLibrary>* out) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound("plugin file not found: " + path);
  FileKey key{st.st_dev, st.st_ino, int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec, st.st_size};

  LibraryCache& cache = Cache();
  std::lock_guard<std::mutex> lock(cache.mutex);
  auto it = cache.entries.find(key);
  if (it != cache.entries.end()) {
    *out = it->second.second;
    return Status::OK();
  }
  boost::dll::fs::error_code ec;
  auto* lib = new boost::dll::shared_library();
  lib->load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec || !lib->is_loaded()) {
    delete lib;
    // Boost maps every dlopen failure to one error code; the detail is in dlerror, which we re-run to read.
    void* probe = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    std::string reason = probe == nullptr ? DescribeDlError(dlerror()) : "dlopen failed: " + ec.message();
    if (probe != nullptr) dlclose(probe);
    return Status::Unprocessable(reason);
  }
  void* entry = lib->has(descriptor.entry_symbol) ? reinterpret_cast<void*>(&lib->get<char>(descriptor.entry_symbol))
                                                  : nullptr;
  const sentinel_detector_api* api = nullptr;
  Status s = ValidateEntry(descriptor, entry, &api);
  if (!s.ok()) {
    // Keep the handle: the plugin's code already ran, unloading it is no safer than keeping it.
    return s;
  }
  auto library = std::shared_ptr<PluginLibrary>(new PluginLibrary(path, api));
  cache.entries.emplace(key, std::make_pair(lib, library));
  *out = library;
  return Status::OK();
}

}  // namespace sentinel
