// perspective_api.h -- a drop-in for Google's Perspective comment analyzer (commentanalyzer v1alpha1) over a
// ToxicityScorer:
//   POST /v1alpha1/comments:analyze          AnalyzeCommentRequest -> AnalyzeCommentResponse
//   GET  /$discovery/rest?version=v1alpha1   the discovery document Google's client libraries build from
//
// What Perspective documents and its clients rely on:
//   - attribute names map from our labels by upper-casing, except obscene -> PROFANITY and sexual_explicit ->
//     SEXUALLY_EXPLICIT (PerspectiveAttributeName); ATTR@VERSION is accepted (one version here);
//   - `languages` are ISO 639-1 or BCP-47 codes ("en", "en-US", "EN", "en_GB"), matched on the primary subtag
//     against the manifest's `languages`; when absent, the language is detected (CLD2) and echoed in
//     `languages` and `detectedLanguages`. Texts too short for a reliable detection are taken to be in the
//     model's first language. A language the model does not list is Perspective's 400 "Attribute ATTR does
//     not support request languages: xx" with its LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE detail (or, with
//     dropUnsupportedAttributes, no scores);
//   - spanScores[].begin/end count UTF-16 code units, end-exclusive (the host's own /v1/analyze counts code
//     points);
//   - an empty or missing comment.text is 400 "Comment must be non-empty.";
//   - errors are {"error":{"code":400,"message":...,"status":"INVALID_ARGUMENT"}}.
// The discovery document's rootUrl is http://<Host header>/, so clients built from it call this server.
// Request text is never copied into error messages.
#ifndef SENTINEL_TOXICITY_PERSPECTIVE_API_H_
#define SENTINEL_TOXICITY_PERSPECTIVE_API_H_

#include <string>
#include <string_view>

#include "api_json.h"
#include "manifest.h"
#include "toxicity_scorer.h"

namespace sentinel {
namespace toxicity {

class PerspectiveApi {
 public:
  PerspectiveApi(const ModelManifest* manifest, const ToxicityScorer* scorer, ApiLimits limits)
      : manifest_(manifest), scorer_(scorer), limits_(limits) {}

  // POST /v1alpha1/comments:analyze
  ApiResponse Analyze(std::string_view body) const;

  // GET /$discovery/rest: `query` is the request's query string, `host` its Host header.
  ApiResponse Discovery(std::string_view query, std::string_view host) const;

 private:
  const ModelManifest* manifest_;
  const ToxicityScorer* scorer_;
  ApiLimits limits_;
};

// Our label -> Perspective attribute name.
std::string PerspectiveAttributeName(const std::string& label);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_PERSPECTIVE_API_H_
