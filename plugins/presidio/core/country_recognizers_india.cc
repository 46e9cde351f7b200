// country_recognizers_india.cc -- Presidio's Indian recognizers: PAN, Aadhaar (Verhoeff), vehicle
// registration (state and RTO district tables), passport, voter ID (EPIC) and GSTIN.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "core/checked_pattern_recognizer.h"
#include "core/country_recognizers.h"
#include "core/national_checksums.h"

namespace presidio {

namespace {

bool IsAsciiAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// (?!0000) before the last `n` characters of the match (the registration digits).
std::function<bool(std::string_view, size_t, size_t)> TailIsNot(std::string zeros) {
  return [zeros](std::string_view text, size_t start, size_t end) {
    return end - start < zeros.size() || text.substr(end - zeros.size(), zeros.size()) != zeros;
  };
}

// ---- vehicle registration tables -----------------------------------------------------------------

struct Districts {
  bool padded;  // codes are written "01".."09": a one-digit code does not match
  std::set<int> codes;
};

const std::map<std::string, Districts>& RtoDistricts() {
  static const auto* table = [] {
    // State or territory -> RTO district codes ("a-b" ranges), from Presidio's tables.
    const std::map<std::string, std::pair<bool, const char*>> spec = {
        {"AN", {true, "1"}},
        {"AP", {true, "39-40"}},
        {"AR", {true, "1-17 19-20 22"}},
        {"AS", {true, "1-20 22-34"}},
        {"BR", {true, "1-11 19 21-22 24-34 37-39 43-46 50-53 55-56"}},
        {"CG", {true, "1-30"}},
        {"CH", {true, "1-4"}},
        {"DD", {true, "1-3"}},
        {"DN", {true, "9"}},
        {"DL", {false, "1-13"}},
        {"GA", {true, "1-12"}},
        {"GJ", {false, "1-39"}},
        {"HP", {true, "1-20 22-99"}},
        {"HR", {true, "1-20 22-99"}},
        {"JH", {true, "1-20 22-24"}},
        {"JK", {true, "1-20 22"}},
        {"KA", {true, "1-20 22-71"}},
        {"KL", {true, "1-20 22-99"}},
        {"LA", {true, "1-2"}},
        {"LD", {true, "1-9"}},
        {"MH", {true, "1-20 22-51"}},
        {"ML", {true, "1-10"}},
        {"MN", {true, "1-7"}},
        {"MP", {true, "1-20 22-71"}},
        {"MZ", {true, "1-8"}},
        {"NL", {true, "1-10"}},
        {"OD", {true, "1-20 22-35"}},
        {"OR", {true, "1-20 22-31"}},
        {"PB", {true, "1-20 22-99"}},
        {"PY", {true, "1-5"}},
        {"RJ", {true, "1-20 22-58"}},
        {"SK", {true, "1-8"}},
        {"TN", {true, "1-20 22-99"}},
        {"TR", {true, "1-8"}},
        {"TS", {true, "1-20 22-38"}},
        {"UK", {true, "1-20"}},
        {"UP", {true, "11-20 22-96"}},
        {"WB", {true, "1-20 22-98"}},
    };
    auto* out = new std::map<std::string, Districts>();
    for (const auto& [state, entry] : spec) {
      Districts d{entry.first, {}};
      std::istringstream ranges(entry.second);
      std::string range;
      while (ranges >> range) {
        size_t dash = range.find('-');
        int from = std::stoi(range.substr(0, dash));
        int to = dash == std::string::npos ? from : std::stoi(range.substr(dash + 1));
        for (int code = from; code <= to; ++code) d.codes.insert(code);
      }
      (*out)[state] = std::move(d);
    }
    return out;
  }();
  return *table;
}

// States, union territories (current, old and non-standard) that prefix a registration.
bool IsRegistrationPrefix(const std::string& prefix) {
  static const std::set<std::string> kPrefixes = {"AN", "CH", "DH", "DL", "JK", "LA", "LD", "PY", "CT", "DN", "AP",
                                                  "AR", "AS", "BR", "CG", "GA", "GJ", "HP", "HR", "JH", "KA", "KL",
                                                  "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "PB", "RJ", "SK", "TN",
                                                  "TR", "TS", "UK", "UP", "UT", "WB", "OR", "UA", "UL", "DD"};
  return kPrefixes.count(prefix) > 0;
}

// True when the state prefix, its RTO district and the serial number are all real; otherwise no
// opinion (Presidio never rejects: its diplomatic-plate branch is unreachable and left out).
Validation CheckVehicleRegistration(std::string_view match) {
  std::string v = RemoveChars(match, "- :");
  if (v.size() < 8) return Validation::kNone;
  std::string prefix = AsciiUpper(v.substr(0, 2));
  if (!IsRegistrationPrefix(prefix) || v[2] < '0' || v[2] > '9') return Validation::kNone;
  std::string district = (v[3] >= '0' && v[3] <= '9') ? v.substr(2, 2) : v.substr(2, 1);
  std::string serial = v.substr(v.size() - 4);
  if (!AllDigits(serial) || std::stoi(serial) == 0) return Validation::kNone;
  auto it = RtoDistricts().find(prefix);
  if (it == RtoDistricts().end()) return Validation::kNone;
  int code = std::stoi(district);
  bool listed = it->second.codes.count(code) > 0 && (!it->second.padded || district.size() == 2);
  return listed ? Validation::kValid : Validation::kNone;
}

// ---- GSTIN ---------------------------------------------------------------------------------------

bool PanFormatValid(std::string_view pan) {
  if (pan.size() != 10) return false;
  int letters = 0;
  for (size_t i = 0; i < 5; ++i) letters += IsAsciiAlpha(pan[i]) ? 1 : 0;
  return letters >= 3 && AllDigits(pan.substr(5, 4)) && IsAsciiAlpha(pan[9]);
}

bool GstinValid(std::string_view match) {
  static const RE2 kStrict(R"(\b((?:0[1-9]|[1-3][0-7])[A-Za-z]{5}[0-9]{4}[A-Za-z]{1}[0-9A-Za-z]{1}Z[0-9A-Za-z]{1})\b)");
  std::string upper = AsciiUpper(match);
  std::string gstin;
  if (!RE2::PartialMatch(upper, kStrict, &gstin)) gstin = RemoveChars(upper, "- ");
  if (gstin.size() != 15 || !AllDigits(gstin.substr(0, 2))) return false;
  int state = std::stoi(gstin.substr(0, 2));
  return state >= 1 && state <= 37 && PanFormatValid(gstin.substr(2, 10)) && IsAsciiAlnum(gstin[12]) &&
         gstin[13] == 'Z' && IsAsciiAlnum(gstin[14]);
}

}  // namespace

namespace {

// Presidio's "PAN (Low)" pattern is \b((?=.*?[a-zA-Z])(?=.*?[0-9]{4})[\w@#$%^?~-]{10})\b: its
// look-aheads run to the end of the text (DOTALL). Both conditions only get harder further right, so
// they are checked once per text (the last letter, the last 4-digit run) and applied to the matches
// afterwards; a guard per match would rescan the rest of the text each time.
class InPanRecognizer : public CheckedPatternRecognizer {
 public:
  InPanRecognizer()
      : CheckedPatternRecognizer(
            "InPanRecognizer", "IN_PAN",
            {{"PAN (High)", R"(\b([A-Za-z]{3}[AaBbCcFfGgHhJjLlPpTt]{1}[A-Za-z]{1}[0-9]{4}[A-Za-z]{1})\b)", 0.5},
             {"PAN (Medium)", R"(\b([A-Za-z]{5}[0-9]{4}[A-Za-z]{1})\b)", 0.1},
             {kLow, R"(\b([\pL\pN_@#$%^?~-]{10})\b)", 0.01}},
            {"permanent account number", "pan"}) {}

