// toxicity_evaluate -- measures any model folder on the local evaluation sets:
//   TweetEval offensive / hate validation (macro-F1, the official metric), HateCheck functional tests,
//   the Jigsaw identity-term sentence templates and the fuzzed Wikipedia identity-term set (bias),
//   ETHOS (evaluation only: GPL-3.0), and our hand-written everyday dev set (tools/everyday/: benign flagged and
//   toxic caught at 0.5 and at the manifest threshold, per category).
//
//   toxicity_evaluate --model build/share/sentinel/models/default --data ../shared/data/toxicity
//       [--everyday FILE] [--show-errors] [--json FILE] [--sets tweeteval,hatecheck,templates,wiki,ethos,everyday]
//       [--threads N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "datasets.h"
#include "metrics.h"
#include "model_folder.h"

namespace sentinel {
namespace toxicity {
namespace {

using nlohmann::json;

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

void TweetEval(const ModelFolder& model, const std::string& data, const char* task, int label, float threshold,
               json* report) {
  std::vector<BinaryExample> val;
  std::string error;
  Load(LoadTweetEval(data + "/tweeteval-" + task, "val", &val, &error), error);
  const std::vector<float> s = ScoreColumn(model, val, label);
  const std::vector<int> g = Gold(val);
  const float oracle = BestMacroF1Threshold(s, g);
  std::printf("tweeteval-%-9s val  macro-F1 %.2f at manifest threshold %.2f | AUC %.4f | (oracle threshold %.2f: %.2f)\n",
              task, 100 * MacroF1(s, g, threshold), threshold, RocAuc(s, g), oracle, 100 * MacroF1(s, g, oracle));
  (*report)["tweeteval"][task] = {{"label", model.manifest().labels[label]}, {"examples", val.size()},
                                  {"threshold", threshold}, {"macro_f1", MacroF1(s, g, threshold)},
                                  {"auc", RocAuc(s, g)}, {"oracle_threshold", oracle},
                                  {"oracle_macro_f1", MacroF1(s, g, oracle)}};
}

void HateCheck(const ModelFolder& model, const std::string& data, int label, float threshold, json* report) {
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
  json& j = (*report)["hatecheck"];
  j = {{"label", model.manifest().labels[label]}, {"threshold", threshold}, {"right", right}, {"total", cases.size()},
       {"accuracy", static_cast<double>(right) / cases.size()}, {"functionalities", json::object()}};
  for (const auto& kv : per) {
    std::printf("  %-20s %6.1f%% (%d/%d)\n", kv.first.c_str(), 100.0 * kv.second.first / kv.second.second,
                kv.second.first, kv.second.second);
    j["functionalities"][kv.first] = {{"right", kv.second.first}, {"total", kv.second.second},
                                      {"accuracy", static_cast<double>(kv.second.first) / kv.second.second}};
  }
}

void Templates(const ModelFolder& model, const std::string& data, int label, float threshold, json* report) {
  std::vector<BinaryExample> rows;
  std::string error;
  Load(LoadSentenceTemplates(data, &rows, &error), error);
  const std::vector<float> s = ScoreColumn(model, rows, label);
  std::printf("sentence templates (%zu): overall AUC %.4f, accuracy %.2f%% at %.2f\n", rows.size(),
              RocAuc(s, Gold(rows)), 100 * Accuracy(s, Gold(rows), threshold), threshold);
  json& j = (*report)["sentence_templates"];
  j = {{"label", model.manifest().labels[label]}, {"examples", rows.size()}, {"threshold", threshold},
       {"auc", RocAuc(s, Gold(rows))}, {"accuracy", Accuracy(s, Gold(rows), threshold)}, {"terms", json::object()}};
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
    j["terms"][kv.first] = {{"auc", auc}, {"non_toxic_fpr", fpr}};
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
    j["being_adj"] = {{"terms", terms.size()}, {"min_term_auc", min_auc}, {"min_term_auc_term", worst_auc},
                      {"mean_non_toxic_fpr", sum_fpr / terms.size()}, {"max_non_toxic_fpr", max_fpr},
                      {"max_non_toxic_fpr_term", worst_fpr}};
  }
}

void WikiIdTerms(const ModelFolder& model, const std::string& data, int label, json* report) {
  std::string error;
  std::vector<BinaryExample> plain, fuzzed;
  Load(LoadWikiIdTerms(data, false, &plain, &error), error);
  Load(LoadWikiIdTerms(data, true, &fuzzed, &error), error);
  const double a = RocAuc(ScoreColumn(model, plain, label), Gold(plain));
  const double b = RocAuc(ScoreColumn(model, fuzzed, label), Gold(fuzzed));
  std::printf("wiki identity-term set: AUC %.4f unmodified, %.4f fuzzed (gap %+.4f)\n", a, b, b - a);
  (*report)["wiki_identity_terms"] = {{"label", model.manifest().labels[label]}, {"examples", plain.size()},
                                      {"auc_unmodified", a}, {"auc_fuzzed", b}, {"gap", b - a}};
}

void Ethos(const ModelFolder& model, const std::string& data, int label, float threshold, json* report) {
  std::vector<BinaryExample> rows;
  std::string error;
  Load(LoadEthos(data, &rows, &error), error);
  const std::vector<float> s = ScoreColumn(model, rows, label);
  std::printf("ethos binary (%zu, evaluation only): macro-F1 %.2f at %.2f, AUC %.4f\n", rows.size(),
              100 * MacroF1(s, Gold(rows), threshold), threshold, RocAuc(s, Gold(rows)));
  (*report)["ethos"] = {{"label", model.manifest().labels[label]}, {"examples", rows.size()}, {"threshold", threshold},
                        {"macro_f1", MacroF1(s, Gold(rows), threshold)}, {"auc", RocAuc(s, Gold(rows))}};
}

bool FileExists(const std::string& path) {
  struct stat st;
  return !path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The everyday dev set by default: `plugins/toxicity/tools/everyday/everyday_dev.tsv` from the repository root
// (the usual working directory), else next to this source file (for runs from elsewhere in a source checkout).
std::string DefaultEverydayPath() {
  const std::string from_root = "plugins/toxicity/tools/everyday/everyday_dev.tsv";
  if (FileExists(from_root)) return from_root;
  const std::string source = __FILE__;
  const size_t slash = source.rfind('/');
  if (slash != std::string::npos) {
    const std::string next_to_source = source.substr(0, slash) + "/everyday/everyday_dev.tsv";
    if (FileExists(next_to_source)) return next_to_source;
  }
  return "";
}

// Hand-written everyday messages (tools/everyday/README.md): how many benign ones the `toxicity` label flags and how
// many clearly toxic ones it catches, at 0.5 and at the manifest threshold, overall and per category.
void Everyday(const ModelFolder& model, const std::string& path, int label, float manifest_threshold, bool show_errors,
              json* report) {
  std::vector<BinaryExample> rows;
  std::string error;
  Load(LoadEverydayTsv(path, &rows, &error), error);
  const std::vector<float> s = ScoreColumn(model, rows, label);
  const std::vector<int> g = Gold(rows);
  std::vector<std::pair<std::string, float>> thresholds = {{"0.5", 0.5f}};
  if (manifest_threshold != 0.5f) thresholds.push_back({"manifest", manifest_threshold});
  // Categories in file order, benign first.
  std::vector<std::pair<int, std::string>> categories;
  std::map<std::pair<int, std::string>, std::vector<size_t>> members;
  for (int gold = 0; gold <= 1; ++gold) {
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].gold != gold) continue;
      const auto key = std::make_pair(gold, rows[i].group);
      if (members[key].empty()) categories.push_back(key);
      members[key].push_back(i);
    }
  }
  const Confusion all = CountAt(s, g, 0.5f);
  const std::string name = model.manifest().labels[label];
  std::printf("everyday dev set (%d benign, %d toxic; %s): %s AUC %.4f\n", all.negatives(), all.positives(),
              path.c_str(), name.c_str(), RocAuc(s, g));
  json& j = (*report)["everyday"];
  j = {{"file", path}, {"label", name}, {"benign", all.negatives()}, {"toxic", all.positives()}, {"auc", RocAuc(s, g)},
       {"thresholds", json::array()}};
  for (const auto& t : thresholds) {
    const Confusion c = CountAt(s, g, t.second);
    const auto pct = [](int n, int d) { return d ? 100.0 * n / d : 0.0; };
    std::printf("  %s >= %.2f%s: benign flagged %d/%d (%.1f%%), toxic caught %d/%d (%.1f%%)\n", name.c_str(), t.second,
                t.first == "manifest" ? " (manifest)" : "", c.false_positives, c.negatives(),
                pct(c.false_positives, c.negatives()), c.true_positives, c.positives(),
                pct(c.true_positives, c.positives()));
    json jt = {{"name", t.first}, {"threshold", t.second}, {"benign_flagged", c.false_positives},
               {"benign_flagged_rate", c.negatives() ? static_cast<double>(c.false_positives) / c.negatives() : 0.0},
               {"toxic_caught", c.true_positives},
               {"toxic_caught_rate", c.positives() ? static_cast<double>(c.true_positives) / c.positives() : 0.0},
               {"categories", json::object()}};
    for (const auto& key : categories) {
      int flagged = 0;
      for (size_t i : members[key]) flagged += s[i] >= t.second;
      jt["categories"][key.second] = {{"gold", key.first}, {"examples", members[key].size()}, {"flagged", flagged}};
    }
    j["thresholds"].push_back(jt);
  }
  std::printf("  per category, flagged at");
  for (const auto& t : thresholds) std::printf(" | %.2f", t.second);
  std::printf("\n");
  for (const auto& key : categories) {
    std::printf("    %-6s %-20s %4zu", key.first ? "toxic" : "benign", key.second.c_str(), members[key].size());
    for (const auto& t : thresholds) {
      int flagged = 0;
      for (size_t i : members[key]) flagged += s[i] >= t.second;
      std::printf(" | %4d (%5.1f%%)", flagged, 100.0 * flagged / members[key].size());
    }
    std::printf("\n");
  }
  if (!show_errors) return;
  // Wrong at either threshold: benign texts scoring >= the lower threshold, toxic texts scoring below the higher one.
  float low = 1, high = 0;
  for (const auto& t : thresholds) {
    low = std::min(low, t.second);
    high = std::max(high, t.second);
  }
  std::printf("  misclassified at");
  for (const auto& t : thresholds) std::printf(" %.2f", t.second);
  std::printf(" (either), with the %s score:\n", name.c_str());
  j["errors"] = json::array();
  for (const auto& key : categories) {
    std::vector<size_t> wrong;
    for (size_t i : members[key]) {
      if (key.first == 0 ? s[i] >= low : s[i] < high) wrong.push_back(i);
    }
    std::sort(wrong.begin(), wrong.end(), [&](size_t a, size_t b) { return key.first == 0 ? s[a] > s[b] : s[a] < s[b]; });
    for (size_t i : wrong) {
      std::printf("    %s %.4f %-20s %s\n", key.first ? "missed " : "flagged", s[i], key.second.c_str(),
                  rows[i].text.c_str());
      j["errors"].push_back({{"gold", key.first}, {"category", key.second}, {"score", s[i]}, {"text", rows[i].text}});
    }
  }
}

