// Measures the NER tagger's load time and per-text latency on one core
// (torch intra-op threads = 1) for texts of about 200 bytes. Usage:
//   presidio_ner_bench [MODEL_DIR] [ITERATIONS]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "presidio_ner/ner_tagger.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// About 200 bytes each; a mix of names, places, accents and plain text.
const char* const kTexts[] = {
    "Hi, my name is Dr. Sarah Johnson and I moved from Portland, Oregon to "
    "Berlin last year. Please send the updated contract to my office before "
    "Friday so that our team can review it in time.",
    "The meeting with Zoë Dubois and François Müller from Siemens is moved to "
    "Tuesday. They will fly in from Zürich and stay at the hotel near the "
    "station until the end of the week, as agreed.",
    "Customer complaint: the parcel was never delivered to 42 Elm Street in "
    "Springfield. I called twice and nobody answered the phone. Please refund "
    "the order or ship it again as soon as you can.",
    "We are proud Canadians and we have lived in Toronto for ten years. My "
    "brother Miguel Ángel Rodríguez still lives in Madrid with his wife and "
    "their two children, who study at the university.",
};

// CPU time of the calling thread: unlike wall time it does not count the
// time other processes hold the core, so it is the cost on one free core.
double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string model =
      argc > 1 ? argv[1] : std::string(PRESIDIO_NER_DEFAULT_MODEL_DIR);
  const int iterations = argc > 2 ? std::stoi(argv[2]) : 2000;
  presidio_ner::NerOptions options;
  options.torch_threads = 1;  // one core, as the plugin budget assumes

  std::string error;
  const double c0 = ThreadCpuMs();
  const auto t0 = Clock::now();
  auto tagger = presidio_ner::NerTagger::Load(model, options, &error);
  const auto t1 = Clock::now();
  const double load_cpu = ThreadCpuMs() - c0;
  if (!tagger) {
    std::fprintf(stderr, "load failed: %s\n", error.c_str());
    return 1;
  }
  std::printf("load (manifest check + TorchScript + gazetteers): %.1f ms wall, "
              "%.1f ms CPU\n",
              Ms(t1 - t0), load_cpu);

  size_t bytes = 0;
  for (const char* t : kTexts) bytes += std::string(t).size();
  const size_t n_texts = sizeof(kTexts) / sizeof(kTexts[0]);
  std::printf("texts: %zu, mean %.0f bytes\n", n_texts,
              static_cast<double>(bytes) / n_texts);

  for (int i = 0; i < 50; ++i) tagger->Tag(kTexts[i % n_texts]);  // warm-up
  std::vector<double> samples;
  samples.reserve(iterations);
  size_t spans = 0;
  const double cpu0 = ThreadCpuMs();
  for (int i = 0; i < iterations; ++i) {
    const auto s = Clock::now();
    spans += tagger->Tag(kTexts[i % n_texts]).size();
    samples.push_back(Ms(Clock::now() - s));
  }
  const double cpu_per_call = (ThreadCpuMs() - cpu0) / iterations;
  std::sort(samples.begin(), samples.end());
  double sum = 0;
  for (double v : samples) sum += v;
  std::printf("Tag latency over %d calls, 1 thread: mean %.3f ms, p50 %.3f ms, "
              "p99 %.3f ms (%zu spans); CPU time %.3f ms per call\n",
              iterations, sum / iterations, samples[samples.size() / 2],
              samples[samples.size() * 99 / 100], spans, cpu_per_call);
  return 0;
}
