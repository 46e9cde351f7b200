// The anonymizer: operators, Presidio's overlap handling, item order and offsets, AES round trip.
#include <doctest/doctest.h>

#include "anonymizer/aes_cipher.h"
#include "anonymizer/anonymizer_engine.h"
#include "anonymizer/operators.h"
#include "common/utf8.h"
#include "core/text_offsets.h"

using namespace presidio;

namespace {

OperatorConfig Op(const std::string& type, nlohmann::json params = nlohmann::json::object()) {
  return OperatorConfig{type, std::move(params)};
}

EngineResult MustAnonymize(const std::string& text, std::vector<PiiEntity> entities,
                           std::map<std::string, OperatorConfig> operators) {
  EngineResult result;
  OperatorError error;
  bool ok = Anonymize(text, std::move(entities), std::move(operators), &result, &error);
  INFO(error.message);
  REQUIRE(ok);
  return result;
}

void CheckItem(const OperatorResultItem& item, long long start, long long end, const std::string& entity,
               const std::string& text, const std::string& op) {
  CHECK(item.start == start);
  CHECK(item.end == end);
  CHECK(item.entity_type == entity);
  CHECK(item.text == text);
  CHECK(item.operator_name == op);
}

}  // namespace

TEST_CASE("Presidio's e2e example: contained spans dropped, mask from the end, items last-first") {
  auto result = MustAnonymize(
      "hello world, my name is Jane Doe. My number is: 034453334",
      {{"NAME", 24, 32, 0.8}, {"FIRST_NAME", 24, 28, 0.8}, {"LAST_NAME", 29, 32, 0.6}, {"PHONE_NUMBER", 48, 57, 0.95}},
      {{"DEFAULT", Op("replace", {{"new_value", "ANONYMIZED"}})},
       {"PHONE_NUMBER", Op("mask", {{"masking_char", "*"}, {"chars_to_mask", 4}, {"from_end", true}})}});
  CHECK(result.text == "hello world, my name is ANONYMIZED. My number is: 03445****");
  REQUIRE(result.items.size() == 2);
  CheckItem(result.items[0], 50, 59, "PHONE_NUMBER", "03445****", "mask");
  CheckItem(result.items[1], 24, 34, "NAME", "ANONYMIZED", "replace");
}

TEST_CASE("default operator is replace with <ENTITY_TYPE>; keep keeps") {
  auto result = MustAnonymize("hello world, my name is Jane Doe. My number is: 034453334",
                              {{"NAME", 24, 32, 0.8}, {"PHONE_NUMBER", 48, 57, 0.95}},
                              {{"NAME", Op("keep")}, {"PHONE_NUMBER", Op("replace")}});
  CHECK(result.text == "hello world, my name is Jane Doe. My number is: <PHONE_NUMBER>");
  REQUIRE(result.items.size() == 2);
  CheckItem(result.items[0], 48, 62, "PHONE_NUMBER", "<PHONE_NUMBER>", "replace");
  CheckItem(result.items[1], 24, 32, "NAME", "Jane Doe", "keep");
}

TEST_CASE("overlapping spans of different types are both applied, as Presidio does") {
  const std::string text = "I'm George Washington Square Park";
  std::vector<PiiEntity> spans = {{"NAME", 4, 21, 0.8}, {"LOCATION", 11, 33, 0.8}};
  auto keep_first = MustAnonymize(text, spans, {{"NAME", Op("keep")}, {"LOCATION", Op("replace")}});
  CHECK(keep_first.text == "I'm George Washington<LOCATION>");
  CheckItem(keep_first.items[0], 21, 31, "LOCATION", "<LOCATION>", "replace");
  CheckItem(keep_first.items[1], 4, 21, "NAME", "George Washington", "keep");
  auto keep_second = MustAnonymize(text, spans, {{"NAME", Op("replace")}, {"LOCATION", Op("keep")}});
  CHECK(keep_second.text == "I'm <NAME>Washington Square Park");
  CheckItem(keep_second.items[0], 10, 32, "LOCATION", "Washington Square Park", "keep");
  auto keep_both = MustAnonymize(text, spans, {{"DEFAULT", Op("keep")}});
  CHECK(keep_both.text == "I'm George WashingtonWashington Square Park");
  CheckItem(keep_both.items[0], 21, 43, "LOCATION", "Washington Square Park", "keep");
}

