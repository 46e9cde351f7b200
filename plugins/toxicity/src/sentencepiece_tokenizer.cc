#include "sentencepiece_tokenizer.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "spm_library.h"

namespace sentinel {
namespace toxicity {

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::FromFile(const std::string& model_path,
                                                                         const SentencePieceOptions& options,
                                                                         std::string* error) {
  const SpmLibrary* library = GetSpmLibrary(error);
  if (library == nullptr) {
    *error = model_path + ": cannot load SentencePiece: " + *error;
    return nullptr;
  }
  char message[512] = {0};
  void* processor = library->load(model_path.c_str(), message, sizeof(message));
  if (processor == nullptr) {
    *error = model_path + ": cannot load SentencePiece model: " + message;
    return nullptr;
  }
  std::unique_ptr<SentencePieceTokenizer> t(new SentencePieceTokenizer());
  t->library_ = library;
  t->processor_ = processor;
  t->options_ = options;
  return t;
}

SentencePieceTokenizer::~SentencePieceTokenizer() {
  if (processor_ != nullptr) library_->free(processor_);
}

std::vector<int64_t> SentencePieceTokenizer::Encode(std::string_view text, size_t max_length) const {
  std::string input(text);
  if (options_.lowercase) {
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(input);
    s.toLower(icu::Locale::getRoot());
    input.clear();
    s.toUTF8String(input);
  }
  std::vector<int> pieces(input.size() + 8);
  long n = library_->encode(processor_, input.data(), input.size(), pieces.data(), pieces.size());
  if (n > static_cast<long>(pieces.size())) {
    pieces.resize(static_cast<size_t>(n));
    n = library_->encode(processor_, input.data(), input.size(), pieces.data(), pieces.size());
  }
  pieces.resize(n < 0 ? 0 : static_cast<size_t>(n));
  const int unk = library_->unk_id(processor_);
  std::vector<int64_t> body;
  body.reserve(pieces.size());
  for (int id : pieces) body.push_back(id == unk ? options_.unk_id : id + options_.id_offset);
  std::vector<int64_t> prefix, suffix;
  if (options_.bos_id >= 0) prefix.push_back(options_.bos_id);
  if (options_.eos_id >= 0) suffix.push_back(options_.eos_id);
  return WrapWithSpecials(body, prefix, suffix, max_length);
}

}  // namespace toxicity
}  // namespace sentinel
