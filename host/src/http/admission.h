// Admission: a bounded queue per module. Every request that will call a module's detector takes a ticket for
// that module before it is queued on the worker pool and gives it back when the call is done; while
// `max_queue_per_module` tickets are out, the request is refused at once (429 with Retry-After) instead of
// waiting behind the others without bound. Depths, refusals and the time tickets waited for a worker are
// exported on /metrics (sentinel_module_queue_depth, sentinel_module_queue_rejected_total,
// sentinel_module_queue_wait_seconds), for an autoscaler.
#ifndef SENTINEL_HOST_HTTP_ADMISSION_H_
#define SENTINEL_HOST_HTTP_ADMISSION_H_

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"

namespace sentinel {

class Admission {
 public:
  // Held while a request waits for or runs its module call; released when destroyed.
  class Ticket {
   public:
    Ticket(std::shared_ptr<std::atomic<int64_t>> depth, std::string module)
        : depth_(std::move(depth)), module_(std::move(module)), admitted_(std::chrono::steady_clock::now()) {}
    ~Ticket() { depth_->fetch_sub(1, std::memory_order_relaxed); }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    const std::string& module() const { return module_; }
    // Seconds since admission: call when the worker starts the module call.
    double WaitedSeconds() const {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - admitted_).count();
    }

   private:
    std::shared_ptr<std::atomic<int64_t>> depth_;
    std::string module_;
    std::chrono::steady_clock::time_point admitted_;
  };

  void SetLimit(std::size_t max_queue_per_module) { limit_.store(max_queue_per_module); }
  std::size_t limit() const { return limit_.load(); }

  // A ticket for `module`, or kResourceExhausted naming the module and the limit.
  Status TryAcquire(const std::string& module, std::shared_ptr<Ticket>* ticket);

  struct QueueState {
    int64_t depth = 0;
    uint64_t rejected = 0;
  };
  std::map<std::string, QueueState> States() const;

 private:
  struct Queue {
    std::shared_ptr<std::atomic<int64_t>> depth = std::make_shared<std::atomic<int64_t>>(0);
    std::atomic<uint64_t> rejected{0};
  };
  std::atomic<std::size_t> limit_{32};
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Queue>> queues_;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_ADMISSION_H_
