// wordpiece_tokenizer.h -- BERT's tokenizer (as `bert-base-uncased`): basic clean-up, CJK splitting,
// lower-casing with accent stripping (NFD, drop combining marks), punctuation splitting, then greedy
// longest-match WordPiece with the `##` continuation prefix. Output: [CLS] ... [SEP].
#ifndef SENTINEL_TOXICITY_WORDPIECE_TOKENIZER_H_
#define SENTINEL_TOXICITY_WORDPIECE_TOKENIZER_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "tokenizer.h"

namespace sentinel {
namespace toxicity {

class WordPieceTokenizer : public Tokenizer {
 public:
  // Reads vocab.txt (one token per line, id = line number).
  static std::unique_ptr<WordPieceTokenizer> FromFile(const std::string& vocab_path, bool lowercase,
                                                      std::string* error);

  std::vector<int64_t> Encode(std::string_view text, size_t max_length) const override;
  int64_t pad_id() const override { return pad_id_; }

  // The basic tokenizer's words, before WordPiece (exposed for tests).
  std::vector<std::u32string> BasicTokens(std::string_view text) const;

 private:
  void WordPieces(const std::u32string& word, std::vector<int64_t>* ids) const;

  std::unordered_map<std::string, int64_t> vocab_;
  bool lowercase_ = true;
  int64_t pad_id_ = 0, unk_id_ = 100, cls_id_ = 101, sep_id_ = 102;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_WORDPIECE_TOKENIZER_H_
