#include "model_builder.h"

#include <cmath>
#include <string>

namespace presidio_ner {
namespace {

torch::Tensor Uniform(std::initializer_list<int64_t> size, double bound) {
  return (torch::rand(size) * 2.0 - 1.0) * bound;
}

}  // namespace

torch::jit::Module BuildTaggerModule(const ModelShape& s) {
  torch::jit::Module m("SentinelNerTagger");
  m.register_attribute("training", c10::BoolType::get(), true);
  const double lstm_bound = 1.0 / std::sqrt(static_cast<double>(s.hidden));
  const int64_t gates = 4 * s.hidden;
  m.register_parameter("emb", torch::randn({s.buckets, s.dim}) * 0.1, false);
  const std::string dropout = std::to_string(s.dropout);
  // The embedding step shared by both encoders.
  const std::string signature =
      s.vector_dim > 0
          ? "def forward(self, ids: Tensor, vectors: Tensor) -> Tensor:\n"
            "    x = torch.cat([torch.embedding(self.emb, ids).sum(2), vectors], 2)"
          : "def forward(self, ids: Tensor) -> Tensor:\n"
            "    x = torch.embedding(self.emb, ids).sum(2)";
  if (s.arch == "bilstm") {
    const char* const dirs[] = {"", "_r"};
    for (const char* d : dirs) {
      const std::string suffix = d;
      m.register_parameter("w_ih" + suffix,
                           Uniform({gates, s.dim + s.vector_dim}, lstm_bound),
                           false);
      m.register_parameter("w_hh" + suffix,
                           Uniform({gates, s.hidden}, lstm_bound), false);
      m.register_parameter("b_ih" + suffix, Uniform({gates}, lstm_bound),
                           false);
      m.register_parameter("b_hh" + suffix, Uniform({gates}, lstm_bound),
                           false);
    }
    const double out_bound = std::sqrt(6.0 / (2 * s.hidden + s.tags));
    m.register_parameter("out_w", Uniform({s.tags, 2 * s.hidden}, out_bound),
                         false);
    m.register_parameter("out_b", torch::zeros({s.tags}), false);
    const std::string hidden = std::to_string(s.hidden);
    m.define(R"(
)" + signature + R"(
    x = torch.dropout(x, )" + dropout + R"(, self.training)
    h0 = torch.zeros([2, ids.size(0), )" + hidden + R"(], dtype=x.dtype)
    params = [self.w_ih, self.w_hh, self.b_ih, self.b_hh,
              self.w_ih_r, self.w_hh_r, self.b_ih_r, self.b_hh_r]
    out = torch.lstm(x, [h0, h0], params, True, 1, 0.0, self.training, True, True)
    y = torch.dropout(out[0], )" + dropout + R"(, self.training)
    return torch.linear(y, self.out_w, self.out_b)
)");
    return m;
  }
  // Dilated CNN: widths 3 with dilations 1, 2, 4 see 15 tokens of context.
  // Padding positions (id 0) are zeroed after every layer so that batches
  // padded in training behave like unpadded texts at inference.
  const int64_t c = 2 * s.hidden;
  const int64_t in_dims[] = {s.dim + s.vector_dim, c, c};
  for (int layer = 0; layer < 3; ++layer) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(in_dims[layer] * 3));
    m.register_parameter("c" + std::to_string(layer) + "_w",
                         Uniform({c, in_dims[layer], 3}, bound), false);
    m.register_parameter("c" + std::to_string(layer) + "_b",
                         Uniform({c}, bound), false);
  }
  const double out_bound = std::sqrt(6.0 / (c + s.tags));
  m.register_parameter("out_w", Uniform({s.tags, c}, out_bound), false);
  m.register_parameter("out_b", torch::zeros({s.tags}), false);
  m.define(R"(
)" + signature + R"(
    mask = torch.ne(ids.select(2, 0), 0).unsqueeze(1).float()
    x = torch.dropout(x, )" + dropout + R"(, self.training)
    x = x.transpose(1, 2) * mask
    h = torch.relu(torch.conv1d(x, self.c0_w, self.c0_b, [1], [1], [1], 1)) * mask
    h = h + torch.relu(torch.conv1d(h, self.c1_w, self.c1_b, [1], [2], [2], 1)) * mask
    h = h + torch.relu(torch.conv1d(h, self.c2_w, self.c2_b, [1], [4], [4], 1)) * mask
    y = torch.dropout(h.transpose(1, 2), )" + dropout + R"(, self.training)
    return torch.linear(y, self.out_w, self.out_b)
)");
  return m;
}

}  // namespace presidio_ner