  void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const override {
    const size_t first = out->size();
    CheckedPatternRecognizer::Analyze(text, hints, out);
    size_t last_letter = std::string_view::npos, last_run = std::string_view::npos;
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (IsAsciiAlpha(text[i])) last_letter = i;
      run = (text[i] >= '0' && text[i] <= '9') ? run + 1 : 0;
      if (run >= 4) last_run = i - 3;
    }
    auto fails = [&](const RecognizerResult& r) {
      if (!r.explanation.pattern_name || *r.explanation.pattern_name != kLow) return false;
      return last_letter == std::string_view::npos || last_letter < r.start || last_run == std::string_view::npos ||
             last_run < r.start;
    };
    out->erase(std::remove_if(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(), fails), out->end());
  }

 private:
  static constexpr const char* kLow = "PAN (Low)";
};

}  // namespace

std::unique_ptr<Recognizer> NewInPanRecognizer() { return std::make_unique<InPanRecognizer>(); }

std::unique_ptr<Recognizer> NewInAadhaarRecognizer() {
  return MakeChecked("InAadhaarRecognizer", "IN_AADHAAR",
                     {{"AADHAAR (Very Weak)", R"(\b[0-9]{12}\b)", 0.01},
                      {"AADHAR (Very Weak)", R"(\b[0-9]{4}[- :][0-9]{4}[- :][0-9]{4}\b)", 0.01}},
                     {"aadhaar", "uidai"}, [](std::string_view m) {
                       std::string v = RemoveChars(m, "- :");
                       bool palindrome = std::string(v.rbegin(), v.rend()) == v;
                       return ValidIf(v.size() == 12 && AllDigits(v) && v[0] >= '2' && VerhoeffValid(v) && !palindrome);
                     });
}

