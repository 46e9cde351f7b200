#include "toxicity_scorer.h"

#include <algorithm>
#include <limits>

#include "text_splitter.h"
#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

constexpr size_t kUnlimited = std::numeric_limits<size_t>::max();

void MaxInto(const std::vector<float>& row, std::vector<float>* acc) {
  if (acc->empty()) {
    *acc = row;
    return;
  }
  for (size_t k = 0; k < row.size(); ++k) (*acc)[k] = std::max((*acc)[k], row[k]);
}

}  // namespace

size_t ToxicityScorer::Cost(std::string_view text) const {
  const size_t specials = model_->tokenizer().Encode("", kUnlimited).size();
  const size_t n = model_->tokenizer().Encode(text, kUnlimited).size();
  return (n > specials ? n - specials : 0) + 1;
}

bool ToxicityScorer::Score(const std::vector<std::string_view>& texts, bool sentences, std::vector<TextScore>* out,
                           std::string* error) const {
  const size_t max_len = static_cast<size_t>(model_->manifest().max_sequence_length);
  const size_t specials = model_->tokenizer().Encode("", kUnlimited).size();
  const size_t budget = max_len > specials ? max_len - specials : 1;
  auto cost = [this](std::string_view t) { return Cost(t); };

  // Every sequence of every text goes to the batcher in one call; `owner` maps each back.
  std::vector<std::vector<int64_t>> sequences;
  struct Owner {
    size_t text;
    long sentence;  // -1: a window of the whole text
  };
  std::vector<Owner> owners;
  out->assign(texts.size(), TextScore());
  for (size_t t = 0; t < texts.size(); ++t) {
    const std::string_view text = texts[t];
    std::vector<TextSpan> split = SplitSentences(text);
    std::vector<int64_t> whole = model_->tokenizer().Encode(text, kUnlimited);
    const bool single_window = whole.size() <= max_len;
    if (single_window) {
      sequences.push_back(std::move(whole));
      owners.push_back({t, -1});
      (*out)[t].windows = 1;
    } else {
      for (const TextSpan& window : PackWindows(text, split, budget, cost)) {
        sequences.push_back(model_->Encode(window.text));
        owners.push_back({t, -1});
        ++(*out)[t].windows;
      }
    }
    if (!sentences) continue;
    // A text that is one sentence gets the whole-text score as its span score.
    const bool one_sentence = split.size() == 1 && single_window;
    for (size_t s = 0; s < split.size(); ++s) {
      (*out)[t].sentences.push_back(SentenceScore{split[s].begin, split[s].end, {}});
      if (one_sentence) continue;
      std::vector<int64_t> ids = model_->tokenizer().Encode(split[s].text, kUnlimited);
      if (ids.size() <= max_len) {  // the usual case: the sentence is one sequence
        sequences.push_back(std::move(ids));
        owners.push_back({t, static_cast<long>(s)});
        continue;
      }
      for (const TextSpan& piece : CutSpan(text, split[s], budget, cost)) {
        sequences.push_back(model_->Encode(piece.text));
        owners.push_back({t, static_cast<long>(s)});
      }
    }
  }
  std::vector<std::vector<float>> scores;
  if (!batcher_->Score(sequences, &scores, error)) return false;
  for (size_t i = 0; i < sequences.size(); ++i) {
    TextScore& ts = (*out)[owners[i].text];
    if (owners[i].sentence < 0) {
      MaxInto(scores[i], &ts.scores);
    } else {
      MaxInto(scores[i], &ts.sentences[owners[i].sentence].scores);
    }
  }
  for (TextScore& ts : *out) {
    if (ts.scores.empty()) ts.scores.assign(model_->manifest().labels.size(), 0.0f);
    for (SentenceScore& s : ts.sentences) {
      if (s.scores.empty()) s.scores = ts.scores;
    }
  }
  return true;
}

}  // namespace toxicity
}  // namespace sentinel
