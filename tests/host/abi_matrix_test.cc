// The ABI matrix, end to end: a real sentineld with one good plugin and every broken one. Each broken module
// must end `failed` with the expected stage and message while the daemon keeps answering and the good module
// keeps analyzing.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "test_support.h"

using namespace sentinel_test;

namespace {
struct Expectation {
  const char* module;
  const char* library;
  const char* stage;
  const char* message_part;
};

const Expectation kMatrix[] = {
    {"test_wrong_major", "libsentinel_test_wrong_major.so", "inspect",
     "test_wrong_major: plugin ABI 2.1 is not compatible with host ABI 1.1 (major must match): rebuild the plugin "
     "against this host's SDK"},
    {"test_newer_minor", "libsentinel_test_newer_minor.so", "inspect",
     "plugin ABI 1.6 is newer than host ABI 1.1 (plugin minor must be <= host minor)"},
    {"test_wrong_size", "libsentinel_test_wrong_size.so", "inspect",
     "sentinel_detector_api size changed, may indicate binary incompatibility. Expected 64 from host, got 56 from "
     "plugin"},
    {"test_bad_magic", "libsentinel_test_bad_magic.so", "inspect", "bad magic 0xDEADBEEF"},
    {"test_no_section", "libsentinel_test_no_section.so", "inspect", "has no sentinel_abi section: not a Sentinel plugin"},
    {"test_no_entry", "libsentinel_test_no_entry.so", "load",
     "plugin does not export its entry point sentinel_plugin_entry()"},
    {"test_missing_dep", "libsentinel_test_missing_dep.so", "load",
     "unresolvable shared library dependency: libsentinel_test_missing.so not found"},
    {"test_segv_init", "libsentinel_test_segv_init.so", "load", "crashed while loading (SIGSEGV)"},
    {"test_activate_fails", "libsentinel_test_activate_fails.so", "activate", "model file /nonexistent/model.pt is missing"},
    {"test_activate_throws", "libsentinel_test_activate_throws.so", "activate", "activate threw a C++ exception"},
    {"test_self_test_fails", "libsentinel_test_self_test_fails.so", "self-test", "canary output out of tolerance"},
    {"test_bad_utf8_name", "libsentinel_test_bad_utf8_name.so", "inspect",
     "descriptor field plugin_name is not valid UTF-8 (byte 0xFF at offset 13)"},
    {"notelf", "libsentinel_notelf.so", "inspect", "is not an ELF file"},
    {"truncated", "libsentinel_truncated.so", "inspect", "is truncated"},
    {"missing_file", "libsentinel_absent.so", "inspect", "plugin file not found"},
    {"wrong_name", "libsentinel_keywords2.so", "inspect",
     "is plugin \"keywords2\" but the module YAML expects \"wrong_name\""},
};
}  // namespace

