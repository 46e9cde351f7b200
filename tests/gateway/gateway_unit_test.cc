// Gateway units without a daemon: the guardrails policy in YAML (errors with file:line:column), the check
// request shapes and answers, and the streaming redactor and stream formats against a small in-test detector
// (e-mail addresses and "SECRET-nnnn" tokens, anonymized to <TYPE>), including the random-chunking property
// and the bounded hold-back. The same properties with the real presidio plugin are in gateway_stream_test.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <random>
#include <thread>

#include <yaml-cpp/yaml.h>

#include "config/host_config.h"
#include "gateway/check_api.h"
#include "gateway/stream_format.h"
#include "gateway/stream_redactor.h"
#include "../host/test_support.h"

using namespace sentinel;
using sentinel_test::TempDir;

namespace {

size_t CodePointsBefore(const std::string& s, size_t byte) {
  size_t n = 0;
  for (size_t i = 0; i < byte && i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

size_t ByteOfCodePoint(const std::string& s, size_t cp) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == cp) return i;
      ++n;
    }
  }
  return s.size();
}

bool Delim(char c) { return c == ' ' || c == '\n' || c == '\t' || c == ',' || c == ';' || c == '(' || c == ')'; }

// Finds e-mail addresses (a token with '@' and a '.' after it, trailing '.' excluded) and SECRET-dddd tokens.
class FakeDetector : public Detector {
 public:
  Status Analyze(std::string_view request_json, std::string* result_json) override {
    ++analyze_calls;
    nlohmann::json req = nlohmann::json::parse(request_json);
    const std::string text = req["text"];
    nlohmann::json entities = nlohmann::json::array();
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && Delim(text[i])) ++i;
      size_t j = i;
      while (j < text.size() && !Delim(text[j])) ++j;
      std::string token = text.substr(i, j - i);
      size_t end = j;
      while (end > i && text[end - 1] == '.') --end;
      std::string core = text.substr(i, end - i);
      size_t at = core.find('@');
      const char* type = nullptr;
      if (at != std::string::npos && at > 0 && core.find('.', at) != std::string::npos && core.back() != '@') {
        type = "EMAIL_ADDRESS";
      } else if (core.size() == 11 && core.rfind("SECRET-", 0) == 0 &&
                 core.find_first_not_of("0123456789", 7) == std::string::npos) {
        type = "SECRET";
      }
      if (type != nullptr) {
        entities.push_back({{"entity_type", type},
                            {"start", CodePointsBefore(text, i)},
                            {"end", CodePointsBefore(text, end)},
                            {"score", 0.9}});
      }
      i = j;
    }
    *result_json = nlohmann::json({{"entities", entities}}).dump();
    return Status::OK();
  }
  Status HandleHttp(const PluginHttpRequest& request, PluginHttpResponse* response) override {
    nlohmann::json req = nlohmann::json::parse(request.body);
    std::string text = req["text"];
    std::vector<std::tuple<size_t, size_t, std::string>> spans;
    for (const auto& e : req["analyzer_results"]) spans.emplace_back(e["start"], e["end"], e["entity_type"]);
    std::sort(spans.rbegin(), spans.rend());
    for (const auto& [s, e, type] : spans) {
      size_t a = ByteOfCodePoint(text, s), b = ByteOfCodePoint(text, e);
      text.replace(a, b - a, "<" + type + ">");
    }
    response->body = nlohmann::json({{"text", text}, {"items", nlohmann::json::array()}}).dump();
    return Status::OK();
  }
  Status Health(std::string* json) override { return Status::OK(); }
  Status SelfTest() override { return Status::OK(); }
  Status Describe(std::string* json) override { return Status::OK(); }
  int analyze_calls = 0;
};

