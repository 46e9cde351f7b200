// country_recognizers_asia.cc -- Presidio's Asia-Pacific recognizers: Australia (ABN, ACN, TFN,
// Medicare), Korea (BRN, RRN, FRN, driver's licence, passport), Singapore (NRIC/FIN, UEN), Thailand
// (national ID) and the Philippines (TIN).
#include <ctime>
#include <set>

#include "core/checked_pattern_recognizer.h"
#include "core/country_recognizers.h"
#include "core/national_checksums.h"

namespace presidio {

namespace {

// Presidio strips '-' and ' ' and then skips any other whitespace.
std::string AuDigits(std::string_view m) { return RemoveChars(m, "- \t\n\r\f\v"); }

int CurrentYear() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return local.tm_year + 1900;
}

}  // namespace

// ---- Australia -----------------------------------------------------------------------------------

std::unique_ptr<Recognizer> NewAuAbnRecognizer() {
  return MakeChecked("AuAbnRecognizer", "AU_ABN",
                     {{"ABN (Medium)", R"(\b\d{2}\s\d{3}\s\d{3}\s\d{3}\b)", 0.1}, {"ABN (Low)", R"(\b\d{11}\b)", 0.01}},
                     {"australian business number", "abn"},
                     [](std::string_view m) { return ValidIf(AuAbnValid(AuDigits(m))); });
}

std::unique_ptr<Recognizer> NewAuAcnRecognizer() {
  return MakeChecked("AuAcnRecognizer", "AU_ACN",
                     {{"ACN (Medium)", R"(\b\d{3}\s\d{3}\s\d{3}\b)", 0.1}, {"ACN (Low)", R"(\b\d{9}\b)", 0.01}},
                     {"australian company number", "acn"},
                     [](std::string_view m) { return ValidIf(AuAcnValid(AuDigits(m))); });
}

std::unique_ptr<Recognizer> NewAuTfnRecognizer() {
  return MakeChecked("AuTfnRecognizer", "AU_TFN",
                     {{"TFN (Medium)", R"(\b\d{3}\s\d{3}\s\d{3}\b)", 0.1}, {"TFN (Low)", R"(\b\d{9}\b)", 0.01}},
                     {"tax file number", "tfn"}, [](std::string_view m) { return ValidIf(AuTfnValid(AuDigits(m))); });
}

std::unique_ptr<Recognizer> NewAuMedicareRecognizer() {
  return MakeChecked("AuMedicareRecognizer", "AU_MEDICARE",
                     {{"Australian Medicare Number (Medium)", R"(\b[2-6]\d{3}\s\d{5}\s\d\b)", 0.1},
                      {"Australian Medicare Number (Low)", R"(\b[2-6]\d{9}\b)", 0.01}},
                     {"medicare"}, [](std::string_view m) { return ValidIf(AuMedicareValid(AuDigits(m))); });
}

// ---- Korea ---------------------------------------------------------------------------------------

std::unique_ptr<Recognizer> NewKrBrnRecognizer() {
  const auto digits_apart = NotBetween(CharClass::kDigit, CharClass::kDigit);  // (?<!\d) ... (?!\d)
  return MakeChecked("KrBrnRecognizer", "KR_BRN",
                     {Guarded({"BRN (Weak)", R"(\d{3}-\d{2}-\d{5})", 0.1}, digits_apart),
                      Guarded({"BRN (Very weak)", R"(\d{10})", 0.05}, digits_apart)},
                     {"사업자등록번호", "사업자번호", "사업자", "BRN", "Business Registration Number", "Korean BRN",
                      "business number", "tax registration number"},
                     [](std::string_view m) { return ValidIf(KrBrnValid(RemoveChars(m, "-"))); });
}

namespace {

// RRN and FRN: a valid region code and check digit make the number certain; otherwise the pattern
// score stands (Presidio returns None, not False).
Validation KrRegistrationNumber(std::string_view m, bool (*checksum)(std::string_view)) {
  std::string v = RemoveChars(m, "-");
  if (v.size() != 13 || !AllDigits(v)) return Validation::kInvalid;
  int region = (v[7] - '0') * 10 + (v[8] - '0');
  if (region <= 95 && checksum(v)) return Validation::kValid;
  return Validation::kNone;
}

}  // namespace

std::unique_ptr<Recognizer> NewKrRrnRecognizer() {
  return MakeChecked(
      "KrRrnRecognizer", "KR_RRN",
      {Guarded({"RRN (Medium)", R"(\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(-?)[1-4]\d{6})", 0.5},
               NotBetween(CharClass::kDigit, CharClass::kDigit))},
      {"Korean RRN", "Korean Resident Registration Number", "Resident Registration Number", "RRN", "rrn", "rrn#"},
      [](std::string_view m) { return KrRegistrationNumber(m, KrRrnChecksumValid); });
}