std::unique_ptr<Recognizer> NewInVehicleRegistrationRecognizer() {
  const std::string name = "India Vehicle Registration";
  return MakeChecked(
      "InVehicleRegistrationRecognizer", "IN_VEHICLE_REGISTRATION",
      {Guarded({name + " (Very Weak)", R"(\b[A-Z]{1}[0-9]{4}\b)", 0.01}, TailIsNot("0000")),
       Guarded({name + " (Very Weak)", R"(\b[A-Z]{2}\d{4}\b)", 0.01}, TailIsNot("0000")),
       Guarded({name + " (Very Weak)", R"(\b(I)\d{5}\b)", 0.01}, TailIsNot("00000")),
       Guarded({name + " (Weak)", R"(\b[A-Z]{3}\d{4}\b)", 0.2}, TailIsNot("0000")),
       {name + " (Medium)", R"(\b\d{1,3}(CD|CC|UN)[1-9]{1}[0-9]{1,3}\b)", 0.4},
       Guarded({name, R"(\b[A-Z]{2}\d{1}[A-Z]{1,3}\d{4}\b)", 0.5}, TailIsNot("0000")),
       Guarded({name, R"(\b[A-Z]{2}\d{2}[A-Z]{1,2}\d{4}\b)", 0.5}, TailIsNot("0000")),
       // Bharat series: YY BH #### XX.
       Guarded({name, R"(\b[2-9]{1}[1-9]{1}(BH)\d{4}[A-HJ-NP-Z]{2}\b)", 0.85},
               [](std::string_view text, size_t start, size_t /*end*/) { return text.substr(start + 4, 4) != "0000"; }),
       // Armed forces: no "00" year.
       Guarded({name, R"(\b\d{2}(A|B|C|D|E|F|H|K|P|R|X)\d{6}[A-Z]{1}\b)", 0.85},
               [](std::string_view text, size_t start, size_t /*end*/) { return text.substr(start, 2) != "00"; })},
      {"RTO", "vehicle", "plate", "registration"}, CheckVehicleRegistration);
}

std::unique_ptr<Recognizer> NewInPassportRecognizer() {
  return MakeChecked("InPassportRecognizer", "IN_PASSPORT", {{"PASSPORT", R"(\b[A-Z][1-9]\d\s?\d{4}[1-9]\b)", 0.1}},
                     {"passport", "indian passport", "passport number"});
}

std::unique_ptr<Recognizer> NewInVoterRecognizer() {
  return MakeChecked("InVoterRecognizer", "IN_VOTER",
                     {{"VOTER", R"(\b([A-Za-z]{1}[ABCDGHJKMNPRSYabcdghjkmnprsy]{1}[A-Za-z]{1}([0-9]){7})\b)", 0.4},
                      {"VOTER", R"(\b([A-Za-z]){3}([0-9]){7}\b)", 0.3}},
                     {"voter", "epic", "elector photo identity card"});
}

std::unique_ptr<Recognizer> NewInGstinRecognizer() {
  return MakeChecked(
      "InGstinRecognizer", "IN_GSTIN",
      {{"GSTIN (High)", R"(\b((?:0[1-9]|[1-3][0-7])[A-Za-z0-9]{10}[A-Za-z0-9]{1}Z[A-Za-z0-9]{1})\b)", 0.8},
       {"GSTIN (Medium)", R"(\b((?:0[1-9]|[1-3][0-7])[A-Za-z0-9]{11}Z[A-Za-z0-9]{1})\b)", 0.4},
       {"GSTIN (Low)", R"(\b([0-9]{2}[A-Za-z0-9]{11}Z[A-Za-z0-9]{1})\b)", 0.1}},
      {"gstin", "gst", "goods and services tax", "tax identification", "gst number", "gst registration"},
      [](std::string_view m) { return ValidIf(GstinValid(m)); });
}

}  // namespace presidio