struct Fixture {
  RailConfig config;
  std::shared_ptr<FakeDetector> detector = std::make_shared<FakeDetector>();
  BoundRail rail;
  Fixture() {
    config.name = "redact";
    config.module = "fake";
    config.action = RailAction::kRedact;
    rail.config = &config;
    rail.detector = detector;
    rail.anonymize_path = "/fake/anonymize";
  }
  std::string Whole(const std::string& text) {
    std::string out;
    bool fired = false;
    REQUIRE(RedactWithRail(rail, text, nullptr, &out, &fired).ok());
    return out;
  }
};

std::vector<std::string> RandomChunks(const std::string& text, std::mt19937* rng, size_t max_chunk) {
  std::vector<std::string> chunks;
  std::uniform_int_distribution<size_t> len(1, max_chunk);
  for (size_t pos = 0; pos < text.size();) {
    size_t n = std::min(len(*rng), text.size() - pos);
    chunks.push_back(text.substr(pos, n));  // may split a UTF-8 sequence: the redactor must cope
    pos += n;
  }
  return chunks;
}

const std::vector<std::string> kTexts = {
    "Write to jane.doe@example.com or to bob@mail.example.org, and quote SECRET-1234 in the subject.",
    "no entities at all in this one, just words words words and more words to pass the hold-back window "
    "several times over so that text is released before the end of the stream arrives at the redactor.",
    "Ünïcödé prose — with an address ünï@exämple.de and ∑ symbols 😀 around SECRET-9876; then more text "
    "to make it long enough that a few cuts happen: alpha beta gamma delta epsilon zeta eta theta iota kappa "
    "lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega. last@address.example.",
    "SECRET-0001 at the very start and one at the very end SECRET-0002",
};

}  // namespace

