// The recognizer catalogue: Presidio's class names and defaults, and how enabled_recognizers /
// disabled_recognizers resolve (defaults, "all", "default", explicit names, unknown names).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/analyzer_engine.h"
#include "core/recognizer_catalogue.h"
#include "test_util.h"

using namespace presidio;

namespace {

std::vector<std::string> Names(const std::vector<const CatalogueEntry*>& entries) {
  std::vector<std::string> names;
  for (const CatalogueEntry* e : entries) names.push_back(e->name);
  return names;
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("catalogue: every entry builds, under a unique Presidio class name") {
  RecognizerDeps deps;
  deps.suffixes = presidio_test::Suffixes();
  std::set<std::string> names;
  for (const CatalogueEntry& entry : RecognizerCatalogue()) {
    INFO(entry.name);
    CHECK(names.insert(entry.name).second);
    std::string error;
    auto recognizer = entry.create(deps, &error);
    REQUIRE(recognizer != nullptr);
    CHECK(recognizer->name() == entry.name);
    CHECK_FALSE(recognizer->supported_entities().empty());
  }
  // 70 of the 72 names in Presidio's default_recognizers.yaml (not the Hugging Face and LangExtract
  // ones) and four Presidio ships outside it.
  CHECK(names.size() == 74);
}

TEST_CASE("catalogue: no setting gives Presidio's 16 English defaults") {
  std::vector<const CatalogueEntry*> selected;
  std::string error;
  REQUIRE(SelectRecognizers({}, {}, "en", &selected, &error));
  auto names = Names(selected);
  CHECK(names.size() == 16);
  CHECK(Has(names, "UsSsnRecognizer"));
  CHECK(Has(names, "PhoneRecognizer"));
  CHECK_FALSE(Has(names, "UkNinoRecognizer"));  // enabled: false in Presidio
  CHECK_FALSE(Has(names, "EsNifRecognizer"));   // Spanish only
}

TEST_CASE("catalogue: 'all', 'default', class names and disabled_recognizers") {
  std::vector<const CatalogueEntry*> selected;
  std::string error;
  REQUIRE(SelectRecognizers({"all"}, {}, "en", &selected, &error));
  auto all = Names(selected);
  CHECK(Has(all, "UkNinoRecognizer"));
  CHECK(Has(all, "AuAbnRecognizer"));
  CHECK(Has(all, "InVoterRecognizer"));        // no language in Presidio's YAML: every language
  CHECK_FALSE(Has(all, "DeTaxIdRecognizer"));  // German only
  REQUIRE(SelectRecognizers({"all"}, {}, "de", &selected, &error));
  CHECK(Has(Names(selected), "DeTaxIdRecognizer"));
  CHECK_FALSE(Has(Names(selected), "UkNinoRecognizer"));

  REQUIRE(SelectRecognizers({"default", "UkNinoRecognizer", "DeTaxIdRecognizer"}, {"UsBankRecognizer"}, "en", &selected,
                            &error));
  auto mixed = Names(selected);
  CHECK(mixed.size() == 17);
  CHECK(Has(mixed, "UkNinoRecognizer"));
  CHECK(Has(mixed, "DeTaxIdRecognizer"));  // named explicitly: runs whatever its language
  CHECK_FALSE(Has(mixed, "UsBankRecognizer"));

  REQUIRE(SelectRecognizers({"UkNinoRecognizer"}, {}, "en", &selected, &error));
  CHECK(Names(selected) == std::vector<std::string>{"UkNinoRecognizer"});
}

TEST_CASE("catalogue: unknown names are an error naming them") {
  std::vector<const CatalogueEntry*> selected;
  std::string error;
  CHECK_FALSE(SelectRecognizers({"UkNinoRecogniser"}, {}, "en", &selected, &error));
  CHECK(error.find("'UkNinoRecogniser'") != std::string::npos);
  CHECK(error.find("enabled_recognizers") != std::string::npos);
  CHECK_FALSE(SelectRecognizers({}, {"ukninorecognizer"}, "en", &selected, &error));
  CHECK(error.find("did you mean 'UkNinoRecognizer'") != std::string::npos);
  CHECK_FALSE(SelectRecognizers({}, {"all"}, "en", &selected, &error));  // keywords only enable
}

TEST_CASE("InPanRecognizer: the low pattern's look-aheads reach to the end of the text, as Presidio's") {
  RecognizerDeps deps;
  std::string error;
  auto pan = FindRecognizer("InPanRecognizer")->create(deps, &error);
  auto spans = [&](const std::string& text) {
    std::vector<std::pair<size_t, size_t>> out;
    for (const auto& r : presidio_test::Run(*pan, text)) out.emplace_back(r.start, r.end);
    return out;
  };
  // A letter and four digits somewhere at or after the candidate's start.
  CHECK(spans("code xy_______z then 1234") == std::vector<std::pair<size_t, size_t>>{{5, 15}});
  CHECK(spans("code xy_______z then 123").empty());
  CHECK(spans("1234 then xy_______z").empty());
  CHECK(spans("code ab12cd34ef").empty());  // no four digits in a row
}

TEST_CASE("catalogue: every recognizer at once survives random and malformed text") {
  std::vector<std::string> everything;
  for (const CatalogueEntry& entry : RecognizerCatalogue()) everything.push_back(entry.name);
  std::vector<const CatalogueEntry*> selected;
  std::string error;
  REQUIRE(SelectRecognizers(everything, {}, "en", &selected, &error));
  AnalyzerEngine engine{AnalyzerOptions()};
  RecognizerDeps deps;
  deps.suffixes = presidio_test::Suffixes();
  for (const CatalogueEntry* entry : selected) engine.AddRecognizer(entry->create(deps, &error));
  engine.Finalize();
  // Identifier-like alphabet: digits, letters the patterns look for, separators, a non-ASCII letter,
  // and bytes that are not UTF-8.
  const std::vector<std::string> pieces = {"0", "1", "2", "5", "9", "A", "D",  "E", "T", "X",  "Z",    "a",
                                           "k", "-", " ", ".", "/", ":", "\n", "_", "ä", "사", "\xff", "\xc3"};
  uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u; };
  for (int round = 0; round < 200; ++round) {
    std::string text;
    while (text.size() < 2000) text += pieces[(next() >> 8) % pieces.size()];
    AnalyzeRequest request;
    request.text = text;
    request.score_threshold = 0.0;
    std::vector<RecognizerResult> results;
    REQUIRE(engine.Analyze(request, &results, &error));
    for (const RecognizerResult& r : results) {
      CHECK(r.start < r.end);
      CHECK(r.end <= text.size());
      CHECK(r.score > 0.0);
      CHECK(r.score <= 1.0);
    }
  }
}
