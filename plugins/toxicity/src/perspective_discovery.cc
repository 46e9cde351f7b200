#include "perspective_discovery.h"

#include <nlohmann/json.hpp>

namespace sentinel {
namespace toxicity {

using ojson = nlohmann::ordered_json;

namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

ojson Query(const char* type, const char* description) {
  return {{"type", type}, {"description", description}, {"location", "query"}};
}

// The parameters every Google API accepts; this server accepts and ignores them.
ojson StandardParameters() {
  ojson p = ojson::object();
  p["$.xgafv"] = Query("string", "V1 error format (ignored: errors are always the v2 format).");
  p["$.xgafv"]["enum"] = {"1", "2"};
  p["$.xgafv"]["enumDescriptions"] = {"v1 error format", "v2 error format"};
  p["access_token"] = Query("string", "OAuth access token (ignored).");
  p["alt"] = Query("string", "Data format for response (only json).");
  p["alt"]["default"] = "json";
  p["alt"]["enum"] = {"json"};
  p["alt"]["enumDescriptions"] = {"Responses with Content-Type of application/json"};
  p["callback"] = Query("string", "JSONP (ignored).");
  p["fields"] = Query("string", "Selector specifying which fields to include in a partial response (ignored).");
  p["key"] = Query("string", "API key (accepted and ignored; protect the server with its own auth settings).");
  p["oauth_token"] = Query("string", "OAuth 2.0 token for the current user (ignored).");
  p["prettyPrint"] = Query("boolean", "Returns response with indentations and line breaks (ignored).");
  p["prettyPrint"]["default"] = "true";
  p["quotaUser"] = Query("string", "Quota user (ignored).");
  p["upload_protocol"] = Query("string", "Upload protocol for media (ignored).");
  p["uploadType"] = Query("string", "Legacy upload protocol for media (ignored).");
  return p;
}

ojson Ref(const char* schema) { return {{"$ref", schema}}; }

ojson Prop(const char* type, const std::string& description) { return {{"type", type}, {"description", description}}; }

ojson StringList(const std::string& description) {
  return {{"type", "array"}, {"description", description}, {"items", {{"type", "string"}}}};
}

ojson Schema(const char* id, const char* description, ojson properties) {
  return {{"id", id}, {"type", "object"}, {"description", description}, {"properties", std::move(properties)}};
}

ojson ScoreTypeEnum(const char* description) {
  ojson p = Prop("string", description);
  p["enum"] = {"SCORE_TYPE_UNSPECIFIED", "PROBABILITY", "STD_DEV_SCORE", "PERCENTILE", "RAW"};
  p["enumDescriptions"] = {"Unspecified: probability.", "Probability scores in [0, 1].", "Not served here.",
                           "Not served here.", "Not served here."};
  return p;
}

ojson Schemas(const std::vector<std::string>& attributes, const std::vector<std::string>& languages) {
  const std::string language_list = languages.empty() ? "any language" : Join(languages);
  ojson s = ojson::object();
  ojson text_type = Prop("string", "Type of the text field; only PLAIN_TEXT is supported.");
  text_type["enum"] = {"TEXT_TYPE_UNSPECIFIED", "PLAIN_TEXT", "HTML"};
  text_type["enumDescriptions"] = {"Treated as plain text.", "Plain text.", "Not supported here."};
  s["TextEntry"] = Schema("TextEntry", "Represents a body of text.",
                          {{"text", Prop("string", "UTF-8 encoded text.")}, {"type", text_type}});
  s["ArticleAndParentComment"] =
      Schema("ArticleAndParentComment", "Context of a comment on a single-threaded board (accepted, not used).",
             {{"article", Ref("TextEntry")}, {"parentComment", Ref("TextEntry")}});
  ojson entries = {{"type", "array"}, {"description", "A list of messages (accepted, not used)."},
                   {"items", Ref("TextEntry")}};
  s["Context"] = Schema("Context", "What the comment refers to (accepted, not used for scoring).",
                        {{"entries", entries}, {"articleAndParentComment", Ref("ArticleAndParentComment")}});
  ojson threshold = Prop("number", "Scores below this threshold are left out of the response.");
  threshold["format"] = "float";
  s["AttributeParameters"] = Schema(
      "AttributeParameters", "Configurable parameters for attribute scoring.",
      {{"scoreType", ScoreTypeEnum("What type of scores to return; only PROBABILITY.")}, {"scoreThreshold", threshold}});
  ojson value = Prop("number", "Score value.");
  value["format"] = "float";
  s["Score"] = Schema("Score", "A score value and its type.",
                      {{"value", value}, {"type", ScoreTypeEnum("The type of the value.")}});
  ojson begin = Prop("integer", "Start of the span in UTF-16 code units.");
  begin["format"] = "int32";
  ojson end = Prop("integer", "End of the span in UTF-16 code units, exclusive.");
  end["format"] = "int32";
  s["SpanScore"] = Schema("SpanScore", "The score of one sentence of the comment.",
                          {{"begin", begin}, {"end", end}, {"score", Ref("Score")}});
  ojson spans = {{"type", "array"}, {"description", "Per-sentence scores."}, {"items", Ref("SpanScore")}};
  s["AttributeScores"] = Schema("AttributeScores", "The scores of one attribute: the whole comment and its spans.",
                                {{"summaryScore", Ref("Score")}, {"spanScores", spans}});
  ojson requested = {{"type", "object"},
                     {"description", "The attributes to score, each with its parameters. This server scores " +
                                         Join(attributes) + "."},
                     {"additionalProperties", Ref("AttributeParameters")}};
  s["AnalyzeCommentRequest"] = Schema(
      "AnalyzeCommentRequest", "The comment analysis request.",
      {{"comment", Ref("TextEntry")},
       {"context", Ref("Context")},
       {"requestedAttributes", requested},
       {"spanAnnotations", Prop("boolean", "Also score each sentence (spanScores).")},
       {"languages", StringList("The comment's languages as ISO 639-1 or BCP-47 codes; detected when absent. "
                                "This server supports " + language_list + ".")},
       {"doNotStore", Prop("boolean", "Accepted; this server never stores comments.")},
       {"clientToken", Prop("string", "Opaque token echoed in the response.")},
       {"sessionId", Prop("string", "Accepted, not used.")},
       {"communityId", Prop("string", "Accepted, not used.")},
       {"dropUnsupportedAttributes",
        Prop("boolean", "Leave out attributes that do not support the comment's language instead of an error.")}});
  ojson scores = {{"type", "object"},
                  {"description", "Scores of the requested attributes, by attribute name."},
                  {"additionalProperties", Ref("AttributeScores")}};
  s["AnalyzeCommentResponse"] = Schema(
      "AnalyzeCommentResponse", "The comment analysis response.",
      {{"attributeScores", scores},
       {"languages", StringList("The languages used: the request's, else the detected one.")},
       {"detectedLanguages", StringList("The detected languages, most likely first (when the request named none).")},
       {"clientToken", Prop("string", "The request's clientToken.")}});
  return s;
}

}  // namespace

std::string PerspectiveDiscoveryDocument(const std::string& root_url, const std::vector<std::string>& attributes,
                                         const std::vector<std::string>& languages) {
  ojson analyze = {{"id", "commentanalyzer.comments.analyze"},
                   {"path", "v1alpha1/comments:analyze"},
                   {"flatPath", "v1alpha1/comments:analyze"},
                   {"httpMethod", "POST"},
                   {"description", "Analyzes the provided text and returns scores for requested attributes."},
                   {"parameters", ojson::object()},
                   {"parameterOrder", ojson::array()},
                   {"request", Ref("AnalyzeCommentRequest")},
                   {"response", Ref("AnalyzeCommentResponse")}};
  ojson doc = {{"kind", "discovery#restDescription"},
               {"discoveryVersion", "v1"},
               {"id", "commentanalyzer:v1alpha1"},
               {"name", "commentanalyzer"},
               {"canonicalName", "Commentanalyzer"},
               {"version", "v1alpha1"},
               {"title", "Perspective Comment Analyzer API (served by Sentinel's toxicity module)"},
               {"description", "Scores the toxicity of comments. Compatible with Google's Perspective API "
                               "comments.analyze; attributes: " + Join(attributes) + "."},
               {"protocol", "rest"},
               {"rootUrl", root_url},
               {"servicePath", ""},
               {"baseUrl", root_url},
               {"batchPath", "batch"},
               {"fullyEncodeReservedExpansion", true},
               {"parameters", StandardParameters()},
               {"schemas", Schemas(attributes, languages)},
               {"resources", {{"comments", {{"methods", {{"analyze", analyze}}}}}}}};
  return doc.dump();
}

}  // namespace toxicity
}  // namespace sentinel
