// ad_hoc_recognizers.h -- builds pattern and deny-list recognizers from Presidio's JSON shape
// (the /analyze `ad_hoc_recognizers` field, and custom recognizers in the module settings).
#ifndef PRESIDIO_CORE_AD_HOC_RECOGNIZERS_H_
#define PRESIDIO_CORE_AD_HOC_RECOGNIZERS_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/pattern_recognizer.h"

namespace presidio {

// `spec` is {"name", "supported_language", "supported_entity" | "supported_entities", "patterns":
// [{"name","regex","score"}], "deny_list": [...], "deny_list_score", "context": [...],
// "global_regex_flags", "version", "country_code"}. Keys keep their request order, so the first
// unexpected one is named as Python would name it. Returns null with `error` set for unknown keys,
// wrong types or a pattern RE2 cannot compile (the error names the pattern).
std::unique_ptr<PatternRecognizer> ParseAdHocRecognizer(const nlohmann::ordered_json& spec, std::string* error);

// Deny-list regex: the words, escaped, as alternatives.
std::string DenyListRegex(const std::vector<std::string>& words);

}  // namespace presidio

#endif  // PRESIDIO_CORE_AD_HOC_RECOGNIZERS_H_
