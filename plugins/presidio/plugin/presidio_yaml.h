// presidio_yaml.h -- reads Presidio's own configuration YAML (the `presidio_config` module setting):
// an analyzer configuration (supported_languages, default_score_threshold, nlp_configuration,
// recognizer_registry), a recognizer-registry configuration (supported_languages,
// global_regex_flags, supported_countries, recognizers) or an NLP-engine configuration
// (nlp_engine_name, models), validated as Presidio 2.2.363 validates them. The result names, per
// configured language, the recognizers to run: catalogue recognizers (predefined), pattern and
// deny-list recognizers (custom) and Sentinel's NER tagger standing for Presidio's NLP recognizer.
// Anything Sentinel cannot run is an error naming FILE:LINE:COLUMN.
#ifndef PRESIDIO_PLUGIN_PRESIDIO_YAML_H_
#define PRESIDIO_PLUGIN_PRESIDIO_YAML_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace presidio {

// One recognizer instance for one language, in the order of the file.
struct YamlRecognizer {
  enum class Kind { kPredefined, kCustom, kNer };
  Kind kind = Kind::kPredefined;
  std::string name;        // the instance name GET /presidio/recognizers reports
  std::string class_name;  // predefined: the catalogue class; NER: Presidio's class (SpacyRecognizer, ...)
  std::string language;
  std::optional<std::vector<std::string>> context;  // replaces the class's context words when set
  std::optional<std::string> entity;                // predefined: `supported_entity` as written
  nlohmann::ordered_json custom;                    // custom: the ad-hoc recognizer spec
  bool implicit = false;  // NER: added because Presidio adds its NLP engine's recognizer unasked
  std::string where;      // FILE:LINE:COLUMN of the entry
};

struct PresidioConfig {
  std::string path;
  std::string kind;  // "analyzer", "recognizer registry" or "nlp engine"
  std::vector<std::string> supported_languages;
  std::optional<double> default_score_threshold;
  int global_regex_flags = 26;  // re.DOTALL | re.MULTILINE | re.IGNORECASE
  // True when the file lists no recognizers: Presidio then loads its default_recognizers.yaml, which
  // is the catalogue's defaults for each language (only the NER entries are in `recognizers`).
  bool default_registry = true;
  std::vector<YamlRecognizer> recognizers;            // enabled ones, each for a configured language
  std::vector<std::string> nlp_languages;             // languages of the NLP engine's models (default: en)
  std::optional<std::vector<std::string>> countries;  // supported_countries, lower-case; unset: no filter
};

// Reads `path`. `module_languages` is the module's `supported_languages` setting (empty: not set); it
// gives the languages when the file has none, and must agree with the file's when both are set.
// False with `error` set (FILE:LINE:COLUMN: message) when Presidio would refuse the file or
// Sentinel cannot run what it asks for.
bool ReadPresidioConfig(const std::string& path, const std::vector<std::string>& module_languages,
                        PresidioConfig* config, std::string* error);

// Presidio's language-code check, ^[a-z]{2}(-[A-Z]{2})?$ ("en", "en-US").
bool IsValidLanguageCode(const std::string& code);

}  // namespace presidio

#endif  // PRESIDIO_PLUGIN_PRESIDIO_YAML_H_
