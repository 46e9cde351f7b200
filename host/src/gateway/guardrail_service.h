// GuardrailService: runs guardrail checks against the policy in force (swapped on reload) and binds the rails of
// a redaction stream. One check runs every rail it needs at once on the worker pool: per role, the redact rails
// as one chain (each rail redacts what the previous one left) and each block rail on its own, all on the
// original text, so a check takes about as long as its slowest module, not the sum of them. A rail whose module
// is missing or inactive fails the check with 503 (fail closed: the gateway decides what to do).
#ifndef SENTINEL_HOST_GATEWAY_GUARDRAIL_SERVICE_H_
#define SENTINEL_HOST_GATEWAY_GUARDRAIL_SERVICE_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>

#include "common/status.h"
#include "config/guardrail_policy.h"
#include "gateway/check_api.h"
#include "gateway/rail_calls.h"
#include "http/admission.h"
#include "http/metrics.h"
#include "module/module_registry.h"

namespace sentinel {

// Called once with the answer body (status OK) or the error.
using CheckDone = std::function<void(const Status& status, nlohmann::ordered_json body)>;

// The redact rails of one role of one config, bound to their modules, for a stream.
struct StreamRails {
  std::shared_ptr<const GuardrailPolicy> policy;  // keeps the rails' configs alive
  std::vector<BoundRail> rails;
};

class GuardrailService {
 public:
  // `admission` bounds the requests queued per module: a check takes one ticket per module it calls.
  GuardrailService(ModuleRegistry* registry, boost::asio::thread_pool* workers, Metrics* metrics,
                   Admission* admission);

  void SetPolicy(const GuardrailPolicy& policy);
  std::shared_ptr<const GuardrailPolicy> policy() const;

  // POST /v1/checks and /v1/guardrail/checks: parses `body`, runs the rails, answers in `shape`.
  void Check(CheckShape shape, std::string_view body, std::size_t max_text_bytes, CheckDone done);

  // The redact rails of `role` ("input" or "output") in config `config_id` (empty: the default config).
  Status BindStreamRails(const std::string& config_id, const std::string& role, StreamRails* out) const;

  Metrics* metrics() const { return metrics_; }
  boost::asio::thread_pool* workers() const { return workers_; }

 private:
  struct Run;
  // The configs a request names (the default when none), or the error naming an unknown one.
  Status ResolveConfigs(const GuardrailPolicy& policy, const std::vector<std::string>& ids,
                        std::vector<const GuardrailConfig*>* out) const;
  void Finish(const std::shared_ptr<Run>& run);

  ModuleRegistry* registry_;
  boost::asio::thread_pool* workers_;
  Metrics* metrics_;
  Admission* admission_;
  mutable std::mutex mu_;
  std::shared_ptr<const GuardrailPolicy> policy_;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_GATEWAY_GUARDRAIL_SERVICE_H_
