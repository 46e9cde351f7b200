// libFuzzer target: the ELF section reader and the ABI descriptor rules, over arbitrary file images.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/abi_descriptor.h"
#include "plugin/elf_reader.h"

namespace {
// An accepted descriptor reaches JSON, logs and metrics as it is: dump() throws, and the fuzzer reports it,
// should a text field that is not UTF-8 ever pass the rules.
void CheckDescriptor(const sentinel::AbiDescriptor& d) {
  if (!sentinel::CheckAbiCompatibility(d).ok()) return;
  (void)nlohmann::json({d.plugin_name, d.plugin_version, d.entry_symbol, d.compiler, d.cxx_runtime, d.dependencies})
      .dump();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes;
  sentinel::Status s = sentinel::ReadElfSectionFromImage(std::string_view(reinterpret_cast<const char*>(data), size),
                                                         "fuzz", "sentinel_abi", &bytes);
  sentinel::AbiDescriptor d;
  if (s.ok() && sentinel::ParseAbiDescriptor(bytes, &d).ok()) CheckDescriptor(d);
  // Also feed the raw input to the descriptor parser directly.
  if (sentinel::ParseAbiDescriptor(std::string_view(reinterpret_cast<const char*>(data), size), &d).ok()) {
    CheckDescriptor(d);
  }
  return 0;
}
