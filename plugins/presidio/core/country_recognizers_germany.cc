// country_recognizers_germany.cc -- Presidio's thirteen German recognizers: tax ID and tax number,
// passport and ID card, pension and health insurance numbers, licence plates (KFZ), commercial
// register, postcode, physician and practice numbers, VAT ID and driving licence.
#include <algorithm>

#include "core/checked_pattern_recognizer.h"
#include "core/country_recognizers.h"
#include "core/national_checksums.h"

namespace presidio {

std::unique_ptr<Recognizer> NewDeTaxIdRecognizer() {
  return MakeChecked("DeTaxIdRecognizer", "DE_TAX_ID",
                     {{"Steueridentifikationsnummer (High)", R"(\b[1-9]\d{10}\b)", 0.5}},
                     {"steueridentifikationsnummer", "steuer-id", "steuerid", "steuerliche identifikationsnummer",
                      "steuerliche identifikation", "persönliche identifikationsnummer", "steuer identifikation",
                      "idnr", "steuer-idnr", "steuernummer", "bzst"},
                     [](std::string_view m) {
                       if (m.size() != 11 || !AllDigits(m) || m[0] == '0') return Validation::kInvalid;
                       // No digit may occur more than three times among the first ten.
                       for (char d = '0'; d <= '9'; ++d) {
                         if (std::count(m.begin(), m.begin() + 10, d) > 3) return Validation::kInvalid;
                       }
                       return ValidIf(Iso7064Mod1110Valid(m));
                     });
}

std::unique_ptr<Recognizer> NewDeTaxNumberRecognizer() {
  return MakeChecked("DeTaxNumberRecognizer", "DE_TAX_NUMBER",
                     {{"Steuernummer ELSTER (bundeseinheitlich, 13-stellig)", R"(\b(0[1-9]|1[0-6])\d{11}\b)", 0.5},
                      Guarded({"Steuernummer mit Schrägstrich (Bayern/BW: 3/3/5)", R"(\d{3}/\d{3}/\d{5})", 0.4},
                              NotBetween(CharClass::kWord, CharClass::kWord)),
                      Guarded({"Steuernummer mit Schrägstrich (NW: 3/4/4 oder allgemein 2-3/3-4/4-5)",
                               R"(\d{2,3}/\d{3,4}/\d{4,5})", 0.2},
                              NotBetween(CharClass::kWord, CharClass::kWord))},
                     {"steuernummer", "steuer-nr", "steuer nr", "st.-nr", "st-nr", "finanzamt", "umsatzsteuer",
                      "einkommensteuer", "körperschaftsteuer", "gewerbesteuer", "steuerveranlagung", "steuerbescheid"});
}

std::unique_ptr<Recognizer> NewDePassportRecognizer() {
  return MakeChecked(
      "DePassportRecognizer", "DE_PASSPORT",
      {{"Reisepassnummer (Strict ICAO charset)", R"(\b[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}[0-9]\b)", 0.4}},
      {"reisepass", "pass", "passnummer", "reisepassnummer", "passport", "passport number", "pass-nr",
       "dokumentennummer", "bundesrepublik deutschland", "ausweisdokument", "mrz"},
      [](std::string_view m) {
        std::string v = AsciiUpper(m);
        if (v.size() != 9) return Validation::kInvalid;
        if (v.substr(0, 8).find_first_of("ABDEIOQSU") != std::string::npos) return Validation::kInvalid;
        return ValidIf(Icao9303Valid(v));
      });
}

std::unique_ptr<Recognizer> NewDeIdCardRecognizer() {
  return MakeChecked("DeIdCardRecognizer", "DE_ID_CARD",
                     {{"Personalausweisnummer nPA (ICAO charset + check digit)",
                       R"(\b[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}[0-9]\b)", 0.4},
                      {"Personalausweisnummer alt (T + 8 Ziffern)", R"(\bT\d{8}\b)", 0.5}},
                     {"personalausweis", "ausweis", "personalausweisnummer", "ausweisnummer", "ausweisdokument",
                      "dokumentennummer", "seriennummer", "npa", "neuer personalausweis", "personalausweisgesetz",
                      "pauwsg", "bundespersonalausweis", "identity card", "national id"},
                     [](std::string_view m) {
                       std::string v = AsciiUpper(m);
                       if (v.size() != 9) return Validation::kInvalid;
                       if (v[0] == 'T' && AllDigits(v.substr(1))) return Validation::kNone;  // old card: no check digit
                       return ValidIf(Icao9303Valid(v));
                     });
}

std::unique_ptr<Recognizer> NewDeSocialSecurityRecognizer() {
  return MakeChecked("DeSocialSecurityRecognizer", "DE_SOCIAL_SECURITY",
                     {{"Rentenversicherungsnummer (Strict, with birth date structure)",
                       R"(\b\d{2}(0[1-9]|[12]\d|3[01]|5[1-9]|[67]\d|8[01])(0[1-9]|1[0-2])\d{2}[A-Z]\d{2}[0-9]\b)", 0.5},
                      {"Rentenversicherungsnummer (Relaxed)", R"(\b\d{8}[A-Z]\d{3}\b)", 0.3}},
                     {"rentenversicherungsnummer", "sozialversicherungsnummer", "versicherungsnummer", "rvnr", "svnr",
                      "sv-nummer", "rente", "rentenversicherung", "deutsche rentenversicherung", "drv",
                      "sozialversicherung", "sozialversicherungsausweis", "rentenausweis"},
                     [](std::string_view m) { return ValidIf(DeSocialSecurityValid(AsciiUpper(m))); });
}

std::unique_ptr<Recognizer> NewDeHealthInsuranceRecognizer() {
  return MakeChecked(
      "DeHealthInsuranceRecognizer", "DE_HEALTH_INSURANCE",
      {{"Krankenversicherungsnummer KVNR (letter + 9 digits)", R"(\b[A-Z]\d{9}\b)", 0.3}},
      {"krankenversicherungsnummer", "krankenversichertennummer", "versichertennummer", "kvnr", "krankenkasse",
       "krankenversicherung", "gesundheitskarte", "egk", "elektronische gesundheitskarte", "gkv",
       "gesetzliche krankenversicherung", "krankenversicherungsausweis", "versichertenausweis", "versichertenkarte",
       "aok", "tkk", "barmer", "dak"},
      [](std::string_view m) { return ValidIf(DeHealthInsuranceValid(AsciiUpper(m))); });
}

std::unique_ptr<Recognizer> NewDeKfzRecognizer() {
  // Presidio's (?<![\w-]) ... (?!\w) around each plate shape.
  auto plate = [](const char* name, const char* regex, double score) {
    return Guarded({name, regex, score}, NotBetween(CharClass::kWordOrHyphen, CharClass::kWord));
  };
  return MakeChecked(
      "DeKfzRecognizer", "DE_KFZ",
      {plate("KFZ-Kennzeichen (mit Leerzeichen)", R"([A-ZÄÖÜ]{1,3}\s[A-Z]{1,2}\s\d{1,4}[EH]?)", 0.3),
       plate("KFZ-Kennzeichen (mit Bindestrich)", R"([A-ZÄÖÜ]{1,3}-[A-Z]{1,2}-\d{1,4}[EH]?)", 0.3),
       plate("KFZ-Kennzeichen (Bindestrich + Leerzeichen)", R"([A-ZÄÖÜ]{1,3}-[A-Z]{1,2}\s\d{1,4}[EH]?)", 0.3),
       plate("KFZ-Kennzeichen (ASCII only, mit Leerzeichen)", R"([A-Z]{1,3}\s[A-Z]{1,2}\s\d{1,4}[EH]?)", 0.2),
       plate("KFZ-Kennzeichen (ASCII only, Bindestrich + Leerzeichen)", R"([A-Z]{1,3}-[A-Z]{1,2}\s\d{1,4}[EH]?)", 0.2)},
      {"kennzeichen", "kfz-kennzeichen", "kraftfahrzeugkennzeichen", "nummernschild", "fahrzeugkennzeichen",
       "zulassung", "kfz", "fahrzeug", "auto", "pkw", "lkw", "fahrzeugschein", "fahrzeugbrief",
       "zulassungsbescheinigung", "amtliches kennzeichen"});
}

std::unique_ptr<Recognizer> NewDeHandelsregisterRecognizer() {
  return MakeChecked("DeHandelsregisterRecognizer", "DE_HANDELSREGISTER",
                     {{"Handelsregisternummer HRA/HRB", R"(\bHR[AB]\s*\d{1,6}\b)", 0.5}},
                     {"handelsregister", "handelsregisternummer", "amtsgericht", "registergericht", "hra", "hrb",
                      "hr-nummer", "registerauszug", "handelsregistereintrag", "firma", "gesellschaft", "gmbh", "ag",
                      "ug", "kg", "ohg", "einzelkaufmann", "einzelkauffrau", "handelsregisterblattnummer"});
}

std::unique_ptr<Recognizer> NewDePlzRecognizer() {
  // Presidio's (?!01000\b|99999\b): two codes that are never assigned.
  return MakeChecked(
      "DePlzRecognizer", "DE_PLZ",
      {Guarded({"Postleitzahl (5 digits, very low base confidence – context required)",
                R"(\b(0[1-9]\d{3}|[1-9]\d{4})\b)", 0.05},
               [](std::string_view text, size_t start, size_t end) {
                 std::string_view code = text.substr(start, end - start);
                 return code != "01000" && code != "99999";
               })},
      {"plz", "postleitzahl", "postanschrift", "adresse", "wohnort", "ort", "wohnanschrift", "lieferadresse",
       "rechnungsadresse", "straße", "strasse", "hausnummer", "postfach", "bundesland", "gemeinde", "stadt", "dorf"});
}

std::unique_ptr<Recognizer> NewDeLanrRecognizer() {
  return MakeChecked("DeLanrRecognizer", "DE_LANR", {{"Lebenslange Arztnummer LANR (9 digits)", R"(\b\d{9}\b)", 0.3}},
                     {"arztnummer", "lanr", "lebenslange arztnummer", "arzt-nr", "arzt nr", "arzt-nummer",
                      "vertragsarzt", "kassenarzt", "niedergelassener arzt", "kbv", "kassenärztliche vereinigung",
                      "kv-nummer", "rezept", "verschreibung", "behandelnder arzt", "hausarzt", "facharzt"},
                     [](std::string_view m) { return ValidIf(DeLanrValid(m)); });
}

std::unique_ptr<Recognizer> NewDeBsnrRecognizer() {
  // The KV region prefix is not checked (as Presidio): only all-zero numbers are rejected.
  return MakeChecked(
      "DeBsnrRecognizer", "DE_BSNR", {{"Betriebsstättennummer BSNR (9 digits)", R"(\b\d{9}\b)", 0.2}},
      {"betriebsstättennummer", "betriebsstätten-nummer", "bsnr", "betriebsstätte", "praxisnummer", "arztpraxis",
       "praxis", "kassenärztliche vereinigung", "kv-nummer", "kv nummer", "praxisadresse", "praxisstandort",
       "nebenbetriebsstätte", "hauptbetriebsstätte", "behandlungsort", "vertragsarztpraxis"},
      [](std::string_view m) {
        if (m.size() != 9 || !AllDigits(m) || m == "000000000") return Validation::kInvalid;
        return Validation::kNone;
      });
}

std::unique_ptr<Recognizer> NewDeVatIdRecognizer(bool strict_checksum) {
  return MakeChecked("DeVatIdRecognizer", "DE_VAT_ID",
                     {{"Umsatzsteuer-Identifikationsnummer USt-IdNr. (DE + 9 digits)", R"(\bDE\d{9}\b)", 0.5},
                      {"Umsatzsteuer-Identifikationsnummer USt-IdNr. (with separators)",
                       R"(\bDE[\s.\-]?\d{3}[\s.\-]?\d{3}[\s.\-]?\d{3}\b)", 0.4}},
                     {"umsatzsteuer-identifikationsnummer", "umsatzsteueridentifikationsnummer", "ust-idnr", "ust-id",
                      "ustidnr", "umsatzsteuer-id", "mehrwertsteuer", "vat", "vat-id", "vat id", "steueridentifikation",
                      "bzst", "bundeszentralamt für steuern", "finanzamt", "invoice", "rechnung"},
                     [strict_checksum](std::string_view m) {
                       std::string v = AsciiUpper(RemoveChars(m, " \t\n\r\f\v.-"));
                       if (v.size() != 11 || v.compare(0, 2, "DE") != 0 || !AllDigits(v.substr(2)))
                         return Validation::kInvalid;
                       if (Iso7064Mod1110Valid(v.substr(2))) return Validation::kValid;
                       // The algorithm is not officially published: a mismatch keeps the pattern score by default.
                       return strict_checksum ? Validation::kInvalid : Validation::kNone;
                     });
}

std::unique_ptr<Recognizer> NewDeFuehrerscheinRecognizer() {
  return MakeChecked(
      "DeFuehrerscheinRecognizer", "DE_FUEHRERSCHEIN",
      {{"Führerscheinnummer (Post-2013 EU-Format, 11 Zeichen)", R"(\b[A-Z]{2}\d{8}[A-Z0-9]\b)", 0.35}},
      {"führerscheinnummer", "führerschein", "fahrerlaubnis", "fahrerlaubnisnummer", "fahrerlaubnisklasse",
       "führerscheininhaber", "fev", "kba", "kraftfahrt-bundesamt", "driving licence", "driving license",
       "driver's license", "licence number", "license number", "dokument nr", "dokument-nr", "feld 5"});
}

}  // namespace presidio
