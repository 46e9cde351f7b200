// sha256.h -- SHA-256 of files, used to verify every file of a model folder against its manifest.
#ifndef SENTINEL_TOXICITY_SHA256_H_
#define SENTINEL_TOXICITY_SHA256_H_

#include <string>
#include <string_view>

namespace sentinel {
namespace toxicity {

// Lower-case hex digest of the file at `path`; false (with `error`) when it cannot be read.
bool Sha256File(const std::string& path, std::string* hex_digest, std::string* error);

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_SHA256_H_
