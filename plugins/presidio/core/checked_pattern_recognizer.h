// checked_pattern_recognizer.h -- the building blocks of the country-specific recognizers: a pattern
// recognizer whose validation and invalidation are plain functions, the look-around guards Presidio's
// patterns use, and Presidio's sanitize_value().
//
// Presidio's PatternRecognizer semantics: validate() true -> score 1.0, false -> dropped, no opinion
// (Validation::kNone) -> the pattern's score; invalidate() true -> dropped.
#ifndef PRESIDIO_CORE_CHECKED_PATTERN_RECOGNIZER_H_
#define PRESIDIO_CORE_CHECKED_PATTERN_RECOGNIZER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/pattern_recognizer.h"

namespace presidio {

using ValidateFn = std::function<Validation(std::string_view match)>;
using InvalidateFn = std::function<bool(std::string_view match)>;

class CheckedPatternRecognizer : public PatternRecognizer {
 public:
  CheckedPatternRecognizer(std::string name, std::string entity, std::vector<Pattern> patterns,
                           std::vector<std::string> context, ValidateFn validate = nullptr,
                           InvalidateFn invalidate = nullptr)
      : PatternRecognizer(std::move(name), std::move(entity), std::move(patterns), std::move(context)),
        validate_(std::move(validate)),
        invalidate_(std::move(invalidate)) {}

 protected:
  Validation Validate(std::string_view match) const override {
    return validate_ ? validate_(match) : Validation::kNone;
  }
  bool Invalidate(std::string_view match) const override { return invalidate_ ? invalidate_(match) : false; }

 private:
  ValidateFn validate_;
  InvalidateFn invalidate_;
};

// true -> kValid, false -> kInvalid (a Presidio validate_result that never abstains).
inline Validation ValidIf(bool valid) { return valid ? Validation::kValid : Validation::kInvalid; }

// Presidio's EntityRecognizer.sanitize_value with pairs (c, ""): removes every character of `chars`.
std::string RemoveChars(std::string_view text, std::string_view chars);

// ASCII upper case.
std::string AsciiUpper(std::string_view text);

bool AllDigits(std::string_view text);

// Look-around guards (Pattern::accept). Python's \w is Unicode: any non-ASCII byte counts as a word
// character here.
enum class CharClass {
  kDigit,         // \d
  kWord,          // \w
  kWordOrHyphen,  // [\w-]
  kAlnum,         // [A-Za-z0-9]
};
bool InClass(unsigned char c, CharClass cls);
// (?<!cls) before the match and/or (?!cls) after it; kNone-like behaviour with `check_*` false.
std::function<bool(std::string_view, size_t, size_t)> NotBetween(CharClass before, CharClass after);
std::function<bool(std::string_view, size_t, size_t)> NotAfter(CharClass after);
std::function<bool(std::string_view, size_t, size_t)> NotBefore(CharClass before);

// A pattern with a guard.
inline Pattern Guarded(Pattern pattern, std::function<bool(std::string_view, size_t, size_t)> accept) {
  pattern.accept = std::move(accept);
  return pattern;
}

// True when no pattern can match across a pre-scan segment boundary (a newline, or a space between
// two lower-case letters; see PatternSetBuilder): no whitespace, `.`, negated class, \s, \W or \D.
bool LooksLineLocal(const std::string& regex);

// Builds the recognizer and marks it line-local when every pattern is.
std::unique_ptr<Recognizer> MakeChecked(std::string name, std::string entity, std::vector<Pattern> patterns,
                                        std::vector<std::string> context, ValidateFn validate = nullptr,
                                        InvalidateFn invalidate = nullptr);

}  // namespace presidio

#endif  // PRESIDIO_CORE_CHECKED_PATTERN_RECOGNIZER_H_
