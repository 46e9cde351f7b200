// rest_api.cc -- Presidio's analyzer and anonymizer REST APIs (request fields, response shapes,
// key order and error bodies), served under /presidio.
#include <set>
#include <map>

#include "anonymizer/anonymizer_engine.h"
#include "anonymizer/operators.h"
#include "core/text_offsets.h"
#include "plugin/presidio_service.h"

namespace presidio {

namespace {

// Werkzeug's description of a 400 for a body that is not JSON.
const char kBadRequest[] = "The browser (or proxy) sent a request that this server could not understand.";

HttpReply JsonError(int status, const std::string& message) {
  HttpReply reply;
  reply.status = status;
  nlohmann::ordered_json body;
  body["error"] = message;
  reply.body = body.dump();
  return reply;
}

HttpReply JsonReply(const nlohmann::json& body) {
  HttpReply reply;
  reply.body = body.dump();
  return reply;
}

std::string QueryParam(std::string_view query, std::string_view name) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(pos, amp - pos);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
    pos = amp + 1;
  }
  return "";
}

bool HasQueryParam(std::string_view query, std::string_view name) {
  return ("&" + std::string(query) + "&").find("&" + std::string(name) + "=") != std::string::npos;
}

// Presidio's AnalysisExplanation.to_dict(); keys come out sorted, as Presidio's json.dumps(sort_keys=True).
nlohmann::json ExplanationJson(const AnalysisExplanation& e) {
  nlohmann::json out;
  out["recognizer"] = e.recognizer;
  out["pattern_name"] = e.pattern_name ? nlohmann::json(*e.pattern_name) : nlohmann::json();
  out["pattern"] = e.pattern ? nlohmann::json(*e.pattern) : nlohmann::json();
  out["original_score"] = e.original_score;
  out["score"] = e.score;
  out["textual_explanation"] = e.textual_explanation ? nlohmann::json(*e.textual_explanation) : nlohmann::json();
  if (e.score_context_improvement == 0.0) {
    out["score_context_improvement"] = 0;
  } else {
    out["score_context_improvement"] = e.score_context_improvement;
  }
  out["supportive_context_word"] = e.supportive_context_word ? nlohmann::json(*e.supportive_context_word) : "";
  out["validation_result"] = e.validation_result ? nlohmann::json(*e.validation_result) : nlohmann::json();
  out["regex_flags"] = e.regex_flags ? nlohmann::json(*e.regex_flags) : nlohmann::json();
  return out;
}

// Reads one {"start","end","entity_type"[,"score"]} item of a request.
bool ReadEntity(const nlohmann::json& item, bool needs_score, PiiEntity* entity, std::string* error) {
  if (!item.is_object()) {
    *error = "Invalid input, analyzer result must be an object";
    return false;
  }
  for (const char* field : {"start", "end", "entity_type"}) {
    if (!item.contains(field) || item[field].is_null()) {
      *error = std::string("Invalid input, analyzer result must contain ") + field;
      return false;
    }
  }
  if (needs_score && (!item.contains("score") || item["score"].is_null())) {
    *error = "Invalid input, analyzer result must contain score";
    return false;
  }
  if (!item["start"].is_number_integer() || !item["end"].is_number_integer()) {
    *error = "Invalid input, start and end must be integers";
    return false;
  }
  if (!item["entity_type"].is_string() || item["entity_type"].get<std::string>().empty()) {
    *error = "Invalid input, entity_type must be a non-empty string";
    return false;
  }
  entity->start = item["start"].get<long long>();
  entity->end = item["end"].get<long long>();
  entity->entity_type = item["entity_type"].get<std::string>();
  entity->score = needs_score && item["score"].is_number() ? item["score"].get<double>() : 0.0;
  if (entity->start < 0 || entity->end < 0) {
    *error = "Invalid input, start and end must be non-negative";
    return false;
  }
  if (entity->start > entity->end) {
    *error = "Invalid input, start index '" + std::to_string(entity->start) + "' must be smaller than end index '" +
             std::to_string(entity->end) + "'";
    return false;
  }
  return true;
}

}  // namespace

