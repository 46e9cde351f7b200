// GET /openapi.json against the real daemon: a well-formed OpenAPI 3 document; every route it describes is
// served (no 404/405 for that method), and every route the daemon serves, host or plugin, is described.
// "Served" is probed over the union of the described routes, the routes the modules declare, and a set of
// candidates that must stay unserved (so the check runs both ways over one candidate set).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "../host/test_support.h"

using namespace sentinel_test;

namespace {

const std::vector<std::string> kMethods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"};

// Substitutes a real value for each {param}, so the probe reaches the handler.
std::string Concrete(const std::string& path) {
  std::string out = std::regex_replace(path, std::regex("\\{name\\}"), "keywords");
  return std::regex_replace(out, std::regex("\\{asset\\}"), "app.js");
}

bool DescribedMatch(const nlohmann::json& paths, const std::string& method, const std::string& concrete) {
  std::string lower = method;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [path, ops] : paths.items()) {
    if (Concrete(path) == concrete && ops.contains(lower)) return true;
  }
  return false;
}

// A route is served for a method when the daemon neither says there is no such route (404 from the router,
// not from a handler) nor refuses the method (405).
bool Served(Daemon& daemon, const std::string& method, const std::string& path) {
  // Deactivating or reloading would change what is served; probe those without a body effect instead.
  HttpResult r = Http(daemon.port(), method, path, method == "POST" ? "{}" : "");
  if (r.status == 405) return false;
  if (r.status == 404) {
    nlohmann::json j = r.Json();
    if (method == "HEAD") return false;
    std::string msg = j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
    return msg.rfind("no route for", 0) != 0;
  }
  return r.status != 0;
}

}  // namespace

TEST_CASE("openapi: described routes and served routes are the same set") {
  TempDir root;
  WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  // An inactive module: its routes are not served, so they must not be described.
  root.Write("modules.d/keywords2.yaml", "name: keywords2\nlibrary: libsentinel_keywords2.so\nenabled: false\n");
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady());

  HttpResult r = daemon.Get("/openapi.json");
  REQUIRE(r.status == 200);
  CHECK(r.headers["Content-Type"] == "application/json");
  nlohmann::json doc = r.Json();
  REQUIRE(doc.is_object());
  CHECK(doc["openapi"].get<std::string>().rfind("3.0", 0) == 0);
  CHECK(doc["info"]["title"].is_string());
  CHECK(doc["info"]["version"].is_string());
  REQUIRE(doc["paths"].is_object());

  // Structure: every operation has responses, an operationId unique in the document, and a parameter for
  // each {param} of its path; every $ref resolves.
  std::set<std::string> operation_ids;
  for (const auto& [path, ops] : doc["paths"].items()) {
    CHECK(path.front() == '/');
    for (const auto& [method, op] : ops.items()) {
      // Copies: clang 14 cannot capture structured bindings in INFO's lambda.
      const std::string method_name = method, path_name = path;
      INFO(method_name << " " << path_name);
      CHECK(std::set<std::string>{"get", "head", "post", "put", "delete", "patch"}.count(method) == 1);
      CHECK(op["responses"].is_object());
      CHECK(op["responses"].size() >= 1);
      CHECK(operation_ids.insert(op["operationId"].get<std::string>()).second);
      std::smatch m;
      std::string rest = path;
      while (std::regex_search(rest, m, std::regex("\\{([a-z_]+)\\}"))) {
        bool found = false;
        for (const auto& p : op.value("parameters", nlohmann::json::array())) {
          found = found || (p["name"] == m[1].str() && p["in"] == "path" && p["required"] == true);
        }
        CHECK_MESSAGE(found, "missing path parameter " << m[1].str());
        rest = m.suffix();
      }
    }
  }
  std::string text = doc.dump();
  std::smatch m;
  std::string rest = text;
  while (std::regex_search(rest, m, std::regex("\"#/components/schemas/([A-Za-z]+)\""))) {
    CHECK_MESSAGE(doc["components"]["schemas"].contains(m[1].str()), "dangling $ref " << m[1].str());
    rest = m.suffix();
  }

  // Candidate routes: described ones, declared ones, and ones that must not be served.
  std::set<std::string> candidates;
  for (const auto& [path, ops] : doc["paths"].items()) candidates.insert(Concrete(path));
  nlohmann::json modules = daemon.Get("/v1/modules").Json()["modules"];
  for (const auto& module : modules) {
    for (const auto& route : module["routes"]) candidates.insert(route.get<std::string>());
  }
  // keywords2 is disabled: its routes were never declared to the host, so take them from the sibling plugin.
  candidates.insert("/keywords2/find");
  candidates.insert("/keywords2/list");
  for (const char* extra : {"/v1", "/v1/", "/v1/modules/keywords/restart", "/healthz", "/metrics/x", "/openapi.yaml",
                            "/ui", "/v1/analyze/x", "/keywords", "/keywords/find/x"}) {
    candidates.insert(extra);
  }
  REQUIRE(candidates.count("/keywords/find") == 1);

  size_t described = 0;
  for (const std::string& path : candidates) {
    for (const std::string& method : kMethods) {
      if (path.find("/deactivate") != std::string::npos || path == "/v1/reload") {
        // Probing these with POST would change the state; the description is checked against the route table.
        if (method == "POST") {
          CHECK(DescribedMatch(doc["paths"], method, path));
          continue;
        }
      }
      bool is_described = DescribedMatch(doc["paths"], method, path);
      bool is_served = Served(daemon, method, path);
      described += is_described;
      INFO(method << " " << path);
      CHECK(is_described == is_served);
    }
  }
  CHECK(described >= 16);
  // The probes left the module set as it was.
  CHECK(daemon.Get("/ready").status == 200);
}

TEST_CASE("openapi: plugin routes follow activation") {
  TempDir root;
  WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady());
  CHECK(daemon.Get("/openapi.json").Json()["paths"].contains("/keywords/find"));
  CHECK(daemon.Get("/openapi.json").Json()["paths"]["/keywords/find"].contains("post"));
  REQUIRE(daemon.Post("/v1/modules/keywords/deactivate").status == 200);
  nlohmann::json doc = daemon.Get("/openapi.json").Json();
  CHECK(!doc["paths"].contains("/keywords/find"));
  CHECK(daemon.Post("/keywords/find", R"({"text":"x"})").status == 503);
}
