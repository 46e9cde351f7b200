// GuardrailPolicy: the `guardrails:` section of the host YAML. It maps Sentinel's modules to the rails of the
// guardrail check APIs (NeMo Guardrails' POST /v1/checks and the gateways' POST /v1/guardrail/checks) and of the
// streaming redaction route. A policy holds named configurations (the callers' `config_id`); each lists, per
// role, the rails that run on the user's prompt (`input`) and on the model's answer (`output`):
//
//   block   the rail fires when a score the module returns reaches `threshold` (toxicity: any of `labels`),
//           or, without a threshold, when the module reports an entity (of `entities`, scoring >= min_score);
//   redact  the module's entities (of `entities`, scoring >= min_score) are replaced through the module's
//           anonymize route (presidio: POST /presidio/anonymize) with the configured `operators`.
//
// Errors name the file, line and column like the rest of the configuration. Rails naming a module that is
// not configured are not errors here (a host may run a subset of modules); a check that needs one answers 503.
#ifndef SENTINEL_HOST_CONFIG_GUARDRAIL_POLICY_H_
#define SENTINEL_HOST_CONFIG_GUARDRAIL_POLICY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/status.h"

namespace YAML {
class Node;
}

namespace sentinel {

enum class RailAction { kBlock, kRedact };

struct RailConfig {
  std::string name;             // reported in `rail` and in the activated rails, e.g. "check toxicity on input"
  std::string module;           // the Sentinel module the rail calls
  RailAction action = RailAction::kBlock;
  bool score_block = false;     // block: compare scores with `threshold` (else: block on entities)
  double threshold = 0.5;       // block by score: fires at score >= threshold
  std::vector<std::string> labels;    // block by score: the labels compared (empty: every score)
  std::vector<std::string> entities;  // block by entity / redact: entity types acted on (empty: all)
  double min_score = 0.0;       // entities scoring below this are ignored
  std::string operators_json = "{}";  // redact: Presidio anonymizer operators per entity type ("DEFAULT" too)
  std::string options_json = "{}";    // extra fields of the module's analyze request (e.g. language)
  std::string where;            // "file:line:column" of the rail, for messages
};

struct GuardrailConfig {
  std::string id;
  std::string refusal_message = "I'm sorry, I can't respond to that.";
  std::vector<RailConfig> input;
  std::vector<RailConfig> output;
};

// Streaming redaction: how much text the route may hold back and look at.
struct StreamingConfig {
  std::size_t hold_back_bytes = 128;      // text this close to the end of what arrived is never released
  std::size_t context_bytes = 256;        // released text re-read before the pending text (context words, NER)
  std::size_t max_pending_bytes = 4096;   // beyond this the text is cut even without a word boundary
  std::size_t max_stream_bytes = 16u << 20;  // a stream's whole body; larger ones end with an error
  unsigned idle_timeout_ms = 30000;       // the next chunk must arrive within this time
};

struct GuardrailPolicy {
  bool configured = false;      // false: the section is absent; the check routes answer 503
  std::string default_config;   // used when a request names no config_id
  std::vector<GuardrailConfig> configs;
  StreamingConfig streaming;

  const GuardrailConfig* Find(const std::string& id) const;
  std::string ConfigNames() const;  // "a, b" for messages
};

// Parses the `guardrails:` mapping of `file`.
Status ParseGuardrailPolicy(const std::string& file, const YAML::Node& node, GuardrailPolicy* out);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CONFIG_GUARDRAIL_POLICY_H_