HttpReply PresidioService::Handle(std::string_view method, std::string_view path, std::string_view query,
                                  std::string_view body) const {
  bool known_path = false;
  for (const auto& [route_method, route_path] : Routes()) {
    if (route_path != path) continue;
    known_path = true;
    if (route_method != method) continue;
    if (path == "/presidio/analyze") return Analyze(body);
    if (path == "/presidio/recognizers") return Recognizers(query, false);
    if (path == "/presidio/supportedentities") return Recognizers(query, true);
    if (path == "/presidio/anonymize") return AnonymizeRequest(body, false);
    if (path == "/presidio/deanonymize") return AnonymizeRequest(body, true);
    if (path == "/presidio/anonymizers") return JsonReply(AnonymizerNames());
    if (path == "/presidio/deanonymizers") return JsonReply(DeanonymizerNames());
    if (path == "/presidio/health") {
      HttpReply reply;
      reply.content_type = "text/html; charset=utf-8";
      reply.body = "Presidio Analyzer service is up";
      return reply;
    }
  }
  if (known_path) return JsonError(405, "The method is not allowed for the requested URL.");
  return JsonError(404,
                   "The requested URL was not found on the server. If you entered the URL manually please check your "
                   "spelling and try again.");
}

HttpReply PresidioService::Analyze(std::string_view body_text) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::parse(body_text, nullptr, false);
  if (body.is_discarded()) return JsonError(400, kBadRequest);
  // Presidio answers a non-object body with a 500 from an AttributeError; it is the client's mistake.
  if (!body.is_object()) return JsonError(400, "The request body must be a JSON object");
  const nlohmann::ordered_json text_field = body.value("text", nlohmann::ordered_json());
  bool batch = text_field.is_array();
  std::vector<std::string> texts;
  if (batch) {
    for (const auto& item : text_field) {
      if (!item.is_string()) return JsonError(500, "No text provided");
      texts.push_back(item.get<std::string>());
    }
    if (texts.empty()) return JsonError(500, "No text provided");
  } else if (text_field.is_string() && !text_field.get<std::string>().empty()) {
    texts.push_back(text_field.get<std::string>());
  } else {
    return JsonError(500, "No text provided");
  }
  if (!body.contains("language") || !body["language"].is_string() || body["language"].get<std::string>().empty()) {
    return JsonError(500, "No language provided");
  }
  ParsedAnalyzeRequest parsed;
  int status = 400;
  std::string error;
  if (!ParseAnalyzeFields(body, &parsed, &status, &error)) return JsonError(status, error);

  nlohmann::json all = nlohmann::json::array();
  for (const std::string& text : texts) {
    if (text.size() > max_text_bytes_) {
      return JsonError(413, "text is larger than max_text_bytes (" + std::to_string(max_text_bytes_) + ")");
    }
    parsed.request.text = text;
    std::vector<RecognizerResult> results;
    const AnalyzerEngine* engine = EngineFor(parsed.request.language);  // one per supported language
    if (engine == nullptr) return JsonError(500, "No matching recognizers were found to serve the request.");
    if (!engine->Analyze(parsed.request, &results, &error)) return JsonError(500, error);
    CodePointMap offsets(text);
    nlohmann::json items = nlohmann::json::array();
    for (const RecognizerResult& r : results) {
      nlohmann::json item;
      item["analysis_explanation"] = parsed.return_decision_process ? ExplanationJson(r.explanation) : nlohmann::json();
      item["end"] = offsets.ToCodePoint(r.end);
      item["entity_type"] = r.entity_type;
      item["score"] = r.score;
      item["start"] = offsets.ToCodePoint(r.start);
      items.push_back(std::move(item));
    }
    if (!batch) return JsonReply(items);
    all.push_back(std::move(items));
  }
  return JsonReply(all);
}

