// checksums.h -- the check-digit algorithms that turn a weak pattern match into a certain one.
#ifndef PRESIDIO_CORE_CHECKSUMS_H_
#define PRESIDIO_CORE_CHECKSUMS_H_

#include <string>
#include <string_view>

namespace presidio {

// Keeps only the ASCII digits of `text`.
std::string DigitsOnly(std::string_view text);

// Luhn mod-10 over a string of digits (credit cards).
bool LuhnValid(std::string_view digits);

// US DEA registration number: 2 letters (or letter + '9') then 7 digits;
// (d1+d3+d5) + 2*(d2+d4+d6) must end in d7.
bool DeaChecksumValid(std::string_view value);

// UK NHS number: 10 digits weighted 10..1 must sum to 0 mod 11.
bool NhsChecksumValid(std::string_view digits);

// IBAN: the two check digits equal 98 - (rearranged number mod 97). `iban` has no separators.
bool IbanCheckDigitsValid(std::string_view iban);

// Bitcoin P2PKH/P2SH address: base58 decodes and its last 4 bytes are the double-SHA-256 checksum.
bool Base58CheckValid(std::string_view address);

// Bech32 (BIP-173) or Bech32m (BIP-350) string with a valid checksum.
bool Bech32Valid(std::string_view address);

// Keccak-256 (the pre-standard SHA-3 padding Ethereum uses), 32 bytes.
std::string Keccak256(std::string_view data);

// Ethereum address "0x" + 40 hex digits whose mixed case encodes the EIP-55 checksum. All-lower or
// all-upper addresses carry no checksum and are not accepted (as Presidio).
bool Eip55Valid(std::string_view address);

}  // namespace presidio

#endif  // PRESIDIO_CORE_CHECKSUMS_H_
