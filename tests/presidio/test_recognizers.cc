// One test case per default recognizer: spans, scores, and what validation rejects.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/phone_recognizer.h"
#include "core/predefined_recognizers.h"
#include "test_util.h"

using namespace presidio;
using presidio_test::Run;

namespace {

void CheckOne(const std::vector<RecognizerResult>& results, const char* entity, size_t start, size_t end,
              double score) {
  REQUIRE(results.size() == 1);
  CHECK(results[0].entity_type == entity);
  CHECK(results[0].start == start);
  CHECK(results[0].end == end);
  CHECK(results[0].score == doctest::Approx(score).epsilon(1e-9));
}

}  // namespace

TEST_CASE("CREDIT_CARD: Luhn-valid numbers score 1.0, invalid ones are dropped") {
  auto r = NewCreditCardRecognizer();
  CheckOne(Run(*r, "4012888888881881"), "CREDIT_CARD", 0, 16, 1.0);
  CheckOne(Run(*r, "card 4111 1111 1111 1111 expires"), "CREDIT_CARD", 5, 24, 1.0);
  CheckOne(Run(*r, "pay 4012-8888-8888-1881."), "CREDIT_CARD", 4, 23, 1.0);
  CHECK(Run(*r, "4012-8888-8888-1882").empty());
  // A 13-digit number starting with 1 is a millisecond timestamp, not a card.
  CHECK(Run(*r, "ts=1660057632000 ok").empty());
  CHECK(Run(*r, "no digits here").empty());
}

TEST_CASE("CRYPTO: base58check and bech32 addresses") {
  auto r = NewCryptoRecognizer();
  CheckOne(Run(*r, "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ"), "CRYPTO", 0, 34, 1.0);
  CheckOne(Run(*r, "my wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq thanks"), "CRYPTO", 10, 52, 1.0);
  CHECK(Run(*r, "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyX").empty());
}

TEST_CASE("DATE_TIME: Presidio's date shapes and scores") {
  auto r = NewDateRecognizer();
  CheckOne(Run(*r, "Today is 5/20/2021"), "DATE_TIME", 9, 18, 0.6);
  CheckOne(Run(*r, "at 2021-05-20T10:00:00Z sharp"), "DATE_TIME", 3, 23, 0.8);
  CheckOne(Run(*r, "born 12-Jan-1990"), "DATE_TIME", 5, 16, 0.6);
  CheckOne(Run(*r, "exp 11/25"), "DATE_TIME", 4, 9, 0.1);
  CHECK(Run(*r, "version 13/13/13 x").size() == 0);
}

TEST_CASE("EMAIL_ADDRESS: the domain needs a public suffix") {
  auto r = NewEmailRecognizer(presidio_test::Suffixes());
  CheckOne(Run(*r, "mail info@presidio.site now"), "EMAIL_ADDRESS", 5, 23, 1.0);
  CheckOne(Run(*r, "john.smith@example.co.uk"), "EMAIL_ADDRESS", 0, 24, 1.0);
  CHECK(Run(*r, "user@host.invalid").empty());
  CHECK(Run(*r, "not an email: a@b").empty());
}

TEST_CASE("IBAN_CODE: mod-97 and the country's exact format") {
  auto r = NewIbanRecognizer();
  CheckOne(Run(*r, "DE89370400440532013000"), "IBAN_CODE", 0, 22, 1.0);
  CheckOne(Run(*r, "GB82 WEST 1234 5698 7654 32"), "IBAN_CODE", 0, 27, 1.0);
  CheckOne(Run(*r, "I want my deposit in DE89370400440532013000 2 days from today."), "IBAN_CODE", 21, 43, 1.0);
  CHECK(Run(*r, "DE89370400440532013001").empty());
  // Valid check digits but the wrong length for Germany.
  CHECK(Run(*r, "DE8937040044053201300").empty());
}

TEST_CASE("IP_ADDRESS: v4 and v6, parsed") {
  auto r = NewIpRecognizer();
  CheckOne(Run(*r, "microsoft.com 192.168.0.1"), "IP_ADDRESS", 14, 25, 0.6);
  CheckOne(Run(*r, "host 2001:db8::8a2e:370:7334 up"), "IP_ADDRESS", 5, 28, 0.6);
  CheckOne(Run(*r, "the :: address"), "IP_ADDRESS", 4, 6, 0.1);
  CHECK(Run(*r, "256.1.1.1").empty());
  CHECK(Run(*r, "01.02.03.04").empty());
}

