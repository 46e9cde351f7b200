// country_recognizers_europe.cc -- Presidio's recognizers for the United Kingdom (besides NHS, in
// predefined_recognizers.cc), Spain, Italy, Poland, Sweden, Finland and Turkey.
#include <set>

#include "core/checked_pattern_recognizer.h"
#include "core/checksums.h"
#include "core/country_recognizers.h"
#include "core/national_checksums.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

bool IsAsciiAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

// ---- United Kingdom ------------------------------------------------------------------------------

std::unique_ptr<Recognizer> NewUkDrivingLicenceRecognizer() {
  return MakeChecked(
      "UkDrivingLicenceRecognizer", "UK_DRIVING_LICENCE",
      {{"UK Driving Licence",
        R"(\b[A-Z9]{5}[0-9](?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9][A-Z9]{2}[A-Z0-9][A-Z]{2}\b)",
        0.5}},
      {"driving licence", "driving license", "driver's licence", "driver's license", "dvla", "dl number",
       "licence number", "license number"},
      [](std::string_view m) {
        std::string surname = AsciiUpper(m.substr(0, 5));
        if (surname == "99999") return Validation::kInvalid;
        // Letters, then only 9s as padding.
        size_t letters = 0;
        while (letters < surname.size() && surname[letters] >= 'A' && surname[letters] <= 'Z') ++letters;
        if (letters == 0 || surname.find_first_not_of('9', letters) != std::string::npos) return Validation::kInvalid;
        return Validation::kNone;
      });
}

std::unique_ptr<Recognizer> NewUkNinoRecognizer() {
  // Presidio's (?!bg|gb|nk|kn|nt|tn|zz) before the prefix letters is a guard here.
  Pattern nino{
      "NINO (medium)",
      R"(\b ?([a-ceghj-pr-tw-zA-CEGHJ-PR-TW-Z]{1}[a-ceghj-npr-tw-zA-CEGHJ-NPR-TW-Z]{1}) ?([0-9]{2}) ?([0-9]{2}) ?([0-9]{2}) ?([a-dA-D]{1})\b)",
      0.5};
  nino.accept = [](std::string_view text, size_t start, size_t /*end*/) {
    static const std::set<std::string> kNotAllocated = {"bg", "gb", "nk", "kn", "nt", "tn", "zz"};
    return kNotAllocated.count(AsciiLower(text.substr(start, 2))) == 0;
  };
  return MakeChecked("UkNinoRecognizer", "UK_NINO", {nino}, {"national insurance", "ni number", "nino"});
}

std::unique_ptr<Recognizer> NewUkPassportRecognizer() {
  return MakeChecked("UkPassportRecognizer", "UK_PASSPORT", {{"UK Passport (weak)", R"(\b[A-Z]{2}\d{7}\b)", 0.1}},
                     {"passport", "passport number", "travel document", "uk passport", "british passport",
                      "her majesty", "his majesty", "hm passport", "hmpo"});
}

std::unique_ptr<Recognizer> NewUkPostcodeRecognizer() {
  return MakeChecked(
      "UkPostcodeRecognizer", "UK_POSTCODE",
      {{"UK Postcode",
        R"(\b(GIR\s?0AA|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]?\s?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]?\s?[0-9][ABD-HJLNP-UW-Z]{2}|[A-PR-UWYZ][A-HK-Y][0-9]{2}\s?[0-9][ABD-HJLNP-UW-Z]{2})\b)",
        0.1}},
      {"postcode", "post code", "postal code", "zip", "address", "delivery", "mailing", "shipping", "correspondence"});
}

