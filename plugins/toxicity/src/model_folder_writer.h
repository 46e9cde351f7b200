// model_folder_writer.h -- the exporting side of the model folder contract. Given a folder that already holds
// the TorchScript file and the tokenizer files, writes manifest.yaml with every file's SHA-256 and the canary
// scores the model gives right now (what the activation self-test will compare against).
#ifndef SENTINEL_TOXICITY_MODEL_FOLDER_WRITER_H_
#define SENTINEL_TOXICITY_MODEL_FOLDER_WRITER_H_

#include <string>
#include <vector>

#include "manifest.h"

namespace sentinel {
namespace toxicity {

// `manifest` supplies everything but `sha256` and `canaries`; `extra_files` are other files in the folder
// to checksum (e.g. NOTICE). On success the folder opens and passes its self-test.
bool WriteModelFolder(const std::string& folder, ModelManifest manifest, const std::vector<std::string>& canary_texts,
                      const std::vector<std::string>& extra_files, std::string* error);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_MODEL_FOLDER_WRITER_H_