TEST_CASE("guardrails policy: parsed from YAML, errors name file:line:column") {
  TempDir dir;
  dir.MakeDir("modules.d");
  auto load = [&](const std::string& yaml, HostConfig* c) {
    dir.Write("sentinel.yaml", yaml + "plugins_dir: p\nmodules_dir: modules.d\n");
    return LoadHostConfig(dir.Sub("sentinel.yaml"), c);
  };
  const std::string f = dir.Sub("sentinel.yaml");
  HostConfig c;
  Status s = load(
      "guardrails:\n"
      "  default_config: main\n"
      "  configs:\n"
      "    main:\n"
      "      input:\n"
      "        - {rail: pii in, module: presidio, action: redact, entities: [EMAIL_ADDRESS], min_score: 0.4,\n"
      "           operators: {DEFAULT: {type: replace}, CREDIT_CARD: {type: mask, masking_char: '*', chars_to_mask: 4, from_end: true}}}\n"
      "        - {rail: tox in, module: toxicity, action: block, threshold: 0.7, labels: [toxicity]}\n"
      "      output:\n"
      "        - {rail: cards out, module: presidio, action: block, entities: [CREDIT_CARD]}\n"
      "    other:\n"
      "      output:\n"
      "        - {rail: pii out, module: presidio, action: redact}\n"
      "  streaming: {hold_back_bytes: 64, context_bytes: 100, max_pending_bytes: 1000}\n",
      &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  REQUIRE(c.guardrails.configured);
  CHECK(c.guardrails.default_config == "main");
  REQUIRE(c.guardrails.configs.size() == 2);
  const GuardrailConfig* main = c.guardrails.Find("main");
  REQUIRE(main != nullptr);
  REQUIRE(main->input.size() == 2);
  CHECK(main->input[0].action == RailAction::kRedact);
  CHECK(main->input[0].min_score == doctest::Approx(0.4));
  nlohmann::json ops = nlohmann::json::parse(main->input[0].operators_json);
  CHECK(ops["CREDIT_CARD"]["chars_to_mask"] == 4);
  CHECK(ops["CREDIT_CARD"]["from_end"] == true);
  CHECK(ops["CREDIT_CARD"]["masking_char"] == "*");
  CHECK(main->input[1].score_block);
  CHECK(main->input[1].threshold == doctest::Approx(0.7));
  CHECK(main->output[0].action == RailAction::kBlock);
  CHECK_FALSE(main->output[0].score_block);
  CHECK(c.guardrails.streaming.hold_back_bytes == 64);
  CHECK(c.guardrails.streaming.context_bytes == 100);

  // No section: not configured (the check routes answer 503).
  HostConfig none;
  REQUIRE(load("", &none).ok());
  CHECK_FALSE(none.guardrails.configured);

  struct Case {
    std::string yaml, message;
  };
  const std::vector<Case> cases = {
      {"guardrails: 3\n", f + ":1:13: guardrails must be a mapping"},
      {"guardrails:\n  configz: {}\n", f + ":2:3: unknown key 'configz' (allowed: configs, default_config, streaming)"},
      {"guardrails:\n  configs: {}\n", f + ":2:12: guardrails.configs must map at least one config id to its rails"},
      {"guardrails:\n  configs:\n    a:\n      input:\n        - {rail: x, module: m, action: allow}\n",
       f + ":5:40: action must be block or redact, got 'allow'"},
      {"guardrails:\n  configs:\n    a:\n      input:\n        - {rail: x, module: m, action: block, threshold: 1.5}\n",
       f + ":5:58: value 1.5 out of range [0.0, 1.0]"},
      {"guardrails:\n  configs:\n    a:\n      input:\n        - {module: m, action: block}\n",
       f + ":5:11: missing required key 'rail' (the rail's name)"},
      {"guardrails:\n  configs:\n    a:\n      input:\n        - {rail: x, module: m, action: redact, operators: {DEFAULT: {type: shred}}}\n",
       f + ":5:76: operator type 'shred' is not one of replace, redact, mask, hash, encrypt, keep"},
      {"guardrails:\n  configs:\n    a:\n      input:\n        - {rail: x, module: m, action: redact, threshold: 0.5}\n",
       f + ":5:59: threshold applies to action: block"},
      {"guardrails:\n  configs:\n    a:\n      input:\n        - {rail: x, module: m, action: block}\n        - {rail: x, module: n, action: block}\n",
       f + ":6:18: rail 'x' is listed twice"},
      {"guardrails:\n  default_config: b\n  configs:\n    a:\n      input: [{rail: x, module: m, action: block}]\n",
       f + ":2:19: default_config 'b' is not one of the configs (a)"},
      {"guardrails:\n  configs:\n    a: {}\n", f + ":3:8: config 'a' has no rails (add input: or output:)"},
      {"guardrails:\n  configs:\n    a:\n      input: [{rail: x, module: m, action: block, colour: red}]\n",
       f + ":4:51: unknown key 'colour' (allowed: action, entities, labels, min_score, module, operators, options, rail, threshold)"},
      {"guardrails:\n  configs:\n    a:\n      input: [{rail: x, module: m, action: block}]\n  streaming: {hold_back_bytes: 4}\n",
       f + ":5:32: value 4 out of range [16, 65536]"},
  };
  for (const Case& k : cases) {
    HostConfig bad;
    Status e = load(k.yaml, &bad);
    INFO(k.yaml);
    CHECK(e.message() == k.message);
  }
}

TEST_CASE("check requests: both shapes parse; bad bodies are refused naming the problem") {
  CheckRequest r;
  REQUIRE(ParseCheckRequest(R"({"model":"m","messages":[{"role":"system","content":"be nice"},
      {"role":"user","content":"first"},{"role":"assistant","content":"answer"},{"role":"user","content":"second"}],
      "guardrails":{"config_ids":["a","b"]},"temperature":0.2,"top_p":1,"max_tokens":9})",
                              1000, &r)
              .ok());
  CHECK(r.user_text == std::optional<std::string>("second"));
  CHECK(r.assistant_text == std::optional<std::string>("answer"));
  CHECK(r.config_ids == std::vector<std::string>{"a", "b"});
  REQUIRE(ParseCheckRequest(R"({"messages":[{"role":"user","content":[{"type":"text","text":"a"},
      {"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"b"}]}],"guardrails":{"config_id":"c"}})",
                            1000, &r)
              .ok());
  CHECK(*r.user_text == "a\nb");
  CHECK(r.config_ids == std::vector<std::string>{"c"});

  struct Case {
    const char* body;
    StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"", StatusCode::kInvalidArgument, "request body is empty"},
      {"[1]", StatusCode::kInvalidArgument, "request body must be a JSON object"},
      {"{}", StatusCode::kInvalidArgument, "missing required field 'messages'"},
      {R"({"messages":[]})", StatusCode::kInvalidArgument, "messages must be a non-empty list of {\"role\", \"content\"}"},
      {R"({"messages":["hi"]})", StatusCode::kInvalidArgument, "messages[0] must be an object with 'role' and 'content'"},
      {R"({"messages":[{"content":"hi"}]})", StatusCode::kInvalidArgument, "messages[0].role must be a string"},
      {R"({"messages":[{"role":"robot","content":"hi"}]})", StatusCode::kInvalidArgument,
       "messages[0].role 'robot' is not one of user, assistant, system, developer, tool"},
      {R"({"messages":[{"role":"user","content":5}]})", StatusCode::kInvalidArgument,
       "messages[0].content must be a string or a list of content parts"},
      {R"({"messages":[{"role":"user"}]})", StatusCode::kInvalidArgument, "messages[0].content is missing"},
      {R"({"messages":[{"role":"system","content":"x"}]})", StatusCode::kInvalidArgument,
       "messages must include a user message (input rails) or an assistant message (output rails)"},
      {R"({"messages":[{"role":"user","content":"x"}],"guardrails":"a"})", StatusCode::kInvalidArgument,
       "guardrails must be an object ({\"config_id\": ...} or {\"config_ids\": [...]})"},
      {R"({"messages":[{"role":"user","content":"x"}],"guardrails":{"config_ids":"a"}})", StatusCode::kInvalidArgument,
       "guardrails.config_ids must be a list of strings"},
      {R"({"messages":[{"role":"user","content":"0123456789 too long"}]})", StatusCode::kPayloadTooLarge,
       "messages[0].content is 19 bytes; the limit is 10"},
  };
  for (const Case& k : cases) {
    CheckRequest out;
    Status s = ParseCheckRequest(k.body, 10, &out);
    INFO(k.body);
    CHECK(s.code() == k.code);
    if (std::string(k.message) == "request body is empty") {
      CHECK_FALSE(s.ok());
    } else {
      CHECK(s.message() == k.message);
    }
  }
}

