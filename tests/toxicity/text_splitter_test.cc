// Sentence splitting and window packing, with code-point offsets.
#include <doctest/doctest.h>

#include "text_splitter.h"

using namespace sentinel::toxicity;

TEST_CASE("sentences end at terminal punctuation followed by space, and at line breaks") {
  const auto s = SplitSentences("What kind of idiot name is foo? Hello there.\nNew line");
  REQUIRE(s.size() == 3);
  CHECK(s[0].begin == 0);
  CHECK(s[0].end == 31);
  CHECK(s[0].text == "What kind of idiot name is foo?");
  CHECK(s[1].begin == 32);
  CHECK(s[1].end == 44);
  CHECK(s[2].text == "New line");
  CHECK(s[2].begin == 45);
  CHECK(s[2].end == 53);
}

TEST_CASE("offsets count code points, not bytes; decimals and closing quotes stay in their sentence") {
  const auto s = SplitSentences("  \xC3\x87" "a va? Tr\xC3\xA8s bien. He said \"no.\" Pi is 3.14 ok");
  REQUIRE(s.size() == 4);
  CHECK(s[0].begin == 2);
  CHECK(s[0].end == 8);  // "Ça va?"
  CHECK(s[1].begin == 9);
  CHECK(s[1].end == 19);  // "Très bien."
  CHECK(s[2].text == "He said \"no.\"");
  CHECK(s[3].text == "Pi is 3.14 ok");
  CHECK(SplitSentences("").empty());
  CHECK(SplitSentences(" \n \n").empty());
}

TEST_CASE("abbreviations and initials do not end a sentence") {
  const auto s = SplitSentences("Dr. Smith met Mrs. Jones, e.g. at St. Mary's. J. R. R. Tolkien wrote it. Go to the U.S. now.");
  REQUIRE(s.size() == 3);
  CHECK(s[0].text == "Dr. Smith met Mrs. Jones, e.g. at St. Mary's.");
  CHECK(s[1].text == "J. R. R. Tolkien wrote it.");
  CHECK(s[2].text == "Go to the U.S. now.");
  // Ordinary words still end sentences, and so does a real sentence ending in "no.".
  const auto t = SplitSentences("You are stupid. Stop it.");
  REQUIRE(t.size() == 2);
  CHECK(t[0].text == "You are stupid.");
}

TEST_CASE("windows pack whole sentences within the budget and cut over-long ones at spaces") {
  const std::string text = "one two three. four five. six seven eight nine ten eleven.";
  auto words = [](std::string_view t) {  // cost = number of words
    size_t n = 0;
    bool in_word = false;
    for (char c : t) {
      if (c != ' ' && !in_word) ++n;
      in_word = c != ' ';
    }
    return n;
  };
  const auto sentences = SplitSentences(text);
  REQUIRE(sentences.size() == 3);
  const auto windows = PackWindows(text, sentences, 5, words);
  // [one two three. four five.] [six seven eight nine ten] [eleven.]
  REQUIRE(windows.size() == 3);
  CHECK(windows[0].text == "one two three. four five.");
  CHECK(windows[1].text == "six seven eight nine ten");
  CHECK(windows[2].text == "eleven.");
  CHECK(windows[2].end == text.size());
}
