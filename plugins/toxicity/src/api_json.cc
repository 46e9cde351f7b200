#include "api_json.h"

#include <nlohmann/json.hpp>

#include <cctype>

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

std::string PerspectiveAttributeName(const std::string& label) {
  if (label == "obscene") return "PROFANITY";
  if (label == "sexual_explicit") return "SEXUALLY_EXPLICIT";
  std::string upper = label;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

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

ApiResponse ToxicityApi::PerspectiveAnalyze(std::string_view body) const {
  json request;
  ApiResponse error;
  if (!ParseBody(body, &request, &error)) return error;
  if (!request.contains("comment") || !request["comment"].is_object() || !request["comment"].contains("text") ||
      !request["comment"]["text"].is_string()) {
    return Error(400, "comment.text is required");
  }
  const json& comment = request["comment"];
  if (comment.contains("type") && comment["type"] != "PLAIN_TEXT") {
    return Error(400, "comment.type must be PLAIN_TEXT");
  }
  const std::string text = comment["text"].get<std::string>();
  if (!CheckText(text, limits_, &error)) return error;
  if (!request.contains("requestedAttributes") || !request["requestedAttributes"].is_object() ||
      request["requestedAttributes"].empty()) {
    return Error(400, "requestedAttributes must name at least one attribute");
  }
  struct Wanted {
    std::string name;
    size_t label;
    bool has_threshold;
    double threshold;
  };
  std::vector<Wanted> wanted;
  for (auto it = request["requestedAttributes"].begin(); it != request["requestedAttributes"].end(); ++it) {
    std::string name = it.key();
    const size_t at = name.find('@');  // ATTR@VERSION pins a version; there is one version here
    if (at != std::string::npos) name = name.substr(0, at);
    size_t label = manifest_->labels.size();
    for (size_t k = 0; k < manifest_->labels.size(); ++k) {
      if (PerspectiveAttributeName(manifest_->labels[k]) == name) label = k;
    }
    if (label == manifest_->labels.size()) {
      std::string supported;
      for (const std::string& l : manifest_->labels) supported += (supported.empty() ? "" : ", ") + PerspectiveAttributeName(l);
      return Error(400, "Unknown attribute " + name + "; this model supports " + supported);
    }
    const json& config = it.value();
    if (!config.is_object()) return Error(400, "requestedAttributes." + it.key() + " must be an object");
    if (config.contains("scoreType") && config["scoreType"] != "PROBABILITY") {
      return Error(400, "requestedAttributes." + it.key() + ".scoreType: only PROBABILITY is supported");
    }
    Wanted w{name, label, false, 0.0};
    if (config.contains("scoreThreshold")) {
      if (!config["scoreThreshold"].is_number()) {
        return Error(400, "requestedAttributes." + it.key() + ".scoreThreshold must be a number");
      }
      w.has_threshold = true;
      w.threshold = config["scoreThreshold"].get<double>();
    }
    wanted.push_back(w);
  }
  json languages = json::array();
  if (request.contains("languages")) {
    if (!request["languages"].is_array()) return Error(400, "languages must be a list of ISO 639-1 codes");
    for (const json& l : request["languages"]) {
      if (!l.is_string()) return Error(400, "languages must be a list of ISO 639-1 codes");
      const std::string code = l.get<std::string>();
      bool supported = manifest_->languages.empty();
      for (const std::string& m : manifest_->languages) supported = supported || m == code;
      if (!supported) {
        return Error(400, "Attribute " + wanted[0].name + " does not support request languages: " + code);
      }
      languages.push_back(code);
    }
  }
  if (languages.empty()) {
    for (const std::string& m : manifest_->languages) languages.push_back(m);
  }
  const bool spans = request.value("spanAnnotations", false);
  std::vector<TextScore> scored;
  std::string why;
  if (!scorer_->Score({text}, spans, &scored, &why)) return Error(503, why);
  const TextScore& s = scored[0];
  json attribute_scores = json::object();
  for (const Wanted& w : wanted) {
    const double value = Round(s.scores[w.label]);
    if (w.has_threshold && value < w.threshold) continue;
    json entry = {{"summaryScore", {{"value", value}, {"type", "PROBABILITY"}}}};
    if (spans) {
      json span_scores = json::array();
      for (const SentenceScore& sentence : s.sentences) {
        span_scores.push_back({{"begin", sentence.begin},
                               {"end", sentence.end},
                               {"score", {{"value", Round(sentence.scores[w.label])}, {"type", "PROBABILITY"}}}});
      }
      entry["spanScores"] = span_scores;
    }
    attribute_scores[w.name] = entry;
  }
  json out = {{"attributeScores", attribute_scores}, {"languages", languages}, {"detectedLanguages", languages}};
  if (request.contains("clientToken") && request["clientToken"].is_string()) out["clientToken"] = request["clientToken"];
  return ApiResponse{200, out.dump()};
}

}  // namespace toxicity
}  // namespace sentinel
