// Metrics: the daemon's counters, gauges and histograms, rendered at GET /metrics in the Prometheus text
// exposition format (version 0.0.4). Labels only ever carry bounded values: route templates or the paths a
// plugin declared, module names, HTTP methods and status codes, lifecycle stages and a fixed set of failure
// reason classes. Analyzed text and free-form error messages never become labels.
#ifndef SENTINEL_HOST_HTTP_METRICS_H_
#define SENTINEL_HOST_HTTP_METRICS_H_

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace sentinel {

class Admission;
class ModuleRegistry;

// Latency buckets in seconds, from 0.5 ms (a health probe) to 30 s (a cold model on a long text).
inline constexpr std::array<double, 14> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,  0.025, 0.05,
                                                           0.1,    0.25,  0.5,    1.0,   2.5,   5.0,   30.0};

struct Histogram {
  std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // per bucket, not cumulative
  uint64_t count = 0;
  double sum = 0;
  void Observe(double seconds);
};

// Maps a host failure message to one of a fixed set of reason classes (file_missing, permissions,
// checksum_mismatch, not_a_plugin, wrong_architecture, abi_incompatible, struct_size_mismatch,
// name_mismatch, invalid_descriptor, missing_symbol, missing_library, crashed, timeout, unsupported, busy,
// plugin_error, self_test_failed, other).
std::string ClassifyLoadFailure(const std::string& stage, const std::string& message);

class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  // `route` is a template or a declared plugin path ("unmatched" for 404s); `module` may be empty.
  void RequestFinished(const std::string& route, const std::string& method, const std::string& module, int status,
                       double seconds);
  // One call into a module's detector: `call` is "analyze", "http" or "health".
  void ModuleCall(const std::string& module, const char* call, bool ok, double seconds);
  // A module failed to load or activate (start, reload, or an activate request). `stage` is the lifecycle
  // stage (inspect, load, activate, self-test) or "swap" for a reload whose new instance was refused.
  void LoadFailure(const std::string& module, const std::string& stage, const std::string& message);
  // Records the failures listed in a ModuleRegistry::Apply report ({"failed":[{name,message}]}), taking
  // each stage from the module's recorded error ("swap" when the old instance kept serving).
  void RecordApplyFailures(const nlohmann::ordered_json& report, const ModuleRegistry& registry);

  // Time a request's ticket waited for a worker before its module call started (see Admission).
  void QueueWait(const std::string& module, double seconds);
  // The per-module queues whose depths and refusals are exported (set once, before serving).
  void SetAdmission(const Admission* admission) { admission_ = admission; }

  // The exposition text. Calls each active module's Health() to export the numbers it lists under
  // "metrics" (run it off the I/O threads).
  std::string Render(const ModuleRegistry& registry) const;

 private:
  using RequestKey = std::tuple<std::string, std::string, std::string>;  // route, method, module
  using CallKey = std::pair<std::string, std::string>;                    // module, call

  std::atomic<int64_t> in_flight_{0};
  double start_time_seconds_;
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, std::string, int>, uint64_t> requests_;  // + status code
  std::map<RequestKey, Histogram> request_latency_;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> calls_;  // module, call, outcome
  std::map<CallKey, Histogram> call_latency_;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> load_failures_;  // module, stage, reason
  std::map<std::string, Histogram> queue_wait_;  // by module
  const Admission* admission_ = nullptr;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_METRICS_H_
