// libFuzzer target: request JSON parsing with the host's limits (UTF-8, nesting depth).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json out;
  sentinel::Status s = sentinel::ParseJsonBody(std::string_view(reinterpret_cast<const char*>(data), size), &out);
  if (s.ok()) out.dump();
  return 0;
}
