#include "gateway/check_api.h"

#include "http/json_body.h"

namespace sentinel {
namespace {

// A message's text: a string, or OpenAI's content parts (the "text" parts joined with newlines).
Status MessageText(const nlohmann::json& content, const std::string& where, std::string* out) {
  if (content.is_string()) {
    *out = content.get<std::string>();
    return Status::OK();
  }
  if (content.is_array()) {
    out->clear();
    bool first = true;
    for (const auto& part : content) {
      if (!part.is_object() || !part.contains("type") || !part["type"].is_string()) {
        return Status::InvalidArgument(where + ".content parts must be objects with a 'type'");
      }
      if (part["type"] != "text") continue;  // images and audio are not checked here
      if (!part.contains("text") || !part["text"].is_string()) {
        return Status::InvalidArgument(where + ".content: a text part needs a string 'text'");
      }
      if (!first) *out += "\n";
      *out += part["text"].get<std::string>();
      first = false;
    }
    return Status::OK();
  }
  return Status::InvalidArgument(where + ".content must be a string or a list of content parts");
}

Status ReadConfigIds(const nlohmann::json& holder, const std::string& where, std::vector<std::string>* ids) {
  if (holder.contains("config_id") && !holder["config_id"].is_null()) {
    if (!holder["config_id"].is_string()) return Status::InvalidArgument(where + "config_id must be a string");
    ids->push_back(holder["config_id"].get<std::string>());
  }
  if (holder.contains("config_ids") && !holder["config_ids"].is_null()) {
    if (!holder["config_ids"].is_array()) return Status::InvalidArgument(where + "config_ids must be a list of strings");
    for (const auto& id : holder["config_ids"]) {
      if (!id.is_string()) return Status::InvalidArgument(where + "config_ids must be a list of strings");
      ids->push_back(id.get<std::string>());
    }
  }
  return Status::OK();
}

}  // namespace

Status ParseCheckRequest(std::string_view body_text, std::size_t max_text_bytes, CheckRequest* out) {
  nlohmann::json body;
  Status s = ParseJsonBody(body_text, &body);
  if (!s.ok()) return s;
  if (!body.is_object()) return Status::InvalidArgument("request body must be a JSON object");
  CheckRequest request;
  if (!(s = ReadConfigIds(body, "", &request.config_ids)).ok()) return s;
  if (body.contains("guardrails") && !body["guardrails"].is_null()) {
    if (!body["guardrails"].is_object()) {
      return Status::InvalidArgument("guardrails must be an object ({\"config_id\": ...} or {\"config_ids\": [...]})");
    }
    if (!(s = ReadConfigIds(body["guardrails"], "guardrails.", &request.config_ids)).ok()) return s;
  }
  if (!body.contains("messages")) return Status::InvalidArgument("missing required field 'messages'");
  const nlohmann::json& messages = body["messages"];
  if (!messages.is_array() || messages.empty()) {
    return Status::InvalidArgument("messages must be a non-empty list of {\"role\", \"content\"}");
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const std::string where = "messages[" + std::to_string(i) + "]";
    const nlohmann::json& m = messages[i];
    if (!m.is_object()) return Status::InvalidArgument(where + " must be an object with 'role' and 'content'");
    if (!m.contains("role") || !m["role"].is_string()) return Status::InvalidArgument(where + ".role must be a string");
    const std::string role = m["role"].get<std::string>();
    if (role != "user" && role != "assistant" && role != "system" && role != "developer" && role != "tool") {
      return Status::InvalidArgument(where + ".role '" + role + "' is not one of user, assistant, system, developer, tool");
    }
    std::string text;
    if (!m.contains("content") || m["content"].is_null()) {
      if (role == "assistant" || role == "tool") continue;  // e.g. an assistant turn that only calls tools
      return Status::InvalidArgument(where + ".content is missing");
    }
    if (!(s = MessageText(m["content"], where, &text)).ok()) return s;
    if (text.size() > max_text_bytes) {
      return Status::PayloadTooLarge(where + ".content is " + std::to_string(text.size()) + " bytes; the limit is " +
                                     std::to_string(max_text_bytes));
    }
    if (role == "user") request.user_text = std::move(text);
    if (role == "assistant") request.assistant_text = std::move(text);
  }
  if (!request.user_text && !request.assistant_text) {
    return Status::InvalidArgument("messages must include a user message (input rails) or an assistant message (output rails)");
  }
  *out = std::move(request);
  return Status::OK();
}

nlohmann::ordered_json RenderCheck(CheckShape shape, const CheckOutcome& outcome) {
  nlohmann::ordered_json body;
  if (shape == CheckShape::kNemo) {
    body["status"] = outcome.status;
  } else {
    body["status"] = outcome.status == "passed" ? "success" : outcome.status;
  }
  body["content"] = outcome.content;
  if (!outcome.blocking_rail.empty()) body["rail"] = outcome.blocking_rail;
  if (shape == CheckShape::kGateway) {
    nlohmann::ordered_json rails_status = nlohmann::ordered_json::object();
    nlohmann::ordered_json activated = nlohmann::ordered_json::array();
    for (const RailOutcome& r : outcome.rails) {
      const char* status = !r.fired ? "success" : r.blocks ? "blocked" : "modified";
      rails_status[r.name] = {{"status", status}};
      if (r.fired) activated.push_back({{"type", r.role}, {"name", r.name}, {"stop", r.blocks}});
    }
    body["rails_status"] = std::move(rails_status);
    body["guardrails_data"] = {{"log", {{"activated_rails", std::move(activated)}}}};
  }
  return body;
}

}  // namespace sentinel
