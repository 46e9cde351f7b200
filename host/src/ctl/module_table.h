// ModuleTable: `sentinelctl modules` for a person at a terminal: one row per module with its name, state,
// plugin and, for a failed module, the stage and reason, the reason wrapped to the terminal's width. Scripts
// get the raw JSON instead (--json, or whenever stdout is not a terminal).
#ifndef SENTINEL_HOST_CTL_MODULE_TABLE_H_
#define SENTINEL_HOST_CTL_MODULE_TABLE_H_

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace sentinel {

// Renders the body of GET /v1/modules ({"modules": [...]}) as a table at most `width` columns wide (the last
// column wraps; it never shrinks below a readable minimum). Ends with a newline.
std::string FormatModuleTable(const nlohmann::ordered_json& modules_reply, size_t width);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_MODULE_TABLE_H_
