// StreamRedactor: redacts a text that arrives in pieces with one redact rail, releasing each part as soon as it
// is final. The pending text (arrived, not yet released) is analyzed together with up to `context_bytes` of the
// text already released before it (context words, the NER tagger's window); a cut is made only
//   - at least `hold_back_bytes` before the end of what arrived (an entity that is not yet recognizable, such as
//     half a card number or an e-mail address without its domain, is shorter than that),
//   - just after whitespace (no token is split), and
//   - outside every entity found (an entity that still grows is never cut).
// The part before the cut is anonymized by the module on its own; since no entity crosses a cut and each entity
// was analyzed with the same surroundings it has in the whole text, the released parts concatenated equal the
// whole text redacted at once (tests/gateway proves it over random chunkings). The held text is bounded: beyond
// `max_pending_bytes` without a usable cut, the text is cut anyway (at a code point) and an entity crossing that
// cut has both parts redacted, so nothing leaks; only then may the output differ from the whole-text redaction.
//
// Two ways to drive it. Feed() analyzes inline when enough text has arrived. Or, to keep analysis off the path
// of each chunk: Append() (cheap) and TakeReleased() on the chunk path, and BeginAnalysis() + Analyze() on
// another thread; Append and TakeReleased may run while Analyze does (it works on a copy of the window). At most
// one analysis runs at a time; Finish() waits for it.
#ifndef SENTINEL_HOST_GATEWAY_STREAM_REDACTOR_H_
#define SENTINEL_HOST_GATEWAY_STREAM_REDACTOR_H_

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "common/status.h"
#include "config/guardrail_policy.h"
#include "gateway/rail_calls.h"
#include "http/metrics.h"

namespace sentinel {

class StreamRedactor {
 public:
  StreamRedactor(const BoundRail* rail, const StreamingConfig& config, Metrics* metrics);

  // Appends `chunk` (any bytes of UTF-8 text; a code point may be split across chunks), analyzes when enough
  // arrived, and appends to `*out` the redacted text that is now safe to release (often nothing).
  Status Feed(std::string_view chunk, std::string* out);
  // The text has ended: appends the rest, redacted (after an analysis still running has finished).
  Status Finish(std::string* out);

  void Append(std::string_view chunk);
  // Appends what analyses released so far; returns the error of a failed analysis.
  Status TakeReleased(std::string* out);
  // True (and the analysis is then marked running) when enough new text arrived for one; false otherwise.
  bool BeginAnalysis();
  // One analysis begun by BeginAnalysis: releases what it can into the released text.
  void Analyze();

  // Bytes arrived but not yet released.
  std::size_t held_bytes() const;

 private:
  // Analyzes text_[0, end) (a copy) and releases up to a safe cut (everything when `final`).
  Status Step(bool final);

  const BoundRail* rail_;
  StreamingConfig config_;
  Metrics* metrics_;
  mutable std::mutex mu_;
  std::condition_variable idle_;  // signalled when an analysis ends
  std::string text_;              // released context (at most context_bytes) + pending text; only appended to
                                  // while an analysis runs, trimmed only by the analysis itself
  std::size_t emitted_ = 0;       // text_[0, emitted_) was released
  std::size_t analyzed_size_ = 0; // text_.size() at the last analysis
  std::size_t carry_end_ = 0;     // the end of an entity a forced cut went through (0: none)
  std::string carry_type_;
  std::string released_;          // redacted text not yet taken
  Status error_;
  bool running_ = false;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_GATEWAY_STREAM_REDACTOR_H_
