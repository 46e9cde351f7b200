// The analyzer pipeline: context enhancement, de-duplication, ordering, threshold, entity filter,
// allow lists, ad-hoc recognizers and the decision-process explanation.
#include <doctest/doctest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/ad_hoc_recognizers.h"
#include "core/analyzer_engine.h"
#include "core/pcre2_regex.h"
#include "core/predefined_recognizers.h"
#include "test_util.h"

using namespace presidio;

namespace {

std::unique_ptr<AnalyzerEngine> DefaultEngine(AnalyzerOptions options = AnalyzerOptions()) {
  auto engine = std::make_unique<AnalyzerEngine>(options);
  std::string error;
  for (auto& r : NewDefaultRecognizers(presidio_test::Suffixes(), {}, &error)) engine->AddRecognizer(std::move(r));
  engine->Finalize();
  return engine;
}

std::vector<RecognizerResult> Analyze(const AnalyzerEngine& engine, const AnalyzeRequest& request) {
  std::vector<RecognizerResult> results;
  std::string error;
  REQUIRE(engine.Analyze(request, &results, &error));
  return results;
}

// Keeps the latest results alive so that pointers from Find() stay valid within a test.
const std::vector<RecognizerResult>& Keep(std::vector<RecognizerResult> results) {
  static std::vector<RecognizerResult> kept;
  kept = std::move(results);
  return kept;
}

const RecognizerResult* Find(const std::vector<RecognizerResult>& results, const std::string& entity) {
  for (const auto& r : results) {
    if (r.entity_type == entity) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("context word raises a weak driver-license match like Presidio (0.3 + 0.35)") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "John Smith license is AC432223";
  auto results = Analyze(*engine, request);
  const RecognizerResult* dl = Find(results, "US_DRIVER_LICENSE");
  REQUIRE(dl != nullptr);
  CHECK(dl->start == 22);
  CHECK(dl->end == 30);
  CHECK(dl->score == 0.3 + 0.35);  // 0.6499999999999999, as Presidio reports it
  CHECK(dl->explanation.supportive_context_word.value() == "license");
  CHECK(dl->explanation.score_context_improvement == doctest::Approx(0.35));
  CHECK(dl->explanation.original_score == 0.3);
}

TEST_CASE("context words match whole words only") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "duplicate AC432223";  // Presidio's substring mode finds "lic" in "duplicate"
  const RecognizerResult* dl = Find(Keep(Analyze(*engine, request)), "US_DRIVER_LICENSE");
  REQUIRE(dl != nullptr);
  CHECK(dl->score == 0.3);
  request.text = "my licenses: AC432223";  // plural still counts
  dl = Find(Keep(Analyze(*engine, request)), "US_DRIVER_LICENSE");
  REQUIRE(dl != nullptr);
  CHECK(dl->score == doctest::Approx(0.65));
}

TEST_CASE("context floor 0.4, window of 5 non-stop words, request context") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "my passport number is 912803456";
  const RecognizerResult* passport = Find(Keep(Analyze(*engine, request)), "US_PASSPORT");
  REQUIRE(passport != nullptr);
  CHECK(passport->score == doctest::Approx(0.4));
  request.text = "passport one two three four five six 912803456";
  passport = Find(Keep(Analyze(*engine, request)), "US_PASSPORT");
  REQUIRE(passport != nullptr);
  CHECK(passport->score == doctest::Approx(0.05));
  request.context = {"passport"};
  passport = Find(Keep(Analyze(*engine, request)), "US_PASSPORT");
  REQUIRE(passport != nullptr);
  CHECK(passport->score == doctest::Approx(0.4));
  // Multi-word request context counts word by word (Presidio's e2e "D.L." example).
  AnalyzeRequest dl;
  dl.text = "John Smith D.L. is AC432223";
  dl.context = {"Driver license"};
  const RecognizerResult* license = Find(Keep(Analyze(*engine, dl)), "US_DRIVER_LICENSE");
  REQUIRE(license != nullptr);
  CHECK(license->explanation.supportive_context_word.value() == "driver");
}

