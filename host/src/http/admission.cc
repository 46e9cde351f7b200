#include "http/admission.h"

namespace sentinel {

Status Admission::TryAcquire(const std::string& module, std::shared_ptr<Ticket>* ticket) {
  Queue* queue;
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::unique_ptr<Queue>& q = queues_[module];
    if (!q) q = std::make_unique<Queue>();
    queue = q.get();  // queues are never removed: module names are bounded by the configuration
  }
  const int64_t limit = static_cast<int64_t>(limit_.load(std::memory_order_relaxed));
  if (queue->depth->fetch_add(1, std::memory_order_relaxed) >= limit) {
    queue->depth->fetch_sub(1, std::memory_order_relaxed);
    queue->rejected.fetch_add(1, std::memory_order_relaxed);
    return Status::ResourceExhausted("module '" + module + "' has " + std::to_string(limit) +
                                     " requests waiting or running (limits.max_queue_per_module); retry later");
  }
  *ticket = std::make_shared<Ticket>(queue->depth, module);
  return Status::OK();
}

std::map<std::string, Admission::QueueState> Admission::States() const {
  std::map<std::string, QueueState> out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, q] : queues_) {
    out[name] = {q->depth->load(std::memory_order_relaxed), q->rejected.load(std::memory_order_relaxed)};
  }
  return out;
}

}  // namespace sentinel
