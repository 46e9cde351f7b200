// NerTagger tests against the committed model in plugins/presidio/ner/model:
// loading, obvious names and places, exact UTF-8 byte offsets, titles
// outside PERSON, refusal of corrupted model folders, concurrent calls.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "corpus.h"
#include "presidio_ner/ner_tagger.h"

namespace fs = std::filesystem;
using presidio_ner::NerSpan;
using presidio_ner::NerTagger;

namespace {

const NerTagger& Tagger() {
  static std::unique_ptr<NerTagger> tagger = [] {
    std::string error;
    auto t = NerTagger::Load(PRESIDIO_NER_DEFAULT_MODEL_DIR, &error);
    if (!t) FAIL("cannot load the committed model: " << error);
    return t;
  }();
  return *tagger;
}

// The text of the first span with this label, or "".
std::vector<std::string> Found(const std::string& text,
                               const std::string& label) {
  std::vector<std::string> out;
  for (const NerSpan& s : Tagger().Tag(text)) {
    if (s.label == label) {
      out.push_back(text.substr(s.begin_byte, s.end_byte - s.begin_byte));
    }
  }
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v) {
    if (x == s) return true;
  }
  return false;
}

fs::path CopyModel(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() /
                       ("presidio_ner_model_" + name + "_" +
                        std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(PRESIDIO_NER_DEFAULT_MODEL_DIR, dir);
  return dir;
}

}  // namespace

TEST_CASE("committed model loads and reports its labels") {
  std::string error;
  auto tagger = NerTagger::Load(PRESIDIO_NER_DEFAULT_MODEL_DIR, &error);
  REQUIRE_MESSAGE(tagger != nullptr, error);
  CHECK(NerTagger::Labels() ==
        std::vector<std::string>{"PERSON", "LOCATION", "ORGANIZATION", "NRP"});
  CHECK(tagger->Tag("").empty());
  CHECK(tagger->Tag("   \n\t ").empty());
}

TEST_CASE("finds obvious people and places") {
  const std::string text =
      "My name is John Smith and I live in London with my sister Mary.";
  const auto people = Found(text, "PERSON");
  CHECK(Has(people, "John Smith"));
  CHECK(Has(people, "Mary"));
  CHECK(Has(Found(text, "LOCATION"), "London"));
  CHECK(Has(Found("We flew from Paris to Tokyo last week.", "LOCATION"),
            "Tokyo"));
  CHECK(Has(Found("I am Canadian but I live in Germany.", "NRP"),
            "Canadian"));
}

TEST_CASE("titles stay outside PERSON spans") {
  const auto people =
      Found("Please correct it to Dr. Cettina Fanucci today.", "PERSON");
  CHECK(Has(people, "Cettina Fanucci"));
  for (const auto& p : people) CHECK(p.find("Dr") == std::string::npos);
  CHECK(Has(Found("Mrs. Anna Kowalski called again.", "PERSON"),
            "Anna Kowalski"));
}

TEST_CASE("multi-part, hyphenated and particle names are one span") {
  CHECK(Found("Please forward the contract to Jean-Luc Picard before Friday.",
              "PERSON") == std::vector<std::string>{"Jean-Luc Picard"});
  CHECK(Has(Found("The account belongs to María José García, who moved to "
                  "Valencia last year.",
                  "PERSON"),
            "María José García"));
  CHECK(Found("Siobhan O'Brien signed the lease.", "PERSON") ==
        std::vector<std::string>{"Siobhan O'Brien"});
  CHECK(Has(Found("Send the invoice to Pieter van der Berg at the office.",
                  "PERSON"),
            "Pieter van der Berg"));
}

TEST_CASE("no name inside an e-mail address, no abbreviation cut or kept") {
  const std::string text = "Mail john.smith@example.com or call Anna Kowalski.";
  for (const NerSpan& s : Tagger().Tag(text)) {
    CHECK_MESSAGE(s.begin_byte >= text.find(" or "), s.label);
  }
  CHECK(Has(Found(text, "PERSON"), "Anna Kowalski"));
  CHECK(Found("Patient: John Smith D.L. 4471-203, admitted on 3 March.",
              "PERSON") == std::vector<std::string>{"John Smith"});
}

