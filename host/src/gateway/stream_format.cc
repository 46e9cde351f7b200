#include "gateway/stream_format.h"

#include "common/json_text.h"
#include "http/json_body.h"

namespace sentinel {
namespace {

constexpr std::size_t kMaxRecordBytes = 1 << 20;  // one NDJSON line or SSE event

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Status StreamFormatFromContentType(std::string_view content_type, StreamFormat* out) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type == "text/plain") {
    *out = StreamFormat::kText;
  } else if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/ndjson") {
    *out = StreamFormat::kNdjson;
  } else if (type == "text/event-stream") {
    *out = StreamFormat::kSse;
  } else {
    return Status::InvalidArgument("Content-Type '" + std::string(content_type.substr(0, 100)) +
                                   "' is not a stream format (use text/plain, application/x-ndjson or text/event-stream)");
  }
  return Status::OK();
}

const char* ContentTypeOf(StreamFormat format) {
  switch (format) {
    case StreamFormat::kText: return "text/plain; charset=utf-8";
    case StreamFormat::kNdjson: return "application/x-ndjson";
    case StreamFormat::kSse: return "text/event-stream";
  }
  return "application/octet-stream";
}

Status StreamTransformer::Chain::Feed(std::string_view text, bool analyze, std::string* out) {
  std::string current(text);
  for (auto& r : redactors) {
    std::string next;
    Status s;
    if (analyze) {
      s = r->Feed(current, &next);
    } else {
      r->Append(current);
      s = r->TakeReleased(&next);
    }
    if (!s.ok()) return s;
    current = std::move(next);
  }
  out->append(current);
  return Status::OK();
}

std::vector<StreamRedactor*> StreamTransformer::BeginAnalyses() {
  std::vector<StreamRedactor*> out;
  for (auto& [index, chain] : chains_) {
    if (chain.finished) continue;
    for (auto& r : chain.redactors) {
      if (r->BeginAnalysis()) out.push_back(r.get());
    }
  }
  return out;
}

Status StreamTransformer::Chain::Finish(std::string* out) {
  if (finished) return Status::OK();
  finished = true;
  std::string current;
  for (auto& r : redactors) {
    std::string next;
    Status s = r->Feed(current, &next);
    if (s.ok()) s = r->Finish(&next);
    if (!s.ok()) return s;
    current = std::move(next);
  }
  out->append(current);
  return Status::OK();
}

StreamTransformer::StreamTransformer(const StreamPlan* plan) : plan_(plan) {}

StreamTransformer::Chain& StreamTransformer::ChainFor(long choice) {
  auto it = chains_.find(choice);
  if (it != chains_.end()) return it->second;
  Chain& chain = chains_[choice];
  for (const BoundRail& rail : plan_->rails.rails) {
    chain.redactors.push_back(std::make_unique<StreamRedactor>(&rail, plan_->config, plan_->metrics));
  }
  return chain;
}

Status StreamTransformer::Push(std::string_view bytes, std::string* out) {
  if (plan_->format == StreamFormat::kText) return ChainFor(0).Feed(bytes, !background_, out);
  partial_.append(bytes.data(), bytes.size());
  std::size_t pos = 0;
  Status s;
  if (plan_->format == StreamFormat::kNdjson) {
    std::size_t nl;
    while ((nl = partial_.find('\n', pos)) != std::string::npos) {
      if (!(s = HandleLine(std::string_view(partial_).substr(pos, nl - pos), out)).ok()) return s;
      pos = nl + 1;
    }
  } else {
    // Events end with a blank line; CRLF is folded to LF first.
    std::size_t cr;
    while ((cr = partial_.find('\r')) != std::string::npos) {
      if (cr + 1 == partial_.size()) break;  // a CR at the end may be half of CRLF
      partial_.erase(cr, partial_[cr + 1] == '\n' ? 1 : 0);
      if (partial_[cr] == '\r') partial_[cr] = '\n';
    }
    std::size_t blank;
    while ((blank = partial_.find("\n\n", pos)) != std::string::npos) {
      if (!(s = HandleEvent(partial_.substr(pos, blank - pos), out)).ok()) return s;
      pos = blank + 2;
    }
  }
  partial_.erase(0, pos);
  if (partial_.size() > kMaxRecordBytes) {
    return Status::PayloadTooLarge("a stream record is longer than " + std::to_string(kMaxRecordBytes) + " bytes");
  }
  return Status::OK();
}

Status StreamTransformer::End(std::string* out) {
  Status s;
  switch (plan_->format) {
    case StreamFormat::kText:
      return ChainFor(0).Finish(out);
    case StreamFormat::kNdjson: {
      if (!partial_.empty() && !(s = HandleLine(partial_, out)).ok()) return s;
      partial_.clear();
      std::string rest;
      if (!(s = ChainFor(0).Finish(&rest)).ok()) return s;
      out->append(JsonText(nlohmann::ordered_json{{"text", rest}, {"done", true}}) + "\n");
      return Status::OK();
    }
    case StreamFormat::kSse:
      if (partial_.find_first_not_of("\r\n") != std::string::npos && !(s = HandleEvent(partial_, out)).ok()) return s;
      partial_.clear();
      return FlushChoices(out);
  }
  return Status::OK();
}

