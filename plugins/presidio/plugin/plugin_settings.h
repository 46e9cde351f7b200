// plugin_settings.h -- the presidio module's `settings:` (module YAML, received as JSON), parsed and
// checked at activation. Unknown keys are refused so that a typo does not silently change nothing.
#ifndef PRESIDIO_PLUGIN_PLUGIN_SETTINGS_H_
#define PRESIDIO_PLUGIN_PLUGIN_SETTINGS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace presidio {

struct PluginSettings {
  std::string publicsuffix_path = "/usr/share/publicsuffix/public_suffix_list.dat";
  double default_score_threshold = 0.0;
  std::vector<std::string> phone_regions;        // empty: the default regions
  // Presidio class names (core/recognizer_catalogue.h), "default" or "all"; empty: Presidio's defaults.
  std::vector<std::string> enabled_recognizers;
  std::vector<std::string> disabled_recognizers;
  std::vector<std::string> disabled_entities;
  std::map<std::string, std::vector<std::string>> context_words;  // entity -> extra context words
  std::vector<std::string> allow_list;
  std::vector<nlohmann::json> custom_recognizers;  // ad-hoc recognizer shape
  double context_similarity_factor = 0.35;
  double min_score_with_context = 0.4;
  int context_prefix_count = 5;
  size_t max_text_bytes = 8u << 20;
  // The key of the "pseudonymize" operator (anonymizer/pseudonym.h); relative: to the config folder. Empty: none.
  std::string pseudonym_key_file;
  // Presidio's analyzer / recognizer-registry YAML (plugin/presidio_yaml.h); relative: to the config folder.
  std::string presidio_config;
  std::vector<std::string> supported_languages;  // empty: the file's, else ["en"]
  // The LibTorch NER recognizer (plugins/presidio/ner), when the plugin is built with it.
  bool ner_enabled = false;
  std::string ner_model_dir;  // relative: to the host's models_dir
  std::vector<std::string> ner_entities = {"PERSON", "LOCATION", "NRP"};
  int ner_torch_threads = 0;
  double ner_score = 0.85;  // Presidio's fixed spaCy score; a negative value keeps the tagger's calibrated score
};

// `config_dir` resolves a relative publicsuffix_path and `models_dir` a relative ner.model_dir.
// False with `error` set on any invalid value.
bool ParsePluginSettings(const std::string& settings_json, const std::string& config_dir, const std::string& models_dir,
                         PluginSettings* settings, std::string* error);

}  // namespace presidio

#endif  // PRESIDIO_PLUGIN_PLUGIN_SETTINGS_H_
