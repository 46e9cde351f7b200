// Trains the NER tagger from ../shared data and writes a model folder
// (tagger.pt TorchScript, config.json, gazetteers, manifest.json).
// Deterministic for a given seed and thread count. Usage:
//   presidio_ner_train --shared ../shared --gazetteers DIR --out DIR
//                      [--epochs 6] [--seed 17] [--threads 1] [--arch cnn]
//                      [--word-vectors DIR] (from tools/make_word_vectors.py)
#include <torch/torch.h>
#include <torch/script.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "token_features.h"
#include "labels.h"
#include "manifest.h"
#include "model_builder.h"
#include "model_config.h"
#include "presidio_ner/ner_tagger.h"
#include "splits.h"
#include "tokenizer.h"
#include "word_vectors.h"
#include "code_points.h"

namespace fs = std::filesystem;
using namespace presidio_ner;

namespace {

struct Args {
  std::string shared = "../shared";
  std::string gazetteers;
  std::string out;
  int epochs = 6;
  int seed = 17;
  int threads = 1;  // more threads spin in OpenMP on a busy machine
  int presidio_repeat = 2;
  double lr = 3e-3;
  std::string arch = "cnn";
  int augment = 6;            // value-swapped copies per presidio record
  double word_dropout = 0.3;  // share of word features replaced by <unk>
  std::string word_vectors;     // folder with word_vectors.{txt,f16}, or none
  double vector_dropout = 0.1;  // share of tokens whose word vector is zeroed
  int uner_repeat = 3;          // in-domain web text counts more
  int64_t hidden = 64;
};

struct Sentence {
  std::vector<int64_t> ids;    // tokens * kNumFeatureSlots
  std::vector<int64_t> tags;   // -1 = no signal
  std::vector<int64_t> rows;   // word-vector row per token (if any)
};

constexpr size_t kMaxTrainTokens = 150;

Sentence Featurize(const Example& ex, const FeatureExtractor& fx,
                   const WordVectors* vectors) {
  std::vector<Token> tokens = Tokenize(ex.text);
  if (tokens.size() > kMaxTrainTokens) tokens.resize(kMaxTrainTokens);
  Sentence s;
  std::vector<bool> nrp_hits;
  fx.Extract(ex.text, tokens, &s.ids, &nrp_hits);
  if (vectors != nullptr) s.rows = vectors->Rows(ex.text, tokens);
  s.tags.assign(tokens.size(), 0);
  for (const GoldSpan& g : ex.spans) {
    const int entity = EntityIndex(g.label);
    if (entity < 0) continue;
    bool first = true;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].begin >= g.begin && tokens[i].end <= g.end) {
        s.tags[i] = first ? BeginTag(entity) : InsideTag(entity);
        first = false;
      }
    }
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (s.tags[i] != 0) continue;
    for (const auto& [b, e] : ex.ignored) {
      if (tokens[i].begin < e && tokens[i].end > b) s.tags[i] = -1;
    }
    if (ex.nrp_unannotated && nrp_hits[i]) s.tags[i] = -1;
  }
  return s;
}

bool ParseArgs(int argc, char** argv, Args* a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--shared") a->shared = v;
    else if (k == "--gazetteers") a->gazetteers = v;
    else if (k == "--out") a->out = v;
    else if (k == "--epochs") a->epochs = std::stoi(v);
    else if (k == "--seed") a->seed = std::stoi(v);
    else if (k == "--threads") a->threads = std::stoi(v);
    else if (k == "--presidio-repeat") a->presidio_repeat = std::stoi(v);
    else if (k == "--lr") a->lr = std::stod(v);
    else if (k == "--arch") a->arch = v;
    else if (k == "--augment") a->augment = std::stoi(v);
    else if (k == "--word-dropout") a->word_dropout = std::stod(v);
    else if (k == "--word-vectors") a->word_vectors = v;
    else if (k == "--vector-dropout") a->vector_dropout = std::stod(v);
    else if (k == "--uner-repeat") a->uner_repeat = std::stoi(v);
    else if (k == "--hidden") a->hidden = std::stoll(v);
    else return false;
  }
  return !a->gazetteers.empty() && !a->out.empty() && argc % 2 == 1;
}

// Entity values seen in the presidio training records, per label; used to
// make more training sentences from the same frames with other values.
using ValuePools = std::map<std::string, std::vector<std::string>>;

void CollectValues(const Example& ex, ValuePools* pools) {
  for (const GoldSpan& g : ex.spans) {
    if (!g.label.empty()) {
      (*pools)[g.label].push_back(ex.text.substr(g.begin, g.end - g.begin));
    }
  }
}

