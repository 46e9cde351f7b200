// Pretrained word vectors (GloVe 6B 100d, pruned to the most frequent words,
// stored as half floats): the tagger's knowledge of words it never saw in
// training. Lookup is by lower-cased token; row 0 is the zero vector for
// words outside the list. Written by tools/make_word_vectors.py.
#ifndef PRESIDIO_NER_WORD_VECTORS_H_
#define PRESIDIO_NER_WORD_VECTORS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokenizer.h"

namespace presidio_ner {

constexpr const char* kWordVectorFiles[2] = {"word_vectors.txt",
                                             "word_vectors.f16"};

class WordVectors {
 public:
  // Reads the two files from dir; each line of the .txt names one row of
  // `dim` halves in the .f16. False with *error on any mismatch.
  bool Load(const std::string& dir, int64_t dim, std::string* error);

  int64_t dim() const { return dim_; }
  int64_t rows() const { return static_cast<int64_t>(table_.size()) / dim_; }

  // Row of each token (0 if unknown).
  std::vector<int64_t> Rows(std::string_view text,
                            const std::vector<Token>& tokens) const;
  // Row of one lower-cased word (0 if unknown).
  int64_t Row(const std::string& lowered) const;

  // The fp32 table, rows() x dim(), row 0 all zeros.
  const float* table() const { return table_.data(); }

 private:
  int64_t dim_ = 0;
  std::unordered_map<std::string, int64_t> index_;
  std::vector<float> table_;
};

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_WORD_VECTORS_H_
