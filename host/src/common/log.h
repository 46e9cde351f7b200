// Structured logging: one JSON object per line on stderr, one line per event.
// Callers pass event names and fields; analyzed text must never be passed here.
#ifndef SENTINEL_HOST_COMMON_LOG_H_
#define SENTINEL_HOST_COMMON_LOG_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace sentinel {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

using LogField = std::pair<std::string_view, std::string>;

// Thread-safe. Writes {"ts":...,"level":...,"event":...,<fields>}.
void Log(LogLevel level, std::string_view event, std::initializer_list<LogField> fields = {});

// Messages below this level are dropped. Default kInfo.
void SetMinLogLevel(LogLevel level);

}  // namespace sentinel

#endif  // SENTINEL_HOST_COMMON_LOG_H_
