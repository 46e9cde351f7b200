#include "plugin/presidio_yaml.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "core/recognizer_catalogue.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

// Presidio's recognizers that stand on an NLP engine or model: Sentinel's NER tagger plays their part.
const std::set<std::string> kNerClasses = {"SpacyRecognizer", "StanzaRecognizer", "TransformersRecognizer",
                                           "GLiNERRecognizer"};
// Presidio recognizers that need a hub model, an LLM or a cloud service: refused when enabled.
const std::set<std::string> kModelClasses = {
    "HuggingFaceNerRecognizer", "BasicLangExtractRecognizer", "AzureOpenAILangExtractRecognizer",
    "LangExtractRecognizer",    "AzureAILanguageRecognizer",  "AHDSRecognizer",
    "MedicalNERRecognizer",     "OllamaLangExtractRecognizer"};
// What the NER tagger reports.
const std::set<std::string> kNerEntities = {"PERSON", "LOCATION", "NRP", "ORGANIZATION"};

std::string LanguageCodeError(const std::string& code) {
  return "Invalid language code format: " + code + ". Expected format: 'en' or 'en-US'";
}

class Reader {
 public:
  Reader(std::string path, std::string* error) : path_(std::move(path)), error_(error) {}

  std::string Where(const YAML::Node& node) const { return Where(node.Mark()); }
  std::string Where(const YAML::Mark& mark) const {
    if (mark.is_null()) return path_;
    return path_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }
  bool Fail(const YAML::Node& node, const std::string& message) {
    *error_ = Where(node) + ": " + message;
    return false;
  }

  bool String(const YAML::Node& node, const std::string& what, std::string* out) {
    if (!node.IsScalar() || (node.Tag() != "!" && node.Scalar() == "~")) return Fail(node, what + " must be a string");
    *out = node.Scalar();
    return true;
  }
  bool Strings(const YAML::Node& node, const std::string& what, std::vector<std::string>* out) {
    if (node.IsNull()) return true;
    if (!node.IsSequence()) return Fail(node, what + " must be a list of strings");
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) return Fail(item, what + " must be a list of strings");
      out->push_back(item.Scalar());
    }
    return true;
  }
  bool Number(const YAML::Node& node, const std::string& what, double low, double high, double* out) {
    double value = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || node.Scalar() == "true" ||
        node.Scalar() == "false") {
      return Fail(node, what + " must be a number");
    }
    if (!(value >= low && value <= high)) {  // NaN fails too
      return Fail(node, what + " must be between " + Trim(low) + " and " + Trim(high) + ", got: " + node.Scalar());
    }
    *out = value;
    return true;
  }
  bool Bool(const YAML::Node& node, const std::string& what, bool* out) {
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, *out))
      return Fail(node, what + " must be true or false");
    return true;
  }
  bool Languages(const YAML::Node& node, const std::string& what, std::vector<std::string>* out) {
    if (!node.IsSequence()) return Fail(node, what + " must be a list of language codes");
    for (const YAML::Node& item : node) {
      std::string code;
      if (!String(item, what + " entries", &code)) return false;
      if (!IsValidLanguageCode(code)) return Fail(item, LanguageCodeError(code));
      out->push_back(code);
    }
    return true;
  }

  bool Read(const std::vector<std::string>& module_languages, PresidioConfig* config);

 private:
  static std::string Trim(double v) {
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (s.back() == '.') s += "0";
    return s;
  }
  bool ReadNlp(const YAML::Node& nlp, PresidioConfig* config);
  bool ReadRegistry(const YAML::Node& registry, PresidioConfig* config);
  bool ReadRecognizer(const YAML::Node& entry, const PresidioConfig& config, const std::vector<std::string>& countries,
                      bool filter_countries, std::vector<YamlRecognizer>* out, std::set<std::string>* ner_disabled);

  std::string path_;
  std::string* error_;
  std::string nlp_class_ = "SpacyRecognizer";  // the NLP engine's recognizer Presidio adds unasked
};

// Levenshtein distance, for "did you mean" on a misspelt class name.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string KeyList(const std::vector<std::string>& keys) {
  std::string out = "[";
  for (size_t i = 0; i < keys.size(); ++i) out += (i ? ", '" : "'") + keys[i] + "'";
  return out + "]";
}

