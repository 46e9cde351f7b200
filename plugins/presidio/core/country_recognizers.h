// country_recognizers.h -- Presidio 2.2.363's country- and language-specific pattern recognizers.
//
// Each factory returns one recognizer with Presidio's class name, entity, patterns, scores, context
// words and validation. Look-arounds RE2 lacks are emulated with Pattern::accept guards; Presidio's
// back-references become one alternative per separator. Which ones are on by default, and for
// which language, is recorded in recognizer_catalogue.cc. Sources by region:
//   country_recognizers_americas.cc  US extras (ABA routing, MBI, NPI), Canada
//   country_recognizers_europe.cc    UK, Spain, Italy, Poland, Sweden, Finland, Turkey
//   country_recognizers_germany.cc   Germany
//   country_recognizers_asia.cc      Australia, Korea, Singapore, Thailand, Philippines
//   country_recognizers_india.cc     India
//   country_recognizers_africa.cc    Nigeria, South Africa
#ifndef PRESIDIO_CORE_COUNTRY_RECOGNIZERS_H_
#define PRESIDIO_CORE_COUNTRY_RECOGNIZERS_H_

#include <memory>

#include "core/recognizer.h"

namespace presidio {

// Americas
std::unique_ptr<Recognizer> NewAbaRoutingRecognizer();
std::unique_ptr<Recognizer> NewUsMbiRecognizer();
std::unique_ptr<Recognizer> NewUsNpiRecognizer();
std::unique_ptr<Recognizer> NewCaSinRecognizer();

// Europe
std::unique_ptr<Recognizer> NewUkDrivingLicenceRecognizer();
std::unique_ptr<Recognizer> NewUkNinoRecognizer();
std::unique_ptr<Recognizer> NewUkPassportRecognizer();
std::unique_ptr<Recognizer> NewUkPostcodeRecognizer();
std::unique_ptr<Recognizer> NewUkVehicleRegistrationRecognizer();
std::unique_ptr<Recognizer> NewEsNifRecognizer();
std::unique_ptr<Recognizer> NewEsNieRecognizer();
std::unique_ptr<Recognizer> NewEsPassportRecognizer();
std::unique_ptr<Recognizer> NewItDriverLicenseRecognizer();
std::unique_ptr<Recognizer> NewItFiscalCodeRecognizer();
std::unique_ptr<Recognizer> NewItVatCodeRecognizer();
std::unique_ptr<Recognizer> NewItIdentityCardRecognizer();
std::unique_ptr<Recognizer> NewItPassportRecognizer();
std::unique_ptr<Recognizer> NewPlPeselRecognizer();
std::unique_ptr<Recognizer> NewSeOrganisationsnummerRecognizer();
std::unique_ptr<Recognizer> NewSePersonnummerRecognizer();
std::unique_ptr<Recognizer> NewFiPersonalIdentityCodeRecognizer();
std::unique_ptr<Recognizer> NewTrNationalIdRecognizer();
std::unique_ptr<Recognizer> NewTrLicensePlateRecognizer();

// Germany
std::unique_ptr<Recognizer> NewDeTaxIdRecognizer();
std::unique_ptr<Recognizer> NewDeTaxNumberRecognizer();
std::unique_ptr<Recognizer> NewDePassportRecognizer();
std::unique_ptr<Recognizer> NewDeIdCardRecognizer();
std::unique_ptr<Recognizer> NewDeSocialSecurityRecognizer();
std::unique_ptr<Recognizer> NewDeHealthInsuranceRecognizer();
std::unique_ptr<Recognizer> NewDeKfzRecognizer();
std::unique_ptr<Recognizer> NewDeHandelsregisterRecognizer();
std::unique_ptr<Recognizer> NewDePlzRecognizer();
std::unique_ptr<Recognizer> NewDeLanrRecognizer();
std::unique_ptr<Recognizer> NewDeBsnrRecognizer();
// strict_checksum: a failed check digit drops the match instead of keeping the pattern score.
std::unique_ptr<Recognizer> NewDeVatIdRecognizer(bool strict_checksum = false);
std::unique_ptr<Recognizer> NewDeFuehrerscheinRecognizer();

// Asia-Pacific
std::unique_ptr<Recognizer> NewAuAbnRecognizer();
std::unique_ptr<Recognizer> NewAuAcnRecognizer();
std::unique_ptr<Recognizer> NewAuTfnRecognizer();
std::unique_ptr<Recognizer> NewAuMedicareRecognizer();
std::unique_ptr<Recognizer> NewKrBrnRecognizer();
std::unique_ptr<Recognizer> NewKrRrnRecognizer();
std::unique_ptr<Recognizer> NewKrFrnRecognizer();
std::unique_ptr<Recognizer> NewKrDriverLicenseRecognizer();
std::unique_ptr<Recognizer> NewKrPassportRecognizer();
std::unique_ptr<Recognizer> NewSgFinRecognizer();
std::unique_ptr<Recognizer> NewSgUenRecognizer();
std::unique_ptr<Recognizer> NewThTninRecognizer();
std::unique_ptr<Recognizer> NewPhTinRecognizer();

// India
std::unique_ptr<Recognizer> NewInPanRecognizer();
std::unique_ptr<Recognizer> NewInAadhaarRecognizer();
std::unique_ptr<Recognizer> NewInVehicleRegistrationRecognizer();
std::unique_ptr<Recognizer> NewInPassportRecognizer();
std::unique_ptr<Recognizer> NewInVoterRecognizer();
std::unique_ptr<Recognizer> NewInGstinRecognizer();

// Africa
std::unique_ptr<Recognizer> NewNgNinRecognizer();
std::unique_ptr<Recognizer> NewNgVehicleRegistrationRecognizer();
std::unique_ptr<Recognizer> NewZaIdNumberRecognizer();

}  // namespace presidio

#endif  // PRESIDIO_CORE_COUNTRY_RECOGNIZERS_H_
