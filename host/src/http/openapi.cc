#include "http/openapi.h"

#include <map>
#include <set>

#include "module/module_registry.h"
#include "sentinel/plugin_abi.h"

namespace sentinel {
namespace {

using ojson = nlohmann::ordered_json;

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string OperationId(const std::string& method, const std::string& path) {
  std::string id;
  for (char c : method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool upper = true;
  for (char c : path) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return id;
}

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const ojson& ErrorResponse() {
  static const ojson response = {
      {"description", "error: {\"error\": {\"code\": ..., \"message\": ...}}"},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  return response;
}

ojson JsonOk(const char* description) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
}

}  // namespace

const std::vector<HostRoute>& HostRoutes() {
  static const std::vector<HostRoute> routes = {
      {"GET", "/health", "probes", "Liveness: 200 {\"status\":\"ok\"} while the process serves", false, false},
      {"HEAD", "/health", "probes", "Liveness, headers only", false, false},
      {"GET", "/ready", "probes", "Readiness: 200 when every enabled module is active, else 503 naming those that are not", false, false},
      {"HEAD", "/ready", "probes", "Readiness, headers only", false, false},
      {"GET", "/metrics", "operations", "Prometheus metrics in the text exposition format 0.0.4", false, false},
      {"GET", "/openapi.json", "operations", "This document: host routes and the routes of the active plugins", false, false},
      {"GET", "/v1/modules", "modules", "List configured modules: state, enabled, library, ABI, plugin version, error, activation time", false, false},
      {"GET", "/v1/modules/{name}", "modules", "One module", false, false},
      {"GET", "/v1/modules/{name}/health", "modules", "The module's own health JSON; 503 unless active", false, false},
      {"POST", "/v1/modules/{name}/activate", "modules", "Activate a module (synchronous)", true, false},
      {"POST", "/v1/modules/{name}/deactivate", "modules", "Deactivate a module; requests in flight finish", true, false},
      {"POST", "/v1/analyze", "analysis", "Analyze {\"text\", \"modules\"?, \"options\"?} with the named (or all active) modules", false, true},
      {"POST", "/v1/checks", "guardrails", "Guardrail check, NeMo Guardrails' shape: {\"messages\", \"guardrails\": {\"config_id\"}} -> {\"status\": passed|modified|blocked, \"content\", \"rail\"?}", false, true},
      {"POST", "/v1/guardrail/checks", "guardrails", "Guardrail check, the gateways' shape: -> {\"status\": success|modified|blocked, \"content\", \"rail\"?, \"rails_status\", \"guardrails_data\"}", false, true},
      {"POST", "/v1/redact/stream", "guardrails", "Streaming redaction: a chunked text/plain, application/x-ndjson or text/event-stream body in, the same format out, redacted as soon as it is safe (?config_id=&role=output)", false, false},
      {"POST", "/v1/reload", "modules", "Re-read the YAML and apply it; invalid YAML changes nothing", true, false},
      {"GET", "/", "ui", "The web UI", false, false},
      {"GET", "/index.html", "ui", "The web UI", false, false},
      {"GET", "/ui/{asset}", "ui", "A web UI asset (script, style sheet, icon)", false, false},
  };
  return routes;
}

bool MatchPathTemplate(std::string_view path_template, std::string_view path) {
  std::vector<std::string_view> t = Segments(path_template);
  std::vector<std::string_view> p = Segments(path);
  if (t.size() != p.size()) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (IsParam(t[i])) {
      if (p[i].empty()) return false;
    } else if (t[i] != p[i]) {
      return false;
    }
  }
  return true;
}

const char* FindHostRouteTemplate(std::string_view path, std::string* allowed) {
  const char* found = nullptr;
  for (const HostRoute& r : HostRoutes()) {
    if (!MatchPathTemplate(r.path, path)) continue;
    // A literal template wins over a parameterized one ("/index.html" is not "/ui/{asset}").
    if (found != nullptr && std::string_view(found) != r.path) continue;
    found = r.path;
    if (allowed != nullptr) *allowed += (allowed->empty() ? "" : ", ") + std::string(r.method);
  }
  return found;
}

ojson BuildOpenApiDocument(const ModuleRegistry& registry, const std::string& version) {
  ojson paths = ojson::object();
  std::set<std::string> tags;
  for (const HostRoute& r : HostRoutes()) {
    ojson op;
    op["tags"] = {r.tag};
    op["summary"] = r.summary;
    op["operationId"] = OperationId(r.method, r.path);
    ojson params = ojson::array();
    for (std::string_view seg : Segments(r.path)) {
      if (!IsParam(seg)) continue;
      params.push_back({{"name", std::string(seg.substr(1, seg.size() - 2))},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    std::string path = r.path;
    const bool check = path == "/v1/checks" || path == "/v1/guardrail/checks";
    if (r.json_body) {
      const char* schema = check ? "#/components/schemas/CheckRequest" : "#/components/schemas/AnalyzeRequest";
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", {{"$ref", schema}}}}}}}};
    }
    if (path == "/v1/redact/stream") {
      op["parameters"] = ojson::array(
          {{{"name", "config_id"}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}},
           {{"name", "role"}, {"in", "query"}, {"required", false},
            {"schema", {{"type", "string"}, {"enum", {"input", "output"}}, {"default", "output"}}}}});
      ojson stream_body = ojson::object();
      for (const char* type : {"text/plain", "application/x-ndjson", "text/event-stream"}) {
        stream_body[type] = {{"schema", {{"type", "string"}}}};
      }
      op["requestBody"] = {{"required", true}, {"content", stream_body}};
      op["responses"]["200"] = {{"description", "the redacted stream, chunked, in the request's format"},
                                {"content", stream_body}};
    } else if (check) {
      op["responses"]["200"] = {
          {"description", "pass, modified or blocked"},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/CheckResponse"}}}}}}}};
    } else if (path == "/metrics") {
      op["responses"]["200"] = {{"description", "Prometheus text format"},
                                {"content", {{"text/plain; version=0.0.4", {{"schema", {{"type", "string"}}}}}}}};
    } else if (path == "/" || path == "/index.html" || path == "/ui/{asset}") {
      op["responses"]["200"] = {{"description", "a UI file"}};
    } else if (std::string(r.method) == "HEAD") {
      op["responses"]["200"] = {{"description", "serving"}};
    } else {
      op["responses"]["200"] = JsonOk("success");
    }
    op["responses"]["default"] = ErrorResponse();
    if (r.admin) op["security"] = ojson::array({{{"bearerAuth", ojson::array()}}, ojson::object()});
    tags.insert(r.tag);
    paths[path][Lower(r.method)] = std::move(op);
  }
  for (const auto& module : registry.List()) {
    if (module->state() != ModuleState::kActive) continue;
    const std::string name = module->name();
    std::string plugin = module->config().plugin;
    for (const Route& route : module->routes()) {
      ojson op;
      op["tags"] = {name};
      op["summary"] = "Route of plugin " + plugin + " (module " + name + ")";
      op["operationId"] = OperationId(route.method, route.path);
      if (route.method == "POST" || route.method == "PUT" || route.method == "PATCH") {
        op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
      }
      op["responses"]["200"] = {{"description", "the plugin's answer (JSON unless the plugin says otherwise)"}};
      op["responses"]["default"] = ErrorResponse();
      paths[route.path][Lower(route.method)] = std::move(op);
    }
    tags.insert(name);
  }
  ojson tag_list = ojson::array();
  for (const auto& t : tags) tag_list.push_back({{"name", t}});
  ojson doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "Sentinel detector host (sentineld)"},
                 {"version", version},
                 {"description", "Host routes and the routes of the plugins active when this document was served. "
                                 "Plugin ABI " + std::to_string(SENTINEL_ABI_MAJOR) + "." +
                                 std::to_string(SENTINEL_ABI_MINOR) + "."}};
  doc["tags"] = tag_list;
  doc["paths"] = paths;
  doc["components"] = {
      {"schemas",
       {{"Error",
         {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}},
        {"AnalyzeRequest",
         {{"type", "object"},
          {"required", {"text"}},
          {"additionalProperties", false},
          {"properties",
           {{"text", {{"type", "string"}}},
            {"modules", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"options", {{"type", "object"}, {"additionalProperties", {{"type", "object"}}}}}}}}}}},
      {"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}}};
  doc["components"]["schemas"]["CheckRequest"] = ojson::parse(R"({
    "type": "object", "required": ["messages"],
    "properties": {
      "model": {"type": "string"},
      "messages": {"type": "array", "items": {"type": "object", "required": ["role"], "properties": {
        "role": {"type": "string", "enum": ["user", "assistant", "system", "developer", "tool"]},
        "content": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}]}}}},
      "guardrails": {"type": "object", "properties": {
        "config_id": {"type": "string"}, "config_ids": {"type": "array", "items": {"type": "string"}}}}}})");
  doc["components"]["schemas"]["CheckResponse"] = ojson::parse(R"({
    "type": "object", "required": ["status", "content"],
    "properties": {
      "status": {"type": "string", "enum": ["passed", "success", "modified", "blocked"]},
      "content": {"type": "string"},
      "rail": {"type": "string", "description": "the rail that blocked"},
      "rails_status": {"type": "object", "description": "/v1/guardrail/checks: {rail: {status}}"},
      "guardrails_data": {"type": "object", "description": "/v1/guardrail/checks: {log: {activated_rails: [{type, name, stop}]}}"}}})");
  return doc;
}

}  // namespace sentinel
