// The implementation of spm_shim.h; built as its own shared library linking libsentencepiece(_train).
#include "spm_shim.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

void SetError(const std::string& message, char* error, size_t capacity) {
  if (error == nullptr || capacity == 0) return;
  const size_t n = std::min(message.size(), capacity - 1);
  std::memcpy(error, message.data(), n);
  error[n] = '\0';
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void* sentinel_spm_load(const char* path, char* error,
                                                                          size_t error_capacity) {
  try {
    auto* processor = new sentencepiece::SentencePieceProcessor();
    const auto status = processor->Load(path);
    if (!status.ok()) {
      SetError(status.ToString(), error, error_capacity);
      delete processor;
      return nullptr;
    }
    return processor;
  } catch (const std::exception& e) {
    SetError(e.what(), error, error_capacity);
  } catch (...) {
    SetError("sentencepiece threw", error, error_capacity);
  }
  return nullptr;
}

extern "C" __attribute__((visibility("default"))) long sentinel_spm_encode(void* processor, const char* text,
                                                                           size_t size, int* ids, size_t capacity) {
  try {
    std::vector<int> pieces;
    const auto status =
        static_cast<sentencepiece::SentencePieceProcessor*>(processor)->Encode(std::string(text, size), &pieces);
    if (!status.ok()) return -1;
    for (size_t i = 0; i < pieces.size() && i < capacity; ++i) ids[i] = pieces[i];
    return static_cast<long>(pieces.size());
  } catch (...) {
    return -1;
  }
}

extern "C" __attribute__((visibility("default"))) int sentinel_spm_unk_id(void* processor) {
  return static_cast<sentencepiece::SentencePieceProcessor*>(processor)->unk_id();
}

extern "C" __attribute__((visibility("default"))) void sentinel_spm_free(void* processor) {
  delete static_cast<sentencepiece::SentencePieceProcessor*>(processor);
}

extern "C" __attribute__((visibility("default"))) int sentinel_spm_train(const char* flags, char* error,
                                                                         size_t error_capacity) {
  try {
    const auto status = sentencepiece::SentencePieceTrainer::Train(flags);
    if (!status.ok()) {
      SetError(status.ToString(), error, error_capacity);
      return 1;
    }
    return 0;
  } catch (...) {
    SetError("sentencepiece trainer threw", error, error_capacity);
    return 1;
  }
}
