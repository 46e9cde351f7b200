// Check-digit rules of core/national_checksums.h on identifiers from Presidio's recognizer tests,
// each also with a wrong check digit.
#include <doctest/doctest.h>

#include <string>

#include "core/national_checksums.h"

using namespace presidio;

namespace {

// The same identifier with its last character replaced by the next digit.
std::string WrongLast(std::string s) {
  char& c = s.back();
  c = c >= '0' && c <= '9' ? static_cast<char>('0' + (c - '0' + 1) % 10) : (c == 'A' ? 'B' : 'A');
  return s;
}

}  // namespace

TEST_CASE("national check digits accept real identifiers and reject a changed check digit") {
  struct Case {
    bool (*valid)(std::string_view);
    const char* id;
  };
  const Case cases[] = {
      {AuAbnValid, "51824753556"},
      {AuAcnValid, "000000019"},
      {AuTfnValid, "876543210"},
      {AbaRoutingValid, "121000358"},
      {NpiValid, "1234567893"},
      {VerhoeffValid, "12345678902"},
      {Iso7064Mod1110Valid, "12345678903"},
      {DeHealthInsuranceValid, "A000500015"},
      {Icao9303Valid, "C01234565"},
      {Icao9303Valid, "L01X00T44"},
      {DeSocialSecurityValid, "15070649C103"},
      {PlPeselValid, "44051401458"},
      {KrBrnValid, "1048656659"},
      {ThTninValid, "1234567890121"},
      {TrTcknValid, "10000000146"},
      {FiPersonalIdentityCodeValid, "010594Y9032"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.id));
    CHECK(c.valid(c.id));
    CHECK_FALSE(c.valid(WrongLast(c.id)));
  }
}

TEST_CASE("national check digits: shapes, dates and special rules") {
  CHECK(DeLanrValid("123456601"));  // the 7th digit checks the first six; 8-9 are the specialty
  CHECK_FALSE(DeLanrValid("123456701"));
  CHECK_FALSE(AuAbnValid("00000000560"));  // a leading zero never validates
  CHECK_FALSE(AuAbnValid("5182475355"));   // wrong length
  CHECK(AuMedicareValid("2123456701"));
  CHECK_FALSE(AuMedicareValid("2123456711"));
  CHECK_FALSE(FiPersonalIdentityCodeValid("290201-123X"));  // 29 February 2001 does not exist
  CHECK(IsValidDate(2000, 2, 29));
  CHECK_FALSE(IsValidDate(1900, 2, 29));
  CHECK(SgUenValid("53125226D", 2026));
  CHECK_FALSE(SgUenValid("53125226E", 2026));
  CHECK_FALSE(TrTcknValid("00000000146"));  // cannot start with 0
  CHECK(EsNifLetter(55555555) == 'K');
  CHECK_FALSE(ItVatCodeValid("00000000000"));
}
