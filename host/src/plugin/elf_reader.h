// ElfReader: reads one section's bytes from an ELF shared object on disk without loading it.
// It validates the ELF header for *this* host (class, byte order, machine, ET_DYN) and bounds-checks every
// offset, so a hostile or truncated file yields a Status, never a crash. No plugin code runs.
#ifndef SENTINEL_HOST_PLUGIN_ELF_READER_H_
#define SENTINEL_HOST_PLUGIN_ELF_READER_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace sentinel {

// Reads the contents of section `section_name` of the ELF file at `path` into `*bytes`.
// Errors (all kInvalidArgument unless noted): file missing (kNotFound), unreadable, not ELF, truncated,
// wrong class/byte order/architecture, not a shared object, section absent.
Status ReadElfSection(const std::string& path, std::string_view section_name, std::string* bytes);

// Same, over an in-memory image (used by the fuzzer and tests). `label` names the file in messages.
Status ReadElfSectionFromImage(std::string_view image, std::string_view label, std::string_view section_name,
                               std::string* bytes);

}  // namespace sentinel

#endif  // SENTINEL_HOST_PLUGIN_ELF_READER_H_
