// bench_texts.h -- deterministic English-like texts of a given byte length for the benchmarks.
#ifndef SENTINEL_BENCH_TOXICITY_BENCH_TEXTS_H_
#define SENTINEL_BENCH_TOXICITY_BENCH_TEXTS_H_

#include <random>
#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

inline const std::vector<std::string>& BenchWords() {
  static const std::vector<std::string> words = {
      "the", "a", "people", "you", "are", "is", "this", "that", "really", "not", "good", "bad", "stupid",
      "great", "thread", "comment", "post", "think", "what", "about", "article", "idiot", "nice", "day",
      "about", "with", "they", "should", "never", "always", "again", "why", "because", "would", "could",
      "their", "opinion", "wrong", "right", "government", "team", "game", "played", "last", "night", "love",
      "hate", "everyone", "nobody", "reads", "before", "writing", "pathetic", "thanks", "sharing", "link"};
  return words;
}

// Texts of exactly `bytes` bytes (sentences of random words, trimmed).
inline std::vector<std::string> BenchTexts(size_t count, size_t bytes, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto& words = BenchWords();
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    size_t in_sentence = 0;
    while (text.size() < bytes) {
      text += words[rng() % words.size()];
      if (++in_sentence == 12) {
        text += ". ";
        in_sentence = 0;
      } else {
        text += ' ';
      }
    }
    text.resize(bytes);
    out.push_back(text);
  }
  return out;
}

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_BENCH_TOXICITY_BENCH_TEXTS_H_
