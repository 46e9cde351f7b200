// Parsing of JSON request bodies with the limits the host enforces on untrusted input: valid UTF-8, and a
// bounded nesting depth so that a deeply nested document cannot exhaust the stack.
#ifndef SENTINEL_HOST_HTTP_JSON_BODY_H_
#define SENTINEL_HOST_HTTP_JSON_BODY_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sentinel {

constexpr int kMaxJsonDepth = 64;

// Parses `body`; on failure returns kInvalidArgument naming the problem and the byte offset.
Status ParseJsonBody(std::string_view body, nlohmann::json* out);

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_JSON_BODY_H_