void Usage() {
  std::fprintf(stderr,
               "usage: toxicity_evaluate --model DIR [--data DIR] [--threads N] [--everyday FILE] [--show-errors]\n"
               "                         [--json FILE] [--sets tweeteval,hatecheck,templates,wiki,ethos,everyday]\n");
}

int Run(int argc, char** argv) {
  std::string model_dir, data = "../shared/data/toxicity", everyday, json_path;
  bool everyday_given = false, show_errors = false;
  int threads = 2;
  std::set<std::string> sets = {"tweeteval", "hatecheck", "templates", "wiki", "ethos", "everyday"};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--show-errors") {
      show_errors = true;
      continue;
    }
    if (i + 1 >= argc) {
      Usage();
      return 2;
    }
    const std::string v = argv[++i];
    if (a == "--model") model_dir = v;
    else if (a == "--data") data = v;
    else if (a == "--threads") threads = std::atoi(v.c_str());
    else if (a == "--everyday") everyday = v, everyday_given = true;
    else if (a == "--json") json_path = v;
    else if (a == "--sets") {
      const std::set<std::string> known = sets;
      sets.clear();
      std::stringstream list(v);
      std::string item;
      while (std::getline(list, item, ',')) {
        if (!known.count(item)) {
          std::fprintf(stderr, "error: unknown set '%s'\n", item.c_str());
          return 2;
        }
        sets.insert(item);
      }
    } else {
      std::fprintf(stderr, "error: unknown option %s\n", a.c_str());
      Usage();
      return 2;
    }
  }
  if (model_dir.empty()) {
    Usage();
    return 2;
  }
  if (!everyday_given) everyday = DefaultEverydayPath();
  if (sets.count("everyday") && everyday_given && !FileExists(everyday)) {
    std::fprintf(stderr, "error: %s: cannot open\n", everyday.c_str());
    return 1;
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
  json report = {{"model", {{"name", m.name}, {"dir", model_dir}, {"labels", m.labels}, {"thresholds", json::object()}}}};
  for (size_t k = 0; k < m.labels.size(); ++k) report["model"]["thresholds"][m.labels[k]] = m.thresholds[k];
  const auto start = std::chrono::steady_clock::now();
  if (sets.count("tweeteval")) {
    TweetEval(*model, data, "offensive", l.toxicity, l.toxicity_threshold, &report);
    TweetEval(*model, data, "hate", l.hate, l.hate_threshold, &report);
  }
  if (sets.count("hatecheck")) HateCheck(*model, data, l.hate, l.hate_threshold, &report);
  if (sets.count("templates")) Templates(*model, data, l.toxicity, l.toxicity_threshold, &report);
  if (sets.count("wiki")) WikiIdTerms(*model, data, l.toxicity, &report);
  if (sets.count("ethos")) Ethos(*model, data, l.hate, l.hate_threshold, &report);
  if (sets.count("everyday")) {
    if (everyday.empty()) std::printf("everyday dev set: not found (pass --everyday FILE), skipped\n");
    else Everyday(*model, everyday, l.toxicity, l.toxicity_threshold, show_errors, &report);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("evaluated in %.1fs\n", seconds);
  report["seconds"] = seconds;
  if (!json_path.empty()) {
    std::ofstream out(json_path, std::ios::binary);
    out << report.dump(2) << "\n";
    if (!out) {
      std::fprintf(stderr, "error: %s: cannot write\n", json_path.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace toxicity
}  // namespace sentinel

int main(int argc, char** argv) { return sentinel::toxicity::Run(argc, argv); }
