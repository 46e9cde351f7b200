#include "word_vectors.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "code_points.h"

namespace presidio_ner {
namespace {

// IEEE 754 binary16 -> binary32.
float HalfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1F;
  uint32_t mant = h & 0x3FF;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      exp = 127 - 15 + 1;
      while ((mant & 0x400) == 0) {
        mant <<= 1;
        --exp;
      }
      mant &= 0x3FF;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7F800000 | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

// GloVe's words use the ASCII apostrophe; texts often use U+2019.
std::string NormalizeApostrophes(std::string s) {
  static const std::string kRight = "\xE2\x80\x99";
  for (size_t at = s.find(kRight); at != std::string::npos;
       at = s.find(kRight, at + 1)) {
    s.replace(at, kRight.size(), "'");
  }
  return s;
}

}  // namespace

bool WordVectors::Load(const std::string& dir, int64_t dim,
                       std::string* error) {
  const std::string words_path = dir + "/" + kWordVectorFiles[0];
  const std::string table_path = dir + "/" + kWordVectorFiles[1];
  std::ifstream words(words_path, std::ios::binary);
  std::ifstream table(table_path, std::ios::binary);
  if (!words || !table) {
    *error = "cannot read " + (words ? table_path : words_path);
    return false;
  }
  if (dim <= 0) {
    *error = "word vector dimension must be positive";
    return false;
  }
  const std::vector<char> halves((std::istreambuf_iterator<char>(table)),
                                 std::istreambuf_iterator<char>());
  const size_t row_bytes = static_cast<size_t>(dim) * 2;
  if (halves.empty() || halves.size() % row_bytes != 0) {
    *error = table_path + " is not a whole number of " + std::to_string(dim) +
             "-half rows";
    return false;
  }
  const size_t n = halves.size() / row_bytes;
  dim_ = dim;
  index_.clear();
  index_.reserve(n);
  std::string line;
  while (std::getline(words, line)) {
    if (!index_.emplace(line, static_cast<int64_t>(index_.size()) + 1).second) {
      *error = words_path + " lists \"" + line.substr(0, 40) + "\" twice";
      return false;
    }
  }
  if (index_.size() != n) {
    *error = words_path + " has " + std::to_string(index_.size()) +
             " words but " + table_path + " has " + std::to_string(n) + " rows";
    return false;
  }
  table_.assign((n + 1) * dim, 0.0f);
  for (size_t i = 0; i < n * dim; ++i) {
    uint16_t h;
    std::memcpy(&h, halves.data() + 2 * i, 2);  // little-endian hosts only
    table_[dim + i] = HalfToFloat(h);
  }
  return true;
}

int64_t WordVectors::Row(const std::string& lowered) const {
  auto it = index_.find(lowered);
  return it == index_.end() ? 0 : it->second;
}

std::vector<int64_t> WordVectors::Rows(std::string_view text,
                                       const std::vector<Token>& tokens) const {
  std::vector<int64_t> rows;
  rows.reserve(tokens.size());
  for (const Token& t : tokens) {
    const std::string lowered = NormalizeApostrophes(
        LowerUtf8(text.substr(t.begin, t.end - t.begin)));
    rows.push_back(Row(lowered));
  }
  return rows;
}

}  // namespace presidio_ner
