// The model folder contract: a folder written by WriteModelFolder opens and passes its self-test; a missing
// file, a checksum mismatch, a TorchScript that does not load, a wrong label count or a canary outside the
// tolerance each refuse activation with the file and the reason.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "hashed_ngram_tokenizer.h"
#include "manifest.h"
#include "model_folder.h"
#include "model_folder_writer.h"
#include "ngram_model.h"
#include "sha256.h"

using namespace sentinel::toxicity;

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A small, untrained (seeded) n-gram model written through the exporter.
std::string MakeFolder() {
  char pattern[] = "/tmp/toxicity_model_XXXXXX";
  const std::string dir = mkdtemp(pattern);
  HashedNgramConfig tok;
  tok.buckets = 4096;
  WriteAll(dir + "/tokenizer.json", HashedNgramConfigToJson(tok));
  NgramModelOptions options;
  options.buckets = 4096;
  options.dim = 8;
  options.hidden = 4;
  options.labels = 2;
  NgramModel model(options);
  std::string error;
  REQUIRE_MESSAGE(model.SaveTorchScript(dir + "/model.pt", &error), error);
  ModelManifest m;
  m.name = "test";
  m.model_file = "model.pt";
  m.labels = {"toxicity", "identity_attack"};
  m.thresholds = {0.5f, 0.5f};
  m.languages = {"en"};
  m.max_sequence_length = 64;
  m.tokenizer.type = "hashed_ngrams";
  m.tokenizer.files = {{"config", "tokenizer.json"}};
  REQUIRE_MESSAGE(WriteModelFolder(dir, m, {"hello there", "you idiot"}, {}, &error), error);
  return dir;
}

// Rewrites manifest.yaml after `edit` changes it.
template <class Edit>
void EditManifest(const std::string& dir, Edit edit) {
  ModelManifest m;
  std::string error;
  REQUIRE_MESSAGE(LoadManifest(dir, &m, &error), error);
  edit(&m);
  WriteAll(dir + "/manifest.yaml", ManifestToYaml(m));
}

}  // namespace

TEST_CASE("an exported folder opens, self-tests and scores in [0,1]") {
  const std::string dir = MakeFolder();
  std::string error;
  auto folder = ModelFolder::Open(dir, &error);
  REQUIRE_MESSAGE(folder != nullptr, error);
  CHECK_MESSAGE(folder->SelfTest(&error), error);
  std::vector<std::vector<float>> scores;
  REQUIRE(folder->ScoreTexts({"a", "b c d", ""}, 2, &scores, &error));
  REQUIRE(scores.size() == 3);
  for (const auto& row : scores) {
    REQUIRE(row.size() == 2);
    for (float v : row) {
      CHECK(v >= 0.0f);
      CHECK(v <= 1.0f);
    }
  }
  // Padding does not change a text's score: alone vs. batched with a longer text.
  std::vector<std::vector<float>> alone;
  REQUIRE(folder->ScoreTexts({"a"}, 1, &alone, &error));
  CHECK(alone[0][0] == doctest::Approx(scores[0][0]).epsilon(1e-5));
}

TEST_CASE("a missing file is named") {
  const std::string dir = MakeFolder();
  std::remove((dir + "/tokenizer.json").c_str());
  std::string error;
  CHECK(ModelFolder::Open(dir, &error) == nullptr);
  CHECK(error == dir + "/tokenizer.json: file is missing");
  std::remove((dir + "/manifest.yaml").c_str());
  CHECK(ModelFolder::Open(dir, &error) == nullptr);
  CHECK(error == dir + "/manifest.yaml: file is missing");
}

TEST_CASE("a checksum mismatch is named") {
  const std::string dir = MakeFolder();
  std::string bytes = ReadAll(dir + "/model.pt");
  bytes[bytes.size() / 2] ^= 0x5A;
  WriteAll(dir + "/model.pt", bytes);
  std::string error;
  CHECK(ModelFolder::Open(dir, &error) == nullptr);
  CHECK(error.find(dir + "/model.pt: checksum mismatch") == 0);
}

TEST_CASE("a TorchScript that does not load is named, even with a matching checksum") {
  const std::string dir = MakeFolder();
  WriteAll(dir + "/model.pt", "this is not a zip archive");
  EditManifest(dir, [](ModelManifest* m) { m->sha256["model.pt"] = Sha256Hex("this is not a zip archive"); });
  std::string error;
  CHECK(ModelFolder::Open(dir, &error) == nullptr);
  CHECK(error.find(dir + "/model.pt: TorchScript does not load") == 0);
}

TEST_CASE("the self-test catches a label count that does not match and canaries out of tolerance") {
  const std::string dir = MakeFolder();
  std::string error;
  EditManifest(dir, [](ModelManifest* m) {
    m->canaries[1].scores[0] += 0.25f;
  });
  auto folder = ModelFolder::Open(dir, &error);
  REQUIRE(folder != nullptr);
  CHECK_FALSE(folder->SelfTest(&error));
  CHECK(error.find("manifest.yaml: self-test failed: canary 1 label toxicity") != std::string::npos);

  EditManifest(dir, [](ModelManifest* m) {
    m->labels.push_back("insult");
    m->thresholds.push_back(0.5f);
    for (auto& c : m->canaries) c.scores.push_back(0.5f);
  });
  folder = ModelFolder::Open(dir, &error);
  REQUIRE(folder != nullptr);
  CHECK_FALSE(folder->SelfTest(&error));
  CHECK(error.find("model outputs 2 scores per text but the manifest lists 3 labels") != std::string::npos);
}

TEST_CASE("manifest validation names the problem") {
  const std::string dir = MakeFolder();
  std::string error;
  EditManifest(dir, [](ModelManifest* m) { m->format_version = 7; });
  ModelManifest m;
  CHECK_FALSE(LoadManifest(dir, &m, &error));
  CHECK(error.find("unsupported format_version 7") != std::string::npos);
  WriteAll(dir + "/manifest.yaml", "format_version: 1\nmodel: model.pt\nlabels: []\n");
  CHECK_FALSE(LoadManifest(dir, &m, &error));
  CHECK(error.find("`labels` must be a non-empty list") != std::string::npos);
}
