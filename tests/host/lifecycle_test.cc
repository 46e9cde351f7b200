// Module lifecycle through the real daemon: activate/deactivate round trips, reload (API and SIGHUP) adding,
// removing and changing modules, a broken YAML leaving the running set intact, fail_fast, --check, auth,
// sentinelctl, and request limits.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdio>

#include "test_support.h"

using namespace sentinel_test;

namespace {
std::string State(Daemon& d, const std::string& name) {
  auto j = d.Get("/v1/modules/" + name).Json();
  return j.is_object() && j.contains("state") ? j["state"].get<std::string>() : "?";
}
}  // namespace

TEST_CASE("activate and deactivate round trips") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady());
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    HttpResult off = daemon.Post("/v1/modules/keywords/deactivate");
    CHECK(off.status == 200);
    CHECK(off.Json()["state"] == "inactive");
    CHECK(daemon.Post("/v1/analyze", R"({"text":"secret","modules":["keywords"]})").status == 409);
    HttpResult route = daemon.Post("/keywords/find", R"({"text":"secret"})");
    CHECK(route.status == 503);
    CHECK(daemon.Get("/ready").status == 503);
    HttpResult on = daemon.Post("/v1/modules/keywords/activate");
    CHECK(on.status == 200);
    CHECK(on.Json()["state"] == "active");
    CHECK(on.Json()["activated_at"].is_string());
    CHECK(daemon.Post("/keywords/find", R"({"text":"top secret"})").Json()["matches"][0]["start"] == 4);
    CHECK(daemon.Get("/ready").status == 200);
  }
  CHECK(daemon.Post("/v1/modules/nope/activate").status == 404);
  // Bad requests get JSON errors, never a crash.
  CHECK(daemon.Post("/v1/analyze", "{not json").status == 400);
  CHECK(daemon.Post("/v1/analyze", R"({"text": 5})").Json()["error"]["message"] == "field 'text' must be a string");
  CHECK(daemon.Post("/v1/analyze", R"({"txt": "a"})").Json()["error"]["message"] == "missing required field 'text'");
  CHECK(daemon.Post("/v1/analyze", std::string(2 << 20, 'x')).status == 413);
  CHECK(daemon.Get("/nowhere").status == 404);
  CHECK(daemon.Running());
}

