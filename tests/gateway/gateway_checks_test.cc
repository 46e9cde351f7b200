// The guardrail check APIs against the real sentineld: POST /v1/checks (NeMo Guardrails' shape) and
// POST /v1/guardrail/checks (the gateways' shape) with the real presidio and toxicity plugins and the shipped
// policy; bad bodies get 4xx with a JSON error naming the problem; the modules of one check run concurrently
// (two keyword modules that each take 400 ms answer in about 400 ms, not 800); the checked texts never reach
// the log; the routes are in /openapi.json. Prints the latency of a 200-byte check next to the modules' own.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "gateway_support.h"

using namespace gateway_test;

namespace {

nlohmann::json Messages(std::initializer_list<std::pair<const char*, std::string>> messages,
                        const std::string& config_id = "") {
  nlohmann::json body = {{"model", "any-model"}, {"temperature", 0.3}, {"messages", nlohmann::json::array()}};
  for (const auto& [role, content] : messages) body["messages"].push_back({{"role", role}, {"content", content}});
  if (!config_id.empty()) body["guardrails"] = {{"config_id", config_id}};
  return body;
}

const std::string kPiiPrompt =
    "Please email my landlord at john.smith@example.com about the lease, and call me at (212) 555-0198.";
const std::string kToxicPrompt = "You are a worthless idiot and I hate you, shut up.";
const std::string kBenignPrompt = "What is the capital of France, and why is it famous for bread?";
const std::string kCardAnswer = "Your card 4012-8888-8888-1881 is on file; we will charge it tomorrow.";

}  // namespace

