// GET /metrics against the real daemon: the exposition parses strictly, and the numbers follow what the
// test did (requests per route and module, latency histograms, module states, activation time, load
// failures by stage and reason class, in-flight requests, a plugin's own numbers). Analyzed text and
// client-chosen paths never appear in it.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "../host/test_support.h"
#include "exposition_parser.h"

using namespace sentinel_test;

namespace {

Exposition Scrape(Daemon& daemon) {
  HttpResult r = daemon.Get("/metrics");
  REQUIRE(r.status == 200);
  CHECK(r.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8");
  Exposition e;
  std::string error = ParseExposition(r.body, &e);
  INFO(r.body);
  REQUIRE_MESSAGE(error.empty(), error);
  return e;
}

void StartDaemon(TempDir& root) {
  WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  fs::copy_file(SECRETS_PLUGIN_PATH, root.Sub("plugins/libsentinel_secrets.so"));
  chmod(root.Sub("plugins/libsentinel_secrets.so").c_str(), 0755);
  InstallPlugin(root.Sub("plugins"), "libsentinel_test_wrong_major.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so", "settings:\n  keywords: [alpha]\n");
  WriteModule(root, "secrets", "libsentinel_secrets.so");
  WriteModule(root, "broken", "libsentinel_test_wrong_major.so", "plugin: test_wrong_major\n");
}

}  // namespace

TEST_CASE("metrics: strict exposition with request, module and failure series") {
  TempDir root;
  StartDaemon(root);
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(3));

  const std::string marker = "zq-private-marker-7731";
  REQUIRE(daemon.Post("/v1/analyze", R"({"text":"alpha )" + marker + R"(","modules":["keywords","secrets"]})").status == 200);
  REQUIRE(daemon.Post("/v1/analyze", R"({"text":"token ghp_abcdefghijklmnopqrstuvwxyz0123456789"})").status == 200);
  REQUIRE(daemon.Post("/keywords/find", R"({"text":"alpha"})").status == 200);
  REQUIRE(daemon.Get("/keywords/list").status == 200);
  REQUIRE(daemon.Get("/" + marker + "/nothing").status == 404);
  REQUIRE(daemon.Get("/v1/modules/keywords/activate").status == 405);
  REQUIRE(daemon.Get("/v1/modules/keywords/health").status == 200);
  for (int i = 0; i < 3; ++i) REQUIRE(daemon.Get("/health").status == 200);

  Exposition e = Scrape(daemon);

  SUBCASE("requests by route template, method, module and code") {
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "/health"}, {"method", "GET"}, {"module", ""}, {"code", "200"}}) >= 3);
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "/v1/analyze"}, {"method", "POST"}, {"module", ""}, {"code", "200"}}) == 2);
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "/keywords/find"}, {"method", "POST"}, {"module", "keywords"}, {"code", "200"}}) == 1);
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "/keywords/list"}, {"method", "GET"}, {"module", "keywords"}, {"code", "200"}}) == 1);
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "unmatched"}, {"method", "GET"}, {"module", ""}, {"code", "404"}}) == 1);
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "/v1/modules/{name}/activate"}, {"method", "GET"}, {"module", ""}, {"code", "405"}}) == 1);
    CHECK(e.Value("sentinel_http_requests_total", {{"route", "/v1/modules/{name}/health"}, {"method", "GET"}, {"module", ""}, {"code", "200"}}) == 1);
    CHECK(e.types["sentinel_http_requests_total"] == "counter");
  }
  SUBCASE("latency histograms per route and per module call") {
    CHECK(e.types["sentinel_http_request_duration_seconds"] == "histogram");
    CHECK(e.Value("sentinel_http_request_duration_seconds_count", {{"route", "/v1/analyze"}, {"method", "POST"}, {"module", ""}}) == 2);
    CHECK(e.Value("sentinel_http_request_duration_seconds_sum", {{"route", "/v1/analyze"}, {"method", "POST"}, {"module", ""}}) > 0);
    CHECK(e.Value("sentinel_module_call_duration_seconds_count", {{"module", "keywords"}, {"call", "analyze"}}) == 2);
    CHECK(e.Value("sentinel_module_call_duration_seconds_count", {{"module", "secrets"}, {"call", "analyze"}}) == 2);
    CHECK(e.Value("sentinel_module_call_duration_seconds_count", {{"module", "keywords"}, {"call", "http"}}) == 2);
    CHECK(e.Value("sentinel_module_calls_total", {{"module", "keywords"}, {"call", "health"}, {"outcome", "ok"}}) == 1);
  }
  SUBCASE("module state, activation time and info") {
    CHECK(e.Value("sentinel_module_state", {{"module", "keywords"}, {"state", "active"}}) == 1);
    CHECK(e.Value("sentinel_module_state", {{"module", "keywords"}, {"state", "failed"}}) == 0);
    CHECK(e.Value("sentinel_module_state", {{"module", "broken"}, {"state", "failed"}}) == 1);
    CHECK(e.Find("sentinel_module_state", {{"module", "broken"}}).size() == 5);
    CHECK(e.Value("sentinel_module_enabled", {{"module", "broken"}}) == 1);
    CHECK(e.Value("sentinel_module_activation_seconds", {{"module", "keywords"}}) > 0);
    CHECK(e.Find("sentinel_module_activation_seconds", {{"module", "broken"}}).empty());
    CHECK(e.Value("sentinel_module_info", {{"module", "keywords"}, {"plugin", "keywords"}, {"version", "1.2.0"}, {"abi", "1.1"}}) == 1);
  }
  SUBCASE("load failures by stage and reason class") {
    CHECK(e.Value("sentinel_module_load_failures_total", {{"module", "broken"}, {"stage", "inspect"}, {"reason", "abi_incompatible"}}) == 1);
    // A refused activate request counts too.
    HttpResult again = daemon.Post("/v1/modules/broken/activate");
    CHECK(again.status >= 400);
    Exposition after = Scrape(daemon);
    CHECK(after.Value("sentinel_module_load_failures_total", {{"module", "broken"}, {"stage", "inspect"}, {"reason", "abi_incompatible"}}) == 2);
  }
  SUBCASE("in-flight requests count the scrape itself") {
    CHECK(e.Value("sentinel_http_requests_in_flight", {}) == 1);
  }
  SUBCASE("plugin numbers from the health JSON") {
    CHECK(e.types["sentinel_plugin_texts_scanned_total"] == "counter");
    CHECK(e.Value("sentinel_plugin_texts_scanned_total", {{"module", "secrets"}}) == 2);
    CHECK(e.Value("sentinel_plugin_matches_total", {{"module", "secrets"}}) == 1);
    CHECK(e.types["sentinel_plugin_rules"] == "gauge");
    CHECK(e.Value("sentinel_plugin_rules", {{"module", "secrets"}}) == 3);
  }
  SUBCASE("no analyzed text or client-chosen path in the exposition") {
    std::string body = daemon.Get("/metrics").body;
    CHECK(body.find(marker) == std::string::npos);
    CHECK(body.find("ghp_") == std::string::npos);
    CHECK(body.find("not compatible") == std::string::npos);  // failure messages stay out of labels
  }
}

