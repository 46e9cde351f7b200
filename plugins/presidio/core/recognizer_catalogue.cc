#include "core/recognizer_catalogue.h"

#include <algorithm>

#include "core/country_recognizers.h"
#include "core/pattern_recognizer.h"
#include "core/phone_recognizer.h"
#include "core/predefined_recognizers.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

using Factory = std::function<std::unique_ptr<Recognizer>(const RecognizerDeps&, std::string*)>;

// The built-in English recognizers' patterns are all line-local (see predefined_recognizers.cc).
Factory LineLocal(std::function<std::unique_ptr<Recognizer>(const RecognizerDeps&)> make) {
  return [make](const RecognizerDeps& deps, std::string* /*error*/) {
    std::unique_ptr<Recognizer> recognizer = make(deps);
    if (auto* pattern = dynamic_cast<PatternRecognizer*>(recognizer.get())) pattern->set_line_local(true);
    return recognizer;
  };
}

// Country recognizers decide line-locality per pattern themselves (MakeChecked).
Factory Plain(std::unique_ptr<Recognizer> (*make)()) {
  return [make](const RecognizerDeps& /*deps*/, std::string* /*error*/) { return make(); };
}

std::vector<CatalogueEntry> BuildCatalogue() {
  const std::vector<std::string> en = {"en"};
  const std::vector<std::string> any;
  std::vector<CatalogueEntry> c = {
      // Presidio's English defaults, in its registry order.
      {"CreditCardRecognizer", {"en", "es", "it", "pl"}, true, "", LineLocal([](auto&) {
         return NewCreditCardRecognizer();
       })},
      {"UsBankRecognizer", en, true, "us", LineLocal([](auto&) { return NewUsBankRecognizer(); })},
      {"UsLicenseRecognizer", en, true, "us", LineLocal([](auto&) { return NewUsLicenseRecognizer(); })},
      {"UsItinRecognizer", en, true, "us", LineLocal([](auto&) { return NewUsItinRecognizer(); })},
      {"UsPassportRecognizer", en, true, "us", LineLocal([](auto&) { return NewUsPassportRecognizer(); })},
      {"UsSsnRecognizer", en, true, "us", LineLocal([](auto&) { return NewUsSsnRecognizer(); })},
      {"NhsRecognizer", en, true, "uk", LineLocal([](auto&) { return NewNhsRecognizer(); })},
      {"CryptoRecognizer", any, true, "", LineLocal([](auto&) { return NewCryptoRecognizer(); })},
      {"DateRecognizer", any, true, "", LineLocal([](auto&) { return NewDateRecognizer(); })},
      {"EmailRecognizer", any, true, "", LineLocal([](auto& d) { return NewEmailRecognizer(d.suffixes); })},
      {"IbanRecognizer", any, true, "", LineLocal([](auto&) { return NewIbanRecognizer(); })},
      {"IpRecognizer", any, true, "", LineLocal([](auto&) { return NewIpRecognizer(); })},
      {"MedicalLicenseRecognizer", any, true, "us", LineLocal([](auto&) { return NewMedicalLicenseRecognizer(); })},
      {"MacAddressRecognizer", any, true, "", LineLocal([](auto&) { return NewMacAddressRecognizer(); })},
      {"PhoneRecognizer", any, true, "",
       [](const RecognizerDeps& d, std::string* error) -> std::unique_ptr<Recognizer> {
         return PhoneRecognizer::Create(d.phone_regions.empty() ? DefaultPhoneRegions() : d.phone_regions, error);
       }},
      {"UrlRecognizer", any, true, "", LineLocal([](auto& d) { return NewUrlRecognizer(d.suffixes); })},
      // The rest of default_recognizers.yaml.
      {"UsMbiRecognizer", en, false, "us", Plain(NewUsMbiRecognizer)},
      {"UsNpiRecognizer", en, false, "us", Plain(NewUsNpiRecognizer)},
      {"UkDrivingLicenceRecognizer", en, false, "uk", Plain(NewUkDrivingLicenceRecognizer)},
      {"UkNinoRecognizer", en, false, "uk", Plain(NewUkNinoRecognizer)},
      {"UkPassportRecognizer", en, false, "uk", Plain(NewUkPassportRecognizer)},
      {"UkPostcodeRecognizer", en, false, "uk", Plain(NewUkPostcodeRecognizer)},
      {"UkVehicleRegistrationRecognizer", en, false, "uk", Plain(NewUkVehicleRegistrationRecognizer)},
      {"SgFinRecognizer", en, false, "sg", Plain(NewSgFinRecognizer)},
      {"AuAbnRecognizer", en, false, "au", Plain(NewAuAbnRecognizer)},
      {"AuAcnRecognizer", en, false, "au", Plain(NewAuAcnRecognizer)},
      {"AuTfnRecognizer", en, false, "au", Plain(NewAuTfnRecognizer)},
      {"AuMedicareRecognizer", en, false, "au", Plain(NewAuMedicareRecognizer)},
      {"NgNinRecognizer", en, false, "ng", Plain(NewNgNinRecognizer)},
      {"NgVehicleRegistrationRecognizer", en, false, "ng", Plain(NewNgVehicleRegistrationRecognizer)},
      {"InPanRecognizer", en, false, "in", Plain(NewInPanRecognizer)},
      {"InAadhaarRecognizer", en, false, "in", Plain(NewInAadhaarRecognizer)},
      {"InVehicleRegistrationRecognizer", en, false, "in", Plain(NewInVehicleRegistrationRecognizer)},
      {"InPassportRecognizer", en, false, "in", Plain(NewInPassportRecognizer)},
      {"EsNifRecognizer", {"es"}, true, "es", Plain(NewEsNifRecognizer)},
      {"EsNieRecognizer", {"es"}, true, "es", Plain(NewEsNieRecognizer)},
      {"EsPassportRecognizer", {"es"}, false, "es", Plain(NewEsPassportRecognizer)},
      {"ItDriverLicenseRecognizer", {"it"}, true, "it", Plain(NewItDriverLicenseRecognizer)},
      {"ItFiscalCodeRecognizer", {"it"}, true, "it", Plain(NewItFiscalCodeRecognizer)},
      {"ItVatCodeRecognizer", {"it"}, true, "it", Plain(NewItVatCodeRecognizer)},
      {"ItIdentityCardRecognizer", {"it"}, true, "it", Plain(NewItIdentityCardRecognizer)},
      {"ItPassportRecognizer", {"it"}, true, "it", Plain(NewItPassportRecognizer)},
      {"PhTinRecognizer", en, false, "ph", Plain(NewPhTinRecognizer)},
      {"PlPeselRecognizer", {"pl"}, true, "pl", Plain(NewPlPeselRecognizer)},
      {"KrBrnRecognizer", {"ko", "kr"}, false, "kr", Plain(NewKrBrnRecognizer)},
      {"KrRrnRecognizer", {"ko", "kr"}, false, "kr", Plain(NewKrRrnRecognizer)},
      {"KrDriverLicenseRecognizer", {"ko", "kr"}, false, "kr", Plain(NewKrDriverLicenseRecognizer)},
      {"KrFrnRecognizer", {"ko", "kr"}, false, "kr", Plain(NewKrFrnRecognizer)},
      {"SeOrganisationsnummerRecognizer", {"sv"}, false, "se", Plain(NewSeOrganisationsnummerRecognizer)},
      {"SePersonnummerRecognizer", {"sv"}, false, "se", Plain(NewSePersonnummerRecognizer)},
      {"ZaIdNumberRecognizer", en, false, "za", Plain(NewZaIdNumberRecognizer)},
      {"ThTninRecognizer", {"th"}, false, "th", Plain(NewThTninRecognizer)},
      {"TrNationalIdRecognizer", {"tr"}, false, "tr", Plain(NewTrNationalIdRecognizer)},
      {"TrLicensePlateRecognizer", {"tr"}, false, "tr", Plain(NewTrLicensePlateRecognizer)},
      {"InVoterRecognizer", any, false, "in", Plain(NewInVoterRecognizer)},
      {"InGstinRecognizer", en, false, "in", Plain(NewInGstinRecognizer)},
      {"DeTaxIdRecognizer", {"de"}, false, "de", Plain(NewDeTaxIdRecognizer)},
      {"DeTaxNumberRecognizer", {"de"}, false, "de", Plain(NewDeTaxNumberRecognizer)},
      {"DePassportRecognizer", {"de"}, false, "de", Plain(NewDePassportRecognizer)},
      {"DeIdCardRecognizer", {"de"}, false, "de", Plain(NewDeIdCardRecognizer)},
      {"DeSocialSecurityRecognizer", {"de"}, false, "de", Plain(NewDeSocialSecurityRecognizer)},
      {"DeHealthInsuranceRecognizer", {"de"}, false, "de", Plain(NewDeHealthInsuranceRecognizer)},
      {"DeKfzRecognizer", {"de"}, false, "de", Plain(NewDeKfzRecognizer)},
      {"DeHandelsregisterRecognizer", {"de"}, false, "de", Plain(NewDeHandelsregisterRecognizer)},
      {"DePlzRecognizer", {"de"}, false, "de", Plain(NewDePlzRecognizer)},
      {"DeLanrRecognizer", {"de"}, false, "de", Plain(NewDeLanrRecognizer)},
      {"DeBsnrRecognizer", {"de"}, false, "de", Plain(NewDeBsnrRecognizer)},
      {"DeVatIdRecognizer",
       {"de"},
       false,
       "de",
       [](const RecognizerDeps&, std::string*) { return NewDeVatIdRecognizer(false); }},
      {"DeFuehrerscheinRecognizer", {"de"}, false, "de", Plain(NewDeFuehrerscheinRecognizer)},
      {"CaSinRecognizer", {"en", "fr"}, false, "ca", Plain(NewCaSinRecognizer)},
      // Shipped by Presidio but not listed in default_recognizers.yaml: off unless named.
      {"AbaRoutingRecognizer", en, false, "us", Plain(NewAbaRoutingRecognizer)},
      {"FiPersonalIdentityCodeRecognizer", {"fi"}, false, "fi", Plain(NewFiPersonalIdentityCodeRecognizer)},
      {"SgUenRecognizer", en, false, "sg", Plain(NewSgUenRecognizer)},
      {"KrPassportRecognizer", {"kr"}, false, "kr", Plain(NewKrPassportRecognizer)},
  };
  return c;
}

}  // namespace