TEST_CASE("same-type overlaps merge; same-type neighbours separated by spaces merge") {
  std::u32string text = U"John Smith lives here";
  auto merged = ResolveConflicts(text, {{"PERSON", 0, 4, 0.5}, {"PERSON", 2, 10, 0.9}});
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 10);
  CHECK(merged[0].score == 0.9);
  auto spaced = ResolveConflicts(text, {{"PERSON", 0, 4, 0.5}, {"PERSON", 5, 10, 0.5}});
  REQUIRE(spaced.size() == 1);
  CHECK(spaced[0].start == 0);
  CHECK(spaced[0].end == 10);
  auto touching = ResolveConflicts(text, {{"PERSON", 0, 4, 0.5}, {"PERSON", 4, 10, 0.5}});
  CHECK(touching.size() == 2);
  auto equal = ResolveConflicts(text, {{"PERSON", 0, 4, 0.5}, {"NAME", 0, 4, 0.7}});
  REQUIRE(equal.size() == 1);
  CHECK(equal[0].entity_type == "NAME");
}

TEST_CASE("offsets are code points: accents and emoji before an entity") {
  const std::string text = "Caf\xC3\xA9 \xF0\x9F\x98\x80 call 555-1234 now";  // "Café 😀 call 555-1234 now"
  auto result = MustAnonymize(text, {{"PHONE_NUMBER", 12, 20, 0.4}}, {});
  CHECK(result.text == "Caf\xC3\xA9 \xF0\x9F\x98\x80 call <PHONE_NUMBER> now");
  CheckItem(result.items[0], 12, 26, "PHONE_NUMBER", "<PHONE_NUMBER>", "replace");
}

TEST_CASE("redact, mask edge cases and hash") {
  auto redacted = MustAnonymize("a secret b", {{"X", 2, 8, 1.0}}, {{"X", Op("redact")}});
  CHECK(redacted.text == "a  b");
  CheckItem(redacted.items[0], 2, 2, "X", "", "redact");
  auto masked =
      MustAnonymize("pin 1234", {{"PIN", 4, 8, 1.0}},
                    {{"PIN", Op("mask", {{"masking_char", "#"}, {"chars_to_mask", 10}, {"from_end", false}})}});
  CHECK(masked.text == "pin ####");
  auto none = MustAnonymize("pin 1234", {{"PIN", 4, 8, 1.0}},
                            {{"PIN", Op("mask", {{"masking_char", "#"}, {"chars_to_mask", -1}, {"from_end", false}})}});
  CHECK(none.text == "pin 1234");
  // sha256("abc" + salt) with a fixed salt is reproducible.
  auto salted = Op("hash", {{"salt", "0123456789abcdef"}});
  auto h1 = MustAnonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", salted}});
  auto h2 = MustAnonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", salted}});
  CHECK(h1.text == h2.text);
  CHECK(h1.text.size() == 64);
  // sha256sum of "abc0123456789abcdef"
  CHECK(h1.text == "a98e029ed029d04e9897394ec35a4f73ccbe4fc01b386f19835ee5cbca762360");
  auto unsalted1 = MustAnonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("hash")}});
  auto unsalted2 = MustAnonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("hash")}});
  CHECK(unsalted1.text != unsalted2.text);  // a random salt per entity
  auto sha512 = MustAnonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("hash", {{"hash_type", "sha512"}})}});
  CHECK(sha512.text.size() == 128);
}

TEST_CASE("parameter errors use Presidio's messages and statuses") {
  EngineResult result;
  OperatorError error;
  CHECK_FALSE(Anonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("mask", {{"masking_char", "*"}})}}, &result, &error));
  CHECK(error.http_status == 422);
  CHECK(error.message == "Expected parameter chars_to_mask");
  CHECK_FALSE(Anonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("custom")}}, &result, &error));
  CHECK(error.http_status == 400);
  CHECK(error.message == "Custom type anonymizer is not supported");
  CHECK_FALSE(Anonymize("abc", {{"X", 0, 9, 1.0}}, {}, &result, &error));
  CHECK(error.message == "Invalid analyzer result, start: 0 and end: 9, while text length is only 3.");
  CHECK_FALSE(Anonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("encrypt", {{"key", "short"}})}}, &result, &error));
  CHECK(error.message == "Invalid input, key must be of length 128, 192 or 256 bits");
  CHECK_FALSE(Anonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("hash", {{"salt", "short"}})}}, &result, &error));
  CHECK(error.message == "Salt must be at least 16 bytes (128 bits). Provided salt is 5 bytes.");
  CHECK_FALSE(Anonymize("abc", {{"X", 0, 3, 1.0}}, {{"X", Op("shuffle")}}, &result, &error));
  CHECK(error.message == "Invalid operator class 'shuffle'.");
}

