// libFuzzer target: the toxicity plugin's tokenizers (BERT WordPiece, byte-level BPE, hashed n-grams, USE-lite
// unigram) and its sentence splitter over arbitrary bytes. Ids must stay within the vocabulary and spans within the
// text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "byte_bpe_tokenizer.h"
#include "hashed_ngram_tokenizer.h"
#include "text_splitter.h"
#include "common/utf8.h"
#include "use_unigram_tokenizer.h"
#include "wordpiece_tokenizer.h"

namespace {

struct Tokenizers {
  std::unique_ptr<sentinel::toxicity::WordPieceTokenizer> wordpiece;
  std::unique_ptr<sentinel::toxicity::ByteBpeTokenizer> bpe;
  std::unique_ptr<sentinel::toxicity::HashedNgramTokenizer> hashed;
  std::unique_ptr<sentinel::toxicity::UseUnigramTokenizer> unigram;
};

const Tokenizers& Get() {
  static const Tokenizers* t = [] {
    auto* out = new Tokenizers();
    const std::string dir = "/tmp/sentinel-fuzz-tokenizers";
    std::system(("mkdir -p " + dir).c_str());
    std::ofstream(dir + "/vocab.txt") << "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nyou\nare\n##s\n##ing\nidiot\n,\n.\n!\n"
                                         "a\nb\nc\n##a\n##b\n##c\n";
    std::ofstream(dir + "/vocab.json") << R"({"<s>":0,"<pad>":1,"</s>":2,"<unk>":3,"a":4,"b":5,"c":6,"ab":7,"Ġ":8,"Ġa":9})";
    std::ofstream(dir + "/merges.txt") << "#version: 0.2\na b\nĠ a\n";
    std::ofstream(dir + "/unigram.json") << R"([["\ufffd",0],["<s>",0],["</s>",0],["x",0],["y",0],["z",0],)"
                                             R"(["\u2581",-2],["a",-3],["b",-3],["ab",-3],["\u2581ab",-5],[":",null]])";
    std::string error;
    out->wordpiece = sentinel::toxicity::WordPieceTokenizer::FromFile(dir + "/vocab.txt", true, &error);
    out->bpe = sentinel::toxicity::ByteBpeTokenizer::FromFiles(dir + "/vocab.json", dir + "/merges.txt", &error);
    out->unigram = sentinel::toxicity::UseUnigramTokenizer::FromFile(dir + "/unigram.json", &error);
    sentinel::toxicity::HashedNgramConfig config;
    config.buckets = 1 << 12;
    out->hashed = std::make_unique<sentinel::toxicity::HashedNgramTokenizer>(config);
    return out;
  }();
  return *t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const Tokenizers& t = Get();
  if (t.wordpiece) {
    for (int64_t id : t.wordpiece->Encode(text, 128)) {
      if (id < 0 || id >= 20) std::abort();
    }
  }
  if (t.bpe) {
    for (int64_t id : t.bpe->Encode(text, 128)) {
      if (id < 0 || id >= 10) std::abort();
    }
  }
  for (int64_t id : t.hashed->Encode(text, 256)) {
    if (id < 0 || id >= (1 << 12)) std::abort();
  }
  if (t.unigram) {  // ids 1-5 are never produced, and runs of unknowns (0) are collapsed
    const std::vector<int64_t> ids = t.unigram->Encode(text, 1 << 20);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] < 0 || ids[i] >= 12 || (ids[i] >= 1 && ids[i] <= 5)) std::abort();
      if (i > 0 && ids[i] == 0 && ids[i - 1] == 0) std::abort();
    }
  }
  // Offsets count code points, with each invalid byte decoded as one U+FFFD (the plugin refuses invalid
  // UTF-8 at its API; the splitter must still stay in bounds).
  const size_t code_points = sentinel::utf8::Decode(text).size();
  for (const auto& span : sentinel::toxicity::SplitSentences(text)) {
    if (span.begin > span.end || span.end > code_points) std::abort();
  }
  return 0;
}
