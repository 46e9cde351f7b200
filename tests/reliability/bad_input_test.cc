// Bad input over real sockets: slowloris, header floods, oversized bodies, malformed HTTP, thousands of idle
// connections, malformed and deeply nested JSON. Each gets a clear 4xx (or a closed connection for a client
// that never finishes) and the daemon keeps serving.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "../host/test_support.h"

using namespace sentinel_test;

namespace {

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void SendAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

// Reads until the peer closes or `timeout_ms` passes. Returns what arrived; *closed tells which.
std::string ReadUntilClose(int fd, int timeout_ms, bool* closed) {
  std::string out;
  *closed = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[8192];
  while (true) {
    int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) return out;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, left) <= 0) return out;
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) {
      *closed = true;
      return out;
    }
    out.append(buf, static_cast<size_t>(n));
  }
}

struct Fixture {
  TempDir root;
  std::unique_ptr<Daemon> daemon;
  Fixture() {
    std::string config = WriteHostConfig(
        root, "limits:\n  read_timeout_ms: 1500\n  max_body_bytes: 65536\n  max_text_bytes: 1000\n  max_header_bytes: 8192\n");
    InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
    WriteModule(root, "keywords", "libsentinel_keywords.so");
    daemon = std::make_unique<Daemon>(config, FreePort());
    REQUIRE(daemon->WaitReady());
  }
};

}  // namespace

TEST_CASE("slowloris: a client trickling a request is cut off by the read timeout") {
  Fixture f;
  int fd = Connect(f.daemon->port());
  REQUIRE(fd >= 0);
  auto start = std::chrono::steady_clock::now();
  SendAll(fd, "POST /v1/analyze HTTP/1.1\r\nHost: x\r\n");
  bool closed = false;
  // One byte every 300 ms: the request never completes within the 1.5 s read deadline.
  for (int i = 0; i < 20 && !closed; ++i) {
    SendAll(fd, "X");
    ReadUntilClose(fd, 300, &closed);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(closed);
  CHECK(seconds < 4.0);
  close(fd);
  CHECK(f.daemon->Get("/health").status == 200);
}

TEST_CASE("header floods, oversized bodies and malformed HTTP get 4xx answers") {
  Fixture f;
  int port = f.daemon->port();
  std::string flood = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 2000; ++i) flood += "X-Flood-" + std::to_string(i) + ": " + std::string(50, 'a') + "\r\n";
  flood += "\r\n";
  int fd = Connect(port);
  SendAll(fd, flood);
  bool closed = false;
  std::string answer = ReadUntilClose(fd, 5000, &closed);
  close(fd);
  CHECK(answer.rfind("HTTP/1.1 431", 0) == 0);

  HttpResult big = Http(port, "POST", "/v1/analyze", std::string(100000, 'a'));
  CHECK(big.status == 413);
  CHECK(big.Json()["error"]["code"] == "payload_too_large");
  HttpResult long_text = Http(port, "POST", "/v1/analyze", nlohmann::json({{"text", std::string(5000, 'a')}}).dump());
  CHECK(long_text.status == 413);
  CHECK(long_text.Json()["error"]["message"] == "text is 5000 bytes; the limit is 1000");

  fd = Connect(port);
  SendAll(fd, "THIS IS NOT HTTP\r\n\r\n");
  answer = ReadUntilClose(fd, 5000, &closed);
  close(fd);
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);

  fd = Connect(port);
  SendAll(fd, "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
  answer = ReadUntilClose(fd, 5000, &closed);
  close(fd);
  CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);

  // JSON that is malformed, mistyped, deeply nested or not UTF-8.
  const std::vector<std::string> bodies = {
      "", "{", "[]", "null", R"({"text": null})", R"({"text": ["a"]})", R"({"text": "a", "modules": "keywords"})",
      R"({"text": "a", "modules": [1]})", R"({"text": "a", "extra": 1})", std::string(5000, '[') + std::string(5000, ']'),
      "{\"text\": \"\xc3\x28\"}", "{\"text\": \"a\\ud800\"}", R"({"text": "a", "options": 3})"};
  for (const auto& body : bodies) {
    HttpResult r = Http(port, "POST", "/v1/analyze", body);
    CAPTURE(body.substr(0, 40));
    CHECK(r.status == 400);
    CHECK(r.Json()["error"]["message"].is_string());
  }
  // Plugin routes validate their own input.
  CHECK(Http(port, "POST", "/keywords/find", "{").status == 400);
  CHECK(f.daemon->Running());
  CHECK(f.daemon->Get("/health").status == 200);
}

TEST_CASE("Expect: 100-continue is answered at once, and an oversized body is refused without the invitation") {
  Fixture f;
  int port = f.daemon->port();
  const std::string body = nlohmann::json({{"text", "a friendly note"}}).dump();
  int fd = Connect(port);
  REQUIRE(fd >= 0);
  SendAll(fd, "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
              "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  bool closed = false;
  // The go-ahead comes before any body is sent (curl would wait a second for it, then send anyway).
  std::string interim;
  for (int i = 0; i < 50 && interim.find("\r\n\r\n") == std::string::npos && !closed; ++i) {
    interim += ReadUntilClose(fd, 100, &closed);
  }
  CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
  SendAll(fd, body);
  std::string answer;
  for (int i = 0; i < 50 && answer.find("\r\n\r\n{") == std::string::npos; ++i) answer += ReadUntilClose(fd, 100, &closed);
  close(fd);
  CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);

  fd = Connect(port);
  SendAll(fd, "POST /v1/analyze HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n");
  answer = ReadUntilClose(fd, 3000, &closed);
  close(fd);
  CHECK(answer.rfind("HTTP/1.1 413", 0) == 0);
  CHECK(answer.find("100 Continue") == std::string::npos);
  CHECK(f.daemon->Get("/health").status == 200);
}

TEST_CASE("thousands of idle connections neither crash nor block the daemon, and they time out") {
  Fixture f;
  rlimit files;
  getrlimit(RLIMIT_NOFILE, &files);
  files.rlim_cur = files.rlim_max;
  setrlimit(RLIMIT_NOFILE, &files);
  const int wanted = std::min<int>(3000, static_cast<int>(files.rlim_cur) - 100);
  std::vector<int> idle;
  for (int i = 0; i < wanted; ++i) {
    int fd = Connect(f.daemon->port());
    if (fd < 0) break;
    idle.push_back(fd);
  }
  CHECK(idle.size() >= 900);
  CHECK(f.daemon->Get("/health").status == 200);
  CHECK(f.daemon->Post("/v1/analyze", R"({"text":"secret"})").status == 200);
  // The read timeout (1.5 s) closes them all.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  size_t closed_count = 0;
  for (int fd : idle) {
    bool closed = false;
    ReadUntilClose(fd, 200, &closed);
    if (closed) ++closed_count;
    close(fd);
  }
  CHECK(closed_count == idle.size());
  CHECK(f.daemon->Running());
  CHECK(f.daemon->Get("/health").status == 200);
}