TEST_CASE("every broken plugin is refused with its stage and reason; the host and the good module keep serving") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  std::string plugins = root.Sub("plugins");
  InstallPlugin(plugins, "libsentinel_keywords.so");
  InstallPlugin(plugins, "libsentinel_keywords2.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  for (const auto& e : kMatrix) {
    std::string lib = e.library;
    if (fs::exists(std::string(TEST_PLUGIN_DIR) + "/" + lib)) InstallPlugin(plugins, lib);
    WriteModule(root, e.module, lib);
  }
  root.Write("plugins/libsentinel_notelf.so", "#!/bin/sh\necho this is not a shared library\n");
  root.Write("plugins/libsentinel_truncated.so", ReadFile(std::string(TEST_PLUGIN_DIR) + "/libsentinel_keywords.so").substr(0, 4096));

  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(std::size(kMatrix) + 1));
  HttpResult modules = daemon.Get("/v1/modules");
  REQUIRE(modules.status == 200);
  nlohmann::json by_name;
  const nlohmann::json listed = modules.Json();
  for (const auto& m : listed["modules"]) by_name[m["name"].get<std::string>()] = m;

  CHECK(by_name["keywords"]["state"] == "active");
  for (const auto& e : kMatrix) {
    std::string module_name = e.module;
    CAPTURE(module_name);
    const auto& m = by_name[e.module];
    CHECK(m["state"] == "failed");
    CHECK(m["error"]["stage"] == e.stage);
    std::string message = m["error"]["message"].get<std::string>();
    CAPTURE(message);
    CHECK(message.find(e.message_part) != std::string::npos);
    CHECK(message.rfind(std::string(e.module) + ": ", 0) == 0);
  }
  // The ABI versions of an inspected plugin are reported even when it failed later.
  CHECK(by_name["test_activate_fails"]["abi"]["plugin"] == "1.1");
  CHECK(by_name["test_wrong_major"]["abi"]["plugin"] == "2.1");
  CHECK(by_name["notelf"]["plugin"].is_null());

  // The daemon survived the segfaulting plugin and still answers.
  CHECK(daemon.Get("/health").status == 200);
  HttpResult analyzed = daemon.Post("/v1/analyze", R"({"text":"A Secret plan","modules":["keywords"]})");
  REQUIRE(analyzed.status == 200);
  auto match = analyzed.Json()["results"]["keywords"]["matches"][0];
  CHECK(match["start"] == 2);
  CHECK(match["end"] == 8);
  // /ready names the modules that are not active.
  HttpResult ready = daemon.Get("/ready");
  CHECK(ready.status == 503);
  CHECK(ready.body.find("test_segv_init (failed)") != std::string::npos);
  // Module health: 503 for a failed module, the plugin's own JSON for an active one.
  CHECK(daemon.Get("/v1/modules/test_wrong_major/health").status == 503);
  HttpResult health = daemon.Get("/v1/modules/keywords/health");
  CHECK(health.status == 200);
  CHECK(health.Json()["status"] == "ok");
  // Analysis naming a failed or unknown module says which.
  HttpResult conflict = daemon.Post("/v1/analyze", R"({"text":"x","modules":["test_wrong_major"]})");
  CHECK(conflict.status == 409);
  CHECK(conflict.Json()["error"]["message"] == "module 'test_wrong_major' is not active (state: failed)");
  HttpResult unknown = daemon.Post("/v1/analyze", R"({"text":"x","modules":["nope"]})");
  CHECK(unknown.status == 404);
  CHECK(unknown.Json()["error"]["message"] == "unknown module 'nope'");
  // Retrying a failed module fails the same way, and the daemon stays up.
  HttpResult retry = daemon.Post("/v1/modules/test_segv_init/activate");
  CHECK(retry.status == 422);
  CHECK(retry.Json()["module"]["error"]["message"].get<std::string>().find("SIGSEGV") != std::string::npos);
  CHECK(daemon.Get("/health").status == 200);
  CHECK(daemon.Running());
}

TEST_CASE("a plugin outside plugins_dir, a writable plugin, and a wrong sha256 pin are refused") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  std::string plugins = root.Sub("plugins");
  std::string other = root.MakeDir("elsewhere");
  InstallPlugin(other, "libsentinel_keywords.so");
  WriteModule(root, "outside", "../elsewhere/libsentinel_keywords.so", "plugin: keywords\n");
  root.MakeDir("loose");
  InstallPlugin(plugins, "libsentinel_keywords2.so");
  chmod((plugins + "/libsentinel_keywords2.so").c_str(), 0666);
  WriteModule(root, "keywords2", "libsentinel_keywords2.so");
  std::string good = InstallPlugin(plugins, "libsentinel_keywords.so");
  WriteModule(root, "pinned", "libsentinel_keywords.so",
              "plugin: keywords\nsha256: 0000000000000000000000000000000000000000000000000000000000000000\n");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(3));
  auto outside = daemon.Get("/v1/modules/outside").Json();
  CHECK(outside["state"] == "failed");
  CHECK(outside["error"]["message"].get<std::string>().find("outside the configured plugin folders") != std::string::npos);
  auto writable = daemon.Get("/v1/modules/keywords2").Json();
  CHECK(writable["state"] == "failed");
  CHECK(writable["error"]["message"].get<std::string>().find("writable by group or others (mode 0666)") !=
        std::string::npos);
  auto pinned = daemon.Get("/v1/modules/pinned").Json();
  CHECK(pinned["state"] == "failed");
  CHECK(pinned["error"]["message"].get<std::string>().find("but the module YAML pins 0000") != std::string::npos);
}

