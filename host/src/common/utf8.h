// UTF-8 checks for text that reaches JSON, logs and metrics from outside the host's control: plugin
// descriptors, plugin messages, config files, file names. nlohmann::json refuses to serialize anything but
// well-formed UTF-8 (it throws type_error 316), so such text is either refused where it enters, with a precise
// reason, or made well-formed before it is written out.
//
// Validation is strict (RFC 3629): overlong forms, surrogates, values past U+10FFFF and truncated sequences
// are invalid.
#ifndef SENTINEL_HOST_COMMON_UTF8_H_
#define SENTINEL_HOST_COMMON_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sentinel {

// Byte offset of the first byte of `text` that does not begin a well-formed UTF-8 sequence, or
// std::string_view::npos when `text` is well-formed.
size_t FindInvalidUtf8(std::string_view text);

inline bool IsValidUtf8(std::string_view text) { return FindInvalidUtf8(text) == std::string_view::npos; }

// `text` with each byte that does not begin a well-formed sequence replaced by U+FFFD; `text` itself when it
// is well-formed.
std::string ToValidUtf8(std::string_view text);

// "byte 0xFF at offset 13": names the first invalid byte of `text` for error messages (never the text itself,
// which may be secret or unprintable). Empty when `text` is well-formed.
std::string DescribeInvalidUtf8(std::string_view text);

}  // namespace sentinel

#endif  // SENTINEL_HOST_COMMON_UTF8_H_
