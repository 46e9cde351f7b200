// The dynamic batcher groups concurrent callers and returns each caller its own rows.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "dynamic_batcher.h"

using namespace sentinel::toxicity;

namespace {

// A fake model: score = first id * 2, and it records batch sizes.
struct Recorder {
  std::atomic<int> calls{0};
  DynamicBatcher::RunFn Fn() {
    return [this](const std::vector<const std::vector<int64_t>*>& batch, std::vector<std::vector<float>>* scores,
                  std::string*) {
      ++calls;
      scores->clear();
      for (const auto* seq : batch) scores->push_back({static_cast<float>((*seq)[0] * 2)});
      return true;
    };
  }
};

}  // namespace

TEST_CASE("concurrent requests are grouped up to max_batch_size and answered in order") {
  Recorder recorder;
  DynamicBatcher batcher(recorder.Fn(), 8, std::chrono::milliseconds(200));
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::vector<int64_t>> seqs = {{t * 10}, {t * 10 + 1}};
      std::vector<std::vector<float>> scores;
      std::string error;
      if (!batcher.Score(seqs, &scores, &error) || scores.size() != 2 || scores[0][0] != t * 20 ||
          scores[1][0] != t * 20 + 2) {
        ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
  CHECK(batcher.largest_batch() == 8);   // a full batch closes without waiting for the delay
  CHECK(batcher.batches_run() <= 4);     // 16 sequences in batches of at most 8, plus stragglers
  CHECK(batcher.batches_run() >= 2);
}

TEST_CASE("a lone request is served after max_queue_delay, and errors reach the caller") {
  DynamicBatcher failing(
      [](const std::vector<const std::vector<int64_t>*>&, std::vector<std::vector<float>>*, std::string* error) {
        *error = "boom";
        return false;
      },
      4, std::chrono::microseconds(100));
  std::vector<std::vector<float>> scores;
  std::string error;
  CHECK_FALSE(failing.Score({{1}}, &scores, &error));
  CHECK(error == "boom");
  Recorder recorder;
  DynamicBatcher batcher(recorder.Fn(), 64, std::chrono::microseconds(100));
  REQUIRE(batcher.Score({{21}}, &scores, &error));
  CHECK(scores[0][0] == 42);
  CHECK(batcher.Score({}, &scores, &error));
  CHECK(scores.empty());
}
