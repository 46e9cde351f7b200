#include "span_rules.h"

#include <algorithm>
#include <string>

#include "code_points.h"
#include "common/utf8.h"

namespace presidio_ner {
namespace {

const char* const kParticles[] = {"van", "der", "den", "de", "del", "della",
                                  "di", "da", "dos", "das", "du", "la", "le",
                                  "von", "zu", "ten", "ter", "bin", "ibn",
                                  "al", "el", "y", "e", "mac"};

// The run of non-space bytes around [begin, end) holds an e-mail address,
// a URL or a web address: the tokenizer splits those at ':' and other
// characters, so the whole run is checked, not the span's tokens.
bool InsideAddress(std::string_view text, size_t begin, size_t end) {
  auto space = [](char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  };
  while (begin > 0 && !space(text[begin - 1])) --begin;
  while (end < text.size() && !space(text[end])) ++end;
  const std::string_view run = text.substr(begin, end - begin);
  const std::string lowered = LowerUtf8(run);
  // local@domain.tld; a leading "@" is a handle ("@jsmith"), not an address.
  const size_t at = run.find('@', 1);
  const bool email = at != std::string_view::npos &&
                     run.find('.', at) != std::string_view::npos;
  return email || run.find("://") != std::string_view::npos ||
         lowered.find("www.") != std::string::npos;
}

// "D.L.", "U.S.": two or more single letters, each followed by a period.
bool IsDottedAbbreviation(std::string_view word) {
  size_t pos = 0;
  int letters = 0;
  while (pos < word.size()) {
    if (!IsLetterCodePoint(sentinel::utf8::DecodeAt(word, &pos))) return false;
    if (pos >= word.size() || word[pos] != '.') return false;
    ++pos;
    ++letters;
  }
  return letters >= 2;
}

bool StartsWithLetter(std::string_view text, const NerSpan& s) {
  size_t pos = s.begin_byte;
  return IsLetterCodePoint(sentinel::utf8::DecodeAt(text, &pos));
}

bool EndsWithLetter(std::string_view text, const NerSpan& s) {
  size_t start = s.end_byte - 1;  // back to the last code point's lead byte
  while (start > s.begin_byte &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  return IsLetterCodePoint(sentinel::utf8::DecodeAt(text, &start));
}

}  // namespace

bool IsNameParticle(std::string_view lowered) {
  return std::find(std::begin(kParticles), std::end(kParticles), lowered) !=
         std::end(kParticles);
}

void ApplySpanRules(std::string_view text, const std::vector<Token>& tokens,
                    std::vector<NerSpan>* spans) {
  // 1. No entity inside an e-mail address or a URL.
  spans->erase(std::remove_if(spans->begin(), spans->end(),
                              [&](const NerSpan& s) {
                                return InsideAddress(text, s.begin_byte,
                                                     s.end_byte);
                              }),
               spans->end());
  // 2. A PERSON span does not end in a dotted abbreviation of two or more
  // letters ("John Smith D.L. 4471" is a name and a licence label); single
  // initials ("Faina D.") stay.
  for (NerSpan& s : *spans) {
    if (s.label != "PERSON") continue;
    for (size_t i = tokens.size(); i-- > 0;) {
      const Token& t = tokens[i];
      if (t.end != s.end_byte) continue;
      if (t.begin > s.begin_byte &&
          IsDottedAbbreviation(text.substr(t.begin, t.end - t.begin))) {
        size_t end = t.begin;
        while (end > s.begin_byte && text[end - 1] == ' ') --end;
        s.end_byte = end;
      }
      break;
    }
  }
  // 3. Neighbouring PERSON spans with only spaces or particles between.
  std::vector<NerSpan> merged;
  for (NerSpan& s : *spans) {
    if (!merged.empty() && merged.back().label == "PERSON" &&
        s.label == "PERSON" && merged.back().end_byte <= s.begin_byte) {
      const std::string_view gap = text.substr(
          merged.back().end_byte, s.begin_byte - merged.back().end_byte);
      // Both sides must be words: BTC-style "@ handle" pairs stay apart.
      bool joinable = !gap.empty() && gap.size() <= 24 &&
                      EndsWithLetter(text, merged.back()) &&
                      StartsWithLetter(text, s);
      size_t pos = 0;
      while (joinable && pos < gap.size()) {
        if (gap[pos] == ' ') {
          ++pos;
          continue;
        }
        size_t end = gap.find(' ', pos);
        if (end == std::string_view::npos) end = gap.size();
        joinable = IsNameParticle(LowerUtf8(gap.substr(pos, end - pos)));
        pos = end;
      }
      if (joinable) {
        merged.back().end_byte = s.end_byte;
        merged.back().score = std::min(merged.back().score, s.score);
        continue;
      }
    }
    merged.push_back(s);
  }
  *spans = std::move(merged);
}

}  // namespace presidio_ner
