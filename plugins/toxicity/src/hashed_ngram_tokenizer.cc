#include "hashed_ngram_tokenizer.h"

#include <unicode/uchar.h>

#include <nlohmann/json.hpp>

#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

bool IsWordChar(char32_t cp) {
  if (u_isalnum(static_cast<UChar32>(cp))) return true;
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool IsApostrophe(char32_t cp) { return cp == U'\'' || cp == U'\u2019'; }

bool StartsWith(const std::u32string& cps, size_t i, const char* ascii) {
  for (size_t k = 0; ascii[k] != '\0'; ++k) {
    if (i + k >= cps.size() || cps[i + k] != static_cast<char32_t>(ascii[k])) return false;
  }
  return true;
}

uint64_t Fnv1a(std::string_view a, std::string_view b) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : a) h = (h ^ c) * 1099511628211ull;
  for (unsigned char c : b) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

bool ParseHashedNgramConfig(const std::string& text, HashedNgramConfig* config, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "not a JSON object";
    return false;
  }
  HashedNgramConfig c;
  c.buckets = j.value("buckets", c.buckets);
  c.char_ngram_min = j.value("char_ngram_min", c.char_ngram_min);
  c.char_ngram_max = j.value("char_ngram_max", c.char_ngram_max);
  c.word_ngrams = j.value("word_ngrams", c.word_ngrams);
  c.lowercase = j.value("lowercase", c.lowercase);
  if (c.buckets < 2 || c.char_ngram_min < 1 || c.char_ngram_max < c.char_ngram_min || c.word_ngrams < 1 ||
      c.word_ngrams > 2) {
    *error = "invalid hashed n-gram settings";
    return false;
  }
  *config = c;
  return true;
}

std::string HashedNgramConfigToJson(const HashedNgramConfig& c) {
  nlohmann::json j = {{"buckets", c.buckets},         {"char_ngram_min", c.char_ngram_min},
                      {"char_ngram_max", c.char_ngram_max}, {"word_ngrams", c.word_ngrams},
                      {"lowercase", c.lowercase},     {"hash", "fnv1a64"}};
  return j.dump(2) + "\n";
}

std::vector<std::string> HashedNgramTokenizer::Words(std::string_view text) const {
  std::u32string cps = utf8::Decode(text);
  if (config_.lowercase) {
    for (char32_t& cp : cps) cp = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
  }
  std::vector<std::string> words;
  std::u32string word;
  auto flush = [&]() {
    if (!word.empty()) words.push_back(utf8::Encode(word));
    word.clear();
  };
  size_t i = 0;
  while (i < cps.size()) {
    const char32_t cp = cps[i];
    if (StartsWith(cps, i, "http://") || StartsWith(cps, i, "https://") || StartsWith(cps, i, "www.")) {
      // URLs carry no toxicity signal; one placeholder keeps them from flooding the features.
      flush();
      while (i < cps.size() && !u_isUWhiteSpace(static_cast<UChar32>(cps[i]))) ++i;
      words.push_back("<url>");
      continue;
    }
    if (cp == U'@' && word.empty() && i + 1 < cps.size() && IsWordChar(cps[i + 1])) {
      // Mentions are anonymised in the training data ("@user"); map every handle to the same word.
      ++i;
      while (i < cps.size() && (IsWordChar(cps[i]) || cps[i] == U'_')) ++i;
      words.push_back("@user");
      continue;
    }
    if (IsWordChar(cp)) {
      // Elongations ("soooo") keep at most two repeats so they share features with the plain word.
      const size_t n = word.size();
      if (!(n >= 2 && word[n - 1] == cp && word[n - 2] == cp)) word.push_back(cp);
      ++i;
      continue;
    }
    if (IsApostrophe(cp) && !word.empty() && i + 1 < cps.size() && IsWordChar(cps[i + 1])) {
      word.push_back(U'\'');
      ++i;
      continue;
    }
    flush();
    if (!u_isUWhiteSpace(static_cast<UChar32>(cp)) && cp != 0) {
      // A symbol; runs of the same symbol ("!!!") count once.
      std::string symbol;
      utf8::Append(cp, &symbol);
      if (words.empty() || words.back() != symbol || i == 0 || cps[i - 1] != cp) words.push_back(symbol);
    }
    ++i;
  }
  flush();
  return words;
}

int64_t HashedNgramTokenizer::Bucket(std::string_view kind, std::string_view feature) const {
  return 1 + static_cast<int64_t>(Fnv1a(kind, feature) % static_cast<uint64_t>(config_.buckets - 1));
}

std::vector<int64_t> HashedNgramTokenizer::Encode(std::string_view text, size_t max_length) const {
  const std::vector<std::string> words = Words(text);
  std::vector<int64_t> ids;
  ids.reserve(words.size() * 8);
  std::string padded;
  for (size_t w = 0; w < words.size() && ids.size() < max_length; ++w) {
    const std::string& word = words[w];
    ids.push_back(Bucket("w:", word));
    if (config_.word_ngrams >= 2 && w > 0) {
      ids.push_back(Bucket("b:", words[w - 1] + " " + word));
    }
    const std::u32string cps = utf8::Decode(word);
    if (cps.size() < 2) continue;  // symbols and one-letter words: the word feature is enough
    std::u32string bounded;
    bounded.push_back(U'<');
    bounded.append(cps.begin(), cps.end());
    bounded.push_back(U'>');
    for (int n = config_.char_ngram_min; n <= config_.char_ngram_max; ++n) {
      if (static_cast<size_t>(n) > bounded.size()) break;
      for (size_t s = 0; s + n <= bounded.size(); ++s) {
        if (n == static_cast<int>(bounded.size())) break;  // the whole "<word>" is the word feature already
        padded = utf8::Encode(std::u32string_view(bounded.data() + s, n));
        ids.push_back(Bucket("c:", padded));
      }
    }
  }
  if (ids.empty()) ids.push_back(Bucket("e:", ""));  // an empty text still has one feature to average
  if (ids.size() > max_length) ids.resize(max_length);
  return ids;
}

}  // namespace toxicity
}  // namespace sentinel
