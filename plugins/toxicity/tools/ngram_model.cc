#include "ngram_model.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace sentinel {
namespace toxicity {

namespace {

// Flattens sequences into (indices, offsets) for embedding_bag, optionally dropping features.
void Flatten(const std::vector<const std::vector<int64_t>*>& ids, float dropout, std::mt19937_64* rng,
             torch::Tensor* flat, torch::Tensor* offsets) {
  std::vector<int64_t> f, o;
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  for (const auto* seq : ids) {
    o.push_back(static_cast<int64_t>(f.size()));
    const size_t before = f.size();
    for (int64_t id : *seq) {
      if (dropout > 0 && rng != nullptr && uniform(*rng) < dropout) continue;
      f.push_back(id);
    }
    if (f.size() == before && !seq->empty()) f.push_back((*seq)[0]);  // never leave a bag empty
  }
  *flat = torch::tensor(f, torch::kLong);
  *offsets = torch::tensor(o, torch::kLong);
}

}  // namespace

struct NgramModel::Impl {
  NgramModelOptions options;
  torch::Tensor embedding, hidden_weight, hidden_bias, weight, bias;
  // Lazy ("sparse") Adam state for the embedding table: only the rows a batch touches are updated, which is
  // what makes training on two shared cores take minutes.
  torch::Tensor adam_m, adam_v;
  int64_t step = 0;
  std::unique_ptr<torch::optim::Adam> head_optimizer;

  torch::Tensor Head(torch::Tensor pooled) const {
    if (options.hidden > 0) pooled = torch::relu(torch::addmm(hidden_bias, pooled, hidden_weight.t()));
    return torch::addmm(bias, pooled, weight.t());
  }

