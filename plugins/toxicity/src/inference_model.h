// inference_model.h -- a loaded TorchScript classifier: token id sequences in, per-label scores out.
//
// The TorchScript contract: `forward(input_ids: Tensor[N, L] int64, attention_mask: Tensor[N, L] int64)`
// returns `Tensor[N, num_labels]` (logits, or probabilities when the manifest says so). This is the only
// runtime component that includes LibTorch, so the rest of the plugin compiles quickly.
#ifndef SENTINEL_TOXICITY_INFERENCE_MODEL_H_
#define SENTINEL_TOXICITY_INFERENCE_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

class InferenceModel {
 public:
  // Loads a TorchScript file on CPU; fp16/bf16 weights are widened to fp32 once, at load. `apply_sigmoid`:
  // the model outputs logits.
  static std::unique_ptr<InferenceModel> Load(const std::string& path, bool apply_sigmoid, std::string* error);
  ~InferenceModel();

  // Pads `batch` with `pad_id` to its longest sequence and runs it without autograd. On success `scores`
  // holds one row per sequence with as many columns as the model outputs. Safe to call from several threads.
  bool Run(const std::vector<const std::vector<int64_t>*>& batch, int64_t pad_id,
           std::vector<std::vector<float>>* scores, std::string* error) const;

 private:
  struct Impl;
  explicit InferenceModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Sets LibTorch's process-wide intra-op thread count (and one inter-op thread, since we batch ourselves).
void SetTorchThreads(int intra_op_threads);

// e.g. "libtorch 1.13.1".
std::string TorchVersionString();

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_INFERENCE_MODEL_H_
