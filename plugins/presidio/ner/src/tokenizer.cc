#include "tokenizer.h"

#include "code_points.h"
#include "common/utf8.h"

namespace presidio_ner {
namespace {

bool IsWordCodePoint(uint32_t cp) {
  return IsLetterCodePoint(cp) || IsDigitCodePoint(cp);
}

// Characters that stay inside a word when a word character follows.
bool IsConnector(uint32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.' || cp == '_' ||
         cp == '@' || cp == '&' || cp == '/';
}

// "D.L", "U.S", "e.g": single letters joined by periods.
bool IsDottedAbbreviation(std::string_view word) {
  size_t pos = 0;
  int letters = 0;
  bool expect_letter = true;
  while (pos < word.size()) {
    const uint32_t c = sentinel::utf8::DecodeAt(word, &pos);
    if (expect_letter) {
      if (!IsLetterCodePoint(c)) return false;
      ++letters;
    } else if (c != '.') {
      return false;
    }
    expect_letter = !expect_letter;
  }
  return letters >= 2 && !expect_letter;
}

// Splits a possessive "'s" off the end of [begin,end) if present.
void PushWord(std::string_view text, size_t begin, size_t end, bool line_start,
              std::vector<Token>* out) {
  // Find the start of the last two code points.
  if (end - begin >= 3) {
    size_t s = end - 1;  // the 's' byte (ASCII)
    if (text[s] == 's' || text[s] == 'S') {
      // apostrophe before it: ASCII (1 byte) or U+2019 (3 bytes)
      size_t ap = s;
      bool found = false;
      if (text[s - 1] == '\'') {
        ap = s - 1;
        found = true;
      } else if (s >= begin + 3 && text.substr(s - 3, 3) == "\xE2\x80\x99") {
        ap = s - 3;
        found = true;
      }
      if (found && ap > begin) {
        out->push_back({begin, ap, line_start});
        out->push_back({ap, end, false});
        return;
      }
    }
  }
  out->push_back({begin, end, line_start});
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  bool line_start = true;
  while (pos < text.size()) {
    size_t next = pos;
    const uint32_t cp = sentinel::utf8::DecodeAt(text, &next);
    if (IsSpaceCodePoint(cp)) {
      if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
        line_start = true;
      }
      pos = next;
      continue;
    }
    const size_t begin = pos;
    bool leading_sigil = false;
    if ((cp == '@' || cp == '#') && next < text.size()) {
      size_t peek = next;
      if (IsWordCodePoint(sentinel::utf8::DecodeAt(text, &peek))) leading_sigil = true;
    }
    if (!IsWordCodePoint(cp) && !leading_sigil) {
      tokens.push_back({begin, next, line_start});
      line_start = false;
      pos = next;
      continue;
    }
    // A word: word characters, with connectors kept when a word character
    // follows them.
    pos = next;
    while (pos < text.size()) {
      size_t after = pos;
      const uint32_t c = sentinel::utf8::DecodeAt(text, &after);
      if (IsWordCodePoint(c)) {
        pos = after;
        continue;
      }
      if (IsConnector(c) && after < text.size()) {
        size_t peek = after;
        const uint32_t d = sentinel::utf8::DecodeAt(text, &peek);
        if (IsWordCodePoint(d)) {
          pos = peek;
          continue;
        }
      }
      break;
    }
    // An initial ("D." in "Faina D. Yefremova") and a dotted abbreviation
    // ("D.L.", "U.S.") keep their final period.
    if (pos < text.size() && text[pos] == '.') {
      size_t one = begin;
      sentinel::utf8::DecodeAt(text, &one);
      if ((one == pos && IsUpperCodePoint(cp)) ||
          IsDottedAbbreviation(text.substr(begin, pos - begin))) {
        ++pos;
      }
    }
    PushWord(text, begin, pos, line_start, &tokens);
    line_start = false;
  }
  return tokens;
}

}  // namespace presidio_ner
