// manifest.h -- the model folder contract: what `manifest.yaml` in a model folder declares.
//
// A model folder holds manifest.yaml, a TorchScript file and the tokenizer's files. The manifest lists the
// output labels in order, how to tokenize, the per-label thresholds, the SHA-256 of every other file in the
// folder, and canary texts with the scores the model gave them when it was exported (the activation self-test).
#ifndef SENTINEL_TOXICITY_MANIFEST_H_
#define SENTINEL_TOXICITY_MANIFEST_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

constexpr int kManifestFormatVersion = 1;
constexpr char kManifestFileName[] = "manifest.yaml";

struct TokenizerSpec {
  std::string type;                           // hashed_ngrams | wordpiece | sentencepiece | byte_bpe | use_unigram
  std::map<std::string, std::string> files;   // role -> file name inside the folder (e.g. vocab -> vocab.txt)
  std::map<std::string, std::string> options; // type-specific scalars (e.g. lowercase: "true")
};

struct Canary {
  std::string text;
  std::vector<float> scores;  // one per label, in label order
};

struct ModelManifest {
  int format_version = kManifestFormatVersion;
  std::string name;
  std::string description;
  std::string model_file;              // the TorchScript file
  std::string output = "logits";       // logits (sigmoid applied here) | probabilities
  std::vector<std::string> labels;     // output columns, in order
  std::vector<float> thresholds;       // one per label
  std::vector<std::string> languages;  // ISO 639-1 codes the model is meant for
  int64_t max_sequence_length = 512;   // tokens per window, specials included
  TokenizerSpec tokenizer;
  std::map<std::string, std::string> sha256;  // file name -> lower-case hex digest
  float canary_tolerance = 1e-3f;
  std::vector<Canary> canaries;
};

// Reads and validates `<folder>/manifest.yaml`. Errors name the file and the reason.
bool LoadManifest(const std::string& folder, ModelManifest* manifest, std::string* error);

// Serializes `manifest` as YAML (the exporter's side of the contract).
std::string ManifestToYaml(const ModelManifest& manifest);

// Checks that every file the manifest names exists and that every file's SHA-256 matches.
bool VerifyModelFiles(const std::string& folder, const ModelManifest& manifest, std::string* error);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_MANIFEST_H_
