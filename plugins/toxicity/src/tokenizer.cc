#include "tokenizer.h"

#include <fstream>
#include <sstream>

#include "byte_bpe_tokenizer.h"
#include "hashed_ngram_tokenizer.h"
#include "sentencepiece_tokenizer.h"
#include "use_unigram_tokenizer.h"
#include "wordpiece_tokenizer.h"

namespace sentinel {
namespace toxicity {

namespace {

// The path of the file the spec names for `role`, or an error naming what is missing.
bool FileFor(const TokenizerSpec& spec, const std::string& folder, const std::string& role, std::string* path,
             std::string* error) {
  auto it = spec.files.find(role);
  if (it == spec.files.end()) {
    *error = "manifest.yaml: tokenizer type " + spec.type + " needs tokenizer.files." + role;
    return false;
  }
  *path = folder + "/" + it->second;
  return true;
}

}  // namespace

std::string OptionOr(const TokenizerSpec& spec, const std::string& key, const std::string& fallback) {
  auto it = spec.options.find(key);
  return it == spec.options.end() ? fallback : it->second;
}

int64_t IntOptionOr(const TokenizerSpec& spec, const std::string& key, int64_t fallback) {
  auto it = spec.options.find(key);
  if (it == spec.options.end()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return fallback;
  }
}

bool BoolOptionOr(const TokenizerSpec& spec, const std::string& key, bool fallback) {
  auto it = spec.options.find(key);
  if (it == spec.options.end()) return fallback;
  return it->second == "true" || it->second == "1" || it->second == "yes";
}

std::vector<int64_t> WrapWithSpecials(const std::vector<int64_t>& body, const std::vector<int64_t>& prefix,
                                      const std::vector<int64_t>& suffix, size_t max_length) {
  std::vector<int64_t> out(prefix);
  const size_t room = max_length > prefix.size() + suffix.size() ? max_length - prefix.size() - suffix.size() : 0;
  out.insert(out.end(), body.begin(), body.begin() + std::min(room, body.size()));
  out.insert(out.end(), suffix.begin(), suffix.end());
  return out;
}

std::unique_ptr<Tokenizer> CreateTokenizer(const TokenizerSpec& spec, const std::string& folder, std::string* error) {
  std::string path;
  if (spec.type == "hashed_ngrams") {
    if (!FileFor(spec, folder, "config", &path, error)) return nullptr;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = path + ": cannot open tokenizer config";
      return nullptr;
    }
    std::ostringstream text;
    text << in.rdbuf();
    HashedNgramConfig config;
    std::string why;
    if (!ParseHashedNgramConfig(text.str(), &config, &why)) {
      *error = path + ": " + why;
      return nullptr;
    }
    return std::make_unique<HashedNgramTokenizer>(config);
  }
  if (spec.type == "wordpiece") {
    if (!FileFor(spec, folder, "vocab", &path, error)) return nullptr;
    return WordPieceTokenizer::FromFile(path, BoolOptionOr(spec, "lowercase", true), error);
  }
  if (spec.type == "sentencepiece") {
    if (!FileFor(spec, folder, "model", &path, error)) return nullptr;
    SentencePieceOptions o;
    o.id_offset = IntOptionOr(spec, "id_offset", o.id_offset);
    o.unk_id = IntOptionOr(spec, "unk_id", o.unk_id);
    o.bos_id = IntOptionOr(spec, "bos_id", o.bos_id);
    o.eos_id = IntOptionOr(spec, "eos_id", o.eos_id);
    o.pad_id = IntOptionOr(spec, "pad_id", o.pad_id);
    o.lowercase = BoolOptionOr(spec, "lowercase", o.lowercase);
    return SentencePieceTokenizer::FromFile(path, o, error);
  }
  if (spec.type == "byte_bpe") {
    std::string merges;
    if (!FileFor(spec, folder, "vocab", &path, error) || !FileFor(spec, folder, "merges", &merges, error)) {
      return nullptr;
    }
    return ByteBpeTokenizer::FromFiles(path, merges, error);
  }
  if (spec.type == "use_unigram") {
    if (!FileFor(spec, folder, "vocab", &path, error)) return nullptr;
    return UseUnigramTokenizer::FromFile(path, error);
  }
  *error = "manifest.yaml: unknown tokenizer type `" + spec.type + "`";
  return nullptr;
}

}  // namespace toxicity
}  // namespace sentinel
