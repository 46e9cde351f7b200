// model_folder.h -- opens a model folder under the contract of manifest.h: verifies every file's checksum,
// builds the tokenizer, loads the TorchScript, and runs the canary self-test. Also scores texts directly
// (no batching queue), which the self-test, the training/evaluation tools and the batcher's runner use.
#ifndef SENTINEL_TOXICITY_MODEL_FOLDER_H_
#define SENTINEL_TOXICITY_MODEL_FOLDER_H_

#include <memory>
#include <string>
#include <vector>

#include "inference_model.h"
#include "manifest.h"
#include "tokenizer.h"

namespace sentinel {
namespace toxicity {

class ModelFolder {
 public:
  // Verifies and loads `folder`. Errors name the file and the reason (missing, checksum, TorchScript).
  static std::unique_ptr<ModelFolder> Open(const std::string& folder, std::string* error);

  // Runs the manifest's canaries: output shape equals the label count, values are finite, and each score is
  // within the manifest's tolerance of the recorded one.
  bool SelfTest(std::string* error) const;

  // Token ids for one text (one window: truncated to max_sequence_length).
  std::vector<int64_t> Encode(std::string_view text) const {
    return tokenizer_->Encode(text, static_cast<size_t>(manifest_.max_sequence_length));
  }

  // Scores already-encoded sequences in one forward pass; each row has one score per label.
  bool ScoreEncoded(const std::vector<const std::vector<int64_t>*>& batch, std::vector<std::vector<float>>* scores,
                    std::string* error) const;

  // Encodes and scores texts in batches of `batch_size`.
  bool ScoreTexts(const std::vector<std::string>& texts, size_t batch_size, std::vector<std::vector<float>>* scores,
                  std::string* error) const;

  const ModelManifest& manifest() const { return manifest_; }
  const Tokenizer& tokenizer() const { return *tokenizer_; }
  const std::string& folder() const { return folder_; }

 private:
  ModelFolder() = default;

  std::string folder_;
  ModelManifest manifest_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::unique_ptr<InferenceModel> model_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_MODEL_FOLDER_H_
