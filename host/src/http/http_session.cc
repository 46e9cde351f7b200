#include "http/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>

#include "gateway/redact_stream_session.h"

namespace sentinel {
namespace beast = boost::beast;
namespace net = boost::asio;

HttpSession::HttpSession(net::ip::tcp::socket&& socket, Router* router, SessionLimits limits,
                         std::shared_ptr<std::atomic<int>> open_connections)
    : stream_(std::move(socket)), router_(router), limits_(limits), open_connections_(std::move(open_connections)) {}

HttpSession::~HttpSession() { --*open_connections_; }

void HttpSession::Run() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
}

void HttpSession::DoRead() {
  parser_.emplace();
  parser_->body_limit(limits_.max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
  stream_.expires_after(limits_.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&HttpSession::OnReadHeader, shared_from_this()));
}

// A client that sent "Expect: 100-continue" (curl does for bodies over 1 KiB) waits for our go-ahead before
// sending the body, or gives up waiting after a second and sends it anyway. Answering at once saves that
// second; a body over the limit was already refused while the header was read, so it is never invited.
void HttpSession::OnReadHeader(beast::error_code ec, std::size_t bytes) {
  if (ec) return OnRead(ec, bytes);
  const auto& header = parser_->get();
  if (Router::IsStreamRequest(header)) return StartStream();
  if (header.version() >= 11 && !parser_->is_done() &&
      beast::iequals(header[http::field::expect], "100-continue")) {
    static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(stream_, net::buffer(kContinue, sizeof(kContinue) - 1),
                     [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                       if (write_ec) return self->DoClose();
                       self->ReadBody();
                     });
    return;
  }
  ReadBody();
}

// POST /v1/redact/stream: the connection passes to a RedactStreamSession, which reads the body as it arrives.
// A request that cannot be streamed (auth, no policy, inactive module, unknown format) is answered here.
void HttpSession::StartStream() {
  auto plan = std::make_unique<StreamPlan>();
  const auto& header = parser_->get();
  Status s = router_->PrepareStream(header, plan.get());
  Metrics* metrics = router_->metrics();
  metrics->RequestStarted();
  if (!s.ok()) {
    metrics->RequestFinished("/v1/redact/stream", "POST", "", s.HttpStatus(), 0);
    return Send(Router::ErrorResponse(s, header.version(), false));
  }
  const bool expect_continue = !parser_->is_done() && beast::iequals(header[http::field::expect], "100-continue");
  auto session = std::make_shared<RedactStreamSession>(
      std::move(stream_), std::move(buffer_), std::move(*parser_), std::move(plan), router_->workers(),
      expect_continue, open_connections_, [metrics](int status, double seconds) {
        metrics->RequestFinished("/v1/redact/stream", "POST", "", status, seconds);
      });
  parser_.reset();
  session->Start();
}

void HttpSession::ReadBody() {
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
      ec == net::error::connection_reset || ec == net::error::eof) {
    return DoClose();
  }
  if (ec) {
    // A request we cannot read to the end is answered once, then the connection is closed.
    Status status = ec == http::error::body_limit
                        ? Status::PayloadTooLarge("request body exceeds the limit of " +
                                                  std::to_string(limits_.max_body_bytes) + " bytes")
                    : ec == http::error::header_limit
                        ? Status(StatusCode::kInvalidArgument, "request headers exceed the limit of " +
                                                                   std::to_string(limits_.max_header_bytes) + " bytes")
                        : Status::InvalidArgument("malformed HTTP request: " + ec.message());
    HttpResponse res = Router::ErrorResponse(status, 11, false);
    if (ec == http::error::header_limit) res.result(http::status::request_header_fields_too_large);
    return Send(std::move(res));
  }
  auto self = shared_from_this();
  router_->Handle(parser_->release(), [self](HttpResponse&& response) {
    auto shared = std::make_shared<HttpResponse>(std::move(response));
    net::post(self->stream_.get_executor(), [self, shared] { self->Send(std::move(*shared)); });
  });
}

void HttpSession::Send(HttpResponse&& response) {
  response_ = std::make_shared<HttpResponse>(std::move(response));
  response_->set(http::field::server, "sentineld");
  bool close = response_->need_eof();
  stream_.expires_after(std::chrono::seconds(30));
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&HttpSession::OnWrite, shared_from_this(), close));
}

void HttpSession::OnWrite(bool close, beast::error_code ec, std::size_t) {
  response_.reset();
  if (ec) return DoClose();
  if (close) return DoLingeringClose();
  DoRead();
}

void HttpSession::DoClose() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

// After answering a request we did not read to the end (413, 400), closing at once would make the kernel
// reset the connection while the client is still sending, and the reset can destroy our answer in the
// client's receive buffer. So: stop sending, discard what still arrives for a bounded time, then close.
void HttpSession::DoLingeringClose() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  lingering_bytes_ = 0;
  stream_.expires_after(std::chrono::seconds(2));
  DrainSome();
}

void HttpSession::DrainSome() {
  stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->lingering_bytes_ += n;
    if (ec || self->lingering_bytes_ > kMaxLingeringBytes) return self->DoClose();
    self->DrainSome();
  });
}

}  // namespace sentinel