std::unique_ptr<Recognizer> NewUkVehicleRegistrationRecognizer() {
  return MakeChecked(
      "UkVehicleRegistrationRecognizer", "UK_VEHICLE_REGISTRATION",
      {{"UK Vehicle Registration (current)", R"(\b[A-HJ-PR-Y][A-HJ-PR-Y](?:0[1-9]|[1-7][0-9])[- ]?[A-HJ-PR-Z]{3}\b)",
        0.3},
       {"UK Vehicle Registration (prefix)", R"(\b[A-HJ-NPR-TV-Y]\d{1,3}[- ]?[A-HJ-PR-Y][A-HJ-PR-Z]{2}\b)", 0.2},
       {"UK Vehicle Registration (suffix)", R"(\b[A-HJ-PR-Z]{3}[- ]?\d{1,3}[- ]?[A-HJ-NPR-TV-Y]\b)", 0.15}},
      {"vehicle", "registration", "number plate", "licence plate", "license plate", "reg", "vrn", "dvla", "v5c",
       "logbook", "mot", "car", "insured vehicle"},
      // Current format: the age identifier (digits 3-4) must be an issued one.
      [](std::string_view m) {
        std::string v = RemoveChars(m, "- ");
        if (v.size() == 7 && IsAsciiAlpha(v[0]) && IsAsciiAlpha(v[1]) && AllDigits(v.substr(2, 2))) {
          int age = (v[2] - '0') * 10 + (v[3] - '0');
          return ValidIf((age >= 2 && age <= 29) || (age >= 51 && age <= 79));
        }
        return Validation::kNone;
      });
}

// ---- Spain ---------------------------------------------------------------------------------------

std::unique_ptr<Recognizer> NewEsNifRecognizer() {
  return MakeChecked("EsNifRecognizer", "ES_NIF", {{"NIF", R"(\b[0-9]?[0-9]{7}[-]?[A-Z]\b)", 0.5}},
                     {"documento nacional de identidad", "DNI", "NIF", "identificación"}, [](std::string_view m) {
                       std::string v = AsciiUpper(RemoveChars(m, "- "));
                       std::string digits = DigitsOnly(v);
                       if (digits.empty() || digits.size() > 18) return Validation::kInvalid;
                       return ValidIf(v.back() == EsNifLetter(std::stoull(digits)));
                     });
}

std::unique_ptr<Recognizer> NewEsNieRecognizer() {
  return MakeChecked("EsNieRecognizer", "ES_NIE", {{"NIE", R"(\b[X-Z]?[0-9]?[0-9]{7}[-]?[A-Z]\b)", 0.5}},
                     {"número de identificación de extranjero", "NIE"}, [](std::string_view m) {
                       std::string v = AsciiUpper(RemoveChars(m, "- "));
                       if (v.empty() || (v[0] != 'X' && v[0] != 'Y' && v[0] != 'Z')) return Validation::kInvalid;
                       if (v.size() < 8 || v.size() > 9) return Validation::kInvalid;
                       std::string middle = v.substr(1, v.size() - 2);
                       if (!AllDigits(middle) || middle.size() > 17) return Validation::kInvalid;
                       unsigned long long number = std::stoull(std::to_string(v[0] - 'X') + middle);
                       return ValidIf(v.back() == EsNifLetter(number));
                     });
}

std::unique_ptr<Recognizer> NewEsPassportRecognizer() {
  return MakeChecked("EsPassportRecognizer", "ES_PASSPORT", {{"ES_PASSPORT", R"(\b[A-Z]{3}[0-9]{6}\b)", 0.05}},
                     {"pasaporte", "passport", "número de pasaporte", "passport number"});
}

// ---- Italy ---------------------------------------------------------------------------------------

std::unique_ptr<Recognizer> NewItDriverLicenseRecognizer() {
  return MakeChecked(
      "ItDriverLicenseRecognizer", "IT_DRIVER_LICENSE",
      {{"Driver License", R"(\b(?i)(([A-Z]{2}\d{7}[A-Z])|(U1[BCDEFGHLJKMNPRSTUWYXZ0-9]{7}[A-Z]))\b)", 0.2}},
      {"patente", "patente di guida", "licenza", "licenza di guida"});
}

