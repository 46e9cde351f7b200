// Presidio's YAML (plugin/presidio_yaml.h) and the per-language registry (plugin/language_registry.h):
// every configuration file Presidio 2.2.363 ships and every YAML fixture of its test suite
// (tests/presidio/data/presidio_conf/, MIT) loads or is refused as Presidio does, with the
// recognizer count per language, the languages, NER, and custom patterns found by an analyzer engine.
// Refusals of what Sentinel cannot run name FILE:LINE:COLUMN.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "core/analyzer_engine.h"
#include "plugin/language_registry.h"
#include "plugin/presidio_yaml.h"
#include "test_util.h"

using namespace presidio;

namespace {

const std::string kConf = PRESIDIO_CONF_DIR;

struct Loaded {
  bool ok = false;
  std::string error;
  PresidioConfig config;
  std::vector<LanguageRecognizers> languages;

  const LanguageRecognizers* Lang(const std::string& code) const {
    for (const auto& l : languages) {
      if (l.language == code) return &l;
    }
    return nullptr;
  }
  std::vector<std::string> Names(const std::string& code) const {
    std::vector<std::string> names;
    if (const auto* l = Lang(code)) {
      for (const auto& r : l->recognizers) names.push_back(r->name());
    }
    return names;
  }
};

Loaded Load(const std::string& file, const std::vector<std::string>& module_languages = {}) {
  Loaded loaded;
  if (!ReadPresidioConfig(kConf + "/" + file, module_languages, &loaded.config, &loaded.error)) return loaded;
  RecognizerDeps deps;
  deps.suffixes = presidio_test::Suffixes();
  loaded.ok = BuildLanguageRecognizers(&loaded.config, loaded.config.supported_languages, {}, {}, deps,
                                       &loaded.languages, &loaded.error);
  return loaded;
}

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Runs one language's recognizers in an analyzer engine, as the service does.
std::vector<RecognizerResult> Analyze(Loaded* loaded, const std::string& language, const std::string& text) {
  AnalyzerOptions options;
  options.language = language;
  AnalyzerEngine engine(options);
  for (auto& l : loaded->languages) {
    if (l.language != language) continue;
    for (auto& r : l.recognizers) engine.AddRecognizer(std::move(r));
  }
  engine.Finalize();
  AnalyzeRequest request;
  request.text = text;
  request.language = language;
  std::vector<RecognizerResult> results;
  std::string error;
  REQUIRE_MESSAGE(engine.Analyze(request, &results, &error), error);
  return results;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

// Presidio's 16 English defaults (default_recognizers.yaml, enabled for en).
const std::vector<std::string> kEnglishDefaults = {
    "CreditCardRecognizer",     "UsBankRecognizer",     "UsLicenseRecognizer", "UsItinRecognizer",
    "UsPassportRecognizer",     "UsSsnRecognizer",      "NhsRecognizer",       "CryptoRecognizer",
    "DateRecognizer",           "EmailRecognizer",      "IbanRecognizer",      "IpRecognizer",
    "MedicalLicenseRecognizer", "MacAddressRecognizer", "PhoneRecognizer",     "UrlRecognizer"};

}  // namespace

TEST_CASE("presidio yaml: Presidio's shipped configuration files load") {
  SUBCASE("default.yaml (NLP engine: spaCy en) -> default registry for en, NER") {
    Loaded l = Load("default.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.config.kind == "nlp engine");
    CHECK(l.config.supported_languages == std::vector<std::string>{"en"});
    CHECK(l.Names("en") == kEnglishDefaults);
    CHECK(l.Lang("en")->ner);
    CHECK_FALSE(l.Lang("en")->ner_required);
  }
  SUBCASE("default_analyzer.yaml") {
    Loaded l = Load("default_analyzer.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.config.kind == "analyzer");
    CHECK(l.config.default_score_threshold == 0.0);
    CHECK(l.Names("en") == kEnglishDefaults);
    CHECK(l.Lang("en")->ner);
  }
  SUBCASE("default_analyzer_full.yaml: 15 pattern recognizers and SpacyRecognizer") {
    Loaded l = Load("default_analyzer_full.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.Names("en").size() == 15);
    CHECK_FALSE(Has(l.Names("en"), "MacAddressRecognizer"));  // not listed in that file
    CHECK_FALSE(Has(l.Names("en"), "UkNinoRecognizer"));      // enabled: false
    CHECK(l.Lang("en")->ner);
    CHECK(l.Lang("en")->ner_required);  // listed explicitly
    CHECK(l.Lang("en")->ner_name == "SpacyRecognizer");
  }
  SUBCASE("default_recognizers.yaml: the registry, 16 for en") {
    Loaded l = Load("default_recognizers.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.config.kind == "recognizer registry");
    CHECK(l.config.global_regex_flags == 26);
    CHECK(l.Names("en") == kEnglishDefaults);
    // With more languages, the language-specific ones come on and the generic ones serve each.
    Loaded multi = Load("default_recognizers.yaml", {"en", "es", "it", "de"});
    REQUIRE_MESSAGE(multi.ok, multi.error);
    CHECK(multi.Names("en") == kEnglishDefaults);
    const auto es = multi.Names("es");
    CHECK(es.size() == 12);  // CreditCard, EsNif, EsNie and the 9 language-independent ones
    CHECK(Has(es, "EsNifRecognizer"));
    CHECK_FALSE(Has(es, "UsSsnRecognizer"));
    CHECK(multi.Names("it").size() == 15);  // CreditCard, 5 Italian, 9 generic
    CHECK(multi.Names("de").size() == 9);   // German ones are enabled: false; the 9 generic
    CHECK_FALSE(multi.Lang("es")->ner);     // the NLP engine (spaCy en) has no Spanish model
  }
  SUBCASE("example_recognizers.yaml: custom recognizers, each in its own language") {
    Loaded l = Load("example_recognizers.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.Names("en") == std::vector<std::string>{"Titles recognizer"});  // the German zip one is not served
    Loaded both = Load("example_recognizers.yaml", {"en", "de"});
    REQUIRE_MESSAGE(both.ok, both.error);
    CHECK(both.Names("de") == std::vector<std::string>{"Zip code Recognizer"});
    auto titles = Analyze(&both, "en", "Dr. Smith met Mrs. Jones.");
    REQUIRE(titles.size() == 2);
    CHECK(titles[0].entity_type == "TITLE");
    CHECK(titles[0].score == 1.0);
  }
  SUBCASE("slim.yaml: GLiNERRecognizer stands for the NER tagger") {
    Loaded l = Load("slim.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.Names("en").size() == 15);
    CHECK(l.Lang("en")->ner);
    CHECK(l.Lang("en")->ner_name == "GLiNERRecognizer");
  }
}

TEST_CASE("presidio yaml: Presidio's test fixtures load or are refused as Presidio does") {
  SUBCASE("custom_recognizer_yaml.yaml: a custom zip recognizer, SpacyRecognizer off") {
    Loaded l = Load("tests/custom_recognizer_yaml.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.Names("en") == std::vector<std::string>{"Zip code Recognizer"});
    CHECK_FALSE(l.Lang("en")->ner);
    auto found = Analyze(&l, "en", "Send it to zip code 10001 please.");
    REQUIRE(found.size() == 1);
    CHECK(found[0].entity_type == "ZIP");
    CHECK(found[0].start == 20);
    CHECK(found[0].end == 25);
    CHECK(found[0].score == doctest::Approx(0.4));  // 0.01 raised by the context word "zip"
  }
  SUBCASE("default.yaml (NLP engine)") {
    Loaded l = Load("tests/default.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.Names("en") == kEnglishDefaults);
  }
  SUBCASE("missing_global_regex_flags.yaml: flags default to 26") {
    Loaded l = Load("tests/missing_global_regex_flags.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.config.global_regex_flags == 26);
    CHECK(l.config.supported_languages == std::vector<std::string>{"en"});
    // Bare names are predefined recognizers (Presidio validates them and then loads nothing for them).
    CHECK(l.Names("en") == std::vector<std::string>{"CreditCardRecognizer", "EmailRecognizer"});
  }
  SUBCASE("missing_recognizers.yaml is refused") {
    Loaded l = Load("tests/missing_recognizers.yaml");
    CHECK_FALSE(l.ok);
    CHECK(l.error.find("mandatory keys: ['recognizers']") != std::string::npos);
  }
  SUBCASE("recognizer_configuration_missing_keys.yaml is refused") {
    Loaded l = Load("tests/recognizer_configuration_missing_keys.yaml");
    CHECK_FALSE(l.ok);
    CHECK(l.error.find("does not contain any of the mandatory keys") != std::string::npos);
    CHECK(l.error.find("'valid'") != std::string::npos);
  }
  SUBCASE("recognizers.yaml: legacy custom recognizers") {
    Loaded l = Load("tests/recognizers.yaml", {"de", "en"});
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.Names("de") == std::vector<std::string>{"Zip code Recognizer"});
    CHECK(l.Names("en") == std::vector<std::string>{"Titles recognizer"});
  }
  SUBCASE("recognizers_error.yaml (a bare 123) is refused") {
    Loaded l = Load("tests/recognizers_error.yaml");
    CHECK_FALSE(l.ok);
    CHECK(l.error.find("recognizers_error.yaml:1:1") != std::string::npos);
  }
  SUBCASE("simple_analyzer_engine.yaml: en and es, threshold 0.43") {
    Loaded l = Load("tests/simple_analyzer_engine.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.config.supported_languages == std::vector<std::string>{"en", "es"});
    REQUIRE(l.config.default_score_threshold.has_value());
    CHECK(*l.config.default_score_threshold == doctest::Approx(0.43));
    CHECK(l.Names("en") == kEnglishDefaults);
    CHECK(l.Names("es").size() == 12);
    // CreditCardRecognizer carries Presidio's Spanish context words in es.
    const auto& es = l.Lang("es")->recognizers;
    auto card = std::find_if(es.begin(), es.end(), [](const auto& r) { return r->name() == "CreditCardRecognizer"; });
    REQUIRE(card != es.end());
    CHECK(Has((*card)->context(), "tarjeta"));
    CHECK_FALSE(Has((*card)->context(), "credit"));
  }
  SUBCASE("test.yaml (NLP models he, bn): the default registry for en, no NER for en") {
    Loaded l = Load("tests/test.yaml");
    REQUIRE_MESSAGE(l.ok, l.error);
    CHECK(l.config.nlp_languages == std::vector<std::string>{"he", "bn"});
    CHECK(l.Names("en") == kEnglishDefaults);
    CHECK_FALSE(l.Lang("en")->ner);
  }
}

TEST_CASE("presidio yaml: what Sentinel cannot run is refused with FILE:LINE:COLUMN") {
  const std::string path = "/tmp/presidio_yaml_test_" + std::to_string(::getpid()) + ".yaml";
  auto refused = [&](const std::string& text, const std::string& where, const std::string& what) {
    WriteFile(path, text);
    PresidioConfig config;
    std::string error;
    bool ok = ReadPresidioConfig(path, {}, &config, &error);
    CHECK_FALSE(ok);
    CHECK_MESSAGE(error.find(path + ":" + (where.empty() ? "" : where + ": ")) == 0, error);
    CHECK_MESSAGE(error.find(what) != std::string::npos, error);
  };
  refused("supported_languages: [en]\nrecognizers:\n  - name: UkNinoRecogniser\n    type: predefined\n", "3:11",
          "did you mean 'UkNinoRecognizer'");
  refused("recognizers:\n  - name: HuggingFaceNerRecognizer\n    type: predefined\n", "2:5", "hub model");
  refused("supported_languages: [es]\nrecognizers:\n  - name: SpacyRecognizer\n", "3:5", "English only");
  refused("recognizers:\n  - name: GLiNERRecognizer\n    supported_entities: [PERSON, PHONE_NUMBER]\n", "2:5",
          "'PHONE_NUMBER'");
  refused(
      "recognizers:\n  - name: Zip\n    supported_entity: ZIP\n    patterns:\n      - {name: z, regex: '\\d{5}', "
      "score: 1.5}\n",
      "5:42", "between 0.0 and 1.0");
  refused("recognizers:\n  - name: UsSsnRecognizer\n    colour: blue\n", "3:5", "unknown key 'colour'");
  refused("recognizers:\n  - name: UsSsnRecognizer\n    country_code: uk\n", "3:19", "disagrees");
  refused("supported_languages: [en]\nnlp_configuration:\n  nlp_engine_name: flair\n  models: []\n", "3:20",
          "not available");
  refused("supported_languages: [english]\n", "1:23", "Invalid language code");
  refused("recognizers:\n  - name: EmailRecognizer\n    supported_languages: [en, es]\n    context: [mail]\n", "4:14",
          "single language");
  refused("recognizers:\n  - name: Mine\n    type: custom\n    supported_entity: X\n", "2:5",
          "at least one of 'patterns' or 'deny_list'");
  refused("recognizers:\n  - name: EmailRecognizer\n    type: custom\n    supported_entity: X\n    deny_list: [a]\n",
          "2:11", "conflicts with a predefined recognizer");
  refused("recognizers: [\n", "", "Failed to parse");
  std::remove(path.c_str());

  // Context per language, instance names, country filter, and a custom pattern in two languages.
  WriteFile(path,
            "supported_languages: [en, es]\n"
            "supported_countries: [es]\n"
            "recognizers:\n"
            "  - name: Tarjetas\n    class_name: CreditCardRecognizer\n    supported_languages:\n"
            "      - language: es\n        context: [tarjeta]\n"
            "  - name: UsSsnRecognizer\n"
            "  - name: EsNifRecognizer\n    supported_languages: [es]\n    country_code: ES\n"
            "  - name: Ticket\n    supported_entity: TICKET\n    patterns:\n"
            "      - {name: t, regex: 'TCK-\\d{4}', score: 0.6}\n");
  PresidioConfig config;
  std::string error;
  REQUIRE_MESSAGE(ReadPresidioConfig(path, {}, &config, &error), error);
  std::remove(path.c_str());
  Loaded l;
  l.config = config;
  RecognizerDeps deps;
  deps.suffixes = presidio_test::Suffixes();
  REQUIRE_MESSAGE(BuildLanguageRecognizers(&config, config.supported_languages, {}, {}, deps, &l.languages, &error),
                  error);
  CHECK(l.Names("en") == std::vector<std::string>{"Ticket"});  // UsSsn: country us filtered out
  // supported_countries also filters Presidio's default registry.
  WriteFile(path, "supported_languages: [en]\nrecognizer_registry:\n  supported_countries: [uk]\n");
  PresidioConfig uk;
  REQUIRE_MESSAGE(ReadPresidioConfig(path, {}, &uk, &error), error);
  std::remove(path.c_str());
  Loaded uk_loaded;
  REQUIRE(BuildLanguageRecognizers(&uk, uk.supported_languages, {}, {}, deps, &uk_loaded.languages, &error));
  CHECK(uk_loaded.Names("en").size() == 10);  // the 9 generic ones and NhsRecognizer; no US ones
  CHECK(Has(uk_loaded.Names("en"), "NhsRecognizer"));
  CHECK_FALSE(Has(uk_loaded.Names("en"), "UsSsnRecognizer"));
  CHECK(l.Names("es") == std::vector<std::string>{"Tarjetas", "EsNifRecognizer", "Ticket"});
  CHECK(l.Lang("es")->recognizers[0]->context() == std::vector<std::string>{"tarjeta"});
  auto found = Analyze(&l, "es", "Ticket TCK-1234, tarjeta 4111 1111 1111 1111.");
  REQUIRE(found.size() == 2);
  CHECK(found[0].entity_type == "CREDIT_CARD");
  CHECK(found[1].entity_type == "TICKET");
  CHECK(found[1].start == 7);
}

TEST_CASE("language registry from the module settings: each language its own recognizers") {
  RecognizerDeps deps;
  deps.suffixes = presidio_test::Suffixes();
  std::vector<LanguageRecognizers> out;
  std::string error;
  REQUIRE(BuildLanguageRecognizers(nullptr, {"en", "es", "de"}, {"default", "DeTaxIdRecognizer", "KrRrnRecognizer"}, {},
                                   deps, &out, &error));
  REQUIRE(out.size() == 3);
  Loaded l;
  l.languages = std::move(out);
  CHECK(l.Names("en").size() == 17);  // 16 defaults + KrRrn (named, serves none of them: the first language)
  CHECK(Has(l.Names("en"), "KrRrnRecognizer"));
  CHECK_FALSE(Has(l.Names("en"), "DeTaxIdRecognizer"));  // it serves de, so it runs there
  CHECK(Has(l.Names("de"), "DeTaxIdRecognizer"));
  CHECK(Has(l.Names("es"), "EsNieRecognizer"));
  CHECK(l.Lang("en")->ner);
  CHECK_FALSE(l.Lang("es")->ner);
  std::vector<LanguageRecognizers> refused;
  PresidioConfig config;
  CHECK_FALSE(BuildLanguageRecognizers(&config, {"en"}, {"UkNinoRecognizer"}, {}, deps, &refused, &error));
  CHECK(error.find("presidio_config") != std::string::npos);
}

TEST_CASE("presidio yaml: the example in config/modules.d/presidio.yaml loads") {
  std::ifstream module(PRESIDIO_MODULE_YAML);
  REQUIRE(module.good());
  std::string line, example;
  bool inside = false;
  while (std::getline(module, line)) {
    if (line.find("with presidio/recognizers.yaml holding") != std::string::npos) {
      inside = true;
    } else if (inside && line.rfind("  #   ", 0) == 0) {
      example += line.substr(6) + "\n";
    } else if (inside) {
      break;
    }
  }
  REQUIRE_FALSE(example.empty());
  const std::string path = "/tmp/presidio_yaml_example_" + std::to_string(::getpid()) + ".yaml";
  WriteFile(path, example);
  Loaded l;
  std::string error;
  const bool read = ReadPresidioConfig(path, {}, &l.config, &error);
  std::remove(path.c_str());
  REQUIRE_MESSAGE(read, error);
  RecognizerDeps deps;
  deps.suffixes = presidio_test::Suffixes();
  REQUIRE_MESSAGE(BuildLanguageRecognizers(&l.config, l.config.supported_languages, {}, {}, deps, &l.languages, &error),
                  error);
  CHECK(l.Names("en") ==
        std::vector<std::string>{"CreditCardRecognizer", "UkNinoRecognizer", "Employee ID Recognizer"});
  CHECK(l.Names("es") == std::vector<std::string>{"CreditCardRecognizer", "UkNinoRecognizer"});
  CHECK(l.Lang("es")->recognizers[0]->context() == std::vector<std::string>{"tarjeta", "credito"});
  auto found = Analyze(&l, "en", "Badge EMP-123456 issued.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].entity_type == "EMPLOYEE_ID");
}
