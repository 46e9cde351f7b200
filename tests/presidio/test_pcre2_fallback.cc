// User patterns RE2 cannot run (look-arounds, back-references, Python's named back-references) run on
// PCRE2 with a match limit; patterns RE2 can run stay on RE2; a catastrophic-backtracking pattern
// finishes fast instead of hanging the request.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/ad_hoc_recognizers.h"
#include "core/pattern_recognizer.h"
#include "core/pcre2_regex.h"
#include "test_util.h"

using namespace presidio;

namespace {

std::unique_ptr<PatternRecognizer> Custom(const std::string& regex, std::string* error) {
  nlohmann::ordered_json spec = {{"name", "custom"},
                                 {"supported_entity", "CUSTOM"},
                                 {"patterns", {{{"name", "p"}, {"regex", regex}, {"score", 0.6}}}}};
  return ParseAdHocRecognizer(spec, error);
}

std::vector<std::pair<size_t, size_t>> Spans(const Recognizer& recognizer, const std::string& text) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const RecognizerResult& r : presidio_test::Run(recognizer, text)) spans.emplace_back(r.start, r.end);
  std::sort(spans.begin(), spans.end());
  return spans;
}

}  // namespace

TEST_CASE("PCRE2 fallback: look-arounds and back-references run, RE2 patterns stay on RE2") {
  if (!Pcre2Regex::Available()) {
    MESSAGE("built without libpcre2-dev: the fallback is off");
    return;
  }
  std::string error;
  auto behind = Custom(R"((?<=ID: )\d{4}\b)", &error);
  REQUIRE_MESSAGE(behind != nullptr, error);
  CHECK(behind->UsesPcre2(0));
  CHECK(Spans(*behind, "ID: 1234, no 5678") == std::vector<std::pair<size_t, size_t>>{{4, 8}});

  auto ahead = Custom(R"(\b[A-Z]{3}(?!-)\d{3}\b)", &error);
  REQUIRE(ahead != nullptr);
  CHECK(Spans(*ahead, "abc123 XYZ-123 qrs456") == std::vector<std::pair<size_t, size_t>>{{0, 6}, {15, 21}});

  // Back-references, numbered and Python-named; global flags (IGNORECASE) apply.
  auto twice = Custom(R"(\b(\w+) \1\b)", &error);
  REQUIRE(twice != nullptr);
  CHECK(Spans(*twice, "it is is fine, Fine fine") == std::vector<std::pair<size_t, size_t>>{{3, 8}, {15, 24}});
  auto named = Custom(R"((?P<q>['"])\w+(?P=q))", &error);
  REQUIRE(named != nullptr);
  CHECK(Spans(*named, R"(say 'hi' or "no')") == std::vector<std::pair<size_t, size_t>>{{4, 8}});

  // Offsets stay byte offsets in UTF-8 text; \w is Unicode as in Python.
  auto unicode = Custom(R"((?<=Name: )\w+)", &error);
  REQUIRE(unicode != nullptr);
  CHECK(Spans(*unicode, "Name: Zoë!") == std::vector<std::pair<size_t, size_t>>{{6, 10}});

  auto plain = Custom(R"(\bEMP-\d{6}\b)", &error);
  REQUIRE(plain != nullptr);
  CHECK_FALSE(plain->UsesPcre2(0));

  // Invalid for both engines: refused with both errors.
  CHECK(Custom("(?<=a+)b(", &error) == nullptr);
  CHECK(error.find("PCRE2") != std::string::npos);
}

TEST_CASE("PCRE2 fallback: catastrophic backtracking is cut off by the match limit") {
  if (!Pcre2Regex::Available()) {
    MESSAGE("built without libpcre2-dev: the fallback is off");
    return;
  }
  std::string error;
  // Nested quantifiers with a back-reference (so RE2 refuses it) over a long run that never matches:
  // exponential for a backtracking engine.
  auto evil = Custom(R"(^(\w+\s?)*(\1)$)", &error);
  REQUIRE_MESSAGE(evil != nullptr, error);
  REQUIRE(evil->UsesPcre2(0));
  std::string text(5000, 'a');
  text += "!";
  const auto begin = std::chrono::steady_clock::now();
  auto results = presidio_test::Run(*evil, text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  CHECK(results.empty());
  CHECK(seconds < 2.0);
  // The limit, not a quick failure, is what ended the scan.
  auto regex = Pcre2Regex::Compile(R"(^(\w+\s?)*(\1)$)", kPresidioDefaultFlags, &error);
  REQUIRE(regex != nullptr);
  size_t a = 0, b = 0, c = 0, d = 0;
  CHECK(regex->Find(text, 0, 0, &a, &b, &c, &d) == Pcre2Regex::Result::kLimit);

  // Same pattern, harmless input: it still matches.
  CHECK(Spans(*evil, "abab") == std::vector<std::pair<size_t, size_t>>{{0, 4}});
}
