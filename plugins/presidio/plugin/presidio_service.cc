#include "plugin/presidio_service.h"

#include <algorithm>
#include <set>

#include "core/ad_hoc_recognizers.h"
#include "core/phone_recognizer.h"
#include "core/public_suffix.h"
#include "core/recognizer_catalogue.h"
#include "core/text_offsets.h"
#include "plugin/language_registry.h"
#include "plugin/presidio_yaml.h"
#ifdef PRESIDIO_WITH_NER
#include "plugin/ner_recognizer.h"
#endif

namespace presidio {

std::unique_ptr<PresidioService> PresidioService::Create(const PluginSettings& settings, std::string* error) {
  auto suffixes = PublicSuffixList::Load(settings.publicsuffix_path, error);
  if (suffixes == nullptr) return nullptr;

  AnalyzerOptions options;
  options.default_score_threshold = settings.default_score_threshold;
  options.allow_list = settings.allow_list;
  options.disabled_entities.insert(settings.disabled_entities.begin(), settings.disabled_entities.end());
  options.context.similarity_factor = settings.context_similarity_factor;
  options.context.min_score_with_context = settings.min_score_with_context;
  options.context.prefix_count = settings.context_prefix_count;
  auto service = std::unique_ptr<PresidioService>(new PresidioService());
  service->max_text_bytes_ = settings.max_text_bytes;
  if (!settings.pseudonym_key_file.empty()) {
    service->pseudonym_key_ = PseudonymKey::Load(settings.pseudonym_key_file, error);
    if (!service->pseudonym_key_) return nullptr;
  }

  // Languages and their recognizers: Presidio's YAML (presidio_config), or enabled_recognizers /
  // disabled_recognizers (Presidio's class names, "default" and "all"; core/recognizer_catalogue.h).
  for (const std::string& language : settings.supported_languages) {
    if (!IsValidLanguageCode(language)) {
      *error = "setting 'supported_languages': invalid language code '" + language + "'";
      return nullptr;
    }
  }
  PresidioConfig config;
  const bool from_yaml = !settings.presidio_config.empty();
  if (from_yaml) {
    if (!ReadPresidioConfig(settings.presidio_config, settings.supported_languages, &config, error)) return nullptr;
    if (config.default_score_threshold) options.default_score_threshold = *config.default_score_threshold;
  }
  // Unknown phone regions are refused even when the phone recognizer is off.
  if (!settings.phone_regions.empty() && PhoneRecognizer::Create(settings.phone_regions, error) == nullptr) {
    return nullptr;
  }
  const RecognizerDeps deps{suffixes, settings.phone_regions};
  std::vector<LanguageRecognizers> languages;
  if (!BuildLanguageRecognizers(from_yaml ? &config : nullptr, settings.supported_languages,
                                settings.enabled_recognizers, settings.disabled_recognizers, deps, &languages, error)) {
    return nullptr;
  }
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (LanguageRecognizers& lang : languages) {
    AnalyzerOptions lang_options = options;
    lang_options.language = lang.language;
    auto engine = std::make_unique<AnalyzerEngine>(lang_options);
    for (auto& recognizer : lang.recognizers) {
      for (const auto& [entity, words] : settings.context_words) {
        if (listed(recognizer->supported_entities(), entity)) recognizer->AddContext(words);
      }
      engine->AddRecognizer(std::move(recognizer));
    }
    if (lang.ner_required && !settings.ner_enabled) {
      *error = lang.ner_where + ": recognizer '" + lang.ner_name +
               "' stands for Sentinel's NER tagger, which is off: set ner.enabled: true, or enabled: false here";
      return nullptr;
    }
    if (settings.ner_enabled && lang.ner && lang.language == "en") {
#ifdef PRESIDIO_WITH_NER
      auto ner = NerRecognizer::Create(settings.ner_model_dir, settings.ner_entities, settings.ner_torch_threads,
                                       settings.ner_score, error);
      if (ner == nullptr) {
        *error = "NER model at '" + settings.ner_model_dir + "': " + *error;
        return nullptr;
      }
      if (from_yaml) ner->set_name(lang.ner_name);
      engine->AddRecognizer(std::move(ner));
#else
      *error = "setting 'ner.enabled' is true but this plugin was built without NER (-DPRESIDIO_WITH_NER=ON)";
      return nullptr;
#endif
    }
    service->engines_[lang.language] = std::move(engine);
    service->languages_.push_back(lang.language);
  }
  // Custom recognizers of the settings (ad-hoc shape) join the engine of their supported_language (default en).
  for (const nlohmann::json& spec : settings.custom_recognizers) {
    std::string message;
    auto custom = ParseAdHocRecognizer(nlohmann::ordered_json::parse(spec.dump()), &message);
    std::string name = spec.is_object() ? spec.value("name", std::string("(unnamed)")) : std::string("(unnamed)");
    if (custom == nullptr) {
      *error = "custom recognizer '" + name + "': " + message;
      return nullptr;
    }
    std::string language = "en";
    if (spec.is_object() && spec.contains("supported_language") && spec["supported_language"].is_string()) {
      language = spec["supported_language"].get<std::string>();
    }
    auto engine = service->engines_.find(language);
    if (engine == service->engines_.end()) {
      *error = "custom recognizer '" + name + "' is for language '" + language +
               "', which is not among the supported languages";
      return nullptr;
    }
    engine->second->AddRecognizer(std::move(custom));
  }
  for (auto& [language, engine] : service->engines_) engine->Finalize();
  service->engine_ = service->engines_.at(service->languages_.front()).get();
  return service;
}

const AnalyzerEngine* PresidioService::EngineFor(const std::string& language) const {
  auto it = engines_.find(language);
  return it == engines_.end() ? nullptr : it->second.get();
}

const std::vector<std::pair<std::string, std::string>>& PresidioService::Routes() {
  static const std::vector<std::pair<std::string, std::string>> routes = {
      {"POST", "/presidio/analyze"},    {"GET", "/presidio/recognizers"},  {"GET", "/presidio/supportedentities"},
      {"GET", "/presidio/health"},      {"POST", "/presidio/anonymize"},   {"POST", "/presidio/deanonymize"},
      {"GET", "/presidio/anonymizers"}, {"GET", "/presidio/deanonymizers"}};
  return routes;
}

bool PresidioService::ParseAnalyzeFields(const nlohmann::ordered_json& body, ParsedAnalyzeRequest* parsed, int* status,
                                         std::string* error) const {
  AnalyzeRequest& request = parsed->request;
  auto string_list = [&](const char* key, std::vector<std::string>* out) {
    if (!body.contains(key) || body[key].is_null()) return true;
    if (!body[key].is_array()) {
      *status = 400;
      *error = std::string("'") + key + "' must be a list of strings";
      return false;
    }
    for (const auto& item : body[key]) {
      if (!item.is_string()) {
        *status = 400;
        *error = std::string("'") + key + "' must be a list of strings";
        return false;
      }
      out->push_back(item.get<std::string>());
    }
    return true;
  };
  if (body.contains("language") && body["language"].is_string()) request.language = body["language"].get<std::string>();
  if (body.contains("entities") && !body["entities"].is_null()) {
    std::vector<std::string> entities;
    if (!string_list("entities", &entities)) return false;
    if (!entities.empty()) request.entities = entities;  // [] means all, as in Presidio
  }
  if (body.contains("score_threshold") && !body["score_threshold"].is_null()) {
    if (!body["score_threshold"].is_number()) {
      *status = 400;
      *error = "'score_threshold' must be a number";
      return false;
    }
    request.score_threshold = body["score_threshold"].get<double>();
  }
  if (!string_list("context", &request.context) || !string_list("allow_list", &request.allow_list)) return false;
  if (body.contains("allow_list_match") && !body["allow_list_match"].is_null()) {
    std::string mode = body["allow_list_match"].is_string() ? body["allow_list_match"].get<std::string>() : "";
    if (mode == "regex") {
      request.allow_list_match = AllowListMatch::kRegex;
    } else if (mode != "exact") {
      *status = 400;
      *error = "'allow_list_match' must be \"exact\" or \"regex\"";
      return false;
    }
  }
  if (body.contains("regex_flags") && body["regex_flags"].is_number_integer()) {
    request.regex_flags = body["regex_flags"].get<int>();
  }
  if (body.contains("return_decision_process") && body["return_decision_process"].is_boolean()) {
    parsed->return_decision_process = body["return_decision_process"].get<bool>();
  }
  if (body.contains("ad_hoc_recognizers") && !body["ad_hoc_recognizers"].is_null()) {
    if (!body["ad_hoc_recognizers"].is_array()) {
      *status = 400;
      *error = "Failed to parse /analyze request for AnalyzerEngine.analyze(). 'ad_hoc_recognizers' must be a list";
      return false;
    }
    for (const auto& spec : body["ad_hoc_recognizers"]) {
      std::string message;
      auto recognizer = ParseAdHocRecognizer(spec, &message);
      if (recognizer == nullptr) {
        *status = 400;
        *error = "Failed to parse /analyze request for AnalyzerEngine.analyze(). " + message;
        return false;
      }
      // Like Presidio, a recognizer for another language takes no part in this request.
      if (spec.is_object() && spec.contains("supported_language") && spec["supported_language"].is_string() &&
          spec["supported_language"].get<std::string>() != request.language) {
        continue;
      }
      request.ad_hoc.push_back(recognizer.get());
      parsed->ad_hoc.push_back(std::move(recognizer));
    }
  }
  return true;
}

int PresidioService::AnalyzeNative(std::string_view request_json, std::string* out, std::string* error) const {
  nlohmann::ordered_json body = nlohmann::ordered_json::parse(request_json, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    *error = "the request must be a JSON object";
    return 400;
  }
  if (!body.contains("text") || !body["text"].is_string()) {
    *error = "the request needs a string field 'text'";
    return 400;
  }
  const std::string text = body["text"].get<std::string>();
  if (text.size() > max_text_bytes_) {
    *error = "text is larger than max_text_bytes (" + std::to_string(max_text_bytes_) + ")";
    return 413;
  }
  ParsedAnalyzeRequest parsed;
  int status = 400;
  if (!ParseAnalyzeFields(body, &parsed, &status, error)) return status;
  parsed.request.text = text;
  std::vector<RecognizerResult> results;
  // Without a language, the first configured one (en by default).
  if (!body.contains("language") || !body["language"].is_string()) parsed.request.language = languages_.front();
  const AnalyzerEngine* engine = EngineFor(parsed.request.language);
  if (engine == nullptr) {
    *error = "No matching recognizers were found to serve the request.";
    return 400;
  }
  if (!engine->Analyze(parsed.request, &results, error)) return 400;
  CodePointMap offsets(text);
  nlohmann::ordered_json entities = nlohmann::ordered_json::array();
  for (const RecognizerResult& r : results) {
    nlohmann::ordered_json item;
    item["entity_type"] = r.entity_type;
    item["start"] = offsets.ToCodePoint(r.start);
    item["end"] = offsets.ToCodePoint(r.end);
    item["score"] = r.score;
    if (parsed.return_decision_process) {
      item["recognizer"] = r.explanation.recognizer;
      if (r.explanation.supportive_context_word)
        item["supportive_context_word"] = *r.explanation.supportive_context_word;
    }
    entities.push_back(std::move(item));
  }
  nlohmann::ordered_json reply;
  reply["entities"] = std::move(entities);
  *out = reply.dump();
  return 200;
}

bool PresidioService::SelfTest(std::string* error) const {
  struct Canary {
    const char* text;
    const char* entity;
  };
  static const Canary kCanaries[] = {
      {"Contact me at john.doe@example.com today.", "EMAIL_ADDRESS"},
      {"My card is 4111 1111 1111 1111, exp 11/25.", "CREDIT_CARD"},
      {"Call (212) 555-1234 after lunch.", "PHONE_NUMBER"},
      {"Transfer to DE89 3704 0044 0532 0130 00 please.", "IBAN_CODE"},
      {"Server at 192.168.10.20 is down.", "IP_ADDRESS"},
  };
  const std::string& language = languages_.front();  // engine_ serves it
  const std::vector<std::string> enabled = engine_->SupportedEntities(language);
  for (const Canary& canary : kCanaries) {
    if (std::find(enabled.begin(), enabled.end(), canary.entity) == enabled.end()) continue;
    AnalyzeRequest request;
    request.text = canary.text;
    request.language = language;
    request.score_threshold = 0.0;
    std::vector<RecognizerResult> results;
    if (!engine_->Analyze(request, &results, error)) return false;
    bool found = std::any_of(results.begin(), results.end(),
                             [&](const RecognizerResult& r) { return r.entity_type == canary.entity; });
    if (!found) {
      *error = std::string("self-test: the canary text for ") + canary.entity + " was not detected";
      return false;
    }
  }
  return true;
}

}  // namespace presidio
