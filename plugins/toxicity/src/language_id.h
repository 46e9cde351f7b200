// language_id.h -- the language of a comment, for the Perspective API's `languages`: detection with CLD2
// (Debian's libcld2, Compact Language Detector 2) and BCP-47 matching against a model's languages.
//
// CLD2 says "reliable" only with enough text: one to three words ("hello", "you idiot") come back
// unreliable, and callers decide what to assume then. Detection is stateless and thread-safe.
#ifndef SENTINEL_TOXICITY_LANGUAGE_ID_H_
#define SENTINEL_TOXICITY_LANGUAGE_ID_H_

#include <string>
#include <string_view>
#include <vector>

namespace sentinel {
namespace toxicity {

struct DetectedLanguages {
  std::vector<std::string> codes;  // ISO 639-1 (BCP-47 where CLD2 adds a script, "zh-Hant"), most likely first
  bool reliable = false;           // CLD2's own verdict; false with no codes at all
};

// Detects the languages of `text` (valid UTF-8).
DetectedLanguages DetectLanguages(std::string_view text);

// The primary language subtag of a BCP-47 or ISO code, lower-cased: "en-US", "EN", "en_GB" -> "en".
std::string PrimaryLanguage(std::string_view code);

// True when `code` names a language of `supported`, comparing primary subtags. An empty list supports any.
bool LanguageSupported(std::string_view code, const std::vector<std::string>& supported);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_LANGUAGE_ID_H_
