// utf8.h -- decoding UTF-8 into code points with their byte offsets, and encoding them back.
// Offsets reported to API users are code-point offsets, so every component that slices text uses this.
#ifndef SENTINEL_TOXICITY_UTF8_H_
#define SENTINEL_TOXICITY_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sentinel {
namespace toxicity {

// Decodes `text`; invalid bytes become U+FFFD (one per bad byte) so offsets stay well defined.
// `byte_offsets`, when given, receives the byte offset of each code point plus a final entry = text.size().
std::vector<char32_t> DecodeUtf8(std::string_view text, std::vector<size_t>* byte_offsets = nullptr);

void AppendUtf8(char32_t cp, std::string* out);
std::string EncodeUtf8(const std::u32string& cps);
std::string EncodeUtf8(const char32_t* begin, const char32_t* end);

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_UTF8_H_
