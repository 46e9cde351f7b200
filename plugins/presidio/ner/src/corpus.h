// Readers for the NER training and evaluation data in ../shared: CoNLL-style
// token files (BTC, WNUT-17, UNER) and presidio-research span JSON. Every
// example becomes raw UTF-8 text with byte-offset gold spans, so training
// and evaluation run through the same tokenizer as production.
#ifndef PRESIDIO_NER_CORPUS_H_
#define PRESIDIO_NER_CORPUS_H_

#include <cstddef>
#include <string>
#include <vector>

namespace presidio_ner {

struct GoldSpan {
  std::string type;   // the dataset's own type (e.g. GPE, STREET_ADDRESS)
  std::string label;  // PERSON/LOCATION/ORGANIZATION/NRP, or "" if none
  size_t begin;       // byte offsets into Example::text
  size_t end;
};

struct Example {
  std::string text;
  std::vector<GoldSpan> spans;
  // Byte ranges whose tokens carry no training signal (e.g. whole-address
  // spans whose parts are not labelled in this dataset).
  std::vector<std::pair<size_t, size_t>> ignored;
  // True for corpora that do not annotate NRP words (they are O there).
  bool nrp_unannotated = false;
  // presidio-research: the sentence frame (placeholders replaced by "X",
  // lower-cased), used to split by template.
  std::string template_key;
};

// kBtc, kWnut: token<TAB>tag. kUner: CoNLL-U style, token and tag in
// columns 2 and 3. kGum: token<TAB>tag with GUM's lower-case entity types
// (person, place, organization, ...). kSpaced: token first and tag last,
// separated by spaces or tabs, "-DOCSTART-" lines skipped (wikigold, SEC
// filings; IOB1 tags read like IOB2). kWikiann: token<TAB>tag with an
// "en:" prefix on each token.
enum class ConllFormat { kBtc, kWnut, kUner, kGum, kSpaced, kWikiann };

// Returns false with *error if the file cannot be read.
bool LoadConll(const std::string& path, ConllFormat format,
               std::vector<Example>* out, std::string* error);
bool LoadPresidioJson(const std::string& path, std::vector<Example>* out,
                      std::string* error);

// Hand-written cases: one text per line, "[LABEL words]" marks a gold span
// (LABEL is PERSON, LOCATION, ORGANIZATION or NRP); '#' lines are comments.
bool LoadMarkedCases(const std::string& path, std::vector<Example>* out,
                     std::string* error);

// Stable 64-bit FNV-1a hash, used for deterministic data splits.
uint64_t StableHash(const std::string& s);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_CORPUS_H_