TEST_CASE("check answers: NeMo's shape and the gateways' shape") {
  CheckOutcome o;
  o.status = "blocked";
  o.content = "no";
  o.blocking_rail = "tox";
  o.rails = {{"pii", "input", true, false}, {"tox", "input", true, true}, {"pii out", "output", false, false}};
  nlohmann::ordered_json nemo = RenderCheck(CheckShape::kNemo, o);
  CHECK(nemo.dump() == R"({"status":"blocked","content":"no","rail":"tox"})");
  nlohmann::ordered_json gw = RenderCheck(CheckShape::kGateway, o);
  CHECK(gw["status"] == "blocked");
  CHECK(gw["rails_status"]["pii"]["status"] == "modified");
  CHECK(gw["rails_status"]["tox"]["status"] == "blocked");
  CHECK(gw["rails_status"]["pii out"]["status"] == "success");
  REQUIRE(gw["guardrails_data"]["log"]["activated_rails"].size() == 2);
  CHECK(gw["guardrails_data"]["log"]["activated_rails"][1]["name"] == "tox");
  o.status = "passed";
  o.blocking_rail.clear();
  CHECK(RenderCheck(CheckShape::kGateway, o)["status"] == "success");
  CHECK(RenderCheck(CheckShape::kNemo, o).dump() == R"({"status":"passed","content":"no"})");
}

