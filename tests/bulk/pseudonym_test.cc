// The pseudonymize operator (plugins/presidio/anonymizer/pseudonym.h): deterministic for a key, value and
// entity type; different under another key or entity type; realistic surrogates of the right shape; the key
// never in an error message; a request cannot bring its own key.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "anonymizer/anonymizer_engine.h"
#include "anonymizer/operators.h"
#include "anonymizer/pseudonym.h"

using presidio::PseudonymKey;

namespace {
const char kKey[] = "k3y-material-0123456789-abcdef-XYZ";

bool Luhn(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string TempFile(const std::string& content) {
  char path[] = "/tmp/sentinel-key-XXXXXX";
  int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()));
  close(fd);
  return path;
}
}  // namespace

TEST_CASE("the same value, entity type and key give the same pseudonym; anything else another") {
  auto a = PseudonymKey::FromBytes(kKey);
  auto b = PseudonymKey::FromBytes(kKey);  // another instance: another "replica"
  auto other = PseudonymKey::FromBytes(std::string(kKey) + "!");
  const std::string p = a->Pseudonym("EMAIL_ADDRESS", "jane@acme.com", false);
  CHECK(std::regex_match(p, std::regex("<EMAIL_ADDRESS_[0-9a-f]{16}>")));
  CHECK(b->Pseudonym("EMAIL_ADDRESS", "jane@acme.com", false) == p);
  CHECK(other->Pseudonym("EMAIL_ADDRESS", "jane@acme.com", false) != p);
  CHECK(a->Pseudonym("PERSON", "jane@acme.com", false).find("<PERSON_") == 0);
  CHECK(a->Pseudonym("EMAIL_ADDRESS", "jane@acme.co", false) != p);
  // A fixed vector: HMAC-SHA256("key-0123456789abcdef", "PERSON\0Alice") computed with Python's hmac module.
  auto fixed = PseudonymKey::FromBytes("key-0123456789abcdef");
  CHECK(fixed->Pseudonym("PERSON", "Alice", false) == "<PERSON_" + std::string("fb559eb710081d53") + ">");
  // No collisions among 20,000 distinct values.
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) seen.insert(a->Pseudonym("ID", std::to_string(i), false));
  CHECK(seen.size() == 20000);
}

TEST_CASE("surrogates are realistic and deterministic") {
  auto key = PseudonymKey::FromBytes(kKey);
  for (int i = 0; i < 200; ++i) {
    const std::string v = "value " + std::to_string(i);
    std::string email = key->Pseudonym("EMAIL_ADDRESS", v, true);
    CHECK(std::regex_match(email, std::regex("[a-z]+\\.[a-z]+\\.[0-9a-f]{6}@example\\.com")));
    std::string card = key->Pseudonym("CREDIT_CARD", v, true);
    REQUIRE(std::regex_match(card, std::regex("\\d{4} \\d{4} \\d{4} \\d{4}")));
    std::string digits;
    for (char c : card) if (c != ' ') digits.push_back(c);
    CHECK(Luhn(digits));
    CHECK(std::regex_match(key->Pseudonym("PERSON", v, true), std::regex("[A-Z][a-z]+ [A-Z][a-z]+")));
    CHECK(std::regex_match(key->Pseudonym("PHONE_NUMBER", v, true), std::regex("\\+1 555 \\d{3} \\d{4}")));
    CHECK(std::regex_match(key->Pseudonym("US_SSN", v, true), std::regex("666-\\d{2}-\\d{4}")));
    CHECK(std::regex_match(key->Pseudonym("IP_ADDRESS", v, true), std::regex("10\\.\\d+\\.\\d+\\.\\d+")));
    CHECK(key->Pseudonym("PERSON", v, true) == PseudonymKey::FromBytes(kKey)->Pseudonym("PERSON", v, true));
  }
  // No surrogate kind: the token.
  CHECK(key->Pseudonym("IBAN_CODE", "DE89370400440532013000", true).find("<IBAN_CODE_") == 0);
}

TEST_CASE("the key file: read once, a short key refused without quoting it") {
  std::string error;
  std::string good = TempFile(std::string(kKey) + "\n");
  auto key = PseudonymKey::Load(good, &error);
  REQUIRE(key != nullptr);
  CHECK(key->Pseudonym("PERSON", "Bob", false) == PseudonymKey::FromBytes(kKey)->Pseudonym("PERSON", "Bob", false));
  std::string short_path = TempFile("tiny-secret");
  CHECK(PseudonymKey::Load(short_path, &error) == nullptr);
  CHECK(error.find("11 bytes") != std::string::npos);
  CHECK(error.find("tiny-secret") == std::string::npos);
  CHECK(PseudonymKey::Load("/nonexistent/key", &error) == nullptr);
  CHECK(error.find("cannot be read") != std::string::npos);
  std::remove(good.c_str());
  std::remove(short_path.c_str());
}

TEST_CASE("the operator: the module's key only; through the engine the same as alone") {
  presidio::OperatorConfig config{"pseudonymize", nlohmann::json::object(), nullptr};
  presidio::OperatorError error;
  CHECK_FALSE(presidio::ValidateOperator(config, presidio::OperatorKind::kAnonymize, &error));
  CHECK(error.message.find("pseudonym_key_file") != std::string::npos);
  config.pseudonym_key = PseudonymKey::FromBytes(kKey);
  CHECK(presidio::ValidateOperator(config, presidio::OperatorKind::kAnonymize, &error));
  config.params["key"] = "attacker-chosen-key-000000";
  CHECK_FALSE(presidio::ValidateOperator(config, presidio::OperatorKind::kAnonymize, &error));
  CHECK(error.message.find("never part of a request") != std::string::npos);
  CHECK(error.message.find(kKey) == std::string::npos);
  config.params = {{"surrogate", "yes"}};
  CHECK_FALSE(presidio::ValidateOperator(config, presidio::OperatorKind::kAnonymize, &error));
  config.params = nlohmann::json::object();

  presidio::EngineResult result;
  std::map<std::string, presidio::OperatorConfig> ops{{"DEFAULT", config}};
  REQUIRE(presidio::Anonymize("mail jane@acme.com now", {{"EMAIL_ADDRESS", 5, 18, 1.0}}, ops, &result, &error));
  const std::string expected = config.pseudonym_key->Pseudonym("EMAIL_ADDRESS", "jane@acme.com", false);
  CHECK(result.text == "mail " + expected + " now");
  CHECK(result.items.at(0).operator_name == "pseudonymize");
}