std::unique_ptr<Recognizer> NewKrFrnRecognizer() {
  return MakeChecked("KrFrnRecognizer", "KR_FRN",
                     {Guarded({"FRN (Medium)", R"(\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(-?)[5-8]\d{6})", 0.5},
                              NotBetween(CharClass::kDigit, CharClass::kDigit))},
                     {"외국인등록번호", "Korean FRN", "FRN", "Foreigner Registration Number",
                      "Korean Foreigner Registration Number", "외국인번호"},
                     [](std::string_view m) { return KrRegistrationNumber(m, KrFrnChecksumValid); });
}

std::unique_ptr<Recognizer> NewKrDriverLicenseRecognizer() {
  return MakeChecked("KrDriverLicenseRecognizer", "KR_DRIVER_LICENSE",
                     {Guarded({"Driver License (very weak)", R"((\d{2})[- ]?(\d{2})[- ]?(\d{6})[- ]?(\d{2}))", 0.05},
                              NotBetween(CharClass::kDigit, CharClass::kDigit))},
                     {"운전면허", "운전면허번호", "면허번호", "Korean driver license", "Korean driver's license"},
                     // The first two digits are the issuing region.
                     [](std::string_view m) {
                       static const std::set<std::string> kRegions = {"11", "12", "13", "14", "15", "16",
                                                                      "17", "18", "19", "20", "21", "22",
                                                                      "23", "24", "25", "26", "28"};
                       std::string v = RemoveChars(m, "- ");
                       return ValidIf(v.size() == 12 && AllDigits(v) && kRegions.count(v.substr(0, 2)) > 0);
                     });
}

std::unique_ptr<Recognizer> NewKrPassportRecognizer() {
  const auto apart = NotBetween(CharClass::kAlnum, CharClass::kDigit);  // (?<![A-Z0-9a-z]) ... (?![0-9])
  return MakeChecked(
      "KrPassportRecognizer", "KR_PASSPORT",
      {Guarded({"Passport Number (Current)", R"([MmSsRrOoDd]\d{3}[A-Za-z]\d{4})", 0.1}, apart),
       Guarded({"Passport Number (Previous)", R"([MmSsRrOoDd]\d{8})", 0.05}, apart)},
      {"Korean passport", "Korean passport number", "대한민국 여권", "여권", "passport", "passport number"});
}

// ---- Singapore, Thailand, Philippines ------------------------------------------------------------

std::unique_ptr<Recognizer> NewSgFinRecognizer() {
  return MakeChecked("SgFinRecognizer", "SG_NRIC_FIN",
                     {{"Nric (weak)", R"((?i)(\b[A-Z][0-9]{7}[A-Z]\b))", 0.3},
                      {"Nric (medium)", R"((?i)(\b[STFGM][0-9]{7}[A-Z]\b))", 0.5}},
                     {"fin", "fin#", "nric", "nric#"});
}

std::unique_ptr<Recognizer> NewSgUenRecognizer() {
  return MakeChecked("SgUenRecognizer", "SG_UEN",
                     {{"UEN (low)", R"(\b\d{8}[A-Z]\b|\b\d{9}[A-Z]\b|\b[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]\b)", 0.3}},
                     {"uen", "unique entity number", "business registration", "ACRA"},
                     [](std::string_view m) { return ValidIf(SgUenValid(m, CurrentYear())); });
}

std::unique_ptr<Recognizer> NewThTninRecognizer() {
  return MakeChecked(
      "ThTninRecognizer", "TH_TNIN",
      {{"TNIN (Medium)", R"(\b[1-9](?:[134][0-9]|2[0-7]|5[0-8]|[67][01234567]|[89][0123456])\d{10}\b)", 0.5}},
      {"Thai National ID", "Thai ID Number", "TNIN", "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "รหัสปชช"},
      [](std::string_view m) { return ValidIf(ThTninValid(m)); });
}

std::unique_ptr<Recognizer> NewPhTinRecognizer() {
  return MakeChecked(
      "PhTinRecognizer", "PH_TIN",
      {{"TIN (Low)", R"(\b(\d{3}-\d{3}-\d{3}(-\d{3})?)\b)", 0.05}, {"TIN (Very Low)", R"(\b(\d{9}|\d{12})\b)", 0.01}},
      {"tin", "taxpayer identification number", "bir", "taxpayer id", "tax id", "rdo", "revenue district office"},
      nullptr, [](std::string_view m) { return !PhTinValid(RemoveChars(m, "- ")); });
}

}  // namespace presidio