std::unique_ptr<Recognizer> NewItFiscalCodeRecognizer() {
  return MakeChecked(
      "ItFiscalCodeRecognizer", "IT_FISCAL_CODE",
      {{"Fiscal Code",
        R"((?i)((?:[A-Z][AEIOU][AEIOUX]|[AEIOU]X{2}|[B-DF-HJ-NP-TV-Z]{2}[A-Z]){2}(?:[\dLMNP-V]{2}(?:[A-EHLMPR-T](?:[04LQ][1-9MNP-V]|[15MR][\dLMNP-V]|[26NS][0-8LMNP-U])|[DHPS][37PT][0L]|[ACELMRT][37PT][01LM]|[AC-EHLMPR-T][26NS][9V])|(?:[02468LNQSU][048LQU]|[13579MPRTV][26NS])B[26NS][9V])(?:[A-MZ][1-9MNP-V][\dLMNP-V]{2}|[A-M][0L](?:[1-9MNP-V][\dLMNP-V]|[0L][1-9MNP-V]))[A-Z]))",
        0.3}},
      {"codice fiscale", "cf"},
      // A wrong check letter keeps the pattern score (Presidio returns None, not False).
      [](std::string_view m) { return ItFiscalCodeValid(AsciiUpper(m)) ? Validation::kValid : Validation::kNone; });
}

std::unique_ptr<Recognizer> NewItVatCodeRecognizer() {
  return MakeChecked("ItVatCodeRecognizer", "IT_VAT_CODE", {{"IT Vat code (piva)", R"(\b([0-9][ _]?){11}\b)", 0.1}},
                     {"piva", "partita iva", "pi"},
                     [](std::string_view m) { return ValidIf(ItVatCodeValid(RemoveChars(m, "- _"))); });
}

std::unique_ptr<Recognizer> NewItIdentityCardRecognizer() {
  return MakeChecked("ItIdentityCardRecognizer", "IT_IDENTITY_CARD",
                     {{"Paper-based Identity Card (very weak)", R"((?i)\b[A-Z]{2}\s?\d{7}\b)", 0.01},
                      {"Electronic Identity Card (CIE) 2.0 (very weak)", R"((?i)\b\d{7}[A-Z]{2}\b)", 0.01},
                      {"Electronic Identity Card (CIE) 3.0 (very weak)", R"((?i)\b[A-Z]{2}\d{5}[A-Z]{2}\b)", 0.01}},
                     {"carta", "identità", "elettronica", "cie", "documento", "riconoscimento", "espatrio"});
}

std::unique_ptr<Recognizer> NewItPassportRecognizer() {
  return MakeChecked(
      "ItPassportRecognizer", "IT_PASSPORT", {{"Passport (very weak)", R"((?i)\b[A-Z]{2}\d{7}\b)", 0.01}},
      {"passaporto", "elettronico", "italiano", "viaggio", "viaggiare", "estero", "documento", "dogana"});
}

// ---- Poland, Sweden, Finland ---------------------------------------------------------------------

std::unique_ptr<Recognizer> NewPlPeselRecognizer() {
  return MakeChecked("PlPeselRecognizer", "PL_PESEL",
                     {{"PESEL", R"([0-9]{2}([02468][1-9]|[13579][012])(0[1-9]|1[0-9]|2[0-9]|3[01])[0-9]{5})", 0.4}},
                     {"PESEL"}, [](std::string_view m) { return ValidIf(PlPeselValid(m)); });
}

std::unique_ptr<Recognizer> NewSeOrganisationsnummerRecognizer() {
  return MakeChecked("SeOrganisationsnummerRecognizer", "SE_ORGANISATIONSNUMMER",
                     {{"Swedish Organisationsnummer (Medium)", R"(\b\d{6}[-]?\d{4}\b)", 0.6},
                      {"Swedish Organisationsnummer (Weak)", R"(\d{6}[-]?\d{4})", 0.2}},
                     {"organisationsnummer", "orgnr", "org nr", "företagsnummer"}, [](std::string_view m) {
                       std::string num = DigitsOnly(m);
                       if (num.size() != 10 || num[2] < '2') return Validation::kInvalid;
                       return ValidIf(LuhnValid(num));
                     });
}

