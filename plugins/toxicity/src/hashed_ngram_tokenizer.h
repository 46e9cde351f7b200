// hashed_ngram_tokenizer.h -- the tokenizer of our own default model: fastText-style hashed features.
//
// Text is lower-cased and split into words (letter/digit runs) and single symbols (punctuation, emoji).
// Each word yields its own feature plus character n-grams of "<word>"; adjacent words yield bigram
// features. Every feature is hashed (FNV-1a, 64 bit) into `buckets - 1` ids, offset by one so 0 pads.
// The model averages the embeddings of all ids, so order beyond bigrams does not matter.
#ifndef SENTINEL_TOXICITY_HASHED_NGRAM_TOKENIZER_H_
#define SENTINEL_TOXICITY_HASHED_NGRAM_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tokenizer.h"

namespace sentinel {
namespace toxicity {

struct HashedNgramConfig {
  int64_t buckets = 1 << 18;
  int char_ngram_min = 2;
  int char_ngram_max = 5;
  int word_ngrams = 2;  // 1: words only; 2: words and bigrams
  bool lowercase = true;
};

// Reads/writes the config as the JSON file the manifest names as `tokenizer.files.config`.
bool ParseHashedNgramConfig(const std::string& json, HashedNgramConfig* config, std::string* error);
std::string HashedNgramConfigToJson(const HashedNgramConfig& config);

class HashedNgramTokenizer : public Tokenizer {
 public:
  explicit HashedNgramTokenizer(const HashedNgramConfig& config) : config_(config) {}

  std::vector<int64_t> Encode(std::string_view text, size_t max_length) const override;
  int64_t pad_id() const override { return 0; }

  // The normalized words and symbols the features are built from (exposed for tests).
  std::vector<std::string> Words(std::string_view text) const;

 private:
  int64_t Bucket(std::string_view kind, std::string_view feature) const;

  HashedNgramConfig config_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_HASHED_NGRAM_TOKENIZER_H_
