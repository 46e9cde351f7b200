#include "core/ad_hoc_recognizers.h"

#include <set>

namespace presidio {

std::string DenyListRegex(const std::vector<std::string>& words) {
  std::string regex = "(";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) regex += "|";
    regex += RE2::QuoteMeta(words[i]);
  }
  return regex + ")";
}

namespace {

bool StringList(const nlohmann::ordered_json& value, const char* field, std::vector<std::string>* out,
                std::string* error) {
  if (value.is_null()) return true;
  if (!value.is_array()) {
    *error = std::string("'") + field + "' must be a list of strings";
    return false;
  }
  for (const auto& item : value) {
    if (!item.is_string()) {
      *error = std::string("'") + field + "' must be a list of strings";
      return false;
    }
    out->push_back(item.get<std::string>());
  }
  return true;
}

}  // namespace

std::unique_ptr<PatternRecognizer> ParseAdHocRecognizer(const nlohmann::ordered_json& spec, std::string* error) {
  static const std::set<std::string> kRecognizerKeys = {
      "name",         "supported_language", "supported_entity", "supported_entities", "patterns",
      "deny_list",    "deny_list_score",    "context",          "global_regex_flags", "version",
      "country_code", "supported_languages"};
  static const std::set<std::string> kPatternKeys = {"name", "regex", "score"};
  if (!spec.is_object()) {
    *error = "an ad-hoc recognizer must be a JSON object";
    return nullptr;
  }
  for (const auto& item : spec.items()) {
    if (kRecognizerKeys.count(item.key()) == 0) {
      *error = "PatternRecognizer.__init__() got an unexpected keyword argument '" + item.key() + "'";
      return nullptr;
    }
  }
  std::string entity;
  if (spec.contains("supported_entity") && spec["supported_entity"].is_string()) {
    entity = spec["supported_entity"].get<std::string>();
  } else if (spec.contains("supported_entities") && spec["supported_entities"].is_array() &&
             !spec["supported_entities"].empty() && spec["supported_entities"][0].is_string()) {
    entity = spec["supported_entities"][0].get<std::string>();
  }
  if (entity.empty()) {
    *error = "an ad-hoc recognizer needs 'supported_entity'";
    return nullptr;
  }
  std::string name = spec.value("name", std::string());
  if (name.empty()) name = "PatternRecognizer";
  int flags = kPresidioDefaultFlags;
  if (spec.contains("global_regex_flags") && spec["global_regex_flags"].is_number_integer()) {
    flags = spec["global_regex_flags"].get<int>();
  }

  std::vector<Pattern> patterns;
  if (spec.contains("patterns") && !spec["patterns"].is_null()) {
    if (!spec["patterns"].is_array()) {
      *error = "'patterns' must be a list";
      return nullptr;
    }
    for (const auto& p : spec["patterns"]) {
      if (!p.is_object()) {
        *error = "each pattern must be a JSON object";
        return nullptr;
      }
      for (const auto& item : p.items()) {
        if (kPatternKeys.count(item.key()) == 0) {
          *error = "Pattern.__init__() got an unexpected keyword argument '" + item.key() + "'";
          return nullptr;
        }
      }
      if (!p.contains("regex") || !p["regex"].is_string() || !p.contains("score") || !p["score"].is_number()) {
        *error = "each pattern needs a string 'regex' and a numeric 'score'";
        return nullptr;
      }
      patterns.push_back(
          {p.value("name", std::string("pattern")), p["regex"].get<std::string>(), p["score"].get<double>(), false});
    }
  }
  std::vector<std::string> deny_list;
  std::vector<std::string> context;
  if (!StringList(spec.value("deny_list", nlohmann::ordered_json()), "deny_list", &deny_list, error)) return nullptr;
  if (!StringList(spec.value("context", nlohmann::ordered_json()), "context", &context, error)) return nullptr;
  if (!deny_list.empty()) {
    double score = 1.0;
    if (spec.contains("deny_list_score") && spec["deny_list_score"].is_number()) {
      score = spec["deny_list_score"].get<double>();
    }
    patterns.push_back({"deny_list", DenyListRegex(deny_list), score, true});
  }
  if (patterns.empty()) {
    *error = "Pattern recognizer should be initialized with patterns or with deny list";
    return nullptr;
  }
  auto recognizer = std::make_unique<PatternRecognizer>(name, entity, std::move(patterns), std::move(context), flags);
  if (!recognizer->error().empty()) {
    *error = recognizer->error();
    return nullptr;
  }
  return recognizer;
}

}  // namespace presidio
