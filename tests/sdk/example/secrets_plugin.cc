// secrets: an example Sentinel detector plugin, written against the installed plugin SDK only. It finds
// credential-shaped tokens (a fixed prefix followed by a run of characters from one character class, e.g.
// GitHub's "ghp_" + 36 alphanumerics) with a linear scan, and reports which rule matched and where, never the
// token itself. Rules come from the module YAML's `settings.rules`; see docs/plugins.md.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sentinel/plugin_cpp.h"

SENTINEL_DECLARE_PLUGIN("secrets", "1.0.0", "nlohmann-json 3");

namespace {

enum class Charset { kAlnum, kUpperAlnum, kHex, kBase64Url, kDigits };

bool InCharset(Charset set, unsigned char c) {
  switch (set) {
    case Charset::kAlnum: return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    case Charset::kUpperAlnum: return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    case Charset::kHex: return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    case Charset::kBase64Url: return InCharset(Charset::kAlnum, c) || c == '-' || c == '_';
    case Charset::kDigits: return c >= '0' && c <= '9';
  }
  return false;
}

bool ParseCharset(const std::string& name, Charset* out) {
  if (name == "alnum") *out = Charset::kAlnum;
  else if (name == "upper_alnum") *out = Charset::kUpperAlnum;
  else if (name == "hex") *out = Charset::kHex;
  else if (name == "base64url") *out = Charset::kBase64Url;
  else if (name == "digits") *out = Charset::kDigits;
  else return false;
  return true;
}

// A token must not continue a longer word on its left.
bool IsWordByte(unsigned char c) { return InCharset(Charset::kBase64Url, c) || c >= 0x80; }

struct Rule {
  std::string name;
  std::string prefix;
  Charset charset = Charset::kAlnum;
  size_t min_length = 0;  // characters after the prefix
  size_t max_length = 0;
};

struct Match {
  const Rule* rule;
  size_t begin;  // bytes
  size_t end;
};

size_t CodePoints(const std::string& s, size_t byte_end) {
  size_t n = 0;
  for (size_t i = 0; i < byte_end && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

const char* kDefaultRules = R"([
  {"name": "github_token", "prefix": "ghp_", "charset": "alnum", "length": 36},
  {"name": "aws_access_key_id", "prefix": "AKIA", "charset": "upper_alnum", "length": 16},
  {"name": "slack_bot_token", "prefix": "xoxb-", "charset": "base64url", "min_length": 20, "max_length": 80}
])";

class SecretsDetector {
 public:
  static std::unique_ptr<SecretsDetector> Create(const sentinel::sdk::ActivateContext& ctx, std::string* error) {
    nlohmann::json settings = nlohmann::json::parse(ctx.settings_json, nullptr, false);
    if (settings.is_discarded() || !settings.is_object()) {
      *error = "settings are not a JSON object";
      return nullptr;
    }
    for (const auto& [key, value] : settings.items()) {
      if (key != "rules") {
        *error = "unknown setting '" + key + "' (allowed: rules)";
        return nullptr;
      }
    }
    nlohmann::json rules = settings.contains("rules") ? settings["rules"] : nlohmann::json::parse(kDefaultRules);
    if (!rules.is_array() || rules.empty()) {
      *error = "settings.rules must be a non-empty list";
      return nullptr;
    }
    auto d = std::make_unique<SecretsDetector>();
    for (size_t i = 0; i < rules.size(); ++i) {
      Rule rule;
      std::string where = "settings.rules[" + std::to_string(i) + "]";
      if (!ParseRule(rules[i], &rule, error)) {
        *error = where + ": " + *error;
        return nullptr;
      }
      d->rules_.push_back(std::move(rule));
    }
    ctx.Log(SENTINEL_LOG_INFO, "secret rules loaded: " + std::to_string(d->rules_.size()));
    return d;
  }

  bool SelfTest(std::string* error) {
    // A synthetic token for every rule must be found exactly once, and a text without one must give nothing.
    for (const Rule& rule : rules_) {
      std::string body(rule.min_length, rule.charset == Charset::kDigits ? '7' : 'A');
      std::vector<Match> found = Find("key = " + rule.prefix + body + " ;");
      if (found.size() != 1 || found[0].rule != &rule) {
        *error = "self-test: rule " + rule.name + " did not find its own canary token";
        return false;
      }
    }
    if (!Find("nothing to see here").empty()) {
      *error = "self-test: a text without tokens produced a match";
      return false;
    }
    return true;
  }

  std::string Health() {
    nlohmann::json health = {{"status", "ok"},
                             {"rules", rules_.size()},
                             {"metrics",
                              {{"rules", rules_.size()},
                               {"texts_scanned_total", texts_scanned_.load()},
                               {"matches_total", matches_found_.load()}}}};
    return health.dump();
  }

  std::string Describe() {
    return R"({"routes":[{"method":"POST","path":"/secrets/scan"},{"method":"GET","path":"/secrets/rules"}]})";
  }