TEST_CASE("MAC_ADDRESS: one consistent separator, not broadcast") {
  auto r = NewMacAddressRecognizer();
  CheckOne(Run(*r, "mac 00:1A:2B:3C:4D:5E"), "MAC_ADDRESS", 4, 21, 0.6);
  CheckOne(Run(*r, "00-1a-2b-3c-4d-5e"), "MAC_ADDRESS", 0, 17, 0.6);
  CheckOne(Run(*r, "0012.3456.789A"), "MAC_ADDRESS", 0, 14, 0.6);
  CHECK(Run(*r, "00:1A-2B:3C:4D:5E").empty());
  CHECK(Run(*r, "FF:FF:FF:FF:FF:FF").empty());
}

TEST_CASE("URL: scheme 0.6, bare host 0.5, TLD checked, e-mail domains excluded") {
  auto r = NewUrlRecognizer(presidio_test::Suffixes());
  CheckOne(Run(*r, "see https://www.microsoft.com/about/ today"), "URL", 4, 36, 0.6);
  CheckOne(Run(*r, "visit microsoft.com."), "URL", 6, 19, 0.5);
  CheckOne(Run(*r, "go to http://example.org/a/b."), "URL", 6, 28, 0.6);
  CHECK(Run(*r, "write to john@example.com").empty());
  CHECK(Run(*r, "run rpc.notatld now").empty());
}

TEST_CASE("US_SSN: separators consistent, invalid groups rejected") {
  auto r = NewUsSsnRecognizer();
  CheckOne(Run(*r, "078-05-1123"), "US_SSN", 0, 11, 0.5);
  CheckOne(Run(*r, "ssn 078 05 1123"), "US_SSN", 4, 15, 0.5);
  CheckOne(Run(*r, "078051123"), "US_SSN", 0, 9, 0.05);
  CHECK(Run(*r, "078-05-1120").empty());
  CHECK(Run(*r, "000-12-3456").empty());
  CHECK(Run(*r, "666-12-3456").empty());
  CHECK(Run(*r, "123-00-4567").empty());
  CHECK(Run(*r, "123-45.6789").empty());
  CHECK(Run(*r, "111-11-1111").empty());
}

TEST_CASE("US_ITIN: separators decide the score") {
  auto r = NewUsItinRecognizer();
  CheckOne(Run(*r, "911-70-1234"), "US_ITIN", 0, 11, 0.5);
  CheckOne(Run(*r, "911701234"), "US_ITIN", 0, 9, 0.3);
  CheckOne(Run(*r, "911-701234"), "US_ITIN", 0, 10, 0.05);
  CHECK(Run(*r, "911-93-1234").empty());  // group 93 is not an ITIN group
}

TEST_CASE("US_PASSPORT: 9 digits or letter + 8 digits") {
  auto r = NewUsPassportRecognizer();
  CheckOne(Run(*r, "912803456"), "US_PASSPORT", 0, 9, 0.05);
  CheckOne(Run(*r, "A12345678"), "US_PASSPORT", 0, 9, 0.1);
  CHECK(Run(*r, "91280345").empty());
}

TEST_CASE("US_DRIVER_LICENSE: alphanumeric 0.3, digits 0.01") {
  auto r = NewUsLicenseRecognizer();
  CheckOne(Run(*r, "license H12234567"), "US_DRIVER_LICENSE", 8, 17, 0.3);
  CheckOne(Run(*r, "AC432223"), "US_DRIVER_LICENSE", 0, 8, 0.3);
  CheckOne(Run(*r, "123456789"), "US_DRIVER_LICENSE", 0, 9, 0.01);
  CHECK(Run(*r, "ABCDEFG").empty());
}

TEST_CASE("US_BANK_NUMBER: 8 to 17 digits") {
  auto r = NewUsBankRecognizer();
  CheckOne(Run(*r, "acct 945456787654"), "US_BANK_NUMBER", 5, 17, 0.05);
  CHECK(Run(*r, "1234567").empty());
}

TEST_CASE("UK_NHS: mod-11") {
  auto r = NewNhsRecognizer();
  CheckOne(Run(*r, "401-023-2137"), "UK_NHS", 0, 12, 1.0);
  CheckOne(Run(*r, "nhs 4010232137"), "UK_NHS", 4, 14, 1.0);
  CHECK(Run(*r, "401-023-2138").empty());
}

TEST_CASE("MEDICAL_LICENSE: DEA checksum") {
  auto r = NewMedicalLicenseRecognizer();
  CheckOne(Run(*r, "DEA BB1388568"), "MEDICAL_LICENSE", 4, 13, 1.0);
  CHECK(Run(*r, "BB1388569").empty());
}