// Writes a Latin-script value in Cyrillic (script 0) or Greek (script 1),
// letter by letter, so that the tagger sees names in those scripts too; the
// training data has almost none.
std::string Transliterate(const std::string& value, int script) {
  static const char* const kCyrillic[26] = {
      "а", "б", "ц", "д", "е", "ф", "г", "х", "и", "й", "к", "л", "м",
      "н", "о", "п", "к", "р", "с", "т", "у", "в", "в", "кс", "ы", "з"};
  static const char* const kCyrillicUpper[26] = {
      "А", "Б", "Ц", "Д", "Е", "Ф", "Г", "Х", "И", "Й", "К", "Л", "М",
      "Н", "О", "П", "К", "Р", "С", "Т", "У", "В", "В", "КС", "Ы", "З"};
  static const char* const kGreek[26] = {
      "α", "β", "κ", "δ", "ε", "φ", "γ", "η", "ι", "ι", "κ", "λ", "μ",
      "ν", "ο", "π", "κ", "ρ", "σ", "τ", "υ", "β", "ω", "ξ", "υ", "ζ"};
  static const char* const kGreekUpper[26] = {
      "Α", "Β", "Κ", "Δ", "Ε", "Φ", "Γ", "Η", "Ι", "Ι", "Κ", "Λ", "Μ",
      "Ν", "Ο", "Π", "Κ", "Ρ", "Σ", "Τ", "Υ", "Β", "Ω", "Ξ", "Υ", "Ζ"};
  std::string out;
  for (char c : value) {
    if (c >= 'a' && c <= 'z') {
      out += script == 0 ? kCyrillic[c - 'a'] : kGreek[c - 'a'];
    } else if (c >= 'A' && c <= 'Z') {
      out += script == 0 ? kCyrillicUpper[c - 'A'] : kGreekUpper[c - 'A'];
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Returns a copy of ex with every labelled span replaced by a random value
// of the same label, sometimes upper- or lower-cased (the presidio data has
// "LEPPEN" and all-lower-case sentences). Records with overlapping spans
// are returned unchanged.
Example Augment(const Example& ex, const ValuePools& pools, std::mt19937* rng) {
  std::vector<GoldSpan> spans = ex.spans;
  std::sort(spans.begin(), spans.end(), [](const GoldSpan& a, const GoldSpan& b) {
    return a.begin < b.begin;
  });
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].begin < spans[i - 1].end) return ex;
  }
  std::uniform_real_distribution<double> coin(0, 1);
  const bool lower_all = coin(*rng) < 0.1;
  Example out;
  out.nrp_unannotated = ex.nrp_unannotated;
  out.template_key = ex.template_key;
  size_t at = 0;
  for (const GoldSpan& g : spans) {
    out.text += ex.text.substr(at, g.begin - at);
    std::string value = ex.text.substr(g.begin, g.end - g.begin);
    auto pool = pools.find(g.label);
    if (pool != pools.end() && !pool->second.empty()) {
      std::uniform_int_distribution<size_t> pick(0, pool->second.size() - 1);
      value = pool->second[pick(*rng)];
      const double c = coin(*rng);
      if (c < 0.08) {
        std::string upper;
        for (char ch : value) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
        value = upper;
      } else if (c < 0.14) {
        value = LowerUtf8(value);
      } else if (c < 0.26 && g.label == "PERSON") {
        // Non-Latin text in English sentences is mostly people's names.
        value = Transliterate(value, c < 0.20 ? 0 : 1);
      }
    }
    const size_t begin = out.text.size();
    out.text += value;
    out.spans.push_back({g.type, g.label, begin, out.text.size()});
    if (g.type == "ADDRESS" ||
        (g.type == "STREET_ADDRESS" &&
         value.find_first_of(",\n") != std::string::npos)) {
      out.ignored.emplace_back(begin, out.text.size());
    }
    at = g.end;
  }
  out.text += ex.text.substr(at);
  if (lower_all) out.text = LowerUtf8(out.text);
  return out;
}

