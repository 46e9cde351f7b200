// Span rules (src/span_rules.h) on hand-made decoder output: multi-part
// names joined, nothing inside e-mail addresses or URLs.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "span_rules.h"
#include "tokenizer.h"

using presidio_ner::ApplySpanRules;
using presidio_ner::NerSpan;
using presidio_ner::Tokenize;

namespace {

// The span covering `part` of `text` (its first occurrence).
NerSpan SpanOf(const std::string& text, const std::string& part,
               const std::string& label, double score = 0.9) {
  const size_t at = text.find(part);
  REQUIRE(at != std::string::npos);
  return {label, at, at + part.size(), score};
}

std::vector<std::string> Texts(const std::string& text,
                               const std::vector<NerSpan>& spans) {
  std::vector<std::string> out;
  for (const NerSpan& s : spans) {
    out.push_back(s.label + ":" +
                  text.substr(s.begin_byte, s.end_byte - s.begin_byte));
  }
  return out;
}

}  // namespace

TEST_CASE("neighbouring PERSON parts become one name") {
  const std::string text = "Ask María José García or Ludwig van Beethoven.";
  std::vector<NerSpan> spans = {SpanOf(text, "María José", "PERSON", 0.8),
                                SpanOf(text, "García", "PERSON", 0.6),
                                SpanOf(text, "Ludwig", "PERSON"),
                                SpanOf(text, "Beethoven", "PERSON")};
  ApplySpanRules(text, Tokenize(text), &spans);
  CHECK(Texts(text, spans) ==
        std::vector<std::string>{"PERSON:María José García",
                                 "PERSON:Ludwig van Beethoven"});
  CHECK(spans[0].score == doctest::Approx(0.6));  // the weaker part's score
}

TEST_CASE("names across a line break, a comma or another label stay apart") {
  const std::string text = "Anna\nBerg, Carl Paris";
  std::vector<NerSpan> spans = {
      SpanOf(text, "Anna", "PERSON"), SpanOf(text, "Berg", "PERSON"),
      SpanOf(text, "Carl", "PERSON"), SpanOf(text, "Paris", "LOCATION")};
  ApplySpanRules(text, Tokenize(text), &spans);
  CHECK(Texts(text, spans) ==
        std::vector<std::string>{"PERSON:Anna", "PERSON:Berg", "PERSON:Carl",
                                 "LOCATION:Paris"});
}

TEST_CASE("no name or place inside an e-mail address or a URL") {
  const std::string text =
      "Mail john.smith@example.com or see https://paris.example.org/x, "
      "www.berlin.de and John.";
  std::vector<NerSpan> spans = {
      SpanOf(text, "john.smith@example.com", "PERSON"),
      SpanOf(text, "https", "LOCATION"),
      SpanOf(text, "www.berlin.de", "LOCATION"),
      SpanOf(text, "John", "PERSON")};
  ApplySpanRules(text, Tokenize(text), &spans);
  CHECK(Texts(text, spans) == std::vector<std::string>{"PERSON:John"});
}

TEST_CASE("a trailing dotted abbreviation is not part of a name") {
  const std::string text = "Patient: John Smith D.L. 4471-203, Faina D. Ivanova";
  std::vector<NerSpan> spans = {SpanOf(text, "John Smith D.L.", "PERSON"),
                                SpanOf(text, "Faina D.", "PERSON")};
  ApplySpanRules(text, Tokenize(text), &spans);
  CHECK(Texts(text, spans) ==
        std::vector<std::string>{"PERSON:John Smith", "PERSON:Faina D."});
}
