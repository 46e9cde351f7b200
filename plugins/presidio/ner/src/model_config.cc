#include "model_config.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "token_features.h"
#include "labels.h"

namespace presidio_ner {

constexpr const char* kConfigFormat = "sentinel-ner-config/1";

bool ReadModelConfig(const std::string& path, ModelConfig* config,
                     std::string* error) {
  std::ifstream in(path, std::ios::binary);
  const nlohmann::json j =
      nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](const std::string& why) {
    *error = "model config " + path + ": " + why;
    return false;
  };
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (!j.contains("format") || j["format"] != kConfigFormat) {
    return bad(std::string("format is not ") + kConfigFormat);
  }
  for (const char* key : {"buckets", "dim", "hidden", "max_chunk_tokens",
                          "feature_slots", "tags"}) {
    if (!j.contains(key) || !j[key].is_number_integer() || j[key] <= 0) {
      return bad(std::string("missing or invalid ") + key);
    }
  }
  if (j["feature_slots"] != kNumFeatureSlots || j["tags"] != kNumTags) {
    return bad("feature slots or tag count do not match this library");
  }
  if (!j.contains("calibration") || !j["calibration"].is_object() ||
      !j["calibration"].contains("a") || !j["calibration"]["a"].is_number() ||
      !j["calibration"].contains("b") || !j["calibration"]["b"].is_number()) {
    return bad("missing calibration {a, b}");
  }
  config->buckets = j["buckets"].get<int64_t>();
  config->dim = j["dim"].get<int64_t>();
  config->hidden = j["hidden"].get<int64_t>();
  config->max_chunk_tokens = j["max_chunk_tokens"].get<size_t>();
  if (j.contains("continue_bonus") && j["continue_bonus"].is_number()) {
    config->continue_bonus = j["continue_bonus"].get<double>();
  }
  if (j.contains("vector_dim")) {
    if (!j["vector_dim"].is_number_integer() || j["vector_dim"] < 0) {
      return bad("invalid vector_dim");
    }
    config->vector_dim = j["vector_dim"].get<int64_t>();
  }
  if (j.contains("arch") && j["arch"].is_string()) {
    config->arch = j["arch"].get<std::string>();
  }
  config->calibration.a = j["calibration"]["a"].get<double>();
  config->calibration.b = j["calibration"]["b"].get<double>();
  return true;
}

bool WriteModelConfig(const std::string& path, const ModelConfig& config,
                      std::string* error) {
  nlohmann::json labels = nlohmann::json::array();
  for (const char* l : kEntityNames) labels.push_back(l);
  const nlohmann::json j = {
      {"format", kConfigFormat},
      {"buckets", config.buckets},
      {"dim", config.dim},
      {"hidden", config.hidden},
      {"vector_dim", config.vector_dim},
      {"arch", config.arch},
      {"continue_bonus", config.continue_bonus},
      {"feature_slots", kNumFeatureSlots},
      {"tags", kNumTags},
      {"entities", labels},
      {"max_chunk_tokens", config.max_chunk_tokens},
      {"calibration", {{"a", config.calibration.a}, {"b", config.calibration.b}}}};
  std::ofstream out(path, std::ios::binary);
  out << j.dump(2) << "\n";
  if (!out) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace presidio_ner
