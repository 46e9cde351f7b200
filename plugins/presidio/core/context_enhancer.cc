#include "core/context_enhancer.h"

#include <algorithm>
#include <unordered_set>

#include "core/recognizer.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

// English stop words (spaCy's list, trimmed to words that occur in running text).
const std::unordered_set<std::string>& StopWords() {
  static const auto* words = new std::unordered_set<std::string>{
      "a",          "about",   "above",   "after",     "again",   "against", "all",      "almost",   "alone",
      "along",      "already", "also",    "although",  "always",  "am",      "among",    "an",       "and",
      "another",    "any",     "anyone",  "anything",  "are",     "around",  "as",       "at",       "be",
      "because",    "been",    "before",  "being",     "below",   "between", "both",     "but",      "by",
      "can",        "could",   "did",     "do",        "does",    "doing",   "done",     "down",     "during",
      "each",       "either",  "else",    "enough",    "etc",     "even",    "ever",     "every",    "few",
      "for",        "from",    "further", "had",       "has",     "have",    "having",   "he",       "her",
      "here",       "hers",    "herself", "him",       "himself", "his",     "how",      "however",  "i",
      "if",         "in",      "into",    "is",        "it",      "its",     "itself",   "just",     "least",
      "less",       "many",    "may",     "me",        "might",   "mine",    "more",     "most",     "much",
      "must",       "my",      "myself",  "neither",   "never",   "no",      "nor",      "not",      "nothing",
      "now",        "of",      "off",     "often",     "on",      "once",    "only",     "or",       "other",
      "others",     "our",     "ours",    "ourselves", "out",     "over",    "own",      "per",      "please",
      "quite",      "rather",  "really",  "s",         "same",    "she",     "should",   "since",    "so",
      "some",       "still",   "such",    "than",      "that",    "the",     "their",    "theirs",   "them",
      "themselves", "then",    "there",   "these",     "they",    "this",    "those",    "though",   "through",
      "thus",       "to",      "too",     "under",     "until",   "up",      "upon",     "us",       "very",
      "via",        "was",     "we",      "well",      "were",    "what",    "whatever", "when",     "where",
      "whether",    "which",   "while",   "who",       "whom",    "whose",   "why",      "will",     "with",
      "within",     "without", "would",   "yet",       "you",     "your",    "yours",    "yourself", "yourselves"};
  return *words;
}

// A context entry as a list of words ("lic#" -> {"lic"}, "mac address" -> {"mac", "address"}).
std::vector<std::string> ContextWords(std::string_view entry) {
  std::vector<std::string> words;
  for (const Token& token : Tokenize(entry)) words.push_back(token.lower);
  return words;
}

// Whole-word match allowing a plural ending on the text side.
bool WordMatches(const std::string& text_word, const std::string& context_word) {
  if (text_word == context_word) return true;
  size_t n = context_word.size();
  if (text_word.size() == n + 1 && text_word.compare(0, n, context_word) == 0 && text_word[n] == 's') return true;
  if (text_word.size() == n + 2 && text_word.compare(0, n, context_word) == 0 && text_word.compare(n, 2, "es") == 0) {
    return true;
  }
  return false;
}

}  // namespace

bool IsStopWord(std::string_view lower_word) { return StopWords().count(std::string(lower_word)) > 0; }

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    tokens.push_back({start, i, AsciiLower(text.substr(start, i - start))});
  }
  return tokens;
}

