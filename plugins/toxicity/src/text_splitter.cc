#include "text_splitter.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include <unicode/uchar.h>

#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

bool IsSpace(char32_t cp) { return u_isUWhiteSpace(static_cast<UChar32>(cp)); }
bool IsLineBreak(char32_t cp) { return cp == U'\n' || cp == U'\r' || cp == 0x2028 || cp == 0x2029; }
bool IsTerminal(char32_t cp) {
  return cp == U'.' || cp == U'!' || cp == U'?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}
// Closing quotes/brackets that stay with the sentence they end: `He said "no."`.
bool IsCloser(char32_t cp) {
  return cp == U'"' || cp == U'\'' || cp == U')' || cp == U']' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

// Lower-case ASCII abbreviations whose trailing '.' does not end a sentence ("Dr. Smith", "approx. 3").
constexpr std::string_view kAbbreviations[] = {"mr",  "mrs", "ms",  "dr",  "prof", "sr",  "jr",     "st",  "mt",
                                               "vs",  "etc", "cf",  "inc", "ltd",  "co",  "corp",   "fig", "approx",
                                               "gen", "col", "capt", "lt", "sgt",  "rev", "hon",    "gov", "dept"};

// True when the '.' at `dot` ends an abbreviation: the word before it (back to the last space or opening
// bracket or quote) is a known abbreviation, or single letters joined by dots ("J.", "U.S.", "e.g.").
bool EndsAbbreviation(const std::u32string& cps, size_t dot) {
  size_t b = dot;
  while (b > 0 && !IsSpace(cps[b - 1]) && cps[b - 1] != U'(' && cps[b - 1] != U'"' && cps[b - 1] != 0x201C) --b;
  const size_t len = dot - b;
  if (len == 0 || len > 6) return false;
  bool initials = true;  // letter, '.', letter, ...
  char word[6];
  for (size_t k = 0; k < len; ++k) {
    const char32_t c = cps[b + k];
    const bool letter = u_isalpha(static_cast<UChar32>(c));
    if (letter != (k % 2 == 0) || (!letter && c != U'.')) initials = false;
    word[k] = (c >= U'A' && c <= U'Z') ? static_cast<char>(c - U'A' + U'a') : c < 0x80 ? static_cast<char>(c) : '?';
  }
  if (initials) return true;
  const std::string_view w(word, len);
  return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), w) != std::end(kAbbreviations);
}

// Builds a span from code-point range [b, e) after trimming whitespace; false when empty.
bool MakeSpan(std::string_view text, const std::vector<size_t>& offsets, const std::u32string& cps, size_t b,
              size_t e, TextSpan* span) {
  while (b < e && IsSpace(cps[b])) ++b;
  while (e > b && IsSpace(cps[e - 1])) --e;
  if (b == e) return false;
  span->begin = b;
  span->end = e;
  span->text = std::string(text.substr(offsets[b], offsets[e] - offsets[b]));
  return true;
}

}  // namespace

std::vector<TextSpan> SplitSentences(std::string_view text) {
  std::vector<size_t> offsets;
  const std::u32string cps = utf8::Decode(text, &offsets);
  std::vector<TextSpan> out;
  size_t start = 0;
  TextSpan span;
  for (size_t i = 0; i < cps.size(); ++i) {
    size_t cut = 0;  // exclusive end of the sentence when one ends here
    if (IsLineBreak(cps[i])) {
      cut = i;
    } else if (IsTerminal(cps[i])) {
      if (cps[i] == U'.' && EndsAbbreviation(cps, i)) continue;
      size_t j = i + 1;
      while (j < cps.size() && (IsTerminal(cps[j]) || IsCloser(cps[j]))) ++j;
      if (j == cps.size() || IsSpace(cps[j])) {
        cut = j;
        i = j - 1;
      }
    }
    if (cut == 0 && !IsLineBreak(cps[i])) continue;
    if (MakeSpan(text, offsets, cps, start, cut, &span)) out.push_back(span);
    start = IsLineBreak(cps[i]) ? i + 1 : cut;
  }
  if (MakeSpan(text, offsets, cps, start, cps.size(), &span)) out.push_back(span);
  return out;
}

std::vector<TextSpan> CutSpan(std::string_view /*text*/, const TextSpan& span, size_t budget,
                              const std::function<size_t(std::string_view)>& cost) {
  // Works on the span's own bytes (offsets shifted by span.begin), so cutting every sentence of a long text
  // stays linear in the text's length.
  const std::string_view local = span.text;
  std::vector<size_t> offsets;
  const std::u32string cps = utf8::Decode(local, &offsets);
  std::vector<TextSpan> out;
  size_t piece_begin = 0;
  size_t used = 0;
  size_t i = 0;
  TextSpan piece;
  auto emit = [&](size_t b, size_t e) {
    if (MakeSpan(local, offsets, cps, b, e, &piece)) {
      piece.begin += span.begin;
      piece.end += span.begin;
      out.push_back(piece);
    }
  };
  while (i < cps.size()) {
    size_t word_end = i;
    while (word_end < cps.size() && IsSpace(cps[word_end])) ++word_end;
    while (word_end < cps.size() && !IsSpace(cps[word_end])) ++word_end;
    const size_t c = cost(local.substr(offsets[i], offsets[word_end] - offsets[i]));
    if (used > 0 && used + c > budget) {
      emit(piece_begin, i);
      piece_begin = i;
      used = 0;
    }
    used += c;
    i = word_end;
  }
  emit(piece_begin, cps.size());
  return out;
}

std::vector<TextSpan> PackWindows(std::string_view text, const std::vector<TextSpan>& spans, size_t budget,
                                  const std::function<size_t(std::string_view)>& cost) {
  std::vector<size_t> offsets;
  const std::u32string cps = utf8::Decode(text, &offsets);
  std::vector<TextSpan> out;
  bool open = false;
  size_t window_begin = 0, window_end = 0, used = 0;
  TextSpan window;
  auto close = [&]() {
    if (open && MakeSpan(text, offsets, cps, window_begin, window_end, &window)) out.push_back(window);
    open = false;
    used = 0;
  };
  for (const TextSpan& span : spans) {
    const size_t c = cost(span.text);
    if (c > budget) {
      close();
      for (TextSpan& piece : CutSpan(text, span, budget, cost)) out.push_back(std::move(piece));
      continue;
    }
    if (open && used + c > budget) close();
    if (!open) {
      open = true;
      window_begin = span.begin;
    }
    window_end = span.end;
    used += c;
  }
  close();
  return out;
}

}  // namespace toxicity
}  // namespace sentinel
