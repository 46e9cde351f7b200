#include "core/phone_recognizer.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "core/text_offsets.h"

namespace presidio {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr double kPhoneScore = 0.4;
// Bytes of text kept on each side of a run of digits: the matcher looks a little beyond a
// number (leading '+', '(' and trailing "ext. 12"), and needs the characters next to it.
constexpr size_t kWindowPad = 40;
constexpr int kMaxTries = 65535;  // python-phonenumbers' default

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Byte ranges that hold every digit of `text` plus padding, merged when they touch.
std::vector<std::pair<size_t, size_t>> DigitWindows(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> windows;
  for (size_t i = 0; i < text.size(); ++i) {
    // Full-width digits U+FF10..U+FF19 (EF BC 90..99) are digits to libphonenumber too.
    bool full_width = i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xEF &&
                      static_cast<unsigned char>(text[i + 1]) == 0xBC &&
                      static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x99;
    if (!IsAsciiDigit(text[i]) && !full_width) continue;
    size_t start = i > kWindowPad ? i - kWindowPad : 0;
    size_t end = std::min(text.size(), i + 1 + kWindowPad);
    if (!windows.empty() && start <= windows.back().second) {
      windows.back().second = end;
    } else {
      windows.emplace_back(start, end);
    }
  }
  // Align to character boundaries.
  for (auto& [start, end] : windows) {
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return windows;
}

}  // namespace

std::unique_ptr<PhoneRecognizer> PhoneRecognizer::Create(const std::vector<std::string>& regions, std::string* error) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::string> supported;
  util.GetSupportedRegions(&supported);
  for (const std::string& region : regions) {
    if (supported.count(region) == 0) {
      *error = "phone region '" + region + "' is not a libphonenumber region code" +
               (region == "UK" ? " (use GB for the United Kingdom)" : "");
      return nullptr;
    }
  }
  return std::unique_ptr<PhoneRecognizer>(new PhoneRecognizer(regions));
}

PhoneRecognizer::PhoneRecognizer(std::vector<std::string> regions)
    : Recognizer("PhoneRecognizer", {"PHONE_NUMBER"},
                 {"phone", "number", "telephone", "cell", "cellphone", "mobile", "call"}),
      regions_(std::move(regions)) {}

void PhoneRecognizer::Analyze(std::string_view text, const ScanHints& /*hints*/,
                              std::vector<RecognizerResult>* out) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::pair<size_t, size_t>> seen;
  for (const auto& [window_start, window_end] : DigitWindows(text)) {
    const std::string window(text.substr(window_start, window_end - window_start));
    for (const std::string& region : regions_) {
      PhoneNumberMatcher matcher(util, window, region, PhoneNumberMatcher::VALID, kMaxTries);
      PhoneNumberMatch match;
      while (matcher.HasNext()) {
        if (!matcher.Next(&match)) break;
        size_t start = window_start + static_cast<size_t>(match.start());
        size_t end = start + static_cast<size_t>(match.length());
        if (!seen.insert({start, end}).second) continue;
        // Presidio names the region the number parses to on its own, else the pass's region.
        std::string reported = region;
        PhoneNumber parsed;
        if (util.Parse(match.raw_string(), "ZZ", &parsed) == PhoneNumberUtil::NO_PARSING_ERROR) {
          std::string own;
          util.GetRegionCodeForNumber(parsed, &own);
          if (!own.empty() && own != "ZZ") reported = own;
        }
        RecognizerResult result;
        result.entity_type = "PHONE_NUMBER";
        result.start = start;
        result.end = end;
        result.score = kPhoneScore;
        result.recognizer = this;
        result.explanation.recognizer = name();
        result.explanation.original_score = kPhoneScore;
        result.explanation.score = kPhoneScore;
        result.explanation.textual_explanation =
            "Recognized as " + reported + " region phone number, using PhoneRecognizer";
        out->push_back(std::move(result));
      }
    }
  }
}

}  // namespace presidio