TEST_CASE("multi-word context must appear in order") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.entities = std::vector<std::string>{"MAC_ADDRESS"};
  request.text = "hardware address: 00:1A:2B:3C:4D:5E";
  const RecognizerResult* mac = Find(Keep(Analyze(*engine, request)), "MAC_ADDRESS");
  REQUIRE(mac != nullptr);
  CHECK(mac->score == doctest::Approx(0.95));
  request.text = "address hardware 00:1A:2B:3C:4D:5E";
  mac = Find(Keep(Analyze(*engine, request)), "MAC_ADDRESS");
  REQUIRE(mac != nullptr);
  CHECK(mac->score == doctest::Approx(0.6));
}

TEST_CASE("a 3-3-4 number that passes the weak NHS check is reported as a phone number too") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "fax 169-825-3303 today";
  const auto& results = Keep(Analyze(*engine, request));
  const RecognizerResult* nhs = Find(results, "UK_NHS");
  const RecognizerResult* phone = Find(results, "PHONE_NUMBER");
  REQUIRE(nhs != nullptr);
  REQUIRE(phone != nullptr);
  CHECK(phone->start == 4);
  CHECK(phone->end == 16);
}

TEST_CASE("de-duplication keeps different types on one span and orders by score, start, length") {
  std::vector<RecognizerResult> results(4);
  results[0] = {"US_SSN", 0, 11, 0.05};
  results[1] = {"US_SSN", 0, 11, 0.5};
  results[2] = {"US_BANK_NUMBER", 0, 11, 0.05};
  results[3] = {"US_SSN", 2, 5, 0.3};
  AnalyzerEngine::RemoveDuplicates(&results);
  REQUIRE(results.size() == 2);
  CHECK(results[0].entity_type == "US_SSN");
  CHECK(results[0].score == 0.5);
  CHECK(results[1].entity_type == "US_BANK_NUMBER");
}

TEST_CASE("score threshold, entity filter and unknown language") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "SSN 078-05-1123 and card 4111111111111111";
  auto all = Analyze(*engine, request);
  CHECK(Find(all, "US_SSN") != nullptr);
  CHECK(Find(all, "CREDIT_CARD") != nullptr);
  CHECK(all.front().entity_type == "CREDIT_CARD");  // highest score first
  request.score_threshold = 0.9;
  auto high = Analyze(*engine, request);
  REQUIRE(high.size() == 1);
  CHECK(high[0].entity_type == "CREDIT_CARD");
  request.score_threshold.reset();
  request.entities = std::vector<std::string>{"US_SSN"};
  auto ssn = Analyze(*engine, request);
  REQUIRE(ssn.size() == 1);
  CHECK(ssn[0].entity_type == "US_SSN");
  std::vector<RecognizerResult> out;
  std::string error;
  request.entities = std::vector<std::string>{"NOT_AN_ENTITY"};
  CHECK_FALSE(engine->Analyze(request, &out, &error));
  CHECK(error == "No matching recognizers were found to serve the request.");
  request.entities.reset();
  request.language = "he";
  CHECK_FALSE(engine->Analyze(request, &out, &error));
}

TEST_CASE("allow list, exact and regex") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "write to bob@example.com or alice@example.org";
  request.entities = std::vector<std::string>{"EMAIL_ADDRESS"};
  request.allow_list = {"bob@example.com"};
  auto exact = Analyze(*engine, request);
  REQUIRE(exact.size() == 1);
  CHECK(exact[0].start == 28);
  request.allow_list = {"EXAMPLE\\.(com|org)"};
  request.allow_list_match = AllowListMatch::kRegex;
  CHECK(Analyze(*engine, request).empty());  // case-insensitive by default (flags 26)
  request.regex_flags = 0;
  CHECK(Analyze(*engine, request).size() == 2);
}

TEST_CASE("ad-hoc pattern recognizer with context reaches the 0.4 floor") {
  auto engine = DefaultEngine();
  auto spec = nlohmann::ordered_json::parse(R"J({"name":"Zip code Recognizer","supported_language":"en",
    "patterns":[{"name":"zip code (weak)","regex":"(\\b\\d{5}(?:\\-\\d{4})?\\b)","score":0.01}],
    "context":["zip","code"],"supported_entity":"ZIP"})J");
  std::string error;
  auto zip = ParseAdHocRecognizer(spec, &error);
  REQUIRE(zip != nullptr);
  AnalyzeRequest request;
  request.text = "John Smith drivers license is AC432223. Zip code: 10023";
  request.ad_hoc = {zip.get()};
  const RecognizerResult* found = Find(Keep(Analyze(*engine, request)), "ZIP");
  REQUIRE(found != nullptr);
  CHECK(found->start == 50);
  CHECK(found->end == 55);
  CHECK(found->score == doctest::Approx(0.4));
}

