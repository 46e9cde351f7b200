// Builds the tagger network as a TorchScript module in C++: a hashed
// feature embedding (summed over slots), a context encoder and a linear
// layer giving per-token tag logits. The encoder is either three dilated
// residual 1-D convolutions ("cnn", the default: a few batched ops, so
// fast on one core) or a one-layer BiLSTM ("bilstm"). Parameters are registered on the
// module and forward() is define()d, so the saved file is ordinary
// TorchScript that torch::jit::load reads; the same module is trained.
#ifndef PRESIDIO_NER_MODEL_BUILDER_H_
#define PRESIDIO_NER_MODEL_BUILDER_H_

#include <cstdint>
#include <string>

#include <torch/script.h>

namespace presidio_ner {

struct ModelShape {
  int64_t buckets = 1 << 16;
  int64_t dim = 48;
  int64_t hidden = 64;
  int64_t tags = 9;
  double dropout = 0.25;
  std::string arch = "cnn";  // or "bilstm"
  int64_t vector_dim = 0;    // >0: forward also takes word vectors
};

// forward(ids: int64 [B, T, slots]) -> logits float [B, T, tags]; with
// vector_dim > 0, forward(ids, vectors: float [B, T, vector_dim]), the
// vectors concatenated to the summed feature embedding.
// Parameters are initialised from torch's generator (seed it first).
torch::jit::Module BuildTaggerModule(const ModelShape& shape);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_MODEL_BUILDER_H_
