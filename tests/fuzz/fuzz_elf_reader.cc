// libFuzzer target: the ELF section reader and the ABI descriptor rules, over arbitrary file images.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "plugin/abi_descriptor.h"
#include "plugin/elf_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes;
  sentinel::Status s = sentinel::ReadElfSectionFromImage(std::string_view(reinterpret_cast<const char*>(data), size),
                                                         "fuzz", "sentinel_abi", &bytes);
  sentinel::AbiDescriptor d;
  if (s.ok() && sentinel::ParseAbiDescriptor(bytes, &d).ok()) sentinel::CheckAbiCompatibility(d);
  // Also feed the raw input to the descriptor parser directly.
  if (sentinel::ParseAbiDescriptor(std::string_view(reinterpret_cast<const char*>(data), size), &d).ok()) {
    sentinel::CheckAbiCompatibility(d);
  }
  return 0;
}
