// presidio_bench -- in-process throughput and latency of the presidio analyzer with every default
// recognizer on: MB/s over 1 MB texts (prose with PII, and a table of numbers), and per-text latency for
// 200-byte and 5 KB texts.
// Usage: presidio_bench [iterations_1mb=5] [texts=2000] [breakdown=1]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench_text.h"
#include "core/analyzer_engine.h"
#include "core/predefined_recognizers.h"
#include "core/public_suffix.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[index];
}

void Latency(const presidio::AnalyzerEngine& engine, size_t bytes, int count) {
  std::vector<std::string> texts;
  for (int i = 0; i < count; ++i) texts.push_back(presidio_bench::MakeText(bytes, 1000u + static_cast<unsigned>(i)));
  std::vector<double> micros;
  size_t found = 0;
  for (int round = 0; round < 2; ++round) {  // the first round warms caches
    micros.clear();
    for (const std::string& text : texts) {
      presidio::AnalyzeRequest request;
      request.text = text;
      std::vector<presidio::RecognizerResult> results;
      std::string error;
      auto start = Clock::now();
      engine.Analyze(request, &results, &error);
      micros.push_back(Seconds(Clock::now() - start) * 1e6);
      found += results.size();
    }
  }
  double total = 0;
  for (double m : micros) total += m;
  std::printf(
      "  %6zu-byte texts: p50 %8.1f us  p99 %8.1f us  mean %8.1f us  => %8.0f texts/s on one core (%zu results)\n",
      bytes, Percentile(micros, 0.5), Percentile(micros, 0.99), total / static_cast<double>(micros.size()),
      1e6 * static_cast<double>(micros.size()) / total, found / 2);
}

presidio::AnalyzerEngine* BuildEngine(std::shared_ptr<const presidio::PublicSuffixList> suffixes, bool with_phone,
                                      std::vector<const presidio::Recognizer*>* each) {
  auto* engine = new presidio::AnalyzerEngine(presidio::AnalyzerOptions());
  std::string error;
  for (auto& r : presidio::NewDefaultRecognizers(suffixes, {}, &error)) {
    if (!with_phone && r->name() == "PhoneRecognizer") continue;
    if (each != nullptr) each->push_back(r.get());
    engine->AddRecognizer(std::move(r));
  }
  engine->Finalize();
  return engine;
}

void Throughput(const presidio::AnalyzerEngine& engine, const std::string& text, int iterations, const char* label) {
  double best = 1e9;
  size_t found = 0;
  for (int i = 0; i < iterations; ++i) {
    presidio::AnalyzeRequest request;
    request.text = text;
    std::vector<presidio::RecognizerResult> results;
    std::string error;
    auto start = Clock::now();
    engine.Analyze(request, &results, &error);
    best = std::min(best, Seconds(Clock::now() - start));
    found = results.size();
  }
  std::printf("  %-58s %8.1f ms  %7.1f MB/s  (%zu results)\n", label, best * 1e3,
              static_cast<double>(text.size()) / 1e6 / best, found);
}

// A table of numbers ("67174 | 16940 | ..."): digits so dense that the phone recognizer's windows around them
// touch everywhere, the worst case for libphonenumber (its matcher's cost grows with the square of its input).
std::string NumberTable(size_t bytes) {
  std::string text;
  unsigned state = 12345;
  while (text.size() < bytes) {
    for (int column = 0; column < 8; ++column) {
      state = state * 1103515245u + 12345u;
      text += (column ? " | " : "") + std::to_string((state >> 8) % 100000);
    }
    text += "\n";
  }
  text.resize(bytes);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::atoi(argv[1]) : 5;
  int texts = argc > 2 ? std::atoi(argv[2]) : 2000;
  bool breakdown = argc > 3 ? std::atoi(argv[3]) != 0 : true;
  std::string error;
  auto suffixes = presidio::PublicSuffixList::Load(PRESIDIO_PSL_PATH, &error);
  if (suffixes == nullptr) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  std::vector<const presidio::Recognizer*> each;
  std::unique_ptr<presidio::AnalyzerEngine> all(BuildEngine(suffixes, true, &each));
  std::unique_ptr<presidio::AnalyzerEngine> patterns(BuildEngine(suffixes, false, nullptr));

  const std::string dense = presidio_bench::MakeText(1 << 20, 7, 4);
  const std::string sparse = presidio_bench::MakeText(1 << 20, 7, 40);
  std::printf("presidio_bench: one thread, best of %d, 1 MiB texts\n", iterations);
  Throughput(*patterns, dense, iterations, "15 pattern recognizers, PII in 1 of 4 sentences");
  Throughput(*patterns, sparse, iterations, "15 pattern recognizers, PII in 1 of 40 sentences");
  Throughput(*all, dense, iterations, "all 16 (with libphonenumber), PII in 1 of 4 sentences");
  Throughput(*all, sparse, iterations, "all 16 (with libphonenumber), PII in 1 of 40 sentences");
  Throughput(*all, NumberTable(1 << 20), 1, "all 16, a table of numbers (8 per line)");

  // Where the time goes: each recognizer alone over the dense text, scanning everything.
  if (breakdown) std::printf("each recognizer alone on the dense 1 MiB text, without the pre-scan:\n");
  for (const presidio::Recognizer* r : each) {
    if (!breakdown) break;
    std::vector<presidio::RecognizerResult> out;
    auto start = Clock::now();
    r->Analyze(dense, presidio::ScanHints(), &out);
    std::printf("  %-26s %7.1f ms  %6zu raw matches\n", r->name().c_str(), Seconds(Clock::now() - start) * 1e3,
                out.size());
  }
  std::printf("per-text latency, all 16 recognizers (PII in 1 of 4 sentences):\n");
  Latency(*all, 200, texts);
  Latency(*all, 5 * 1024, texts / 4);
  return 0;
}
