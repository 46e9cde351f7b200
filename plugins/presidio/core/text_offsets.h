// text_offsets.h -- UTF-8 helpers: byte <-> Unicode code point offsets and word-character tests.
//
// Presidio reports offsets as Python string indices (code points); the engine works on bytes.
#ifndef PRESIDIO_CORE_TEXT_OFFSETS_H_
#define PRESIDIO_CORE_TEXT_OFFSETS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace presidio {

// Maps between byte offsets and code point offsets of one UTF-8 text. Identity for ASCII text.
class CodePointMap {
 public:
  explicit CodePointMap(std::string_view text);
  // Code point index of the character starting at (or containing) `byte`.
  size_t ToCodePoint(size_t byte) const;
  // Byte offset of code point `cp`; returns the text size for cp == size().
  size_t ToByte(size_t cp) const;
  size_t size() const { return ascii_ ? byte_size_ : starts_.size(); }

 private:
  bool ascii_ = true;
  size_t byte_size_ = 0;
  std::vector<uint32_t> starts_;  // byte offset of each code point, only for non-ASCII text
};

// True for bytes that belong to words: ASCII letters, digits, '_' and any byte of a non-ASCII
// character (so accented letters count as word characters, as in Python's Unicode \w).
inline bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

// Offset of the next character boundary after `pos` (pos < text.size()).
size_t NextCharBoundary(std::string_view text, size_t pos);

std::string AsciiLower(std::string_view text);

}  // namespace presidio

#endif  // PRESIDIO_CORE_TEXT_OFFSETS_H_