namespace {

// The word token ending at or before `pos` (scanning backwards over non-word bytes); false at the start.
bool PreviousToken(std::string_view text, size_t pos, Token* token) {
  while (pos > 0 && !IsWordByte(static_cast<unsigned char>(text[pos - 1]))) --pos;
  if (pos == 0) return false;
  size_t end = pos;
  while (pos > 0 && IsWordByte(static_cast<unsigned char>(text[pos - 1]))) --pos;
  *token = {pos, end, AsciiLower(text.substr(pos, end - pos))};
  return true;
}

// The word token starting at or after `pos`; false when none starts before `limit`.
bool NextToken(std::string_view text, size_t pos, size_t limit, Token* token) {
  while (pos < limit && !IsWordByte(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos >= limit) return false;
  size_t start = pos;
  while (start > 0 && IsWordByte(static_cast<unsigned char>(text[start - 1]))) --start;
  size_t end = pos;
  while (end < text.size() && IsWordByte(static_cast<unsigned char>(text[end]))) ++end;
  *token = {start, end, AsciiLower(text.substr(start, end - start))};
  return true;
}

}  // namespace

void ContextEnhancer::Enhance(std::string_view text, const std::vector<std::string>& request_context,
                              std::vector<RecognizerResult>* results) const {
  // Request context entries ("Driver license") count word by word, like surrounding words.
  std::vector<std::string> extra;
  for (const std::string& entry : request_context) {
    for (const Token& token : Tokenize(entry)) extra.push_back(token.lower);
  }

  for (RecognizerResult& result : *results) {
    if (result.recognizer == nullptr || result.recognizer->context().empty() || result.context_enhanced) continue;
    if (result.score >= 1.0) continue;  // nothing left to raise (validated results)
    // Raw tokens around the entity in text order, and the keyword window: the entity's own first
    // token plus `prefix_count` preceding and `suffix_count` following non-stop words.
    std::vector<Token> raw;
    std::vector<size_t> window;  // indexes into raw
    Token token;
    size_t before = result.start;
    if (NextToken(text, result.start, result.end, &token)) {
      before = token.start;
      raw.push_back(token);
    }
    int taken = 0;
    size_t pos = before;
    std::vector<Token> preceding;
    while (taken < options_.prefix_count && PreviousToken(text, pos, &token)) {
      pos = token.start;
      if (!IsStopWord(token.lower)) ++taken;
      preceding.push_back(token);
    }
    raw.insert(raw.begin(), preceding.rbegin(), preceding.rend());
    taken = 0;
    pos = result.end;
    while (taken < options_.suffix_count && NextToken(text, pos, text.size(), &token)) {
      pos = token.end;
      if (!IsStopWord(token.lower)) ++taken;
      raw.push_back(token);
    }
    for (size_t i = 0; i < raw.size(); ++i) {
      bool own = raw[i].start <= result.start ? raw[i].end > result.start : raw[i].start < result.end;
      if (own || !IsStopWord(raw[i].lower)) window.push_back(i);
    }

    const std::string* supporting = nullptr;
    for (const std::string& entry : result.recognizer->context()) {
      std::vector<std::string> words = ContextWords(entry);
      if (words.empty()) continue;
      bool found = false;
      if (words.size() == 1) {
        for (size_t i : window) found |= WordMatches(raw[i].lower, words[0]);
      } else {
        for (size_t s = 0; !found && s + words.size() <= raw.size(); ++s) {
          bool all = true;
          for (size_t k = 0; k < words.size() && all; ++k) all = WordMatches(raw[s + k].lower, words[k]);
          found = all;
        }
      }
      if (!found) {
        for (size_t s = 0; !found && s + words.size() <= extra.size(); ++s) {
          bool all = true;
          for (size_t k = 0; k < words.size() && all; ++k) all = WordMatches(extra[s + k], words[k]);
          found = all;
        }
      }
      if (found) {
        supporting = &entry;
        break;
      }
    }
    if (supporting == nullptr) continue;
    double score = result.score + options_.similarity_factor;
    score = std::max(score, options_.min_score_with_context);
    score = std::min(score, 1.0);
    result.explanation.score_context_improvement = score - result.score;
    result.explanation.score = score;
    result.explanation.supportive_context_word = AsciiLower(*supporting);
    result.score = score;
    result.context_enhanced = true;
  }
}

}  // namespace presidio
