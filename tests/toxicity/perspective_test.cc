// Perspective's building blocks without a model: language detection (CLD2) and BCP-47 matching, UTF-16
// offsets, and the discovery document's structure.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "language_id.h"
#include "perspective_discovery.h"

using namespace sentinel::toxicity;

TEST_CASE("BCP-47 and ISO codes match on the primary subtag, case-insensitively") {
  CHECK(PrimaryLanguage("en") == "en");
  CHECK(PrimaryLanguage("en-US") == "en");
  CHECK(PrimaryLanguage("EN") == "en");
  CHECK(PrimaryLanguage("en_GB") == "en");
  CHECK(PrimaryLanguage("zh-Hant-TW") == "zh");
  CHECK(PrimaryLanguage("") == "");
  const std::vector<std::string> model = {"en", "fr"};
  CHECK(LanguageSupported("en-US", model));
  CHECK(LanguageSupported("FR_ca", model));
  CHECK(!LanguageSupported("de", model));
  CHECK(!LanguageSupported("", model));
  CHECK(!LanguageSupported("-en", model));
  CHECK(LanguageSupported("de", {}));  // a model that lists no languages takes any
}

TEST_CASE("CLD2 detects sentences reliably and says when a text is too short") {
  DetectedLanguages en = DetectLanguages("What kind of idiot name is foo? Have a nice day.");
  CHECK(en.reliable);
  REQUIRE(!en.codes.empty());
  CHECK(en.codes[0] == "en");
  DetectedLanguages de = DetectLanguages("Das ist ein ganz normaler deutscher Satz über das Wetter heute.");
  CHECK(de.reliable);
  CHECK(de.codes.at(0) == "de");
  // CLD2's withdrawn code for Hebrew comes back as the current one.
  CHECK(DetectLanguages("שלום לכולם, מה שלומכם היום? אני מקווה שהכול בסדר.").codes.at(0) == "he");
  for (const char* few : {"hello", "you idiot", "ok", "12345", "", "\xF0\x9F\x98\x80"}) {
    CAPTURE(few);
    CHECK(!DetectLanguages(few).reliable);
  }
}

TEST_CASE("UTF-16 offsets: code points past U+FFFF take two units") {
  using sentinel::utf8::Utf16Offsets;
  CHECK(Utf16Offsets("") == std::vector<size_t>{0});
  CHECK(Utf16Offsets("ab") == std::vector<size_t>{0, 1, 2});
  CHECK(Utf16Offsets("\xC3\xA9x") == std::vector<size_t>{0, 1, 2});          // é: one unit
  CHECK(Utf16Offsets("\xE2\x82\xAC") == std::vector<size_t>{0, 1});          // €: one unit
  CHECK(Utf16Offsets("\xF0\x9F\x98\x80 a") == std::vector<size_t>{0, 2, 3, 4});  // 😀: two units
}

TEST_CASE("the discovery document describes comments.analyze at the given root") {
  const nlohmann::json doc = nlohmann::json::parse(
      PerspectiveDiscoveryDocument("http://127.0.0.1:8080/", {"TOXICITY", "INSULT"}, {"en"}));
  CHECK(doc["kind"] == "discovery#restDescription");
  CHECK(doc["discoveryVersion"] == "v1");
  CHECK(doc["rootUrl"] == "http://127.0.0.1:8080/");
  CHECK(doc["baseUrl"] == "http://127.0.0.1:8080/");
  CHECK(doc["servicePath"] == "");
  const nlohmann::json& methods = doc["resources"]["comments"]["methods"];
  CHECK(methods.size() == 1);
  CHECK(methods["analyze"]["path"] == "v1alpha1/comments:analyze");
  for (const char* schema : {"AnalyzeCommentRequest", "AnalyzeCommentResponse", "TextEntry", "Context",
                             "ArticleAndParentComment", "AttributeParameters", "AttributeScores", "SpanScore",
                             "Score"}) {
    CAPTURE(schema);
    REQUIRE(doc["schemas"].contains(schema));
    CHECK(doc["schemas"][schema]["id"] == schema);
    CHECK(doc["schemas"][schema]["type"] == "object");
  }
  const std::string attributes =
      doc["schemas"]["AnalyzeCommentRequest"]["properties"]["requestedAttributes"]["description"];
  CHECK(attributes.find("TOXICITY, INSULT") != std::string::npos);
  CHECK(doc["schemas"]["SpanScore"]["properties"]["begin"]["description"].get<std::string>().find("UTF-16") !=
        std::string::npos);
}