TEST_CASE("guardrail checks with the real modules and the shipped policy") {
  if (!Built("presidio") || !Built("toxicity")) {
    MESSAGE("presidio or toxicity plugin not built here: skipped");
    return;
  }
  TempDir root;
  REQUIRE(!ShippedGuardrails().empty());
  Daemon daemon(WriteRealConfig(root, {"presidio", "toxicity"}, ShippedGuardrails()), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady(180000));

  SUBCASE("a prompt with PII is modified: the entities are replaced, the rest kept") {
    HttpResult r = daemon.Post("/v1/checks", Messages({{"user", kPiiPrompt}}).dump());
    REQUIRE(r.status == 200);
    nlohmann::json j = r.Json();
    CHECK(j["status"] == "modified");
    const std::string content = j["content"];
    CHECK(content.find("john.smith") == std::string::npos);
    CHECK(content.find("555-0198") == std::string::npos);
    CHECK(content.find("<EMAIL_ADDRESS>") != std::string::npos);
    CHECK(content.find("<PHONE_NUMBER>") != std::string::npos);
    CHECK(content.rfind("Please email my landlord at ", 0) == 0);
    CHECK_FALSE(j.contains("rail"));  // NeMo's shape names a rail only when blocked
    CHECK_FALSE(j.contains("rails_status"));
  }
  SUBCASE("a toxic prompt is blocked by the toxicity rail, with the refusal message") {
    for (const char* route : {"/v1/checks", "/v1/guardrail/checks"}) {
      HttpResult r = daemon.Post(route, Messages({{"user", kToxicPrompt}}).dump());
      REQUIRE(r.status == 200);
      nlohmann::json j = r.Json();
      CHECK(j["status"] == "blocked");
      CHECK(j["rail"] == "check toxicity on input");
      CHECK(j["content"] == "I'm sorry, I can't respond to that.");
    }
  }
  SUBCASE("a benign prompt passes unchanged (passed upstream, success for gateways)") {
    nlohmann::json j = daemon.Post("/v1/checks", Messages({{"user", kBenignPrompt}}).dump()).Json();
    CHECK(j["status"] == "passed");
    CHECK(j["content"] == kBenignPrompt);
    nlohmann::json g = daemon.Post("/v1/guardrail/checks", Messages({{"user", kBenignPrompt}}).dump()).Json();
    CHECK(g["status"] == "success");
    CHECK(g["content"] == kBenignPrompt);
    CHECK(g["rails_status"]["detect sensitive data on input"]["status"] == "success");
    CHECK(g["rails_status"]["check toxicity on input"]["status"] == "success");
    CHECK(g["guardrails_data"]["log"]["activated_rails"].empty());
  }
  SUBCASE("an assistant message runs the output rails; the gateways' shape names the rails that fired") {
    HttpResult r = daemon.Post("/v1/guardrail/checks",
                               Messages({{"user", kBenignPrompt}, {"assistant", kCardAnswer}}, "default").dump());
    REQUIRE(r.status == 200);
    nlohmann::json j = r.Json();
    CHECK(j["status"] == "modified");
    const std::string content = j["content"];
    CHECK(content.find("8888-8888") == std::string::npos);
    CHECK(content.find("1881") != std::string::npos);  // the shipped operator masks all but the last digits
    CHECK(content.find("tomorrow") != std::string::npos);
    CHECK(j["rails_status"]["detect sensitive data on output"]["status"] == "modified");
    CHECK(j["rails_status"]["check toxicity on output"]["status"] == "success");
    CHECK(j["rails_status"]["detect sensitive data on input"]["status"] == "success");
    const auto& activated = j["guardrails_data"]["log"]["activated_rails"];
    REQUIRE(activated.size() == 1);
    CHECK(activated[0]["name"] == "detect sensitive data on output");
    CHECK(activated[0]["type"] == "output");
    CHECK(activated[0]["stop"] == false);
  }
  SUBCASE("bad bodies and unknown configs get 4xx with a JSON error naming the problem") {
    struct Case {
      const char* route;
      std::string body;
      int status;
      std::string message;
    };
    const std::vector<Case> cases = {
        {"/v1/checks", "{not json", 400, "malformed JSON"},
        {"/v1/checks", "{}", 400, "missing required field 'messages'"},
        {"/v1/guardrail/checks", R"({"messages": "hi"})", 400, "messages must be a non-empty list"},
        {"/v1/guardrail/checks", R"({"messages": [{"role": "user", "content": 3}]})", 400,
         "messages[0].content must be a string or a list of content parts"},
        {"/v1/checks", R"({"messages": [{"role": "wizard", "content": "x"}]})", 400, "messages[0].role 'wizard'"},
        {"/v1/checks", Messages({{"user", "x"}}, "no-such-config").dump(), 404,
         "unknown guardrails config 'no-such-config' (configured: default)"},
    };
    for (const Case& k : cases) {
      HttpResult r = daemon.Post(k.route, k.body);
      INFO(k.route << " " << k.body << " -> " << r.body);
      CHECK(r.status == k.status);
      CHECK(r.headers["Content-Type"] == "application/json");
      nlohmann::json j = r.Json();
      REQUIRE(j.is_object());
      CHECK(j["error"]["message"].get<std::string>().find(k.message) != std::string::npos);
    }
    CHECK(Http(daemon.port(), "GET", "/v1/checks").status == 405);
    std::string big(600 * 1024, 'a');
    CHECK(daemon.Post("/v1/checks", Messages({{"user", big}}).dump()).status == 413);
  }
  SUBCASE("the routes are described in /openapi.json") {
    nlohmann::json doc = daemon.Get("/openapi.json").Json();
    CHECK(doc["paths"]["/v1/checks"].contains("post"));
    CHECK(doc["paths"]["/v1/guardrail/checks"].contains("post"));
    CHECK(doc["paths"]["/v1/redact/stream"].contains("post"));
    CHECK(doc["components"]["schemas"].contains("CheckRequest"));
  }
  SUBCASE("latency of a 200-byte check at one connection, next to the modules' own") {
    std::string prompt =
        "Hi, I'm moving next month. Send the deposit refund to jane.roe@example.org or call +1 415 555 0132. "
        "Also, can you explain how a lease termination letter should be worded? Thanks a lot for the help!!";
    prompt.resize(200, ' ');
    KeepAliveClient client(daemon.port());
    const std::string check = Messages({{"user", prompt}}).dump();
    const std::string presidio = nlohmann::json({{"text", prompt}, {"modules", {"presidio"}}}).dump();
    const std::string toxicity = nlohmann::json({{"text", prompt}, {"modules", {"toxicity"}}}).dump();
    std::vector<double> t_check, t_presidio, t_toxicity;
    for (int i = 0; i < 20; ++i) client.Post("/v1/checks", check);  // warm up
    for (int i = 0; i < 300; ++i) {
      auto t = std::chrono::steady_clock::now();
      REQUIRE(client.Post("/v1/analyze", presidio).status == 200);
      t_presidio.push_back(MsSince(t));
      t = std::chrono::steady_clock::now();
      REQUIRE(client.Post("/v1/analyze", toxicity).status == 200);
      t_toxicity.push_back(MsSince(t));
      t = std::chrono::steady_clock::now();
      REQUIRE(client.Post("/v1/checks", check).status == 200);
      t_check.push_back(MsSince(t));
    }
    const double slower = std::max(Percentile(t_presidio, 0.5), Percentile(t_toxicity, 0.5));
    MESSAGE("200-byte check p50 " << Percentile(t_check, 0.5) << " ms (p99 " << Percentile(t_check, 0.99)
                                   << "); /v1/analyze p50 presidio " << Percentile(t_presidio, 0.5)
                                   << " ms, toxicity " << Percentile(t_toxicity, 0.5) << " ms; check - slower = "
                                   << Percentile(t_check, 0.5) - slower << " ms");
    // Figures only: the machine may be shared. That the modules run concurrently is proven below with two slow
    // modules, where the difference is 400 ms against 1200 ms, not a fraction of a millisecond.
    CHECK(Percentile(t_check, 0.5) > 0);
  }
  daemon.Stop();
  const std::string log = daemon.Log();
  for (const std::string& secret : {std::string("john.smith@example.com"), std::string("worthless idiot"),
                                    std::string("4012-8888-8888-1881"), std::string("jane.roe")}) {
    CHECK_MESSAGE(log.find(secret) == std::string::npos, "the log holds checked text: " << secret);
  }
}

