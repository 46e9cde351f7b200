#include "http/metrics.h"

#include "http/admission.h"

#include <chrono>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "module/module_registry.h"
#include "sentinel/plugin_abi.h"

namespace sentinel {
namespace {

// Plugins may export at most this many numbers each, so a buggy plugin cannot flood the scrape.
constexpr size_t kMaxPluginMetrics = 64;

// A label value as the exposition format wants it: UTF-8 (a plugin's descriptor may not be), with
// backslashes, double quotes and newlines escaped.
std::string Escape(const std::string& raw) {
  const std::string value = ToValidUtf8(raw);
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.10g", v);
  return buf;
}

std::string Labels(std::initializer_list<std::pair<const char*, std::string>> labels) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ",";
    first = false;
    out += name;
    out += "=\"" + Escape(value) + "\"";
  }
  return out + "}";
}

void Family(std::string* out, const char* name, const char* type, const char* help) {
  *out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

// Writes one histogram's _bucket, _sum and _count lines. `labels` is "a=\"x\",b=\"y\"" (no braces).
void WriteHistogram(std::string* out, const char* name, const std::string& labels, const Histogram& h) {
  uint64_t cumulative = 0;
  std::string sep = labels.empty() ? "" : ",";
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += h.buckets[i];
    *out += std::string(name) + "_bucket{" + labels + sep + "le=\"" + Number(kLatencyBuckets[i]) + "\"} " +
            std::to_string(cumulative) + "\n";
  }
  *out += std::string(name) + "_bucket{" + labels + sep + "le=\"+Inf\"} " + std::to_string(h.count) + "\n";
  *out += std::string(name) + "_sum{" + labels + "} " + Number(h.sum) + "\n";
  *out += std::string(name) + "_count{" + labels + "} " + std::to_string(h.count) + "\n";
}

std::string Inner(const std::string& braced) { return braced.substr(1, braced.size() - 2); }

std::string MetricName(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    out += ok ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
  }
  return out;
}

bool Contains(const std::string& haystack, const char* needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

void Histogram::Observe(double seconds) {
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      ++buckets[i];
      break;
    }
  }
  ++count;
  sum += seconds;
}

std::string ClassifyLoadFailure(const std::string& stage, const std::string& m) {
  // Ordered from the most to the least specific host message.
  if (Contains(m, "crashed while loading") || Contains(m, "killed by signal")) return "crashed";
  if (Contains(m, "static initializers never returned") || Contains(m, "timed out")) return "timeout";
  if (Contains(m, "size changed")) return "struct_size_mismatch";
  if (Contains(m, "descriptor field") && Contains(m, "is not valid UTF-8")) return "invalid_descriptor";
  if (Contains(m, "host ABI") || Contains(m, "ABI ")) return "abi_incompatible";
  if (Contains(m, "sha256")) return "checksum_mismatch";
  if (Contains(m, "writable by group") || Contains(m, "outside the configured plugin folders") ||
      Contains(m, "cannot stat") || Contains(m, "not readable") || Contains(m, "Permission denied")) {
    return "permissions";
  }
  if (Contains(m, "is built for") || Contains(m, "big-endian") || Contains(m, "32-bit") ||
      Contains(m, "this host loads only 64-bit")) {
    return "wrong_architecture";
  }
  if (Contains(m, "not a Sentinel plugin") || Contains(m, "not an ELF") || Contains(m, "truncated") ||
      Contains(m, "not a shared object") || Contains(m, "magic") || Contains(m, "malformed")) {
    return "not_a_plugin";
  }
  if (Contains(m, "cannot open shared object") || Contains(m, "shared librar")) return "missing_library";
  if (Contains(m, "undefined symbol") || Contains(m, "entry point") || Contains(m, "entry symbol") ||
      Contains(m, "declare it extern")) {
    return "missing_symbol";
  }
  if (Contains(m, "but the module YAML expects")) return "name_mismatch";
  if (Contains(m, "plugin file not found") || Contains(m, "No such file")) return "file_missing";
  if (Contains(m, "not supported by this sentineld")) return "unsupported";
  if (Contains(m, "; try again")) return "busy";
  if (stage == "self-test") return "self_test_failed";
  if (stage == "activate" || stage == "swap") return "plugin_error";
  return "other";
}

Metrics::Metrics() {
  start_time_seconds_ =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void Metrics::RequestFinished(const std::string& route, const std::string& method, const std::string& module,
                              int status, double seconds) {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method, module, status}];
  request_latency_[{route, method, module}].Observe(seconds);
}

