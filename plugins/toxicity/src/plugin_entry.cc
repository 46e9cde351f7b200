// plugin_entry.cc -- the exported entry point and the ABI descriptor of libsentinel_toxicity.so.
#include "sentinel/plugin_abi.h"
#include "sentinel/plugin_cpp.h"
#include "toxicity_detector.h"

SENTINEL_DECLARE_PLUGIN("toxicity", "0.1.0", "libtorch " SENTINEL_TORCH_VERSION "; sentencepiece (dlopen shim)");

extern "C" SENTINEL_EXPORT const sentinel_detector_api* sentinel_plugin_entry(uint32_t host_abi_major,
                                                                              uint32_t /*host_abi_minor*/) {
  if (host_abi_major != SENTINEL_ABI_MAJOR) return nullptr;
  return sentinel::sdk::DetectorApi<sentinel::toxicity::ToxicityDetector>();
}
