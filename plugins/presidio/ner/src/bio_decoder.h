// Constrained BIO decoding: the best tag sequence under the rule that an
// I-X tag may only follow B-X or I-X, found by Viterbi over per-token log
// probabilities, then read out as spans with a confidence.
#ifndef PRESIDIO_NER_BIO_DECODER_H_
#define PRESIDIO_NER_BIO_DECODER_H_

#include <cstddef>
#include <vector>

namespace presidio_ner {

struct TokenSpan {
  int entity;          // index into kEntityNames
  size_t first_token;  // inclusive
  size_t end_token;    // exclusive
  double confidence;   // geometric mean of the chosen tags' probabilities
};

// log_probs holds num_tokens rows of kNumTags log probabilities.
// continue_bonus is added to the score of every step that continues an
// entity (B-X or I-X followed by I-X): the per-token softmax has no
// transition model, and this prior keeps multi-token names together.
std::vector<TokenSpan> DecodeBio(const float* log_probs, size_t num_tokens,
                                 double continue_bonus);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_BIO_DECODER_H_
