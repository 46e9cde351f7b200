#include "perspective_api.h"

#include <nlohmann/json.hpp>

#include <cctype>

#include "common/utf8.h"
#include "language_id.h"
#include "perspective_discovery.h"

namespace sentinel {
namespace toxicity {

using ojson = nlohmann::ordered_json;

namespace {

constexpr char kVersion[] = "v1alpha1";
constexpr char kErrorType[] = "type.googleapis.com/google.commentanalyzer.v1alpha1.Error";

// Rounds to 6 decimals so responses are compact and stable.
double Round(float v) { return static_cast<double>(static_cast<long long>(v * 1e6 + (v >= 0 ? 0.5 : -0.5))) / 1e6; }

ApiResponse Respond(int http_status, const ojson& body) { return ApiResponse{http_status, body.dump()}; }

// Perspective's 400 for a language an attribute does not support, with the detail its clients read
// (errorType LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE): `requested` lists the request's languages, `detected` the
// detected ones; one of them is empty.
ApiResponse LanguageError(const std::string& attribute, const std::vector<std::string>& unsupported,
                          const std::vector<std::string>& requested, const std::vector<std::string>& detected) {
  std::string list;
  for (const std::string& l : unsupported) list += (list.empty() ? "" : ", ") + l;
  ojson why = {{"attribute", attribute}};
  if (!requested.empty()) why["requestedLanguages"] = requested;
  if (!detected.empty()) why["detectedLanguages"] = detected;
  const ojson e = {{"error",
                    {{"code", 400},
                     {"message", "Attribute " + attribute + " does not support request languages: " + list},
                     {"status", "INVALID_ARGUMENT"},
                     {"details",
                      ojson::array({{{"@type", kErrorType},
                                     {"errorType", "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE"},
                                     {"languageNotSupportedByAttributeError", why}}})}}}};
  return Respond(400, e);
}

// The value of `name` in a query string ("version=v1alpha1&key=x"); false when absent.
bool QueryValue(std::string_view query, std::string_view name, std::string* value) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      *value = std::string(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
      return true;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

// An optional boolean field; false when present but not a boolean.
bool BoolField(const ojson& object, const char* key, bool* value) {
  if (!object.contains(key)) return true;
  if (!object[key].is_boolean()) return false;
  *value = object[key].get<bool>();
  return true;
}

// A Host header fit to build a URL from: a DNS name, IPv4 or bracketed IPv6 address, optional port.
bool ValidHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' ||
                    c == ']' || c == '_';
    if (!ok) return false;
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

ApiResponse PerspectiveApi::Analyze(std::string_view body) const {
  const ojson request = ojson::parse(body.begin(), body.end(), nullptr, false);
  if (request.is_discarded() || !request.is_object()) {
    return ToxicityApi::Error(400, utf8::IsValid(body) ? "the request body must be a JSON object"
                                                      : "the request body is not valid UTF-8");
  }
  // The comment: Perspective answers an absent and an empty text alike.
  if (request.contains("comment") && !request["comment"].is_object()) {
    return ToxicityApi::Error(400, "comment must be an object with a text");
  }
  const ojson comment = request.value("comment", ojson::object());
  if (comment.contains("text") && !comment["text"].is_string()) {
    return ToxicityApi::Error(400, "comment.text must be a string");
  }
  const std::string text = comment.value("text", std::string());
  if (text.empty()) return ToxicityApi::Error(400, "Comment must be non-empty.");
  if (comment.contains("type") && comment["type"] != "PLAIN_TEXT" && comment["type"] != "TEXT_TYPE_UNSPECIFIED") {
    return ToxicityApi::Error(400, "Currently, only 'PLAIN_TEXT' comments are supported");
  }
  if (text.size() > limits_.max_text_bytes) {
    return ToxicityApi::Error(413, "text is " + std::to_string(text.size()) + " bytes; the limit is " +
                                       std::to_string(limits_.max_text_bytes));
  }
  if (!utf8::IsValid(text)) return ToxicityApi::Error(400, "text is not valid UTF-8");

  // The attributes, in request order.
  if (!request.contains("requestedAttributes") || !request["requestedAttributes"].is_object() ||
      request["requestedAttributes"].empty()) {
    return ToxicityApi::Error(400, "Missing requested_attributes: requestedAttributes must name at least one attribute");
  }
  struct Wanted {
    std::string name;
    size_t label;
    bool has_threshold;
    double threshold;
  };
  std::vector<Wanted> wanted;
  for (const auto& [key, config] : request["requestedAttributes"].items()) {
    std::string name = key;
    const size_t at = name.find('@');  // ATTR@VERSION pins a version; there is one version here
    if (at != std::string::npos) name = name.substr(0, at);
    size_t label = manifest_->labels.size();
    for (size_t k = 0; k < manifest_->labels.size(); ++k) {
      if (PerspectiveAttributeName(manifest_->labels[k]) == name) label = k;
    }
    if (label == manifest_->labels.size()) {
      std::string supported;
      for (const std::string& l : manifest_->labels) supported += (supported.empty() ? "" : ", ") + PerspectiveAttributeName(l);
      return ToxicityApi::Error(400, "Unknown requested attribute: " + name + " (this model scores " + supported + ")");
    }
    if (!config.is_object()) return ToxicityApi::Error(400, "requestedAttributes." + key + " must be an object");
    if (config.contains("scoreType") && config["scoreType"] != "PROBABILITY" &&
        config["scoreType"] != "SCORE_TYPE_UNSPECIFIED") {
      const std::string type = config["scoreType"].is_string() ? config["scoreType"].get<std::string>() : "?";
      return ToxicityApi::Error(400, "Requested score type " + type + " is not supported by attribute " + name);
    }
    Wanted w{name, label, false, 0.0};
    if (config.contains("scoreThreshold")) {
      if (!config["scoreThreshold"].is_number()) {
        return ToxicityApi::Error(400, "requestedAttributes." + key + ".scoreThreshold must be a number");
      }
      w.has_threshold = true;
      w.threshold = config["scoreThreshold"].get<double>();
    }
    wanted.push_back(w);
  }
  bool spans = false, drop_unsupported = false;
  if (!BoolField(request, "spanAnnotations", &spans) || !BoolField(request, "dropUnsupportedAttributes", &drop_unsupported)) {
    return ToxicityApi::Error(400, "spanAnnotations and dropUnsupportedAttributes must be booleans");
  }

  // The languages: the request's, else the detected one (effective languages, as Perspective reports them).
  std::vector<std::string> requested, detected, effective, unsupported;
  if (request.contains("languages")) {
    if (!request["languages"].is_array()) return ToxicityApi::Error(400, "languages must be a list of language codes");
    for (const ojson& l : request["languages"]) {
      if (!l.is_string()) return ToxicityApi::Error(400, "languages must be a list of language codes");
      requested.push_back(l.get<std::string>());
      if (!LanguageSupported(requested.back(), manifest_->languages)) unsupported.push_back(requested.back());
    }
  }
  const bool detect = requested.empty();
  if (!detect) {
    effective = requested;
  } else {
    DetectedLanguages found = DetectLanguages(text);
    if (found.reliable) {
      detected = found.codes;
      effective = {detected.front()};
      if (!LanguageSupported(effective.front(), manifest_->languages)) unsupported = effective;
    } else if (!manifest_->languages.empty()) {
      // One to three words are too few for CLD2: assume the model's language rather than refuse "hello".
      detected = {manifest_->languages.front()};
      effective = detected;
    }
  }
  if (!unsupported.empty() && !drop_unsupported) {
    return LanguageError(wanted.front().name, unsupported, requested, detect ? detected : std::vector<std::string>());
  }

  ojson attribute_scores = ojson::object();
  if (unsupported.empty()) {
    std::vector<TextScore> scored;
    std::string why;
    if (!scorer_->Score({text}, spans, &scored, &why)) return ToxicityApi::Error(503, why);
    const TextScore& s = scored[0];
    // Sentence offsets are code points; Perspective's are UTF-16 code units.
    const std::vector<size_t> utf16 = spans ? utf8::Utf16Offsets(text) : std::vector<size_t>();
    for (const Wanted& w : wanted) {
      const double value = Round(s.scores[w.label]);
      if (w.has_threshold && value < w.threshold) continue;
      ojson entry = {{"summaryScore", {{"value", value}, {"type", "PROBABILITY"}}}};
      if (spans) {
        ojson span_scores = ojson::array();
        for (const SentenceScore& sentence : s.sentences) {
          span_scores.push_back({{"begin", utf16[sentence.begin]},
                                 {"end", utf16[sentence.end]},
                                 {"score", {{"value", Round(sentence.scores[w.label])}, {"type", "PROBABILITY"}}}});
        }
        entry["spanScores"] = span_scores;
      }
      attribute_scores[w.name] = entry;
    }
  }
  ojson out = {{"attributeScores", attribute_scores}, {"languages", effective}};
  if (detect && !detected.empty()) out["detectedLanguages"] = detected;
  if (request.contains("clientToken") && request["clientToken"].is_string()) out["clientToken"] = request["clientToken"];
  return Respond(200, out);
}

ApiResponse PerspectiveApi::Discovery(std::string_view query, std::string_view host) const {
  std::string version;
  if (QueryValue(query, "version", &version) && version != kVersion) {
    return ToxicityApi::Error(404, std::string("no discovery document for that version; this server serves commentanalyzer ") +
                                       kVersion);
  }
  if (!ValidHost(host)) {
    return ToxicityApi::Error(400, "the discovery document needs the request's Host header (its rootUrl points there)");
  }
  std::vector<std::string> attributes;
  for (const std::string& label : manifest_->labels) attributes.push_back(PerspectiveAttributeName(label));
  return ApiResponse{200, PerspectiveDiscoveryDocument("http://" + std::string(host) + "/", attributes,
                                                       manifest_->languages)};
}

}  // namespace toxicity
}  // namespace sentinel