TEST_CASE("metrics: the strict parser rejects malformed expositions") {
  Exposition e;
  CHECK(!ParseExposition("x 1\n", &e).empty());                                     // no TYPE
  e = {};
  CHECK(!ParseExposition("# TYPE x gauge\nx{a=\"\\t\"} 1\n", &e).empty());          // bad escape
  e = {};
  CHECK(!ParseExposition("# TYPE x gauge\nx 1\nx 2\n", &e).empty());               // duplicate
  e = {};
  CHECK(!ParseExposition("# TYPE x gauge\n# TYPE y gauge\ny 1\nx 1\n", &e).empty());  // split family
  e = {};
  CHECK(!ParseExposition("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", &e).empty());
  e = {};
  CHECK(!ParseExposition("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 2\n", &e).empty());
  e = {};
  CHECK(!ParseExposition("# TYPE x counter\nx -1\n", &e).empty());
  e = {};
  CHECK(!ParseExposition("# TYPE x gauge\nx 1", &e).empty());                       // no final newline
  e = {};
  CHECK(ParseExposition("# HELP x a \\\\ b\n# TYPE x gauge\nx{a=\"q\\\"\\n\"} +Inf\n", &e).empty());
  CHECK(e.Value("x", {{"a", "q\"\n"}}) > 1e300);
}

TEST_CASE("metrics: every refusal of the ABI matrix gets its stage and reason class") {
  struct Case {
    const char* module;
    const char* library;
    const char* stage;
    const char* reason;
  };
  // Module names are chosen to mislead a classifier that looked at the whole message.
  const Case kCases[] = {
      {"wrong_major", "libsentinel_test_wrong_major.so", "inspect", "abi_incompatible"},
      {"newer_minor", "libsentinel_test_newer_minor.so", "inspect", "abi_incompatible"},
      {"wrong_size", "libsentinel_test_wrong_size.so", "inspect", "struct_size_mismatch"},
      {"bad_magic", "libsentinel_test_bad_magic.so", "inspect", "not_a_plugin"},
      {"no_section", "libsentinel_test_no_section.so", "inspect", "not_a_plugin"},
      {"no_entry", "libsentinel_test_no_entry.so", "load", "missing_symbol"},
      {"missing_dep", "libsentinel_test_missing_dep.so", "load", "missing_library"},
      {"segv_init", "libsentinel_test_segv_init.so", "load", "crashed"},
      {"activate_fails", "libsentinel_test_activate_fails.so", "activate", "plugin_error"},
      {"activate_throws", "libsentinel_test_activate_throws.so", "activate", "plugin_error"},
      {"self_test_fails", "libsentinel_test_self_test_fails.so", "self-test", "self_test_failed"},
      {"bad_utf8_name", "libsentinel_test_bad_utf8_name.so", "inspect", "invalid_descriptor"},
      {"truncated", "libsentinel_absent.so", "inspect", "file_missing"},
      {"crashed", "libsentinel_keywords.so", "inspect", "name_mismatch"},
      {"sha", "libsentinel_keywords2.so", "inspect", "checksum_mismatch"},
  };
  TempDir root;
  WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  for (const Case& c : kCases) {
    std::string library = c.library;
    if (fs::exists(std::string(TEST_PLUGIN_DIR) + "/" + library)) InstallPlugin(root.Sub("plugins"), library);
    std::string descriptor_name = library.substr(std::string("libsentinel_").size());
    descriptor_name = descriptor_name.substr(0, descriptor_name.size() - 3);
    std::string extra = "plugin: " + descriptor_name + "\n";
    if (std::string(c.module) == "crashed") extra = "";
    if (std::string(c.module) == "sha") extra += "sha256: " + std::string(64, '0') + "\n";
    WriteModule(root, c.module, library, extra);
  }
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(std::size(kCases)));
  Exposition e = Scrape(daemon);
  for (const Case& c : kCases) {
    INFO(c.module);
    CHECK(e.Value("sentinel_module_state", {{"module", c.module}, {"state", "failed"}}) == 1);
    CHECK(e.Value("sentinel_module_load_failures_total", {{"module", c.module}, {"stage", c.stage}, {"reason", c.reason}}) == 1);
    CHECK(e.Find("sentinel_module_load_failures_total", {{"module", c.module}}).size() == 1);
  }
}
