// OpenAPI: the table of the host's own HTTP routes (method, path template, summary) and the OpenAPI 3
// document served at GET /openapi.json, which adds the routes declared by the active plugins. The router
// checks methods against the same table (405 with Allow), so what is described and what is served cannot
// drift apart. Path templates use OpenAPI's {param} segments.
#ifndef SENTINEL_HOST_HTTP_OPENAPI_H_
#define SENTINEL_HOST_HTTP_OPENAPI_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sentinel {

class ModuleRegistry;

struct HostRoute {
  const char* method;   // "GET", "HEAD", "POST"
  const char* path;     // template, e.g. "/v1/modules/{name}/health"
  const char* tag;      // OpenAPI tag grouping the route
  const char* summary;  // one line for the document
  bool admin;           // needs the admin bearer token when one is configured
  bool json_body;       // takes a JSON request body
};

// Every route the host itself serves.
const std::vector<HostRoute>& HostRoutes();

// True when `path` matches `path_template` segment by segment ({x} matches one non-empty segment).
bool MatchPathTemplate(std::string_view path_template, std::string_view path);

// The template of the host route serving `path` (any method), or nullptr. `allowed` receives its methods
// ("GET, HEAD") when not null.
const char* FindHostRouteTemplate(std::string_view path, std::string* allowed);

// The OpenAPI 3.0 document: host routes plus the routes of the currently active plugins.
nlohmann::ordered_json BuildOpenApiDocument(const ModuleRegistry& registry, const std::string& version);

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_OPENAPI_H_
