#include "dynamic_batcher.h"

#include <algorithm>

namespace sentinel {
namespace toxicity {

struct DynamicBatcher::Request {
  const std::vector<std::vector<int64_t>>* sequences;
  std::vector<std::vector<float>>* scores;
  size_t remaining;
  std::string error;
};

DynamicBatcher::DynamicBatcher(RunFn run, size_t max_batch_size, std::chrono::microseconds max_queue_delay)
    : run_(std::move(run)),
      max_batch_size_(std::max<size_t>(1, max_batch_size)),
      max_queue_delay_(max_queue_delay),
      worker_(&DynamicBatcher::WorkerLoop, this) {}

DynamicBatcher::~DynamicBatcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  worker_.join();
}

bool DynamicBatcher::Score(const std::vector<std::vector<int64_t>>& sequences,
                           std::vector<std::vector<float>>* scores, std::string* error) {
  scores->assign(sequences.size(), {});
  if (sequences.empty()) return true;
  Request request{&sequences, scores, sequences.size(), ""};
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (stopping_) {
      *error = "the model is shutting down";
      return false;
    }
    const auto now = std::chrono::steady_clock::now();
    for (size_t i = 0; i < sequences.size(); ++i) queue_.push_back(Item{&request, i, now});
    work_ready_.notify_one();
    work_done_.wait(lock, [&] { return request.remaining == 0; });
  }
  if (!request.error.empty()) {
    *error = request.error;
    return false;
  }
  return true;
}

void DynamicBatcher::WorkerLoop() {
  std::vector<Item> batch;
  std::vector<const std::vector<int64_t>*> inputs;
  std::vector<std::vector<float>> outputs;
  std::string error;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping with nothing left
      // Wait for a full batch or for the oldest item's deadline, whichever comes first.
      const auto deadline = queue_.front().enqueued + max_queue_delay_;
      work_ready_.wait_until(lock, deadline, [&] { return stopping_ || queue_.size() >= max_batch_size_; });
      const size_t n = std::min(queue_.size(), max_batch_size_);
      batch.assign(queue_.begin(), queue_.begin() + n);
      queue_.erase(queue_.begin(), queue_.begin() + n);
      ++batches_run_;
      sequences_run_ += n;
      largest_batch_ = std::max(largest_batch_, n);
    }
    inputs.clear();
    for (const Item& item : batch) inputs.push_back(&(*item.request->sequences)[item.index]);
    error.clear();
    const bool ok = run_(inputs, &outputs, &error) && outputs.size() == batch.size();
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (size_t i = 0; i < batch.size(); ++i) {
        Request* r = batch[i].request;
        if (ok) {
          (*r->scores)[batch[i].index] = std::move(outputs[i]);
        } else if (r->error.empty()) {
          r->error = error.empty() ? "model returned the wrong number of rows" : error;
        }
        --r->remaining;
      }
    }
    work_done_.notify_all();
  }
}

uint64_t DynamicBatcher::batches_run() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_run_;
}

uint64_t DynamicBatcher::sequences_run() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sequences_run_;
}

size_t DynamicBatcher::largest_batch() const {
  std::lock_guard<std::mutex> lock(mu_);
  return largest_batch_;
}

}  // namespace toxicity
}  // namespace sentinel
