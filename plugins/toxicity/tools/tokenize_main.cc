// toxicity_tokenize -- prints the token ids of each stdin line, space-separated, one output line per input
// line (the bytes between newlines, as they are). Used to cross-check other tokenizer implementations (the
// Python trainer's) against the plugin's.
//
//   toxicity_tokenize --model plugins/toxicity/models/default < texts.txt   # the manifest's tokenizer
//   toxicity_tokenize --vocab vocab.json < texts.txt                        # use_unigram on a vocabulary
//
// --max-length N truncates as the plugin does (default: no limit). The model folder's checksums are not
// verified here.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <memory>
#include <string>

#include "manifest.h"
#include "tokenizer.h"
#include "use_unigram_tokenizer.h"

namespace {

[[noreturn]] void Usage() {
  std::fprintf(stderr, "usage: toxicity_tokenize (--model FOLDER | --vocab VOCAB.json) [--max-length N] < lines\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sentinel::toxicity;
  std::string model, vocab;
  size_t max_length = std::numeric_limits<size_t>::max();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) Usage();
    if (arg == "--model") {
      model = argv[++i];
    } else if (arg == "--vocab") {
      vocab = argv[++i];
    } else if (arg == "--max-length") {
      max_length = std::strtoull(argv[++i], nullptr, 10);
    } else {
      Usage();
    }
  }
  if (model.empty() == vocab.empty()) Usage();

  std::string error;
  std::unique_ptr<Tokenizer> tokenizer;
  if (!vocab.empty()) {
    tokenizer = UseUnigramTokenizer::FromFile(vocab, &error);
  } else {
    ModelManifest manifest;
    if (LoadManifest(model, &manifest, &error)) tokenizer = CreateTokenizer(manifest.tokenizer, model, &error);
  }
  if (tokenizer == nullptr) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }

  std::ios::sync_with_stdio(false);
  std::string line, out;
  while (std::getline(std::cin, line)) {
    out.clear();
    for (int64_t id : tokenizer->Encode(line, max_length)) {
      if (!out.empty()) out += ' ';
      out += std::to_string(id);
    }
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return 0;
}
