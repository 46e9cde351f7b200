#include "utf8.h"

namespace sentinel {
namespace toxicity {

namespace {

// Returns the length of the sequence starting at s[i] and stores its code point, or 0 when invalid.
size_t DecodeOne(std::string_view s, size_t i, char32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
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
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    value = (value << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 2 && value < 0x80) || (len == 3 && value < 0x800) || (len == 4 && value < 0x10000) ||
      value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return 0;
  }
  *cp = value;
  return len;
}

}  // namespace

std::vector<char32_t> DecodeUtf8(std::string_view text, std::vector<size_t>* byte_offsets) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  if (byte_offsets != nullptr) {
    byte_offsets->clear();
    byte_offsets->reserve(text.size() + 1);
  }
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    size_t len = DecodeOne(text, i, &cp);
    if (len == 0) {
      cp = 0xFFFD;
      len = 1;
    }
    if (byte_offsets != nullptr) byte_offsets->push_back(i);
    out.push_back(cp);
    i += len;
  }
  if (byte_offsets != nullptr) byte_offsets->push_back(text.size());
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
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

std::string EncodeUtf8(const char32_t* begin, const char32_t* end) {
  std::string out;
  out.reserve(static_cast<size_t>(end - begin));
  for (const char32_t* p = begin; p != end; ++p) AppendUtf8(*p, &out);
  return out;
}

std::string EncodeUtf8(const std::u32string& cps) { return EncodeUtf8(cps.data(), cps.data() + cps.size()); }

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    size_t len = DecodeOne(text, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace toxicity
}  // namespace sentinel
