// Tokenizers against hand-checked ids on tiny vocabularies written by the tests.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "byte_bpe_tokenizer.h"
#include "hashed_ngram_tokenizer.h"
#include "sentencepiece_tokenizer.h"
#include "spm_library.h"
#include "wordpiece_tokenizer.h"

using namespace sentinel::toxicity;

namespace {

std::string TempDir() {
  char pattern[] = "/tmp/toxicity_tok_XXXXXX";
  const char* dir = mkdtemp(pattern);
  REQUIRE(dir != nullptr);
  return dir;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

using Ids = std::vector<int64_t>;

}  // namespace

TEST_CASE("wordpiece: lower-case, accent strip, punctuation, CJK and ## continuations like bert-base-uncased") {
  const std::string dir = TempDir();
  const std::vector<std::string> vocab = {"[PAD]", "[unused0]", "[UNK]", "[CLS]",  "[SEP]", "[MASK]", "the",
                                          "quick", "brown",     "fox",   "un",     "##aff", "##able", "!",
                                          ".",     ",",         "jump",  "##ed",   "##s",   "over",   "naive",
                                          "cafe",  "你",        "好",    "a",      "##b"};
  std::string text;
  for (const auto& v : vocab) text += v + "\n";
  WriteFile(dir + "/vocab.txt", text);
  std::string error;
  auto t = WordPieceTokenizer::FromFile(dir + "/vocab.txt", true, &error);
  REQUIRE_MESSAGE(t != nullptr, error);
  // the quick brown fox jump ##ed over the naive cafe , un ##aff ##able ! 你 好 a ##b [UNK](abx)
  const Ids expected = {3, 6, 7, 8, 9, 16, 17, 19, 6, 20, 21, 15, 10, 11, 12, 13, 22, 23, 24, 25, 2, 4};
  CHECK(t->Encode("The QUICK brown fox jumped over the na\xC3\xAFve caf\xC3\xA9, unaffable! \xE4\xBD\xA0\xE5\xA5\xBD ab abx",
                  512) == expected);
  CHECK(t->Encode("The quick brown fox", 5) == Ids{3, 6, 7, 8, 4});  // truncated, [SEP] kept
  CHECK(t->Encode("", 512) == Ids{3, 4});
  CHECK(t->pad_id() == 0);
  // A vocabulary without the specials is refused with the file name.
  WriteFile(dir + "/bad.txt", "a\nb\n");
  CHECK(WordPieceTokenizer::FromFile(dir + "/bad.txt", true, &error) == nullptr);
  CHECK(error.find("bad.txt") != std::string::npos);
}

TEST_CASE("byte-level BPE: GPT-2 pre-tokenization, merges by rank, RoBERTa specials") {
  const std::string dir = TempDir();
  WriteFile(dir + "/vocab.json",
            R"({"<s>":0,"<pad>":1,"</s>":2,"<unk>":3,"H":4,"e":5,"l":6,"o":7,"\u0120":8,"w":9,"r":10,"d":11,)"
            R"("He":12,"ll":13,"Hell":14,"Hello":15,"\u0120w":16,"or":17,"\u0120wor":18,"ld":19,"\u0120world":20,)"
            R"("!":21,"'s":22})");
  WriteFile(dir + "/merges.txt",
            "#version: 0.2\nH e\nl l\nHe ll\nHell o\n\xC4\xA0 w\no r\n\xC4\xA0w or\nl d\n\xC4\xA0wor ld\n' s\n");
  std::string error;
  auto t = ByteBpeTokenizer::FromFiles(dir + "/vocab.json", dir + "/merges.txt", &error);
  REQUIRE_MESSAGE(t != nullptr, error);
  CHECK(t->Encode("Hello world!", 512) == Ids{0, 15, 20, 21, 2});
  // "'s" is a contraction token; of two spaces before a word the first stands alone (Ġ) and the second joins it.
  CHECK(t->Encode("Hello's  wd", 512) == Ids{0, 15, 22, 8, 16, 11, 2});
  // é is two bytes, neither in the vocabulary.
  CHECK(t->Encode("\xC3\xA9", 512) == Ids{0, 3, 3, 2});
  CHECK(t->pad_id() == 1);
  const auto pre = ByteBpeTokenizer::PreTokenize("I'm  fine, 42x");
  REQUIRE(pre.size() == 7);
  CHECK(pre[0] == U"I");
  CHECK(pre[1] == U"'m");
  CHECK(pre[2] == U" ");
  CHECK(pre[3] == U" fine");
  CHECK(pre[4] == U",");
  CHECK(pre[5] == U" 42");
  CHECK(pre[6] == U"x");
}

TEST_CASE("sentencepiece: fairseq id offset and specials as XLM-R, through the dlopen shim") {
  std::string error;
  const SpmLibrary* spm = GetSpmLibrary(&error);
  REQUIRE_MESSAGE(spm != nullptr, error);
  const std::string dir = TempDir();
  std::string corpus;
  for (int i = 0; i < 50; ++i) corpus += "hello world this is a tiny corpus for a tiny model\n";
  WriteFile(dir + "/corpus.txt", corpus);
  // Two user-defined pieces get the ids right after <unk>=0, <s>=1, </s>=2.
  const std::string flags = "--input=" + dir + "/corpus.txt --model_prefix=" + dir +
                            "/spm --vocab_size=25 --model_type=unigram --user_defined_symbols=\xE2\x96\x81hello,"
                            "\xE2\x96\x81world --minloglevel=2";
  char message[256] = {0};
  REQUIRE_MESSAGE(spm->train(flags.c_str(), message, sizeof(message)) == 0, message);
  SentencePieceOptions xlmr;  // id_offset 1, unk 3, <s> 0, </s> 2, <pad> 1
  auto t = SentencePieceTokenizer::FromFile(dir + "/spm.model", xlmr, &error);
  REQUIRE_MESSAGE(t != nullptr, error);
  // spm ids 3 and 4 shift to 4 and 5; wrapped in <s> ... </s>.
  CHECK(t->Encode("hello world", 512) == Ids{0, 4, 5, 2});
  CHECK(t->Encode("hello world hello", 4) == Ids{0, 4, 5, 2});  // truncated, </s> kept
  // Characters never seen in training map to the model's <unk> (3), not to spm's 0 + offset.
  const Ids unknown = t->Encode("\xD0\xB6\xD0\xB6", 512);
  REQUIRE(unknown.size() >= 3);
  CHECK(unknown.front() == 0);
  CHECK(unknown.back() == 2);
  CHECK(std::find(unknown.begin(), unknown.end(), int64_t{3}) != unknown.end());
  CHECK(t->pad_id() == 1);
  CHECK(SentencePieceTokenizer::FromFile(dir + "/missing.model", xlmr, &error) == nullptr);
  CHECK(error.find("missing.model") != std::string::npos);
}

TEST_CASE("hashed n-grams: normalization and stable, in-range ids") {
  HashedNgramConfig config;
  config.buckets = 1000;
  HashedNgramTokenizer t(config);
  const std::vector<std::string> words = t.Words("@JohnDoe Sooooo STUPID!!! http://x.y/z #tag don't");
  const std::vector<std::string> expected = {"@user", "soo", "stupid", "!", "<url>", "#", "tag", "don't"};
  CHECK(words == expected);
  const Ids a = t.Encode("you are stupid", 4096);
  const Ids b = t.Encode("you are stupid", 4096);
  CHECK(a == b);
  for (int64_t id : a) {
    CHECK(id >= 1);
    CHECK(id < 1000);
  }
  // words + bigrams + char n-grams (2..5 of "<you>", "<are>", "<stupid>")
  CHECK(a.size() == 3 + 2 + (4 + 3 + 2) * 2 + (7 + 6 + 5 + 4));
  CHECK(t.Encode("you are stupid", 10).size() == 10);
  CHECK(t.Encode("", 4096).size() == 1);
  std::string error;
  HashedNgramConfig parsed;
  REQUIRE(ParseHashedNgramConfig(HashedNgramConfigToJson(config), &parsed, &error));
  CHECK(parsed.buckets == 1000);
  CHECK_FALSE(ParseHashedNgramConfig("{\"buckets\": 1}", &parsed, &error));
}

TEST_CASE("the tokenizer factory builds what the manifest declares and names what is missing") {
  const std::string dir = TempDir();
  std::string error;
  TokenizerSpec spec;
  spec.type = "no_such_tokenizer";
  CHECK(CreateTokenizer(spec, dir, &error) == nullptr);
  CHECK(error == "manifest.yaml: unknown tokenizer type `no_such_tokenizer`");
  spec.type = "byte_bpe";
  spec.files = {{"vocab", "vocab.json"}};
  CHECK(CreateTokenizer(spec, dir, &error) == nullptr);
  CHECK(error == "manifest.yaml: tokenizer type byte_bpe needs tokenizer.files.merges");
  spec.type = "wordpiece";
  spec.files = {{"vocab", "vocab.txt"}};
  WriteFile(dir + "/vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhi\n");
  auto t = CreateTokenizer(spec, dir, &error);
  REQUIRE_MESSAGE(t != nullptr, error);
  CHECK(t->Encode("Hi", 512) == Ids{2, 4, 3});
}
