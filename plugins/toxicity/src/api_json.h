// api_json.h -- the plugin's own JSON APIs over a ToxicityScorer (Perspective's is perspective_api.h):
//   native   POST /v1/analyze (host)          {"text": s} -> {"scores", "flagged", "sentences"}
//   Detoxify POST /toxicity/predict           {"text": s | [s]} -> {label: score | [scores]}
// Offsets are code points, end-exclusive. Request text is never copied into error messages.
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

  // {"error":{"code":status,"message":...,"status":...}}
  static ApiResponse Error(int http_status, const std::string& message);

 private:
  const ModelManifest* manifest_;
  const ToxicityScorer* scorer_;
  ApiLimits limits_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_API_JSON_H_
