#include "core/pcre2_regex.h"

#include "core/pattern_recognizer.h"

#ifdef PRESIDIO_WITH_PCRE2
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif

namespace presidio {

#ifdef PRESIDIO_WITH_PCRE2

struct Pcre2Regex::Impl {
  pcre2_code* code = nullptr;
  pcre2_match_context* context = nullptr;
  ~Impl() {
    if (context != nullptr) pcre2_match_context_free(context);
    if (code != nullptr) pcre2_code_free(code);
  }
};

bool Pcre2Regex::Available() { return true; }

std::unique_ptr<Pcre2Regex> Pcre2Regex::Compile(const std::string& pattern, int python_flags, std::string* error) {
  // Python 3 str patterns: Unicode \w \d \b, plus the Python flags.
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  if (python_flags & kPyIgnoreCase) options |= PCRE2_CASELESS;
  if (python_flags & kPyMultiline) options |= PCRE2_MULTILINE;
  if (python_flags & kPyDotAll) options |= PCRE2_DOTALL;
  int code = 0;
  PCRE2_SIZE offset = 0;
  auto regex = std::unique_ptr<Pcre2Regex>(new Pcre2Regex());
  regex->impl_ = std::make_unique<Impl>();
  regex->impl_->code =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &code, &offset, nullptr);
  if (regex->impl_->code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(code, message, sizeof(message));
    *error = std::string(reinterpret_cast<const char*>(message)) + " at offset " + std::to_string(offset);
    return nullptr;
  }
  pcre2_jit_compile(regex->impl_->code, PCRE2_JIT_COMPLETE);  // without JIT the interpreter runs
  regex->impl_->context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(regex->impl_->context, kMatchLimit);
  pcre2_set_depth_limit(regex->impl_->context, kDepthLimit);
  return regex;
}

Pcre2Regex::Result Pcre2Regex::Find(std::string_view text, size_t pos, int group, size_t* whole_start,
                                    size_t* whole_end, size_t* start, size_t* end) const {
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(impl_->code, nullptr);
  int rc =
      pcre2_match(impl_->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), pos, 0, data, impl_->context);
  Result result = Result::kNoMatch;
  if (rc >= 0) {
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
    const uint32_t pairs = pcre2_get_ovector_count(data);
    *whole_start = ovector[0];
    *whole_end = ovector[1];
    const uint32_t g = static_cast<uint32_t>(group);
    if (g < pairs && ovector[2 * g] != PCRE2_UNSET) {
      *start = ovector[2 * g];
      *end = ovector[2 * g + 1];
    } else {
      *start = *end = std::string_view::npos;
    }
    result = Result::kMatch;
  } else if (rc != PCRE2_ERROR_NOMATCH) {
    result = Result::kLimit;  // match or depth limit, or another runtime error: stop here
  }
  pcre2_match_data_free(data);
  return result;
}

#else

struct Pcre2Regex::Impl {};

bool Pcre2Regex::Available() { return false; }

std::unique_ptr<Pcre2Regex> Pcre2Regex::Compile(const std::string& /*pattern*/, int /*python_flags*/,
                                                std::string* error) {
  *error = "PCRE2 fallback not built in (libpcre2-dev)";
  return nullptr;
}

Pcre2Regex::Result Pcre2Regex::Find(std::string_view, size_t, int, size_t*, size_t*, size_t*, size_t*) const {
  return Result::kNoMatch;
}

#endif

Pcre2Regex::~Pcre2Regex() = default;

}  // namespace presidio
