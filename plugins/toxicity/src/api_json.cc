#include "api_json.h"

#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

using nlohmann::json;

namespace {

const char* StatusName(int http_status) {
  switch (http_status) {
    case 400: return "INVALID_ARGUMENT";
    case 404: return "NOT_FOUND";
    case 405: return "METHOD_NOT_ALLOWED";
    case 413: return "RESOURCE_EXHAUSTED";
    case 503: return "UNAVAILABLE";
    default: return "INTERNAL";
  }
}

// Rounds to 6 decimals so responses are compact and stable.
double Round(float v) { return static_cast<double>(static_cast<long long>(v * 1e6 + (v >= 0 ? 0.5 : -0.5))) / 1e6; }

json ScoreObject(const ModelManifest& m, const std::vector<float>& scores) {
  json o = json::object();
  for (size_t k = 0; k < m.labels.size(); ++k) o[m.labels[k]] = Round(scores[k]);
  return o;
}

bool ParseBody(std::string_view body, json* j, ApiResponse* error) {
  *j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j->is_discarded() || !j->is_object()) {
    *error = ToxicityApi::Error(400, utf8::IsValid(body) ? "the request body must be a JSON object"
                                                       : "the request body is not valid UTF-8");
    return false;
  }
  return true;
}

// Validates one text; returns false with an error response.
bool CheckText(const std::string& text, const ApiLimits& limits, ApiResponse* error) {
  if (text.size() > limits.max_text_bytes) {
    *error = ToxicityApi::Error(413, "text is " + std::to_string(text.size()) + " bytes; the limit is " +
                                         std::to_string(limits.max_text_bytes));
    return false;
  }
  if (!utf8::IsValid(text)) {
    *error = ToxicityApi::Error(400, "text is not valid UTF-8");
    return false;
  }
  return true;
}

}  // namespace

ApiResponse ToxicityApi::Error(int http_status, const std::string& message) {
  json e = {{"error", {{"code", http_status}, {"message", message}, {"status", StatusName(http_status)}}}};
  return ApiResponse{http_status, e.dump()};
}

ApiResponse ToxicityApi::Analyze(std::string_view body) const {
  json request;
  ApiResponse error;
  if (!ParseBody(body, &request, &error)) return error;
  if (!request.contains("text") || !request["text"].is_string()) return Error(400, "`text` must be a string");
  const std::string text = request["text"].get<std::string>();
  if (!CheckText(text, limits_, &error)) return error;
  std::vector<TextScore> scored;
  std::string why;
  if (!scorer_->Score({text}, true, &scored, &why)) return Error(503, why);
  const TextScore& s = scored[0];
  json flagged = json::array();
  for (size_t k = 0; k < manifest_->labels.size(); ++k) {
    if (s.scores[k] >= manifest_->thresholds[k]) flagged.push_back(manifest_->labels[k]);
  }
  json sentences = json::array();
  for (const SentenceScore& sentence : s.sentences) {
    sentences.push_back(
        {{"start", sentence.begin}, {"end", sentence.end}, {"scores", ScoreObject(*manifest_, sentence.scores)}});
  }
  json out = {{"scores", ScoreObject(*manifest_, s.scores)}, {"flagged", flagged}, {"sentences", sentences}};
  return ApiResponse{200, out.dump()};
}

ApiResponse ToxicityApi::Predict(std::string_view body) const {
  json request;
  ApiResponse error;
  if (!ParseBody(body, &request, &error)) return error;
  if (!request.contains("text")) return Error(400, "`text` is required (a string or a list of strings)");
  const json& text = request["text"];
  std::vector<std::string> texts;
  const bool single = text.is_string();
  if (single) {
    texts.push_back(text.get<std::string>());
  } else if (text.is_array()) {
    if (text.size() > limits_.max_texts) {
      return Error(413, "at most " + std::to_string(limits_.max_texts) + " texts per request");
    }
    for (const json& t : text) {
      if (!t.is_string()) return Error(400, "`text` must be a string or a list of strings");
      texts.push_back(t.get<std::string>());
    }
  } else {
    return Error(400, "`text` must be a string or a list of strings");
  }
  for (const std::string& t : texts) {
    if (!CheckText(t, limits_, &error)) return error;
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<TextScore> scored;
  std::string why;
  if (!scorer_->Score(views, false, &scored, &why)) return Error(503, why);
  json out = json::object();
  for (size_t k = 0; k < manifest_->labels.size(); ++k) {
    if (single) {
      out[manifest_->labels[k]] = Round(scored[0].scores[k]);
    } else {
      json column = json::array();
      for (const TextScore& s : scored) column.push_back(Round(s.scores[k]));
      out[manifest_->labels[k]] = column;
    }
  }
  return ApiResponse{200, out.dump()};
}

}  // namespace toxicity
}  // namespace sentinel
