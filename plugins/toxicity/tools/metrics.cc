#include "metrics.h"

#include <algorithm>
#include <numeric>

namespace sentinel {
namespace toxicity {

double MacroF1(const std::vector<float>& scores, const std::vector<int>& gold, float threshold) {
  double tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    const bool predicted = scores[i] >= threshold;
    if (predicted && gold[i] == 1) ++tp;
    if (predicted && gold[i] == 0) ++fp;
    if (!predicted && gold[i] == 1) ++fn;
    if (!predicted && gold[i] == 0) ++tn;
  }
  auto f1 = [](double tp_, double fp_, double fn_) {
    return tp_ == 0 ? 0.0 : 2 * tp_ / (2 * tp_ + fp_ + fn_);
  };
  return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2;
}

double Accuracy(const std::vector<float>& scores, const std::vector<int>& gold, float threshold) {
  if (scores.empty()) return 0;
  size_t right = 0;
  for (size_t i = 0; i < scores.size(); ++i) right += ((scores[i] >= threshold) == (gold[i] == 1));
  return static_cast<double>(right) / scores.size();
}

double RocAuc(const std::vector<float>& scores, const std::vector<int>& gold) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Mann-Whitney U with average ranks for ties.
  double positive_rank_sum = 0, positives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double rank = (i + 1 + j) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (gold[order[k]] == 1) {
        positive_rank_sum += rank;
        ++positives;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) return 0.5;
  return (positive_rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

Confusion CountAt(const std::vector<float>& scores, const std::vector<int>& gold, float threshold) {
  Confusion c;
  for (size_t i = 0; i < scores.size(); ++i) {
    const bool predicted = scores[i] >= threshold;
    if (gold[i] == 1) ++(predicted ? c.true_positives : c.false_negatives);
    else ++(predicted ? c.false_positives : c.true_negatives);
  }
  return c;
}

float BestMacroF1Threshold(const std::vector<float>& scores, const std::vector<int>& gold) {
  float best = 0.5f;
  double best_f1 = -1;
  for (int i = 1; i < 100; ++i) {
    const float t = i / 100.0f;
    const double f1 = MacroF1(scores, gold, t);
    if (f1 > best_f1) {
      best_f1 = f1;
      best = t;
    }
  }
  return best;
}

}  // namespace toxicity
}  // namespace sentinel
