#include "byte_bpe_tokenizer.h"

#include <unicode/uchar.h>

#include <climits>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

// GPT-2's bytes_to_unicode(): printable bytes map to themselves, the rest to U+0100 onwards.
const std::vector<std::string>& ByteToUnicode() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(256);
    int n = 0;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      std::string s;
      utf8::Append(printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + n++), &s);
      t[b] = s;
    }
    return t;
  }();
  return table;
}

bool IsLetter(char32_t cp) {
  const int8_t t = u_charType(static_cast<UChar32>(cp));
  return t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER;
}
bool IsNumber(char32_t cp) {
  const int8_t t = u_charType(static_cast<UChar32>(cp));
  return t == U_DECIMAL_DIGIT_NUMBER || t == U_LETTER_NUMBER || t == U_OTHER_NUMBER;
}
bool IsSpace(char32_t cp) { return u_isUWhiteSpace(static_cast<UChar32>(cp)); }
bool IsOther(char32_t cp) { return !IsSpace(cp) && !IsLetter(cp) && !IsNumber(cp); }

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::unique_ptr<ByteBpeTokenizer> ByteBpeTokenizer::FromFiles(const std::string& vocab_path,
                                                              const std::string& merges_path, std::string* error) {
  bool ok = false;
  const std::string vocab_text = ReadFile(vocab_path, &ok);
  if (!ok) {
    *error = vocab_path + ": cannot open vocabulary";
    return nullptr;
  }
  nlohmann::json vocab = nlohmann::json::parse(vocab_text, nullptr, false);
  if (vocab.is_discarded() || !vocab.is_object()) {
    *error = vocab_path + ": not a JSON object of token -> id";
    return nullptr;
  }
  std::unique_ptr<ByteBpeTokenizer> t(new ByteBpeTokenizer());
  for (auto it = vocab.begin(); it != vocab.end(); ++it) {
    if (!it.value().is_number_integer()) {
      *error = vocab_path + ": id of a token is not an integer";
      return nullptr;
    }
    t->vocab_.emplace(it.key(), it.value().get<int64_t>());
  }
  const std::pair<const char*, int64_t*> specials[] = {
      {"<s>", &t->bos_id_}, {"<pad>", &t->pad_id_}, {"</s>", &t->eos_id_}, {"<unk>", &t->unk_id_}};
  for (const auto& s : specials) {
    auto it = t->vocab_.find(s.first);
    if (it == t->vocab_.end()) {
      *error = vocab_path + ": vocabulary has no " + s.first + " token";
      return nullptr;
    }
    *s.second = it->second;
  }
  std::ifstream merges(merges_path, std::ios::binary);
  if (!merges) {
    *error = merges_path + ": cannot open merges";
    return nullptr;
  }
  std::string line;
  int rank = 0;
  while (std::getline(merges, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("#version", 0) == 0) continue;
    const size_t space = line.find(' ');
    if (space == std::string::npos) {
      *error = merges_path + ": line " + std::to_string(rank + 1) + " is not a pair";
      return nullptr;
    }
    t->ranks_.emplace(std::make_pair(line.substr(0, space), line.substr(space + 1)), rank++);
  }
  return t;
}

std::vector<std::u32string> ByteBpeTokenizer::PreTokenize(std::string_view text) {
  // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
  const std::u32string cps = utf8::Decode(text);
  const size_t n = cps.size();
  std::vector<std::u32string> out;
  size_t i = 0;
  while (i < n) {
    if (cps[i] == U'\'' && i + 1 < n) {
      static const char32_t* kSuffixes[] = {U"re", U"ve", U"ll", U"s", U"t", U"m", U"d"};
      size_t matched = 0;
      for (const char32_t* suffix : kSuffixes) {
        size_t k = 0;
        while (suffix[k] != 0 && i + 1 + k < n && cps[i + 1 + k] == suffix[k]) ++k;
        if (suffix[k] == 0) {
          matched = k;
          break;
        }
      }
      if (matched > 0) {
        out.emplace_back(cps.begin() + i, cps.begin() + i + 1 + matched);
        i += 1 + matched;
        continue;
      }
    }
    const size_t start = i;
    const size_t body = (cps[i] == U' ' && i + 1 < n) ? i + 1 : i;
    bool (*klass)(char32_t) = nullptr;
    if (IsLetter(cps[body])) {
      klass = &IsLetter;
    } else if (IsNumber(cps[body])) {
      klass = &IsNumber;
    } else if (IsOther(cps[body])) {
      klass = &IsOther;
    }
    if (klass != nullptr) {
      size_t j = body;
      while (j < n && klass(cps[j])) ++j;
      out.emplace_back(cps.begin() + start, cps.begin() + j);
      i = j;
      continue;
    }
    // Whitespace: a run followed by non-space gives its last character to the next token.
    size_t j = i;
    while (j < n && IsSpace(cps[j])) ++j;
    if (j < n && j - i > 1) --j;
    out.emplace_back(cps.begin() + i, cps.begin() + j);
    i = j;
  }
  return out;
}

void ByteBpeTokenizer::Bpe(const std::string& mapped_word, std::vector<int64_t>* ids) const {
  std::vector<std::string> parts;
  for (char32_t cp : utf8::Decode(mapped_word)) {
    std::string s;
    utf8::Append(cp, &s);
    parts.push_back(s);
  }
  while (parts.size() > 1) {
    int best_rank = INT_MAX;
    size_t best = 0;
    for (size_t k = 0; k + 1 < parts.size(); ++k) {
      auto it = ranks_.find({parts[k], parts[k + 1]});
      if (it != ranks_.end() && it->second < best_rank) {
        best_rank = it->second;
        best = k;
      }
    }
    if (best_rank == INT_MAX) break;
    // Merge every occurrence of the best pair, left to right, as GPT-2 does.
    const std::string first = parts[best], second = parts[best + 1];
    std::vector<std::string> merged;
    for (size_t k = 0; k < parts.size();) {
      if (k + 1 < parts.size() && parts[k] == first && parts[k + 1] == second) {
        merged.push_back(first + second);
        k += 2;
      } else {
        merged.push_back(parts[k]);
        ++k;
      }
    }
    parts.swap(merged);
  }
  for (const std::string& p : parts) {
    auto it = vocab_.find(p);
    ids->push_back(it == vocab_.end() ? unk_id_ : it->second);
  }
}

std::vector<int64_t> ByteBpeTokenizer::Encode(std::string_view text, size_t max_length) const {
  const auto& table = ByteToUnicode();
  std::vector<int64_t> body;
  for (const std::u32string& token : PreTokenize(text)) {
    std::string mapped;
    for (unsigned char b : utf8::Encode(token)) mapped += table[b];
    Bpe(mapped, &body);
    if (body.size() + 2 >= max_length) break;
  }
  return WrapWithSpecials(body, {bos_id_}, {eos_id_}, max_length);
}

}  // namespace toxicity
}  // namespace sentinel