TEST_CASE("reload adds, removes and changes modules; a broken YAML changes nothing") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so", "settings:\n  keywords: [alpha]\n");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitReady());
  CHECK(daemon.Post("/v1/analyze", R"({"text":"alpha beta"})").Json()["results"]["keywords"]["matches"].size() == 1);

  // Add a module and change the settings of the first one.
  WriteModule(root, "keywords2", "libsentinel_keywords2.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so", "settings:\n  keywords: [beta, gamma]\n");
  HttpResult report = daemon.Post("/v1/reload");
  REQUIRE(report.status == 200);
  CHECK(report.Json()["added"] == nlohmann::json::array({"keywords2"}));
  CHECK(report.Json()["reactivated"] == nlohmann::json::array({"keywords"}));
  CHECK(State(daemon, "keywords2") == "active");
  auto result = daemon.Post("/v1/analyze", R"({"text":"alpha beta gamma","modules":["keywords"]})").Json();
  CHECK(result["results"]["keywords"]["matches"].size() == 2);

  // A change that fails to activate keeps the old instance serving.
  WriteModule(root, "keywords", "libsentinel_keywords.so", "settings:\n  keywords: 7\n");
  report = daemon.Post("/v1/reload");
  REQUIRE(report.status == 200);
  CHECK(report.Json()["failed"][0]["name"] == "keywords");
  CHECK(report.Json()["failed"][0]["message"].get<std::string>().find("settings.keywords must be a list") !=
        std::string::npos);
  CHECK(State(daemon, "keywords") == "active");
  CHECK(daemon.Post("/v1/analyze", R"({"text":"beta","modules":["keywords"]})").Json()["results"]["keywords"]["matches"].size() == 1);

  // Broken YAML: the reload is refused with file:line:column and the running set is intact.
  std::string good_yaml = ReadFile(root.Sub("modules.d/keywords2.yaml"));
  root.Write("modules.d/keywords2.yaml", "name: keywords2\nlibrary: [unclosed\n");
  HttpResult refused = daemon.Post("/v1/reload");
  CHECK(refused.status == 400);
  CHECK(refused.Json()["error"]["message"].get<std::string>().find(root.Sub("modules.d/keywords2.yaml") + ":") !=
        std::string::npos);
  daemon.Signal(SIGHUP);
  CHECK(WaitFor([&] { return daemon.Log().find("reload_refused") != std::string::npos; }));
  CHECK(State(daemon, "keywords") == "active");
  CHECK(State(daemon, "keywords2") == "active");
  CHECK(daemon.Get("/health").status == 200);

  // SIGHUP applies a valid change: removing a module file unloads it.
  fs::remove(root.Sub("modules.d/keywords2.yaml"));
  daemon.Signal(SIGHUP);
  CHECK(WaitFor([&] { return daemon.Get("/v1/modules/keywords2").status == 404; }));
  CHECK(State(daemon, "keywords") == "active");

  // Disabling in YAML deactivates on reload.
  WriteModule(root, "keywords", "libsentinel_keywords.so", "enabled: false\n");
  root.Write("modules.d/keywords.yaml", "name: keywords\nlibrary: libsentinel_keywords.so\nenabled: false\n");
  CHECK(daemon.Post("/v1/reload").status == 200);
  CHECK(State(daemon, "keywords") == "inactive");
  CHECK(daemon.Get("/v1/modules/keywords").Json()["enabled"] == false);
  CHECK(daemon.Get("/ready").status == 200);  // only enabled modules count for readiness
  // No analyzed text in the log.
  CHECK(daemon.Log().find("alpha beta") == std::string::npos);
}

TEST_CASE("fail_fast makes the daemon exit non-zero when an enabled module fails") {
  TempDir root;
  std::string config = WriteHostConfig(root, "fail_fast: true\n");
  InstallPlugin(root.Sub("plugins"), "libsentinel_test_activate_fails.so");
  WriteModule(root, "test_activate_fails", "libsentinel_test_activate_fails.so");
  Daemon daemon(config, FreePort());
  CHECK(daemon.WaitExit() == 1);
  CHECK(daemon.Log().find("fail_fast_exit") != std::string::npos);
}

TEST_CASE("without fail_fast the daemon serves with the module failed") {
  TempDir root;
  std::string config = WriteHostConfig(root, "fail_fast: false\n");
  InstallPlugin(root.Sub("plugins"), "libsentinel_test_activate_fails.so");
  WriteModule(root, "test_activate_fails", "libsentinel_test_activate_fails.so");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(1));
  CHECK(State(daemon, "test_activate_fails") == "failed");
}

TEST_CASE("a library name longer than the file system allows fails that module, not the daemon") {
  TempDir root;
  std::string config = WriteHostConfig(root, "fail_fast: false\n");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  WriteModule(root, "long_name", "lib" + std::string(300, 'x') + ".so");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(2));
  CHECK(State(daemon, "keywords") == "active");
  auto j = daemon.Get("/v1/modules/long_name").Json();
  CHECK(j["state"] == "failed");
  CHECK(j.dump().find("File name too long") != std::string::npos);
}

