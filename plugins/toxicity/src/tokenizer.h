// tokenizer.h -- turns text into the token ids a model folder's TorchScript expects.
//
// Implementations: hashed word/char n-grams (our own default model), BERT WordPiece, SentencePiece
// (XLM-R / ALBERT style), GPT-2 byte-level BPE (RoBERTa) and the USE-lite unigram tokenizer. The manifest's
// `tokenizer` section picks one.
#ifndef SENTINEL_TOXICITY_TOKENIZER_H_
#define SENTINEL_TOXICITY_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "manifest.h"

namespace sentinel {
namespace toxicity {

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Ids for `text` including the model's special tokens, truncated to at most `max_length` ids (the closing
  // special token, if any, is kept). `text` is UTF-8; invalid bytes are treated as U+FFFD.
  virtual std::vector<int64_t> Encode(std::string_view text, size_t max_length) const = 0;

  // The id that pads a batch (masked out by the attention mask).
  virtual int64_t pad_id() const = 0;
};

// Builds the tokenizer a manifest declares, reading its files from `folder`. Errors name the file and reason.
std::unique_ptr<Tokenizer> CreateTokenizer(const TokenizerSpec& spec, const std::string& folder, std::string* error);

// Reads an option from a TokenizerSpec with a default.
std::string OptionOr(const TokenizerSpec& spec, const std::string& key, const std::string& fallback);
int64_t IntOptionOr(const TokenizerSpec& spec, const std::string& key, int64_t fallback);
bool BoolOptionOr(const TokenizerSpec& spec, const std::string& key, bool fallback);

// Applies [first ... last] specials around `body`, truncating body so the result fits in max_length.
std::vector<int64_t> WrapWithSpecials(const std::vector<int64_t>& body, const std::vector<int64_t>& prefix,
                                      const std::vector<int64_t>& suffix, size_t max_length);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_TOKENIZER_H_
