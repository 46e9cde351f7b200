// sentinelctl as a CLI: help text and exit codes, --url parsing (scheme, host, port, path prefix; https
// refused), a server that is not sentineld, and `modules` as a table on a terminal versus JSON for scripts
// (--json, or stdout not a terminal). A small fake HTTP server records what sentinelctl asked for.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sys/ioctl.h>

#include <cerrno>
#include <mutex>
#include <sstream>

#include "ctl/module_table.h"
#include "ctl/server_url.h"
#include "test_support.h"

using namespace sentinel_test;

namespace {

// An HTTP server on a free port that answers every request with one canned response and records the
// request target and Host header of each.
class FakeServer {
 public:
  FakeServer(int status, std::string content_type, std::string body, std::string server = "")
      : status_(status),
        content_type_(std::move(content_type)),
        body_(std::move(body)),
        server_(std::move(server)),
        acceptor_(ioc_) {
    namespace ip = boost::asio::ip;
    ip::tcp::endpoint endpoint(ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    Accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~FakeServer() {
    ioc_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::pair<std::string, std::string>> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
      if (ec) return;
      Serve(socket);  // one short exchange, on the server's own thread
      Accept();
    });
  }
  void Serve(boost::asio::ip::tcp::socket& socket) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> req;
    boost::beast::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.emplace_back(std::string(req.target()), std::string(req[http::field::host]));
    }
    http::response<http::string_body> res{static_cast<http::status>(status_), 11};
    res.set(http::field::content_type, content_type_);
    if (!server_.empty()) res.set(http::field::server, server_);
    res.body() = body_;
    res.prepare_payload();
    http::write(socket, res, ec);
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  }

  int status_;
  std::string content_type_, body_, server_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::pair<std::string, std::string>> requests_;
};