TEST_CASE("sentineld --check reports every module and exits non-zero on a problem") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  CommandResult ok = RunCommand(std::string(SENTINELD_PATH) + " --check --config " + config);
  CHECK(ok.exit_code == 0);
  CHECK(ok.output.find("module keywords: ok (plugin keywords 1.2.0, ABI 1.1") != std::string::npos);
  CHECK(ok.output.find("check passed") != std::string::npos);

  InstallPlugin(root.Sub("plugins"), "libsentinel_test_wrong_size.so");
  WriteModule(root, "test_wrong_size", "libsentinel_test_wrong_size.so");
  CommandResult bad = RunCommand(std::string(SENTINELD_PATH) + " --check --config " + config);
  CHECK(bad.exit_code == 1);
  CHECK(bad.output.find("module test_wrong_size: FAILED at inspect") != std::string::npos);
  CHECK(bad.output.find("1 problem(s) found") != std::string::npos);

  root.Write("modules.d/x.yaml", "name: x\nlibrary: a.so\nbogus: 1\n");
  CommandResult yaml = RunCommand(std::string(SENTINELD_PATH) + " --check --config " + config);
  CHECK(yaml.exit_code == 2);
  CHECK(yaml.output.find(root.Sub("modules.d/x.yaml") + ":3:1: unknown key 'bogus'") != std::string::npos);
}

TEST_CASE("sentinelctl inspects a plugin offline and drives the daemon") {
  CommandResult inspect = RunCommand(std::string(SENTINELCTL_PATH) + " inspect " + TEST_PLUGIN_DIR +
                                     "/libsentinel_keywords.so");
  CHECK(inspect.exit_code == 0);
  auto j = nlohmann::json::parse(inspect.output, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["plugin"] == "keywords");
  CHECK(j["abi"] == "1.1");
  CHECK(j["compatible"] == true);
  CommandResult wrong = RunCommand(std::string(SENTINELCTL_PATH) + " inspect " + TEST_PLUGIN_DIR +
                                   "/libsentinel_test_wrong_major.so");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.output.find("major must match") != std::string::npos);

  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitReady());
  std::string ctl = std::string(SENTINELCTL_PATH) + " --url http://127.0.0.1:" + std::to_string(daemon.port());
  CHECK(RunCommand(ctl + " modules").output.find("\"state\": \"active\"") != std::string::npos);
  CHECK(RunCommand(ctl + " deactivate keywords").exit_code == 0);
  CHECK(State(daemon, "keywords") == "inactive");
  CHECK(RunCommand(ctl + " activate keywords").exit_code == 0);
  CHECK(RunCommand(ctl + " health keywords").exit_code == 0);
  CommandResult analyzed = RunCommand(ctl + " analyze --module keywords 'a secret'");
  CHECK(analyzed.exit_code == 0);
  CHECK(analyzed.output.find("\"keyword\": \"secret\"") != std::string::npos);
  CHECK(RunCommand(ctl + " reload").exit_code == 0);
  CHECK(RunCommand(ctl + " activate nope").exit_code == 1);
}

TEST_CASE("admin routes need the bearer token when one is configured") {
  TempDir root;
  root.Write("admin.token", "0123456789abcdef-token\n");
  std::string config = WriteHostConfig(root, "auth:\n  admin_token_file: admin.token\n");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitReady());
  HttpResult missing = daemon.Post("/v1/modules/keywords/deactivate");
  CHECK(missing.status == 401);
  CHECK(missing.headers["WWW-Authenticate"] == "Bearer");
  CHECK(daemon.Post("/v1/modules/keywords/deactivate", "", {{"Authorization", "Bearer wrong"}}).status == 403);
  CHECK(daemon.Post("/v1/reload", "", {{"Authorization", "Basic abc"}}).status == 401);
  CHECK(State(daemon, "keywords") == "active");
  CHECK(daemon.Post("/v1/modules/keywords/deactivate", "", {{"Authorization", "Bearer 0123456789abcdef-token"}}).status ==
        200);
  // Analysis stays open unless protect_analysis is set.
  CHECK(daemon.Post("/v1/modules/keywords/activate", "", {{"Authorization", "Bearer 0123456789abcdef-token"}}).status ==
        200);
  CHECK(daemon.Post("/v1/analyze", R"({"text":"x"})").status == 200);
}
