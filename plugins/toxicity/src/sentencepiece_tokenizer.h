// sentencepiece_tokenizer.h -- SentencePiece models (libsentencepiece) as XLM-R and ALBERT use them.
//
// Options map SentencePiece ids onto the model's vocabulary: `id_offset` (XLM-R: 1, the fairseq shift),
// `unk_id` (the model id of SentencePiece's unknown piece), `bos_id`/`eos_id` wrapped around the pieces and
// `pad_id`. XLM-R: id_offset 1, unk_id 3, bos_id 0, eos_id 2, pad_id 1. `lowercase: true` for ALBERT.
// libsentencepiece is reached through the dlopen()ed shim of spm_shim.h.
#ifndef SENTINEL_TOXICITY_SENTENCEPIECE_TOKENIZER_H_
#define SENTINEL_TOXICITY_SENTENCEPIECE_TOKENIZER_H_

#include <memory>
#include <string>

#include "tokenizer.h"

namespace sentinel {
namespace toxicity {

struct SpmLibrary;

struct SentencePieceOptions {
  int64_t id_offset = 1;
  int64_t unk_id = 3;
  int64_t bos_id = 0;  // -1: none
  int64_t eos_id = 2;  // -1: none
  int64_t pad_id = 1;
  bool lowercase = false;
};

class SentencePieceTokenizer : public Tokenizer {
 public:
  static std::unique_ptr<SentencePieceTokenizer> FromFile(const std::string& model_path,
                                                          const SentencePieceOptions& options, std::string* error);
  ~SentencePieceTokenizer() override;

  std::vector<int64_t> Encode(std::string_view text, size_t max_length) const override;
  int64_t pad_id() const override { return options_.pad_id; }

 private:
  SentencePieceTokenizer() = default;

  const SpmLibrary* library_ = nullptr;
  void* processor_ = nullptr;  // owned; released through library_
  SentencePieceOptions options_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_SENTENCEPIECE_TOKENIZER_H_