bool Reader::Read(const std::vector<std::string>& module_languages, PresidioConfig* config) {
  config->path = path_;
  YAML::Node loaded;
  try {
    loaded = YAML::LoadFile(path_);
  } catch (const YAML::BadFile&) {
    *error_ = "presidio_config: cannot read '" + path_ + "'";
    return false;
  } catch (const YAML::ParserException& e) {
    *error_ = Where(e.mark) + ": Failed to parse file: " + e.msg;
    return false;
  }
  const YAML::Node root = loaded;  // const: lookups of absent keys must not add them
  if (!root.IsMap()) {
    const char* type = root.IsSequence() ? "list" : root.IsNull() ? "NoneType" : "scalar";
    return Fail(root, std::string("The configuration should be a valid YAML mapping, got a ") + type);
  }
  static const std::set<std::string> kAnalyzerKeys = {"supported_languages", "default_score_threshold",
                                                      "recognizer_score_thresholds", "nlp_configuration",
                                                      "recognizer_registry"};
  static const std::set<std::string> kRegistryKeys = {"supported_languages", "global_regex_flags",
                                                      "supported_countries", "recognizers"};
  static const std::set<std::string> kNlpKeys = {"nlp_engine_name", "models", "ner_model_configuration"};
  std::vector<std::string> keys;
  bool registry_shape = false, nlp_shape = false, analyzer_shape = false;
  for (const auto& item : root) {
    const std::string key = item.first.Scalar();
    keys.push_back(key);
    if (key == "recognizers" || key == "global_regex_flags" || key == "supported_countries") registry_shape = true;
    if (kNlpKeys.count(key)) nlp_shape = true;
    if (kAnalyzerKeys.count(key)) analyzer_shape = true;
  }
  if (!registry_shape && !nlp_shape && !analyzer_shape) {
    return Fail(root, "Configuration file " + path_ +
                          " does not contain any of the mandatory keys: ['recognizers']. Found keys: " + KeyList(keys));
  }
  const std::set<std::string>& allowed =
      registry_shape ? kRegistryKeys : (nlp_shape && !root["supported_languages"] ? kNlpKeys : kAnalyzerKeys);
  config->kind = registry_shape ? "recognizer registry" : (&allowed == &kNlpKeys ? "nlp engine" : "analyzer");
  for (const auto& item : root) {
    if (allowed.count(item.first.Scalar()) == 0) {
      std::vector<std::string> valid(allowed.begin(), allowed.end());
      return Fail(item.first, "Unknown configuration key '" + item.first.Scalar() + "' in " + config->kind +
                                  " configuration. Valid keys are: " + KeyList(valid));
    }
  }
  if (registry_shape && !root["recognizers"]) {
    return Fail(root, "Configuration file " + path_ +
                          " does not contain any of the mandatory keys: ['recognizers']. Found keys: " + KeyList(keys));
  }

  // Languages: the file's, else the module's, else English (Presidio's default_analyzer.yaml).
  bool file_languages = false;
  if (root["supported_languages"] && !root["supported_languages"].IsNull()) {
    if (!Languages(root["supported_languages"], "supported_languages", &config->supported_languages)) return false;
    file_languages = true;
  } else if (root["recognizer_registry"] && root["recognizer_registry"].IsMap() &&
             root["recognizer_registry"]["supported_languages"] && config->kind == "analyzer") {
    // Presidio replaces the registry's languages with the analyzer's (default: en); read for validation only.
    std::vector<std::string> ignored;
    if (!Languages(root["recognizer_registry"]["supported_languages"], "supported_languages", &ignored)) return false;
  }
  if (file_languages && !module_languages.empty() && module_languages != config->supported_languages) {
    if (config->kind == "analyzer") {
      return Fail(root["supported_languages"],
                  "supported_languages differs from the module setting 'supported_languages'; set it in one place");
    }
    // A registry file's languages give way to the module's, as Presidio's give way to the analyzer's.
    config->supported_languages = module_languages;
  }
  if (!file_languages)
    config->supported_languages = module_languages.empty() ? std::vector<std::string>{"en"} : module_languages;

  if (root["default_score_threshold"]) {
    double threshold = 0;
    if (!Number(root["default_score_threshold"], "default_score_threshold", 0.0, 1.0, &threshold)) return false;
    config->default_score_threshold = threshold;
  }
  if (root["recognizer_score_thresholds"]) {
    return Fail(root["recognizer_score_thresholds"],
                "recognizer_score_thresholds is not supported by Sentinel; use default_score_threshold or the "
                "request's score_threshold");
  }
  if (config->kind == "nlp engine") {
    if (!ReadNlp(root, config)) return false;
  } else if (root["nlp_configuration"]) {
    if (!ReadNlp(root["nlp_configuration"], config)) return false;
  } else {
    config->nlp_languages = {"en"};
  }
  if (config->kind == "recognizer registry") return ReadRegistry(root, config);
  if (root["recognizer_registry"] && !root["recognizer_registry"].IsNull()) {
    return ReadRegistry(root["recognizer_registry"], config);
  }
  YAML::Node none;
  return ReadRegistry(none, config);
}

