#include "ctl/keepalive_client.h"

#include <chrono>
#include <cstdlib>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sentinel {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

struct KeepAliveClient::Connection {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
};

KeepAliveClient::KeepAliveClient(ServerUrl url, std::string token, int timeout_s)
    : url_(std::move(url)), token_(std::move(token)), timeout_s_(timeout_s) {}

KeepAliveClient::~KeepAliveClient() = default;

Status KeepAliveClient::Post(const std::string& path, const std::string& body, HttpReply* reply) {
  // A request on a reused connection may meet a connection the server closed meanwhile (idle timeout); one
  // retry on a fresh connection tells that apart from a daemon that is down. Analysis requests are idempotent.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = connection_ != nullptr;
    try {
      if (!connection_) {
        auto c = std::make_unique<Connection>();
        net::ip::tcp::resolver resolver(c->ioc);
        c->stream.expires_after(std::chrono::seconds(10));
        c->stream.connect(resolver.resolve(url_.host, url_.port));
        c->stream.socket().set_option(net::ip::tcp::no_delay(true));
        connection_ = std::move(c);
      }
      http::request<http::string_body> req{http::verb::post, url_.Target(path), 11};
      req.set(http::field::host, url_.HostHeader());
      req.set(http::field::user_agent, "sentinelctl-redact");
      req.set(http::field::content_type, "application/json");
      req.keep_alive(true);
      if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
      req.body() = body;
      req.prepare_payload();
      connection_->stream.expires_after(std::chrono::seconds(timeout_s_));
      http::write(connection_->stream, req);
      http::response_parser<http::string_body> parser;
      parser.body_limit(256u << 20);
      http::read(connection_->stream, connection_->buffer, parser);
      auto& res = parser.get();
      reply->status = res.result_int();
      reply->body = std::move(res.body());
      reply->retry_after_s = 0;
      if (auto it = res.find(http::field::retry_after); it != res.end()) {
        reply->retry_after_s = std::atoi(std::string(it->value()).c_str());
      }
      if (!res.keep_alive()) connection_.reset();
      return Status::OK();
    } catch (const std::exception& e) {
      connection_.reset();
      if (reused && attempt == 0) continue;
      return Status::Unavailable("cannot reach sentineld at " + url_.ToString() + ": " + e.what());
    }
  }
  return Status::Unavailable("cannot reach sentineld at " + url_.ToString());
}

}  // namespace sentinel
