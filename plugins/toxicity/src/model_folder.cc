#include "model_folder.h"

#include <cmath>
#include <cstdio>

namespace sentinel {
namespace toxicity {

std::unique_ptr<ModelFolder> ModelFolder::Open(const std::string& folder, std::string* error) {
  std::unique_ptr<ModelFolder> m(new ModelFolder());
  m->folder_ = folder;
  if (!LoadManifest(folder, &m->manifest_, error)) return nullptr;
  if (!VerifyModelFiles(folder, m->manifest_, error)) return nullptr;
  m->tokenizer_ = CreateTokenizer(m->manifest_.tokenizer, folder, error);
  if (!m->tokenizer_) return nullptr;
  m->model_ = InferenceModel::Load(folder + "/" + m->manifest_.model_file, m->manifest_.output == "logits", error);
  if (!m->model_) return nullptr;
  return m;
}

bool ModelFolder::ScoreEncoded(const std::vector<const std::vector<int64_t>*>& batch,
                               std::vector<std::vector<float>>* scores, std::string* error) const {
  if (!model_->Run(batch, tokenizer_->pad_id(), scores, error)) return false;
  const size_t labels = manifest_.labels.size();
  for (const auto& row : *scores) {
    if (row.size() != labels) {
      *error = folder_ + "/" + manifest_.model_file + ": model outputs " + std::to_string(row.size()) +
               " scores per text but the manifest lists " + std::to_string(labels) + " labels";
      return false;
    }
    for (float v : row) {
      if (!std::isfinite(v)) {
        *error = folder_ + "/" + manifest_.model_file + ": model output is not finite";
        return false;
      }
    }
  }
  return true;
}

bool ModelFolder::ScoreTexts(const std::vector<std::string>& texts, size_t batch_size,
                             std::vector<std::vector<float>>* scores, std::string* error) const {
  scores->clear();
  scores->reserve(texts.size());
  std::vector<std::vector<int64_t>> encoded;
  std::vector<const std::vector<int64_t>*> batch;
  std::vector<std::vector<float>> part;
  for (size_t start = 0; start < texts.size(); start += batch_size) {
    const size_t end = std::min(texts.size(), start + batch_size);
    encoded.clear();
    for (size_t i = start; i < end; ++i) encoded.push_back(Encode(texts[i]));
    batch.clear();
    for (const auto& e : encoded) batch.push_back(&e);
    if (!ScoreEncoded(batch, &part, error)) return false;
    for (auto& row : part) scores->push_back(std::move(row));
  }
  return true;
}

bool ModelFolder::SelfTest(std::string* error) const {
  std::vector<std::string> texts;
  for (const Canary& c : manifest_.canaries) texts.push_back(c.text);
  std::vector<std::vector<float>> scores;
  std::string why;
  if (!ScoreTexts(texts, texts.size(), &scores, &why)) {
    *error = "self-test failed: " + why;
    return false;
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    for (size_t k = 0; k < manifest_.labels.size(); ++k) {
      const float expected = manifest_.canaries[i].scores[k];
      if (std::fabs(scores[i][k] - expected) > manifest_.canary_tolerance) {
        char buffer[256];
        std::snprintf(buffer, sizeof(buffer), "canary %zu label %s scored %.6f, manifest expects %.6f (tolerance %g)",
                      i, manifest_.labels[k].c_str(), scores[i][k], expected, manifest_.canary_tolerance);
        *error = folder_ + "/" + kManifestFileName + ": self-test failed: " + buffer;
        return false;
      }
    }
  }
  return true;
}

}  // namespace toxicity
}  // namespace sentinel
