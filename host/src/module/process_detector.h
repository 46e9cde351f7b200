// ProcessDetector: a Detector whose plugin runs in a supervised worker process (isolation: process).
// Requests travel over a Unix socket (module/worker_protocol.h); several may be in flight at once. When the
// worker dies (a plugin crash), every pending request fails with 503, the module is reported failed with the
// signal, and the worker is restarted with exponential backoff, re-activated and self-tested before it serves
// again. The daemon itself never loads the plugin.
#ifndef SENTINEL_HOST_MODULE_PROCESS_DETECTOR_H_
#define SENTINEL_HOST_MODULE_PROCESS_DETECTOR_H_

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "module/detector.h"
#include "module/in_process_detector.h"
#include "module/worker_protocol.h"

namespace sentinel {

// Called from the supervisor thread when the worker dies and when a restarted worker serves again.
struct WorkerEvents {
  std::function<void(const std::string& reason)> on_crash;
  std::function<void()> on_recovered;
};

class ProcessDetector : public Detector {
 public:
  // Starts the worker and activates the plugin in it. Fails with the plugin's activation error.
  static Status Create(const std::string& library, const std::string& entry_symbol, const ActivationRequest& request,
                       WorkerEvents events, std::unique_ptr<ProcessDetector>* out);
  ~ProcessDetector() override;

  Status SelfTest() override;
  Status Describe(std::string* json) override;
  Status Analyze(std::string_view request_json, std::string* result_json) override;
  Status HandleHttp(const PluginHttpRequest& request, PluginHttpResponse* response) override;
  Status Health(std::string* json) override;

  pid_t worker_pid() const { return pid_.load(); }

 private:
  ProcessDetector(std::string library, std::string entry_symbol, ActivationRequest request, WorkerEvents events);
  Status Spawn();                    // start a worker process and its reader thread
  Status ActivateWorker(bool self_test);
  Status Call(WorkerMessage type, std::vector<std::string> fields, WorkerFrame* reply);
  void ReaderLoop(int fd, pid_t pid);
  std::string ReapWorker(pid_t pid);  // after the socket closed: the exit status in words (e.g. "SIGABRT")
  void Supervise();
  void FailPending(const std::string& reason);

  const std::string library_;
  const std::string entry_symbol_;
  const ActivationRequest request_;
  WorkerEvents events_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool worker_dead_ = false;
  bool stopping_ = false;
  bool serving_ = false;
  bool activating_ = false;  // ActivateWorker in progress: no supervisor is waiting to answer pending calls
  std::string death_cause_;  // how the last worker ended, set by its reader thread
  int fd_ = -1;
  std::atomic<pid_t> pid_{-1};
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::shared_ptr<std::promise<WorkerFrame>>> pending_;
  std::mutex write_mu_;
  std::thread reader_;
  std::thread supervisor_;
};

// The worker's side (`sentineld --worker LIBRARY ENTRY`): serves frames on fd 3 until the socket closes.
int WorkerMain(const std::string& library, const std::string& entry_symbol);

}  // namespace sentinel

#endif  // SENTINEL_HOST_MODULE_PROCESS_DETECTOR_H_
