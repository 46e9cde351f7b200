// config.json of a model folder: network shape, feature hashing size,
// chunking, word vectors and the score calibration, plus the names of the
// folder's files.
#ifndef PRESIDIO_NER_MODEL_CONFIG_H_
#define PRESIDIO_NER_MODEL_CONFIG_H_

#include <cstdint>
#include <string>

namespace presidio_ner {

constexpr const char* kConfigFile = "config.json";
constexpr const char* kModuleFile = "tagger.pt";
constexpr const char* kGazetteerFiles[4] = {"first_names.txt", "places.txt",
                                            "cities.txt", "nrp.txt"};

// Platt scaling of a span's raw confidence p:
// score = sigmoid(a * logit(p) + b).
struct Calibration {
  double a = 1.0;
  double b = 0.0;
};

struct ModelConfig {
  int64_t buckets = 1 << 16;
  int64_t dim = 48;
  int64_t hidden = 64;
  size_t max_chunk_tokens = 200;
  std::string arch = "cnn";  // informational: the encoder type
  double continue_bonus = 0.0;  // see DecodeBio
  // Width of the pretrained word vectors fed beside the hashed features
  // (word_vectors.h); 0 for a model without them.
  int64_t vector_dim = 0;
  Calibration calibration;
};

bool ReadModelConfig(const std::string& path, ModelConfig* config,
                     std::string* error);
bool WriteModelConfig(const std::string& path, const ModelConfig& config,
                      std::string* error);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_MODEL_CONFIG_H_
