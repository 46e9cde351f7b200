// pcre2_regex.h -- the fallback for user patterns RE2 cannot run (look-arounds, back-references,
// possessive quantifiers ...): PCRE2 with JIT and a match limit, so a pathological pattern costs
// bounded time per text instead of hanging a request (Presidio needs a 60 s regex timeout for this).
//
// Built only when libpcre2-dev is found (PRESIDIO_WITH_PCRE2); otherwise Compile() always fails and
// such patterns stay refused with RE2's error.
#ifndef PRESIDIO_CORE_PCRE2_REGEX_H_
#define PRESIDIO_CORE_PCRE2_REGEX_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace presidio {

class Pcre2Regex {
 public:
  // Backtracking steps one match attempt may take before it is abandoned.
  static constexpr unsigned kMatchLimit = 1000000;
  static constexpr unsigned kDepthLimit = 10000;

  // `python_flags`: Python `re` flag bits (see pattern_recognizer.h). Null with `error` set when PCRE2
  // refuses the pattern or is not built in.
  static std::unique_ptr<Pcre2Regex> Compile(const std::string& pattern, int python_flags, std::string* error);
  ~Pcre2Regex();
  Pcre2Regex(const Pcre2Regex&) = delete;
  Pcre2Regex& operator=(const Pcre2Regex&) = delete;

  enum class Result { kMatch, kNoMatch, kLimit };
  // Leftmost match starting at or after byte `pos` in `text`: [*start, *end) of capture group `group`
  // (0: the whole match; an unset group gives start == end == npos). kLimit when the match limit was
  // reached: the caller stops scanning this text with this pattern. Thread-safe.
  Result Find(std::string_view text, size_t pos, int group, size_t* whole_start, size_t* whole_end, size_t* start,
              size_t* end) const;

  static bool Available();

 private:
  Pcre2Regex() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_PCRE2_REGEX_H_
