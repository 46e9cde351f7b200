// JsonText: the one way the host turns a JSON value into text. Strings in host JSON can come from plugin
// descriptors, plugin messages, config files and file names; where one is not well-formed UTF-8 despite the
// checks where it entered, nlohmann's dump() would throw (type_error 316) out of a log line, an HTTP reply or
// a reload report. Here each invalid byte becomes U+FFFD instead: the text is still written, never thrown.
#ifndef SENTINEL_HOST_COMMON_JSON_TEXT_H_
#define SENTINEL_HOST_COMMON_JSON_TEXT_H_

#include <string>

#include <nlohmann/json.hpp>

namespace sentinel {

// `indent` as for nlohmann::json::dump: -1 for one line, n >= 0 for pretty-printing with n spaces.
template <typename Json>
std::string JsonText(const Json& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sentinel

#endif  // SENTINEL_HOST_COMMON_JSON_TEXT_H_
