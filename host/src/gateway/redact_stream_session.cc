#include "gateway/redact_stream_session.h"

#include <array>
#include <cstdio>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace sentinel {
namespace beast = boost::beast;
namespace net = boost::asio;
namespace http = beast::http;

RedactStreamSession::RedactStreamSession(beast::tcp_stream&& stream, beast::flat_buffer&& buffer, HeaderParser&& parser,
                                         std::unique_ptr<StreamPlan> plan, net::thread_pool* workers,
                                         bool expect_continue, std::shared_ptr<std::atomic<int>> open_connections,
                                         std::function<void(int, double)> on_done)
    : stream_(std::move(stream)),
      buffer_(std::move(buffer)),
      parser_(std::move(parser)),
      plan_(std::move(plan)),
      transformer_(plan_.get()),
      workers_(workers),
      expect_continue_(expect_continue),
      open_connections_(std::move(open_connections)),
      on_done_(std::move(on_done)),
      start_(std::chrono::steady_clock::now()) {
  ++*open_connections_;
  transformer_.SetBackgroundAnalysis(true);
}

RedactStreamSession::~RedactStreamSession() {
  --*open_connections_;
  if (on_done_) on_done_(200, std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
}

void RedactStreamSession::Start() {
  parser_.body_limit(plan_->config.max_stream_bytes);
  auto header = std::make_shared<std::string>();
  if (expect_continue_) *header = "HTTP/1.1 100 Continue\r\n\r\n";
  *header += "HTTP/1.1 200 OK\r\nServer: sentineld\r\nContent-Type: ";
  *header += ContentTypeOf(plan_->format);
  *header += "\r\nCache-Control: no-store\r\nX-Accel-Buffering: no\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  stream_.expires_after(std::chrono::seconds(30));
  net::async_write(stream_, net::buffer(*header),
                   [self = shared_from_this(), header](beast::error_code ec, std::size_t) {
                     if (ec) return self->Close();
                     self->ReadSome();
                   });
}

void RedactStreamSession::ReadSome() {
  if (parser_.is_done()) {
    input_done_ = true;
    return MaybeEnd();
  }
  stream_.expires_after(std::chrono::milliseconds(plan_->config.idle_timeout_ms));
  http::async_read_some(stream_, buffer_, parser_,
                        beast::bind_front_handler(&RedactStreamSession::OnRead, shared_from_this()));
}

void RedactStreamSession::OnRead(beast::error_code ec, std::size_t) {
  if (ec == http::error::body_limit) {
    Status s = Status::PayloadTooLarge("the stream is longer than max_stream_bytes (" +
                                       std::to_string(plan_->config.max_stream_bytes) + ")");
    return WriteChunk(transformer_.ErrorRecord(s), true, true);
  }
  if (ec == beast::error::timeout) {
    Status s = Status::InvalidArgument("no data for " + std::to_string(plan_->config.idle_timeout_ms) +
                                       " ms (guardrails.streaming.idle_timeout_ms)");
    return WriteChunk(transformer_.ErrorRecord(s), true, true);
  }
  if (ec) return Close();  // the client went away or sent broken HTTP: nobody to answer
  std::string input(parser_.get().body().begin(), parser_.get().body().end());
  parser_.get().body().clear();
  input_done_ = parser_.is_done();
  if (input.empty()) return input_done_ ? MaybeEnd() : ReadSome();
  Transform(std::move(input));
}

// Frames one piece here, on the connection's executor: framing parses a few bytes and appends them to the
// redactors (analyses run on the worker pool, and a redactor's lock is never held across a module call), so
// it takes microseconds. Posting it to the worker pool made each chunk wait behind running analyses (p99 2.5
// ms for 4-byte chunks). What it releases is written, then the next piece is read.
void RedactStreamSession::Transform(std::string input) {
  busy_ = true;
  std::string out;
  Status s = transformer_.Push(input, &out);
  if (!s.ok()) {
    out += transformer_.ErrorRecord(s);
    return WriteChunk(std::move(out), true, true);
  }
  StartAnalyses();
  WriteChunk(std::move(out), false, false);
}

// Runs the analyses that enough new text asks for, beside the read/write loop.
void RedactStreamSession::StartAnalyses() {
  for (StreamRedactor* redactor : transformer_.BeginAnalyses()) {
    ++analyses_;
    net::post(*workers_, [self = shared_from_this(), redactor] {
      redactor->Analyze();
      net::post(self->stream_.get_executor(), [self] {
        --self->analyses_;
        // More text may have arrived meanwhile; the transformer is free only between transforms.
        if (!self->busy_ && !self->input_done_) self->StartAnalyses();
        self->MaybeEnd();
      });
    });
  }
}

// Once the body was read, nothing is being written and no analysis runs: the rest is released and the answer ends.
void RedactStreamSession::MaybeEnd() {
  if (!input_done_ || busy_ || analyses_ > 0 || ended_) return;
  ended_ = true;
  busy_ = true;
  net::post(*workers_, [self = shared_from_this()] {
    std::string out;
    Status s = self->transformer_.End(&out);
    if (!s.ok()) out += self->transformer_.ErrorRecord(s);
    auto shared = std::make_shared<std::string>(std::move(out));
    const bool failed = !s.ok();
    net::post(self->stream_.get_executor(),
              [self, shared, failed] { self->WriteChunk(std::move(*shared), true, failed); });
  });
}

void RedactStreamSession::WriteChunk(std::string data, bool last, bool failed) {
  out_ = std::make_shared<std::string>();
  if (!data.empty()) {
    char size[32];
    std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
    *out_ = size;
    *out_ += data;
    *out_ += "\r\n";
  }
  // A failed text/plain stream has no way to say so inline: its body is left unterminated.
  const bool abort = failed && plan_->format == StreamFormat::kText;
  if (last && !abort) *out_ += "0\r\n\r\n";
  busy_ = true;
  auto next = [self = shared_from_this(), last] {
    self->busy_ = false;
    if (last) return self->Close();
    if (self->input_done_) return self->MaybeEnd();
    self->ReadSome();
  };
  if (out_->empty()) return next();
  stream_.expires_after(std::chrono::seconds(30));
  net::async_write(stream_, net::buffer(*out_), [self = shared_from_this(), next](beast::error_code ec, std::size_t) {
    if (ec) return self->Close();
    next();
  });
}

// Stops sending, then discards what the client still sends for a bounded time before closing: closing at once
// while request bytes are in flight (an answer that ended early) would reset the connection, and a reset can
// destroy the answer in the client's receive buffer.
void RedactStreamSession::Close() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) {
    stream_.socket().close(ec);
    return;
  }
  stream_.expires_after(std::chrono::seconds(2));
  Drain(std::make_shared<std::array<char, 16384>>(), 0);
}

void RedactStreamSession::Drain(std::shared_ptr<std::array<char, 16384>> buffer, std::size_t drained) {
  stream_.async_read_some(net::buffer(*buffer), [self = shared_from_this(), buffer, drained](beast::error_code ec,
                                                                                           std::size_t n) {
    if (ec || drained + n > (64u << 20)) {
      beast::error_code ignored;
      self->stream_.socket().close(ignored);
      return;
    }
    self->Drain(buffer, drained + n);
  });
}

}  // namespace sentinel
