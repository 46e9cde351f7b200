// pattern_recognizer.h -- a recognizer driven by regular expressions (RE2, linear time), with
// optional validation (checksums) and invalidation, as Presidio's PatternRecognizer.
//
// Python regex features RE2 lacks (look-arounds, back-references) are expressed per pattern with
// Pattern::accept or by subclasses through AcceptMatch(), both checked after each match; a rejected
// match makes the scan resume one character later, as a failed look-around would. A pattern RE2
// refuses outright (a user's) runs on PCRE2 with a match limit when that is built in (pcre2_regex.h).
#ifndef PRESIDIO_CORE_PATTERN_RECOGNIZER_H_
#define PRESIDIO_CORE_PATTERN_RECOGNIZER_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/pcre2_regex.h"
#include "core/recognizer.h"

namespace presidio {

// Python `re` flag bits, as used by Presidio's global_regex_flags (default 26).
constexpr int kPyIgnoreCase = 2;
constexpr int kPyMultiline = 8;
constexpr int kPyDotAll = 16;
constexpr int kPresidioDefaultFlags = kPyIgnoreCase | kPyMultiline | kPyDotAll;

// Prefixes `regex` with the inline RE2 flags equivalent to Python `flags`.
std::string WithPythonFlags(const std::string& regex, int flags);

struct Pattern {
  std::string name;
  std::string regex;
  double score = 0.0;
  // Deny-list patterns: the match must not touch a word character on either side.
  bool word_edges = false;
  // Leftmost-longest instead of Python's leftmost-first alternation. Used for IPv6, where the first
  // alternative "2001:db8::" would otherwise cut "2001:db8::8a2e:370:7334" short.
  bool longest_match = false;
  // When > 0, the entity is this capture group rather than the whole match (the rest is a cue,
  // e.g. "since " before a year).
  int group = 0;
  // Look-around emulation per pattern (Presidio's (?<!\d), (?!0000), ...): false rejects the match
  // [start, end) of `text`, and the scan resumes one character later, as a failed look-around would.
  std::function<bool(std::string_view text, size_t start, size_t end)> accept;
};

enum class Validation { kNone, kValid, kInvalid };

// Collects the regexes of all recognizers into one RE2::Set. One pass of the set over the text,
// segment by segment, tells each pattern the few segments where it can match, so a pattern that
// matches nowhere costs nothing and one that matches rarely scans little.
//
// Segments end at newlines and at spaces between two lower-case ASCII letters. Only "line-local"
// patterns, which can never match across such a point, take part; the built-in recognizers' patterns
// are all line-local (their only spaces sit next to digits or upper-case letters).
class PatternSetBuilder {
 public:
  PatternSetBuilder();
  // Returns the pattern's id in the set, or -1 when RE2::Set refused it (it then always runs).
  int Add(const std::string& regex_with_flags);
  bool Compile();
  ScanHints Scan(std::string_view text) const;
  size_t size() const { return count_; }

 private:
  std::unique_ptr<RE2::Set> set_;
  size_t count_ = 0;
  bool compiled_ = false;
};

class PatternRecognizer : public Recognizer {
 public:
  PatternRecognizer(std::string name, std::string entity, std::vector<Pattern> patterns,
                    std::vector<std::string> context, int python_flags = kPresidioDefaultFlags);

  // Empty when every pattern compiled; otherwise names the first bad pattern and RE2's (and PCRE2's)
  // error. A pattern RE2 refuses (look-arounds, back-references) runs on PCRE2 when that compiles it.
  const std::string& error() const { return error_; }
  bool UsesPcre2(size_t i) const { return fallback_[i] != nullptr; }
  const std::vector<Pattern>& patterns() const { return patterns_; }
  // Declares that no pattern can match across a segment boundary (see PatternSetBuilder), which
  // lets them take part in the combined pre-scan.
  void set_line_local(bool line_local) { line_local_ = line_local; }

  // Presidio's validate_result() on a matched string: kValid, kInvalid or kNone (no opinion).
  Validation ValidateMatch(std::string_view match) const { return Validate(match); }

  void RegisterPatterns(PatternSetBuilder* builder) override;
  void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const override;

 protected:
  // Look-around emulation: false rejects the match at [start, end).
  virtual bool AcceptMatch(std::string_view text, size_t start, size_t end) const;
  // kValid: score 1.0; kInvalid: dropped; kNone: the pattern's score.
  virtual Validation Validate(std::string_view /*match*/) const { return Validation::kNone; }
  // True drops the match.
  virtual bool Invalidate(std::string_view /*match*/) const { return false; }
  // Lets a recognizer trim the end of a match (e.g. trailing punctuation after a URL).
  virtual size_t AdjustEnd(std::string_view /*text*/, size_t /*start*/, size_t end) const { return end; }

  // The ranges pattern `i` must scan: the whole text unless the pre-scan narrowed it.
  std::vector<ByteRange> RangesToScan(size_t i, std::string_view text, const ScanHints& hints) const;
  // Builds a result carrying Presidio's pattern explanation.
  RecognizerResult MakeResult(size_t start, size_t end, double score, const Pattern& pattern,
                              Validation validation) const;
  const RE2& regex(size_t i) const { return *compiled_[i]; }
  int set_id(size_t i) const { return set_ids_[i]; }
  int python_flags() const { return python_flags_; }

 private:
  std::vector<Pattern> patterns_;
  // Scans the whole text with pattern `i`'s PCRE2 fallback; stops at its match limit.
  void AnalyzeWithPcre2(size_t i, std::string_view text, std::vector<RecognizerResult>* out) const;
  // Validates the match [start, end) of `pattern` and appends it unless rejected.
  void Emit(std::string_view text, size_t start, size_t end, const Pattern& pattern,
            std::vector<RecognizerResult>* out) const;
  bool EdgesOk(std::string_view text, size_t start, size_t end, const Pattern& pattern) const;

  std::vector<std::unique_ptr<RE2>> compiled_;
  std::vector<std::unique_ptr<Pcre2Regex>> fallback_;  // null unless RE2 refused the pattern
  std::vector<int> set_ids_;
  int python_flags_;
  bool line_local_ = false;
  std::string error_;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_PATTERN_RECOGNIZER_H_
