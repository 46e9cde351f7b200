// A small but real detector plugin used by the host tests: it finds configured keywords (whole words,
// case-insensitive) and reports their code-point spans. Built through the same SDK as the real plugins.
// Setting `crash_marker` makes analyze() abort on a text containing that marker, to test crash isolation;
// `delay_ms` makes each analyze() take that long (tests that modules of one guardrail check run concurrently).
#include <algorithm>
#include <chrono>
#include <thread>
#include <cctype>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sentinel/plugin_cpp.h"

#ifndef KEYWORD_PLUGIN_NAME
#define KEYWORD_PLUGIN_NAME "keywords"
#endif

SENTINEL_DECLARE_PLUGIN(KEYWORD_PLUGIN_NAME, "1.2.0", "nlohmann-json 3");

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

size_t CodePoints(std::string_view s, size_t byte_end) {
  size_t n = 0;
  for (size_t i = 0; i < byte_end && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

class KeywordDetector {
 public:
  static std::unique_ptr<KeywordDetector> Create(const sentinel::sdk::ActivateContext& ctx, std::string* error) {
    nlohmann::json settings = nlohmann::json::parse(ctx.settings_json, nullptr, false);
    if (settings.is_discarded() || !settings.is_object()) {
      *error = "settings are not a JSON object";
      return nullptr;
    }
    auto d = std::make_unique<KeywordDetector>();
    if (settings.contains("keywords")) {
      if (!settings["keywords"].is_array()) {
        *error = "settings.keywords must be a list of strings";
        return nullptr;
      }
      for (const auto& k : settings["keywords"]) {
        if (!k.is_string() || k.get<std::string>().empty()) {
          *error = "settings.keywords must be a list of non-empty strings";
          return nullptr;
        }
        d->keywords_.push_back(Lower(k.get<std::string>()));
      }
    } else {
      d->keywords_ = {"confidential", "secret"};
    }
    for (const auto& [key, value] : settings.items()) {
      if (key != "keywords" && key != "crash_marker" && key != "fail_self_test" && key != "delay_ms") {
        *error = "unknown setting '" + key + "'";
        return nullptr;
      }
    }
    if (settings.contains("crash_marker")) d->crash_marker_ = settings["crash_marker"].get<std::string>();
    d->fail_self_test_ = settings.value("fail_self_test", false);
    if (settings.contains("delay_ms") && settings["delay_ms"].is_number_integer()) d->delay_ms_ = settings["delay_ms"].get<int>();
    ctx.Log(SENTINEL_LOG_INFO, "keywords loaded: " + std::to_string(d->keywords_.size()));
    return d;
  }

  bool SelfTest(std::string* error) {
    if (fail_self_test_) {
      *error = "canary text produced no match (fail_self_test is set)";
      return false;
    }
    auto found = Find("this is " + keywords_.front() + " material");
    if (found.size() != 1) {
      *error = "canary text did not produce exactly one match";
      return false;
    }
    return true;
  }

  std::string Health() { return R"({"status":"ok","keywords":)" + std::to_string(keywords_.size()) + "}"; }

  std::string Describe() {
    return R"({"routes":[{"method":"POST","path":"/keywords/find"},{"method":"GET","path":"/keywords/list"}]})";
  }

  sentinel_status Analyze(std::string_view request, std::string* out, std::string* error) {
    nlohmann::json req = nlohmann::json::parse(request, nullptr, false);
    if (req.is_discarded() || !req.is_object() || !req.contains("text") || !req["text"].is_string()) {
      *error = "request must be an object with a string field 'text'";
      return SENTINEL_INVALID_ARGUMENT;
    }
    const std::string& text = req["text"].get_ref<const std::string&>();
    if (!crash_marker_.empty() && text.find(crash_marker_) != std::string::npos) std::abort();
    if (delay_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
    nlohmann::json matches = nlohmann::json::array();
    for (const auto& m : Find(text)) matches.push_back(m);
    *out = nlohmann::json({{"matches", matches}}).dump();
    return SENTINEL_OK;
  }

  sentinel_status HandleHttp(const sentinel::sdk::HttpRequest& req, sentinel::sdk::HttpResponse* resp) {
    if (req.path == "/keywords/list") {
      resp->body = nlohmann::json(keywords_).dump();
      return SENTINEL_OK;
    }
    std::string error;
    sentinel_status s = Analyze(req.body, &resp->body, &error);
    if (s != SENTINEL_OK) {
      resp->status = 400;
      resp->body = nlohmann::json({{"error", {{"code", "invalid_argument"}, {"message", error}}}}).dump();
    }
    return SENTINEL_OK;
  }

 private:
  std::vector<nlohmann::json> Find(const std::string& text) const {
    std::vector<nlohmann::json> out;
    std::string lower = Lower(text);
    for (const auto& k : keywords_) {
      for (size_t pos = lower.find(k); pos != std::string::npos; pos = lower.find(k, pos + 1)) {
        size_t end = pos + k.size();
        bool left = pos == 0 || !IsWordByte(lower[pos - 1]);
        bool right = end == lower.size() || !IsWordByte(lower[end]);
        if (left && right) {
          out.push_back({{"keyword", k}, {"start", CodePoints(text, pos)}, {"end", CodePoints(text, end)}});
        }
      }
    }
    return out;
  }

  std::vector<std::string> keywords_;
  int delay_ms_ = 0;
  std::string crash_marker_;
  bool fail_self_test_ = false;
};

}  // namespace

extern "C" SENTINEL_EXPORT const sentinel_detector_api* sentinel_plugin_entry(uint32_t, uint32_t) {
  return sentinel::sdk::DetectorApi<KeywordDetector>();
}
