// bert_encoder.h -- a BERT-base-sized encoder classifier (12 layers, hidden 768, 12 heads, FFN 3072,
// vocab 30522, 512 positions) built as a torch::jit::Module in C++ with random weights. It follows the model
// folder's TorchScript contract (input_ids, attention_mask -> [N, labels] logits), like a Detoxify export.
#ifndef SENTINEL_BENCH_TOXICITY_BERT_ENCODER_H_
#define SENTINEL_BENCH_TOXICITY_BERT_ENCODER_H_

#include <cstdint>
#include <string>

namespace sentinel {
namespace toxicity {

struct BertShape {
  int64_t vocab = 30522;
  int64_t positions = 512;
  int64_t hidden = 768;
  int64_t layers = 12;
  int64_t heads = 12;
  int64_t ffn = 3072;
  int64_t labels = 6;
};

// Saves the scripted encoder to `path`; returns false with `error`.
bool SaveRandomBert(const BertShape& shape, uint64_t seed, const std::string& path, std::string* error);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_BENCH_TOXICITY_BERT_ENCODER_H_