bool CatalogueEntry::Serves(const std::string& language) const {
  return languages.empty() || std::find(languages.begin(), languages.end(), language) != languages.end();
}

const std::vector<CatalogueEntry>& RecognizerCatalogue() {
  static const auto* catalogue = new std::vector<CatalogueEntry>(BuildCatalogue());
  return *catalogue;
}

const CatalogueEntry* FindRecognizer(std::string_view name) {
  for (const CatalogueEntry& entry : RecognizerCatalogue()) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

bool SelectRecognizers(const std::vector<std::string>& enabled, const std::vector<std::string>& disabled,
                       const std::string& language, std::vector<const CatalogueEntry*>* selected, std::string* error) {
  auto check = [&](const std::vector<std::string>& names, const char* setting, bool keywords) {
    for (const std::string& name : names) {
      if (keywords && (name == "all" || name == "default")) continue;
      if (FindRecognizer(name) != nullptr) continue;
      *error = "unknown recognizer '" + name + "' in " + setting;
      for (const CatalogueEntry& entry : RecognizerCatalogue()) {
        if (AsciiLower(entry.name) == AsciiLower(name)) {
          *error += " (did you mean '" + entry.name + "'?)";
          return false;
        }
      }
      *error += "; use Presidio's recognizer class names (e.g. UkNinoRecognizer), 'default' or 'all'";
      return false;
    }
    return true;
  };
  if (!check(enabled, "enabled_recognizers", true) || !check(disabled, "disabled_recognizers", false)) return false;
  auto listed = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  const bool all = listed(enabled, "all");
  const bool defaults = enabled.empty() || listed(enabled, "default");
  selected->clear();
  for (const CatalogueEntry& entry : RecognizerCatalogue()) {
    bool on =
        listed(enabled, entry.name) || (entry.Serves(language) && (all || (defaults && entry.enabled_by_default)));
    if (on && !listed(disabled, entry.name)) selected->push_back(&entry);
  }
  return true;
}

}  // namespace presidio
