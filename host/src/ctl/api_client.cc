#include "ctl/api_client.h"

#include <chrono>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sentinel {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

Status CallApi(const ServerUrl& url, const std::string& token, http::verb method, const std::string& path,
               const std::string& body, ApiReply* reply) {
  http::response<http::string_body> res;
  try {
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(120));
    stream.connect(resolver.resolve(url.host, url.port));
    http::request<http::string_body> req{method, url.Target(path), 11};
    req.set(http::field::host, url.HostHeader());
    req.set(http::field::user_agent, "sentinelctl");
    req.set(http::field::accept, "application/json");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty() || method == http::verb::post) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::read(stream, buffer, res);
    beast::error_code ec;
    // The answer is complete; a failed shutdown changes nothing about it.
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  } catch (const std::exception& e) {
    return Status::Unavailable("cannot reach sentineld at " + url.ToString() + ": " + e.what());
  }
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(res.body(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    std::string type(res[http::field::content_type]);
    std::string answer = "answered " + url.Target(path) + " with HTTP " + std::to_string(res.result_int()) + " " +
                         std::string(res.reason()) + " and " + (type.empty() ? std::string("no content type") : type) +
                         ", not a JSON object";
    // sentineld names itself; a plugin's health body is the one answer it passes on unchecked.
    if (res[http::field::server] == "sentineld") return Status::FailedPrecondition("sentineld " + answer);
    return Status::FailedPrecondition("the server at " + url.ToString() + " is not sentineld: it " + answer +
                                      " (check --url or SENTINEL_URL)");
  }
  reply->http_status = res.result_int();
  reply->body = std::move(parsed);
  return Status::OK();
}

}  // namespace sentinel
