#include "config/guardrail_policy.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "common/utf8.h"

namespace sentinel {
namespace {

std::string Where(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return file;
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

Status ErrorAt(const std::string& file, const YAML::Node& node, const std::string& message) {
  return Status::InvalidArgument(Where(file, node.Mark()) + ": " + message);
}

Status CheckKeys(const std::string& file, const YAML::Node& map, const std::set<std::string>& allowed) {
  for (const auto& item : map) {
    if (!item.first.IsScalar() || !allowed.count(item.first.Scalar())) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      std::string key = item.first.IsScalar() && IsValidUtf8(item.first.Scalar()) ? item.first.Scalar() : "?";
      return ErrorAt(file, item.first, "unknown key '" + key + "' (allowed: " + list + ")");
    }
  }
  return Status::OK();
}

Status GetString(const std::string& file, const YAML::Node& node, std::string* out) {
  if (!node.IsScalar()) return ErrorAt(file, node, "expected a string");
  if (!IsValidUtf8(node.Scalar())) {
    return ErrorAt(file, node, "text is not valid UTF-8 (" + DescribeInvalidUtf8(node.Scalar()) + ")");
  }
  *out = node.Scalar();
  return Status::OK();
}

Status GetName(const std::string& file, const YAML::Node& node, const char* what, std::string* out) {
  Status s = GetString(file, node, out);
  if (!s.ok()) return s;
  if (out->empty() || out->size() > 128) return ErrorAt(file, node, std::string(what) + " must be 1-128 characters");
  return Status::OK();
}

Status GetDouble(const std::string& file, const YAML::Node& node, double min, double max, double* out) {
  const std::string v = node.IsScalar() ? node.Scalar() : std::string();
  char* end = nullptr;
  errno = 0;
  double d = v.empty() ? 0 : std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || errno != 0 || !std::isfinite(d)) {
    return ErrorAt(file, node, "expected a number, got '" + (IsValidUtf8(v) ? v : std::string("?")) + "'");
  }
  if (d < min || d > max) {
    return ErrorAt(file, node, "value " + v + " out of range [" + std::to_string(min).substr(0, 3) + ", " +
                                   std::to_string(max).substr(0, 3) + "]");
  }
  *out = d;
  return Status::OK();
}

template <typename T>
Status GetUnsigned(const std::string& file, const YAML::Node& node, T min, T max, T* out) {
  const std::string v = node.IsScalar() ? node.Scalar() : std::string();
  if (v.empty() || v.size() > 19 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return ErrorAt(file, node, "expected a whole number, got '" + (IsValidUtf8(v) ? v : std::string("?")) + "'");
  }
  unsigned long long n = std::stoull(v);
  if (n < static_cast<unsigned long long>(min) || n > static_cast<unsigned long long>(max)) {
    return ErrorAt(file, node,
                   "value " + v + " out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  *out = static_cast<T>(n);
  return Status::OK();
}

Status GetStringList(const std::string& file, const YAML::Node& node, std::vector<std::string>* out) {
  if (!node.IsSequence()) return ErrorAt(file, node, "expected a list of strings");
  out->clear();
  for (const auto& item : node) {
    std::string v;
    Status s = GetString(file, item, &v);
    if (!s.ok()) return s;
    out->push_back(v);
  }
  return Status::OK();
}

// A YAML value as JSON (operators and analyze options), plain scalars resolved as YAML 1.2's core schema.
Status ToJson(const std::string& file, const YAML::Node& node, int depth, nlohmann::json* out) {
  if (depth > 16) return ErrorAt(file, node, "nested too deep (or an alias refers to itself)");
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      *out = nullptr;
      return Status::OK();
    case YAML::NodeType::Sequence:
      *out = nlohmann::json::array();
      for (const auto& item : node) {
        nlohmann::json v;
        Status s = ToJson(file, item, depth + 1, &v);
        if (!s.ok()) return s;
        out->push_back(std::move(v));
      }
      return Status::OK();
    case YAML::NodeType::Map:
      *out = nlohmann::json::object();
      for (const auto& item : node) {
        std::string key;
        Status s = GetString(file, item.first, &key);
        if (!s.ok()) return s;
        nlohmann::json v;
        if (!(s = ToJson(file, item.second, depth + 1, &v)).ok()) return s;
        (*out)[key] = std::move(v);
      }
      return Status::OK();
    case YAML::NodeType::Scalar: {
      std::string v;
      Status s = GetString(file, node, &v);
      if (!s.ok()) return s;
      *out = v;
      if (node.Tag() == "!") return Status::OK();  // quoted: a string
      if (v == "true" || v == "false") {
        *out = v == "true";
      } else if (v == "null" || v == "~") {
        *out = nullptr;
      } else if (!v.empty() && v.find_first_not_of("0123456789+-.eE") == std::string::npos) {
        char* end = nullptr;
        errno = 0;
        long long i = std::strtoll(v.c_str(), &end, 10);
        if (*end == '\0' && errno == 0) {
          *out = i;
        } else {
          errno = 0;
          double d = std::strtod(v.c_str(), &end);
          if (*end == '\0' && errno == 0) *out = d;
        }
      }
      return Status::OK();
    }
  }
  return Status::OK();
}

const char* const kOperatorTypes[] = {"replace", "redact", "mask", "hash", "encrypt", "keep"};

Status ParseRail(const std::string& file, const YAML::Node& node, RailConfig* rail) {
  if (!node.IsMap()) return ErrorAt(file, node, "a rail must be a mapping (rail, module, action, ...)");
  Status s = CheckKeys(file, node,
                       {"rail", "module", "action", "threshold", "labels", "entities", "min_score", "operators",
                        "options"});
  if (!s.ok()) return s;
  rail->where = Where(file, node.Mark());
  if (!node["rail"]) return ErrorAt(file, node, "missing required key 'rail' (the rail's name)");
  if (!(s = GetName(file, node["rail"], "rail", &rail->name)).ok()) return s;
  if (!node["module"]) return ErrorAt(file, node, "missing required key 'module'");
  if (!(s = GetName(file, node["module"], "module", &rail->module)).ok()) return s;
  if (!node["action"]) return ErrorAt(file, node, "missing required key 'action' (block or redact)");
  std::string action;
  if (!(s = GetString(file, node["action"], &action)).ok()) return s;
  if (action == "block") {
    rail->action = RailAction::kBlock;
  } else if (action == "redact") {
    rail->action = RailAction::kRedact;
  } else {
    return ErrorAt(file, node["action"], "action must be block or redact, got '" + action + "'");
  }
  if (node["threshold"]) {
    if (rail->action != RailAction::kBlock) return ErrorAt(file, node["threshold"], "threshold applies to action: block");
    if (!(s = GetDouble(file, node["threshold"], 0.0, 1.0, &rail->threshold)).ok()) return s;
    rail->score_block = true;
  }
  if (node["labels"]) {
    if (!rail->score_block) return ErrorAt(file, node["labels"], "labels need a threshold (block when a label's score reaches it)");
    if (!(s = GetStringList(file, node["labels"], &rail->labels)).ok()) return s;
  }
  if (node["entities"]) {
    if (rail->score_block) return ErrorAt(file, node["entities"], "entities and threshold exclude each other");
    if (!(s = GetStringList(file, node["entities"], &rail->entities)).ok()) return s;
  }
  if (node["min_score"]) {
    if (rail->score_block) return ErrorAt(file, node["min_score"], "min_score and threshold exclude each other");
    if (!(s = GetDouble(file, node["min_score"], 0.0, 1.0, &rail->min_score)).ok()) return s;
  }
  if (node["operators"]) {
    if (rail->action != RailAction::kRedact) return ErrorAt(file, node["operators"], "operators apply to action: redact");
    if (!node["operators"].IsMap()) return ErrorAt(file, node["operators"], "operators must map entity types to {type: ...}");
    for (const auto& item : node["operators"]) {
      if (!item.second.IsMap() || !item.second["type"]) {
        return ErrorAt(file, item.second, "an operator must be a mapping with a 'type'");
      }
      std::string type;
      if (!(s = GetString(file, item.second["type"], &type)).ok()) return s;
      if (std::find(std::begin(kOperatorTypes), std::end(kOperatorTypes), type) == std::end(kOperatorTypes)) {
        return ErrorAt(file, item.second["type"],
                       "operator type '" + type + "' is not one of replace, redact, mask, hash, encrypt, keep");
      }
    }
    nlohmann::json ops;
    if (!(s = ToJson(file, node["operators"], 0, &ops)).ok()) return s;
    rail->operators_json = ops.dump();
  }
  if (node["options"]) {
    if (!node["options"].IsMap()) return ErrorAt(file, node["options"], "options must be a mapping");
    if (node["options"]["text"]) return ErrorAt(file, node["options"]["text"], "options must not set 'text'");
    nlohmann::json options;
    if (!(s = ToJson(file, node["options"], 0, &options)).ok()) return s;
    rail->options_json = options.dump();
  }
  return Status::OK();
}

Status ParseRails(const std::string& file, const YAML::Node& node, std::vector<RailConfig>* rails) {
  if (node.IsNull()) return Status::OK();
  if (!node.IsSequence()) return ErrorAt(file, node, "expected a list of rails");
  std::set<std::string> names;
  for (const auto& item : node) {
    RailConfig rail;
    Status s = ParseRail(file, item, &rail);
    if (!s.ok()) return s;
    if (!names.insert(rail.name).second) return ErrorAt(file, item["rail"], "rail '" + rail.name + "' is listed twice");
    rails->push_back(std::move(rail));
  }
  return Status::OK();
}

}  // namespace

const GuardrailConfig* GuardrailPolicy::Find(const std::string& id) const {
  for (const auto& c : configs) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::string GuardrailPolicy::ConfigNames() const {
  std::string names;
  for (const auto& c : configs) names += (names.empty() ? "" : ", ") + c.id;
  return names;
}

Status ParseGuardrailPolicy(const std::string& file, const YAML::Node& node, GuardrailPolicy* out) {
  GuardrailPolicy policy;
  if (!node.IsMap()) return ErrorAt(file, node, "guardrails must be a mapping");
  Status s = CheckKeys(file, node, {"default_config", "configs", "streaming"});
  if (!s.ok()) return s;
  if (!node["configs"] || !node["configs"].IsMap() || node["configs"].size() == 0) {
    return ErrorAt(file, node["configs"] ? node["configs"] : node,
                   "guardrails.configs must map at least one config id to its rails");
  }
  for (const auto& item : node["configs"]) {
    GuardrailConfig config;
    if (!(s = GetName(file, item.first, "config id", &config.id)).ok()) return s;
    const YAML::Node& body = item.second;
    if (!body.IsMap()) return ErrorAt(file, body, "config '" + config.id + "' must be a mapping (input, output, refusal_message)");
    if (!(s = CheckKeys(file, body, {"input", "output", "refusal_message"})).ok()) return s;
    if (body["refusal_message"] && !(s = GetString(file, body["refusal_message"], &config.refusal_message)).ok()) return s;
    if (body["input"] && !(s = ParseRails(file, body["input"], &config.input)).ok()) return s;
    if (body["output"] && !(s = ParseRails(file, body["output"], &config.output)).ok()) return s;
    if (config.input.empty() && config.output.empty()) {
      return ErrorAt(file, body, "config '" + config.id + "' has no rails (add input: or output:)");
    }
    policy.configs.push_back(std::move(config));
  }
  policy.default_config = policy.configs.front().id;
  if (node["default_config"]) {
    if (!(s = GetString(file, node["default_config"], &policy.default_config)).ok()) return s;
    if (!policy.Find(policy.default_config)) {
      return ErrorAt(file, node["default_config"],
                     "default_config '" + policy.default_config + "' is not one of the configs (" +
                         policy.ConfigNames() + ")");
    }
  }
  if (const YAML::Node st = node["streaming"]) {
    if (!st.IsMap()) return ErrorAt(file, st, "streaming must be a mapping");
    s = CheckKeys(file, st, {"hold_back_bytes", "context_bytes", "max_pending_bytes", "max_stream_bytes",
                             "idle_timeout_ms"});
    if (!s.ok()) return s;
    StreamingConfig& c = policy.streaming;
    if (st["hold_back_bytes"] &&
        !(s = GetUnsigned<std::size_t>(file, st["hold_back_bytes"], 16, 65536, &c.hold_back_bytes)).ok())
      return s;
    if (st["context_bytes"] &&
        !(s = GetUnsigned<std::size_t>(file, st["context_bytes"], 0, 65536, &c.context_bytes)).ok())
      return s;
    if (st["max_pending_bytes"] &&
        !(s = GetUnsigned<std::size_t>(file, st["max_pending_bytes"], 64, 1 << 20, &c.max_pending_bytes)).ok())
      return s;
    if (st["max_stream_bytes"] &&
        !(s = GetUnsigned<std::size_t>(file, st["max_stream_bytes"], 1024, std::size_t{1} << 32, &c.max_stream_bytes)).ok())
      return s;
    if (st["idle_timeout_ms"] &&
        !(s = GetUnsigned<unsigned>(file, st["idle_timeout_ms"], 100, 3600000, &c.idle_timeout_ms)).ok())
      return s;
    if (c.max_pending_bytes < 2 * c.hold_back_bytes) {
      return ErrorAt(file, st, "max_pending_bytes must be at least twice hold_back_bytes");
    }
  }
  policy.configured = true;
  *out = std::move(policy);
  return Status::OK();
}

}  // namespace sentinel
