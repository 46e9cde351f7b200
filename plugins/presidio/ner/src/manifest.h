// The model folder contract: manifest.json lists every file of the model
// with its size and SHA-256, and loading refuses a folder where any listed
// file is missing, resized or altered.
#ifndef PRESIDIO_NER_MANIFEST_H_
#define PRESIDIO_NER_MANIFEST_H_

#include <string>
#include <vector>

namespace presidio_ner {

constexpr const char* kManifestName = "manifest.json";
constexpr const char* kManifestFormat = "sentinel-ner-model/1";

// Hex SHA-256 of a file's bytes; false with *error if it cannot be read.
bool Sha256File(const std::string& path, std::string* hex, std::string* error);

// Writes manifest.json in dir for the given file names (relative to dir).
bool WriteManifest(const std::string& dir, const std::vector<std::string>& files,
                   std::string* error);

// Checks manifest.json in dir: it must parse, list every name in
// `required`, and every listed file must match its size and hash.
bool VerifyManifest(const std::string& dir,
                    const std::vector<std::string>& required,
                    std::string* error);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_MANIFEST_H_