TEST_CASE("ad-hoc deny list matches whole words, case-insensitively, at 1.0") {
  auto spec = nlohmann::ordered_json::parse(
      R"J({"name":"Mr. Recognizer","supported_language":"en","deny_list":["Mr.","Mister"],"supported_entity":"MR_TITLE"})J");
  std::string error;
  auto titles = ParseAdHocRecognizer(spec, &error);
  REQUIRE(titles != nullptr);
  auto found = presidio_test::Run(*titles, "Mr. Smith met mister Jones and Misterious Mr.X");
  REQUIRE(found.size() == 2);
  CHECK(found[0].start == 0);
  CHECK(found[0].end == 3);
  CHECK(found[0].score == 1.0);
  CHECK(found[1].start == 14);
}

TEST_CASE("ad-hoc recognizer errors name the problem") {
  std::string error;
  auto bad_key = nlohmann::ordered_json::parse(
      R"J({"name":"x","supported_entity":"X","patterns":[{"name":"p","regex":"a","score":0.5,"type":"y"}]})J");
  CHECK(ParseAdHocRecognizer(bad_key, &error) == nullptr);
  CHECK(error == "Pattern.__init__() got an unexpected keyword argument 'type'");
  auto bad_regex = nlohmann::ordered_json::parse(
      R"J({"name":"x","supported_entity":"X","patterns":[{"name":"broken one","regex":"(a","score":0.5}]})J");
  CHECK(ParseAdHocRecognizer(bad_regex, &error) == nullptr);
  CHECK(error.find("broken one") != std::string::npos);
  CHECK(error.find("missing )") != std::string::npos);
  auto lookahead = nlohmann::ordered_json::parse(
      R"J({"name":"x","supported_entity":"X","patterns":[{"name":"la","regex":"a(?=b)","score":0.5}]})J");
  // RE2 cannot run a look-ahead: PCRE2 does when built in (see test_pcre2_fallback.cc), else refused.
  CHECK((ParseAdHocRecognizer(lookahead, &error) != nullptr) == Pcre2Regex::Available());
}

TEST_CASE("explanations describe the pattern that matched") {
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = "card 4111111111111111";
  const RecognizerResult* card = Find(Keep(Analyze(*engine, request)), "CREDIT_CARD");
  REQUIRE(card != nullptr);
  CHECK(card->explanation.recognizer == "CreditCardRecognizer");
  CHECK(card->explanation.pattern_name.value() == "All Credit Cards (weak)");
  CHECK(card->explanation.textual_explanation.value() ==
        "Detected by `CreditCardRecognizer` using pattern `All Credit Cards (weak)`");
  CHECK(card->explanation.validation_result.value() == true);
  CHECK(card->explanation.regex_flags.value() == 26);
}

TEST_CASE("supported entities and recognizer names follow the registry") {
  auto engine = DefaultEngine();
  auto names = engine->RecognizerNames("en");
  CHECK(names.size() == 16);
  CHECK(names.front() == "CreditCardRecognizer");
  auto entities = engine->SupportedEntities("en");
  CHECK(entities.size() == 16);
  CHECK(engine->SupportedEntities("he").empty());
  AnalyzerOptions options;
  options.disabled_entities = {"US_BANK_NUMBER"};
  auto limited = DefaultEngine(options);
  CHECK(limited->SupportedEntities("en").size() == 15);
}

TEST_CASE("the segmented pre-scan finds exactly what full scans of every pattern find") {
  // A long text whose entities sit right at segment boundaries (newlines, "word word" spaces).
  std::string text;
  const char* pieces[] = {"card 4111 1111 1111 1111\n",
                          "mail bob@example.com then ",
                          "iban GB82 WEST 1234 5698 7654 32 ok ",
                          "date 2021-05-20T10:00:00Z and ",
                          "ip 192.168.0.1\n",
                          "ssn 078-05-1123 done ",
                          "license AC432223 ",
                          "see https://example.org/a/b. ",
                          "nhs 401 023 2137\n"};
  for (int i = 0; i < 400; ++i) {
    text += pieces[i % 9];
    text += std::string(static_cast<size_t>(i % 7) * 13, 'x') + " words in between here ";
  }
  auto engine = DefaultEngine();
  AnalyzeRequest request;
  request.text = text;
  auto actual = Analyze(*engine, request);

  std::string error;
  auto recognizers = NewDefaultRecognizers(presidio_test::Suffixes(), {}, &error);
  std::vector<RecognizerResult> expected;
  for (const auto& r : recognizers) r->Analyze(text, ScanHints(), &expected);
  ContextEnhancer().Enhance(text, {}, &expected);
  AnalyzerEngine::RemoveDuplicates(&expected);

  REQUIRE(actual.size() == expected.size());
  CHECK(actual.size() >= 400);
  for (size_t i = 0; i < actual.size(); ++i) {
    CHECK(actual[i].entity_type == expected[i].entity_type);
    CHECK(actual[i].start == expected[i].start);
    CHECK(actual[i].end == expected[i].end);
    CHECK(actual[i].score == expected[i].score);
  }
}

TEST_CASE("random texts: results lie on character boundaries, in range, ordered") {
  auto engine = DefaultEngine();
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "0",
                                           "7",
                                           "4111 1111 1111 1111",
                                           " ",
                                           "\n",
                                           "-",
                                           ".",
                                           "@",
                                           "/",
                                           ":",
                                           "(",
                                           ")",
                                           "+",
                                           "\xC3\xA9",
                                           "\xF0\x9F\x98\x80",
                                           "\xEF\xBC\x91",
                                           "bob@example.com",
                                           "192.168.0.1",
                                           "2021-05-20",
                                           "(212) 555-1234",
                                           "license",
                                           "ssn",
                                           "\xE2\x80\x8B"};
  uint32_t seed = 12345;
  auto next = [&seed]() {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t n = next() % 60;
    for (size_t i = 0; i < n; ++i) text += pieces[next() % pieces.size()];
    AnalyzeRequest request;
    request.text = text;
    std::vector<RecognizerResult> results;
    std::string error;
    REQUIRE(engine->Analyze(request, &results, &error));
    for (size_t i = 0; i < results.size(); ++i) {
      const RecognizerResult& r = results[i];
      CHECK(r.start < r.end);
      CHECK(r.end <= text.size());
      CHECK((static_cast<unsigned char>(text[r.start]) & 0xC0) != 0x80);
      CHECK((r.end == text.size() || (static_cast<unsigned char>(text[r.end]) & 0xC0) != 0x80));
      CHECK(r.score > 0.0);
      CHECK(r.score <= 1.0);
      if (i > 0) CHECK(results[i - 1].score >= r.score);
    }
  }
}

TEST_CASE("one engine serves several threads at once with identical results") {
  auto engine = DefaultEngine();
  const std::vector<std::string> texts = {"Call (212) 555-1234 or mail bob@example.com, card 4111 1111 1111 1111.",
                                          "IBAN DE89 3704 0044 0532 0130 00 from 192.168.0.1 on 2021-05-20",
                                          "my passport number is 912803456 and my license is AC432223",
                                          "nothing personal in this sentence at all"};
  std::vector<std::vector<RecognizerResult>> expected;
  for (const std::string& text : texts) {
    AnalyzeRequest request;
    request.text = text;
    expected.push_back(Analyze(*engine, request));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        size_t k = static_cast<size_t>(i + t) % texts.size();
        AnalyzeRequest request;
        request.text = texts[k];
        std::vector<RecognizerResult> results;
        std::string error;
        engine->Analyze(request, &results, &error);
        bool same = results.size() == expected[k].size();
        for (size_t j = 0; same && j < results.size(); ++j) {
          same = results[j].entity_type == expected[k][j].entity_type && results[j].start == expected[k][j].start &&
                 results[j].end == expected[k][j].end && results[j].score == expected[k][j].score;
        }
        if (!same) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches.load() == 0);
}
