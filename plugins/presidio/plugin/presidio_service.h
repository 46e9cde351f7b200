// presidio_service.h -- everything the plugin serves, independent of the C ABI: the analyzer engine
// built from the module settings, Presidio's REST API under /presidio, and the host's native
// /v1/analyze result.
#ifndef PRESIDIO_PLUGIN_PRESIDIO_SERVICE_H_
#define PRESIDIO_PLUGIN_PRESIDIO_SERVICE_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "anonymizer/pseudonym.h"
#include "core/analyzer_engine.h"
#include "core/pattern_recognizer.h"
#include "plugin/plugin_settings.h"

namespace presidio {

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// A parsed analyze request plus the ad-hoc recognizers it owns.
struct ParsedAnalyzeRequest {
  AnalyzeRequest request;
  std::vector<std::unique_ptr<PatternRecognizer>> ad_hoc;
  bool return_decision_process = false;
};

class PresidioService {
 public:
  static std::unique_ptr<PresidioService> Create(const PluginSettings& settings, std::string* error);

  // Serves one of Routes(); unknown paths give 404.
  HttpReply Handle(std::string_view method, std::string_view path, std::string_view query, std::string_view body) const;
  // The host's POST /v1/analyze: {"text": ..., optional Presidio fields} ->
  // {"entities":[{"entity_type","start","end","score"}]}. Returns an HTTP-like status (200, 400, 413, 500).
  int AnalyzeNative(std::string_view request_json, std::string* out, std::string* error) const;
  // Runs canary texts and checks that each enabled entity among them is found.
  bool SelfTest(std::string* error) const;

  static const std::vector<std::pair<std::string, std::string>>& Routes();
  const AnalyzerEngine& engine() const { return *engine_; }
  // The engine serving `language`, or null when that language is not configured.
  const AnalyzerEngine* EngineFor(const std::string& language) const;
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  PresidioService() = default;

  // Reads Presidio's /analyze fields other than `text` from `body`; `status` is the HTTP status of a failure.
  bool ParseAnalyzeFields(const nlohmann::ordered_json& body, ParsedAnalyzeRequest* parsed, int* status,
                          std::string* error) const;
  HttpReply Analyze(std::string_view body) const;
  HttpReply Recognizers(std::string_view query, bool entities) const;
  HttpReply AnonymizeRequest(std::string_view body, bool deanonymize) const;

  // One engine per configured language (supported_languages); engine_ is the first one's.
  std::map<std::string, std::unique_ptr<AnalyzerEngine>> engines_;
  std::vector<std::string> languages_;
  const AnalyzerEngine* engine_ = nullptr;
  size_t max_text_bytes_ = 0;
  std::shared_ptr<const PseudonymKey> pseudonym_key_;  // pseudonym_key_file; null when not set
};

}  // namespace presidio

#endif  // PRESIDIO_PLUGIN_PRESIDIO_SERVICE_H_
