#include "token_features.h"

#include "model_config.h"
#include "code_points.h"
#include "common/utf8.h"

namespace presidio_ner {
namespace {

const char* const kTitles[] = {"mr",   "mrs",  "ms",     "miss", "mx",
                               "dr",   "prof", "sir",    "madam", "mme",
                               "mlle", "rev",  "hon",    "lady", "lord",
                               "herr", "frau", "sr",     "sra",  "srta",
                               "dame", "messrs", "mister", "doctor",
                               "professor"};

// Collapses runs of the same character class to at most two, e.g.
// "McDonald" -> "XxXxx", "2024" -> "dd".
std::string Shape(std::string_view word) {
  std::string shape;
  char last = 0;
  int run = 0;
  size_t pos = 0;
  while (pos < word.size()) {
    const uint32_t cp = sentinel::utf8::DecodeAt(word, &pos);
    char c;
    if (IsUpperCodePoint(cp)) {
      c = 'X';
    } else if (IsLowerCodePoint(cp)) {
      c = 'x';
    } else if (IsDigitCodePoint(cp)) {
      c = 'd';
    } else if (IsLetterCodePoint(cp)) {
      c = 'L';  // a letter without case (CJK, Arabic, ...)
    } else {
      c = cp < 0x80 ? static_cast<char>(cp) : 'p';
    }
    run = (c == last) ? run + 1 : 1;
    last = c;
    if (run <= 2) shape.push_back(c);
  }
  return shape;
}

// Digits become '0' so numbers share features.
std::string NormalizeWord(const std::string& lowered) {
  std::string out = lowered;
  for (char& c : out) {
    if (c >= '0' && c <= '9') c = '0';
  }
  return out;
}

std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> cps;
  size_t pos = 0;
  while (pos < s.size()) cps.push_back(sentinel::utf8::DecodeAt(s, &pos));
  return cps;
}

std::string Joined(const std::vector<uint32_t>& cps, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < cps.size(); ++i) sentinel::utf8::Append(cps[i], &out);
  return out;
}

const char* CaseClass(std::string_view word) {
  size_t pos = 0;
  int upper = 0, lower = 0, letters = 0;
  bool first_upper = false;
  bool first = true;
  while (pos < word.size()) {
    const uint32_t cp = sentinel::utf8::DecodeAt(word, &pos);
    if (IsUpperCodePoint(cp)) ++upper;
    if (IsLowerCodePoint(cp)) ++lower;
    if (IsLetterCodePoint(cp)) ++letters;
    if (first) first_upper = IsUpperCodePoint(cp);
    first = false;
  }
  if (letters == 0) return "none";
  if (upper > 0 && lower == 0) return upper == 1 ? "one" : "caps";
  if (first_upper) return "init";
  if (upper > 0) return "mixed";
  if (lower > 0) return "lower";
  return "uncased";
}

}  // namespace

bool LoadGazetteers(const std::string& dir, Gazetteers* g, std::string* error) {
  Gazetteer* lists[] = {&g->first_names, &g->places, &g->cities, &g->nrp};
  for (int i = 0; i < 4; ++i) {
    if (!lists[i]->LoadFile(dir + "/" + kGazetteerFiles[i], error)) {
      return false;
    }
  }
  return true;
}

bool IsTitleWord(const std::string& lowered_token) {
  for (const char* t : kTitles) {
    if (lowered_token == t) return true;
  }
  return false;
}

int64_t FeatureExtractor::Hash(std::string_view slot,
                               std::string_view value) const {
  // FNV-1a, 64 bit: stable across platforms and runs.
  uint64_t h = 1469598103934665603ULL;
  for (char c : slot) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h ^= 0xFF;
  h *= 1099511628211ULL;
  for (char c : value) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return 1 + static_cast<int64_t>(h % static_cast<uint64_t>(buckets_ - 1));
}

void FeatureExtractor::Extract(std::string_view text,
                               const std::vector<Token>& tokens,
                               std::vector<int64_t>* ids,
                               std::vector<bool>* nrp_hits) const {
  std::vector<std::string> lowered;
  lowered.reserve(tokens.size());
  for (const Token& t : tokens) {
    lowered.push_back(LowerUtf8(text.substr(t.begin, t.end - t.begin)));
  }
  const std::vector<int> places =
      gazetteers_->places.Match(text, tokens, lowered);
  const std::vector<int> nrp = gazetteers_->nrp.Match(text, tokens, lowered);
  const std::vector<int> cities =
      gazetteers_->cities.Match(text, tokens, lowered);
  if (nrp_hits) {
    nrp_hits->assign(tokens.size(), false);
    for (size_t i = 0; i < tokens.size(); ++i) (*nrp_hits)[i] = nrp[i] != 0;
  }
  static const char* const kBio[] = {"O", "B", "I"};
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view word =
        text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    const std::vector<uint32_t> cps = CodePoints(lowered[i]);
    const size_t n = cps.size();
    // Sentence start: text or line start, or after . ! ? or a colon.
    bool sentence_start = tokens[i].line_start || i == 0;
    if (!sentence_start) {
      const std::string& prev = lowered[i - 1];
      sentence_start = prev == "." || prev == "!" || prev == "?" ||
                       prev == ":" || prev == "\"";
    }
    const bool prev_title = i > 0 && (IsTitleWord(lowered[i - 1]) ||
                                      (lowered[i - 1] == "." && i > 1 &&
                                       IsTitleWord(lowered[i - 2])));
    std::string case_pos = CaseClass(word);
    case_pos += sentence_start ? "|s" : "|m";
    ids->push_back(Hash("w", NormalizeWord(lowered[i])));
    ids->push_back(Hash("sh", Shape(word)));
    ids->push_back(Hash("p2", Joined(cps, 0, 2)));
    ids->push_back(Hash("p3", Joined(cps, 0, 3)));
    ids->push_back(Hash("s2", Joined(cps, n >= 2 ? n - 2 : 0, n)));
    ids->push_back(Hash("s3", Joined(cps, n >= 3 ? n - 3 : 0, n)));
    ids->push_back(Hash("s4", Joined(cps, n >= 4 ? n - 4 : 0, n)));
    ids->push_back(Hash("cp", case_pos));
    ids->push_back(Hash(
        "gf", gazetteers_->first_names.ContainsWord(lowered[i]) ? "1" : "0"));
    ids->push_back(Hash("gp", kBio[places[i]]));
    ids->push_back(Hash("gn", kBio[nrp[i]]));
    ids->push_back(Hash("gc", kBio[cities[i]]));
    ids->push_back(Hash("tt", IsTitleWord(lowered[i]) ? "title"
                              : prev_title          ? "after"
                                                    : "-"));
  }
}

}  // namespace presidio_ner