TEST_CASE("stream redactor: any chunking gives the whole-text redaction; hold-back is bounded") {
  Fixture fx;
  StreamingConfig config;
  config.hold_back_bytes = 32;
  config.context_bytes = 48;
  config.max_pending_bytes = 256;
  std::mt19937 rng(12345);
  size_t released_early = 0, redacted_texts = 0;
  for (const std::string& text : kTexts) {
    const std::string whole = fx.Whole(text);
    redacted_texts += whole != text;
    for (int round = 0; round < 200; ++round) {
      StreamRedactor redactor(&fx.rail, config, nullptr);
      std::string out;
      for (const std::string& chunk : RandomChunks(text, &rng, 1 + round % 40)) {
        REQUIRE(redactor.Feed(chunk, &out).ok());
        CHECK(redactor.held_bytes() <= config.max_pending_bytes + 40);
      }
      released_early += !out.empty();
      REQUIRE(redactor.Finish(&out).ok());
      INFO(text);
      REQUIRE(out == whole);
    }
  }
  CHECK(released_early > 0);  // text was released before the end, not all held to the end
  CHECK(redacted_texts == kTexts.size() - 1);  // all but the plain one have something to redact
}

TEST_CASE("stream redactor: analyses on another thread, chunks appended meanwhile, give the same result") {
  Fixture fx;
  StreamingConfig config;
  config.hold_back_bytes = 32;
  config.context_bytes = 48;
  config.max_pending_bytes = 256;
  std::mt19937 rng(777);
  size_t background = 0;
  for (const std::string& text : kTexts) {
    const std::string whole = fx.Whole(text);
    for (int round = 0; round < 100; ++round) {
      StreamRedactor redactor(&fx.rail, config, nullptr);
      std::string out;
      std::thread analysis;
      for (const std::string& chunk : RandomChunks(text, &rng, 1 + round % 20)) {
        redactor.Append(chunk);
        REQUIRE(redactor.TakeReleased(&out).ok());
        if (redactor.BeginAnalysis()) {
          if (analysis.joinable()) analysis.join();
          ++background;
          analysis = std::thread([&redactor] { redactor.Analyze(); });
        }
        if (round % 3 == 0 && analysis.joinable()) analysis.join();  // sometimes wait, sometimes not
      }
      REQUIRE(redactor.Finish(&out).ok());  // waits for a running analysis
      if (analysis.joinable()) analysis.join();
      INFO(text);
      REQUIRE(out == whole);
    }
  }
  CHECK(background > 0);
}

TEST_CASE("stream redactor: a text without word boundaries is cut at max_pending_bytes and leaks nothing") {
  Fixture fx;
  StreamingConfig config;
  config.hold_back_bytes = 32;
  config.context_bytes = 32;
  config.max_pending_bytes = 128;
  std::string text;
  for (int i = 0; i < 40; ++i) text += "xxxxxxxxxx";
  text += ",SECRET-4242,";  // no whitespace anywhere; commas delimit the entity for the detector
  for (int i = 0; i < 40; ++i) text += "yyyyyyyyyy";
  StreamRedactor redactor(&fx.rail, config, nullptr);
  std::string out;
  for (size_t i = 0; i < text.size(); i += 7) {
    REQUIRE(redactor.Feed(text.substr(i, 7), &out).ok());
    CHECK(redactor.held_bytes() <= config.max_pending_bytes + 7 + 64);
  }
  CHECK(out.size() > 0);
  REQUIRE(redactor.Finish(&out).ok());
  CHECK(out.find("4242") == std::string::npos);
  CHECK(out.find("<SECRET>") != std::string::npos);
}

