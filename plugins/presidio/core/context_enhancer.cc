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
      "a", "about", "above", "after", "again", "against", "all", "almost", "alone", "along", "already", "also",
      "although", "always", "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "around",
      "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
      "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "enough", "etc",
      "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here",
      "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
      "itself", "just", "least", "less", "many", "may", "me", "might", "mine", "more", "most", "much", "must", "my",
      "myself", "neither", "never", "no", "nor", "not", "nothing", "now", "of", "off", "often", "on", "once",
      "only", "or", "other", "others", "our", "ours", "ourselves", "out", "over", "own", "per", "please", "quite",
      "rather", "really", "s", "same", "she", "should", "since", "so", "some", "still", "such", "than", "that",
      "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though",
      "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well",
      "were", "what", "whatever", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
      "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves"};
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

void ContextEnhancer::Enhance(std::string_view text, const std::vector<std::string>& request_context,
                              std::vector<RecognizerResult>* results) const {
  bool needed = false;
  for (const RecognizerResult& r : *results) {
    if (r.recognizer != nullptr && !r.recognizer->context().empty() && !r.context_enhanced) needed = true;
  }
  if (!needed) return;
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<std::string> extra;
  for (const std::string& word : request_context) extra.push_back(AsciiLower(word));

  for (RecognizerResult& result : *results) {
    if (result.recognizer == nullptr || result.recognizer->context().empty() || result.context_enhanced) continue;
    // The entity's first token: the first token ending after the entity starts.
    size_t first = static_cast<size_t>(
        std::lower_bound(tokens.begin(), tokens.end(), result.start,
                         [](const Token& t, size_t pos) { return t.end <= pos; }) -
        tokens.begin());
    // Window = the entity's own first token plus `prefix_count` preceding non-stop words
    // (and `suffix_count` following ones); raw token range [lo, hi) for phrases.
    std::vector<const Token*> window;
    size_t lo = first, hi = first;
    if (first < tokens.size() && tokens[first].start < result.end) {
      window.push_back(&tokens[first]);
      hi = first + 1;
    }
    int taken = 0;
    for (size_t j = first; j-- > 0 && taken < options_.prefix_count;) {
      lo = j;
      if (IsStopWord(tokens[j].lower)) continue;
      window.push_back(&tokens[j]);
      ++taken;
    }
    taken = 0;
    for (size_t j = hi; j < tokens.size() && taken < options_.suffix_count; ++j) {
      if (tokens[j].start < result.end) continue;
      hi = j + 1;
      if (IsStopWord(tokens[j].lower)) continue;
      window.push_back(&tokens[j]);
      ++taken;
    }

    const std::string* supporting = nullptr;
    for (const std::string& entry : result.recognizer->context()) {
      std::vector<std::string> words = ContextWords(entry);
      if (words.empty()) continue;
      bool found = false;
      if (words.size() == 1) {
        for (const Token* token : window) {
          if (WordMatches(token->lower, words[0])) found = true;
        }
      } else {
        for (size_t s = lo; !found && s + words.size() <= hi; ++s) {
          bool all = true;
          for (size_t k = 0; k < words.size() && all; ++k) all = WordMatches(tokens[s + k].lower, words[k]);
          found = all;
        }
      }
      if (!found) {
        std::string joined = AsciiLower(entry);
        for (const std::string& word : extra) {
          if (word == joined || (words.size() == 1 && WordMatches(word, words[0]))) found = true;
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
