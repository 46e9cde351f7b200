// Streaming redaction against the real sentineld and the real presidio plugin (NER included when built):
//   - property: for the PII test texts (Presidio's demo text, the presidio-research sentences in ../shared when
//     present, and texts written here), any random chunking streamed through POST /v1/redact/stream gives exactly
//     the text the check API redacts at once, so no entity leaks across chunk boundaries;
//   - NDJSON token-sized chunks: the added latency per chunk (send one line, receive its line), p50 and p99;
//   - a gateway's whole path against a stub OpenAI-compatible model server: check the prompt, call the model,
//     pipe its SSE answer through the redaction route; the client gets valid SSE without the PII.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <random>
#include <thread>

#include "gateway_support.h"

using namespace gateway_test;

namespace {

const char* kPolicy =
    "guardrails:\n"
    "  configs:\n"
    "    all:\n"
    "      output:\n"
    "        - {rail: pii out, module: presidio, action: redact, operators: {DEFAULT: {type: replace}}}\n"
    "    shipped:\n"
    "      output:\n"
    "        - rail: pii out\n"
    "          module: presidio\n"
    "          action: redact\n"
    "          entities: [EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN, CRYPTO, IP_ADDRESS, PERSON]\n"
    "          min_score: 0.4\n"
    "          operators:\n"
    "            DEFAULT: {type: replace}\n"
    "            CREDIT_CARD: {type: mask, masking_char: '*', chars_to_mask: 12, from_end: false}\n"
    "            EMAIL_ADDRESS: {type: mask, masking_char: '#', chars_to_mask: 100, from_end: false}\n"
    "  streaming: {hold_back_bytes: 128, context_bytes: 256, max_pending_bytes: 4096}\n";

const std::vector<std::string> kOwnTexts = {
    "Contact Maria Gonzalez at maria.gonzalez@example.com or +1 (415) 555-0132 before Friday.",
    "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, SSN 078-05-1120, and the server 192.168.10.20 "
    "all appeared in one log line that also mentioned bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq as a wallet.",
    "A long answer that keeps going without any personal data for a while, so that the redactor releases text "
    "well before the end: the quick brown fox jumps over the lazy dog, again and again, until finally it reaches "
    "the address alex.kim@mail.example.org and the number 212-555-0198 near the end of the stream.",
    "ÜTF-8 tëxt — with emoji 😀 and an address ünïcode.person@example.de, then more: 30.4.2024 and 10.20.30.40.",
};

std::vector<std::string> PiiTexts() {
  std::vector<std::string> texts = kOwnTexts;
  texts.push_back(ReadFile(std::string(SOURCE_DIR) + "/tests/presidio/e2e/resources/demo.txt"));
  const std::string shared = std::string(SOURCE_DIR) + "/../shared/data/pii/presidio-research/generated_small.dev70.json";
  std::string raw = ReadFile(shared);
  if (raw.empty()) {
    MESSAGE("../shared not present: the presidio-research sentences are skipped");
  } else {
    for (const auto& item : nlohmann::json::parse(raw)) texts.push_back(item["full_text"].get<std::string>());
  }
  return texts;
}

std::string WholeRedaction(Daemon& daemon, const std::string& config, const std::string& text) {
  nlohmann::json body = {{"messages", {{{"role", "assistant"}, {"content", text}}}}, {"guardrails", {{"config_id", config}}}};
  HttpResult r = daemon.Post("/v1/checks", body.dump());
  REQUIRE(r.status == 200);
  return r.Json()["content"].get<std::string>();
}

std::vector<std::string> RandomChunks(const std::string& text, std::mt19937* rng, size_t max_chunk) {
  std::vector<std::string> chunks;
  std::uniform_int_distribution<size_t> len(1, max_chunk);
  for (size_t pos = 0; pos < text.size();) {
    size_t n = std::min(len(*rng), text.size() - pos);
    chunks.push_back(text.substr(pos, n));
    pos += n;
  }
  return chunks;
}

// A stub OpenAI-compatible model server: answers one POST /v1/chat/completions with an SSE stream of `answer`
// in 3-byte deltas.
class StubModel {
 public:
  explicit StubModel(std::string answer) : answer_(std::move(answer)), acceptor_(ioc_) {
    boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(ep.protocol());
    acceptor_.bind(ep);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Serve(); });
  }
  ~StubModel() { thread_.join(); }
  int port() const { return port_; }
  std::string request_body;

 private:
  void Serve() {
    namespace http = boost::beast::http;
    boost::asio::ip::tcp::socket socket(ioc_);
    acceptor_.accept(socket);
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> req;
    http::read(socket, buffer, req);
    request_body = req.body();
    std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    boost::asio::write(socket, boost::asio::buffer(head));
    auto chunk = [&](const std::string& data) {
      char size[32];
      std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
      boost::asio::write(socket, boost::asio::buffer(size + data + "\r\n"));
    };
    nlohmann::json base = {{"id", "chatcmpl-stub"}, {"object", "chat.completion.chunk"}, {"created", 1764547200}, {"model", "stub"}};
    nlohmann::json first = base;
    first["choices"] = {{{"index", 0}, {"delta", {{"role", "assistant"}, {"content", ""}}}, {"finish_reason", nullptr}}};
    chunk("data: " + first.dump() + "\n\n");
    for (size_t i = 0; i < answer_.size(); i += 3) {
      nlohmann::json ev = base;
      ev["choices"] = {{{"index", 0}, {"delta", {{"content", answer_.substr(i, 3)}}}, {"finish_reason", nullptr}}};
      chunk("data: " + ev.dump() + "\n\n");
    }
    nlohmann::json last = base;
    last["choices"] = {{{"index", 0}, {"delta", nlohmann::json::object()}, {"finish_reason", "stop"}}};
    chunk("data: " + last.dump() + "\n\n");
    chunk("data: [DONE]\n\n");
    boost::asio::write(socket, boost::asio::buffer(std::string("0\r\n\r\n")));
  }

  std::string answer_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  int port_ = 0;
  std::thread thread_;
};

