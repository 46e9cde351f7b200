// dynamic_batcher.h -- groups concurrent scoring requests into model batches, like Triton's dynamic batcher:
// a batch closes when it holds `max_batch_size` sequences or when its oldest sequence has waited
// `max_queue_delay`. One worker thread runs the batches, so the model sees one forward pass at a time and
// LibTorch's intra-op threads do the parallel work.
#ifndef SENTINEL_TOXICITY_DYNAMIC_BATCHER_H_
#define SENTINEL_TOXICITY_DYNAMIC_BATCHER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sentinel {
namespace toxicity {

class DynamicBatcher {
 public:
  // Scores one batch: one row of label scores per sequence, or false with an error.
  using RunFn = std::function<bool(const std::vector<const std::vector<int64_t>*>& batch,
                                   std::vector<std::vector<float>>* scores, std::string* error)>;

  DynamicBatcher(RunFn run, size_t max_batch_size, std::chrono::microseconds max_queue_delay);
  ~DynamicBatcher();  // finishes queued work, then stops the worker

  DynamicBatcher(const DynamicBatcher&) = delete;
  DynamicBatcher& operator=(const DynamicBatcher&) = delete;

  // Blocks until every sequence is scored (possibly in batches with other callers' sequences).
  bool Score(const std::vector<std::vector<int64_t>>& sequences, std::vector<std::vector<float>>* scores,
             std::string* error);

  // Counters for tests and benchmarks.
  uint64_t batches_run() const;
  uint64_t sequences_run() const;  // sequences scored in all batches (their mean size = this / batches)
  size_t largest_batch() const;

 private:
  struct Request;
  struct Item {
    Request* request;
    size_t index;
    std::chrono::steady_clock::time_point enqueued;
  };

  void WorkerLoop();

  RunFn run_;
  const size_t max_batch_size_;
  const std::chrono::microseconds max_queue_delay_;
  mutable std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable work_done_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  uint64_t batches_run_ = 0;
  uint64_t sequences_run_ = 0;
  size_t largest_batch_ = 0;
  std::thread worker_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_DYNAMIC_BATCHER_H_
