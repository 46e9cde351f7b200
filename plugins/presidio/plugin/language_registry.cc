#include "plugin/language_registry.h"

#include <algorithm>

#include "core/ad_hoc_recognizers.h"

namespace presidio {

namespace {

bool Listed(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// One catalogue recognizer for `language`, with Presidio's per-language context where it has one.
std::unique_ptr<Recognizer> CreateDefault(const CatalogueEntry& entry, const std::string& language,
                                          const RecognizerDeps& deps, std::string* error) {
  std::unique_ptr<Recognizer> recognizer = entry.create(deps, error);
  if (recognizer == nullptr) return nullptr;
  if (auto context = DefaultLanguageContext(entry.name, language)) recognizer->set_context(*context);
  return recognizer;
}

bool BuildFromSettings(const std::vector<std::string>& languages, const std::vector<std::string>& enabled,
                       const std::vector<std::string>& disabled, const RecognizerDeps& deps,
                       std::vector<LanguageRecognizers>* out, std::string* error) {
  for (const std::string& language : languages) {
    std::vector<const CatalogueEntry*> selected;
    if (!SelectRecognizers(enabled, disabled, language, &selected, error)) return false;
    LanguageRecognizers lang;
    lang.language = language;
    lang.ner = language == "en";
    lang.ner_name = "SpacyRecognizer";
    for (const CatalogueEntry* entry : selected) {
      if (!entry->Serves(language)) {
        // Named explicitly: it runs in the languages it serves, or in the first one if it serves none.
        const bool serves_another =
            std::any_of(languages.begin(), languages.end(), [&](const std::string& l) { return entry->Serves(l); });
        if (serves_another || language != languages.front()) continue;
      }
      auto recognizer = CreateDefault(*entry, language, deps, error);
      if (recognizer == nullptr) return false;
      lang.recognizers.push_back(std::move(recognizer));
    }
    out->push_back(std::move(lang));
  }
  return true;
}

bool BuildFromConfig(const PresidioConfig& config, const std::vector<std::string>& disabled, const RecognizerDeps& deps,
                     std::vector<LanguageRecognizers>* out, std::string* error) {
  for (const std::string& name : disabled) {
    const bool known = FindRecognizer(name) != nullptr ||
                       std::any_of(config.recognizers.begin(), config.recognizers.end(),
                                   [&](const YamlRecognizer& r) { return r.name == name || r.class_name == name; });
    if (!known) {
      *error = "unknown recognizer '" + name + "' in disabled_recognizers";
      return false;
    }
  }
  for (const std::string& language : config.supported_languages) {
    LanguageRecognizers lang;
    lang.language = language;
    if (config.default_registry) {
      for (const CatalogueEntry& entry : RecognizerCatalogue()) {
        if (!entry.enabled_by_default || !entry.Serves(language) || Listed(disabled, entry.name)) continue;
        if (config.countries && !entry.country.empty() && !Listed(*config.countries, entry.country)) continue;
        auto recognizer = CreateDefault(entry, language, deps, error);
        if (recognizer == nullptr) return false;
        lang.recognizers.push_back(std::move(recognizer));
      }
    }
    for (const YamlRecognizer& spec : config.recognizers) {
      if (spec.language != language || Listed(disabled, spec.name) || Listed(disabled, spec.class_name)) continue;
      if (spec.kind == YamlRecognizer::Kind::kNer) {
        lang.ner = true;
        lang.ner_required = lang.ner_required || !spec.implicit;
        lang.ner_name = spec.name;
        lang.ner_where = spec.where;
        continue;
      }
      std::unique_ptr<Recognizer> recognizer;
      if (spec.kind == YamlRecognizer::Kind::kCustom) {
        std::string message;
        recognizer = ParseAdHocRecognizer(spec.custom, &message);
        if (recognizer == nullptr) {
          *error = spec.where + ": custom recognizer '" + spec.name + "': " + message;
          return false;
        }
      } else {
        const CatalogueEntry* entry = FindRecognizer(spec.class_name);
        if (entry == nullptr) {
          *error = spec.where + ": Predefined recognizer '" + spec.class_name + "' not found";
          return false;
        }
        recognizer = entry->create(deps, error);
        if (recognizer == nullptr) {
          *error = spec.where + ": " + *error;
          return false;
        }
        if (spec.entity && !Listed(recognizer->supported_entities(), *spec.entity)) {
          *error = spec.where + ": recognizer '" + spec.class_name + "' finds " +
                   recognizer->supported_entities().front() + "; supported_entity '" + *spec.entity +
                   "' would rename it, which Sentinel does not support";
          return false;
        }
        if (spec.context) {
          recognizer->set_context(*spec.context);
        } else if (auto context = DefaultLanguageContext(spec.class_name, language)) {
          recognizer->set_context(*context);
        }
        if (spec.name != spec.class_name) recognizer->set_name(spec.name);
      }
      lang.recognizers.push_back(std::move(recognizer));
    }
    out->push_back(std::move(lang));
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::string>> DefaultLanguageContext(const std::string& class_name,
                                                               const std::string& language) {
  if (class_name == "CreditCardRecognizer" && language == "es") {
    return std::vector<std::string>{"tarjeta",  "credito", "visa",   "mastercard", "cc",          "amex",
                                    "discover", "jcb",     "diners", "maestro",    "instapayment"};
  }
  return std::nullopt;
}

bool BuildLanguageRecognizers(const PresidioConfig* config, const std::vector<std::string>& languages,
                              const std::vector<std::string>& enabled, const std::vector<std::string>& disabled,
                              const RecognizerDeps& deps, std::vector<LanguageRecognizers>* out, std::string* error) {
  out->clear();
  if (config == nullptr) {
    return BuildFromSettings(languages.empty() ? std::vector<std::string>{"en"} : languages, enabled, disabled, deps,
                             out, error);
  }
  if (!enabled.empty()) {
    *error = "enabled_recognizers cannot be combined with presidio_config: list the recognizers in " + config->path;
    return false;
  }
  return BuildFromConfig(*config, disabled, deps, out, error);
}

}  // namespace presidio