TEST_CASE("decrypt reads Presidio's own ciphertext (e2e vector)") {
  std::string plain;
  REQUIRE(AesDecrypt("1111111111111111", "e6HnOMnIxbd4a8Qea44LshQDnjvxwzBIaAz+YqHNnMW2mC5r3AWoay8Spsoajyyy", &plain));
  CHECK(plain == "text_for_encryption");
  EngineResult result;
  OperatorError error;
  const std::string cipher = "e6HnOMnIxbd4a8Qea44LshQDnjvxwzBIaAz+YqHNnMW2mC5r3AWoay8Spsoajyyy";
  REQUIRE(Deanonymize(cipher, {{"NUMBER", 0, 64, 0.0}}, {{"NUMBER", Op("decrypt", {{"key", "1111111111111111"}})}},
                      &result, &error));
  CHECK(result.text == "text_for_encryption");
  CheckItem(result.items[0], 0, 19, "NUMBER", "text_for_encryption", "decrypt");
}

TEST_CASE("encrypt then decrypt round-trips with 128/192/256-bit keys") {
  for (std::string key : {"1111111111111111", "222222222222222222222222", "33333333333333333333333333333333"}) {
    auto encrypted = MustAnonymize("Lorem Ipsum is a Software Engineer", {{"NAME", 0, 11, 0.8}},
                                   {{"DEFAULT", Op("encrypt", {{"key", key}})}});
    REQUIRE(encrypted.items.size() == 1);
    const auto& item = encrypted.items[0];
    CHECK(item.text.find('+') == std::string::npos);  // URL-safe alphabet
    EngineResult decrypted;
    OperatorError error;
    REQUIRE(Deanonymize(encrypted.text, {{"NAME", item.start, item.end, 0.0}},
                        {{"DEFAULT", Op("decrypt", {{"key", key}})}}, &decrypted, &error));
    CHECK(decrypted.text == "Lorem Ipsum is a Software Engineer");
  }
  std::string out;
  CHECK_FALSE(AesDecrypt("1111111111111111", "not a ciphertext", &out));
}

TEST_CASE("random spans and operators: each item's text sits at its offsets in the output") {
  const std::u32string alphabet = U"ab cd\u00e9\U0001F600-1";
  uint32_t seed = 99;
  auto next = [&seed]() {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  const std::vector<OperatorConfig> ops = {
      Op("replace"),
      Op("redact"),
      Op("keep"),
      Op("replace", {{"new_value", "\xC3\xBC"}}),
      Op("mask", {{"masking_char", "\xE2\x80\xA2"}, {"chars_to_mask", 2}, {"from_end", true}}),
      Op("hash", {{"salt", "0123456789abcdef"}})};
  for (int round = 0; round < 300; ++round) {
    std::u32string text32;
    size_t n = next() % 30;
    for (size_t i = 0; i < n; ++i) text32 += alphabet[next() % alphabet.size()];
    const std::string text = sentinel::utf8::Encode(text32);
    std::vector<PiiEntity> spans;
    std::map<std::string, OperatorConfig> operators;
    size_t count = n == 0 ? 0 : next() % 4;
    for (size_t i = 0; i < count; ++i) {
      long long a = next() % (n + 1), b = next() % (n + 1);
      std::string type = "T" + std::to_string(next() % 3);
      spans.push_back({type, std::min(a, b), std::max(a, b), (next() % 100) / 100.0});
      operators[type] = ops[next() % ops.size()];
    }
    EngineResult result;
    OperatorError error;
    REQUIRE(Anonymize(text, spans, operators, &result, &error));
    CHECK(sentinel::utf8::IsValid(result.text));
    const std::u32string out = sentinel::utf8::Decode(result.text);
    for (const OperatorResultItem& item : result.items) {
      REQUIRE(item.start >= 0);
      REQUIRE(item.end <= static_cast<long long>(out.size()));
      CHECK(sentinel::utf8::Encode(out.substr(static_cast<size_t>(item.start), static_cast<size_t>(item.end - item.start))) ==
            item.text);
    }
  }
}
