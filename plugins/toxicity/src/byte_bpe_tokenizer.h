// byte_bpe_tokenizer.h -- GPT-2 / RoBERTa byte-level BPE: the GPT-2 pre-tokenization pattern, bytes mapped
// to printable code points, then merges applied by rank; ids from vocab.json. Output: <s> ... </s>.
#ifndef SENTINEL_TOXICITY_BYTE_BPE_TOKENIZER_H_
#define SENTINEL_TOXICITY_BYTE_BPE_TOKENIZER_H_

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenizer.h"

namespace sentinel {
namespace toxicity {

class ByteBpeTokenizer : public Tokenizer {
 public:
  // vocab.json: {"token": id}; merges.txt: "#version" line then "a b" per line, highest priority first.
  static std::unique_ptr<ByteBpeTokenizer> FromFiles(const std::string& vocab_path, const std::string& merges_path,
                                                     std::string* error);

  std::vector<int64_t> Encode(std::string_view text, size_t max_length) const override;
  int64_t pad_id() const override { return pad_id_; }

  // GPT-2's regex pre-tokenization (exposed for tests).
  static std::vector<std::u32string> PreTokenize(std::string_view text);

 private:
  void Bpe(const std::string& mapped_word, std::vector<int64_t>* ids) const;

  std::unordered_map<std::string, int64_t> vocab_;
  std::map<std::pair<std::string, std::string>, int> ranks_;
  int64_t bos_id_ = 0, pad_id_ = 1, eos_id_ = 2, unk_id_ = 3;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_BYTE_BPE_TOKENIZER_H_
