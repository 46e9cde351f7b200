// phone_recognizer.h -- PHONE_NUMBER through Google's libphonenumber, as Presidio's PhoneRecognizer:
// a PhoneNumberMatcher pass (leniency VALID) per configured region, merged.
//
// The matcher only runs on windows around digits, so long texts with few numbers stay cheap.
#ifndef PRESIDIO_CORE_PHONE_RECOGNIZER_H_
#define PRESIDIO_CORE_PHONE_RECOGNIZER_H_

#include <memory>
#include <string>
#include <vector>

#include "core/recognizer.h"

namespace presidio {

class PhoneRecognizer : public Recognizer {
 public:
  // Null with `error` set when a region is not one libphonenumber knows (e.g. "UK").
  static std::unique_ptr<PhoneRecognizer> Create(const std::vector<std::string>& regions, std::string* error);

  void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const override;
  // Digits inside confident card, IBAN, IP, date ... spans start no matcher window (libphonenumber
  // is by far the slowest recognizer, and numbers found there are false positives).
  bool UsesClaimedSpans() const override { return true; }
  const std::vector<std::string>& regions() const { return regions_; }

 private:
  PhoneRecognizer(std::vector<std::string> regions, std::vector<size_t> min_digits);
  RecognizerResult MakeResult(size_t start, size_t end, std::string explanation) const;
  std::vector<std::string> regions_;
  // Per region, the fewest digits a possible number has (local-only lengths included): a window whose longest
  // run of number characters has fewer unclaimed digits cannot hold a valid number there, so that region's
  // matcher pass is skipped.
  std::vector<size_t> min_digits_;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_PHONE_RECOGNIZER_H_
