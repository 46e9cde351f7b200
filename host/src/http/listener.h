// Listener: accepts TCP connections and starts an HttpSession for each, refusing connections beyond the
// configured maximum so that a flood of idle sockets cannot exhaust file descriptors.
#ifndef SENTINEL_HOST_HTTP_LISTENER_H_
#define SENTINEL_HOST_HTTP_LISTENER_H_

#include <atomic>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/status.h"
#include "http/http_session.h"

namespace sentinel {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& ioc, Router* router, SessionLimits limits, int max_connections);
  // Binds and listens; fails with a message naming the address.
  Status Open(const std::string& host, uint16_t port);
  void Run();
  void Stop();
  uint16_t port() const;
  std::shared_ptr<std::atomic<int>> open_connections() const { return open_connections_; }

 private:
  void DoAccept();
  void OnAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  Router* router_;
  SessionLimits limits_;
  int max_connections_;
  std::shared_ptr<std::atomic<int>> open_connections_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_LISTENER_H_
