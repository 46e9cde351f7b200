#include "code_points.h"

#include "common/utf8.h"

namespace presidio_ner {

bool IsSpaceCodePoint(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool IsPunctCodePoint(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
           (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E) ||
           cp < 0x20 || cp == 0x7F;
  }
  return (cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 &&
          cp != 0xBA) ||
         cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) ||
         (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20CF) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3001 && cp <= 0x3003) ||
         (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         cp == 0xFFFD || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
         (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         cp == 0x200D;
}

bool IsDigitCodePoint(uint32_t cp) { return cp >= '0' && cp <= '9'; }

bool IsUpperCodePoint(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x386 && cp <= 0x38F) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  if (cp >= 0x460 && cp <= 0x4FF) return cp % 2 == 0;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return cp % 2 == 0;
  return false;
}

bool IsLowerCodePoint(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return !IsUpperCodePoint(cp);
  if (cp >= 0x3AC && cp <= 0x3CE) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  if (cp >= 0x460 && cp <= 0x4FF) return cp % 2 == 1;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return cp % 2 == 1;
  return false;
}

bool IsLetterCodePoint(uint32_t cp) {
  return !IsSpaceCodePoint(cp) && !IsPunctCodePoint(cp) &&
         !IsDigitCodePoint(cp);
}

uint32_t ToLowerCodePoint(uint32_t cp) {
  if (!IsUpperCodePoint(cp)) return cp;
  if (cp < 0x80 || (cp >= 0xC0 && cp <= 0xDE)) return cp + 0x20;
  if (cp == 0x130) return 'i';
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x100 && cp <= 0x17F) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3A9) return cp + 0x20;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 0x25;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 0x3F;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x460 && cp <= 0x4FF) return cp + 1;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return cp + 1;
  return cp;
}

std::string LowerUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const uint32_t cp = sentinel::utf8::DecodeAt(text, &pos);
    if (cp == 0xFFFD && pos == start + 1 &&
        static_cast<unsigned char>(text[start]) >= 0x80) {
      out.push_back(text[start]);  // keep invalid bytes as they are
    } else {
      sentinel::utf8::Append(ToLowerCodePoint(cp), &out);
    }
  }
  return out;
}

}  // namespace presidio_ner
