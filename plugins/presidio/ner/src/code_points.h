// Code-point classes for the NER tagger: spaces, punctuation, digits, and letter case for the common Latin,
// Greek and Cyrillic ranges (the features the model was trained on, so they are fixed tables rather than ICU).
// Decoding itself is sentinel::utf8 (plugins/common/utf8.h).
#ifndef PRESIDIO_NER_CODE_POINTS_H_
#define PRESIDIO_NER_CODE_POINTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace presidio_ner {

bool IsSpaceCodePoint(uint32_t cp);
bool IsPunctCodePoint(uint32_t cp);
bool IsDigitCodePoint(uint32_t cp);
bool IsUpperCodePoint(uint32_t cp);
bool IsLowerCodePoint(uint32_t cp);
// Letters: anything that is not space, punctuation or a digit. Non-Latin
// scripts count as letters even where case is unknown.
bool IsLetterCodePoint(uint32_t cp);
uint32_t ToLowerCodePoint(uint32_t cp);

// Lower-cases every code point with ToLowerCodePoint; invalid bytes are kept as they are.
std::string LowerUtf8(std::string_view text);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_CODE_POINTS_H_
