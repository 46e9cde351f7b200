// Check API shapes: reads the body of a guardrail check in either shape and writes the answer in the caller's.
//
//   POST /v1/checks            NeMo Guardrails upstream: an OpenAI chat-completion request plus `guardrails`;
//                              answer {"status": "passed"|"modified"|"blocked", "content", "rail"?}.
//   POST /v1/guardrail/checks  the gateways' shape (TrustyAI's fork, Llama Stack's NeMo safety adapter):
//                              answer {"status": "success"|"modified"|"blocked", "content", "rail"?,
//                              "rails_status": {rail: {"status"}}, "guardrails_data": {"log": {"activated_rails"}}}.
//
// The roles present decide the rails: user messages run the input rails on the last user message, assistant
// messages the output rails on the last assistant message, both run both. Sampling fields are ignored.
#ifndef SENTINEL_HOST_GATEWAY_CHECK_API_H_
#define SENTINEL_HOST_GATEWAY_CHECK_API_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sentinel {

enum class CheckShape { kNemo, kGateway };

struct CheckRequest {
  std::vector<std::string> config_ids;      // empty: the policy's default
  std::optional<std::string> user_text;      // the last user message: input rails
  std::optional<std::string> assistant_text; // the last assistant message: output rails
};

// Parses and validates a check body. kInvalidArgument names the field at fault; kPayloadTooLarge when a
// checked message is longer than `max_text_bytes`.
Status ParseCheckRequest(std::string_view body, std::size_t max_text_bytes, CheckRequest* out);

struct RailOutcome {
  std::string name;
  std::string role;      // "input" or "output"
  bool fired = false;
  bool blocks = false;   // a block rail (fired: blocked); else a redact rail (fired: modified)
};

struct CheckOutcome {
  std::string status;                     // "passed", "modified" or "blocked"
  std::string content;
  std::string blocking_rail;              // when blocked
  std::vector<RailOutcome> rails;         // in the order they were configured, input first
};

// The answer body in `shape`.
nlohmann::ordered_json RenderCheck(CheckShape shape, const CheckOutcome& outcome);

}  // namespace sentinel

#endif  // SENTINEL_HOST_GATEWAY_CHECK_API_H_