void Metrics::ModuleCall(const std::string& module, const char* call, bool ok, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++calls_[{module, call, ok ? "ok" : "error"}];
  call_latency_[{module, call}].Observe(seconds);
}

void Metrics::LoadFailure(const std::string& module, const std::string& stage, const std::string& message) {
  // Host messages start with "<module>: "; the module's own name must not sway the classification.
  const std::string prefix = module + ": ";
  std::string reason = ClassifyLoadFailure(
      stage, message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message);
  std::lock_guard<std::mutex> lock(mu_);
  ++load_failures_[{module, stage, reason}];
}

void Metrics::RecordApplyFailures(const nlohmann::ordered_json& report, const ModuleRegistry& registry) {
  if (!report.contains("failed")) return;
  for (const auto& f : report["failed"]) {
    const std::string name = f.value("name", "");
    std::string stage = "swap";
    if (auto module = registry.Find(name); module && module->state() == ModuleState::kFailed) {
      nlohmann::ordered_json j = module->ToJson();
      if (j["error"].is_object()) stage = j["error"].value("stage", "other");
    }
    LoadFailure(name, stage, f.value("message", ""));
  }
}

void Metrics::QueueWait(const std::string& module, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_wait_[module].Observe(seconds);
}

std::string Metrics::Render(const ModuleRegistry& registry) const {
  std::string out;
  out.reserve(16 * 1024);

  Family(&out, "sentinel_build_info", "gauge", "Version of sentineld and its plugin ABI.");
  out += "sentinel_build_info" +
         Labels({{"version", SENTINEL_VERSION},
                 {"abi", std::to_string(SENTINEL_ABI_MAJOR) + "." + std::to_string(SENTINEL_ABI_MINOR)}}) +
         " 1\n";
  Family(&out, "sentinel_start_time_seconds", "gauge", "Start time of the process since the Unix epoch.");
  out += "sentinel_start_time_seconds " + Number(start_time_seconds_) + "\n";
  Family(&out, "sentinel_http_requests_in_flight", "gauge", "HTTP requests being handled now.");
  out += "sentinel_http_requests_in_flight " + std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";

  {
    std::lock_guard<std::mutex> lock(mu_);
    Family(&out, "sentinel_http_requests_total", "counter",
           "HTTP requests answered, by route template, method, serving module and status code.");
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, module, code] = key;
      out += "sentinel_http_requests_total" +
             Labels({{"route", route}, {"method", method}, {"module", module}, {"code", std::to_string(code)}}) +
             " " + std::to_string(n) + "\n";
    }
    Family(&out, "sentinel_http_request_duration_seconds", "histogram",
           "Time from a parsed request to its response, by route template, method and serving module.");
    for (const auto& [key, h] : request_latency_) {
      const auto& [route, method, module] = key;
      WriteHistogram(&out, "sentinel_http_request_duration_seconds",
                     Inner(Labels({{"route", route}, {"method", method}, {"module", module}})), h);
    }
    Family(&out, "sentinel_module_calls_total", "counter",
           "Calls into a module's detector, by call (analyze, http, health) and outcome.");
    for (const auto& [key, n] : calls_) {
      const auto& [module, call, outcome] = key;
      out += "sentinel_module_calls_total" + Labels({{"module", module}, {"call", call}, {"outcome", outcome}}) +
             " " + std::to_string(n) + "\n";
    }
    Family(&out, "sentinel_module_call_duration_seconds", "histogram",
           "Time spent in a module's detector per call.");
    for (const auto& [key, h] : call_latency_) {
      WriteHistogram(&out, "sentinel_module_call_duration_seconds",
                     Inner(Labels({{"module", key.first}, {"call", key.second}})), h);
    }
    Family(&out, "sentinel_module_queue_wait_seconds", "histogram",
           "Time a request waited for a worker before its module call started.");
    for (const auto& [module, h] : queue_wait_) {
      WriteHistogram(&out, "sentinel_module_queue_wait_seconds", Inner(Labels({{"module", module}})), h);
    }
    Family(&out, "sentinel_module_load_failures_total", "counter",
           "Module loads or activations refused, by lifecycle stage and reason class.");
    for (const auto& [key, n] : load_failures_) {
      const auto& [module, stage, reason] = key;
      out += "sentinel_module_load_failures_total" +
             Labels({{"module", module}, {"stage", stage}, {"reason", reason}}) + " " + std::to_string(n) + "\n";
    }
  }

  if (admission_ != nullptr) {
    std::string depth_lines, rejected_lines;
    for (const auto& [module, q] : admission_->States()) {
      depth_lines += "sentinel_module_queue_depth" + Labels({{"module", module}}) + " " + std::to_string(q.depth) + "\n";
      rejected_lines += "sentinel_module_queue_rejected_total" + Labels({{"module", module}}) + " " +
                        std::to_string(q.rejected) + "\n";
    }
    Family(&out, "sentinel_module_queue_depth", "gauge",
           "Requests waiting for or running a call of the module now (at most limits.max_queue_per_module).");
    out += depth_lines;
    Family(&out, "sentinel_module_queue_rejected_total", "counter",
           "Requests refused with 429 because the module's queue was full.");
    out += rejected_lines;
    Family(&out, "sentinel_module_queue_limit", "gauge", "limits.max_queue_per_module.");
    out += "sentinel_module_queue_limit " + std::to_string(admission_->limit()) + "\n";
  }

  static const ModuleState kStates[] = {ModuleState::kInactive, ModuleState::kActivating, ModuleState::kActive,
                                        ModuleState::kFailed, ModuleState::kDeactivating};
  std::vector<std::shared_ptr<Module>> modules = registry.List();
  std::string state_lines, enabled_lines, activation_lines, info_lines;
  for (const auto& module : modules) {
    const std::string name = module->name();
    const ModuleState state = module->state();
    for (ModuleState s : kStates) {
      state_lines += "sentinel_module_state" + Labels({{"module", name}, {"state", ModuleStateName(s)}}) +
                     (s == state ? " 1\n" : " 0\n");
    }
    nlohmann::ordered_json j = module->ToJson();
    enabled_lines += "sentinel_module_enabled" + Labels({{"module", name}}) + (j["enabled"].get<bool>() ? " 1\n" : " 0\n");
    if (j["activation_ms"].is_number()) {
      activation_lines += "sentinel_module_activation_seconds" + Labels({{"module", name}}) + " " +
                          Number(j["activation_ms"].get<double>() / 1000.0) + "\n";
    }
    if (j["plugin"].is_object()) {
      info_lines += "sentinel_module_info" +
                    Labels({{"module", name},
                            {"plugin", j["plugin"]["name"].get<std::string>()},
                            {"version", j["plugin"]["version"].get<std::string>()},
                            {"abi", j["abi"]["plugin"].get<std::string>()}}) +
                    " 1\n";
    }
  }
  Family(&out, "sentinel_module_state", "gauge", "1 for the module's current lifecycle state, 0 for the others.");
  out += state_lines;
  Family(&out, "sentinel_module_enabled", "gauge", "1 when the module YAML enables the module.");
  out += enabled_lines;
  Family(&out, "sentinel_module_activation_seconds", "gauge",
         "Duration of the active instance's activation (inspect, load, activate, self-test).");
  out += activation_lines;
  Family(&out, "sentinel_module_info", "gauge", "Plugin name, version and ABI of each module whose plugin was inspected.");
  out += info_lines;

  // Plugin-specific numbers: an active module's health JSON may carry {"metrics": {"name": number, ...}}.
  // Each becomes sentinel_plugin_<name>{module="..."}; a name ending in _total is a counter.
  std::map<std::string, std::vector<std::pair<std::string, double>>> plugin_families;
  for (const auto& module : modules) {
    std::shared_ptr<Detector> detector = module->detector();
    if (!detector) continue;
    std::string health;
    if (!detector->Health(&health).ok()) continue;
    nlohmann::json doc = nlohmann::json::parse(health, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("metrics") || !doc["metrics"].is_object()) continue;
    size_t exported = 0;
    for (const auto& [key, value] : doc["metrics"].items()) {
      if (exported == kMaxPluginMetrics) break;
      if (!value.is_number() && !value.is_boolean()) continue;
      std::string family = "sentinel_plugin_" + MetricName(key);
      double v = value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
      plugin_families[family].emplace_back(module->name(), v);
      ++exported;
    }
  }
  for (const auto& [family, samples] : plugin_families) {
    bool counter = family.size() > 6 && family.compare(family.size() - 6, 6, "_total") == 0;
    Family(&out, family.c_str(), counter ? "counter" : "gauge", "Reported by the plugin in its health JSON.");
    for (const auto& [module, v] : samples) out += family + Labels({{"module", module}}) + " " + Number(v) + "\n";
  }
  return out;
}

}  // namespace sentinel
