#include "use_unigram_tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

constexpr char32_t kSpace = 0x20;
constexpr char32_t kWordBoundary = 0x2581;  // ▁
constexpr size_t kReservedIds = 6;          // unknown, <s>, </s>, extra_token_id_1..3: never in the lattice
constexpr int32_t kUnknownId = 0;

}  // namespace

std::unique_ptr<UseUnigramTokenizer> UseUnigramTokenizer::FromFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open vocabulary";
    return nullptr;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string why;
  auto t = FromJson(text.str(), &why);
  if (t == nullptr) *error = path + ": " + why;
  return t;
}

std::unique_ptr<UseUnigramTokenizer> UseUnigramTokenizer::FromJson(std::string_view json, std::string* error) {
  const nlohmann::json vocab = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (vocab.is_discarded() || !vocab.is_array() || vocab.size() <= kReservedIds) {
    *error = "not a JSON array of more than 6 [piece, score] pairs";
    return nullptr;
  }
  std::unique_ptr<UseUnigramTokenizer> t(new UseUnigramTokenizer());
  t->piece_length_.resize(vocab.size());

  // Build the trie with sorted maps, then flatten the children into one sorted edge array.
  std::vector<std::map<char32_t, uint32_t>> children(1);
  t->nodes_.resize(1);
  for (size_t i = 0; i < vocab.size(); ++i) {
    const nlohmann::json& entry = vocab[i];
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() ||
        !(entry[1].is_number() || entry[1].is_null())) {
      *error = "entry " + std::to_string(i) + " is not a [piece, score] pair";
      return nullptr;
    }
    const std::u32string piece = utf8::Decode(entry[0].get_ref<const std::string&>());
    t->piece_length_[i] = static_cast<uint32_t>(piece.size());
    if (i < kReservedIds || piece.empty()) continue;
    uint32_t node = 0;
    for (char32_t cp : piece) {
      auto it = children[node].find(cp);
      if (it == children[node].end()) {
        it = children[node].emplace(cp, static_cast<uint32_t>(t->nodes_.size())).first;
        t->nodes_.emplace_back();
        children.emplace_back();
      }
      node = it->second;
    }
    // A later duplicate overwrites an earlier one; a null score is 0 (JavaScript's null + x == x).
    t->nodes_[node].id = static_cast<int32_t>(i);
    t->nodes_[node].score = entry[1].is_null() ? 0.0 : entry[1].get<double>();
  }
  // The reference steps back by the piece's JavaScript length (UTF-16 units); no piece of the USE-lite
  // vocabulary is outside the BMP, so that is its length in code points. The unknown is "\uFFFD": 1.
  t->piece_length_[kUnknownId] = 1;
  for (size_t n = 0; n < t->nodes_.size(); ++n) {
    t->nodes_[n].first_edge = static_cast<uint32_t>(t->edges_.size());
    t->nodes_[n].edge_count = static_cast<uint32_t>(children[n].size());
    for (const auto& [cp, child] : children[n]) t->edges_.push_back(Edge{cp, child});
  }
  return t;
}

uint32_t UseUnigramTokenizer::Child(uint32_t node, char32_t cp) const {
  const Edge* first = edges_.data() + nodes_[node].first_edge;
  const Edge* last = first + nodes_[node].edge_count;
  const Edge* it = std::lower_bound(first, last, cp, [](const Edge& e, char32_t c) { return e.cp < c; });
  return it != last && it->cp == cp ? it->child : 0;
}

std::u32string UseUnigramTokenizer::Preprocess(std::string_view text) {
  std::u32string out;
  if (text.empty()) return out;
  out.reserve(text.size() + 1);
  out.push_back(kWordBoundary);
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) {  // ASCII is already NFKC
    for (char c : text) out.push_back(c == ' ' ? kWordBoundary : static_cast<char32_t>(c));
    return out;
  }
  icu::UnicodeString decoded;
  for (size_t pos = 0; pos < text.size();) decoded.append(static_cast<UChar32>(utf8::DecodeAt(text, &pos)));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::UnicodeString normalized = U_SUCCESS(status) ? nfkc->normalize(decoded, status) : decoded;
  const icu::UnicodeString& s = U_SUCCESS(status) ? normalized : decoded;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 cp = s.char32At(i);
    i += U16_LENGTH(cp);
    out.push_back(cp == kSpace ? kWordBoundary : static_cast<char32_t>(cp));
  }
  return out;
}

std::vector<int64_t> UseUnigramTokenizer::Encode(std::string_view text, size_t max_length) const {
  const std::u32string symbols = Preprocess(text);
  const size_t n = symbols.size();
  std::vector<int64_t> ids;
  if (n == 0 || max_length == 0) return ids;

  // best[e], words[e]: the score and the last piece of the best segmentation of symbols[0, e). The
  // reference visits, for each end, the candidates ending there by ascending start; relaxing forward from
  // ascending starts updates every end in exactly that order, and best[start] is final when it is read.
  // A best of exactly 0 counts as unset (so a later candidate replaces it), and ties go to the later one.
  std::vector<double> best(n + 1, 0.0);
  std::vector<int32_t> words(n + 1, kUnknownId);
  auto relax = [&](size_t start, size_t end, double piece_score, int32_t id) {
    const double score = piece_score + best[start];
    if (best[end] == 0 || score >= best[end]) {
      best[end] = score;
      words[end] = id;
    }
  };
  for (size_t start = 0; start < n; ++start) {
    bool matched = false;
    uint32_t node = 0;
    for (size_t end = start + 1; end <= n; ++end) {
      node = Child(node, symbols[end - 1]);
      if (node == 0) break;
      if (nodes_[node].id >= 0) {
        relax(start, end, nodes_[node].score, nodes_[node].id);
        matched = true;
      }
    }
    if (!matched) relax(start, start + 1, 0.0, kUnknownId);
  }

  // Walk back from the end, collapsing runs of unknowns into one, then reverse.
  for (size_t it = n; it > 0; it -= piece_length_[words[it]]) {
    const int32_t id = words[it];
    if (id == kUnknownId && !ids.empty() && ids.back() == kUnknownId) continue;
    ids.push_back(id);
  }
  std::reverse(ids.begin(), ids.end());
  if (ids.size() > max_length) ids.resize(max_length);
  return ids;
}

}  // namespace toxicity
}  // namespace sentinel
