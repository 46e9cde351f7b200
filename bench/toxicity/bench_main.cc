// toxicity_bench -- speed of a model folder through the plugin's serving components.
//
//   toxicity_bench --model build-toxicity/share/sentinel/models/default
//
// 1. latency: one 200-byte text at a time (tokenize + forward), LibTorch on 1 intra-op thread;
// 2. throughput: 16 client threads send one text each through the dynamic batcher (max_batch_size 64,
//    max_queue_delay 1 ms), as the plugin serves /toxicity/predict, with LibTorch on 1 and on 2 intra-op threads.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench_texts.h"
#include "dynamic_batcher.h"
#include "model_folder.h"
#include "toxicity_scorer.h"

namespace sentinel {
namespace toxicity {
namespace {

using Clock = std::chrono::steady_clock;

double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

int Run(int argc, char** argv) {
  std::string model_dir;
  size_t bytes = 200;
  int iterations = 2000;
  double seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--model") model_dir = argv[i + 1];
    else if (a == "--bytes") bytes = std::strtoul(argv[i + 1], nullptr, 10);
    else if (a == "--iterations") iterations = std::atoi(argv[i + 1]);
    else if (a == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  if (model_dir.empty()) {
    std::fprintf(stderr, "usage: toxicity_bench --model DIR [--bytes 200] [--iterations 2000] [--seconds 5]\n");
    return 2;
  }
  SetTorchThreads(1);
  std::string error;
  auto model = ModelFolder::Open(model_dir, &error);
  if (!model || !model->SelfTest(&error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  const std::vector<std::string> texts = BenchTexts(1000, bytes, 7);
  std::printf("model %s, %zu-byte texts, %u hardware threads\n", model->manifest().name.c_str(), bytes,
              std::thread::hardware_concurrency());

  // 1. Single-text latency on one core.
  std::vector<std::vector<float>> scores;
  for (int i = 0; i < 20; ++i) model->ScoreTexts({texts[i % texts.size()]}, 1, &scores, &error);
  std::vector<double> latencies;
  double tokenize_us = 0;
  for (int i = 0; i < iterations; ++i) {
    const std::string& text = texts[i % texts.size()];
    const auto t0 = Clock::now();
    std::vector<int64_t> ids = model->Encode(text);
    const auto t1 = Clock::now();
    std::vector<const std::vector<int64_t>*> batch = {&ids};
    if (!model->ScoreEncoded(batch, &scores, &error)) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 1;
    }
    latencies.push_back(Micros(Clock::now() - t0));
    tokenize_us += Micros(t1 - t0);
  }
  std::sort(latencies.begin(), latencies.end());
  double sum = 0;
  for (double v : latencies) sum += v;
  std::printf("latency, 1 intra-op thread, batch 1: mean %.1f us, p50 %.1f us, p99 %.1f us (tokenize %.1f us)\n",
              sum / latencies.size(), latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100],
              tokenize_us / iterations);

  // 2. Throughput with dynamic batching: client threads tokenize, the batcher's worker runs the model.
  const ModelFolder* m = model.get();
  int failures_total = 0;
  for (int threads : {1, 2}) {
    SetTorchThreads(threads);
    DynamicBatcher batcher(
        [m](const std::vector<const std::vector<int64_t>*>& batch, std::vector<std::vector<float>>* out,
            std::string* err) { return m->ScoreEncoded(batch, out, err); },
        64, std::chrono::microseconds(1000));
    ToxicityScorer scorer(m, &batcher);
    constexpr int kClients = 16;
    std::atomic<long> done{0};
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> clients;
    const auto start = Clock::now();
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        std::vector<TextScore> result;
        std::string err;
        for (size_t i = c; !stop.load(); i += kClients) {
          if (!scorer.Score({texts[i % texts.size()]}, false, &result, &err)) ++failures;
          ++done;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : clients) t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("throughput, %d intra-op thread(s), %d clients, dynamic batching (max 64, 1 ms): %.0f texts/s "
                "(%ld texts, %llu batches, largest %zu, %d failures)\n",
                threads, kClients, done / elapsed, done.load(),
                static_cast<unsigned long long>(batcher.batches_run()), batcher.largest_batch(), failures.load());
    failures_total += failures;
  }
  // Offline batch scoring (tokenize and score batches of 64 in one thread) for comparison.
  std::vector<std::string> many;
  for (int r = 0; r < 5; ++r) many.insert(many.end(), texts.begin(), texts.end());
  for (int threads : {1, 2}) {
    SetTorchThreads(threads);
    const auto b0 = Clock::now();
    model->ScoreTexts(many, 64, &scores, &error);
    std::printf("offline batches of 64, %d intra-op thread(s): %.0f texts/s\n", threads,
                many.size() / std::chrono::duration<double>(Clock::now() - b0).count());
  }
  return failures_total == 0 ? 0 : 1;
}

}  // namespace
}  // namespace toxicity
}  // namespace sentinel

int main(int argc, char** argv) { return sentinel::toxicity::Run(argc, argv); }
