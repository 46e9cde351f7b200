// Crash isolation: a module with `isolation: process` whose plugin aborts on a marker text. The daemon must
// survive, report the module failed with the signal while the worker restarts, keep the other modules
// answering, and serve the module again after the restart.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "../host/test_support.h"

using namespace sentinel_test;

TEST_CASE("a plugin that crashes in analyze under isolation: process does not take the daemon down") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  WriteModule(root, "fragile", "libsentinel_keywords.so",
              "plugin: keywords\nisolation: process\nsettings:\n  crash_marker: CRASH-ME\n");
  WriteModule(root, "steady", "libsentinel_keywords2.so", "plugin: keywords2\n");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitReady());
  auto fragile = daemon.Get("/v1/modules/fragile").Json();
  CHECK(fragile["isolation"] == "process");
  CHECK(fragile["state"] == "active");

  // Works through the worker, both via /v1/analyze and the plugin's own route.
  auto ok = daemon.Post("/v1/analyze", R"({"text":"a secret","modules":["fragile"]})");
  REQUIRE(ok.status == 200);
  CHECK(ok.Json()["results"]["fragile"]["matches"][0]["start"] == 2);
  CHECK(daemon.Post("/keywords/find", R"({"text":"secret"})").status == 200);

  for (int crash = 0; crash < 3; ++crash) {
    CAPTURE(crash);
    auto crashed = daemon.Post("/v1/analyze", R"({"text":"CRASH-ME now","modules":["fragile"]})");
    CHECK(crashed.status == 503);
    CHECK(crashed.Json()["error"]["message"].get<std::string>().find("worker process died (SIGABRT)") !=
          std::string::npos);
    CHECK(daemon.Running());
    CHECK(daemon.Get("/health").status == 200);
    // The other module keeps answering meanwhile.
    auto steady = daemon.Post("/v1/analyze", R"({"text":"secret","modules":["steady"]})");
    CHECK(steady.status == 200);
    // The module reports the crash, then comes back by itself.
    auto state = daemon.Get("/v1/modules/fragile").Json();
    if (state["state"] == "failed") {
      CHECK(state["error"]["stage"] == "worker");
      CHECK(state["error"]["message"].get<std::string>().find("SIGABRT") != std::string::npos);
    }
    CHECK(WaitFor([&] { return daemon.Get("/v1/modules/fragile").Json()["state"] == "active"; }));
    auto again = daemon.Post("/v1/analyze", R"({"text":"secret again","modules":["fragile"]})");
    CHECK(again.status == 200);
  }
  // Deactivating stops the worker; activating starts a new one.
  CHECK(daemon.Post("/v1/modules/fragile/deactivate").status == 200);
  CHECK(daemon.Post("/v1/modules/fragile/activate").status == 200);
  CHECK(daemon.Post("/v1/analyze", R"({"text":"secret","modules":["fragile"]})").status == 200);
  CHECK(daemon.Log().find("worker_crashed") != std::string::npos);
  CHECK(daemon.Log().find("CRASH-ME") == std::string::npos);  // analyzed text never reaches the log
}

TEST_CASE("a worker whose plugin fails to activate reports the plugin's reason") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_test_activate_fails.so");
  WriteModule(root, "test_activate_fails", "libsentinel_test_activate_fails.so", "isolation: process\n");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(1));
  auto m = daemon.Get("/v1/modules/test_activate_fails").Json();
  CHECK(m["state"] == "failed");
  CHECK(m["error"]["stage"] == "activate");
  CHECK(m["error"]["message"].get<std::string>().find("model file /nonexistent/model.pt is missing") !=
        std::string::npos);
}

TEST_CASE("a worker that dies during activation fails the activation at once, naming the signal") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_test_activate_aborts.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  WriteModule(root, "test_activate_aborts", "libsentinel_test_activate_aborts.so", "isolation: process\n");
  WriteModule(root, "steady", "libsentinel_keywords2.so", "plugin: keywords2\n");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  // Start-up activation: settles well under the 120 s call timeout.
  REQUIRE(daemon.WaitSettled(2, 10000));
  auto check_failed = [&] {
    auto m = daemon.Get("/v1/modules/test_activate_aborts").Json();
    CHECK(m["state"] == "failed");
    CHECK(m["error"]["stage"] == "activate");
    CHECK(m["error"]["message"].get<std::string>().find("worker died during activation (SIGABRT)") !=
          std::string::npos);
  };
  check_failed();

  // An explicit activation fails promptly too, with the same reason.
  auto start = std::chrono::steady_clock::now();
  auto activate = daemon.Post("/v1/modules/test_activate_aborts/activate");
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(activate.status >= 400);
  CHECK(activate.body.find("worker died during activation (SIGABRT)") != std::string::npos);
  CHECK(elapsed < std::chrono::seconds(10));
  check_failed();

  // The daemon and the other module keep serving.
  CHECK(daemon.Running());
  CHECK(daemon.Get("/health").status == 200);
  CHECK(daemon.Get("/v1/modules/steady").Json()["state"] == "active");
  CHECK(daemon.Post("/v1/analyze", R"({"text":"secret","modules":["steady"]})").status == 200);
}