TEST_CASE("a descriptor name with an invalid UTF-8 byte is refused; the daemon starts, reloads and serves the others") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  std::string plugins = root.Sub("plugins");
  InstallPlugin(plugins, "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  std::string bad = InstallPlugin(plugins, "libsentinel_test_bad_utf8_name.so");
  WriteModule(root, "test_bad_utf8_name", "libsentinel_test_bad_utf8_name.so");
  const std::string reason = "test_bad_utf8_name: descriptor field plugin_name is not valid UTF-8 (byte 0xFF at offset 13)";

  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(2));
  REQUIRE(daemon.Running());
  HttpResult one = daemon.Get("/v1/modules/test_bad_utf8_name");
  REQUIRE(one.status == 200);
  nlohmann::json m = one.Json();
  REQUIRE(m.is_object());
  CHECK(m["state"] == "failed");
  CHECK(m["error"]["stage"] == "inspect");
  CHECK(m["error"]["message"].get<std::string>().rfind(reason, 0) == 0);
  // The inspected descriptor is still shown, its bad byte replaced by U+FFFD.
  CHECK(m["plugin"]["name"] == "test_bad_utf8\uFFFDname");
  CHECK(daemon.Get("/v1/modules").Json().is_object());
  HttpResult metrics = daemon.Get("/metrics");
  CHECK(metrics.status == 200);
  CHECK(IsUtf8(metrics.body));
  CHECK(metrics.body.find("reason=\"invalid_descriptor\"") != std::string::npos);
  CHECK(daemon.Get("/openapi.json").Json().is_object());
  HttpResult analyzed = daemon.Post("/v1/analyze", R"({"text":"a secret","modules":["keywords"]})");
  CHECK(analyzed.status == 200);

  // A reload retries the failed module (the report carries its reason) and the daemon stays up, by API and SIGHUP.
  HttpResult reload = daemon.Post("/v1/reload");
  REQUIRE(reload.status == 200);
  CHECK(reload.Json()["failed"][0]["name"] == "test_bad_utf8_name");
  CHECK(reload.Json()["failed"][0]["message"].get<std::string>().rfind(reason, 0) == 0);
  daemon.Signal(SIGHUP);
  CHECK(WaitFor([&] {
    std::string log = daemon.Log();  // two "reloaded" events: the API's and the signal's
    return log.find("\"event\":\"reloaded\"") != log.rfind("\"event\":\"reloaded\"");
  }));
  CHECK(daemon.Running());
  CHECK(daemon.Get("/health").status == 200);
  // Every log line is one valid JSON object.
  std::string log = daemon.Log();
  CHECK(IsUtf8(log));
  size_t start = 0, lines = 0;
  while (start < log.size()) {
    size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    std::string line = log.substr(start, end - start);
    CAPTURE(line);
    CHECK(nlohmann::json::parse(line, nullptr, false).is_object());
    ++lines;
    start = end + 1;
  }
  CHECK(lines > 3);

  // Offline: sentinelctl inspect prints valid JSON naming the problem; --check fails that module.
  CommandResult inspect = RunCommand(std::string(SENTINELCTL_PATH) + " inspect " + bad);
  CHECK(inspect.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(inspect.output, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["compatible"] == false);
  CHECK(j["plugin"] == "test_bad_utf8\uFFFDname");
  CHECK(j["problem"].get<std::string>().find("descriptor field plugin_name is not valid UTF-8") != std::string::npos);
  CommandResult check = RunCommand(std::string(SENTINELD_PATH) + " --check --config " + config);
  CHECK(check.exit_code == 1);
  CHECK(check.output.find("module test_bad_utf8_name: FAILED at inspect\n  " + reason) != std::string::npos);
  CHECK(check.output.find("module keywords: ok") != std::string::npos);
}