bool Reader::ReadNlp(const YAML::Node& nlp, PresidioConfig* config) {
  if (!nlp.IsMap()) return Fail(nlp, "NLP configuration must be a dictionary");
  for (const char* field : {"nlp_engine_name", "models"}) {
    if (!nlp[field]) return Fail(nlp, std::string("NLP configuration missing required fields: ['") + field + "']");
  }
  for (const auto& item : nlp) {
    const std::string key = item.first.Scalar();
    if (key != "nlp_engine_name" && key != "models" && key != "ner_model_configuration") {
      return Fail(item.first, "Unknown key '" + key + "' in the NLP configuration");
    }
  }
  std::string engine;
  if (!String(nlp["nlp_engine_name"], "nlp_engine_name", &engine)) return false;
  if (engine == "spacy" || engine == "slim") {
    nlp_class_ = engine == "slim" ? "" : "SpacyRecognizer";  // the slim engine tokenizes only
  } else if (engine == "stanza") {
    nlp_class_ = "StanzaRecognizer";
  } else if (engine == "transformers") {
    nlp_class_ = "TransformersRecognizer";
  } else {
    return Fail(nlp["nlp_engine_name"],
                "NLP engine '" + engine + "' is not available; choose spacy, stanza, transformers or slim");
  }
  const YAML::Node models = nlp["models"];
  if (!models.IsSequence() || models.size() == 0) return Fail(models, "Models must be a non-empty list");
  for (const YAML::Node& model : models) {
    if (!model.IsMap()) return Fail(model, "Each model must be a dictionary");
    if (!model["lang_code"] || !model["model_name"])
      return Fail(model, "Each model must have 'lang_code' and 'model_name'");
    std::string code;
    if (!String(model["lang_code"], "lang_code", &code)) return false;
    config->nlp_languages.push_back(code);
  }
  if (nlp["ner_model_configuration"] && !nlp["ner_model_configuration"].IsMap() &&
      !nlp["ner_model_configuration"].IsNull()) {
    return Fail(nlp["ner_model_configuration"], "ner_model_configuration must be a mapping");
  }
  return true;
}

