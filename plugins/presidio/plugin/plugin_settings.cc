#include "plugin/plugin_settings.h"

#include <set>

namespace presidio {

namespace {

bool ReadStrings(const nlohmann::json& value, const std::string& key, std::vector<std::string>* out,
                 std::string* error) {
  if (value.is_null()) return true;
  if (!value.is_array()) {
    *error = "setting '" + key + "' must be a list of strings";
    return false;
  }
  for (const auto& item : value) {
    if (!item.is_string()) {
      *error = "setting '" + key + "' must be a list of strings";
      return false;
    }
    out->push_back(item.get<std::string>());
  }
  return true;
}

bool ReadNumber(const nlohmann::json& value, const std::string& key, double low, double high, double* out,
                std::string* error) {
  if (!value.is_number() || value.get<double>() < low || value.get<double>() > high) {
    *error = "setting '" + key + "' must be a number between " + std::to_string(low) + " and " + std::to_string(high);
    return false;
  }
  *out = value.get<double>();
  return true;
}

}  // namespace

bool ParsePluginSettings(const std::string& settings_json, const std::string& config_dir, const std::string& models_dir,
                         PluginSettings* settings, std::string* error) {
  nlohmann::json root;
  if (!settings_json.empty()) {
    root = nlohmann::json::parse(settings_json, nullptr, false);
    if (root.is_discarded()) {
      *error = "settings are not valid JSON";
      return false;
    }
  }
  if (root.is_null()) root = nlohmann::json::object();
  if (!root.is_object()) {
    *error = "settings must be a mapping";
    return false;
  }
  static const std::set<std::string> kKnown = {"publicsuffix_path",      "default_score_threshold",
                                               "phone_regions",          "enabled_recognizers",
                                               "disabled_recognizers",   "disabled_entities",
                                               "context_words",          "allow_list",
                                               "custom_recognizers",     "context_similarity_factor",
                                               "min_score_with_context", "context_prefix_count",
                                               "max_text_bytes",         "ner",
                                               "pseudonym_key_file",     "presidio_config",
                                               "supported_languages"};
  for (const auto& item : root.items()) {
    if (kKnown.count(item.key()) == 0) {
      *error = "unknown setting '" + item.key() + "'";
      return false;
    }
  }
  if (root.contains("publicsuffix_path")) {
    if (!root["publicsuffix_path"].is_string() || root["publicsuffix_path"].get<std::string>().empty()) {
      *error = "setting 'publicsuffix_path' must be a path";
      return false;
    }
    settings->publicsuffix_path = root["publicsuffix_path"].get<std::string>();
    if (settings->publicsuffix_path[0] != '/' && !config_dir.empty()) {
      settings->publicsuffix_path = config_dir + "/" + settings->publicsuffix_path;
    }
  }
  if (root.contains("default_score_threshold") &&
      !ReadNumber(root["default_score_threshold"], "default_score_threshold", 0.0, 1.0,
                  &settings->default_score_threshold, error)) {
    return false;
  }
  if (root.contains("context_similarity_factor") &&
      !ReadNumber(root["context_similarity_factor"], "context_similarity_factor", 0.0, 1.0,
                  &settings->context_similarity_factor, error)) {
    return false;
  }
  if (root.contains("min_score_with_context") && !ReadNumber(root["min_score_with_context"], "min_score_with_context",
                                                             0.0, 1.0, &settings->min_score_with_context, error)) {
    return false;
  }
  if (root.contains("context_prefix_count")) {
    double count = 0;
    if (!ReadNumber(root["context_prefix_count"], "context_prefix_count", 0, 50, &count, error)) return false;
    settings->context_prefix_count = static_cast<int>(count);
  }
  if (root.contains("pseudonym_key_file")) {
    if (!root["pseudonym_key_file"].is_string() || root["pseudonym_key_file"].get<std::string>().empty()) {
      *error = "setting 'pseudonym_key_file' must be a path";
      return false;
    }
    settings->pseudonym_key_file = root["pseudonym_key_file"].get<std::string>();
    if (settings->pseudonym_key_file[0] != '/' && !config_dir.empty()) {
      settings->pseudonym_key_file = config_dir + "/" + settings->pseudonym_key_file;
    }
  }
  if (root.contains("presidio_config") && !root["presidio_config"].is_null()) {
    if (!root["presidio_config"].is_string() || root["presidio_config"].get<std::string>().empty()) {
      *error = "setting 'presidio_config' must be a path";
      return false;
    }
    settings->presidio_config = root["presidio_config"].get<std::string>();
    if (settings->presidio_config[0] != '/' && !config_dir.empty()) {
      settings->presidio_config = config_dir + "/" + settings->presidio_config;
    }
  }
  if (!ReadStrings(root.value("supported_languages", nlohmann::json()), "supported_languages",
                   &settings->supported_languages, error)) {
    return false;
  }
  if (root.contains("max_text_bytes")) {
    double bytes = 0;
    if (!ReadNumber(root["max_text_bytes"], "max_text_bytes", 1, 1e9, &bytes, error)) return false;
    settings->max_text_bytes = static_cast<size_t>(bytes);
  }
  if (!ReadStrings(root.value("phone_regions", nlohmann::json()), "phone_regions", &settings->phone_regions, error) ||
      !ReadStrings(root.value("enabled_recognizers", nlohmann::json()), "enabled_recognizers",
                   &settings->enabled_recognizers, error) ||
      !ReadStrings(root.value("disabled_recognizers", nlohmann::json()), "disabled_recognizers",
                   &settings->disabled_recognizers, error) ||
      !ReadStrings(root.value("disabled_entities", nlohmann::json()), "disabled_entities", &settings->disabled_entities,
                   error) ||
      !ReadStrings(root.value("allow_list", nlohmann::json()), "allow_list", &settings->allow_list, error)) {
    return false;
  }
  if (root.contains("context_words") && !root["context_words"].is_null()) {
    if (!root["context_words"].is_object()) {
      *error = "setting 'context_words' must map entity types to lists of words";
      return false;
    }
    for (const auto& item : root["context_words"].items()) {
      std::vector<std::string> words;
      if (!ReadStrings(item.value(), "context_words." + item.key(), &words, error)) return false;
      settings->context_words[item.key()] = words;
    }
  }
  if (root.contains("ner") && !root["ner"].is_null()) {
    const nlohmann::json& ner = root["ner"];
    static const std::set<std::string> kNerKeys = {"enabled", "model_dir", "entities", "torch_threads", "score"};
    if (!ner.is_object()) {
      *error = "setting 'ner' must be a mapping";
      return false;
    }
    for (const auto& item : ner.items()) {
      if (kNerKeys.count(item.key()) == 0) {
        *error = "unknown setting 'ner." + item.key() + "'";
        return false;
      }
    }
    if (ner.contains("enabled")) {
      if (!ner["enabled"].is_boolean()) {
        *error = "setting 'ner.enabled' must be true or false";
        return false;
      }
      settings->ner_enabled = ner["enabled"].get<bool>();
    }
    if (ner.contains("model_dir")) {
      if (!ner["model_dir"].is_string() || ner["model_dir"].get<std::string>().empty()) {
        *error = "setting 'ner.model_dir' must be a path";
        return false;
      }
      settings->ner_model_dir = ner["model_dir"].get<std::string>();
      if (settings->ner_model_dir[0] != '/' && !models_dir.empty()) {
        settings->ner_model_dir = models_dir + "/" + settings->ner_model_dir;
      }
    }
    if (ner.contains("entities")) {
      settings->ner_entities.clear();
      if (!ReadStrings(ner["entities"], "ner.entities", &settings->ner_entities, error)) return false;
    }
    if (ner.contains("torch_threads")) {
      double threads = 0;
      if (!ReadNumber(ner["torch_threads"], "ner.torch_threads", 0, 256, &threads, error)) return false;
      settings->ner_torch_threads = static_cast<int>(threads);
    }
    if (ner.contains("score")) {
      if (ner["score"].is_null()) {
        settings->ner_score = -1.0;
      } else if (!ReadNumber(ner["score"], "ner.score", 0.0, 1.0, &settings->ner_score, error)) {
        return false;
      }
    }
    if (settings->ner_enabled && settings->ner_model_dir.empty()) {
      *error = "setting 'ner.model_dir' is required when ner.enabled is true";
      return false;
    }
  }
  if (root.contains("custom_recognizers") && !root["custom_recognizers"].is_null()) {
    if (!root["custom_recognizers"].is_array()) {
      *error = "setting 'custom_recognizers' must be a list";
      return false;
    }
    for (const auto& spec : root["custom_recognizers"]) settings->custom_recognizers.push_back(spec);
  }
  return true;
}

}  // namespace presidio
