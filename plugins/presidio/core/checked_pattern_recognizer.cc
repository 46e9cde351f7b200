#include "core/checked_pattern_recognizer.h"

#include "core/text_offsets.h"

namespace presidio {

std::string RemoveChars(std::string_view text, std::string_view chars) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (chars.find(c) == std::string_view::npos) out.push_back(c);
  }
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool InClass(unsigned char c, CharClass cls) {
  switch (cls) {
    case CharClass::kDigit:
      return c >= '0' && c <= '9';
    case CharClass::kWord:
      return IsWordByte(c);
    case CharClass::kWordOrHyphen:
      return IsWordByte(c) || c == '-';
    case CharClass::kAlnum:
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return false;
}

std::function<bool(std::string_view, size_t, size_t)> NotBetween(CharClass before, CharClass after) {
  return [before, after](std::string_view text, size_t start, size_t end) {
    if (start > 0 && InClass(static_cast<unsigned char>(text[start - 1]), before)) return false;
    return end >= text.size() || !InClass(static_cast<unsigned char>(text[end]), after);
  };
}

std::function<bool(std::string_view, size_t, size_t)> NotAfter(CharClass after) {
  return [after](std::string_view text, size_t /*start*/, size_t end) {
    return end >= text.size() || !InClass(static_cast<unsigned char>(text[end]), after);
  };
}

std::function<bool(std::string_view, size_t, size_t)> NotBefore(CharClass before) {
  return [before](std::string_view text, size_t start, size_t /*end*/) {
    return start == 0 || !InClass(static_cast<unsigned char>(text[start - 1]), before);
  };
}

bool LooksLineLocal(const std::string& regex) {
  for (size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '.') return false;
    if (c == '[' && i + 1 < regex.size() && regex[i + 1] == '^') return false;
    if (c == '\\' && i + 1 < regex.size()) {
      char e = regex[++i];
      if (e == 's' || e == 'W' || e == 'D' || e == 'n' || e == 'p' || e == 'P') return false;
    }
  }
  return true;
}

std::unique_ptr<Recognizer> MakeChecked(std::string name, std::string entity, std::vector<Pattern> patterns,
                                        std::vector<std::string> context, ValidateFn validate,
                                        InvalidateFn invalidate) {
  bool line_local = true;
  for (const Pattern& p : patterns) line_local = line_local && LooksLineLocal(p.regex);
  auto recognizer =
      std::make_unique<CheckedPatternRecognizer>(std::move(name), std::move(entity), std::move(patterns),
                                                 std::move(context), std::move(validate), std::move(invalidate));
  recognizer->set_line_local(line_local);
  return recognizer;
}

}  // namespace presidio
