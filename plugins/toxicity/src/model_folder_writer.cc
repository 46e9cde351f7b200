#include "model_folder_writer.h"

#include <fstream>

#include "model_folder.h"
#include "sha256.h"

namespace sentinel {
namespace toxicity {

namespace {

bool WriteText(const std::string& path, const std::string& text, std::string* error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    *error = path + ": cannot write";
    return false;
  }
  return true;
}

}  // namespace

bool WriteModelFolder(const std::string& folder, ModelManifest manifest, const std::vector<std::string>& canary_texts,
                      const std::vector<std::string>& extra_files, std::string* error) {
  std::vector<std::string> files = {manifest.model_file};
  for (const auto& kv : manifest.tokenizer.files) files.push_back(kv.second);
  files.insert(files.end(), extra_files.begin(), extra_files.end());
  manifest.sha256.clear();
  for (const std::string& name : files) {
    std::string digest;
    if (!Sha256File(folder + "/" + name, &digest, error)) {
      *error = folder + "/" + name + ": " + *error;
      return false;
    }
    manifest.sha256[name] = digest;
  }
  // First pass: placeholder canary scores so the folder can be opened and scored.
  manifest.canaries.clear();
  for (const std::string& text : canary_texts) {
    manifest.canaries.push_back(Canary{text, std::vector<float>(manifest.labels.size(), 0.0f)});
  }
  const std::string manifest_path = folder + "/" + kManifestFileName;
  if (!WriteText(manifest_path, ManifestToYaml(manifest), error)) return false;
  std::unique_ptr<ModelFolder> opened = ModelFolder::Open(folder, error);
  if (!opened) return false;
  std::vector<std::vector<float>> scores;
  if (!opened->ScoreTexts(canary_texts, canary_texts.size(), &scores, error)) return false;
  for (size_t i = 0; i < canary_texts.size(); ++i) manifest.canaries[i].scores = scores[i];
  if (!WriteText(manifest_path, ManifestToYaml(manifest), error)) return false;
  opened = ModelFolder::Open(folder, error);
  return opened && opened->SelfTest(error);
}

}  // namespace toxicity
}  // namespace sentinel