TEST_CASE("stream redactor: text that is not UTF-8 is refused") {
  Fixture fx;
  StreamRedactor redactor(&fx.rail, StreamingConfig(), nullptr);
  std::string out;
  CHECK(redactor.Feed("abc \xFF\xFE def", &out).ok());  // nothing analyzed yet
  Status s = redactor.Finish(&out);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  StreamRedactor cut(&fx.rail, StreamingConfig(), nullptr);
  CHECK(cut.Feed("ends inside \xC3", &out).ok());
  CHECK(cut.Finish(&out).message() == "the text ended inside a UTF-8 sequence");
}

TEST_CASE("stream formats: OpenAI SSE events keep their shape; NDJSON lines map one to one") {
  Fixture fx;
  StreamPlan plan;
  plan.rails.rails.push_back(fx.rail);
  plan.config.hold_back_bytes = 16;
  plan.config.context_bytes = 32;
  plan.config.max_pending_bytes = 128;
  const std::string answer = "Sure: write to jane.doe@example.com, she answers quickly. Or bob@example.org.";
  SUBCASE("sse") {
    plan.format = StreamFormat::kSse;
    std::string body = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\r\n\r\n";
    for (size_t i = 0; i < answer.size(); i += 5) {
      nlohmann::json ev = {{"id", "c1"}, {"object", "chat.completion.chunk"},
                           {"choices", {{{"index", 0}, {"delta", {{"content", answer.substr(i, 5)}}}, {"finish_reason", nullptr}}}}};
      body += "data: " + ev.dump() + "\n\n";
    }
    body += ": keep-alive comment\n\n";
    body += "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    body += "data: [DONE]\n\n";
    StreamTransformer t(&plan);
    std::string out;
    std::mt19937 rng(7);
    for (const std::string& piece : RandomChunks(body, &rng, 23)) REQUIRE(t.Push(piece, &out).ok());
    REQUIRE(t.End(&out).ok());
    // Reassemble the content the client sees.
    std::string content;
    int events = 0;
    bool done = false, finish = false;
    size_t pos = 0;
    while ((pos = out.find("data: ", pos)) != std::string::npos) {
      size_t end = out.find("\n\n", pos);
      std::string data = out.substr(pos + 6, end - pos - 6);
      pos = end;
      if (data == "[DONE]") {
        done = true;
        continue;
      }
      nlohmann::json ev = nlohmann::json::parse(data);
      CHECK(ev["id"] == "c1");
      ++events;
      const auto& choice = ev["choices"][0];
      if (choice["delta"].contains("content")) content += choice["delta"]["content"].get<std::string>();
      finish = finish || choice["finish_reason"] == "stop";
    }
    CHECK(done);
    CHECK(finish);
    CHECK(events == static_cast<int>((answer.size() + 4) / 5) + 2);  // one event out per event in
    CHECK(out.find(": keep-alive comment\n\n") != std::string::npos);
    CHECK(content == fx.Whole(answer));
    CHECK(content.find("jane.doe") == std::string::npos);
  }
  SUBCASE("ndjson") {
    plan.format = StreamFormat::kNdjson;
    std::string body;
    for (size_t i = 0; i < answer.size(); i += 9) body += nlohmann::json({{"text", answer.substr(i, 9)}}).dump() + "\n";
    StreamTransformer t(&plan);
    std::string out;
    REQUIRE(t.Push(body, &out).ok());
    REQUIRE(t.End(&out).ok());
    std::string content;
    int lines = 0;
    bool done = false;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      nlohmann::json j = nlohmann::json::parse(line);
      content += j["text"].get<std::string>();
      done = done || j.value("done", false);
      ++lines;
    }
    CHECK(lines == static_cast<int>((answer.size() + 8) / 9) + 1);
    CHECK(done);
    CHECK(content == fx.Whole(answer));
    StreamTransformer bad(&plan);
    std::string ignored;
    CHECK(bad.Push("{\"txt\":\"a\"}\n", &ignored).message() == "each NDJSON line must be an object with a string 'text'");
    CHECK(bad.ErrorRecord(Status::InvalidArgument("x")) == "{\"error\":{\"code\":\"invalid_argument\",\"message\":\"x\"}}\n");
  }
}