bool Reader::ReadRegistry(const YAML::Node& registry, PresidioConfig* config) {
  std::vector<std::string> countries;
  bool filter_countries = false;
  if (registry && !registry.IsNull()) {
    if (!registry.IsMap()) return Fail(registry, "recognizer_registry must be a mapping");
    static const std::set<std::string> kKeys = {"supported_languages", "global_regex_flags", "supported_countries",
                                                "recognizers"};
    for (const auto& item : registry) {
      if (kKeys.count(item.first.Scalar()) == 0) {
        return Fail(item.first, "Extra inputs are not permitted: '" + item.first.Scalar() +
                                    "' in the recognizer registry configuration");
      }
    }
    if (registry["global_regex_flags"] && !registry["global_regex_flags"].IsNull()) {
      double flags = 0;
      if (!Number(registry["global_regex_flags"], "global_regex_flags", 0, 1 << 30, &flags)) return false;
      if (flags != static_cast<int>(flags))
        return Fail(registry["global_regex_flags"], "global_regex_flags must be an integer");
      config->global_regex_flags = static_cast<int>(flags);
    }
    if (registry["supported_countries"] && !registry["supported_countries"].IsNull()) {
      if (!Strings(registry["supported_countries"], "supported_countries", &countries)) return false;
      for (std::string& c : countries) {
        c = AsciiLower(c);
        if (c.empty()) return Fail(registry["supported_countries"], "Country codes must be non-empty strings");
      }
      filter_countries = true;
      config->countries = countries;
    }
  }
  // Copied, never assigned: an absent key is an invalid node, which yaml-cpp refuses to assign.
  const YAML::Node recognizers = registry && registry.IsMap() ? registry["recognizers"] : YAML::Node();
  std::set<std::string> ner_disabled;  // NLP recognizer classes the file switches off
  if (recognizers && !recognizers.IsNull()) {
    if (!recognizers.IsSequence()) return Fail(recognizers, "Recognizers must be a list");
    if (recognizers.size() == 0) {
      return Fail(recognizers,
                  "The 'recognizers' field must contain at least one recognizer. Found an empty recognizers list.");
    }
    config->default_registry = false;
    for (const YAML::Node& entry : recognizers) {
      if (!ReadRecognizer(entry, *config, countries, filter_countries, &config->recognizers, &ner_disabled)) {
        return false;
      }
    }
  } else if (registry && registry["recognizers"] && registry["recognizers"].IsNull()) {
    return Fail(registry["recognizers"],
                "Configuration error: 'recognizers' is required. Please provide a list of "
                "recognizers in the configuration.");
  }
  // Presidio adds its NLP engine's recognizer for each NLP language that has none, unless switched off.
  if (!nlp_class_.empty() && ner_disabled.count(nlp_class_) == 0) {
    for (const std::string& language : config->nlp_languages) {
      if (std::find(config->supported_languages.begin(), config->supported_languages.end(), language) ==
          config->supported_languages.end()) {
        continue;
      }
      bool present = std::any_of(config->recognizers.begin(), config->recognizers.end(), [&](const YamlRecognizer& r) {
        return r.kind == YamlRecognizer::Kind::kNer && r.language == language;
      });
      if (present) continue;
      YamlRecognizer ner;
      ner.kind = YamlRecognizer::Kind::kNer;
      ner.name = ner.class_name = nlp_class_;
      ner.language = language;
      ner.implicit = true;
      ner.where = path_;
      config->recognizers.push_back(std::move(ner));
    }
  }
  return true;
}

