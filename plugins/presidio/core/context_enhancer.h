// context_enhancer.h -- raises the score of a result when one of its recognizer's context words
// appears just before it, as Presidio's LemmaContextAwareEnhancer does (+0.35, floor 0.4, cap 1.0,
// the entity's own word plus up to 5 preceding non-stop words).
//
// Unlike Presidio's default substring mode, words match whole ("lic" does not match "duplicate");
// a plural 's'/'es' stands in for spaCy's lemmatizer, and multi-word context must appear in order.
#ifndef PRESIDIO_CORE_CONTEXT_ENHANCER_H_
#define PRESIDIO_CORE_CONTEXT_ENHANCER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/recognizer_result.h"

namespace presidio {

struct ContextOptions {
  double similarity_factor = 0.35;
  double min_score_with_context = 0.4;
  int prefix_count = 5;
  int suffix_count = 0;
};

// One lower-cased word of the text with its byte span.
struct Token {
  size_t start;
  size_t end;
  std::string lower;
};

// Splits text into words: runs of letters, digits, '_' and non-ASCII characters.
std::vector<Token> Tokenize(std::string_view text);

bool IsStopWord(std::string_view lower_word);

class ContextEnhancer {
 public:
  explicit ContextEnhancer(ContextOptions options = ContextOptions()) : options_(options) {}

  // `request_context`: extra words from the request, treated as if they surrounded every result.
  void Enhance(std::string_view text, const std::vector<std::string>& request_context,
               std::vector<RecognizerResult>* results) const;

 private:
  ContextOptions options_;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_CONTEXT_ENHANCER_H_
