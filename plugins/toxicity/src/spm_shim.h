// spm_shim.h -- the plain C surface of libsentinel_toxicity_spm.so, a tiny library that wraps libsentencepiece.
//
// Why a separate library: Debian's libsentencepiece exports its own embedded copy of protobuf-lite, which
// interposes on the libprotobuf that LibTorch loads and crashes its static initialisers when both are linked
// into one object. The plugin therefore never links sentencepiece; it dlopen()s this shim with
// RTLD_LOCAL | RTLD_DEEPBIND, so sentencepiece binds to its own protobuf and stays out of the global scope.
#ifndef SENTINEL_TOXICITY_SPM_SHIM_H_
#define SENTINEL_TOXICITY_SPM_SHIM_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Loads a .model file; NULL on failure with a message in `error` (NUL-terminated, truncated to capacity).
typedef void* (*sentinel_spm_load_fn)(const char* path, char* error, size_t error_capacity);
// Encodes UTF-8 text into piece ids. Writes up to `capacity` ids and returns the total count (call again
// with a larger buffer when it exceeds capacity); -1 on failure.
typedef long (*sentinel_spm_encode_fn)(void* processor, const char* text, size_t size, int* ids, size_t capacity);
typedef int (*sentinel_spm_unk_id_fn)(void* processor);
typedef void (*sentinel_spm_free_fn)(void* processor);
// Trains a model (sentencepiece_trainer flags, e.g. "--input=x --model_prefix=y --vocab_size=50"); 0 on success.
typedef int (*sentinel_spm_train_fn)(const char* flags, char* error, size_t error_capacity);

#ifdef __cplusplus
}
#endif

#endif  // SENTINEL_TOXICITY_SPM_SHIM_H_
