// HttpSession: one client connection (Boost.Beast advanced_server style). Every read has a deadline (a client
// that trickles bytes is cut off when it expires: slowloris), a header limit and a body limit (413). Requests
// on one connection are answered in order, one at a time.
#ifndef SENTINEL_HOST_HTTP_HTTP_SESSION_H_
#define SENTINEL_HOST_HTTP_HTTP_SESSION_H_

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/router.h"

namespace sentinel {

struct SessionLimits {
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{10000};
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, Router* router, SessionLimits limits,
              std::shared_ptr<std::atomic<int>> open_connections);
  ~HttpSession();
  void Run();

 private:
  void DoRead();
  void OnReadHeader(boost::beast::error_code ec, std::size_t bytes);
  void ReadBody();
  void StartStream();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  void Send(HttpResponse&& response);
  void OnWrite(bool close, boost::beast::error_code ec, std::size_t bytes);
  void DoClose();
  void DoLingeringClose();
  void DrainSome();

  static constexpr std::size_t kMaxLingeringBytes = 64u << 20;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpResponse> response_;
  std::array<char, 65536> drain_buffer_;
  std::size_t lingering_bytes_ = 0;
  Router* router_;
  SessionLimits limits_;
  std::shared_ptr<std::atomic<int>> open_connections_;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_HTTP_SESSION_H_
