#include "presidio_ner/ner_tagger.h"

#include <ATen/Parallel.h>
#include <torch/script.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bio_decoder.h"
#include "token_features.h"
#include "labels.h"
#include "manifest.h"
#include "model_config.h"
#include "span_rules.h"
#include "tokenizer.h"
#include "word_vectors.h"
#include "code_points.h"
#include "common/utf8.h"

// OpenBLAS keeps its own thread pool, which at::set_num_threads does not
// size; declared weak so that builds without OpenBLAS still link.
extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace presidio_ner {

// Score of an NRP span found only through the word list. Chosen, not
// fitted (too few NRP examples): on the seen-template presidio evaluation
// 6 of 10 such spans are gold NRP, and most others are nationality words
// the data leaves unlabelled ("studying English", "European Union").
constexpr double kListedNrpScore = 0.75;

struct NerTagger::Impl {
  ModelConfig config;
  Gazetteers gazetteers;
  std::unique_ptr<FeatureExtractor> features;
  WordVectors vectors;  // loaded when config.vector_dim > 0
  // forward() is safe to run from several threads at once; the handle is
  // mutable only because torch::jit::Module::forward is not const.
  mutable torch::jit::Module module;
};

NerTagger::NerTagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NerTagger::~NerTagger() = default;

const std::vector<std::string>& NerTagger::Labels() {
  static const std::vector<std::string> labels(kEntityNames,
                                               kEntityNames + kNumEntities);
  return labels;
}

std::unique_ptr<NerTagger> NerTagger::Load(const std::string& model_dir,
                                           std::string* error) {
  return Load(model_dir, NerOptions(), error);
}

std::unique_ptr<NerTagger> NerTagger::Load(const std::string& model_dir,
                                           const NerOptions& options,
                                           std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  error->clear();
  std::vector<std::string> required = {kConfigFile, kModuleFile};
  for (const char* g : kGazetteerFiles) required.push_back(g);
  if (!VerifyManifest(model_dir, required, error)) return nullptr;

  auto impl = std::make_unique<Impl>();
  if (!ReadModelConfig(model_dir + "/" + kConfigFile, &impl->config, error)) {
    return nullptr;
  }
  if (!LoadGazetteers(model_dir, &impl->gazetteers, error)) return nullptr;
  if (impl->config.vector_dim > 0) {
    // The manifest check above covered these files only if it lists them.
    if (!VerifyManifest(model_dir, {kWordVectorFiles[0], kWordVectorFiles[1]},
                        error) ||
        !impl->vectors.Load(model_dir, impl->config.vector_dim, error)) {
      return nullptr;
    }
  }
  impl->features = std::make_unique<FeatureExtractor>(&impl->gazetteers,
                                                      impl->config.buckets);
  try {
    if (options.torch_threads > 0) {
      at::set_num_threads(options.torch_threads);
      if (openblas_set_num_threads) {
        openblas_set_num_threads(options.torch_threads);
      }
    }
    impl->module = torch::jit::load(model_dir + "/" + kModuleFile);
    impl->module.eval();
    // Parameters are stored as half floats (half the folder size); the
    // network runs in fp32, widened once here.
    impl->module.to(torch::kFloat);
    // One tiny forward pass checks the module's signature and output shape.
    torch::InferenceMode guard;
    std::vector<torch::jit::IValue> probe = {
        torch::ones({1, 2, kNumFeatureSlots}, torch::kLong)};
    if (impl->config.vector_dim > 0) {
      probe.push_back(torch::zeros({1, 2, impl->config.vector_dim}));
    }
    torch::Tensor out = impl->module.forward(probe).toTensor();
    if (out.dim() != 3 || out.size(2) != kNumTags) {
      *error = "model " + model_dir + "/" + kModuleFile +
               " does not produce [batch, tokens, " +
               std::to_string(kNumTags) + "] tag logits";
      return nullptr;
    }
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (what.size() > 300) what.resize(300);
    *error = "cannot load TorchScript model " + model_dir + "/" + kModuleFile +
             ": " + what;
    return nullptr;
  }
  return std::unique_ptr<NerTagger>(new NerTagger(std::move(impl)));
}

namespace {

// Cuts the token list into chunks of bounded length, preferring sentence
// ends, so that very long texts are tagged in bounded pieces.
std::vector<std::pair<size_t, size_t>> Chunks(std::string_view text,
                                              const std::vector<Token>& tokens,
                                              size_t max_tokens) {
  std::vector<std::pair<size_t, size_t>> chunks;
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const size_t len = i + 1 - start;
    bool cut = len >= max_tokens;
    if (!cut && len >= max_tokens / 2) {
      const std::string_view w =
          text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
      cut = w == "." || w == "!" || w == "?" ||
            (i + 1 < tokens.size() && tokens[i + 1].line_start);
    }
    if (cut) {
      chunks.emplace_back(start, i + 1);
      start = i + 1;
    }
  }
  if (start < tokens.size()) chunks.emplace_back(start, tokens.size());
  return chunks;
}

// Nationality, religion and political-group words from the NRP list are
// NRP when capitalised, unless the model put them inside a longer entity
// ("the American Red Cross"). The training data has few NRP examples, so
// the list covers what the network misses or mislabels.
void AddListedNrp(const Gazetteer& nrp, std::string_view text,
                  const std::vector<Token>& chunk,
                  std::vector<NerSpan>* result) {
  std::vector<std::string> lowered;
  lowered.reserve(chunk.size());
  for (const Token& t : chunk) {
    lowered.push_back(LowerUtf8(text.substr(t.begin, t.end - t.begin)));
  }
  const std::vector<int> hits =
      nrp.Match(text, chunk, lowered);
  for (size_t i = 0; i < chunk.size(); ++i) {
    if (hits[i] != 1) continue;
    size_t end = i + 1;
    while (end < chunk.size() && hits[end] == 2) ++end;
    size_t pos = chunk[i].begin;
    if (!IsUpperCodePoint(sentinel::utf8::DecodeAt(text, &pos))) continue;
    const size_t b = chunk[i].begin, e = chunk[end - 1].end;
    bool inside_longer = false;
    bool already_nrp = false;
    for (const NerSpan& s : *result) {
      already_nrp = already_nrp || (s.label == "NRP" && s.begin_byte == b &&
                                    s.end_byte == e);
    }
    if (already_nrp) continue;  // keep the network's own score
    for (auto it = result->begin(); it != result->end();) {
      if (it->begin_byte == b && it->end_byte == e) {
        it = result->erase(it);  // same words: relabel as NRP below
        continue;
      }
      if (it->begin_byte < e && b < it->end_byte) inside_longer = true;
      ++it;
    }
    if (!inside_longer) result->push_back({"NRP", b, e, kListedNrpScore});
  }
  std::sort(result->begin(), result->end(),
            [](const NerSpan& x, const NerSpan& y) {
              return x.begin_byte < y.begin_byte;
            });
}

double Calibrate(const Calibration& c, double raw) {
  const double p = std::min(std::max(raw, 1e-4), 1.0 - 1e-4);
  const double z = c.a * std::log(p / (1.0 - p)) + c.b;
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

std::vector<NerSpan> NerTagger::Tag(std::string_view text) const {
  std::vector<NerSpan> result;
  const std::vector<Token> tokens = Tokenize(text);
  if (tokens.empty()) return result;
  try {
    torch::InferenceMode guard;
    for (const auto& [from, to] :
         Chunks(text, tokens, impl_->config.max_chunk_tokens)) {
      const std::vector<Token> chunk(tokens.begin() + from,
                                     tokens.begin() + to);
      std::vector<int64_t> ids;
      ids.reserve(chunk.size() * kNumFeatureSlots);
      impl_->features->Extract(text, chunk, &ids, nullptr);
      const int64_t n = static_cast<int64_t>(chunk.size());
      std::vector<torch::jit::IValue> inputs = {torch::from_blob(
          ids.data(), {1, n, kNumFeatureSlots}, torch::kLong)};
      if (impl_->config.vector_dim > 0) {
        const int64_t dim = impl_->config.vector_dim;
        torch::Tensor vectors = torch::empty({1, n, dim});
        float* out = vectors.data_ptr<float>();
        const std::vector<int64_t> rows = impl_->vectors.Rows(text, chunk);
        for (int64_t t = 0; t < n; ++t) {
          std::memcpy(out + t * dim, impl_->vectors.table() + rows[t] * dim,
                      sizeof(float) * dim);
        }
        inputs.push_back(vectors);
      }
      torch::Tensor log_probs = torch::log_softmax(
          impl_->module.forward(inputs).toTensor()[0], 1).contiguous();
      std::vector<NerSpan> chunk_spans;
      for (const TokenSpan& s :
           DecodeBio(log_probs.data_ptr<float>(), chunk.size(),
                     impl_->config.continue_bonus)) {
        size_t first = s.first_token;
        // Honorifics ("Dr.", "Mrs") stay outside PERSON spans.
        if (EntityIndex("PERSON") == s.entity) {
          while (first < s.end_token) {
            const Token& t = chunk[first];
            const std::string w =
                LowerUtf8(text.substr(t.begin, t.end - t.begin));
            if (IsTitleWord(w) || (w == "." && first > s.first_token)) {
              ++first;
            } else {
              break;
            }
          }
          if (first == s.end_token) continue;
        }
        chunk_spans.push_back({kEntityNames[s.entity], chunk[first].begin,
                          chunk[s.end_token - 1].end,
                          Calibrate(impl_->config.calibration, s.confidence)});
      }
      ApplySpanRules(text, chunk, &chunk_spans);
      result.insert(result.end(), chunk_spans.begin(), chunk_spans.end());
      AddListedNrp(impl_->gazetteers.nrp, text, chunk, &result);
    }
  } catch (const std::exception&) {
    // Inference failures (e.g. out of memory) yield no spans rather than
    // an exception across the plugin boundary.
    return {};
  }
  return result;
}

}  // namespace presidio_ner
