// RedactStreamSession: one POST /v1/redact/stream connection, taken over from HttpSession once the request
// header is read and the plan is bound. It answers 200 with a chunked body at once, then loops: read what the
// client has sent (each read has the stream's idle deadline), frame it on the connection's executor (a few
// microseconds: parsing and appending), write what is released as one chunk, read again. The redactors' analyses run beside that loop on the
// worker pool (one at a time per redactor), so a chunk's answer never waits for a module call: what an analysis
// releases goes out with the next chunk, and the end of the body waits for the analyses still running. One
// read and one write at a time, so a client that sends faster than the modules redact is slowed by TCP, and one
// that does not read its answer stops being read: memory stays bounded by the redactors' windows. The
// connection closes after the stream.
#ifndef SENTINEL_HOST_GATEWAY_REDACT_STREAM_SESSION_H_
#define SENTINEL_HOST_GATEWAY_REDACT_STREAM_SESSION_H_

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "gateway/stream_format.h"

namespace sentinel {

class RedactStreamSession : public std::enable_shared_from_this<RedactStreamSession> {
 public:
  // The body type changes once the header is read (Beast's converting constructor), so the body can be taken
  // out piece by piece.
  using HeaderParser = boost::beast::http::request_parser<boost::beast::http::string_body>;
  using Parser = boost::beast::http::request_parser<boost::beast::http::vector_body<char>>;
  // `on_done` receives the HTTP status answered (200 once the header went out) and the stream's duration.
  RedactStreamSession(boost::beast::tcp_stream&& stream, boost::beast::flat_buffer&& buffer, HeaderParser&& parser,
                      std::unique_ptr<StreamPlan> plan, boost::asio::thread_pool* workers, bool expect_continue,
                      std::shared_ptr<std::atomic<int>> open_connections, std::function<void(int, double)> on_done);
  ~RedactStreamSession();
  void Start();

 private:
  void ReadSome();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  void Transform(std::string input);
  void StartAnalyses();
  void MaybeEnd();
  void WriteChunk(std::string data, bool last, bool failed);
  void Close();
  void Drain(std::shared_ptr<std::array<char, 16384>> buffer, std::size_t drained);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  Parser parser_;
  std::unique_ptr<StreamPlan> plan_;
  StreamTransformer transformer_;
  boost::asio::thread_pool* workers_;
  bool expect_continue_;
  std::shared_ptr<std::atomic<int>> open_connections_;
  std::function<void(int, double)> on_done_;
  std::chrono::steady_clock::time_point start_;
  std::shared_ptr<std::string> out_;  // the chunk being written
  // Loop state, touched on the connection's strand only.
  int analyses_ = 0;          // background analyses running
  bool input_done_ = false;   // the whole request body was read
  bool busy_ = false;         // a transform or a write is under way
  bool ended_ = false;        // the last chunk is on its way
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_GATEWAY_REDACT_STREAM_SESSION_H_
