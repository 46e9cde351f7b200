#include "bert_encoder.h"

#include <torch/script.h>
#include <torch/torch.h>

namespace sentinel {
namespace toxicity {

bool SaveRandomBert(const BertShape& s, uint64_t seed, const std::string& path, std::string* error) {
  try {
    torch::NoGradGuard no_grad;
    torch::manual_seed(seed);
    auto normal = [](std::vector<int64_t> shape) { return torch::randn(shape) * 0.02; };
    torch::jit::Module m("SentinelBertEncoderClassifier");
    m.register_parameter("word_embeddings", normal({s.vocab, s.hidden}), false);
    m.register_parameter("position_embeddings", normal({s.positions, s.hidden}), false);
    m.register_parameter("token_type_embedding", normal({s.hidden}), false);
    m.register_parameter("emb_ln_w", torch::ones({s.hidden}), false);
    m.register_parameter("emb_ln_b", torch::zeros({s.hidden}), false);
    // Per-layer weights stacked on a leading layer axis and stored input-major, so forward is x @ W + b.
    m.register_parameter("qkv_w", normal({s.layers, s.hidden, 3 * s.hidden}), false);
    m.register_parameter("qkv_b", torch::zeros({s.layers, 3 * s.hidden}), false);
    m.register_parameter("out_w", normal({s.layers, s.hidden, s.hidden}), false);
    m.register_parameter("out_b", torch::zeros({s.layers, s.hidden}), false);
    m.register_parameter("ln1_w", torch::ones({s.layers, s.hidden}), false);
    m.register_parameter("ln1_b", torch::zeros({s.layers, s.hidden}), false);
    m.register_parameter("ff1_w", normal({s.layers, s.hidden, s.ffn}), false);
    m.register_parameter("ff1_b", torch::zeros({s.layers, s.ffn}), false);
    m.register_parameter("ff2_w", normal({s.layers, s.ffn, s.hidden}), false);
    m.register_parameter("ff2_b", torch::zeros({s.layers, s.hidden}), false);
    m.register_parameter("ln2_w", torch::ones({s.layers, s.hidden}), false);
    m.register_parameter("ln2_b", torch::zeros({s.layers, s.hidden}), false);
    m.register_parameter("pool_w", normal({s.hidden, s.hidden}), false);
    m.register_parameter("pool_b", torch::zeros({s.hidden}), false);
    m.register_parameter("cls_w", normal({s.hidden, s.labels}), false);
    m.register_parameter("cls_b", torch::zeros({s.labels}), false);
    const std::string h = std::to_string(s.hidden);
    const std::string heads = std::to_string(s.heads);
    const std::string head_dim = std::to_string(s.hidden / s.heads);
    const std::string scale = std::to_string(1.0 / std::sqrt(static_cast<double>(s.hidden / s.heads)));
    m.define(
        "def forward(self, input_ids: Tensor, attention_mask: Tensor) -> Tensor:\n"
        "    n = input_ids.size(0)\n"
        "    l = input_ids.size(1)\n"
        "    positions = torch.arange(0, l).unsqueeze(0)\n"
        "    x = torch.embedding(self.word_embeddings, input_ids) + torch.embedding(self.position_embeddings, positions)\n"
        "    x = torch.layer_norm(x + self.token_type_embedding, [" + h + "], self.emb_ln_w, self.emb_ln_b, 1e-12)\n"
        "    bias = (1.0 - attention_mask.unsqueeze(1).unsqueeze(2).float()) * -10000.0\n"
        "    for i in range(" + std::to_string(s.layers) + "):\n"
        "        qkv = torch.matmul(x, self.qkv_w[i]) + self.qkv_b[i]\n"
        "        q = qkv[:, :, 0:" + h + "].reshape(n, l, " + heads + ", " + head_dim + ").transpose(1, 2)\n"
        "        k = qkv[:, :, " + h + ":2*" + h + "].reshape(n, l, " + heads + ", " + head_dim + ").transpose(1, 2)\n"
        "        v = qkv[:, :, 2*" + h + ":].reshape(n, l, " + heads + ", " + head_dim + ").transpose(1, 2)\n"
        "        probs = torch.softmax(torch.matmul(q, k.transpose(-1, -2)) * " + scale + " + bias, -1)\n"
        "        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(n, l, " + h + ")\n"
        "        x = torch.layer_norm(x + torch.matmul(ctx, self.out_w[i]) + self.out_b[i], [" + h +
        "], self.ln1_w[i], self.ln1_b[i], 1e-12)\n"
        "        f = torch.gelu(torch.matmul(x, self.ff1_w[i]) + self.ff1_b[i])\n"
        "        x = torch.layer_norm(x + torch.matmul(f, self.ff2_w[i]) + self.ff2_b[i], [" + h +
        "], self.ln2_w[i], self.ln2_b[i], 1e-12)\n"
        "    pooled = torch.tanh(torch.matmul(x[:, 0], self.pool_w) + self.pool_b)\n"
        "    return torch.matmul(pooled, self.cls_w) + self.cls_b\n");
    m.save(path);
    return true;
  } catch (const std::exception& e) {
    const std::string what = e.what();
    *error = path + ": cannot build the encoder: " + what.substr(0, what.find("\nException raised"));
    return false;
  }
}

}  // namespace toxicity
}  // namespace sentinel
