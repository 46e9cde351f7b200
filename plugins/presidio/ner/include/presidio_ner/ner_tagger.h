// NerTagger finds PERSON, LOCATION, ORGANIZATION and NRP spans in UTF-8
// text with a small LibTorch (TorchScript) BiLSTM tagger trained in this
// repository. It is the presidio plugin's replacement for spaCy NER.
//
// A tagger is loaded once from a model folder (see plugins/presidio/ner/
// README.md) and is then safe to call from many threads at once.
#ifndef PRESIDIO_NER_NER_TAGGER_H_
#define PRESIDIO_NER_NER_TAGGER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace presidio_ner {

struct NerSpan {
  std::string label;  // PERSON, LOCATION, ORGANIZATION or NRP
  size_t begin_byte;  // inclusive byte offset into the tagged text
  size_t end_byte;    // exclusive byte offset
  double score;       // calibrated: about the share of such spans that are right
};

struct NerOptions {
  // Torch intra-op threads. 0 leaves torch's process-wide setting alone;
  // a positive value calls at::set_num_threads and, when torch uses
  // OpenBLAS, openblas_set_num_threads (both process-wide) at Load.
  // 1 is best for per-request tagging: a 200-byte text is too small to
  // split, and extra BLAS threads only spin.
  int torch_threads = 0;
};

class NerTagger {
 public:
  // Loads a model folder after checking its manifest (sizes and SHA-256 of
  // every file). Returns nullptr with *error set on any problem; never
  // throws.
  static std::unique_ptr<NerTagger> Load(const std::string& model_dir,
                                         std::string* error);
  static std::unique_ptr<NerTagger> Load(const std::string& model_dir,
                                         const NerOptions& options,
                                         std::string* error);

  ~NerTagger();
  NerTagger(const NerTagger&) = delete;
  NerTagger& operator=(const NerTagger&) = delete;

  // Returns entity spans in text order. Invalid UTF-8 is tolerated (bad
  // bytes act as letters); offsets always lie on the input's byte
  // boundaries. Never throws; returns no spans if inference fails.
  std::vector<NerSpan> Tag(std::string_view utf8_text) const;

  // The entity labels this model produces.
  static const std::vector<std::string>& Labels();

 private:
  struct Impl;
  explicit NerTagger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_NER_TAGGER_H_