TEST_CASE("the modules of one check run concurrently") {
  TempDir root;
  WriteHostConfig(root,
                  "guardrails:\n"
                  "  configs:\n"
                  "    slow:\n"
                  "      input:\n"
                  "        - {rail: first, module: keywords, action: block, threshold: 0.5}\n"
                  "        - {rail: second, module: keywords2, action: block, threshold: 0.5}\n"
                  "      output:\n"
                  "        - {rail: third, module: keywords, action: block, threshold: 0.5}\n");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so", "settings: {delay_ms: 400}\n");
  WriteModule(root, "keywords2", "libsentinel_keywords2.so", "settings: {delay_ms: 400}\n");
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady());
  std::vector<double> times;
  for (int i = 0; i < 3; ++i) {
    auto t = std::chrono::steady_clock::now();
    HttpResult r = daemon.Post("/v1/checks", Messages({{"user", "a"}, {"assistant", "b"}}).dump());
    times.push_back(MsSince(t));
    REQUIRE(r.status == 200);
    CHECK(r.Json()["status"] == "passed");
  }
  MESSAGE("three 400 ms rails: " << Percentile(times, 0.5) << " ms");
  CHECK(Percentile(times, 0.5) >= 390);
  CHECK(Percentile(times, 0.5) < 700);  // one after the other would take 1200 ms

  // A rail whose module is not active fails closed with 503 naming it.
  REQUIRE(daemon.Post("/v1/modules/keywords2/deactivate").status == 200);
  HttpResult r = daemon.Post("/v1/guardrail/checks", Messages({{"user", "a"}}).dump());
  CHECK(r.status == 503);
  CHECK(r.Json()["error"]["message"] == "rail 'second' needs module 'keywords2', which is not active (state: inactive)");
}