std::unique_ptr<Recognizer> NewSePersonnummerRecognizer() {
  return MakeChecked(
      "SePersonnummerRecognizer", "SE_PERSONNUMMER",
      {{"Swedish Personnummer (Medium)", R"(\b(\d{6,8})([-+]?)\d{4}\b)", 0.5},
       {"Swedish Personnummer (Very Weak)", R"((\d{6,8})([-+]?)\d{4})", 0.1}},
      {"personnummer", "svenskt personnummer", "svensk id", "ssn", "personal identity number", "samordningsnummer"},
      [](std::string_view m) {
        std::string all = DigitsOnly(m);
        std::string num = all.size() > 10 ? all.substr(all.size() - 10) : all;
        if (num.size() != 10) return Validation::kInvalid;
        int month = (num[2] - '0') * 10 + (num[3] - '0');
        int day = (num[4] - '0') * 10 + (num[5] - '0');
        if (day >= 61) day -= 60;  // samordningsnummer
        if (month < 1 || month > 12 || day < 1 || day > 31) return Validation::kInvalid;
        return ValidIf(LuhnValid(num));
      });
}

std::unique_ptr<Recognizer> NewFiPersonalIdentityCodeRecognizer() {
  return MakeChecked("FiPersonalIdentityCodeRecognizer", "FI_PERSONAL_IDENTITY_CODE",
                     {{"Finnish Personal Identity Code (Medium)",
                       R"(\b(\d{6})([-+ABCDEFYXWVU])(\d{3})([0123456789ABCDEFHJKLMNPRSTUVWXY])\b)", 0.5},
                      {"Finnish Personal Identity Code (Very Weak)",
                       R"((\d{6})([-+ABCDEFYXWVU])(\d{3})([0123456789ABCDEFHJKLMNPRSTUVWXY]))", 0.1}},
                     {"hetu", "henkilötunnus", "personbeteckningen", "personal identity code"},
                     [](std::string_view m) { return ValidIf(FiPersonalIdentityCodeValid(m)); });
}

// ---- Turkey --------------------------------------------------------------------------------------

std::unique_ptr<Recognizer> NewTrNationalIdRecognizer() {
  return MakeChecked("TrNationalIdRecognizer", "TR_NATIONAL_ID", {{"TR_NATIONAL_ID", R"(\b[1-9][0-9]{10}\b)", 0.3}},
                     {"tc kimlik", "kimlik no", "kimlik numarası", "tckn", "tc no", "nüfus cüzdanı", "national id",
                      "turkish id", "türk kimlik"},
                     [](std::string_view m) { return ValidIf(TrTcknValid(m)); });
}

std::unique_ptr<Recognizer> NewTrLicensePlateRecognizer() {
  return MakeChecked(
      "TrLicensePlateRecognizer", "TR_LICENSE_PLATE",
      {{"TR License Plate (space)", R"(\b(0[1-9]|[1-7][0-9]|8[0-1])\s?[A-PR-VY-Z]{1,3}\s?\d{2,4}\b)", 0.3},
       {"TR License Plate (hyphen)", R"(\b(0[1-9]|[1-7][0-9]|8[0-1])-[A-PR-VY-Z]{1,3}-\d{2,4}\b)", 0.3}},
      {"plaka", "araç plakası", "plaka numarası", "kayıt plakası", "tr plaka", "license plate", "number plate", "plate",
       "taşıt plakası", "kayıt"},
      // The province code 01-81 makes the plate certain.
      [](std::string_view m) {
        std::string v = RemoveChars(m, "- ");
        if (v.size() >= 3 && AllDigits(v.substr(0, 2))) {
          int code = (v[0] - '0') * 10 + (v[1] - '0');
          return ValidIf(code >= 1 && code <= 81);
        }
        return Validation::kNone;
      });
}

}  // namespace presidio
