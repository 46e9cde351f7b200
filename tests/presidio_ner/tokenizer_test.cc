// Tokenizer and UTF-8 helper tests: byte ranges must be exact on accented
// and non-Latin text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tokenizer.h"
#include "code_points.h"
#include "common/utf8.h"

using presidio_ner::Token;
using presidio_ner::Tokenize;

namespace {

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) {
    out.push_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

}  // namespace

TEST_CASE("tokenizer splits punctuation and keeps inner connectors") {
  CHECK(Words("Dr. Jean-Luc O'Brien, from the U.S.!") ==
        std::vector<std::string>{"Dr", ".", "Jean-Luc", "O'Brien", ",", "from",
                                 "the", "U.S.", "!"});
}

TEST_CASE("tokenizer keeps the final period of dotted abbreviations") {
  CHECK(Words("John Smith D.L. signed, e.g. here.") ==
        std::vector<std::string>{"John", "Smith", "D.L.", "signed", ",",
                                 "e.g.", "here", "."});
  // A sentence period after a word is still its own token.
  CHECK(Words("Call A.B. Tel.") ==
        std::vector<std::string>{"Call", "A.B.", "Tel", "."});
}

TEST_CASE("tokenizer splits a possessive 's off names") {
  CHECK(Words("Yefremova's tales") ==
        std::vector<std::string>{"Yefremova", "'s", "tales"});
  CHECK(Words("Zoë\xE2\x80\x99s book") ==
        std::vector<std::string>{"Zoë", "\xE2\x80\x99s", "book"});
}

TEST_CASE("tokenizer byte ranges are exact on accented and non-Latin text") {
  const std::string text = "Šárka Ottová → Дмитрий «Иванов»";
  const std::vector<Token> tokens = Tokenize(text);
  REQUIRE(tokens.size() == 7);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) ==
        "Šárka");
  CHECK(tokens[1].begin == std::string("Šárka ").size());
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) ==
        "Ottová");
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "→");
  CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) ==
        "Дмитрий");
  CHECK(text.substr(tokens[4].begin, tokens[4].end - tokens[4].begin) == "«");
  CHECK(text.substr(tokens[5].begin, tokens[5].end - tokens[5].begin) ==
        "Иванов");
}

TEST_CASE("tokenizer marks line starts and survives invalid UTF-8") {
  const std::string text = "Name:\nAnna \xFF\xFE end";
  const std::vector<Token> tokens = Tokenize(text);
  REQUIRE(tokens.size() >= 3);
  CHECK_FALSE(tokens[1].line_start);
  CHECK(tokens[2].line_start);
  for (const Token& t : tokens) {
    CHECK(t.begin < t.end);
    CHECK(t.end <= text.size());
  }
}

TEST_CASE("UTF-8 helpers lower-case and map code points to bytes") {
  CHECK(presidio_ner::LowerUtf8("ÉRIC Ørsted ΑΘΗΝΑ МОСКВА") ==
        "éric ørsted αθηνα москва");
  const std::vector<size_t> offsets =
      sentinel::utf8::CodePointByteOffsets("aé→b");
  CHECK(offsets == std::vector<size_t>{0, 1, 3, 6, 7});
}