TEST_CASE("PHONE_NUMBER: libphonenumber with configurable regions") {
  std::string error;
  auto us = PhoneRecognizer::Create({"US"}, &error);
  REQUIRE(us != nullptr);
  CheckOne(Run(*us, "call (415) 555-0132 now"), "PHONE_NUMBER", 5, 19, 0.4);
  CheckOne(Run(*us, "intl +44 20 7123 4567"), "PHONE_NUMBER", 5, 21, 0.4);
  // A national UK number needs GB; with US alone only the local-shape rule finds it, next to a phone word.
  CHECK(Run(*us, "the code 020 7123 4567").empty());
  auto local = Run(*us, "my number is 020 7123 4567");
  CheckOne(local, "PHONE_NUMBER", 13, 26, 0.4);
  CHECK(local[0].explanation.textual_explanation.value() ==
        "Recognized as a locally written phone number next to a phone word, using PhoneRecognizer");
  auto gb = PhoneRecognizer::Create({"GB"}, &error);
  REQUIRE(gb != nullptr);
  auto found = Run(*gb, "my number is 020 7123 4567");
  CheckOne(found, "PHONE_NUMBER", 13, 26, 0.4);
  CHECK(found[0].explanation.textual_explanation.value() ==
        "Recognized as GB region phone number, using PhoneRecognizer");
  // Several regions find the same number once.
  auto many = PhoneRecognizer::Create({"US", "CA", "BR"}, &error);
  CHECK(Run(*many, "(415) 555-0132").size() == 1);
  // "UK" is not a region: refused with a hint.
  CHECK(PhoneRecognizer::Create({"UK"}, &error) == nullptr);
  CHECK(error.find("GB") != std::string::npos);
  // Numbers far apart in a long text are each found (the matcher runs on windows around digits).
  std::string long_text = "call (415) 555-0132 " + std::string(5000, 'x') + " or (212) 555-1234.";
  CHECK(Run(*us, long_text).size() == 2);
}

TEST_CASE("beyond Presidio: more date shapes, cards and IBAN spellings") {
  auto dates = NewDateRecognizer();
  CheckOne(Run(*dates, "at 2000-04-16 11:34:35 UTC"), "DATE_TIME", 3, 22, 0.8);
  CheckOne(Run(*dates, "We'll meet Tuesday at noon"), "DATE_TIME", 11, 18, 0.6);
  CheckOne(Run(*dates, "signed on September 18, 2020."), "DATE_TIME", 10, 28, 0.6);
  CheckOne(Run(*dates, "born 5th March 1990"), "DATE_TIME", 5, 19, 0.6);
  CheckOne(Run(*dates, "The orchestra was founded in 1977."), "DATE_TIME", 29, 33, 0.5);
  CHECK(Run(*dates, "Room 1977 is upstairs").empty());  // a bare number is not a year
  auto cards = NewCreditCardRecognizer();
  CheckOne(Run(*cards, "maestro 630427373398"), "CREDIT_CARD", 8, 20, 1.0);
  CheckOne(Run(*cards, "mc 2623322164608847"), "CREDIT_CARD", 3, 19, 1.0);
  CHECK(Run(*cards, "id 630427373399").empty());  // fails Luhn
  auto iban = NewIbanRecognizer();
  CheckOne(Run(*iban, "iban gb82west12345698765432"), "IBAN_CODE", 5, 27, 1.0);
}

TEST_CASE("beyond Presidio: phone matches that are other entities are dropped") {
  std::string error;
  auto phone = PhoneRecognizer::Create(DefaultPhoneRegions(), &error);
  REQUIRE(phone != nullptr);
  CHECK(Run(*phone, "server 86.121.97.248 is up").empty());
  CHECK(Run(*phone, "ssn 054-28-6917").empty());
  CHECK(Run(*phone, "card 4969800024734372").empty());
  // A country code in front of a trunk-prefix notation joins the number.
  auto swiss = Run(*phone, "call +41 (0)96 471 07 95 today");
  REQUIRE(swiss.size() == 1);
  CHECK(swiss[0].start == 5);
  CHECK(swiss[0].end == 24);
}

TEST_CASE("beyond Presidio: digits inside confident spans are never reported as phones, whatever the window") {
  std::string error;
  auto phone = PhoneRecognizer::Create(DefaultPhoneRegions(), &error);
  REQUIRE(phone != nullptr);
  const std::string text = "call (212) 555-0147 or 169-825-3303 today";
  std::vector<RecognizerResult> unclaimed;
  phone->Analyze(text, ScanHints(), &unclaimed);
  REQUIRE(unclaimed.size() == 2);
  ScanHints hints;
  hints.set_claimed({{23, 35}});  // "169-825-3303" as a checksum-valid NHS number
  std::vector<RecognizerResult> claimed;
  phone->Analyze(text, hints, &claimed);
  CheckOne(claimed, "PHONE_NUMBER", 5, 19, 0.4);
}

