#include <doctest/doctest.h>

#include "common/utf8.h"
#include "core/checksums.h"
#include "core/public_suffix.h"
#include "core/text_offsets.h"
#include "test_util.h"

using namespace presidio;

TEST_CASE("Luhn accepts valid card numbers and rejects a changed digit") {
  CHECK(LuhnValid("4012888888881881"));
  CHECK(LuhnValid("4111111111111111"));
  CHECK_FALSE(LuhnValid("4111111111111112"));
  CHECK_FALSE(LuhnValid(""));
}

TEST_CASE("DEA checksum") {
  CHECK(DeaChecksumValid("BB1388568"));
  CHECK(DeaChecksumValid("AB1234563"));
  CHECK_FALSE(DeaChecksumValid("AB1234564"));
  CHECK_FALSE(DeaChecksumValid("AB123456"));
}

TEST_CASE("NHS mod-11") {
  CHECK(NhsChecksumValid("4010232137"));
  CHECK_FALSE(NhsChecksumValid("4010232138"));
  CHECK_FALSE(NhsChecksumValid("401023213"));
}

TEST_CASE("IBAN mod-97 check digits") {
  CHECK(IbanCheckDigitsValid("DE89370400440532013000"));
  CHECK(IbanCheckDigitsValid("GB82WEST12345698765432"));
  CHECK_FALSE(IbanCheckDigitsValid("DE89370400440532013001"));
  CHECK_FALSE(IbanCheckDigitsValid("DE88370400440532013000"));
}

TEST_CASE("Bitcoin base58check and bech32/bech32m") {
  CHECK(Base58CheckValid("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ"));
  CHECK(Base58CheckValid("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"));
  CHECK_FALSE(Base58CheckValid("16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyX"));
  CHECK_FALSE(Base58CheckValid("0OIl"));
  CHECK(Bech32Valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
  CHECK(Bech32Valid("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"));
  CHECK(Bech32Valid("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"));
  CHECK_FALSE(Bech32Valid("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdd"));
  CHECK_FALSE(Bech32Valid("bc1Qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
}

TEST_CASE("public suffix list from Debian's publicsuffix package") {
  auto list = presidio_test::Suffixes();
  REQUIRE(list.get() != nullptr);
  CHECK(list->IsTopLevelDomain("com"));
  CHECK(list->IsTopLevelDomain("UK"));
  CHECK_FALSE(list->IsTopLevelDomain("invalid"));
  CHECK(list->HasRegistrableDomain("example.com"));
  CHECK(list->HasRegistrableDomain("mail.example.co.uk"));
  CHECK_FALSE(list->HasRegistrableDomain("co.uk"));
  CHECK_FALSE(list->HasRegistrableDomain("example.invalid"));
  std::string error;
  CHECK(PublicSuffixList::Load("/nonexistent/public_suffix_list.dat", &error).get() == nullptr);
  CHECK(error.find("/nonexistent") != std::string::npos);
}

TEST_CASE("public suffix wildcard and exception rules") {
  auto list =
      PublicSuffixList::FromText("// ===BEGIN ICANN DOMAINS===\nck\n*.ck\n!www.ck\ncom\n// ===END ICANN DOMAINS===\n");
  CHECK_FALSE(list->HasRegistrableDomain("foo.ck"));  // foo.ck is itself a suffix
  CHECK(list->HasRegistrableDomain("bar.foo.ck"));
  CHECK(list->HasRegistrableDomain("www.ck"));
}

TEST_CASE("code point offsets") {
  std::string text = "caf\xC3\xA9 \xF0\x9F\x98\x80 x";  // "café 😀 x"
  CodePointMap map(text);
  CHECK(map.size() == 8);
  CHECK(map.ToCodePoint(0) == 0);
  CHECK(map.ToCodePoint(5) == 4);   // the space after é
  CHECK(map.ToCodePoint(6) == 5);   // the emoji
  CHECK(map.ToCodePoint(11) == 7);  // x
  CHECK(map.ToByte(7) == 11);
  CHECK(map.ToByte(8) == text.size());
  CHECK(sentinel::utf8::IsValid(text));
  CHECK_FALSE(sentinel::utf8::IsValid("\xC3"));
  CHECK_FALSE(sentinel::utf8::IsValid("\xED\xA0\x80"));  // a surrogate
  CHECK(sentinel::utf8::Encode(sentinel::utf8::Decode(text)) == text);
}

TEST_CASE("Keccak-256 and EIP-55") {
  auto hex = [](const std::string& bytes) {
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
    return out;
  };
  CHECK(hex(Keccak256("")) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  CHECK(hex(Keccak256("abc")) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  CHECK(hex(Keccak256(std::string(200, 'a'))).size() == 64);  // more than one block
  CHECK(Eip55Valid("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
  CHECK(Eip55Valid("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"));
  CHECK_FALSE(Eip55Valid("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
  CHECK_FALSE(Eip55Valid("0xdbF03B407c01E7cD3CBea99509d93f8DDdC8C6FB"));
}
