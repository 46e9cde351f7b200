#include "http/listener.h"

#include <boost/asio/strand.hpp>

#include "common/log.h"

namespace sentinel {
namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(net::io_context& ioc, Router* router, SessionLimits limits, int max_connections)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), router_(router), limits_(limits), max_connections_(max_connections) {}

Status Listener::Open(const std::string& host, uint16_t port) {
  beast::error_code ec;
  auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) return Status::InvalidArgument("listen address '" + host + "' is not an IP address");
  tcp::endpoint endpoint(address, port);
  const std::string where = host + ":" + std::to_string(port);
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return Status::Internal("cannot open a socket for " + where + ": " + ec.message());
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  acceptor_.bind(endpoint, ec);
  if (ec) return Status::Internal("cannot listen on " + where + ": " + ec.message());
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Status::Internal("cannot listen on " + where + ": " + ec.message());
  return Status::OK();
}

uint16_t Listener::port() const {
  beast::error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void Listener::Run() { DoAccept(); }

void Listener::Stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
}

void Listener::DoAccept() {
  acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
}

void Listener::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;
  if (ec) {
    // e.g. EMFILE: back off briefly instead of spinning.
    Log(LogLevel::kWarn, "accept_failed", {{"error", ec.message()}});
    auto timer = std::make_shared<net::steady_timer>(acceptor_.get_executor(), std::chrono::milliseconds(50));
    timer->async_wait([self = shared_from_this(), timer](beast::error_code) { self->DoAccept(); });
    return;
  }
  if (open_connections_->load() >= max_connections_) {
    beast::error_code ignored;
    socket.close(ignored);
  } else {
    ++*open_connections_;
    std::make_shared<HttpSession>(std::move(socket), router_, limits_, open_connections_)->Run();
  }
  DoAccept();
}

}  // namespace sentinel
