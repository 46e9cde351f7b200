// toxicity_train -- trains the shipped default model from shared/data/toxicity and writes a model folder.
//
//   toxicity_train --data ../shared/data/toxicity --out plugins/toxicity/models/default
//
// Every random choice (init, shuffling, hold-out split, feature dropout) derives from --seed, and training runs
// on a fixed thread count, so the same command reproduces the same model. The hold-out slice (10% of each
// TweetEval training split) picks the per-label thresholds; the TweetEval validation splits are never trained
// on (toxicity_evaluate reports on them).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "datasets.h"
#include "hashed_ngram_tokenizer.h"
#include "inference_model.h"
#include "metrics.h"
#include "model_folder_writer.h"
#include "ngram_model.h"

namespace sentinel {
namespace toxicity {
namespace {

struct Flags {
  std::string data = "../shared/data/toxicity";
  std::string out;
  HashedNgramConfig tokenizer;
  NgramModelOptions model;
  int epochs = 6;
  int batch = 32;
  int threads = 2;
  float holdout = 0.1f;
  float davidson_weight = 0.5f;
  float davidson_hate_weight = 0.3f;
  float surge_weight = 1.0f;
  bool report_val = false;
  bool aux_heads = false;
};

const std::vector<std::string> kCanaries = {
    "Thank you so much for your help with the report yesterday.",
    "What a lovely picture of your garden, the roses look great.",
    "You are a stupid worthless idiot and everyone hates you.",
    "Immigrants are vermin and should all be thrown out of this country.",
    "I disagree with this policy, but I respect your point of view.",
    "Shut up, you pathetic moron.",
};

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data") f->data = next("--data");
    else if (a == "--out") f->out = next("--out");
    else if (a == "--buckets") f->tokenizer.buckets = f->model.buckets = std::atoll(next("--buckets"));
    else if (a == "--char-min") f->tokenizer.char_ngram_min = std::atoi(next("--char-min"));
    else if (a == "--char-max") f->tokenizer.char_ngram_max = std::atoi(next("--char-max"));
    else if (a == "--word-ngrams") f->tokenizer.word_ngrams = std::atoi(next("--word-ngrams"));
    else if (a == "--dim") f->model.dim = std::atoll(next("--dim"));
    else if (a == "--hidden") f->model.hidden = std::atoll(next("--hidden"));
    else if (a == "--lr") f->model.lr = std::atof(next("--lr"));
    else if (a == "--weight-decay") f->model.weight_decay = std::atof(next("--weight-decay"));
    else if (a == "--dropout") f->model.dropout = std::atof(next("--dropout"));
    else if (a == "--seed") f->model.seed = std::strtoull(next("--seed"), nullptr, 10);
    else if (a == "--epochs") f->epochs = std::atoi(next("--epochs"));
    else if (a == "--batch") f->batch = std::atoi(next("--batch"));
    else if (a == "--threads") f->threads = std::atoi(next("--threads"));
    else if (a == "--davidson-weight") f->davidson_weight = std::atof(next("--davidson-weight"));
    else if (a == "--davidson-hate-weight") f->davidson_hate_weight = std::atof(next("--davidson-hate-weight"));
    else if (a == "--surge-weight") f->surge_weight = std::atof(next("--surge-weight"));
    else if (a == "--report-val") f->report_val = true;
    else if (a == "--aux-heads") f->aux_heads = true;
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return false;
    }
  }
  return true;
}

// Scores `ids` in chunks and returns column `label`.
std::vector<float> Column(const NgramModel& model, const std::vector<std::vector<int64_t>>& ids, int label) {
  std::vector<float> out;
  std::vector<const std::vector<int64_t>*> batch;
  for (size_t i = 0; i < ids.size(); i += 256) {
    batch.clear();
    for (size_t j = i; j < std::min(ids.size(), i + 256); ++j) batch.push_back(&ids[j]);
    for (const auto& row : model.Predict(batch)) out.push_back(row[label]);
  }
  return out;
}

struct EvalSet {
  std::vector<std::vector<int64_t>> ids;
  std::vector<int> gold;
};

