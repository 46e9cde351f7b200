// national_checksums.h -- check-digit rules of national identifiers, as Presidio's country-specific
// recognizers apply them. Each function takes the identifier without separators (the recognizer
// strips them) and returns false for anything of the wrong length or alphabet.
#ifndef PRESIDIO_CORE_NATIONAL_CHECKSUMS_H_
#define PRESIDIO_CORE_NATIONAL_CHECKSUMS_H_

#include <string_view>

namespace presidio {

// Verhoeff dihedral check digit over a string of digits (IN Aadhaar, NG NIN).
bool VerhoeffValid(std::string_view digits);

// Australia: business number (11 digits, mod 89), company number (9, mod 10 complement), tax file
// number (9, mod 11), Medicare card (10 or 11 digits; the 9th is the check digit).
bool AuAbnValid(std::string_view digits);
bool AuAcnValid(std::string_view digits);
bool AuTfnValid(std::string_view digits);
bool AuMedicareValid(std::string_view digits);

// United States: ABA routing number (9 digits, weights 3 7 1) and NPI (10 digits, Luhn with the
// 80840 prefix).
bool AbaRoutingValid(std::string_view digits);
bool NpiValid(std::string_view digits);

// Germany. ISO 7064 MOD 11,10 over `digits` (the last digit is the check digit): tax ID (11 digits)
// and VAT ID (the 9 digits after "DE").
bool Iso7064Mod1110Valid(std::string_view digits);
// Health insurance number: letter + 9 digits, the letter as its two-digit alphabet position.
bool DeHealthInsuranceValid(std::string_view kvnr);
// ICAO 9303 weights 7 3 1 over 8 characters (letters A=10 ...), the 9th a digit: passport, ID card.
bool Icao9303Valid(std::string_view document_number);
// Lifelong physician number: the 7th digit checks the first six (weights 4 9).
bool DeLanrValid(std::string_view digits);
// Pension insurance number: 8 digits, a letter, 3 digits (the last is the check digit).
bool DeSocialSecurityValid(std::string_view number);

// Italy: fiscal code check letter (16 characters) and VAT number (11 digits, Luhn-like).
bool ItFiscalCodeValid(std::string_view code);
bool ItVatCodeValid(std::string_view digits);

// Spain: DNI/NIF letter (number mod 23).
char EsNifLetter(unsigned long long number);

// Korea: business registration number (10 digits); resident (RRN) and foreigner (FRN) registration
// numbers (13 digits).
bool KrBrnValid(std::string_view digits);
bool KrRrnChecksumValid(std::string_view digits);
bool KrFrnChecksumValid(std::string_view digits);

// Thailand national ID (13 digits), Turkey TC Kimlik No (11 digits), Poland PESEL (11 digits),
// Philippines TIN (9 or 12 digits: the 9th checks the first eight).
bool ThTninValid(std::string_view digits);
bool TrTcknValid(std::string_view digits);
bool PlPeselValid(std::string_view digits);
bool PhTinValid(std::string_view digits);

// Singapore Unique Entity Number, formats A (9 chars), B (10, starting with a year not after
// `current_year`) and C (10, starting with T, S or R).
bool SgUenValid(std::string_view uen, int current_year);

// Finland: personal identity code check character over DDMMYY + individual number (11 characters).
bool FiPersonalIdentityCodeValid(std::string_view code);

// A proleptic Gregorian date exists.
bool IsValidDate(int year, int month, int day);

}  // namespace presidio

#endif  // PRESIDIO_CORE_NATIONAL_CHECKSUMS_H_
