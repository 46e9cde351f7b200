#include "common/utf8.h"

namespace sentinel {
namespace utf8 {

size_t DecodeOne(std::string_view text, size_t i, char32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t len;
  char32_t value;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    value = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    value = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    value = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    value = (value << 6) | (cc & 0x3F);
  }
  if ((len == 2 && value < 0x80) || (len == 3 && value < 0x800) || (len == 4 && value < 0x10000) ||
      value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  *cp = value;
  return len;
}

char32_t DecodeAt(std::string_view text, size_t* pos) {
  char32_t cp;
  const size_t len = DecodeOne(text, *pos, &cp);
  if (len == 0) {
    ++*pos;
    return kReplacement;
  }
  *pos += len;
  return cp;
}

std::u32string Decode(std::string_view text, std::vector<size_t>* byte_offsets) {
  std::u32string out;
  out.reserve(text.size());
  if (byte_offsets != nullptr) {
    byte_offsets->clear();
    byte_offsets->reserve(text.size() + 1);
  }
  size_t pos = 0;
  while (pos < text.size()) {
    if (byte_offsets != nullptr) byte_offsets->push_back(pos);
    out.push_back(DecodeAt(text, &pos));
  }
  if (byte_offsets != nullptr) byte_offsets->push_back(text.size());
  return out;
}

std::vector<size_t> CodePointByteOffsets(std::string_view text) {
  std::vector<size_t> offsets;
  Decode(text, &offsets);
  return offsets;
}

std::vector<size_t> Utf16Offsets(std::string_view text) {
  std::vector<size_t> offsets;
  size_t units = 0;
  for (size_t pos = 0; pos < text.size();) {
    offsets.push_back(units);
    units += DecodeAt(text, &pos) > 0xFFFF ? 2 : 1;
  }
  offsets.push_back(units);
  return offsets;
}

void Append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string Encode(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t cp : cps) Append(cp, &out);
  return out;
}

bool IsValid(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp;
    const size_t len = DecodeOne(text, pos, &cp);
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

}  // namespace utf8
}  // namespace sentinel
