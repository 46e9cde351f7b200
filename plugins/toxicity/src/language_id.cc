#include "language_id.h"

#include <cctype>
#include <cstdint>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace sentinel {
namespace toxicity {

namespace {

// CLD2 still uses a few withdrawn ISO 639-1 codes.
std::string CurrentCode(const char* cld2_code) {
  const std::string code = cld2_code;
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  return code;
}

}  // namespace

DetectedLanguages DetectLanguages(std::string_view text) {
  DetectedLanguages out;
  if (text.empty()) return out;
  const CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  int valid_prefix_bytes = 0;
  bool reliable = false;
  const int size = text.size() > static_cast<size_t>(INT32_MAX) ? INT32_MAX : static_cast<int>(text.size());
  CLD2::ExtDetectLanguageSummaryCheckUTF8(text.data(), size, /*is_plain_text=*/true, &hints, /*flags=*/0,
                                          language3, percent3, normalized_score3, /*resultchunkvector=*/nullptr,
                                          &text_bytes, &reliable, &valid_prefix_bytes);
  for (int i = 0; i < 3; ++i) {
    if (language3[i] == CLD2::UNKNOWN_LANGUAGE || percent3[i] <= 0) continue;
    out.codes.push_back(CurrentCode(CLD2::LanguageCode(language3[i])));
  }
  out.reliable = reliable && !out.codes.empty();
  return out;
}

std::string PrimaryLanguage(std::string_view code) {
  std::string primary;
  for (char c : code) {
    if (c == '-' || c == '_') break;
    primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return primary;
}

bool LanguageSupported(std::string_view code, const std::vector<std::string>& supported) {
  if (supported.empty()) return true;
  const std::string primary = PrimaryLanguage(code);
  if (primary.empty()) return false;
  for (const std::string& s : supported) {
    if (PrimaryLanguage(s) == primary) return true;
  }
  return false;
}

}  // namespace toxicity
}  // namespace sentinel
