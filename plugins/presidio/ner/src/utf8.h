// UTF-8 helpers for the NER tagger: decoding, letter case for the common
// Latin, Greek and Cyrillic ranges, and code-point to byte offset maps.
// Byte offsets are what the tagger reports; code points are what Presidio
// and presidio-research use, so both directions are needed.
#ifndef PRESIDIO_NER_UTF8_H_
#define PRESIDIO_NER_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace presidio_ner {

// Decodes the code point at text[*pos] and advances *pos past it. Invalid or
// truncated sequences decode to U+FFFD and advance by one byte.
uint32_t DecodeUtf8(std::string_view text, size_t* pos);

void AppendUtf8(uint32_t cp, std::string* out);

bool IsSpaceCodePoint(uint32_t cp);
bool IsPunctCodePoint(uint32_t cp);
bool IsDigitCodePoint(uint32_t cp);
bool IsUpperCodePoint(uint32_t cp);
bool IsLowerCodePoint(uint32_t cp);
// Letters: anything that is not space, punctuation or a digit. Non-Latin
// scripts count as letters even where case is unknown.
bool IsLetterCodePoint(uint32_t cp);
uint32_t ToLowerCodePoint(uint32_t cp);

std::string LowerUtf8(std::string_view text);

// offsets[i] is the byte offset of code point i; offsets.back() == size.
std::vector<size_t> CodePointByteOffsets(std::string_view text);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_UTF8_H_
