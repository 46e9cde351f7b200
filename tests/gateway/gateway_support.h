// Helpers shared by the gateway end-to-end tests: a host config with the real plugins, their shipped module
// YAML and the shipped guardrails policy (the `guardrails:` section of config/sentinel.yaml), plus percentiles.
#ifndef SENTINEL_TESTS_GATEWAY_GATEWAY_SUPPORT_H_
#define SENTINEL_TESTS_GATEWAY_GATEWAY_SUPPORT_H_

#include <algorithm>
#include <string>
#include <vector>

#include "../host/test_support.h"

namespace gateway_test {
using namespace sentinel_test;

inline std::string PluginsDir() { return std::string(BUILD_DIR) + "/lib/sentinel/plugins"; }

inline bool Built(const std::string& module) {
  return fs::exists(PluginsDir() + "/libsentinel_" + module + ".so");
}

// The shipped module file, with presidio's NER switched off when this build left it out.
inline std::string ShippedModule(const std::string& name) {
  std::string yaml = ReadFile(std::string(SOURCE_DIR) + "/config/modules.d/" + name + ".yaml");
#if !PRESIDIO_NER_ON
  size_t ner = yaml.find("  ner:\n    enabled: true");
  if (ner != std::string::npos) yaml.replace(ner, 24, "  ner:\n    enabled: false");
#endif
  return yaml;
}

// The shipped `guardrails:` section (to the end of config/sentinel.yaml).
inline std::string ShippedGuardrails() {
  std::string host = ReadFile(std::string(SOURCE_DIR) + "/config/sentinel.yaml");
  size_t at = host.find("\nguardrails:");
  return at == std::string::npos ? std::string() : host.substr(at + 1);
}

// A host config under `root` with the real plugin folder, the test plugins, and `guardrails` appended.
inline std::string WriteRealConfig(const TempDir& root, const std::vector<std::string>& modules,
                                   const std::string& guardrails, const std::string& extra = "") {
  root.MakeDir("modules.d");
  for (const auto& m : modules) root.Write("modules.d/" + m + ".yaml", ShippedModule(m));
  root.Write("sentinel.yaml", "plugins_dir: [" + PluginsDir() + ", " + TEST_PLUGIN_DIR + "]\nmodels_dir: " +
                                  BUILD_DIR + "/share/sentinel/models\nmodules_dir: modules.d\nworker_threads: 8\n" +
                                  extra + guardrails);
  return root.Sub("sentinel.yaml");
}

inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

inline double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// One persistent HTTP/1.1 connection (latency figures at one connection, without connect time).
class KeepAliveClient {
 public:
  explicit KeepAliveClient(int port) : stream_(ioc_) {
    stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }
  HttpResult Post(const std::string& target, const std::string& body) {
    namespace http = boost::beast::http;
    HttpResult result;
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    req.keep_alive(true);
    req.body() = body;
    req.prepare_payload();
    stream_.expires_after(std::chrono::seconds(60));
    http::write(stream_, req);
    http::response<http::string_body> res;
    http::read(stream_, buffer_, res);
    result.status = res.result_int();
    result.body = res.body();
    return result;
  }

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

// A client of POST /v1/redact/stream over a raw socket: sends the body as HTTP chunks one at a time and
// decodes the chunked answer as it arrives (full duplex, the way a gateway pipes a model's stream through).
class StreamClient {
 public:
  StreamClient(int port, const std::string& target, const std::string& content_type) : socket_(ioc_) {
    socket_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    Write("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + content_type +
          "\r\nTransfer-Encoding: chunked\r\n\r\n");
  }
  void Send(const std::string& data) {
    char size[32];
    std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
    Write(size + data + "\r\n");
  }
  void End() { Write("0\r\n\r\n"); }
  // Reads until the decoded body holds a complete line (NDJSON) and returns it without the newline; "" at the end.
  std::string ReadLine() {
    bool more = true;
    while (true) {
      size_t nl = body_.find('\n', line_pos_);
      if (nl != std::string::npos) {
        std::string line = body_.substr(line_pos_, nl - line_pos_);
        line_pos_ = nl + 1;
        return line;
      }
      if (!more) return "";
      more = Pump();  // the last read may still have brought a line
    }
  }
  // Reads to the end of the answer; returns the whole decoded body.
  const std::string& ReadAll() {
    while (Pump()) {
    }
    return body_;
  }
  int status() const { return status_; }
  bool complete() const { return complete_; }  // the terminating chunk arrived
  const std::string& header() const { return header_; }

 private:
  void Write(const std::string& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }
  // Reads once and decodes what can be decoded; false at the end of the answer or the connection.
  bool Pump() {
    if (complete_) return false;
    char buf[65536];
    boost::system::error_code ec;
    size_t n = socket_.read_some(boost::asio::buffer(buf), ec);
    if (ec || n == 0) return false;
    raw_.append(buf, n);
    if (status_ == 0) {
      size_t end = raw_.find("\r\n\r\n");
      if (end == std::string::npos) return true;
      header_ = raw_.substr(0, end);
      if (header_.rfind("HTTP/1.1 100", 0) == 0) {
        raw_.erase(0, end + 4);
        return true;
      }
      status_ = std::atoi(header_.c_str() + 9);
      raw_.erase(0, end + 4);
      if (header_.find("Transfer-Encoding: chunked") == std::string::npos) {
        body_ = raw_;  // an error answer with Content-Length
        return true;
      }
      chunked_ = true;
    }
    if (!chunked_) {
      body_ = raw_;
      return true;
    }
    while (true) {
      size_t crlf = raw_.find("\r\n");
      if (crlf == std::string::npos) break;
      size_t size = std::strtoul(raw_.c_str(), nullptr, 16);
      if (raw_.size() < crlf + 2 + size + 2) break;
      if (size == 0) {
        complete_ = true;
        return false;
      }
      body_.append(raw_, crlf + 2, size);
      raw_.erase(0, crlf + 2 + size + 2);
    }
    return true;
  }

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  std::string raw_, header_, body_;
  size_t line_pos_ = 0;
  int status_ = 0;
  bool chunked_ = false;
  bool complete_ = false;
};

}  // namespace gateway_test

#endif  // SENTINEL_TESTS_GATEWAY_GATEWAY_SUPPORT_H_