// Runs `command` with stdin, stdout and stderr on a new pseudo-terminal `columns` wide, as a person would.
CommandResult RunOnTerminal(const std::string& command, int columns) {
  CommandResult r{-1, ""};
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return r;
  std::string slave_name = ptsname(master);
  winsize ws{};
  ws.ws_col = static_cast<unsigned short>(columns);
  ws.ws_row = 50;
  ioctl(master, TIOCSWINSZ, &ws);
  pid_t pid = fork();
  if (pid == 0) {
    setsid();
    int slave = ::open(slave_name.c_str(), O_RDWR);
    dup2(slave, STDIN_FILENO);
    dup2(slave, STDOUT_FILENO);
    dup2(slave, STDERR_FILENO);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  char buf[4096];
  for (;;) {
    ssize_t n = read(master, buf, sizeof(buf));
    if (n > 0) {
      r.output.append(buf, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO: the terminal's last writer is gone
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string clean;  // the terminal turns "\n" into "\r\n"
  for (char c : r.output) {
    if (c != '\r') clean += c;
  }
  r.output = clean;
  return r;
}

std::string Ctl(const std::string& args) { return std::string(SENTINELCTL_PATH) + " " + args; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t Columns(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

TEST_CASE("help: --help, -h and help print the usage and exit 0; usage errors exit 2") {
  for (const char* help : {"--help", "-h", "help", "--url http://127.0.0.1:1 --help", "modules --help"}) {
    CAPTURE(help);
    CommandResult r = RunCommand(Ctl(help));
    CHECK(r.exit_code == 0);
    CHECK(r.output.rfind("usage: sentinelctl", 0) == 0);
    CHECK(r.output.find("modules") != std::string::npos);
    CHECK(r.output.find("--json") != std::string::npos);
    CHECK(r.output.find("unknown") == std::string::npos);
  }
  CommandResult none = RunCommand(Ctl(""));
  CHECK(none.exit_code == 2);
  CHECK(none.output.rfind("usage: sentinelctl", 0) == 0);
  CommandResult unknown = RunCommand(Ctl("frobnicate"));
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(unknown.output.find("sentinelctl --help") != std::string::npos);
  CommandResult option = RunCommand(Ctl("--bogus modules"));
  CHECK(option.exit_code == 2);
  CHECK(option.output.find("unknown option '--bogus'") != std::string::npos);
  CommandResult missing = RunCommand(Ctl("--url"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("--url needs a value") != std::string::npos);
  CHECK(RunCommand(Ctl("activate")).output.find("activate needs one module name") != std::string::npos);
  CHECK(RunCommand(Ctl("modules extra")).exit_code == 2);
  CHECK(RunCommand(Ctl("health a b")).output.find("health takes at most one module name") != std::string::npos);
  CHECK(RunCommand(Ctl("module '../x y'")).output.find("is not a module name") != std::string::npos);
  // An unknown command is named as such even when the URL is also wrong.
  CHECK(RunCommand(Ctl("--url https://x frobnicate")).output.find("unknown command 'frobnicate'") != std::string::npos);
}

TEST_CASE("--url: https and other schemes are refused clearly, never read as a host name") {
  for (const char* url : {"https://sentinel.example:8443", "HTTPS://sentinel.example/sentinel"}) {
    CAPTURE(url);
    CommandResult r = RunCommand(Ctl(std::string("--url ") + url + " modules"));
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("https is not supported") != std::string::npos);
    CHECK(r.output.find("cannot reach") == std::string::npos);
  }
  CommandResult env = RunCommand("SENTINEL_URL=https://sentinel.example " + Ctl("ready"));
  CHECK(env.exit_code == 2);
  CHECK(env.output.find("https is not supported") != std::string::npos);
  CHECK(RunCommand(Ctl("--url ftp://h:1 modules")).output.find("scheme 'ftp' is not supported") != std::string::npos);
  CHECK(RunCommand(Ctl("--url http://h:99999 modules")).output.find("port '99999' must be a number from 1 to 65535") !=
        std::string::npos);
  CHECK(RunCommand(Ctl("--url http://h: modules")).exit_code == 2);
  CHECK(RunCommand(Ctl("--url http://u:p@h:1 modules")).output.find("credentials in the URL") != std::string::npos);
  CHECK(RunCommand(Ctl("--url 'http://h:1/x?y=1' modules")).output.find("query or fragment") != std::string::npos);
  // Offline commands do not need a usable URL.
  CHECK(RunCommand(Ctl("--url https://x inspect " + std::string(TEST_PLUGIN_DIR) + "/libsentinel_keywords.so")).exit_code == 0);
}

TEST_CASE("--url: host, port and path prefix reach the server as Host header and request target") {
  FakeServer server(200, "application/json", R"({"modules":[],"status":"ok"})");
  const std::string hostport = "127.0.0.1:" + std::to_string(server.port());
  CHECK(RunCommand(Ctl("--url http://" + hostport + "/sentinel/ modules")).exit_code == 0);
  CHECK(RunCommand(Ctl("--url " + hostport + "/a/b health keywords")).exit_code == 0);
  CHECK(RunCommand("SENTINEL_URL=http://" + hostport + "/env " + Ctl("ready")).exit_code == 0);
  CHECK(RunCommand(Ctl("--url http://" + hostport + " reload")).exit_code == 0);
  auto requests = server.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].first == "/sentinel/v1/modules");
  CHECK(requests[1].first == "/a/b/v1/modules/keywords/health");
  CHECK(requests[2].first == "/env/ready");
  CHECK(requests[3].first == "/v1/reload");
  for (const auto& [target, host] : requests) CHECK(host == hostport);

  sentinel::ServerUrl url;
  REQUIRE(sentinel::ParseServerUrl("http://[::1]:9000/p", &url).ok());
  CHECK(url.host == "::1");
  CHECK(url.HostHeader() == "[::1]:9000");
  CHECK(url.Target("/ready") == "/p/ready");
  REQUIRE(sentinel::ParseServerUrl("sentinel.internal", &url).ok());
  CHECK(url.host == "sentinel.internal");
  CHECK(url.port == "80");
  CHECK(url.HostHeader() == "sentinel.internal");
  CHECK(url.ToString() == "http://sentinel.internal:80");
  CHECK(!sentinel::ParseServerUrl("http://", &url).ok());
  CHECK(!sentinel::ParseServerUrl("http://[::1", &url).ok());
  CHECK(!sentinel::ParseServerUrl("http://a b:1", &url).ok());
  CHECK(url.host == "sentinel.internal");  // unchanged by a failed parse
}

TEST_CASE("a server that is not sentineld gets a clear error, not its HTML") {
  const std::string page = "<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body></body></html>\n";
  {
    FakeServer web(200, "text/html", page);
    CommandResult r = RunCommand(Ctl("--url http://127.0.0.1:" + std::to_string(web.port()) + " modules"));
    CHECK(r.exit_code == 3);
    CHECK(r.output.find("is not sentineld") != std::string::npos);
    CHECK(r.output.find("HTTP 200 OK and text/html") != std::string::npos);
    CHECK(r.output.find("<html") == std::string::npos);
    CHECK(r.output.find("nginx") == std::string::npos);
  }
  {
    FakeServer proxy(502, "text/html", "<html><body>502 Bad Gateway</body></html>");
    CommandResult r = RunCommand(Ctl("--url http://127.0.0.1:" + std::to_string(proxy.port()) + "/sentinel health"));
    CHECK(r.exit_code == 3);
    CHECK(r.output.find("answered /sentinel/health with HTTP 502") != std::string::npos);
    CHECK(r.output.find("<html") == std::string::npos);
  }
  {
    // sentineld itself passes a plugin's health body on unchecked: the message must not call it another server.
    FakeServer sentineld(200, "application/json", "not json", "sentineld");
    CommandResult r = RunCommand(Ctl("--url http://127.0.0.1:" + std::to_string(sentineld.port()) + " health m"));
    CHECK(r.exit_code == 3);
    CHECK(r.output.find("sentineld answered /v1/modules/m/health with HTTP 200 OK") != std::string::npos);
    CHECK(r.output.find("is not sentineld") == std::string::npos);
  }
  {
    FakeServer other(200, "application/json", "[1, 2, 3]");
    CHECK(RunCommand(Ctl("--url http://127.0.0.1:" + std::to_string(other.port()) + " ready")).exit_code == 3);
  }
  int closed = FreePort();
  CommandResult unreachable = RunCommand(Ctl("--url http://127.0.0.1:" + std::to_string(closed) + " ready"));
  CHECK(unreachable.exit_code == 3);
  CHECK(unreachable.output.find("cannot reach sentineld at http://127.0.0.1:" + std::to_string(closed)) !=
        std::string::npos);
}

TEST_CASE("modules: a table on a terminal, JSON with --json or in a pipe") {
  TempDir root;
  std::string config = WriteHostConfig(root);
  InstallPlugin(root.Sub("plugins"), "libsentinel_keywords.so");
  InstallPlugin(root.Sub("plugins"), "libsentinel_test_activate_fails.so");
  WriteModule(root, "keywords", "libsentinel_keywords.so");
  WriteModule(root, "test_activate_fails", "libsentinel_test_activate_fails.so");
  Daemon daemon(config, FreePort());
  REQUIRE(daemon.WaitHealthy());
  REQUIRE(daemon.WaitSettled(2));
  const std::string url = "--url http://127.0.0.1:" + std::to_string(daemon.port());

  CommandResult table = RunOnTerminal(Ctl(url + " modules"), 100);
  CAPTURE(table.output);
  CHECK(table.exit_code == 0);
  CHECK(nlohmann::json::parse(table.output, nullptr, false).is_discarded());
  std::vector<std::string> lines = Lines(table.output);
  REQUIRE(lines.size() == 4);  // header, keywords, the failed module over two lines
  CHECK(lines[0].rfind("NAME", 0) == 0);
  for (const char* column : {"STATE", "PLUGIN", "REASON"}) CHECK(lines[0].find(column) != std::string::npos);
  CHECK(lines[1].rfind("keywords ", 0) == 0);
  CHECK(lines[1].find(" active ") != std::string::npos);
  CHECK(lines[1].find("keywords 1.2.0") != std::string::npos);
  CHECK(lines[2].rfind("test_activate_fails ", 0) == 0);
  CHECK(lines[2].find(" failed ") != std::string::npos);
  CHECK(lines[2].find("activate: model file /nonexistent/model.pt") != std::string::npos);
  CHECK(lines[2].find("test_activate_fails: model") == std::string::npos);  // the name is not repeated
  // The reason wraps under its own column, within the terminal's width.
  CHECK(lines[3].find_first_not_of(' ') == lines[0].find("REASON"));
  CHECK(lines[3].find("is missing") != std::string::npos);
  for (const auto& line : lines) CHECK(Columns(line) <= 100);

  for (const std::string& args : {url + " --json modules", url + " modules --json"}) {
    CAPTURE(args);
    CommandResult json = RunOnTerminal(Ctl(args), 100);
    CHECK(json.exit_code == 0);
    auto j = nlohmann::json::parse(json.output, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["modules"].size() == 2);
  }
  CommandResult piped = RunCommand(Ctl(url + " modules"));
  CHECK(piped.exit_code == 0);
  auto j = nlohmann::json::parse(piped.output, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["modules"][0]["name"] == "keywords");
  CHECK(piped.output.find("\"state\": \"active\"") != std::string::npos);
}

TEST_CASE("module table: states, plugins and reasons; long words and replaced bytes stay within the width") {
  nlohmann::ordered_json reply = nlohmann::ordered_json::parse(R"({"modules": [
    {"name": "a", "enabled": true, "state": "active", "plugin": {"name": "p", "version": "1.0"}, "error": null},
    {"name": "b", "enabled": false, "state": "inactive", "plugin": null, "error": null},
    {"name": "c", "enabled": true, "state": "failed", "plugin": {"name": "bad\uFFFDname", "version": "0.1"},
     "error": {"stage": "inspect", "message": "c: /very/long/path/that/does/not/fit/on/one/line/at/all/libsentinel.so is missing"}}
  ]})");
  std::string table = sentinel::FormatModuleTable(reply, 72);
  CAPTURE(table);
  std::vector<std::string> lines = Lines(table);
  REQUIRE(lines.size() >= 5);
  CHECK(lines[1] == "a     active               p 1.0");
  CHECK(lines[2] == "b     inactive (disabled)  -");
  CHECK(lines[3].find("bad\xEF\xBF\xBDname 0.1  inspect:") != std::string::npos);
  for (const auto& line : lines) CHECK(Columns(line) <= 72);
  CHECK(table.find("is missing") != std::string::npos);
  CHECK(sentinel::FormatModuleTable(nlohmann::ordered_json::parse(R"({"modules": []})"), 80) ==
        "NAME  STATE  PLUGIN  REASON\n(no modules configured)\n");
}