int Run(const Flags& flags) {
  SetTorchThreads(flags.threads);
  std::string error;
  std::vector<Example> examples;
  std::vector<std::string> sources;
  if (!LoadTrainingExamples(flags.data, &examples, &sources, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  const HashedNgramTokenizer tokenizer(flags.tokenizer);
  const size_t max_len = 4096;
  std::mt19937_64 rng(flags.model.seed);
  // Hold out a slice of each TweetEval training split for threshold selection.
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  std::vector<size_t> train_idx;
  EvalSet holdout[kNumTrainLabels];
  std::vector<std::vector<int64_t>> encoded(examples.size());
  for (size_t i = 0; i < examples.size(); ++i) {
    Example& e = examples[i];
    encoded[i] = tokenizer.Encode(e.text, max_len);
    const std::string& source = sources[e.source];
    if (source == "davidson-hate-offensive") {
      e.weight = flags.davidson_weight;
      if (flags.aux_heads) {
        // Davidson trains only its own heads; the shared layers still learn from it.
        e.mask[kLabelToxicity] = e.mask[kLabelIdentityAttack] = 0;
        e.mask[kLabelAuxOffensive] = 1;
        e.mask[kLabelAuxHate] = flags.davidson_hate_weight;
      } else {
        // Davidson's hate label is down-weighted relative to its toxicity label by scaling the mask.
        e.mask[kLabelIdentityAttack] *= flags.davidson_hate_weight;
      }
    }
    if (source == "surge-toxicity") e.weight = flags.surge_weight;
    const bool tweeteval = source == "tweeteval-offensive" || source == "tweeteval-hate";
    if (tweeteval && uniform(rng) < flags.holdout) {
      const int label = source == "tweeteval-offensive" ? kLabelToxicity : kLabelIdentityAttack;
      holdout[label].ids.push_back(encoded[i]);
      holdout[label].gold.push_back(static_cast<int>(e.target[label]));
      continue;
    }
    train_idx.push_back(i);
  }
  EvalSet val[kNumTrainLabels];
  if (flags.report_val) {
    const char* dirs[kNumTrainLabels] = {"tweeteval-offensive", "tweeteval-hate"};
    for (int label = 0; label < kNumTrainLabels; ++label) {
      std::vector<BinaryExample> v;
      if (!LoadTweetEval(flags.data + "/" + dirs[label], "val", &v, &error)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return 1;
      }
      for (const auto& b : v) {
        val[label].ids.push_back(tokenizer.Encode(b.text, max_len));
        val[label].gold.push_back(b.gold);
      }
    }
  }
  std::printf("training on %zu examples (%zu held out)\n", train_idx.size(),
              holdout[0].ids.size() + holdout[1].ids.size());
  const int trained_labels = flags.aux_heads ? kMaxTrainLabels : kNumTrainLabels;
  NgramModelOptions model_options = flags.model;
  model_options.labels = trained_labels;
  NgramModel model(model_options);
  const auto start = std::chrono::steady_clock::now();
  const size_t steps_per_epoch = (train_idx.size() + flags.batch - 1) / flags.batch;
  const size_t total_steps = steps_per_epoch * flags.epochs;
  size_t step = 0;
  float thresholds[kNumTrainLabels] = {0.5f, 0.5f};
  for (int epoch = 0; epoch < flags.epochs; ++epoch) {
    std::shuffle(train_idx.begin(), train_idx.end(), rng);
    double loss_sum = 0;
    for (size_t b = 0; b < train_idx.size(); b += flags.batch) {
      TrainBatch batch;
      for (size_t j = b; j < std::min(train_idx.size(), b + flags.batch); ++j) {
        const Example& e = examples[train_idx[j]];
        batch.ids.push_back(&encoded[train_idx[j]]);
        batch.targets.insert(batch.targets.end(), e.target, e.target + trained_labels);
        batch.masks.insert(batch.masks.end(), e.mask, e.mask + trained_labels);
        batch.weights.push_back(e.weight);
      }
      const float lr_scale = 1.0f - static_cast<float>(step) / static_cast<float>(total_steps);
      loss_sum += model.TrainStep(batch, std::max(lr_scale, 0.02f), &rng);
      ++step;
    }
    std::printf("epoch %d loss %.4f", epoch + 1, loss_sum / steps_per_epoch);
    for (int label = 0; label < kNumTrainLabels; ++label) {
      const std::vector<float> s = Column(model, holdout[label].ids, label);
      thresholds[label] = BestMacroF1Threshold(s, holdout[label].gold);
      std::printf(" | %s holdout F1 %.2f@%.2f", label == 0 ? "tox" : "hate",
                  100 * MacroF1(s, holdout[label].gold, thresholds[label]), thresholds[label]);
      if (flags.report_val) {
        const std::vector<float> v = Column(model, val[label].ids, label);
        std::printf(" val %.2f (best %.2f)", 100 * MacroF1(v, val[label].gold, thresholds[label]),
                    100 * MacroF1(v, val[label].gold, BestMacroF1Threshold(v, val[label].gold)));
      }
    }
    std::printf(" [%.1fs]\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    std::fflush(stdout);
  }
  if (flags.out.empty()) return 0;

  // Write the model folder: TorchScript, tokenizer config, NOTICE (kept), manifest.
  const std::string tokenizer_file = "tokenizer.json";
  {
    std::ofstream out(flags.out + "/" + tokenizer_file, std::ios::binary | std::ios::trunc);
    out << HashedNgramConfigToJson(flags.tokenizer);
    if (!out) {
      std::fprintf(stderr, "error: cannot write %s/%s\n", flags.out.c_str(), tokenizer_file.c_str());
      return 1;
    }
  }
  if (!model.SaveTorchScript(flags.out + "/model.pt", &error, kNumTrainLabels)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  ModelManifest manifest;
  manifest.name = "sentinel-default-ngram";
  manifest.description =
      "Hashed word/char n-gram classifier trained by toxicity_train on TweetEval offensive+hate, Davidson et al. "
      "and Surge AI toxicity (see NOTICE).";
  manifest.model_file = "model.pt";
  manifest.output = "logits";
  manifest.labels = {"toxicity", "identity_attack"};
  manifest.thresholds = {thresholds[0], thresholds[1]};
  manifest.languages = {"en"};
  manifest.max_sequence_length = 2048;
  manifest.tokenizer.type = "hashed_ngrams";
  manifest.tokenizer.files = {{"config", tokenizer_file}};
  manifest.canary_tolerance = 1e-4f;
  std::vector<std::string> extra;
  if (std::ifstream(flags.out + "/NOTICE")) extra.push_back("NOTICE");
  if (!WriteModelFolder(flags.out, manifest, kCanaries, extra, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  std::printf("wrote %s (thresholds toxicity %.2f, identity_attack %.2f)\n", flags.out.c_str(), thresholds[0],
              thresholds[1]);
  return 0;
}

}  // namespace
}  // namespace toxicity
}  // namespace sentinel

int main(int argc, char** argv) {
  sentinel::toxicity::Flags flags;
  if (!sentinel::toxicity::ParseFlags(argc, argv, &flags)) return 2;
  return sentinel::toxicity::Run(flags);
}
