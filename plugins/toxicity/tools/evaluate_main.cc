// toxicity_evaluate -- measures any model folder on the local evaluation sets:
//   TweetEval offensive / hate validation (macro-F1, the official metric), HateCheck functional tests,
//   the Jigsaw identity-term sentence templates and the fuzzed Wikipedia identity-term set (bias),
//   and ETHOS (evaluation only: GPL-3.0).
//
//   toxicity_evaluate --model build/share/sentinel/models/default --data ../shared/data/toxicity
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "datasets.h"
#include "metrics.h"
#include "model_folder.h"

namespace sentinel {
namespace toxicity {
namespace {

struct Labels {
  int toxicity = -1;
  int hate = -1;  // identity_attack, falling back to toxicity
  float toxicity_threshold = 0.5f;
  float hate_threshold = 0.5f;
};

std::vector<float> ScoreColumn(const ModelFolder& model, const std::vector<BinaryExample>& examples, int label) {
  std::vector<std::string> texts;
  for (const auto& e : examples) texts.push_back(e.text);
  std::vector<std::vector<float>> scores;
  std::string error;
  if (!model.ScoreTexts(texts, 64, &scores, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    std::exit(1);
  }
  std::vector<float> column;
  for (const auto& row : scores) column.push_back(row[label]);
  return column;
}

std::vector<int> Gold(const std::vector<BinaryExample>& examples) {
  std::vector<int> gold;
  for (const auto& e : examples) gold.push_back(e.gold);
  return gold;
}

void Load(bool ok, const std::string& error) {
  if (!ok) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    std::exit(1);
  }
}

void TweetEval(const ModelFolder& model, const std::string& data, const char* task, int label, float threshold) {
  std::vector<BinaryExample> val;
  std::string error;
  Load(LoadTweetEval(data + "/tweeteval-" + task, "val", &val, &error), error);
  const std::vector<float> s = ScoreColumn(model, val, label);
  const std::vector<int> g = Gold(val);
  const float oracle = BestMacroF1Threshold(s, g);
  std::printf("tweeteval-%-9s val  macro-F1 %.2f at manifest threshold %.2f | AUC %.4f | (oracle threshold %.2f: %.2f)\n",
              task, 100 * MacroF1(s, g, threshold), threshold, RocAuc(s, g), oracle, 100 * MacroF1(s, g, oracle));
}

void HateCheck(const ModelFolder& model, const std::string& data, int label, float threshold) {
  std::vector<BinaryExample> cases;
  std::string error;
  Load(LoadHateCheck(data, &cases, &error), error);
  const std::vector<float> s = ScoreColumn(model, cases, label);
  std::map<std::string, std::pair<int, int>> per;  // functionality -> (right, total)
  int right = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const bool ok = (s[i] >= threshold) == (cases[i].gold == 1);
    right += ok;
    per[cases[i].group].first += ok;
    per[cases[i].group].second += 1;
  }
  std::printf("hatecheck functional accuracy %.2f%% (%d/%zu) using %s >= %.2f\n", 100.0 * right / cases.size(),
              right, cases.size(), model.manifest().labels[label].c_str(), threshold);
  for (const auto& kv : per) {
    std::printf("  %-20s %6.1f%% (%d/%d)\n", kv.first.c_str(), 100.0 * kv.second.first / kv.second.second,
                kv.second.first, kv.second.second);
  }
}

void Templates(const ModelFolder& model, const std::string& data, int label, float threshold) {
  std::vector<BinaryExample> rows;
  std::string error;
  Load(LoadSentenceTemplates(data, &rows, &error), error);
  const std::vector<float> s = ScoreColumn(model, rows, label);
  std::printf("sentence templates (%zu): overall AUC %.4f, accuracy %.2f%% at %.2f\n", rows.size(),
              RocAuc(s, Gold(rows)), 100 * Accuracy(s, Gold(rows), threshold), threshold);
  std::map<std::string, std::pair<std::vector<float>, std::vector<int>>> terms;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].group.rfind("term:", 0) != 0) continue;
    terms[rows[i].group.substr(5)].first.push_back(s[i]);
    terms[rows[i].group.substr(5)].second.push_back(rows[i].gold);
  }
  // Per identity term in "Being <term> is <adj>": AUC and false-positive rate on the non-toxic sentences.
  double min_auc = 1, max_fpr = 0, sum_fpr = 0;
  std::string worst_auc, worst_fpr;
  for (const auto& kv : terms) {
    const double auc = RocAuc(kv.second.first, kv.second.second);
    int negatives = 0, fp = 0;
    for (size_t i = 0; i < kv.second.first.size(); ++i) {
      if (kv.second.second[i] == 0) {
        ++negatives;
        fp += kv.second.first[i] >= threshold;
      }
    }
    const double fpr = negatives ? static_cast<double>(fp) / negatives : 0;
    sum_fpr += fpr;
    if (auc < min_auc) {
      min_auc = auc;
      worst_auc = kv.first;
    }
    if (fpr > max_fpr) {
      max_fpr = fpr;
      worst_fpr = kv.first;
    }
  }
  if (!terms.empty()) {
    std::printf("  being_adj, %zu identity terms: min per-term AUC %.4f (%s); non-toxic FPR mean %.2f%%, max %.2f%% (%s)\n",
                terms.size(), min_auc, worst_auc.c_str(), 100 * sum_fpr / terms.size(), 100 * max_fpr,
                worst_fpr.c_str());
  }
}

