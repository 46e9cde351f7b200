#include "ctl/text_redactor.h"

#include <chrono>
#include <thread>

#include "common/json_text.h"

namespace sentinel {

namespace {
constexpr char kSeparator = '\x1e';

// sentineld's error bodies: {"error": {"message"}} (host) or {"error": "..."} (Presidio's routes).
std::string ErrorMessage(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("error")) {
    const auto& e = j["error"];
    if (e.is_string()) return e.get<std::string>();
    if (e.is_object() && e.contains("message") && e["message"].is_string()) return e["message"].get<std::string>();
  }
  return body.size() > 200 ? body.substr(0, 200) + "..." : body;
}
}  // namespace

long long CodePoints(const std::string& text) {
  long long n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

Status TextRedactor::Call(const std::string& path, const std::string& body, nlohmann::json* reply) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(settings_->retry_seconds);
  int delay_ms = 100;
  while (true) {
    HttpReply http;
    Status s = client_->Post(path, body, &http);
    std::string problem;
    if (!s.ok()) {
      problem = s.message();
    } else if (http.status == 429 || http.status == 502 || http.status == 503 || http.status == 504) {
      problem = "sentineld answered " + std::to_string(http.status) + ": " + ErrorMessage(http.body);
      if (http.retry_after_s > 0) delay_ms = std::max(delay_ms, http.retry_after_s * 1000);
    } else if (http.status >= 200 && http.status < 300) {
      *reply = nlohmann::json::parse(http.body, nullptr, false);
      if (reply->is_discarded()) return Status::Internal("sentineld answered " + path + " with a body that is not JSON");
      return Status::OK();
    } else {
      return Status::Unprocessable("sentineld answered " + std::to_string(http.status) + ": " +
                                   ErrorMessage(http.body));
    }
    if (std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms) > deadline) {
      return Status::Unavailable(problem + " (gave up after " + std::to_string(settings_->retry_seconds) + " s)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    delay_ms = std::min(delay_ms * 2, 5000);
  }
}

Status TextRedactor::Analyze(const std::vector<std::string>& texts, std::vector<std::vector<Finding>>* findings) {
  findings->assign(texts.size(), {});
  nlohmann::json list = nlohmann::json::array();
  std::vector<size_t> which;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;  // nothing to find; Presidio refuses an empty single text
    list.push_back(texts[i]);
    which.push_back(i);
  }
  if (which.empty()) return Status::OK();
  nlohmann::json request = {{"text", std::move(list)}, {"language", settings_->language}};
  if (!settings_->entities.is_null()) request["entities"] = settings_->entities;
  if (!settings_->score_threshold.is_null()) request["score_threshold"] = settings_->score_threshold;
  nlohmann::json reply;
  Status s = Call("/presidio/analyze", request.dump(), &reply);
  if (!s.ok()) return s;
  if (!reply.is_array() || reply.size() != which.size()) {
    return Status::Internal("sentineld's /presidio/analyze answer does not list one result per text");
  }
  for (size_t k = 0; k < which.size(); ++k) {
    for (const auto& r : reply[k]) {
      Finding f;
      f.entity_type = r.value("entity_type", "");
      f.start = r.value("start", 0LL);
      f.end = r.value("end", 0LL);
      f.score = r.value("score", 0.0);
      (*findings)[which[k]].push_back(std::move(f));
    }
  }
  return Status::OK();
}

Status TextRedactor::AnonymizeJoined(const std::vector<const std::string*>& texts,
                                     const std::vector<std::vector<Finding>*>& findings,
                                     std::vector<std::string>* out) {
  std::string joined;
  nlohmann::json results = nlohmann::json::array();
  long long base = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) {
      joined.push_back(kSeparator);
      base += 1;
    }
    joined += *texts[i];
    for (const Finding& f : *findings[i]) {
      results.push_back(
          {{"start", base + f.start}, {"end", base + f.end}, {"entity_type", f.entity_type}, {"score", f.score}});
    }
    base += CodePoints(*texts[i]);
  }
  nlohmann::json request = {{"text", joined}, {"analyzer_results", std::move(results)}};
  if (!settings_->operators.empty()) request["anonymizers"] = settings_->operators;
  nlohmann::json reply;
  Status s = Call("/presidio/anonymize", request.dump(), &reply);
  if (!s.ok()) return s;
  if (!reply.is_object() || !reply.contains("text") || !reply["text"].is_string()) {
    return Status::Internal("sentineld's /presidio/anonymize answer has no text");
  }
  const std::string& text = reply["text"].get_ref<const std::string&>();
  out->clear();
  if (texts.size() == 1) {  // sent alone: not cut, it may hold the separator itself
    out->push_back(text);
    return Status::OK();
  }
  size_t begin = 0;
  while (true) {
    size_t sep = text.find(kSeparator, begin);
    out->push_back(text.substr(begin, sep == std::string::npos ? std::string::npos : sep - begin));
    if (sep == std::string::npos) break;
    begin = sep + 1;
  }
  if (out->size() != texts.size()) {
    return Status::Internal("sentineld's anonymized batch does not split back into its " +
                            std::to_string(texts.size()) + " texts");
  }
  return Status::OK();
}

Status TextRedactor::Redact(const std::vector<TextItem>& items, std::vector<std::string>* out) {
  out->resize(items.size());
  std::vector<std::string> free_texts;
  std::vector<size_t> free_index;
  for (size_t i = 0; i < items.size(); ++i) {
    (*out)[i] = items[i].text;
    if (items[i].entity.empty()) {
      free_texts.push_back(items[i].text);
      free_index.push_back(i);
    }
  }
  std::vector<std::vector<Finding>> found;
  Status s = Analyze(free_texts, &found);
  if (!s.ok()) return s;
  std::vector<std::vector<Finding>> all(items.size());
  for (size_t k = 0; k < free_index.size(); ++k) all[free_index[k]] = std::move(found[k]);
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].entity.empty() && !items[i].text.empty()) {
      all[i].push_back(Finding{items[i].entity, 0, CodePoints(items[i].text), 1.0});
    }
  }
  // Texts with findings go to one joined anonymize call; one that contains the separator goes alone.
  std::vector<const std::string*> joined_texts;
  std::vector<std::vector<Finding>*> joined_findings;
  std::vector<size_t> joined_index;
  for (size_t i = 0; i < items.size(); ++i) {
    if (all[i].empty()) continue;
    if (items[i].text.find(kSeparator) != std::string::npos) {
      std::vector<std::string> one;
      s = AnonymizeJoined({&items[i].text}, {&all[i]}, &one);
      if (!s.ok()) return s;
      (*out)[i] = std::move(one[0]);
      continue;
    }
    joined_texts.push_back(&items[i].text);
    joined_findings.push_back(&all[i]);
    joined_index.push_back(i);
  }
  if (joined_texts.empty()) return Status::OK();
  std::vector<std::string> redacted;
  s = AnonymizeJoined(joined_texts, joined_findings, &redacted);
  if (!s.ok()) return s;
  for (size_t k = 0; k < joined_index.size(); ++k) (*out)[joined_index[k]] = std::move(redacted[k]);
  return Status::OK();
}

}  // namespace sentinel
