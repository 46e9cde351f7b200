#include "gazetteer.h"

#include <algorithm>
#include <fstream>

#include "code_points.h"

namespace presidio_ner {

bool Gazetteer::LoadFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read gazetteer " + path;
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) Add(line);
  }
  return true;
}

void Gazetteer::Add(std::string_view phrase) {
  const std::vector<Token> tokens = Tokenize(phrase);
  if (tokens.empty()) return;
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      prefixes_.insert(key);
      key.push_back(' ');
    }
    key += LowerUtf8(phrase.substr(tokens[i].begin,
                                   tokens[i].end - tokens[i].begin));
  }
  phrases_.insert(key);
  max_tokens_ = std::max(max_tokens_, tokens.size());
}

std::vector<int> Gazetteer::Match(std::string_view /*text*/,
                                  const std::vector<Token>& tokens,
                                  const std::vector<std::string>& lowered) const {
  std::vector<int> tags(tokens.size(), 0);
  const size_t limit = std::min<size_t>(max_tokens_, 6);
  size_t i = 0;
  while (i < tokens.size()) {
    size_t best = 0;
    std::string key;
    for (size_t n = 1; n <= limit && i + n <= tokens.size(); ++n) {
      if (n > 1) key.push_back(' ');
      key += lowered[i + n - 1];
      if (phrases_.count(key)) best = n;
      if (!prefixes_.count(key)) break;
    }
    if (best == 0) {
      ++i;
      continue;
    }
    tags[i] = 1;
    for (size_t k = 1; k < best; ++k) tags[i + k] = 2;
    i += best;
  }
  return tags;
}

}  // namespace presidio_ner
