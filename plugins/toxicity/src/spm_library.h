// spm_library.h -- finds and dlopen()s libsentinel_toxicity_spm.so (see spm_shim.h for why) once per process.
#ifndef SENTINEL_TOXICITY_SPM_LIBRARY_H_
#define SENTINEL_TOXICITY_SPM_LIBRARY_H_

#include <string>

#include "spm_shim.h"

namespace sentinel {
namespace toxicity {

struct SpmLibrary {
  sentinel_spm_load_fn load = nullptr;
  sentinel_spm_encode_fn encode = nullptr;
  sentinel_spm_unk_id_fn unk_id = nullptr;
  sentinel_spm_free_fn free = nullptr;
  sentinel_spm_train_fn train = nullptr;
};

// The loaded shim, or nullptr with `error`. Looks at $SENTINEL_TOXICITY_SPM_SHIM, then
// <dir of this binary>/../toxicity/, then the build tree.
const SpmLibrary* GetSpmLibrary(std::string* error);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_SPM_LIBRARY_H_