HttpReply PresidioService::Recognizers(std::string_view query, bool entities) const {
  if (!HasQueryParam(query, "language")) {
    // As Presidio: without ?language=, every supported language's, each name once, in language order.
    std::vector<std::string> all;
    std::set<std::string> seen;
    for (const std::string& language : languages_) {
      const AnalyzerEngine* engine = EngineFor(language);
      if (engine == nullptr) continue;
      for (std::string& name : entities ? engine->SupportedEntities(language) : engine->RecognizerNames(language)) {
        if (seen.insert(name).second) all.push_back(std::move(name));
      }
    }
    return JsonReply(all);
  }
  const std::string language = QueryParam(query, "language");
  const AnalyzerEngine* engine = EngineFor(language);  // one per supported language
  if (engine == nullptr) return JsonError(500, "No matching recognizers were found to serve the request.");
  return JsonReply(entities ? engine->SupportedEntities(language) : engine->RecognizerNames(language));
}

HttpReply PresidioService::AnonymizeRequest(std::string_view body_text, bool deanonymize) const {
  nlohmann::json body = nlohmann::json::parse(body_text, nullptr, false);
  if (body.is_discarded()) return JsonError(400, kBadRequest);
  if (!body.is_object() || body.empty()) return JsonError(400, "Invalid request json");
  std::string text;
  if (body.contains("text") && !body["text"].is_null()) {
    if (!body["text"].is_string()) return JsonError(422, "Invalid input, text must be a string");
    text = body["text"].get<std::string>();
  }
  if (text.size() > max_text_bytes_) {
    return JsonError(413, "text is larger than max_text_bytes (" + std::to_string(max_text_bytes_) + ")");
  }
  const char* operators_key = deanonymize ? "deanonymizers" : "anonymizers";
  const char* results_key = deanonymize ? "anonymizer_results" : "analyzer_results";
  std::map<std::string, OperatorConfig> operators;
  if (body.contains(operators_key) && !body[operators_key].is_null()) {
    if (!body[operators_key].is_object())
      return JsonError(422, std::string("Invalid input, ") + operators_key + " must be an object");
    for (const auto& [entity, config] : body[operators_key].items()) {
      if (!config.is_object() || !config.contains("type") || !config["type"].is_string()) {
        return JsonError(422, "Invalid input, operator for " + entity + " must have a 'type'");
      }
      OperatorConfig op;
      op.type = config["type"].get<std::string>();
      if (op.type == "pseudonymize") op.pseudonym_key = pseudonym_key_;
      for (const auto& [key, value] : config.items()) {
        if (key != "type") op.params[key] = value;
      }
      operators[entity] = std::move(op);
    }
  }
  std::vector<PiiEntity> entities;
  if (!body.contains(results_key) || body[results_key].is_null()) {
    if (!deanonymize) return JsonError(422, "Invalid input, request must contain analyzer results");
  } else {
    if (!body[results_key].is_array())
      return JsonError(422, std::string("Invalid input, ") + results_key + " must be a list");
    for (const auto& item : body[results_key]) {
      PiiEntity entity;
      std::string error;
      if (!ReadEntity(item, !deanonymize, &entity, &error)) return JsonError(422, error);
      entities.push_back(std::move(entity));
    }
  }
  // The "custom" operator (a Python lambda) is refused before anything runs, as Presidio does.
  for (const auto& [entity, op] : operators) {
    if (op.type == "custom") return JsonError(400, "Custom type anonymizer is not supported");
  }
  EngineResult result;
  OperatorError error;
  bool ok = deanonymize ? Deanonymize(text, std::move(entities), operators, &result, &error)
                        : Anonymize(text, std::move(entities), operators, &result, &error);
  if (!ok) return JsonError(error.http_status, error.message);
  nlohmann::ordered_json reply;
  reply["text"] = result.text;
  reply["items"] = nlohmann::ordered_json::array();
  for (const OperatorResultItem& item : result.items) {
    nlohmann::ordered_json out;
    out["start"] = item.start;
    out["end"] = item.end;
    out["entity_type"] = item.entity_type;
    out["text"] = item.text;
    out["operator"] = item.operator_name;
    reply["items"].push_back(std::move(out));
  }
  HttpReply http;
  http.body = reply.dump();
  return http;
}

}  // namespace presidio
