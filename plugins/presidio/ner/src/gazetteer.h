// Word lists used as tagger features: first names, place names and
// nationality/religion/political-group words. Phrases are stored as their
// lower-cased tokens joined by single spaces, so matching works on the same
// tokens the tagger sees.
#ifndef PRESIDIO_NER_GAZETTEER_H_
#define PRESIDIO_NER_GAZETTEER_H_

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "tokenizer.h"

namespace presidio_ner {

class Gazetteer {
 public:
  // Reads one entry per line (UTF-8). Returns false with *error set when
  // the file cannot be read.
  bool LoadFile(const std::string& path, std::string* error);
  void Add(std::string_view phrase);

  // For each token, 0 = outside, 1 = first token of a matched phrase,
  // 2 = inside one. Longest match wins, scanning left to right.
  std::vector<int> Match(std::string_view text,
                         const std::vector<Token>& tokens,
                         const std::vector<std::string>& lowered) const;

  bool ContainsWord(const std::string& lowered_token) const {
    return phrases_.count(lowered_token) != 0;
  }
  size_t size() const { return phrases_.size(); }

 private:
  std::unordered_set<std::string> phrases_;
  // Token prefixes of multi-token phrases, so Match stops extending a key
  // as soon as no phrase can start with it.
  std::unordered_set<std::string> prefixes_;
  size_t max_tokens_ = 1;
};

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_GAZETTEER_H_
