// Shared helpers for host tests: temporary folders, a real sentineld child process on a free port, and a
// small blocking HTTP client.
#ifndef SENTINEL_TESTS_HOST_TEST_SUPPORT_H_
#define SENTINEL_TESTS_HOST_TEST_SUPPORT_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace sentinel_test {
namespace fs = std::filesystem;

// A fresh folder under /tmp (mode 0755 so plugins placed in it pass the host's permission rule).
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/sentinel-test-XXXXXX";
    path_ = mkdtemp(tmpl);
    chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }
  void Write(const std::string& name, const std::string& content) const {
    fs::create_directories(fs::path(Sub(name)).parent_path());
    std::ofstream(Sub(name)) << content;
  }
  std::string MakeDir(const std::string& name) const {
    fs::create_directories(Sub(name));
    chmod(Sub(name).c_str(), 0755);
    return Sub(name);
  }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Polls `condition` until it holds (true) or `timeout_ms` passes (false).
inline bool WaitFor(const std::function<bool()>& condition, int timeout_ms = 30000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

inline int FreePort() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

struct HttpResult {
  int status = 0;  // 0: no answer (connection refused, closed, or timed out)
  std::string body;
  std::map<std::string, std::string> headers;
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

inline HttpResult Http(int port, const std::string& method, const std::string& target, const std::string& body = "",
                       const std::map<std::string, std::string>& headers = {}, int timeout_s = 60) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  HttpResult result;
  try {
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(timeout_s));
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST") {
      if (headers.find("Content-Type") == headers.end()) req.set(http::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    auto& res = parser.get();
    result.status = res.result_int();
    result.body = res.body();
    for (const auto& f : res) result.headers[std::string(f.name_string())] = std::string(f.value());
  } catch (const std::exception&) {
    result.status = 0;
  }
  return result;
}

// A sentineld child process. Its stderr (the log) goes to a file the tests can read.
class Daemon {
 public:
  Daemon(const std::string& config, int port, const std::vector<std::string>& extra = {}) : port_(port) {
    log_path_ = config + ".log";
    pid_ = fork();
    if (pid_ == 0) {
      int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, STDERR_FILENO);
      dup2(fd, STDOUT_FILENO);
      std::string listen = "127.0.0.1:" + std::to_string(port);
      std::vector<const char*> argv = {SENTINELD_PATH, "--config", config.c_str(), "--listen", listen.c_str()};
      for (const auto& e : extra) argv.push_back(e.c_str());
      argv.push_back(nullptr);
      execv(SENTINELD_PATH, const_cast<char* const*>(argv.data()));
      _exit(127);
    }
  }
  ~Daemon() { Stop(); }

  // Waits until /health answers (true) or the process exits / time runs out (false).
  bool WaitHealthy(int timeout_ms = 60000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!Running()) return false;
      if (Http(port_, "GET", "/health", "", {}, 2).status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // Waits until /ready answers 200 or the timeout passes.
  bool WaitReady(int timeout_ms = 60000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (Http(port_, "GET", "/ready", "", {}, 2).status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // Waits until /v1/modules lists `count` modules and none is still activating.
  bool WaitSettled(size_t count, int timeout_ms = 120000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      nlohmann::json j = Http(port_, "GET", "/v1/modules", "", {}, 5).Json();
      if (j.is_object() && j["modules"].size() == count) {
        bool busy = false;
        for (const auto& m : j["modules"]) busy = busy || m["state"] == "activating";
        if (!busy) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  bool Running() {
    if (pid_ <= 0 || exited_) return false;
    int status;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      exit_status_ = status;
      return false;
    }
    return true;
  }
  // Waits for the process to exit by itself; returns its exit code or -1.
  int WaitExit(int timeout_ms = 60000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!Running()) return WIFEXITED(exit_status_) ? WEXITSTATUS(exit_status_) : -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -2;
  }
  void Signal(int sig) {
    if (Running()) kill(pid_, sig);
  }
  void Stop() {
    if (Running()) {
      kill(pid_, SIGTERM);
      if (WaitExit(10000) == -2) {
        kill(pid_, SIGKILL);
        WaitExit(5000);
      }
    }
  }
  HttpResult Get(const std::string& target) { return Http(port_, "GET", target); }
  HttpResult Post(const std::string& target, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {}) {
    return Http(port_, "POST", target, body, headers);
  }
  std::string Log() const { return ReadFile(log_path_); }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  int port_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_status_ = 0;
  std::string log_path_;
};

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line (stdout is a pipe, not a terminal) and collects its output.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r{-1, ""};
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// True when `text` is well-formed UTF-8 (nlohmann refuses to serialize anything else).
inline bool IsUtf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

// Copies a built test plugin into `dir` (mode 0755).
inline std::string InstallPlugin(const std::string& dir, const std::string& file) {
  std::string dst = dir + "/" + file;
  fs::copy_file(std::string(TEST_PLUGIN_DIR) + "/" + file, dst, fs::copy_options::overwrite_existing);
  chmod(dst.c_str(), 0755);
  return dst;
}

// Writes a host config with plugins_dir=plugins and modules_dir=modules.d under `root`.
inline std::string WriteHostConfig(const TempDir& root, const std::string& extra = "") {
  root.MakeDir("plugins");
  root.MakeDir("modules.d");
  root.Write("sentinel.yaml", "listen: 127.0.0.1:1\nplugins_dir: plugins\nmodules_dir: modules.d\nworker_threads: 4\n" + extra);
  return root.Sub("sentinel.yaml");
}

inline void WriteModule(const TempDir& root, const std::string& name, const std::string& library,
                        const std::string& extra = "") {
  root.Write("modules.d/" + name + ".yaml", "name: " + name + "\nlibrary: " + library + "\nenabled: true\n" + extra);
}

}  // namespace sentinel_test

#endif  // SENTINEL_TESTS_HOST_TEST_SUPPORT_H_
