// A transformer encoder (the bench's BERT builder at a tiny size) exported with a WordPiece vocabulary goes
// through the same folder contract as a Detoxify export: it loads, self-tests and outputs [N, labels].
#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <string>

#include "bert_encoder.h"
#include "model_folder.h"
#include "model_folder_writer.h"

using namespace sentinel::toxicity;

TEST_CASE("a scripted BERT-shaped encoder with a WordPiece tokenizer loads through the model folder") {
  char pattern[] = "/tmp/toxicity_bert_XXXXXX";
  const std::string dir = mkdtemp(pattern);
  BertShape shape;
  shape.vocab = 40;
  shape.positions = 16;
  shape.hidden = 32;
  shape.layers = 2;
  shape.heads = 4;
  shape.ffn = 64;
  shape.labels = 6;
  std::string error;
  REQUIRE_MESSAGE(SaveRandomBert(shape, 1, dir + "/model.pt", &error), error);
  {
    std::ofstream vocab(dir + "/vocab.txt");
    vocab << "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";
    for (char c = 'a'; c <= 'z'; ++c) vocab << c << "\n";
    for (int i = 31; i < 40; ++i) vocab << "[unused" << i << "]\n";
  }
  ModelManifest m;
  m.name = "tiny-bert";
  m.model_file = "model.pt";
  m.labels = {"toxicity", "severe_toxicity", "obscene", "threat", "insult", "identity_attack"};
  m.thresholds = std::vector<float>(6, 0.5f);
  m.max_sequence_length = 16;
  m.tokenizer.type = "wordpiece";
  m.tokenizer.files = {{"vocab", "vocab.txt"}};
  REQUIRE_MESSAGE(WriteModelFolder(dir, m, {"a b c", "x y z w"}, {}, &error), error);
  auto folder = ModelFolder::Open(dir, &error);
  REQUIRE_MESSAGE(folder != nullptr, error);
  CHECK_MESSAGE(folder->SelfTest(&error), error);
  // Words unknown to the vocabulary become [UNK]; a long text is truncated to max_sequence_length.
  CHECK(folder->Encode("a hello") == std::vector<int64_t>{2, 5, 1, 3});
  CHECK(folder->Encode(std::string(100, 'a')).size() == 3);  // one 100-char word is [UNK]
  std::vector<std::vector<float>> scores;
  REQUIRE(folder->ScoreTexts({"a b", "c d e f g h i j k l m n o p q r s t"}, 2, &scores, &error));
  REQUIRE(scores.size() == 2);
  for (const auto& row : scores) {
    REQUIRE(row.size() == 6);
    for (float v : row) CHECK(std::isfinite(v));
  }
}
