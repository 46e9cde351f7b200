#include "core/text_offsets.h"

#include <algorithm>

namespace presidio {

CodePointMap::CodePointMap(std::string_view text) : byte_size_(text.size()) {
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii_ = false;
      break;
    }
  }
  if (ascii_) return;
  starts_.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts_.push_back(static_cast<uint32_t>(i));
  }
}

size_t CodePointMap::ToCodePoint(size_t byte) const {
  if (ascii_) return byte;
  if (byte >= byte_size_) return starts_.size();
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(byte));
  return static_cast<size_t>(it - starts_.begin()) - 1;
}

size_t CodePointMap::ToByte(size_t cp) const {
  if (ascii_) return std::min(cp, byte_size_);
  if (cp >= starts_.size()) return byte_size_;
  return starts_[cp];
}

size_t NextCharBoundary(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace presidio
