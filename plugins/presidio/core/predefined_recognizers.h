// predefined_recognizers.h -- Presidio's default English recognizers (all but NER).
//
// Each factory returns one recognizer with Presidio's name, entity, patterns, scores and context
// words; validation follows Presidio except where noted in the .cc (e.g. whole IBAN length checks).
#ifndef PRESIDIO_CORE_PREDEFINED_RECOGNIZERS_H_
#define PRESIDIO_CORE_PREDEFINED_RECOGNIZERS_H_

#include <memory>
#include <string>
#include <vector>

#include "core/public_suffix.h"
#include "core/recognizer.h"

namespace presidio {

std::unique_ptr<Recognizer> NewCreditCardRecognizer();
std::unique_ptr<Recognizer> NewCryptoRecognizer();
std::unique_ptr<Recognizer> NewDateRecognizer();
std::unique_ptr<Recognizer> NewEmailRecognizer(std::shared_ptr<const PublicSuffixList> suffixes);
std::unique_ptr<Recognizer> NewIbanRecognizer();
std::unique_ptr<Recognizer> NewIpRecognizer();
std::unique_ptr<Recognizer> NewMacAddressRecognizer();
std::unique_ptr<Recognizer> NewUrlRecognizer(std::shared_ptr<const PublicSuffixList> suffixes);
std::unique_ptr<Recognizer> NewUsSsnRecognizer();
std::unique_ptr<Recognizer> NewUsItinRecognizer();
std::unique_ptr<Recognizer> NewUsPassportRecognizer();
std::unique_ptr<Recognizer> NewUsLicenseRecognizer();
std::unique_ptr<Recognizer> NewUsBankRecognizer();
std::unique_ptr<Recognizer> NewNhsRecognizer();
std::unique_ptr<Recognizer> NewMedicalLicenseRecognizer();

// Regions used when the configuration names none. "GB", not Presidio's "UK" (not a libphonenumber
// region, so Presidio misses national-format UK numbers).
std::vector<std::string> DefaultPhoneRegions();

// All 16 default recognizers in Presidio's registry order (PhoneRecognizer included); empty with
// `error` set when a phone region is unknown.
std::vector<std::unique_ptr<Recognizer>> NewDefaultRecognizers(std::shared_ptr<const PublicSuffixList> suffixes,
                                                               const std::vector<std::string>& phone_regions,
                                                               std::string* error);

}  // namespace presidio

#endif  // PRESIDIO_CORE_PREDEFINED_RECOGNIZERS_H_