std::string StreamTransformer::ErrorRecord(const Status& status) const {
  nlohmann::ordered_json error = {{"error", {{"code", status.CodeName()}, {"message", status.message()}}}};
  if (plan_->format == StreamFormat::kNdjson) return JsonText(error) + "\n";
  if (plan_->format == StreamFormat::kSse) return "event: error\ndata: " + JsonText(error) + "\n\n";
  return "";
}

Status StreamTransformer::HandleLine(std::string_view line, std::string* out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return Status::OK();
  nlohmann::json record;
  Status s = ParseJsonBody(line, &record);
  if (!s.ok()) return Status::InvalidArgument("NDJSON line: " + s.message());
  if (!record.is_object() || !record.contains("text") || !record["text"].is_string()) {
    return Status::InvalidArgument("each NDJSON line must be an object with a string 'text'");
  }
  std::string released;
  if (!(s = ChainFor(0).Feed(record["text"].get_ref<const std::string&>(), !background_, &released)).ok()) return s;
  out->append(JsonText(nlohmann::ordered_json{{"text", released}}) + "\n");
  return Status::OK();
}

Status StreamTransformer::HandleEvent(const std::string& event, std::string* out) {
  // Field lines: "data:" lines make the payload; other lines (event:, id:, retry:, comments) pass through.
  std::string data, other;
  bool has_data = false;
  std::size_t pos = 0;
  while (pos <= event.size()) {
    std::size_t nl = event.find('\n', pos);
    std::string_view line = std::string_view(event).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (line.rfind("data:", 0) == 0) {
      std::string_view value = line.substr(5);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (has_data) data += "\n";
      data.append(value.data(), value.size());
      has_data = true;
    } else if (!line.empty()) {
      other.append(line.data(), line.size());
      other += "\n";
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  if (!has_data) {
    if (!other.empty()) out->append(other + "\n");
    return Status::OK();
  }
  if (data == "[DONE]") {
    Status s = FlushChoices(out);
    if (!s.ok()) return s;
    done_ = true;
    out->append(other + "data: [DONE]\n\n");
    return Status::OK();
  }
  nlohmann::json chunk = nlohmann::json::parse(data, nullptr, false);
  if (!chunk.is_object() || !chunk.contains("choices") || !chunk["choices"].is_array()) {
    // Not a completion chunk (an error object, a usage-only chunk without choices): unchanged.
    out->append(other + "data: " + data + "\n\n");
    return Status::OK();
  }
  for (auto& choice : chunk["choices"]) {
    if (!choice.is_object()) continue;
    long index = choice.contains("index") && choice["index"].is_number_integer() ? choice["index"].get<long>() : 0;
    nlohmann::json* content = nullptr;
    if (choice.contains("delta") && choice["delta"].is_object()) {
      if (choice["delta"].contains("content") && choice["delta"]["content"].is_string()) content = &choice["delta"]["content"];
    } else if (choice.contains("text") && choice["text"].is_string()) {
      content = &choice["text"];
    }
    std::string released;
    Chain& chain = ChainFor(index);
    Status s;
    if (content != nullptr && !(s = chain.Feed(content->get_ref<const std::string&>(), !background_, &released)).ok()) {
      return s;
    }
    const bool finishing = choice.contains("finish_reason") && !choice["finish_reason"].is_null();
    if (finishing && !(s = chain.Finish(&released)).ok()) return s;
    if (content != nullptr) {
      *content = released;
    } else if (!released.empty()) {
      if (choice.contains("delta") && choice["delta"].is_object()) {
        choice["delta"]["content"] = released;
      } else {
        choice["text"] = released;
      }
    }
  }
  last_event_ = chunk;
  out->append(other + "data: " + JsonText(chunk) + "\n\n");
  return Status::OK();
}

Status StreamTransformer::FlushChoices(std::string* out) {
  if (done_) return Status::OK();
  for (auto& [index, chain] : chains_) {
    std::string rest;
    Status s = chain.Finish(&rest);
    if (!s.ok()) return s;
    if (rest.empty()) continue;
    // An event of the stream's own shape carrying the rest of this choice.
    nlohmann::json chunk = last_event_.is_object() ? last_event_ : nlohmann::json::object();
    nlohmann::json choice = {{"index", index}, {"delta", {{"content", rest}}}, {"finish_reason", nullptr}};
    if (last_event_.is_object() && last_event_.contains("choices") && last_event_["choices"].is_array() &&
        !last_event_["choices"].empty() && last_event_["choices"][0].is_object() &&
        last_event_["choices"][0].contains("text")) {
      choice = {{"index", index}, {"text", rest}, {"finish_reason", nullptr}};
    }
    chunk["choices"] = nlohmann::json::array({choice});
    chunk.erase("usage");
    out->append("data: " + JsonText(chunk) + "\n\n");
  }
  return Status::OK();
}

}  // namespace sentinel
