// country_recognizers_americas.cc -- Presidio's US extras (ABA routing number, Medicare Beneficiary
// Identifier, National Provider Identifier) and the Canadian Social Insurance Number.
#include "core/checked_pattern_recognizer.h"
#include "core/checksums.h"
#include "core/country_recognizers.h"
#include "core/national_checksums.h"

namespace presidio {

std::unique_ptr<Recognizer> NewAbaRoutingRecognizer() {
  return MakeChecked("AbaRoutingRecognizer", "ABA_ROUTING_NUMBER",
                     {{"ABA routing number (weak)", R"(\b[0123678]\d{8}\b)", 0.05},
                      {"ABA routing number", R"(\b[0123678]\d{3}-\d{4}-\d\b)", 0.3}},
                     {"aba", "routing", "abarouting", "association", "bankrouting"},
                     [](std::string_view m) { return ValidIf(AbaRoutingValid(RemoveChars(m, "-"))); });
}

std::unique_ptr<Recognizer> NewUsMbiRecognizer() {
  // Letters exclude S, L, O, I, B and Z.
  const std::string n = "[0-9]", a = "[ACDEFGHJKMNPQRTUVWXY]", c = "[0-9ACDEFGHJKMNPQRTUVWXY]";
  return MakeChecked("UsMbiRecognizer", "US_MBI",
                     {{"MBI (weak)", "\\b" + n + a + c + n + a + c + n + a + a + n + n + "\\b", 0.3},
                      {"MBI (medium)", "\\b" + n + a + c + n + "-" + a + c + n + "-" + a + a + n + n + "\\b", 0.5}},
                     {"medicare", "mbi", "beneficiary", "cms", "medicaid", "hic", "hicn"});
}

std::unique_ptr<Recognizer> NewUsNpiRecognizer() {
  return MakeChecked(
      "UsNpiRecognizer", "US_NPI",
      {{"NPI (weak)", R"(\b[12]\d{9}\b)", 0.1}, {"NPI (medium)", R"(\b[12]\d{3}[ -]\d{3}[ -]\d{3}\b)", 0.4}},
      {"npi", "national provider", "provider", "npi number", "provider id", "provider identifier", "taxonomy"},
      [](std::string_view m) { return ValidIf(NpiValid(RemoveChars(m, "- "))); },
      // Placeholders: every digit but the check digit the same.
      [](std::string_view m) {
        std::string v = RemoveChars(m, "- ");
        std::string_view body = v.size() > 1 ? std::string_view(v).substr(0, v.size() - 1) : std::string_view(v);
        return !body.empty() && body.find_first_not_of(body[0]) == std::string_view::npos;
      });
}

std::unique_ptr<Recognizer> NewCaSinRecognizer() {
  // Presidio's back-reference ([- ])...\1 becomes one alternative per separator.
  return MakeChecked("CaSinRecognizer", "CA_SIN",
                     {{"SIN (weak)", R"(\b[1-79]\d{8}\b)", 0.05},
                      {"SIN (medium)", R"(\b[1-79]\d{2}-\d{3}-\d{3}\b|\b[1-79]\d{2} \d{3} \d{3}\b)", 0.5}},
                     {"sin", "sin number", "social insurance", "social insurance number", "canada", "nas", "numéro nas",
                      "numéro d'assurance sociale", "assurance sociale"},
                     nullptr, [](std::string_view m) { return !LuhnValid(DigitsOnly(m)); });
}

}  // namespace presidio
