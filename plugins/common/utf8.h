// utf8.h -- UTF-8 decoding and encoding shared by the plugins. API offsets are code-point offsets (Presidio's
// Python string indices) while the recognizers and tokenizers work on bytes, so every component that slices
// text converts through here.
//
// Decoding is strict (RFC 3629): overlong forms, surrogates, values past U+10FFFF and truncated sequences are
// invalid, and each invalid byte decodes to one U+FFFD so offsets stay well defined.
#ifndef SENTINEL_PLUGINS_COMMON_UTF8_H_
#define SENTINEL_PLUGINS_COMMON_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sentinel {
namespace utf8 {

constexpr char32_t kReplacement = 0xFFFD;

// Length of the well-formed sequence starting at text[i] (1 to 4) with its code point in *cp, or 0 when the
// bytes there are not one.
size_t DecodeOne(std::string_view text, size_t i, char32_t* cp);

// The code point at text[*pos]; advances *pos past it, or by one byte (returning U+FFFD) when invalid.
char32_t DecodeAt(std::string_view text, size_t* pos);

// Every code point of `text`. `byte_offsets`, when given, receives the byte offset of each code point plus a
// final entry equal to text.size().
std::u32string Decode(std::string_view text, std::vector<size_t>* byte_offsets = nullptr);

// The byte offset of each code point of `text`, plus a final entry equal to text.size().
std::vector<size_t> CodePointByteOffsets(std::string_view text);

// The UTF-16 code-unit offset of each code point of `text` (JavaScript and Java string indices: a code point
// past U+FFFF takes two units), plus a final entry equal to the text's UTF-16 length.
std::vector<size_t> Utf16Offsets(std::string_view text);

void Append(char32_t cp, std::string* out);
std::string Encode(std::u32string_view cps);

// True when `text` is well-formed UTF-8.
bool IsValid(std::string_view text);

}  // namespace utf8
}  // namespace sentinel

#endif  // SENTINEL_PLUGINS_COMMON_UTF8_H_
