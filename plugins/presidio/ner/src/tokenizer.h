// Splits UTF-8 text into word and punctuation tokens with exact byte
// ranges. Words keep inner connectors ("O'Brien", "Jean-Luc", "3.5",
// "a@b.com"); a trailing possessive "'s" becomes its own token so that
// "Yefremova's" yields the name alone, and a capital initial or a dotted
// abbreviation keeps its period ("D.", "D.L.", "U.S.").
#ifndef PRESIDIO_NER_TOKENIZER_H_
#define PRESIDIO_NER_TOKENIZER_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace presidio_ner {

struct Token {
  size_t begin;  // byte offset, inclusive
  size_t end;    // byte offset, exclusive
  bool line_start;  // a newline (or the text start) precedes it
};

std::vector<Token> Tokenize(std::string_view text);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_TOKENIZER_H_
