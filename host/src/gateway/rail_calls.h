// Rail calls: what one guardrail rail asks of its module, shared by the check APIs and the streaming
// redaction route. A rail calls the module's native analysis (the Detector's Analyze, as POST /v1/analyze does)
// and reads its answer: `scores` ({label: probability}, the toxicity module) for block-by-score rails, and
// `entities` ([{entity_type, start, end, score}], offsets in code points, the presidio module) for entity
// rails. Redaction goes through the module's own anonymize route (presidio: POST /presidio/anonymize) with
// the rail's operators, so the replacement text is exactly what the module's anonymizer produces.
// Texts never reach a log line or an error message.
#ifndef SENTINEL_HOST_GATEWAY_RAIL_CALLS_H_
#define SENTINEL_HOST_GATEWAY_RAIL_CALLS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "config/guardrail_policy.h"
#include "http/metrics.h"
#include "module/detector.h"
#include "module/module_registry.h"

namespace sentinel {

// An entity in a text: offsets in code points (the modules' convention) unless said otherwise.
struct RailEntity {
  std::string type;
  std::size_t start = 0;
  std::size_t end = 0;
  double score = 0;
};

// One rail bound to the module instance it runs on (held for the whole request or stream).
struct BoundRail {
  const RailConfig* config = nullptr;
  std::shared_ptr<Detector> detector;
  std::string anonymize_path;  // redact rails: the module's POST route ending in /anonymize
};

// Finds the active module of `rail` and binds it. kUnavailable (503) when the module is not configured or not
// active, kFailedPrecondition when a redact rail's module has no anonymize route.
Status BindRail(const ModuleRegistry& registry, const RailConfig& rail, BoundRail* out);

// Runs the module's analysis of `text` with the rail's options; `*result` is the module's JSON answer.
Status AnalyzeForRail(const BoundRail& rail, std::string_view text, Metrics* metrics, nlohmann::json* result);

// Block rails: true when the answer makes the rail fire.
bool BlockFires(const RailConfig& rail, const nlohmann::json& result);

// The entities of `result` this rail acts on (its types, scoring at least min_score), sorted by start.
std::vector<RailEntity> SelectEntities(const RailConfig& rail, const nlohmann::json& result);

// Replaces `entities` (code points of `text`) through the module's anonymize route.
Status AnonymizeForRail(const BoundRail& rail, std::string_view text, const std::vector<RailEntity>& entities,
                        Metrics* metrics, std::string* out);

// Analyze + anonymize: `*out` is `text` with the rail's entities replaced; `*fired` says whether any was found.
Status RedactWithRail(const BoundRail& rail, std::string_view text, Metrics* metrics, std::string* out, bool* fired);

// Code point <-> byte offsets of one UTF-8 text (invalid bytes count as one code point each).
class Utf8Index {
 public:
  explicit Utf8Index(std::string_view text);
  std::size_t code_points() const { return starts_.size() - 1; }
  std::size_t ByteOf(std::size_t code_point) const;   // clamps to the text's end
  std::size_t CodePointOf(std::size_t byte) const;     // the code point starting at or after `byte`

 private:
  std::vector<std::size_t> starts_;  // byte offset of each code point, plus the text's size
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_GATEWAY_RAIL_CALLS_H_
