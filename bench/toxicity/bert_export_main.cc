// toxicity_bert_export -- writes a BERT-base-sized encoder with random weights as a model folder (WordPiece
// tokenizer, 6 labels in Detoxify `original` order, canaries, checksums), opens it through the same loader as
// the plugin, checks the output shape, and measures its latency. Generated at bench time, never committed.
//
//   toxicity_bert_export --out build-toxicity/bench-models/bert-base-random
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "bench_texts.h"
#include "bert_encoder.h"
#include "inference_model.h"
#include "model_folder.h"
#include "model_folder_writer.h"

namespace sentinel {
namespace toxicity {
namespace {

using Clock = std::chrono::steady_clock;

// A bert-base-uncased-shaped vocabulary: [PAD]=0, [unused*], [UNK]=100, [CLS]=101, [SEP]=102, [MASK]=103,
// then characters, ## characters and the bench words, padded with [unused*] to 30522 entries.
bool WriteVocab(const std::string& path, int64_t size) {
  std::vector<std::string> v = {"[PAD]"};
  for (int i = 0; i < 99; ++i) v.push_back("[unused" + std::to_string(i) + "]");
  v.insert(v.end(), {"[UNK]", "[CLS]", "[SEP]", "[MASK]"});
  std::set<std::string> seen(v.begin(), v.end());
  auto add = [&](const std::string& t) {
    if (seen.insert(t).second) v.push_back(t);
  };
  for (char c = 33; c < 127; ++c) {
    if (c >= 'A' && c <= 'Z') continue;
    add(std::string(1, c));
    add("##" + std::string(1, c));
  }
  for (const std::string& w : BenchWords()) add(w);
  for (const char* w : {"thank", "##s", "lovely", "flowers", "worthless", "have", "for", "##ing"}) add(w);
  for (int i = 99; static_cast<int64_t>(v.size()) < size; ++i) v.push_back("[unused" + std::to_string(i) + "]");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const std::string& t : v) out << t << "\n";
  return static_cast<bool>(out);
}

double MeanMicros(const InferenceModel& model, const std::vector<int64_t>& ids, int runs) {
  std::vector<const std::vector<int64_t>*> batch = {&ids};
  std::vector<std::vector<float>> scores;
  std::string error;
  model.Run(batch, 0, &scores, &error);  // warm-up
  const auto t0 = Clock::now();
  for (int i = 0; i < runs; ++i) model.Run(batch, 0, &scores, &error);
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / runs;
}

int Run(int argc, char** argv) {
  std::string out;
  int threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--out") out = argv[i + 1];
    else if (a == "--threads") threads = std::atoi(argv[i + 1]);
  }
  if (out.empty()) {
    std::fprintf(stderr, "usage: toxicity_bert_export --out DIR [--threads 1]\n");
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  SetTorchThreads(threads);
  BertShape shape;
  std::string error;
  const auto t0 = Clock::now();
  if (!SaveRandomBert(shape, 2024, out + "/model.pt", &error) || !WriteVocab(out + "/vocab.txt", shape.vocab)) {
    std::fprintf(stderr, "error: %s\n", error.empty() ? "cannot write vocab.txt" : error.c_str());
    return 1;
  }
  ModelManifest m;
  m.name = "bert-base-random";
  m.description = "BERT-base-sized encoder with random weights (benchmark only; scores are meaningless)";
  m.model_file = "model.pt";
  m.labels = {"toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"};
  m.thresholds = std::vector<float>(m.labels.size(), 0.5f);
  m.languages = {"en"};
  m.max_sequence_length = 512;
  m.tokenizer.type = "wordpiece";
  m.tokenizer.files = {{"vocab", "vocab.txt"}};
  m.tokenizer.options = {{"lowercase", "true"}};
  m.canary_tolerance = 1e-3f;
  if (!WriteModelFolder(out, m, {"Thanks for sharing the link.", "You are a pathetic idiot."}, {}, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  std::printf("wrote %s in %.1fs\n", out.c_str(), std::chrono::duration<double>(Clock::now() - t0).count());

  auto folder = ModelFolder::Open(out, &error);
  if (!folder || !folder->SelfTest(&error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  std::vector<std::vector<float>> scores;
  const std::vector<std::string> texts = BenchTexts(3, 200, 11);
  if (!folder->ScoreTexts(texts, 3, &scores, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  bool finite = true;
  for (const auto& row : scores) {
    for (float v : row) finite = finite && std::isfinite(v);
  }
  std::printf("loaded through the model folder contract: output [%zu, %zu] for %zu labels, finite: %s\n",
              scores.size(), scores.empty() ? 0 : scores[0].size(), m.labels.size(), finite ? "yes" : "no");
  const std::vector<int64_t> ids = folder->Encode(texts[0]);
  std::printf("a 200-byte text is %zu WordPiece tokens\n", ids.size());
  auto model = InferenceModel::Load(out + "/model.pt", true, &error);
  for (int64_t len : {static_cast<int64_t>(ids.size()), int64_t{128}, int64_t{512}}) {
    std::vector<int64_t> seq(len, 2000);
    seq.front() = 101;
    seq.back() = 102;
    const std::vector<int64_t>& use = len == static_cast<int64_t>(ids.size()) ? ids : seq;
    std::printf("latency, %d intra-op thread(s), batch 1, %lld tokens: %.1f ms\n", threads,
                static_cast<long long>(len), MeanMicros(*model, use, len > 256 ? 3 : 10) / 1000.0);
  }
  return finite && scores.size() == 3 && scores[0].size() == m.labels.size() ? 0 : 1;
}

}  // namespace
}  // namespace toxicity
}  // namespace sentinel

int main(int argc, char** argv) { return sentinel::toxicity::Run(argc, argv); }