TEST_CASE("beyond Presidio: a long table of numbers is split into windows without losing a number") {
  std::string error;
  auto phone = PhoneRecognizer::Create(DefaultPhoneRegions(), &error);
  REQUIRE(phone != nullptr);
  // Digits every few bytes make one run of touching windows over ~3 KB; it is cut into overlapping windows.
  std::string text;
  std::vector<std::pair<size_t, size_t>> expected;
  for (int line = 10; line < 100; ++line) {
    text += "7 | 88 | 9 | ";
    const size_t start = text.size();
    text += "(212) 555-01" + std::to_string(line);
    expected.emplace_back(start, text.size());
    text += "\n";
  }
  REQUIRE(text.size() > 2048);
  std::vector<RecognizerResult> found = Run(*phone, text);
  std::vector<std::pair<size_t, size_t>> spans;
  for (const RecognizerResult& r : found) spans.emplace_back(r.start, r.end);
  std::sort(spans.begin(), spans.end());
  CHECK(spans == expected);
}

TEST_CASE("beyond Presidio: an address is not cut out of a longer dotted number") {
  auto ip = NewIpRecognizer();
  CHECK(Run(*ip, "Mobile: 03.93.92.16.85").empty());
  CheckOne(Run(*ip, "host 192.168.1.1.1"), "IP_ADDRESS", 5, 16, 0.6);
}

TEST_CASE("beyond Presidio: North American phone shapes the metadata rejects are still phones") {
  std::string error;
  auto phone = PhoneRecognizer::Create(DefaultPhoneRegions(), &error);
  REQUIRE(phone != nullptr);
  // 166 is not an assigned area code, so libphonenumber (and Presidio) find nothing here.
  CheckOne(Run(*phone, "call 166-684-7899 today"), "PHONE_NUMBER", 5, 17, 0.4);
  CheckOne(Run(*phone, "dial 001-748-088-2851x818"), "PHONE_NUMBER", 5, 25, 0.4);
  CheckOne(Run(*phone, "(311)905-4466x8827"), "PHONE_NUMBER", 0, 18, 0.4);
  CHECK(Run(*phone, "ref 4111-1111-1111").empty());  // 4-4-4 is not the shape
  CHECK(Run(*phone, "id A166-684-7899").empty());   // glued to a letter
}

TEST_CASE("beyond Presidio: locally written numbers next to a phone word are phones") {
  std::string error;
  auto phone = PhoneRecognizer::Create(DefaultPhoneRegions(), &error);
  REQUIRE(phone != nullptr);
  CheckOne(Run(*phone, "Office phone: 785 8949"), "PHONE_NUMBER", 14, 22, 0.4);
  CheckOne(Run(*phone, "Chile 89825\n9885 1152-Office"), "PHONE_NUMBER", 12, 21, 0.4);
  CheckOne(Run(*phone, "my mobile is (69) 948-538."), "PHONE_NUMBER", 13, 25, 0.4);
  CheckOne(Run(*phone, "fax 50-98-28-96 only"), "PHONE_NUMBER", 4, 15, 0.4);
  CHECK(Run(*phone, "it costs 785 8949 dollars").empty());          // no phone word
  CHECK(Run(*phone, "call about order number 9885 1152").empty());  // an order number
  CHECK(Run(*phone, "call me on 12.05.2021").empty());              // a date
  CHECK(Run(*phone, "phone 123 45").empty());                       // too few digits
  CHECK(Run(*phone, "phone v2 785 8949x").empty());                 // glued to a letter
}

TEST_CASE("public suffix list: internationalized suffixes match their xn-- form") {
  CHECK(presidio::ToAsciiDomain("рф") == "xn--p1ai");
  CHECK(presidio::ToAsciiDomain("bücher.de") == "xn--bcher-kva.de");
  CHECK(presidio::ToAsciiDomain("example.com") == "example.com");
  auto list = presidio::PublicSuffixList::FromText("рф\nмосква.рф\n");
  CHECK(list->IsTopLevelDomain("xn--p1ai"));
  CHECK(list->HasRegistrableDomain("xn--d1acufc.xn--p1ai"));
  CHECK_FALSE(list->HasRegistrableDomain("xn--80adxhks.xn--p1ai"));  // "москва.рф" itself is a suffix
}
