// api_json.h -- the plugin's three JSON APIs over a ToxicityScorer:
//   native   POST /v1/analyze (host)          {"text": s} -> {"scores", "flagged", "sentences"}
//   Detoxify POST /toxicity/predict           {"text": s | [s]} -> {label: score | [scores]}
//   Perspective POST /v1alpha1/comments:analyze  (requestedAttributes -> attributeScores, spanScores)
// Perspective attribute names map from our labels by upper-casing, except obscene -> PROFANITY and
// sexual_explicit -> SEXUALLY_EXPLICIT (PerspectiveAttributeName). Offsets are code points, end-exclusive.
// Request text is never copied into error messages.
#ifndef SENTINEL_TOXICITY_API_JSON_H_
#define SENTINEL_TOXICITY_API_JSON_H_

#include <string>
#include <string_view>

#include "manifest.h"
#include "toxicity_scorer.h"

namespace sentinel {
namespace toxicity {

struct ApiLimits {
  size_t max_text_bytes = 100 * 1024;  // per text
  size_t max_texts = 256;              // per /toxicity/predict list
};

struct ApiResponse {
  int http_status = 200;
  std::string body;
};

class ToxicityApi {
 public:
  ToxicityApi(const ModelManifest* manifest, const ToxicityScorer* scorer, ApiLimits limits)
      : manifest_(manifest), scorer_(scorer), limits_(limits) {}

  ApiResponse Analyze(std::string_view body) const;
  ApiResponse Predict(std::string_view body) const;
  ApiResponse PerspectiveAnalyze(std::string_view body) const;

  // {"error":{"code":status,"message":...,"status":...}}
  static ApiResponse Error(int http_status, const std::string& message);

 private:
  const ModelManifest* manifest_;
  const ToxicityScorer* scorer_;
  ApiLimits limits_;
};

// Our label -> Perspective attribute name.
std::string PerspectiveAttributeName(const std::string& label);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_API_JSON_H_