TEST_CASE("without a guardrails section the check routes answer 503") {
  TempDir root;
  WriteHostConfig(root);
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  HttpResult r = daemon.Post("/v1/checks", Messages({{"user", "a"}}).dump());
  CHECK(r.status == 503);
  CHECK(r.Json()["error"]["message"] ==
        "no guardrail policy is configured (add a 'guardrails:' section to the host YAML)");
}

TEST_CASE("back-pressure: a full module queue answers 429 at once; /metrics and /health never wait behind analysis") {
  TempDir root;
  WriteHostConfig(root,
                  "limits: {max_queue_per_module: 2}\n"
                  "guardrails:\n"
                  "  configs:\n"
                  "    slow:\n"
                  "      input: [{rail: first, module: keywords, action: block, threshold: 0.5}]\n");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords2.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so", "settings: {delay_ms: 600}\n");
  WriteModule(root, "keywords2", "libsentinel_keywords2.so", "settings: {delay_ms: 600}\n");
  Daemon daemon(root.Sub("sentinel.yaml"), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady());

  // Eight requests at once for one module whose queue holds two; the worker pool (4 threads) is busy with the
  // two admitted ones and with four more for the other module.
  std::vector<HttpResult> results(12);
  std::vector<double> elapsed(12);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      auto t = std::chrono::steady_clock::now();
      if (i < 8) {
        results[i] = i % 2 ? daemon.Post("/v1/checks", Messages({{"user", "hello"}}).dump())
                           : daemon.Post("/v1/analyze", R"({"text": "hello", "modules": ["keywords"]})");
      } else {
        results[i] = daemon.Post("/v1/analyze", R"({"text": "hello", "modules": ["keywords2"]})");
      }
      elapsed[i] = MsSince(t);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  // Every worker is inside a 600 ms plugin call now; lifecycle and operations routes run on their own threads.
  auto t = std::chrono::steady_clock::now();
  HttpResult metrics = daemon.Get("/metrics");
  const double metrics_ms = MsSince(t);
  t = std::chrono::steady_clock::now();
  HttpResult health = daemon.Get("/health");
  const double health_ms = MsSince(t);
  t = std::chrono::steady_clock::now();
  HttpResult module_health = daemon.Get("/v1/modules/keywords/health");
  const double module_health_ms = MsSince(t);
  for (auto& th : threads) th.join();

  MESSAGE("/metrics " << metrics_ms << " ms, /health " << health_ms << " ms, module health " << module_health_ms
                      << " ms while the workers were busy");
  CHECK(metrics.status == 200);
  CHECK(metrics_ms < 300);  // behind analysis it would wait for a 600 ms call to end
  CHECK(health_ms < 300);
  CHECK(module_health.status == 200);
  CHECK(module_health_ms < 300);
  CHECK(metrics.body.find("sentinel_module_queue_depth{module=\"keywords\"} 2") != std::string::npos);
  CHECK(metrics.body.find("sentinel_module_queue_limit 2") != std::string::npos);

  int ok = 0, refused = 0;
  for (size_t i = 0; i < 8; ++i) {
    if (results[i].status == 200) {
      ++ok;
    } else {
      INFO(results[i].body);
      REQUIRE(results[i].status == 429);
      ++refused;
      CHECK(results[i].headers["Retry-After"] == "1");
      CHECK(results[i].Json()["error"]["code"] == "too_many_requests");
      CHECK(results[i].Json()["error"]["message"].get<std::string>().find("module 'keywords' has 2 requests") == 0);
      CHECK(elapsed[i] < 300);  // refused at once, not after waiting
    }
  }
  CHECK(ok == 2);
  CHECK(refused == 6);
  HttpResult after = daemon.Get("/metrics");
  CHECK(after.body.find("sentinel_module_queue_rejected_total{module=\"keywords\"} 6") != std::string::npos);
  CHECK(after.body.find("sentinel_module_queue_depth{module=\"keywords\"} 0") != std::string::npos);
  CHECK(after.body.find("sentinel_module_queue_wait_seconds_count{module=\"keywords\"} 2") != std::string::npos);
}