bool Reader::ReadRecognizer(const YAML::Node& entry, const PresidioConfig& config,
                            const std::vector<std::string>& countries, bool filter_countries,
                            std::vector<YamlRecognizer>* out, std::set<std::string>* ner_disabled) {
  auto configured = [&](const std::string& language) {
    return std::find(config.supported_languages.begin(), config.supported_languages.end(), language) !=
           config.supported_languages.end();
  };
  // A bare name is a predefined recognizer (Presidio validates it and then loads nothing for it).
  if (entry.IsScalar()) {
    const std::string name = entry.Scalar();
    const CatalogueEntry* found = FindRecognizer(name);
    if (found == nullptr) return Fail(entry, "Predefined recognizer '" + name + "' not found");
    for (const std::string& language : config.supported_languages) {
      if (filter_countries && !found->country.empty() &&
          std::find(countries.begin(), countries.end(), found->country) == countries.end()) {
        continue;
      }
      YamlRecognizer r;
      r.name = r.class_name = name;
      r.language = language;
      r.where = Where(entry);
      out->push_back(std::move(r));
    }
    return true;
  }
  if (!entry.IsMap()) return Fail(entry, "a recognizer must be a mapping or a recognizer name");
  static const std::set<std::string> kKeys = {"name",
                                              "class_name",
                                              "type",
                                              "enabled",
                                              "supported_language",
                                              "supported_languages",
                                              "context",
                                              "supported_entity",
                                              "supported_entities",
                                              "country_code",
                                              "patterns",
                                              "deny_list",
                                              "deny_list_score",
                                              "version"};
  // Constructor arguments of the model-backed recognizers (accepted; the NER tagger has its own model).
  static const std::set<std::string> kModelKeys = {
      "model_name",    "tokenizer_name", "label_mapping",   "threshold",           "aggregation_strategy",
      "chunk_overlap", "chunk_size",     "device",          "label_prefixes",      "flat_ner",
      "multi_label",   "map_location",   "load_onnx_model", "onnx_model_file",     "entity_mapping",
      "model_path",    "config_path",    "ner_strength",    "default_explanation", "check_label_groups"};
  std::string type;
  if (entry["type"] && !String(entry["type"], "type", &type)) return false;
  const bool has_patterns = entry["patterns"] || entry["deny_list"];
  if (type.empty()) type = has_patterns ? "custom" : "predefined";
  if (type != "predefined" && type != "custom") {
    return Fail(entry["type"], "Invalid recognizer type: " + type + ". Must be 'predefined' or 'custom'.");
  }
  std::string name, class_name;
  if (entry["name"] && !String(entry["name"], "name", &name)) return false;
  if (entry["class_name"] && !entry["class_name"].IsNull() && !String(entry["class_name"], "class_name", &class_name)) {
    return false;
  }
  const std::string cls = class_name.empty() ? name : class_name;
  const bool ner = type == "predefined" && (kNerClasses.count(cls) || kModelClasses.count(cls));
  for (const auto& item : entry) {
    const std::string key = item.first.Scalar();
    if (kKeys.count(key) == 0 && !(ner && kModelKeys.count(key))) {
      return Fail(item.first, "unknown key '" + key + "' in recognizer '" + (cls.empty() ? "?" : cls) + "'");
    }
  }
  if (type == "predefined" && has_patterns) {
    return Fail(entry, "Recognizer '" + name +
                           "' is marked as 'predefined' but contains 'patterns' or 'deny_list' which are only valid "
                           "for custom recognizers. Either use type: 'custom' or remove these fields.");
  }
  bool enabled = true;
  if (entry["enabled"] && !Bool(entry["enabled"], "enabled", &enabled)) return false;

  // Languages: a single `supported_language`, a list of codes, or a list of {language, context}.
  if (entry["supported_language"] && entry["supported_languages"] && !entry["supported_language"].IsNull() &&
      !entry["supported_languages"].IsNull()) {
    return Fail(entry, "Cannot specify both 'supported_language' and 'supported_languages'");
  }
  if (entry["supported_entity"] && entry["supported_entities"]) {
    return Fail(entry, "Recognizer " + cls + " has both 'supported_entity' and 'supported_entities' specified.");
  }
  std::optional<std::vector<std::string>> global_context;
  if (entry["context"] && !entry["context"].IsNull()) {
    global_context.emplace();
    if (!Strings(entry["context"], "context", &*global_context)) return false;
  }
  struct Lang {
    std::string code;
    std::optional<std::vector<std::string>> context;
  };
  std::vector<Lang> languages;
  const YAML::Node many = entry["supported_languages"];
  if (many && !many.IsNull()) {
    if (!many.IsSequence() || many.size() == 0) return Fail(many, "supported_languages must be a non-empty list");
    if (global_context && many.size() > 1) {
      return Fail(entry["context"],
                  "Global context can only be used with a single language. For multiple languages, define context "
                  "in language-specific configurations.");
    }
    for (const YAML::Node& item : many) {
      Lang lang;
      if (item.IsMap()) {
        for (const auto& field : item) {
          if (field.first.Scalar() != "language" && field.first.Scalar() != "context") {
            return Fail(field.first, "unknown key '" + field.first.Scalar() + "' in a supported_languages entry");
          }
        }
        if (!item["language"]) return Fail(item, "a supported_languages entry needs 'language'");
        if (!String(item["language"], "language", &lang.code)) return false;
        if (item["context"] && !item["context"].IsNull()) {
          lang.context.emplace();
          if (!Strings(item["context"], "context", &*lang.context)) return false;
        }
      } else if (!String(item, "supported_languages entries", &lang.code)) {
        return false;
      }
      if (!IsValidLanguageCode(lang.code)) return Fail(item, LanguageCodeError(lang.code));
      if (!lang.context) lang.context = global_context;
      languages.push_back(std::move(lang));
    }
  } else if (entry["supported_language"] && !entry["supported_language"].IsNull()) {
    Lang lang;
    if (!String(entry["supported_language"], "supported_language", &lang.code)) return false;
    if (!IsValidLanguageCode(lang.code)) {
      return Fail(entry["supported_language"], LanguageCodeError(lang.code));
    }
    lang.context = global_context;
    languages.push_back(std::move(lang));
  } else {
    if (type == "custom" && config.supported_languages.empty()) {
      return Fail(entry, "Language configuration missing for custom recognizer '" + name + "'");
    }
    for (const std::string& code : config.supported_languages) languages.push_back({code, global_context});
  }
  std::string country;
  if (entry["country_code"] && !entry["country_code"].IsNull()) {
    if (!String(entry["country_code"], "country_code", &country) || country.empty()) {
      return Fail(entry["country_code"], "Recognizer '" + cls + "': country_code must be a non-empty string");
    }
    country = AsciiLower(country);
  }
  const bool country_kept =
      !filter_countries || country.empty() || std::find(countries.begin(), countries.end(), country) != countries.end();

  if (type == "custom") {
    if (name.empty()) return Fail(entry, "a custom recognizer needs a 'name'");
    if (FindRecognizer(name) != nullptr || kNerClasses.count(name) || kModelClasses.count(name)) {
      return Fail(entry["name"], "Recognizer '" + name +
                                     "' conflicts with a predefined recognizer. Custom recognizers cannot use the "
                                     "same name as predefined recognizers. Either use type: 'predefined' or choose a "
                                     "different name for your custom recognizer.");
    }
    std::string entity;
    if (entry["supported_entity"]) {
      if (!String(entry["supported_entity"], "supported_entity", &entity)) return false;
    } else if (entry["supported_entities"]) {
      std::vector<std::string> entities;
      if (!Strings(entry["supported_entities"], "supported_entities", &entities)) return false;
      if (!entities.empty()) entity = entities[0];
    }
    if (entity.empty()) return Fail(entry, "custom recognizer '" + name + "' needs 'supported_entity'");
    nlohmann::ordered_json patterns = nlohmann::ordered_json::array();
    if (entry["patterns"] && !entry["patterns"].IsNull()) {
      if (!entry["patterns"].IsSequence()) return Fail(entry["patterns"], "Patterns should be a list");
      for (const YAML::Node& p : entry["patterns"]) {
        if (!p.IsMap()) return Fail(p, "Pattern should be a dict");
        for (const auto& field : p) {
          const std::string key = field.first.Scalar();
          if (key != "name" && key != "regex" && key != "score")
            return Fail(field.first, "unknown pattern key '" + key + "'");
        }
        for (const char* field : {"name", "regex", "score"}) {
          if (!p[field]) return Fail(p, std::string("Pattern should contain a ") + field + " field");
        }
        std::string pattern_name, regex;
        double score = 0;
        if (!String(p["name"], "pattern name", &pattern_name) || !String(p["regex"], "regex", &regex) ||
            !Number(p["score"], "Pattern score", 0.0, 1.0, &score)) {
          return false;
        }
        patterns.push_back({{"name", pattern_name}, {"regex", regex}, {"score", score}});
      }
    }
    std::vector<std::string> deny_list;
    if (entry["deny_list"] && !Strings(entry["deny_list"], "deny_list", &deny_list)) return false;
    if (patterns.empty() && deny_list.empty()) {
      return Fail(entry, "Custom recognizer must have at least one of 'patterns' or 'deny_list'");
    }
    double deny_list_score = 1.0;  // PatternRecognizer's default
    if (entry["deny_list_score"] && !Number(entry["deny_list_score"], "deny_list_score", 0.0, 1.0, &deny_list_score)) {
      return false;
    }
    if (!enabled || !country_kept) return true;
    for (const Lang& lang : languages) {
      if (!configured(lang.code)) continue;  // Presidio: "Recognizer not added to registry"
      YamlRecognizer r;
      r.kind = YamlRecognizer::Kind::kCustom;
      r.name = name;
      r.language = lang.code;
      r.where = Where(entry);
      nlohmann::ordered_json spec;
      spec["name"] = name;
      spec["supported_language"] = lang.code;
      spec["supported_entity"] = entity;
      if (!patterns.empty()) spec["patterns"] = patterns;
      if (!deny_list.empty()) {
        spec["deny_list"] = deny_list;
        spec["deny_list_score"] = deny_list_score;
      }
      if (lang.context) spec["context"] = *lang.context;
      spec["global_regex_flags"] = config.global_regex_flags;
      r.custom = std::move(spec);
      out->push_back(std::move(r));
    }
    return true;
  }

  // Predefined.
  if (cls.empty()) return Fail(entry, "Predefined recognizer requires either 'name' or 'class_name'.");
  if (kNerClasses.count(cls) || kModelClasses.count(cls)) {
    if (!enabled) {
      ner_disabled->insert(cls);  // Presidio removes that class's recognizers, the NLP engine's included
      return true;
    }
    if (kModelClasses.count(cls)) {
      return Fail(entry, "recognizer '" + cls +
                             "' needs a hub model, an LLM or a cloud service, which Sentinel does not run; set "
                             "enabled: false (PERSON/LOCATION/NRP come from Sentinel's NER tagger, SpacyRecognizer)");
    }
    std::vector<std::string> entities;
    if (entry["supported_entity"]) {
      std::string one;
      if (!String(entry["supported_entity"], "supported_entity", &one)) return false;
      entities.push_back(one);
    } else if (entry["supported_entities"] && !Strings(entry["supported_entities"], "supported_entities", &entities)) {
      return false;
    }
    if (entry["entity_mapping"] && entry["entity_mapping"].IsMap()) {
      for (const auto& item : entry["entity_mapping"]) entities.push_back(item.second.Scalar());
    }
    for (const std::string& entity : entities) {
      if (kNerEntities.count(entity) == 0) {
        return Fail(entry, "recognizer '" + cls +
                               "' stands for Sentinel's NER tagger, which finds PERSON, LOCATION, "
                               "NRP and ORGANIZATION; it cannot find '" +
                               entity + "'");
      }
    }
    for (const Lang& lang : languages) {
      if (!configured(lang.code)) continue;
      if (lang.code != "en") {
        return Fail(entry, "recognizer '" + cls + "' for language '" + lang.code +
                               "': Sentinel's NER tagger serves English only");
      }
      YamlRecognizer r;
      r.kind = YamlRecognizer::Kind::kNer;
      r.name = name.empty() ? cls : name;
      r.class_name = cls;
      r.language = lang.code;
      r.where = Where(entry);
      out->push_back(std::move(r));
    }
    return true;
  }
  const CatalogueEntry* found = FindRecognizer(cls);
  if (found == nullptr) {
    std::string message = "Predefined recognizer '" + cls + "' not found";
    for (const CatalogueEntry& e : RecognizerCatalogue()) {
      if (EditDistance(AsciiLower(e.name), AsciiLower(cls)) <= 2) {
        message += " (did you mean '" + e.name + "'?)";
        break;
      }
    }
    return Fail(class_name.empty() ? (entry["name"] ? entry["name"] : entry) : entry["class_name"], message);
  }
  if (!country.empty() && country != found->country) {
    return Fail(entry["country_code"], "Recognizer '" + cls + "': YAML country_code: '" + country +
                                           "' disagrees with the recognizer's country '" +
                                           (found->country.empty() ? std::string("(none)") : found->country) + "'");
  }
  std::optional<std::string> entity;
  if (entry["supported_entity"] && !entry["supported_entity"].IsNull()) {
    entity.emplace();
    if (!String(entry["supported_entity"], "supported_entity", &*entity)) return false;
  } else if (entry["supported_entities"] && !entry["supported_entities"].IsNull()) {
    std::vector<std::string> entities;
    if (!Strings(entry["supported_entities"], "supported_entities", &entities)) return false;
    if (!entities.empty()) entity = entities[0];
  }
  if (!enabled) return true;
  if (filter_countries && !found->country.empty() &&
      std::find(countries.begin(), countries.end(), found->country) == countries.end()) {
    return true;
  }
  for (const Lang& lang : languages) {
    if (!configured(lang.code)) continue;
    YamlRecognizer r;
    r.name = name.empty() ? cls : name;
    r.class_name = cls;
    r.language = lang.code;
    r.context = lang.context;
    r.entity = entity;
    r.where = Where(entry);
    out->push_back(std::move(r));
  }
  return true;
}

}  // namespace

bool IsValidLanguageCode(const std::string& code) {
  // Presidio's ^[a-z]{2}(-[A-Z]{2})?$: "en", "en-US".
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (code.size() != 2 && code.size() != 5) return false;
  if (!lower(code[0]) || !lower(code[1])) return false;
  return code.size() == 2 || (code[2] == '-' && upper(code[3]) && upper(code[4]));
}

bool ReadPresidioConfig(const std::string& path, const std::vector<std::string>& module_languages,
                        PresidioConfig* config, std::string* error) {
  *config = PresidioConfig();
  try {
    Reader reader(path, error);
    return reader.Read(module_languages, config);
  } catch (const YAML::Exception& e) {
    *error = path +
             (e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1)) +
             ": " + e.msg;
    return false;
  }
}

}  // namespace presidio