  torch::Tensor Forward(const torch::Tensor& flat, const torch::Tensor& offsets) const {
    return Head(std::get<0>(torch::embedding_bag(embedding, flat, offsets, false, /*mode=mean*/ 1)));
  }
};

NgramModel::NgramModel(const NgramModelOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  torch::manual_seed(options.seed);
  const float scale = 1.0f / static_cast<float>(options.dim);
  impl_->embedding = torch::empty({options.buckets, options.dim}).uniform_(-scale, scale);
  impl_->embedding[0].zero_();  // the padding row
  impl_->adam_m = torch::zeros_like(impl_->embedding);
  impl_->adam_v = torch::zeros_like(impl_->embedding);
  int64_t head_in = options.dim;
  std::vector<torch::Tensor> params;
  if (options.hidden > 0) {
    impl_->hidden_weight = torch::empty({options.hidden, options.dim});
    torch::nn::init::kaiming_uniform_(impl_->hidden_weight, std::sqrt(5.0));
    impl_->hidden_weight.set_requires_grad(true);
    impl_->hidden_bias = torch::zeros({options.hidden}, torch::requires_grad());
    params.push_back(impl_->hidden_weight);
    params.push_back(impl_->hidden_bias);
    head_in = options.hidden;
  }
  impl_->weight = torch::zeros({options.labels, head_in});
  if (options.hidden > 0) impl_->weight.uniform_(-1.0 / std::sqrt(head_in), 1.0 / std::sqrt(head_in));
  impl_->weight.set_requires_grad(true);
  impl_->bias = torch::zeros({options.labels}, torch::requires_grad());
  params.push_back(impl_->weight);
  params.push_back(impl_->bias);
  impl_->head_optimizer = std::make_unique<torch::optim::Adam>(
      params, torch::optim::AdamOptions(options.lr).weight_decay(options.weight_decay));
}

NgramModel::~NgramModel() = default;

float NgramModel::TrainStep(const TrainBatch& batch, float lr_scale, std::mt19937_64* rng) {
  const float lr = impl_->options.lr * lr_scale;
  for (auto& group : impl_->head_optimizer->param_groups()) {
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
  }
  const int64_t n = static_cast<int64_t>(batch.ids.size());
  const int64_t k = impl_->options.labels;
  torch::Tensor flat, offsets;
  Flatten(batch.ids, impl_->options.dropout, rng, &flat, &offsets);
  torch::Tensor unique, inverse;
  std::tie(unique, inverse) = torch::_unique(flat, /*sorted=*/false, /*return_inverse=*/true);
  torch::Tensor rows = impl_->embedding.index_select(0, unique).set_requires_grad(true);
  torch::Tensor targets = torch::tensor(batch.targets).reshape({n, k});
  torch::Tensor masks = torch::tensor(batch.masks).reshape({n, k});
  torch::Tensor weights = torch::tensor(batch.weights).reshape({n, 1});
  impl_->head_optimizer->zero_grad();
  torch::Tensor pooled = std::get<0>(torch::embedding_bag(rows, inverse, offsets, false, 1));
  torch::Tensor logits = impl_->Head(pooled);
  torch::Tensor loss = torch::binary_cross_entropy_with_logits(logits, targets, {}, {}, at::Reduction::None);
  torch::Tensor total = (loss * masks * weights).sum() / (masks * weights).sum().clamp_min(1e-6);
  total.backward();
  impl_->head_optimizer->step();
  {
    torch::NoGradGuard no_grad;
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    ++impl_->step;
    torch::Tensor g = rows.grad();
    if (impl_->options.weight_decay > 0) g = g + impl_->options.weight_decay * rows.detach();
    torch::Tensor m = impl_->adam_m.index_select(0, unique).mul_(b1).add_(g, 1 - b1);
    torch::Tensor v = impl_->adam_v.index_select(0, unique).mul_(b2).addcmul_(g, g, 1 - b2);
    impl_->adam_m.index_copy_(0, unique, m);
    impl_->adam_v.index_copy_(0, unique, v);
    const double c1 = 1 - std::pow(b1, impl_->step), c2 = 1 - std::pow(b2, impl_->step);
    torch::Tensor update = (m / c1) / ((v / c2).sqrt_().add_(eps));
    impl_->embedding.index_copy_(0, unique, rows.detach() - lr * update);
  }
  return total.item<float>();
}

std::vector<std::vector<float>> NgramModel::Predict(const std::vector<const std::vector<int64_t>*>& ids) const {
  torch::NoGradGuard no_grad;
  torch::Tensor flat, offsets;
  Flatten(ids, 0.0f, nullptr, &flat, &offsets);
  torch::Tensor scores = torch::sigmoid(impl_->Forward(flat, offsets)).contiguous();
  std::vector<std::vector<float>> out(ids.size(), std::vector<float>(impl_->options.labels));
  const float* data = scores.data_ptr<float>();
  for (size_t i = 0; i < ids.size(); ++i) {
    std::copy(data + i * impl_->options.labels, data + (i + 1) * impl_->options.labels, out[i].begin());
  }
  return out;
}

bool NgramModel::SaveTorchScript(const std::string& path, std::string* error, int64_t labels) const {
  try {
    torch::NoGradGuard no_grad;
    torch::jit::Module module("SentinelNgramClassifier");
    module.register_parameter("embedding", impl_->embedding.detach().clone(), false);
    const int64_t kept = labels > 0 ? std::min(labels, impl_->options.labels) : impl_->options.labels;
    module.register_parameter("weight", impl_->weight.detach().slice(0, 0, kept).clone(), false);
    module.register_parameter("bias", impl_->bias.detach().slice(0, 0, kept).clone(), false);
    std::string hidden;
    if (impl_->options.hidden > 0) {
      module.register_parameter("hidden_weight", impl_->hidden_weight.detach().clone(), false);
      module.register_parameter("hidden_bias", impl_->hidden_bias.detach().clone(), false);
      hidden = "    pooled = torch.relu(torch.addmm(self.hidden_bias, pooled, self.hidden_weight.t()))\n";
    }
    // Padding (id 0, or masked positions) is excluded from the mean by embedding_bag's padding_idx.
    module.define(
        "def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:\n"
        "    n = input_ids.size(0)\n"
        "    l = input_ids.size(1)\n"
        "    flat = (input_ids * attention_mask).reshape(-1)\n"
        "    offsets = torch.arange(0, n * l, l)\n"
        "    pooled = torch.embedding_bag(self.embedding, flat, offsets, False, 1, False, None, False, 0)[0]\n" +
        hidden + "    return torch.addmm(self.bias, pooled, self.weight.t())\n");
    module.save(path);
    return true;
  } catch (const std::exception& e) {
    std::string what = e.what();
    *error = path + ": cannot export TorchScript: " + what;
    return false;
  }
}

}  // namespace toxicity
}  // namespace sentinel
