// Turns tokens into hashed feature ids, the tagger's only input. Each token
// gets kNumFeatureSlots ids (word, shape, affixes, case/position, gazetteer
// hits, title words), each hashed into [1, buckets); 0 is padding.
#ifndef PRESIDIO_NER_TOKEN_FEATURES_H_
#define PRESIDIO_NER_TOKEN_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer.h"
#include "tokenizer.h"

namespace presidio_ner {

constexpr int kNumFeatureSlots = 13;

struct Gazetteers {
  Gazetteer first_names;
  Gazetteer places;  // countries and their subdivisions
  Gazetteer cities;  // GeoNames towns: weaker, noisier evidence
  Gazetteer nrp;
};

// Reads the four lists (model_config.h: kGazetteerFiles) from dir.
bool LoadGazetteers(const std::string& dir, Gazetteers* gazetteers,
                    std::string* error);

// True for honorifics that stay outside PERSON spans ("dr", "mrs", ...).
bool IsTitleWord(const std::string& lowered_token);

class FeatureExtractor {
 public:
  FeatureExtractor(const Gazetteers* gazetteers, int64_t buckets)
      : gazetteers_(gazetteers), buckets_(buckets) {}

  // Appends tokens.size() * kNumFeatureSlots ids to *ids. If nrp_hits is
  // not null it receives, per token, whether the NRP list matched it.
  void Extract(std::string_view text, const std::vector<Token>& tokens,
               std::vector<int64_t>* ids, std::vector<bool>* nrp_hits) const;

  // The word-slot id that stands for an unknown word (word dropout).
  int64_t UnknownWordId() const { return Hash("w", "<unk>"); }

 private:
  int64_t Hash(std::string_view slot, std::string_view value) const;

  const Gazetteers* gazetteers_;
  int64_t buckets_;
};

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_TOKEN_FEATURES_H_
