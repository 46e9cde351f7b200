// metrics.h -- binary classification metrics used by the trainer and the evaluator.
#ifndef SENTINEL_TOXICITY_METRICS_H_
#define SENTINEL_TOXICITY_METRICS_H_

#include <vector>

namespace sentinel {
namespace toxicity {

// Macro-averaged F1 over the two classes (TweetEval's official offensive/hate metric), in [0,1].
double MacroF1(const std::vector<float>& scores, const std::vector<int>& gold, float threshold);

// Accuracy at `threshold`.
double Accuracy(const std::vector<float>& scores, const std::vector<int>& gold, float threshold);

// ROC AUC (ties count half); 0.5 when one class is absent.
double RocAuc(const std::vector<float>& scores, const std::vector<int>& gold);

// Confusion counts at `threshold` (a score >= threshold is predicted positive).
struct Confusion {
  int true_positives = 0, false_positives = 0, false_negatives = 0, true_negatives = 0;
  int positives() const { return true_positives + false_negatives; }
  int negatives() const { return false_positives + true_negatives; }
};
Confusion CountAt(const std::vector<float>& scores, const std::vector<int>& gold, float threshold);

// The threshold in (0,1) that maximizes macro-F1 on (scores, gold).
float BestMacroF1Threshold(const std::vector<float>& scores, const std::vector<int>& gold);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_METRICS_H_
