#include "wordpiece_tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <fstream>

#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

constexpr size_t kMaxCharsPerWord = 100;

bool IsControl(char32_t cp) {
  if (cp == U'\t' || cp == U'\n' || cp == U'\r') return false;
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

bool IsWhitespace(char32_t cp) {
  if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r') return true;
  return u_charType(static_cast<UChar32>(cp)) == U_SPACE_SEPARATOR;
}

// BERT treats all non-letter/number ASCII as punctuation, plus Unicode P* categories.
bool IsPunctuation(char32_t cp) {
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  return u_ispunct(static_cast<UChar32>(cp));
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
         (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

// Lower-cases (full Unicode mapping, as Python's str.lower) and strips accents (NFD, drop Mn).
std::u32string LowerAndStripAccents(const std::u32string& in) {
  const std::string bytes = utf8::Encode(in);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(bytes);
  s.toLower(icu::Locale::getRoot());
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(s, status) : s;
  if (U_FAILURE(status)) decomposed = s;
  std::u32string out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 cp = decomposed.char32At(i);
    if (u_charType(cp) != U_NON_SPACING_MARK) out.push_back(static_cast<char32_t>(cp));
    i += U16_LENGTH(cp);
  }
  return out;
}

}  // namespace

std::unique_ptr<WordPieceTokenizer> WordPieceTokenizer::FromFile(const std::string& vocab_path, bool lowercase,
                                                                 std::string* error) {
  std::ifstream in(vocab_path, std::ios::binary);
  if (!in) {
    *error = vocab_path + ": cannot open vocabulary";
    return nullptr;
  }
  std::unique_ptr<WordPieceTokenizer> t(new WordPieceTokenizer());
  t->lowercase_ = lowercase;
  std::string line;
  int64_t id = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    t->vocab_.emplace(line, id++);
  }
  const char* required[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]"};
  for (const char* token : required) {
    if (t->vocab_.count(token) == 0) {
      *error = vocab_path + ": vocabulary has no " + token + " token";
      return nullptr;
    }
  }
  t->pad_id_ = t->vocab_["[PAD]"];
  t->unk_id_ = t->vocab_["[UNK]"];
  t->cls_id_ = t->vocab_["[CLS]"];
  t->sep_id_ = t->vocab_["[SEP]"];
  return t;
}

std::vector<std::u32string> WordPieceTokenizer::BasicTokens(std::string_view text) const {
  // Clean: drop NUL, U+FFFD and control characters; whitespace becomes a space; CJK ideographs stand alone.
  std::u32string cleaned;
  for (char32_t cp : utf8::Decode(text)) {
    if (cp == 0 || cp == 0xFFFD || IsControl(cp)) continue;
    if (IsWhitespace(cp)) {
      cleaned.push_back(U' ');
    } else if (IsCjk(cp)) {
      cleaned.push_back(U' ');
      cleaned.push_back(cp);
      cleaned.push_back(U' ');
    } else {
      cleaned.push_back(cp);
    }
  }
  std::vector<std::u32string> tokens;
  size_t i = 0;
  while (i < cleaned.size()) {
    while (i < cleaned.size() && cleaned[i] == U' ') ++i;
    size_t j = i;
    while (j < cleaned.size() && cleaned[j] != U' ') ++j;
    if (j == i) break;
    std::u32string word = cleaned.substr(i, j - i);
    if (lowercase_) word = LowerAndStripAccents(word);
    std::u32string current;
    for (char32_t cp : word) {
      if (IsPunctuation(cp)) {
        if (!current.empty()) tokens.push_back(current);
        current.clear();
        tokens.push_back(std::u32string(1, cp));
      } else {
        current.push_back(cp);
      }
    }
    if (!current.empty()) tokens.push_back(current);
    i = j;
  }
  return tokens;
}

void WordPieceTokenizer::WordPieces(const std::u32string& word, std::vector<int64_t>* ids) const {
  if (word.size() > kMaxCharsPerWord) {
    ids->push_back(unk_id_);
    return;
  }
  std::vector<int64_t> pieces;
  size_t start = 0;
  while (start < word.size()) {
    size_t end = word.size();
    int64_t found = -1;
    while (start < end) {
      std::string candidate = utf8::Encode(std::u32string_view(word.data() + start, end - start));
      if (start > 0) candidate = "##" + candidate;
      auto it = vocab_.find(candidate);
      if (it != vocab_.end()) {
        found = it->second;
        break;
      }
      --end;
    }
    if (found < 0) {  // any unmatchable part makes the whole word [UNK], as in BERT
      ids->push_back(unk_id_);
      return;
    }
    pieces.push_back(found);
    start = end;
  }
  ids->insert(ids->end(), pieces.begin(), pieces.end());
}

std::vector<int64_t> WordPieceTokenizer::Encode(std::string_view text, size_t max_length) const {
  std::vector<int64_t> body;
  for (const std::u32string& token : BasicTokens(text)) {
    WordPieces(token, &body);
    if (body.size() + 2 >= max_length) break;
  }
  return WrapWithSpecials(body, {cls_id_}, {sep_id_}, max_length);
}

}  // namespace toxicity
}  // namespace sentinel