// Fits score = sigmoid(a * logit(p) + b) to (p, correct) pairs by Newton's
// method on the log loss (with a small ridge for stability).
Calibration FitPlatt(const std::vector<std::pair<double, int>>& data) {
  // Plain gradient descent: the loss is convex in (a, b) and the data are
  // few, and unlike Newton's method it cannot run off when the classes are
  // nearly separable.
  double a = 1.0, b = 0.0;
  if (data.empty()) return {a, b};
  for (int iter = 0; iter < 20000; ++iter) {
    double ga = 0, gb = 0;
    for (const auto& [p, y] : data) {
      const double q = std::min(std::max(p, 1e-4), 1 - 1e-4);
      const double x = std::log(q / (1 - q));
      const double s = 1 / (1 + std::exp(-(a * x + b)));
      ga += (s - y) * x;
      gb += (s - y);
    }
    a -= 0.02 * ga / data.size();
    b -= 0.02 * gb / data.size();
  }
  return {a, b};
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: %s --shared DIR --gazetteers DIR --out DIR "
                 "[--epochs N] [--seed N] [--threads N] [--presidio-repeat N] "
                 "[--lr X] [--arch cnn|bilstm] [--augment N] [--word-dropout X] "
                 "[--word-vectors DIR] [--vector-dropout X] [--uner-repeat N] "
                 "[--hidden N]\n",
                 argv[0]);
    return 2;
  }
  torch::manual_seed(args.seed);
  torch::set_num_threads(args.threads);
  std::mt19937 rng(args.seed);

  std::string error;
  SplitData data;
  if (!LoadSplits(args.shared, &data, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  Gazetteers gaz;
  if (!LoadGazetteers(args.gazetteers, &gaz, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  ModelConfig config;
  config.continue_bonus = 0.5;  // chosen on the tune split (0, 0.5, 1, 2 tried)
  FeatureExtractor fx(&gaz, config.buckets);
  config.hidden = args.hidden;
  WordVectors word_vectors;
  const WordVectors* vectors = nullptr;
  if (!args.word_vectors.empty()) {
    config.vector_dim = 100;  // GloVe 6B 100d
    if (!word_vectors.Load(args.word_vectors, config.vector_dim, &error)) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 1;
    }
    vectors = &word_vectors;
    std::printf("word vectors: %lld rows\n",
                static_cast<long long>(word_vectors.rows()));
  }

  ValuePools pools;
  for (const DataSet& set : data.train) {
    if (!set.presidio) continue;
    for (const Example& ex : set.examples) CollectValues(ex, &pools);
  }
  std::vector<Sentence> train;
  for (const DataSet& set : data.train) {
    const int repeat = set.presidio ? args.presidio_repeat
                       : set.name.rfind("uner", 0) == 0 ? args.uner_repeat
                                                        : 1;
    size_t spans = 0;
    for (const Example& ex : set.examples) {
      spans += ex.spans.size();
      Sentence s = Featurize(ex, fx, vectors);
      if (s.tags.empty()) continue;
      for (int r = 0; r < repeat; ++r) train.push_back(s);
      if (!set.presidio) continue;
      for (int k = 0; k < args.augment; ++k) {
        Sentence a = Featurize(Augment(ex, pools, &rng), fx, vectors);
        if (!a.tags.empty()) train.push_back(std::move(a));
      }
    }
    std::printf("train set %-36s %6zu sentences x%d%s\n", set.name.c_str(),
                set.examples.size(), repeat,
                set.presidio ? " + value-swapped copies" : "");
  }
  std::printf("training sentences (with repeats): %zu\n", train.size());

  ModelShape shape;
  shape.buckets = config.buckets;
  shape.dim = config.dim;
  shape.hidden = config.hidden;
  shape.tags = kNumTags;
  shape.arch = args.arch;
  shape.vector_dim = config.vector_dim;
  config.arch = args.arch;
  torch::jit::Module module = BuildTaggerModule(shape);
  std::vector<torch::Tensor> params;
  for (const torch::Tensor& p : module.parameters()) {
    p.set_requires_grad(true);
    params.push_back(p);
  }
  torch::optim::Adam optimizer(params, torch::optim::AdamOptions(args.lr));

  constexpr size_t kBatch = 64;
  std::uniform_real_distribution<double> coin(0, 1);
  const int64_t unknown_word = fx.UnknownWordId();
  for (int epoch = 0; epoch < args.epochs; ++epoch) {
    const auto t0 = std::chrono::steady_clock::now();
    module.train();
    std::vector<size_t> order(train.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    // Sort within windows of 20 batches by length to limit padding.
    const size_t window = kBatch * 20;
    for (size_t w = 0; w < order.size(); w += window) {
      const auto end = order.begin() + std::min(order.size(), w + window);
      std::stable_sort(order.begin() + w, end, [&](size_t x, size_t y) {
        return train[x].tags.size() < train[y].tags.size();
      });
    }
    std::vector<std::pair<size_t, size_t>> batches;
    for (size_t b = 0; b < order.size(); b += kBatch) {
      batches.emplace_back(b, std::min(order.size(), b + kBatch));
    }
    std::shuffle(batches.begin(), batches.end(), rng);
    double total_loss = 0;
    size_t steps = 0;
    for (const auto& [from, to] : batches) {
      size_t max_len = 0;
      for (size_t k = from; k < to; ++k) {
        max_len = std::max(max_len, train[order[k]].tags.size());
      }
      const int64_t n = static_cast<int64_t>(to - from);
      torch::Tensor ids = torch::zeros(
          {n, static_cast<int64_t>(max_len), kNumFeatureSlots}, torch::kLong);
      torch::Tensor tags =
          torch::full({n, static_cast<int64_t>(max_len)}, -1, torch::kLong);
      const int64_t vdim = config.vector_dim;
      torch::Tensor vecs = torch::zeros(
          {n, static_cast<int64_t>(max_len), std::max<int64_t>(vdim, 1)});
      float* vecs_p = vecs.data_ptr<float>();
      auto ids_a = ids.accessor<int64_t, 3>();
      auto tags_a = tags.accessor<int64_t, 2>();
      for (int64_t r = 0; r < n; ++r) {
        const Sentence& s = train[order[from + r]];
        for (size_t t = 0; t < s.tags.size(); ++t) {
          tags_a[r][t] = s.tags[t];
          for (int f = 0; f < kNumFeatureSlots; ++f) {
            ids_a[r][t][f] = s.ids[t * kNumFeatureSlots + f];
          }
          // Word dropout: the word feature (slot 0) sometimes becomes the
          // unknown word, so that context, shape and affixes carry names.
          if (coin(rng) < args.word_dropout) ids_a[r][t][0] = unknown_word;
          if (vdim > 0 && s.rows[t] != 0 && coin(rng) >= args.vector_dropout) {
            std::memcpy(vecs_p + (r * max_len + t) * vdim,
                        word_vectors.table() + s.rows[t] * vdim,
                        sizeof(float) * vdim);
          }
        }
      }
      optimizer.zero_grad();
      std::vector<torch::jit::IValue> inputs = {ids};
      if (vdim > 0) inputs.push_back(vecs);
      torch::Tensor logits = module.forward(inputs).toTensor();
      torch::Tensor loss = torch::nn::functional::cross_entropy(
          logits.reshape({-1, kNumTags}), tags.reshape({-1}),
          torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-1));
      loss.backward();
      torch::nn::utils::clip_grad_norm_(params, 5.0);
      optimizer.step();
      total_loss += loss.item<double>();
      ++steps;
    }
    const double secs = std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - t0)
                            .count();
    std::printf("epoch %d: mean loss %.4f, %zu steps, %.1f s\n", epoch + 1,
                total_loss / steps, steps, secs);
    std::fflush(stdout);
  }

  module.eval();
  for (torch::Tensor& p : params) p.set_requires_grad(false);
  fs::create_directories(args.out);
  module.to(torch::kHalf);  // stored as fp16; NerTagger::Load widens it
  module.save(args.out + "/" + kModuleFile);
  module.to(torch::kFloat);
  for (const char* g : kGazetteerFiles) {
    fs::copy_file(args.gazetteers + "/" + g, args.out + "/" + g,
                  fs::copy_options::overwrite_existing);
  }
  std::vector<std::string> files = {kConfigFile, kModuleFile};
  for (const char* g : kGazetteerFiles) files.push_back(g);
  if (vectors != nullptr) {
    for (const char* f : kWordVectorFiles) {
      fs::copy_file(args.word_vectors + "/" + f, args.out + "/" + f,
                    fs::copy_options::overwrite_existing);
      files.push_back(f);
    }
  }
  if (!WriteModelConfig(args.out + "/" + kConfigFile, config, &error) ||
      !WriteManifest(args.out, files, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }

  // Calibration on the tune split: Platt scaling of span confidence
  // against "exactly right" (same label and bounds as a gold span).
  std::unique_ptr<NerTagger> tagger = NerTagger::Load(args.out, &error);
  if (!tagger) {
    std::fprintf(stderr, "error: reloading the model: %s\n", error.c_str());
    return 1;
  }
  std::vector<std::pair<double, int>> points;
  for (const DataSet& set : data.tune) {
    for (const Example& ex : set.examples) {
      for (const NerSpan& s : tagger->Tag(ex.text)) {
        int correct = 0;
        for (const GoldSpan& g : ex.spans) {
          if (g.label == s.label && g.begin == s.begin_byte &&
              g.end == s.end_byte) {
            correct = 1;
          }
        }
        points.emplace_back(s.score, correct);
      }
    }
  }
  config.calibration = FitPlatt(points);
  size_t right = 0;
  for (const auto& p : points) right += p.second;
  std::printf("calibration on %zu tune spans (%.3f exactly right): a=%.4f b=%.4f\n",
              points.size(), points.empty() ? 0.0 : double(right) / points.size(),
              config.calibration.a, config.calibration.b);
  if (!WriteModelConfig(args.out + "/" + kConfigFile, config, &error) ||
      !WriteManifest(args.out, files, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  std::printf("model written to %s\n", args.out.c_str());
  return 0;
}
