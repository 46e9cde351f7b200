// WorkerProtocol: the framing used between sentineld and a module's worker process (isolation: process).
// Frames travel over a Unix stream socket: a fixed header {type, request id, payload length} and a payload
// made of length-prefixed fields. Both sides are ours, built from one source tree, so no versioning is needed.
#ifndef SENTINEL_HOST_MODULE_WORKER_PROTOCOL_H_
#define SENTINEL_HOST_MODULE_WORKER_PROTOCOL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sentinel {

enum class WorkerMessage : uint32_t {
  kActivate = 1,  // fields: settings_json, module_name, config_dir, models_dir, plugin_threads
  kSelfTest = 2,
  kDescribe = 3,
  kHealth = 4,
  kAnalyze = 5,   // fields: request_json
  kHttp = 6,      // fields: method, path, query, body, host
  kReply = 100,   // fields: status code, http status, content type, body or error message
};

struct WorkerFrame {
  WorkerMessage type = WorkerMessage::kReply;
  uint64_t id = 0;
  std::vector<std::string> fields;
};

constexpr uint32_t kMaxWorkerPayload = 256u << 20;

// Blocking I/O on a socket. Return false on EOF or error.
bool WriteWorkerFrame(int fd, const WorkerFrame& frame);
bool ReadWorkerFrame(int fd, WorkerFrame* frame);

}  // namespace sentinel

#endif  // SENTINEL_HOST_MODULE_WORKER_PROTOCOL_H_