// Reads a chunked HTTP response body from a raw socket (the stub model's answer, as a gateway receives it).
std::string ReadChunkedBody(boost::asio::ip::tcp::socket& socket) {
  namespace http = boost::beast::http;
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  boost::system::error_code ec;
  http::read(socket, buffer, res, ec);
  return res.body();
}

}  // namespace

TEST_CASE("streaming redaction with the real presidio plugin") {
  if (!Built("presidio")) {
    MESSAGE("presidio plugin not built here: skipped");
    return;
  }
  TempDir root;
  Daemon daemon(WriteRealConfig(root, {"presidio"}, kPolicy), FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitReady(180000));
  const std::vector<std::string> texts = PiiTexts();

  SUBCASE("property: any chunking gives the whole-text redaction (no entity leaks across chunks)") {
    std::mt19937 rng(20261201);
    size_t streams = 0, differing = 0, redacted_texts = 0;
    for (const std::string config : {"all", "shipped"}) {
      for (const std::string& text : texts) {
        const std::string whole = WholeRedaction(daemon, config, text);
        redacted_texts += whole != text;
        const int rounds = text.size() > 400 ? 12 : 4;
        for (int round = 0; round < rounds; ++round) {
          StreamClient client(daemon.port(), "/v1/redact/stream?config_id=" + config, "text/plain");
          const size_t max_chunk = std::vector<size_t>{1, 4, 16, 64, 300}[round % 5];
          for (const std::string& chunk : RandomChunks(text, &rng, max_chunk)) client.Send(chunk);
          client.End();
          const std::string out = client.ReadAll();
          REQUIRE(client.status() == 200);
          CHECK(client.complete());
          ++streams;
          if (out != whole) {
            ++differing;
            INFO("config " << config << ", max chunk " << max_chunk);
            CHECK(out == whole);
          }
        }
      }
    }
    MESSAGE(streams << " streams over " << texts.size() << " texts x 2 configs; " << differing
                    << " differed from the whole-text redaction; " << redacted_texts << " texts had PII");
    CHECK(redacted_texts > texts.size() / 2);  // the property is about texts that have something to redact
  }

  SUBCASE("NDJSON token-sized chunks: added latency per chunk, output equals the whole-text redaction") {
    std::string text;
    for (int i = 0; i < 3; ++i) text += ReadFile(std::string(SOURCE_DIR) + "/tests/presidio/e2e/resources/demo.txt");
    const std::string whole = WholeRedaction(daemon, "all", text);
    StreamClient client(daemon.port(), "/v1/redact/stream?config_id=all", "application/x-ndjson");
    std::vector<double> latency;
    std::string out;
    for (size_t i = 0; i < text.size(); i += 4) {
      auto t = std::chrono::steady_clock::now();
      client.Send(nlohmann::json({{"text", text.substr(i, 4)}}).dump() + "\n");
      const std::string answer = client.ReadLine();
      INFO("chunk at " << i << ", status " << client.status() << ", header " << client.header());
      REQUIRE(!answer.empty());
      nlohmann::json line = nlohmann::json::parse(answer);
      latency.push_back(MsSince(t));
      out += line["text"].get<std::string>();
    }
    client.End();
    nlohmann::json last = nlohmann::json::parse(client.ReadLine());
    CHECK(last["done"] == true);
    out += last["text"].get<std::string>();
    CHECK(out == whole);
    MESSAGE(latency.size() << " chunks of 4 bytes: per-chunk round trip p50 " << Percentile(latency, 0.5)
                           << " ms, p99 " << Percentile(latency, 0.99) << " ms, max "
                           << Percentile(latency, 1.0) << " ms");
    CHECK(Percentile(latency, 0.5) < 5.0);
  }

  SUBCASE("a gateway's path: check the prompt, call a stub model, pipe its SSE answer through redaction") {
    const std::string prompt = "Summarize the customer's message for the support ticket.";
    const std::string answer =
        "The customer, Maria Gonzalez, asks to be called back at +1 (415) 555-0132 or written to at "
        "maria.gonzalez@example.com about card 4111 1111 1111 1111, which was charged twice.";
    // 1. Before the model: check the prompt.
    nlohmann::json check = {{"model", "stub"}, {"messages", {{{"role", "user"}, {"content", prompt}}}},
                            {"guardrails", {{"config_id", "all"}}}};
    HttpResult checked = daemon.Post("/v1/guardrail/checks", check.dump());
    REQUIRE(checked.status == 200);
    REQUIRE(checked.Json()["status"] == "success");
    // 2. The model streams its answer (SSE).
    StubModel model(answer);
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket upstream(ioc);
    upstream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), model.port()));
    namespace http = boost::beast::http;
    http::request<http::string_body> req{http::verb::post, "/v1/chat/completions", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    req.body() = nlohmann::json({{"model", "stub"}, {"stream", true}, {"messages", check["messages"]}}).dump();
    req.prepare_payload();
    http::write(upstream, req);
    const std::string sse = ReadChunkedBody(upstream);
    REQUIRE(sse.find("data: [DONE]") != std::string::npos);
    // 3. After the model: the answer through the redaction route, in pieces as they came.
    StreamClient client(daemon.port(), "/v1/redact/stream?config_id=all&role=output", "text/event-stream");
    std::mt19937 rng(99);
    for (const std::string& piece : RandomChunks(sse, &rng, 97)) client.Send(piece);
    client.End();
    const std::string out = client.ReadAll();
    REQUIRE(client.status() == 200);
    CHECK(client.header().find("Content-Type: text/event-stream") != std::string::npos);
    std::string content;
    bool done = false;
    size_t pos = 0;
    while ((pos = out.find("data: ", pos)) != std::string::npos) {
      size_t end = out.find("\n\n", pos);
      REQUIRE(end != std::string::npos);
      const std::string data = out.substr(pos + 6, end - pos - 6);
      pos = end;
      if (data == "[DONE]") {
        done = true;
        continue;
      }
      nlohmann::json ev = nlohmann::json::parse(data);
      CHECK(ev["id"] == "chatcmpl-stub");
      const auto& delta = ev["choices"][0]["delta"];
      if (delta.contains("content")) content += delta["content"].get<std::string>();
    }
    CHECK(done);
    CHECK(content == WholeRedaction(daemon, "all", answer));
    // Pattern entities only: whether the NER tagger finds the name is the model's business, and the equality
    // above already holds the name to the whole-text result.
    for (const char* pii : {"555-0132", "maria.gonzalez@", "4111 1111"}) {
      CHECK_MESSAGE(content.find(pii) == std::string::npos, pii);
    }
  }

  SUBCASE("refusals before streaming: unknown format, unknown config, no redact rail") {
    struct Case {
      std::string target, type;
      int status;
      std::string message;
    };
    const std::vector<Case> cases = {
        {"/v1/redact/stream", "application/json", 400, "is not a stream format"},
        {"/v1/redact/stream?config_id=nope", "text/plain", 404, "unknown guardrails config 'nope'"},
        {"/v1/redact/stream?config_id=all&role=input", "text/plain", 409, "has no redact rail on input"},
        {"/v1/redact/stream?colour=red", "text/plain", 400, "unknown query parameter 'colour'"},
    };
    for (const Case& k : cases) {
      StreamClient client(daemon.port(), k.target, k.type);
      client.Send("some text");
      client.End();
      const std::string body = client.ReadAll();
      INFO(k.target << " " << body);
      CHECK(client.status() == k.status);
      CHECK(body.find(k.message) != std::string::npos);
    }
    // A malformed NDJSON line mid-stream ends the stream with an error record.
    StreamClient client(daemon.port(), "/v1/redact/stream?config_id=all", "application/x-ndjson");
    client.Send("{\"text\": \"fine\"}\n");
    client.Send("not json\n");
    client.End();
    const std::string body = client.ReadAll();
    CHECK(client.status() == 200);
    CHECK(body.find("\"error\"") != std::string::npos);
  }

  daemon.Stop();
  const std::string log = daemon.Log();
  CHECK(log.find("maria.gonzalez") == std::string::npos);
  CHECK(log.find("clara.novak") == std::string::npos);
}
