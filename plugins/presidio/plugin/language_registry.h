// language_registry.h -- the recognizers of each configured language, built from the module settings
// (enabled_recognizers / disabled_recognizers, supported_languages) or from Presidio's YAML
// (plugin/presidio_yaml.h). Each language gets its own recognizer instances, so a recognizer can
// carry that language's context words (CreditCardRecognizer: "tarjeta", "credito" in Spanish).
#ifndef PRESIDIO_PLUGIN_LANGUAGE_REGISTRY_H_
#define PRESIDIO_PLUGIN_LANGUAGE_REGISTRY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/recognizer.h"
#include "core/recognizer_catalogue.h"
#include "plugin/presidio_yaml.h"

namespace presidio {

struct LanguageRecognizers {
  std::string language;
  std::vector<std::unique_ptr<Recognizer>> recognizers;  // catalogue and custom ones, registry order
  bool ner = false;           // Sentinel's NER tagger runs for this language (when the module has it)
  bool ner_required = false;  // the YAML enables an NLP recognizer explicitly: the NER tagger must be on
  std::string ner_name;       // the name it is listed under ("SpacyRecognizer", ...)
  std::string ner_where;      // FILE:LINE:COLUMN of that entry
};

// Presidio's default_recognizers.yaml context for `class_name` in `language` where it differs from
// the class's own (English) words; nullopt elsewhere.
std::optional<std::vector<std::string>> DefaultLanguageContext(const std::string& class_name,
                                                               const std::string& language);

// Without `config` (null): for each of `languages`, the recognizers SelectRecognizers() picks; a
// recognizer named in `enabled` that serves none of the languages runs in the first one (as before
// languages existed). With `config`: its recognizers, or Presidio's defaults per language when it
// lists none; `enabled` must then be empty, and `disabled` removes by class or instance name.
// False with `error` set (naming FILE:LINE:COLUMN for YAML entries).
bool BuildLanguageRecognizers(const PresidioConfig* config, const std::vector<std::string>& languages,
                              const std::vector<std::string>& enabled, const std::vector<std::string>& disabled,
                              const RecognizerDeps& deps, std::vector<LanguageRecognizers>* out, std::string* error);

}  // namespace presidio

#endif  // PRESIDIO_PLUGIN_LANGUAGE_REGISTRY_H_