TEST_CASE("UTF-8 offsets are exact on accented and non-Latin names") {
  const std::string text =
      "Yesterday Šárka Ottová met José Müller in Zürich.";
  const auto people = Found(text, "PERSON");
  CHECK(Has(people, "Šárka Ottová"));
  CHECK(Has(people, "José Müller"));
  CHECK(Has(Found(text, "LOCATION"), "Zürich"));
  // Every span starts and ends on a code point boundary.
  for (const NerSpan& s : Tagger().Tag(text)) {
    REQUIRE(s.end_byte <= text.size());
    CHECK((static_cast<unsigned char>(text[s.begin_byte]) & 0xC0) != 0x80);
    if (s.end_byte < text.size()) {
      CHECK((static_cast<unsigned char>(text[s.end_byte]) & 0xC0) != 0x80);
    }
    CHECK(s.score > 0.0);
    CHECK(s.score < 1.0);
  }
  const std::string cyrillic = "My name is Дмитрий Иванов, nice to meet you.";
  CHECK(Has(Found(cyrillic, "PERSON"), "Дмитрий Иванов"));
}

TEST_CASE("invalid UTF-8 and very long texts are handled") {
  std::string text = "Hello \xFF\xFE from Maria Garcia in Madrid. ";
  std::string long_text;
  for (int i = 0; i < 200; ++i) long_text += text;
  const std::vector<NerSpan> spans = Tagger().Tag(long_text);
  CHECK(spans.size() >= 200);
  for (const NerSpan& s : spans) {
    CHECK(s.begin_byte < s.end_byte);
    CHECK(s.end_byte <= long_text.size());
  }
}

TEST_CASE("concurrent Tag calls give the same answers as serial ones") {
  const std::vector<std::string> texts = {
      "Angela Merkel visited Washington on Monday.",
      "Send it to Pedro Álvarez in Buenos Aires.",
      "The Japanese delegation met Kenji Watanabe.",
      "Nothing to see here, just a plain sentence."};
  std::vector<std::vector<NerSpan>> expected;
  for (const auto& t : texts) expected.push_back(Tagger().Tag(t));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int i = 0; i < 50; ++i) {
        const size_t j = (i + k) % texts.size();
        const auto got = Tagger().Tag(texts[j]);
        bool same = got.size() == expected[j].size();
        for (size_t s = 0; same && s < got.size(); ++s) {
          same = got[s].label == expected[j][s].label &&
                 got[s].begin_byte == expected[j][s].begin_byte &&
                 got[s].end_byte == expected[j][s].end_byte;
        }
        mismatches[k] += !same;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) CHECK(m == 0);
}

TEST_CASE("refuses a corrupted model file with a clear message") {
  const fs::path dir = CopyModel("corrupt");
  {
    // Flip one byte in the middle of the TorchScript file.
    std::fstream f(dir / "tagger.pt",
                   std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(fs::file_size(dir / "tagger.pt") / 2));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(fs::file_size(dir / "tagger.pt") / 2));
    f.put(static_cast<char>(c ^ 0x5A));
  }
  std::string error;
  CHECK(NerTagger::Load(dir.string(), &error) == nullptr);
  CHECK(error.find("tagger.pt") != std::string::npos);
  CHECK(error.find("SHA-256") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("refuses a model folder with a missing file or no manifest") {
  const fs::path dir = CopyModel("missing");
  fs::remove(dir / "places.txt");
  std::string error;
  CHECK(NerTagger::Load(dir.string(), &error) == nullptr);
  CHECK(error.find("places.txt") != std::string::npos);
  CHECK(error.find("missing") != std::string::npos);
  fs::remove(dir / "manifest.json");
  CHECK(NerTagger::Load(dir.string(), &error) == nullptr);
  CHECK(error.find("manifest") != std::string::npos);
  CHECK(NerTagger::Load("/nonexistent/presidio-ner", &error) == nullptr);
  fs::remove_all(dir);
}

TEST_CASE("presidio-research offsets convert from code points to bytes") {
  const std::string shared = PRESIDIO_NER_SHARED_DIR;
  const std::string path =
      shared + "/data/pii/presidio-research/synth_dataset_v2.dev70.json";
  if (!fs::exists(path)) {
    MESSAGE("shared data absent at " << shared << "; skipping");
    return;
  }
  std::vector<presidio_ner::Example> examples;
  std::string error;
  REQUIRE(presidio_ner::LoadPresidioJson(path, &examples, &error));
  REQUIRE(examples.size() > 1000);
  size_t non_ascii = 0;
  for (const auto& ex : examples) {
    for (const auto& s : ex.spans) {
      REQUIRE(s.end <= ex.text.size());
      for (size_t i = s.begin; i < s.end; ++i) {
        non_ascii += static_cast<unsigned char>(ex.text[i]) >= 0x80;
      }
      // Span ends fall on code point boundaries.
      CHECK((static_cast<unsigned char>(ex.text[s.begin]) & 0xC0) != 0x80);
    }
  }
  CHECK(non_ascii > 100);
}
