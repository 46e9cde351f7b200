#include "inference_model.h"

#include <ATen/Parallel.h>
#include <torch/script.h>
#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace sentinel {
namespace toxicity {

struct InferenceModel::Impl {
  torch::jit::Module module;
  bool apply_sigmoid = true;
};

InferenceModel::InferenceModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
InferenceModel::~InferenceModel() = default;

std::unique_ptr<InferenceModel> InferenceModel::Load(const std::string& path, bool apply_sigmoid,
                                                     std::string* error) {
  auto impl = std::make_unique<Impl>();
  try {
    impl->module = torch::jit::load(path, torch::kCPU);
    impl->module.eval();
    // Model folders may store weights in fp16 to halve the file; CPU kernels run fp32, so widen once here
    // rather than casting on every forward pass.
    for (const auto& p : impl->module.parameters()) {
      if (p.scalar_type() == torch::kHalf || p.scalar_type() == torch::kBFloat16) {
        impl->module.to(torch::kFloat);
        break;
      }
    }
  } catch (const std::exception& e) {
    // The first line of a c10::Error is the useful part; the rest is a C++ backtrace.
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    *error = path + ": TorchScript does not load: " + what;
    return nullptr;
  }
  if (impl->module.find_method("forward") == c10::nullopt) {
    *error = path + ": TorchScript module has no forward method";
    return nullptr;
  }
  impl->apply_sigmoid = apply_sigmoid;
  return std::unique_ptr<InferenceModel>(new InferenceModel(std::move(impl)));
}

bool InferenceModel::Run(const std::vector<const std::vector<int64_t>*>& batch, int64_t pad_id,
                         std::vector<std::vector<float>>* scores, std::string* error) const {
  scores->clear();
  if (batch.empty()) return true;
  size_t longest = 1;
  for (const auto* seq : batch) longest = std::max(longest, seq->size());
  const int64_t n = static_cast<int64_t>(batch.size());
  const int64_t l = static_cast<int64_t>(longest);
  try {
    c10::InferenceMode inference_mode;
    torch::NoGradGuard no_grad;
    torch::Tensor ids = torch::full({n, l}, pad_id, torch::kLong);
    torch::Tensor mask = torch::zeros({n, l}, torch::kLong);
    int64_t* ids_data = ids.data_ptr<int64_t>();
    int64_t* mask_data = mask.data_ptr<int64_t>();
    for (int64_t r = 0; r < n; ++r) {
      const std::vector<int64_t>& seq = *batch[r];
      std::copy(seq.begin(), seq.end(), ids_data + r * l);
      std::fill(mask_data + r * l, mask_data + r * l + seq.size(), 1);
    }
    torch::IValue result = impl_->module.forward({ids, mask});
    torch::Tensor out;
    if (result.isTensor()) {
      out = result.toTensor();
    } else if (result.isTuple() && !result.toTuple()->elements().empty() &&
               result.toTuple()->elements()[0].isTensor()) {
      out = result.toTuple()->elements()[0].toTensor();  // e.g. HF models returning (logits,)
    } else {
      *error = "model output is not a tensor";
      return false;
    }
    if (out.dim() != 2 || out.size(0) != n) {
      *error = "model output has shape " + c10::str(out.sizes()) + ", expected [" + std::to_string(n) + ", labels]";
      return false;
    }
    out = out.to(torch::kFloat);
    if (impl_->apply_sigmoid) out = torch::sigmoid(out);
    out = out.contiguous();
    const float* data = out.data_ptr<float>();
    const int64_t k = out.size(1);
    scores->assign(n, std::vector<float>(k));
    for (int64_t r = 0; r < n; ++r) std::copy(data + r * k, data + (r + 1) * k, (*scores)[r].begin());
    return true;
  } catch (const std::exception& e) {
    std::string what = e.what();
    *error = "model forward failed: " + what.substr(0, what.find('\n'));
    return false;
  }
}

void SetTorchThreads(int intra_op_threads) {
  at::set_num_threads(std::max(1, intra_op_threads));
  // The inter-op pool can only be sized once per process, before first use.
  static std::once_flag once;
  std::call_once(once, [] {
    try {
      at::set_num_interop_threads(1);
    } catch (...) {
    }
  });
}

std::string TorchVersionString() { return "libtorch " TORCH_VERSION; }

}  // namespace toxicity
}  // namespace sentinel
