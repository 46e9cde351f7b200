#include "plugin/elf_reader.h"

#include <elf.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sentinel {
namespace {

constexpr size_t kMaxPluginFileBytes = size_t{2} << 30;  // refuse absurd files rather than reading them

#if defined(__x86_64__)
constexpr uint16_t kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr uint16_t kHostMachine = EM_AARCH64;
#else
#error "unsupported host architecture"
#endif

const char* MachineName(uint16_t machine) {
  switch (machine) {
    case EM_X86_64: return "x86-64";
    case EM_386: return "i386";
    case EM_AARCH64: return "aarch64";
    case EM_ARM: return "arm";
    case EM_RISCV: return "riscv";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390";
    default: return "unknown";
  }
}

bool InBounds(uint64_t offset, uint64_t size, uint64_t total) { return offset <= total && size <= total - offset; }

std::string Label(std::string_view label) { return std::string(label); }

}  // namespace

Status ReadElfSectionFromImage(std::string_view image, std::string_view label, std::string_view section_name,
                               std::string* bytes) {
  if (image.size() < EI_NIDENT || std::memcmp(image.data(), ELFMAG, SELFMAG) != 0) {
    if (image.size() < SELFMAG && image.size() > 0 && std::memcmp(image.data(), ELFMAG, image.size()) == 0) {
      return Status::InvalidArgument(Label(label) + " is truncated: too short to hold an ELF header");
    }
    return Status::InvalidArgument(Label(label) + " is not an ELF file (no \\x7fELF magic): not a shared library");
  }
  const unsigned char* ident = reinterpret_cast<const unsigned char*>(image.data());
  if (ident[EI_CLASS] != ELFCLASS64) {
    return Status::InvalidArgument(Label(label) + " is a " + (ident[EI_CLASS] == ELFCLASS32 ? "32-bit" : "unknown-class") +
                                   " ELF file; this host loads only 64-bit plugins");
  }
  if (ident[EI_DATA] != ELFDATA2LSB) {
    return Status::InvalidArgument(Label(label) + " is a big-endian ELF file; this host is little-endian");
  }
  if (image.size() < sizeof(Elf64_Ehdr)) {
    return Status::InvalidArgument(Label(label) + " is truncated: " + std::to_string(image.size()) +
                                   " bytes, shorter than the 64-byte ELF header");
  }
  Elf64_Ehdr header;
  std::memcpy(&header, image.data(), sizeof(header));
  if (header.e_machine != kHostMachine) {
    return Status::InvalidArgument(Label(label) + " is built for " + MachineName(header.e_machine) + " (e_machine " +
                                   std::to_string(header.e_machine) + "); this host is " + MachineName(kHostMachine) +
                                   " (e_machine " + std::to_string(kHostMachine) + ")");
  }
  if (header.e_type != ET_DYN) {
    return Status::InvalidArgument(Label(label) + " is not a shared object (e_type " + std::to_string(header.e_type) +
                                   ", expected ET_DYN)");
  }
  if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0 || header.e_shstrndx >= header.e_shnum) {
    return Status::InvalidArgument(Label(label) + " has a malformed section header table");
  }
  const uint64_t table_size = uint64_t{header.e_shnum} * sizeof(Elf64_Shdr);
  if (!InBounds(header.e_shoff, table_size, image.size())) {
    return Status::InvalidArgument(Label(label) + " is truncated: its section header table lies beyond the end of the file (" +
                                   std::to_string(image.size()) + " bytes)");
  }
  auto section_at = [&](size_t index) {
    Elf64_Shdr shdr;
    std::memcpy(&shdr, image.data() + header.e_shoff + index * sizeof(Elf64_Shdr), sizeof(shdr));
    return shdr;
  };
  Elf64_Shdr names = section_at(header.e_shstrndx);
  if (names.sh_type == SHT_NOBITS || !InBounds(names.sh_offset, names.sh_size, image.size())) {
    return Status::InvalidArgument(Label(label) + " is truncated: its section name table lies beyond the end of the file");
  }
  std::string_view name_table(image.data() + names.sh_offset, names.sh_size);
  for (size_t i = 0; i < header.e_shnum; ++i) {
    Elf64_Shdr shdr = section_at(i);
    if (shdr.sh_name >= name_table.size()) continue;
    std::string_view rest = name_table.substr(shdr.sh_name);
    std::string_view name = rest.substr(0, rest.find('\0'));
    if (name != section_name) continue;
    if (shdr.sh_type == SHT_NOBITS) {
      return Status::InvalidArgument(Label(label) + ": section " + std::string(section_name) + " has no file contents");
    }
    if (!InBounds(shdr.sh_offset, shdr.sh_size, image.size())) {
      return Status::InvalidArgument(Label(label) + " is truncated: section " + std::string(section_name) +
                                     " lies beyond the end of the file");
    }
    bytes->assign(image.data() + shdr.sh_offset, shdr.sh_size);
    return Status::OK();
  }
  return Status::InvalidArgument(Label(label) + " has no " + std::string(section_name) +
                                 " section: not a Sentinel plugin (declare one with SENTINEL_DECLARE_PLUGIN)");
}

Status ReadElfSection(const std::string& path, std::string_view section_name, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound("plugin file not found: " + path);
    return Status::InvalidArgument("cannot read plugin file " + path + ": " + std::strerror(err));
  }
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return Status::InvalidArgument("cannot read plugin file " + path + ": not a regular file");
  if (static_cast<uint64_t>(size) > kMaxPluginFileBytes) {
    return Status::InvalidArgument("plugin file " + path + " is larger than 2 GiB; refusing to inspect it");
  }
  in.seekg(0, std::ios::beg);
  std::string image(static_cast<size_t>(size), '\0');
  if (size > 0 && !in.read(&image[0], size)) {
    return Status::InvalidArgument("cannot read plugin file " + path + ": read error");
  }
  return ReadElfSectionFromImage(image, path, section_name, bytes);
}

}  // namespace sentinel