void WikiIdTerms(const ModelFolder& model, const std::string& data, int label) {
  std::string error;
  std::vector<BinaryExample> plain, fuzzed;
  Load(LoadWikiIdTerms(data, false, &plain, &error), error);
  Load(LoadWikiIdTerms(data, true, &fuzzed, &error), error);
  const double a = RocAuc(ScoreColumn(model, plain, label), Gold(plain));
  const double b = RocAuc(ScoreColumn(model, fuzzed, label), Gold(fuzzed));
  std::printf("wiki identity-term set: AUC %.4f unmodified, %.4f fuzzed (gap %+.4f)\n", a, b, b - a);
}

void Ethos(const ModelFolder& model, const std::string& data, int label, float threshold) {
  std::vector<BinaryExample> rows;
  std::string error;
  Load(LoadEthos(data, &rows, &error), error);
  const std::vector<float> s = ScoreColumn(model, rows, label);
  std::printf("ethos binary (%zu, evaluation only): macro-F1 %.2f at %.2f, AUC %.4f\n", rows.size(),
              100 * MacroF1(s, Gold(rows), threshold), threshold, RocAuc(s, Gold(rows)));
}

int Run(int argc, char** argv) {
  std::string model_dir, data = "../shared/data/toxicity";
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--model") model_dir = argv[i + 1];
    else if (a == "--data") data = argv[i + 1];
    else if (a == "--threads") threads = std::atoi(argv[i + 1]);
  }
  if (model_dir.empty()) {
    std::fprintf(stderr, "usage: toxicity_evaluate --model DIR [--data DIR] [--threads N]\n");
    return 2;
  }
  SetTorchThreads(threads);
  std::string error;
  std::unique_ptr<ModelFolder> model = ModelFolder::Open(model_dir, &error);
  if (!model || !model->SelfTest(&error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  const ModelManifest& m = model->manifest();
  Labels l;
  for (size_t k = 0; k < m.labels.size(); ++k) {
    if (m.labels[k] == "toxicity") l.toxicity = static_cast<int>(k);
    if (m.labels[k] == "identity_attack") l.hate = static_cast<int>(k);
  }
  if (l.toxicity < 0) {
    std::fprintf(stderr, "error: model has no `toxicity` label\n");
    return 1;
  }
  if (l.hate < 0) l.hate = l.toxicity;
  l.toxicity_threshold = m.thresholds[l.toxicity];
  l.hate_threshold = m.thresholds[l.hate];
  std::printf("model %s (%s), labels:", m.name.c_str(), model_dir.c_str());
  for (const auto& label : m.labels) std::printf(" %s", label.c_str());
  std::printf("\n");
  const auto start = std::chrono::steady_clock::now();
  TweetEval(*model, data, "offensive", l.toxicity, l.toxicity_threshold);
  TweetEval(*model, data, "hate", l.hate, l.hate_threshold);
  HateCheck(*model, data, l.hate, l.hate_threshold);
  Templates(*model, data, l.toxicity, l.toxicity_threshold);
  WikiIdTerms(*model, data, l.toxicity);
  Ethos(*model, data, l.hate, l.hate_threshold);
  std::printf("evaluated in %.1fs\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

}  // namespace
}  // namespace toxicity
}  // namespace sentinel

int main(int argc, char** argv) { return sentinel::toxicity::Run(argc, argv); }
