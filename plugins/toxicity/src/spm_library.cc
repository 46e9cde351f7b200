#include "spm_library.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>
#include <mutex>

namespace sentinel {
namespace toxicity {

namespace {

constexpr char kShimName[] = "libsentinel_toxicity_spm.so";

std::string OwnDirectory() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&OwnDirectory), &info) == 0 || info.dli_fname == nullptr) return ".";
  std::string path = info.dli_fname;
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::vector<std::string> Candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("SENTINEL_TOXICITY_SPM_SHIM")) out.push_back(env);
  out.push_back(OwnDirectory() + "/../toxicity/" + kShimName);
#ifdef SENTINEL_TOXICITY_SPM_BUILD_PATH
  out.push_back(SENTINEL_TOXICITY_SPM_BUILD_PATH);
#endif
#ifdef SENTINEL_TOXICITY_SPM_INSTALL_PATH
  out.push_back(SENTINEL_TOXICITY_SPM_INSTALL_PATH);
#endif
  return out;
}

}  // namespace

const SpmLibrary* GetSpmLibrary(std::string* error) {
  static std::once_flag once;
  static SpmLibrary library;
  static bool loaded = false;
  static std::string load_error;
  std::call_once(once, [] {
    std::string tried;
    for (const std::string& path : Candidates()) {
      if (access(path.c_str(), R_OK) != 0) {
        tried += (tried.empty() ? "" : ", ") + path;
        continue;
      }
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
      if (handle == nullptr) {
        const char* why = dlerror();
        load_error = path + ": " + (why ? why : "dlopen failed");
        return;
      }
      library.load = reinterpret_cast<sentinel_spm_load_fn>(dlsym(handle, "sentinel_spm_load"));
      library.encode = reinterpret_cast<sentinel_spm_encode_fn>(dlsym(handle, "sentinel_spm_encode"));
      library.unk_id = reinterpret_cast<sentinel_spm_unk_id_fn>(dlsym(handle, "sentinel_spm_unk_id"));
      library.free = reinterpret_cast<sentinel_spm_free_fn>(dlsym(handle, "sentinel_spm_free"));
      library.train = reinterpret_cast<sentinel_spm_train_fn>(dlsym(handle, "sentinel_spm_train"));
      if (!library.load || !library.encode || !library.unk_id || !library.free || !library.train) {
        load_error = path + ": missing sentinel_spm_* symbols";
        return;
      }
      loaded = true;
      return;
    }
    load_error = std::string("SentencePiece support library not found (tried ") + tried + ")";
  });
  if (!loaded) {
    *error = load_error;
    return nullptr;
  }
  return &library;
}

}  // namespace toxicity
}  // namespace sentinel
