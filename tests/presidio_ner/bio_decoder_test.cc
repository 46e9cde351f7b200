// Constrained BIO decoding: I-X never starts an entity or follows another
// type, and the continuation bonus keeps multi-token names together.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "bio_decoder.h"
#include "labels.h"

using presidio_ner::DecodeBio;
using presidio_ner::kNumTags;

namespace {

// One row of log probabilities with `p` on tag `best`, the rest shared.
void Row(std::vector<float>* rows, int best, double p) {
  for (int t = 0; t < kNumTags; ++t) {
    rows->push_back(static_cast<float>(
        std::log(t == best ? p : (1 - p) / (kNumTags - 1))));
  }
}

}  // namespace

TEST_CASE("an I tag alone cannot start an entity") {
  // I-PERSON (tag 2) is the most likely tag of a lone token, but the only
  // legal readings are O or B-X.
  std::vector<float> rows;
  Row(&rows, 2, 0.6);
  const auto spans = DecodeBio(rows.data(), 1, 0.0);
  for (const auto& s : spans) CHECK(s.entity >= 0);
  if (!spans.empty()) CHECK(spans[0].end_token == 1);
}

TEST_CASE("B then I of the same type make one span; types do not mix") {
  std::vector<float> rows;
  Row(&rows, presidio_ner::BeginTag(0), 0.9);   // B-PERSON
  Row(&rows, presidio_ner::InsideTag(0), 0.9);  // I-PERSON
  Row(&rows, 0, 0.9);                           // O
  Row(&rows, presidio_ner::BeginTag(1), 0.9);   // B-LOCATION
  const auto spans = DecodeBio(rows.data(), 4, 0.0);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].entity == 0);
  CHECK(spans[0].first_token == 0);
  CHECK(spans[0].end_token == 2);
  CHECK(spans[0].confidence == doctest::Approx(0.9));
  CHECK(spans[1].entity == 1);
  CHECK(spans[1].first_token == 3);
}

TEST_CASE("continuation bonus joins a doubtful second token") {
  std::vector<float> rows;
  Row(&rows, presidio_ner::BeginTag(0), 0.9);
  // Second token: O slightly ahead of I-PERSON.
  for (int t = 0; t < kNumTags; ++t) {
    const double p = t == 0 ? 0.45 : t == presidio_ner::InsideTag(0) ? 0.40
                                                                     : 0.15 / 7;
    rows.push_back(static_cast<float>(std::log(p)));
  }
  CHECK(DecodeBio(rows.data(), 2, 0.0)[0].end_token == 1);
  CHECK(DecodeBio(rows.data(), 2, 0.5)[0].end_token == 2);
}
