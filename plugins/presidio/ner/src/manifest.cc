#include "manifest.h"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

namespace presidio_ner {

bool Sha256File(const std::string& path, std::string* hex, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                              EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof(buf));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf, in.gcount());
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  hex->clear();
  static const char* const kHex = "0123456789abcdef";
  for (unsigned int i = 0; i < len; ++i) {
    hex->push_back(kHex[digest[i] >> 4]);
    hex->push_back(kHex[digest[i] & 15]);
  }
  return true;
}

namespace {

bool FileSize(const std::string& path, uint64_t* size) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  *size = static_cast<uint64_t>(in.tellg());
  return true;
}

}  // namespace

bool WriteManifest(const std::string& dir, const std::vector<std::string>& files,
                   std::string* error) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& name : files) {
    std::string hex;
    uint64_t size = 0;
    if (!Sha256File(dir + "/" + name, &hex, error) ||
        !FileSize(dir + "/" + name, &size)) {
      if (error->empty()) *error = "cannot stat " + name;
      return false;
    }
    list.push_back({{"path", name}, {"bytes", size}, {"sha256", hex}});
  }
  nlohmann::json manifest = {{"format", kManifestFormat}, {"files", list}};
  std::ofstream out(dir + "/" + kManifestName, std::ios::binary);
  out << manifest.dump(2) << "\n";
  if (!out) {
    *error = "cannot write " + dir + "/" + kManifestName;
    return false;
  }
  return true;
}

bool VerifyManifest(const std::string& dir,
                    const std::vector<std::string>& required,
                    std::string* error) {
  const std::string path = dir + "/" + kManifestName;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "model manifest missing: " + path;
    return false;
  }
  nlohmann::json manifest =
      nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object() ||
      manifest.value("format", "") != kManifestFormat ||
      !manifest.contains("files") || !manifest["files"].is_array()) {
    *error = "model manifest " + path + " is not a " + kManifestFormat +
             " manifest";
    return false;
  }
  std::vector<std::string> listed;
  for (const auto& entry : manifest["files"]) {
    if (!entry.is_object() || !entry.contains("path") ||
        !entry["path"].is_string() || !entry.contains("sha256") ||
        !entry["sha256"].is_string() || !entry.contains("bytes") ||
        !entry["bytes"].is_number_unsigned()) {
      *error = "model manifest " + path + " has a malformed file entry";
      return false;
    }
    const std::string name = entry["path"].get<std::string>();
    if (name.find("..") != std::string::npos || name.find('/') == 0) {
      *error = "model manifest lists an unsafe path: " + name;
      return false;
    }
    const std::string file = dir + "/" + name;
    uint64_t size = 0;
    if (!FileSize(file, &size)) {
      *error = "model file missing: " + file;
      return false;
    }
    if (size != entry["bytes"].get<uint64_t>()) {
      *error = "model file " + file + " has " + std::to_string(size) +
               " bytes, manifest says " +
               std::to_string(entry["bytes"].get<uint64_t>()) +
               " (corrupt or replaced)";
      return false;
    }
    std::string hex;
    if (!Sha256File(file, &hex, error)) return false;
    if (hex != entry["sha256"].get<std::string>()) {
      *error = "model file " + file +
               " fails its SHA-256 check (corrupt or replaced): got " + hex +
               ", manifest says " + entry["sha256"].get<std::string>();
      return false;
    }
    listed.push_back(name);
  }
  for (const std::string& name : required) {
    bool found = false;
    for (const std::string& l : listed) found = found || l == name;
    if (!found) {
      *error = "model manifest " + path + " does not list required file " +
               name;
      return false;
    }
  }
  return true;
}

}  // namespace presidio_ner
