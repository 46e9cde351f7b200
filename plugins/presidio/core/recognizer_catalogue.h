// recognizer_catalogue.h -- every recognizer the module can run, under Presidio's class names, with
// Presidio 2.2.363's default_recognizers.yaml facts: supported languages, on or off by default,
// country. `enabled_recognizers` / `disabled_recognizers` settings are resolved here.
#ifndef PRESIDIO_CORE_RECOGNIZER_CATALOGUE_H_
#define PRESIDIO_CORE_RECOGNIZER_CATALOGUE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/public_suffix.h"
#include "core/recognizer.h"

namespace presidio {

// What some recognizers need to be built.
struct RecognizerDeps {
  std::shared_ptr<const PublicSuffixList> suffixes;
  std::vector<std::string> phone_regions;  // empty: DefaultPhoneRegions()
};

struct CatalogueEntry {
  std::string name;                    // Presidio's class name, e.g. "UkNinoRecognizer"
  std::vector<std::string> languages;  // Presidio's supported languages; empty: every language
  bool enabled_by_default;             // Presidio's `enabled` (absent from its YAML: false)
  std::string country;                 // ISO 3166-1 alpha-2 (Presidio's "uk" for GB), empty if none
  // Null with `error` set when the recognizer cannot be built (an unknown phone region).
  std::function<std::unique_ptr<Recognizer>(const RecognizerDeps& deps, std::string* error)> create;

  bool Serves(const std::string& language) const;
};

// In Presidio's registry order: its 16 English defaults first, then the rest of default_recognizers.yaml,
// then the pattern recognizers Presidio ships outside that file (ABA routing, Finnish identity code,
// Singapore UEN, Korean passport).
const std::vector<CatalogueEntry>& RecognizerCatalogue();

// The entry named `name` (exact class name), or null.
const CatalogueEntry* FindRecognizer(std::string_view name);

// Resolves the settings for an engine serving `language`:
//   enabled empty                -> Presidio's defaults for the language (its enabled: true entries);
//   enabled lists names          -> exactly those, whatever their language, plus the keywords
//                                   "default" (the defaults) and "all" (every recognizer serving the
//                                   language);
//   disabled                     -> removed afterwards.
// Unknown names are an error naming the first one (with a suggestion for a wrong case).
bool SelectRecognizers(const std::vector<std::string>& enabled, const std::vector<std::string>& disabled,
                       const std::string& language, std::vector<const CatalogueEntry*>* selected, std::string* error);

}  // namespace presidio

#endif  // PRESIDIO_CORE_RECOGNIZER_CATALOGUE_H_
