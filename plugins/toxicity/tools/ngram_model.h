// ngram_model.h -- the default model's network: a fastText-style mean of hashed n-gram embeddings, an
// optional ReLU hidden layer, and one logit per label. Trained here with LibTorch, exported as a
// torch::jit::Module built in C++ (registered parameters + a define()d forward) that loads with torch::jit::load.
#ifndef SENTINEL_TOXICITY_NGRAM_MODEL_H_
#define SENTINEL_TOXICITY_NGRAM_MODEL_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

struct NgramModelOptions {
  int64_t buckets = 1 << 18;
  int64_t dim = 32;
  int64_t hidden = 0;  // 0: linear head on the mean embedding
  int64_t labels = 2;
  float lr = 0.01f;
  float weight_decay = 0.0f;
  float dropout = 0.0f;  // feature dropout: each id is dropped with this probability while training
  uint64_t seed = 13;
};

struct TrainBatch {
  std::vector<const std::vector<int64_t>*> ids;
  std::vector<float> targets;  // [n * labels]
  std::vector<float> masks;    // [n * labels]
  std::vector<float> weights;  // [n]
};

class NgramModel {
 public:
  explicit NgramModel(const NgramModelOptions& options);
  ~NgramModel();

  // One optimizer step; returns the masked mean loss. `lr_scale` multiplies the base learning rate.
  float TrainStep(const TrainBatch& batch, float lr_scale, std::mt19937_64* rng);

  // Sigmoid scores, [n][labels].
  std::vector<std::vector<float>> Predict(const std::vector<const std::vector<int64_t>*>& ids) const;

  // Saves the TorchScript module (the model folder's model.pt) with the first `labels` output heads
  // (0: all of them); later heads are training-only auxiliaries.
  bool SaveTorchScript(const std::string& path, std::string* error, int64_t labels = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_NGRAM_MODEL_H_