  sentinel_status Analyze(std::string_view request, std::string* out, std::string* error) {
    nlohmann::json req = nlohmann::json::parse(request, nullptr, false);
    if (req.is_discarded() || !req.is_object() || !req.contains("text") || !req["text"].is_string()) {
      *error = "request must be an object with a string field 'text'";
      return SENTINEL_INVALID_ARGUMENT;
    }
    const std::string& text = req["text"].get_ref<const std::string&>();
    std::vector<Match> found = Find(text);
    texts_scanned_.fetch_add(1, std::memory_order_relaxed);
    matches_found_.fetch_add(found.size(), std::memory_order_relaxed);
    nlohmann::json matches = nlohmann::json::array();
    for (const Match& m : found) {
      matches.push_back({{"rule", m.rule->name},
                         {"start", CodePoints(text, m.begin)},
                         {"end", CodePoints(text, m.end)},
                         {"redacted", m.rule->prefix + std::string(m.end - m.begin - m.rule->prefix.size(), '*')}});
    }
    *out = nlohmann::json({{"matches", matches}}).dump();
    return SENTINEL_OK;
  }

  sentinel_status HandleHttp(const sentinel::sdk::HttpRequest& req, sentinel::sdk::HttpResponse* resp) {
    if (req.path == "/secrets/rules") {
      nlohmann::json list = nlohmann::json::array();
      for (const Rule& r : rules_) {
        list.push_back({{"name", r.name}, {"prefix", r.prefix}, {"min_length", r.min_length}, {"max_length", r.max_length}});
      }
      resp->body = list.dump();
      return SENTINEL_OK;
    }
    std::string error;
    if (Analyze(req.body, &resp->body, &error) != SENTINEL_OK) {
      resp->status = 400;
      resp->body = nlohmann::json({{"error", {{"code", "invalid_argument"}, {"message", error}}}}).dump();
    }
    return SENTINEL_OK;
  }

 private:
  static bool ParseRule(const nlohmann::json& j, Rule* rule, std::string* error) {
    if (!j.is_object()) return *error = "a rule must be a mapping", false;
    for (const auto& [key, value] : j.items()) {
      if (key != "name" && key != "prefix" && key != "charset" && key != "length" && key != "min_length" &&
          key != "max_length") {
        return *error = "unknown key '" + key + "'", false;
      }
    }
    if (!j.contains("name") || !j["name"].is_string() || j["name"].get<std::string>().empty()) {
      return *error = "'name' must be a non-empty string", false;
    }
    if (!j.contains("prefix") || !j["prefix"].is_string() || j["prefix"].get<std::string>().empty()) {
      return *error = "'prefix' must be a non-empty string", false;
    }
    rule->name = j["name"];
    rule->prefix = j["prefix"];
    if (!ParseCharset(j.value("charset", std::string("alnum")), &rule->charset)) {
      return *error = "'charset' must be one of alnum, upper_alnum, hex, base64url, digits", false;
    }
    auto length = [&](const char* key, size_t* out) {
      if (!j.contains(key)) return true;
      if (!j[key].is_number_unsigned() || j[key].get<uint64_t>() == 0 || j[key].get<uint64_t>() > 4096) return false;
      *out = j[key].get<size_t>();
      return true;
    };
    size_t exact = 0;
    if (!length("length", &exact) || !length("min_length", &rule->min_length) ||
        !length("max_length", &rule->max_length)) {
      return *error = "lengths must be integers between 1 and 4096", false;
    }
    if (exact != 0) rule->min_length = rule->max_length = exact;
    if (rule->min_length == 0 || rule->max_length < rule->min_length) {
      return *error = "set 'length', or 'min_length' <= 'max_length'", false;
    }
    return true;
  }

  // One pass per rule over the text: at each occurrence of the prefix that starts a word, take the longest
  // run of charset characters; it is a token when its length lies within the rule's bounds.
  std::vector<Match> Find(const std::string& text) const {
    std::vector<Match> out;
    for (const Rule& rule : rules_) {
      for (size_t pos = text.find(rule.prefix); pos != std::string::npos; pos = text.find(rule.prefix, pos + 1)) {
        if (pos > 0 && IsWordByte(static_cast<unsigned char>(text[pos - 1]))) continue;
        size_t end = pos + rule.prefix.size();
        while (end < text.size() && end - pos - rule.prefix.size() <= rule.max_length &&
               InCharset(rule.charset, static_cast<unsigned char>(text[end]))) {
          ++end;
        }
        size_t run = end - pos - rule.prefix.size();
        if (run >= rule.min_length && run <= rule.max_length) {
          out.push_back({&rule, pos, end});
          pos = end - 1;
        }
      }
    }
    return out;
  }

  std::vector<Rule> rules_;
  std::atomic<uint64_t> texts_scanned_{0};
  std::atomic<uint64_t> matches_found_{0};
};

}  // namespace

extern "C" SENTINEL_EXPORT const sentinel_detector_api* sentinel_plugin_entry(uint32_t, uint32_t) {
  return sentinel::sdk::DetectorApi<SecretsDetector>();
}
