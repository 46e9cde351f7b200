// toxicity_scorer.h -- scores whole texts: splits them into sentences and model-sized windows, sends every
// sequence through the dynamic batcher, and combines the results (whole-text score = max over windows).
#ifndef SENTINEL_TOXICITY_TOXICITY_SCORER_H_
#define SENTINEL_TOXICITY_TOXICITY_SCORER_H_

#include <string>
#include <string_view>
#include <vector>

#include "dynamic_batcher.h"
#include "model_folder.h"

namespace sentinel {
namespace toxicity {

struct SentenceScore {
  size_t begin = 0;  // code points, end-exclusive
  size_t end = 0;
  std::vector<float> scores;  // one per label
};

struct TextScore {
  std::vector<float> scores;  // one per label: max over the text's windows
  std::vector<SentenceScore> sentences;
  size_t windows = 0;
};

class ToxicityScorer {
 public:
  // Both must outlive the scorer.
  ToxicityScorer(const ModelFolder* model, DynamicBatcher* batcher) : model_(model), batcher_(batcher) {}

  // Scores each text; with `sentences`, also each of its sentences.
  bool Score(const std::vector<std::string_view>& texts, bool sentences, std::vector<TextScore>* out,
             std::string* error) const;

 private:
  // Estimated token cost of a piece of text (its ids without the model's specials, plus one).
  size_t Cost(std::string_view text) const;

  const ModelFolder* model_;
  DynamicBatcher* batcher_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_TOXICITY_SCORER_H_
