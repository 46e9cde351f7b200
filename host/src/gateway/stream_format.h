// Stream formats of POST /v1/redact/stream: how the request body carries text pieces and how the released,
// redacted text goes back, in the same format as it came:
//
//   text/plain           raw UTF-8 text in any pieces; the answer is the redacted text.
//   application/x-ndjson one {"text": "..."} per line; one {"text": released} line per input line, then
//                        {"text": rest, "done": true}.
//   text/event-stream    an OpenAI-compatible stream (chat.completion.chunk events, `data: [DONE]`): each
//                        choice's delta.content (or a completion's `text`) is replaced by what that choice
//                        releases; a choice's rest is released in its finish_reason event, or in an event of its
//                        own before [DONE]; every other field and event passes through unchanged.
//
// StreamTransformer does the framing around one StreamRedactor chain per choice (one redactor per redact rail,
// each fed what the previous released).
#ifndef SENTINEL_HOST_GATEWAY_STREAM_FORMAT_H_
#define SENTINEL_HOST_GATEWAY_STREAM_FORMAT_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "config/guardrail_policy.h"
#include "gateway/guardrail_service.h"
#include "gateway/stream_redactor.h"

namespace sentinel {

enum class StreamFormat { kText, kNdjson, kSse };

// text/plain, application/x-ndjson (or application/jsonl) and text/event-stream; parameters are ignored.
Status StreamFormatFromContentType(std::string_view content_type, StreamFormat* out);
const char* ContentTypeOf(StreamFormat format);

// What a stream needs, bound when its request header arrives.
struct StreamPlan {
  StreamFormat format = StreamFormat::kText;
  StreamRails rails;
  StreamingConfig config;
  Metrics* metrics = nullptr;
};

class StreamTransformer {
 public:
  explicit StreamTransformer(const StreamPlan* plan);

  // Consumes body bytes; appends response bytes to `*out`.
  Status Push(std::string_view bytes, std::string* out);
  // The body has ended: releases every choice's rest.
  Status End(std::string* out);
  // What the format says when the stream fails midway (empty for text/plain: the connection is cut instead).
  std::string ErrorRecord(const Status& status) const;

  // Background analysis: Push no longer analyzes; the caller runs Analyze() of each redactor BeginAnalyses()
  // returns on another thread (while Push may run), and text they release goes out with the next Push. End()
  // needs every analysis finished.
  void SetBackgroundAnalysis(bool on) { background_ = on; }
  std::vector<StreamRedactor*> BeginAnalyses();

 private:
  struct Chain {
    std::vector<std::unique_ptr<StreamRedactor>> redactors;
    bool finished = false;
    Status Feed(std::string_view text, bool analyze, std::string* out);
    Status Finish(std::string* out);
  };
  Chain& ChainFor(long choice);
  Status HandleLine(std::string_view line, std::string* out);    // NDJSON
  Status HandleEvent(const std::string& event, std::string* out); // SSE, one event without its blank line
  Status FlushChoices(std::string* out);                          // SSE: the rest of unfinished choices

  const StreamPlan* plan_;
  std::map<long, Chain> chains_;
  std::string partial_;          // NDJSON: an incomplete line; SSE: an incomplete event
  nlohmann::json last_event_;    // SSE: the last chunk object, the skeleton of a flush event
  bool done_ = false;            // SSE: [DONE] seen
  bool background_ = false;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_GATEWAY_STREAM_FORMAT_H_
