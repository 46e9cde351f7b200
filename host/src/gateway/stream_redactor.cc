#include "gateway/stream_redactor.h"

#include <algorithm>

#include "common/utf8.h"

namespace sentinel {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The end of the last complete code point: a sequence cut by the chunking stays pending.
std::size_t CompleteEnd(const std::string& text) {
  std::size_t n = text.size();
  std::size_t i = n;
  int back = 0;
  while (i > 0 && back < 4 && IsContinuation(text[i - 1])) {
    --i;
    ++back;
  }
  if (i == 0) return n;
  unsigned char lead = static_cast<unsigned char>(text[i - 1]);
  std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return (n - (i - 1)) < need ? i - 1 : n;
}

struct ByteSpan {
  std::size_t start, end;
  std::string type;
  double score;
};

}  // namespace

StreamRedactor::StreamRedactor(const BoundRail* rail, const StreamingConfig& config, Metrics* metrics)
    : rail_(rail), config_(config), metrics_(metrics) {}

void StreamRedactor::Append(std::string_view chunk) {
  std::lock_guard<std::mutex> lock(mu_);
  text_.append(chunk.data(), chunk.size());
}

Status StreamRedactor::TakeReleased(std::string* out) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!error_.ok()) return error_;
  out->append(released_);
  released_.clear();
  return Status::OK();
}

bool StreamRedactor::BeginAnalysis() {
  std::lock_guard<std::mutex> lock(mu_);
  const std::size_t step = std::max<std::size_t>(config_.hold_back_bytes / 2, 16);
  if (running_ || !error_.ok()) return false;
  if (text_.size() - emitted_ < config_.hold_back_bytes + step) return false;
  if (text_.size() < analyzed_size_ + step) return false;
  running_ = true;
  return true;
}

void StreamRedactor::Analyze() {
  Status s = Step(false);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!s.ok() && error_.ok()) error_ = s;
    running_ = false;
  }
  idle_.notify_all();
}

std::size_t StreamRedactor::held_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return text_.size() - emitted_;
}

Status StreamRedactor::Feed(std::string_view chunk, std::string* out) {
  Append(chunk);
  if (BeginAnalysis()) Analyze();
  return TakeReleased(out);
}

Status StreamRedactor::Finish(std::string* out) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    idle_.wait(lock, [this] { return !running_; });
    if (!error_.ok()) return error_;
  }
  Status s = Step(true);
  if (!s.ok()) return s;
  return TakeReleased(out);
}

Status StreamRedactor::Step(bool final) {
  std::string window_copy;
  std::size_t emitted, carry_end, size_at;
  std::string carry_type;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Keep at most context_bytes of released text, starting just after whitespace.
    std::size_t ws = emitted_ > config_.context_bytes ? emitted_ - config_.context_bytes : 0;
    while (ws < emitted_ && ws > 0 && !IsSpace(text_[ws - 1])) ++ws;
    if (ws > 0) {
      text_.erase(0, ws);
      emitted_ -= ws;
      analyzed_size_ = analyzed_size_ > ws ? analyzed_size_ - ws : 0;
      carry_end_ = carry_end_ > ws ? carry_end_ - ws : 0;
    }
    const std::size_t end = CompleteEnd(text_);
    if (final && end != text_.size()) return Status::InvalidArgument("the text ended inside a UTF-8 sequence");
    window_copy = text_.substr(0, end);
    emitted = emitted_;
    carry_end = carry_end_;
    carry_type = carry_type_;
    size_at = text_.size();
  }
  auto done = [&](std::size_t cut, std::string redacted) {
    std::lock_guard<std::mutex> lock(mu_);
    analyzed_size_ = size_at;
    if (cut == 0) return;
    released_ += redacted;
    emitted_ = cut;
    carry_end_ = carry_end;
    carry_type_ = carry_type;
  };
  const std::string_view window(window_copy);
  const std::size_t end = window.size();
  if (!IsValidUtf8(window)) return Status::InvalidArgument("the streamed text is not valid UTF-8");
  if (end <= emitted) {
    done(0, "");
    return Status::OK();
  }

  nlohmann::json result;
  Status s = AnalyzeForRail(*rail_, window, metrics_, &result);
  if (!s.ok()) return s;
  Utf8Index index(window);
  std::vector<ByteSpan> spans;
  for (const RailEntity& e : SelectEntities(*rail_->config, result)) {
    spans.push_back({index.ByteOf(e.start), index.ByteOf(e.end), e.type, e.score});
  }
  // The remainder of an entity cut by a forced cut earlier is redacted too.
  if (carry_end > emitted) spans.push_back({emitted, std::min(carry_end, end), carry_type, 1.0});

  auto inside_entity = [&spans](std::size_t c) {
    for (const ByteSpan& sp : spans) {
      if (sp.start < c && c < sp.end) return true;
    }
    return false;
  };
  std::size_t cut = 0;
  if (final) {
    cut = end;
  } else if (end > emitted + config_.hold_back_bytes) {
    const std::size_t limit = end - config_.hold_back_bytes;
    for (std::size_t c = limit; c > emitted; --c) {
      if (IsSpace(window[c - 1]) && !inside_entity(c)) {
        cut = c;
        break;
      }
    }
    if (cut == 0 && end - emitted > config_.max_pending_bytes) {
      // No word boundary for too long: cut anyway, before an entity if one crosses, else through it.
      std::size_t c = limit;
      while (c > emitted && IsContinuation(window[c])) --c;
      for (const ByteSpan& sp : spans) {
        if (sp.start < c && c < sp.end && sp.start > emitted) c = sp.start;
      }
      cut = c > emitted ? c : 0;
    }
  }
  if (cut == 0) {
    done(0, "");
    return Status::OK();
  }

  const std::string_view segment = window.substr(emitted, cut - emitted);
  Utf8Index seg_index(segment);
  std::vector<RailEntity> entities;
  for (const ByteSpan& sp : spans) {
    std::size_t a = std::max(sp.start, emitted);
    std::size_t b = std::min(sp.end, cut);
    if (a >= b) continue;
    if (sp.end > cut) {
      carry_end = std::max(carry_end, sp.end);  // an entity cut by a forced cut: redact its rest next time
      carry_type = sp.type;
    }
    entities.push_back({sp.type, seg_index.CodePointOf(a - emitted), seg_index.CodePointOf(b - emitted), sp.score});
  }
  std::string redacted;
  s = AnonymizeForRail(*rail_, segment, entities, metrics_, &redacted);
  if (!s.ok()) return s;
  done(cut, std::move(redacted));
  return Status::OK();
}

}  // namespace sentinel
