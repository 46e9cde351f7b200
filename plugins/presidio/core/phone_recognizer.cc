#include "core/phone_recognizer.h"

#include <cctype>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>
#include <tuple>

#include "core/checksums.h"
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
// Windows grow while digits keep coming within the pad; past this size the next digit opens a new one.
constexpr size_t kMaxWindow = 1024;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Shapes libphonenumber accepts that are other entities: dotted IPv4 addresses, SSN-style
// ddd-dd-dddd, and unseparated 13+ digit Luhn-valid card numbers. Presidio reports these as phones.
bool LooksLikeOtherEntity(const std::string& raw) {
  static const RE2 kIpv4(R"(\d{1,3}(\.\d{1,3}){3})");
  static const RE2 kSsn(R"(\d{3}-\d{2}-\d{4})");
  if (RE2::FullMatch(raw, kIpv4) || RE2::FullMatch(raw, kSsn)) return true;
  if (raw.size() >= 13 && std::all_of(raw.begin(), raw.end(), IsAsciiDigit) && LuhnValid(raw)) return true;
  return false;
}

// Start of a "+CC " prefix written just before `start` (e.g. "+41 (0)96 471 07 95", where the
// matcher only accepts the national part), or `start` when there is none.
size_t CountryCodePrefixStart(std::string_view text, size_t start) {
  size_t p = start;
  if (p > 0 && text[p - 1] == ' ') --p;
  size_t digits_end = p;
  while (p > 0 && IsAsciiDigit(text[p - 1]) && digits_end - p < 3) --p;
  if (p == digits_end || p == 0 || text[p - 1] != '+') return start;
  --p;
  if (p > 0 && (IsWordByte(static_cast<unsigned char>(text[p - 1])))) return start;
  return p;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// End of the run of ASCII letters and digits starting at `i`, and whether it has a letter
// ("AC432223", "q3"). With leniency VALID the matcher rejects numbers glued to a Latin letter, so
// the digits of such a run never need a window of their own (digits nearby still open one that
// covers them).
size_t AlnumRunEnd(std::string_view text, size_t i, bool* has_letter) {
  *has_letter = false;
  while (i < text.size() && (IsAsciiDigit(text[i]) || IsAsciiLetter(text[i]))) *has_letter |= IsAsciiLetter(text[i++]);
  return i;
}

// A window start at or before `start` (but after `floor`) just past a byte that cannot be part of a phone
// number, so the window does not begin in the middle of one; `start` itself when there is none nearby.
size_t CleanWindowStart(std::string_view text, size_t start, size_t floor) {
  for (size_t p = start; p > floor && start - p < kWindowPad; --p) {
    const char c = text[p - 1];
    const bool number_byte = IsAsciiDigit(c) || c == ' ' || c == '(' || c == ')' || c == '-' || c == '.' ||
                             c == '+' || c == '/' || c == '\t' || static_cast<unsigned char>(c) >= 0x80;
    if (!number_byte) return p;
  }
  return start;
}

// Byte ranges that hold every unclaimed digit of `text` plus padding, merged when they touch.
std::vector<std::pair<size_t, size_t>> DigitWindows(std::string_view text, const std::vector<ByteRange>& claimed) {
  std::vector<std::pair<size_t, size_t>> windows;
  size_t next_claim = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    while (next_claim < claimed.size() && claimed[next_claim].end <= i) ++next_claim;
    if (next_claim < claimed.size() && claimed[next_claim].begin <= i) {
      i = claimed[next_claim].end - 1;
      continue;
    }
    // Full-width digits U+FF10..U+FF19 (EF BC 90..99) are digits to libphonenumber too.
    bool full_width = i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xEF &&
                      static_cast<unsigned char>(text[i + 1]) == 0xBC &&
                      static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
                      static_cast<unsigned char>(text[i + 2]) <= 0x99;
    if (!full_width && IsAsciiLetter(text[i])) {
      bool has_letter;
      i = AlnumRunEnd(text, i, &has_letter) - 1;  // a run starting with a letter is skipped whole
      continue;
    }
    if (!IsAsciiDigit(text[i]) && !full_width) continue;
    if (!full_width && (i == 0 || !IsAsciiDigit(text[i - 1]))) {
      bool has_letter;
      size_t run_end = AlnumRunEnd(text, i, &has_letter);
      if (has_letter) {  // digits glued to letters, e.g. "3J98t1Wp..."
        i = run_end - 1;
        continue;
      }
    }
    size_t start = i > kWindowPad ? i - kWindowPad : 0;
    size_t end = std::min(text.size(), i + 1 + kWindowPad);
    if (!windows.empty() && start <= windows.back().second &&
        windows.back().second - windows.back().first < kMaxWindow) {
      windows.back().second = end;
    } else {
      if (!windows.empty() && start <= windows.back().second) {
        // A long run of numbers (a table): the matcher's cost grows with the square of its input, so a new
        // window opens here, overlapping the last one. Every number that started in the last window ends
        // inside it (the pad is longer than a number), and the new one starts where no number can be cut.
        start = CleanWindowStart(text, start, windows.back().first);
      }
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

// The union of the claimed spans (sorted by start, possibly overlapping) as disjoint sorted spans.
std::vector<ByteRange> MergeSpans(const std::vector<ByteRange>& sorted) {
  std::vector<ByteRange> merged;
  for (const ByteRange& r : sorted) {
    if (!merged.empty() && r.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

// Whether byte `i` lies in one of `merged` (disjoint, sorted).
bool InClaimed(const std::vector<ByteRange>& merged, size_t i) {
  auto after = std::upper_bound(merged.begin(), merged.end(), i,
                                [](size_t pos, const ByteRange& r) { return pos < r.begin; });
  return after != merged.begin() && i < std::prev(after)->end;
}

// Whether every digit of the window at `offset` is in a number found so far or in a claimed span (a card
// number next to a phone number shares its window, yet no region pass may report its digits).
bool AllDigitsCovered(std::string_view window, size_t offset, const std::vector<std::pair<size_t, size_t>>& spans,
                      const std::vector<ByteRange>& claimed) {  // merged
  // One sweep over the digits with the found spans sorted by start: windows merge across dense digit runs (a
  // table of numbers), so a digit-by-span scan would be quadratic there.
  std::vector<ByteRange> found;
  for (const auto& [b, e] : spans) found.push_back({b, e});
  std::sort(found.begin(), found.end(), [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  size_t next = 0;
  size_t covered_to = 0;  // digits before this window offset are inside some found span
  for (size_t i = 0; i < window.size(); ++i) {
    if (!IsAsciiDigit(window[i])) continue;
    for (; next < found.size() && found[next].begin <= i; ++next) covered_to = std::max(covered_to, found[next].end);
    if (i >= covered_to && !InClaimed(claimed, offset + i)) return false;
  }
  return true;
}

// The fewest national digits a number of `region` can have by the metadata's possible lengths, local-only
// lengths included (libphonenumber checks lengths before patterns, so probing with repeated digits is exact).
size_t MinPossibleDigits(const PhoneNumberUtil& util, const std::string& region) {
  const int country_code = util.GetCountryCodeForRegion(region);
  uint64_t national = 0;
  for (size_t digits = 1; digits <= 17; ++digits) {
    national = national * 10 + 2;
    PhoneNumber number;
    number.set_country_code(country_code);
    number.set_national_number(national);
    const PhoneNumberUtil::ValidationResult result = util.IsPossibleNumberWithReason(number);
    if (result == PhoneNumberUtil::IS_POSSIBLE || result == PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY) return digits;
  }
  return 1;
}

// The most unclaimed digits in one run of bytes that a phone number candidate can span: digits and
// libphonenumber's punctuation (space, -, x, (, ), ., [, ], /, ~, +). Every non-ASCII character counts as a digit
// (Unicode digits and dashes are allowed there), so the figure can only be too high. A region whose shortest
// possible number is longer than this cannot match anywhere in the window.
size_t LongestNumberRun(std::string_view window, size_t offset, const std::vector<ByteRange>& claimed) {
  size_t longest = 0, run = 0;
  for (size_t i = 0; i < window.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(window[i]);
    if (IsAsciiDigit(static_cast<char>(c)) || (c >= 0xC0)) {
      if (!InClaimed(claimed, offset + i)) ++run;
    } else if (c >= 0x80 || c == ' ' || c == '\t' || c == '-' || c == 'x' || c == 'X' || c == '(' || c == ')' ||
               c == '.' || c == '[' || c == ']' || c == '/' || c == '~' || c == '+') {
      // continues the run (UTF-8 continuation bytes belong to the character counted above)
    } else {
      longest = std::max(longest, run);
      run = 0;
    }
  }
  return std::max(longest, run);
}

// North American numbers written in the usual 3-3-4 shape with separators, optionally with a
// +1 / 001 / 1 prefix and an extension. libphonenumber rejects such numbers when the area code or
// exchange is not assigned (test data, fictional or mistyped numbers), yet they are still phone
// numbers to a reader. Spaces are literal so the pattern stays on one line.
const RE2& NanpShape() {
  static const RE2 kShape(
      R"((?:(?:\+1|001|1)[-. ]?)?(?:\(\d{3}\) ?|\b\d{3}[-.])\d{3}[-.]\d{4}(?: ?(?:x|ext\.?) ?\d{1,6})?\b)");
  return kShape;
}

// Locally written numbers of any region, without a country code: 2-4 digit groups joined by one
// space, '-' or '.', an optional area code in parentheses ("785 8949", "50-98-28-96", "(69) 948-538",
// "9885 1152"). Reported only next to a phone word (PhoneCueBefore, PhoneCueAfter): the shape alone
// also fits account, order and reference numbers.
const RE2& LocalShape() {
  static const RE2 kShape(R"((?:\(\d{2,4}\) ?)?\d{2,4}(?:[-. ]\d{2,4}){1,4})");
  return kShape;
}

// True if one of the five words before `start` names a telephone ("phone", "tel", "mobile", "fax",
// "call", "office", ...), so that a bare digit group there is a number to call.
const std::set<std::string>& PhoneCues() {
  static const std::set<std::string> kCues = {
      "phone",    "telephone", "tel",      "mobile", "cell",     "cellphone", "fax",  "call",
      "office",   "desk",      "landline", "ring",   "whatsapp", "contact",   "reach", "dial",
      "number",   "phones",    "telefon",  "tél",    "téléphone", "handy",    "ph",   "mob"};
  return kCues;
}

bool PhoneCueBefore(std::string_view text, size_t start) {
  const std::set<std::string>& kCues = PhoneCues();
  static const std::set<std::string> kNotPhone = {"account", "order", "card", "invoice", "reference",
                                                   "ref",     "ticket", "policy", "case",  "id",
                                                   "serial",  "tracking", "passport", "license", "licence"};
  const size_t from = start > 60 ? start - 60 : 0;
  std::vector<std::string> words;
  std::string word;
  for (size_t i = from; i < start; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  if (from > 0 && !words.empty()) words.erase(words.begin());  // may be cut
  const size_t first = words.size() > 5 ? words.size() - 5 : 0;
  bool cue = false;
  for (size_t i = first; i < words.size(); ++i) {
    if (kNotPhone.count(words[i])) return false;
    cue = cue || kCues.count(words[i]) > 0;
  }
  return cue;
}

// True if the word right after `end` (past spaces, '-', ':', '(' or ',') names a telephone, as in
// address blocks ("9885 1152-Office", "455 6186 office", "92 34 70 (mobile)").
bool PhoneCueAfter(std::string_view text, size_t end) {
  static const std::set<std::string> kAfter = {"office", "mobile", "home", "work", "fax", "cell",
                                               "phone", "tel", "landline"};
  size_t i = end;
  while (i < text.size() && i < end + 3 && (text[i] == ' ' || text[i] == '-' || text[i] == ':' ||
                                             text[i] == '(' || text[i] == ',')) {
    ++i;
  }
  std::string word;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) && word.size() < 12) {
    word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++]))));
  }
  return kAfter.count(word) > 0;
}

size_t CountDigits(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += c >= '0' && c <= '9';
  return n;
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
  std::vector<size_t> min_digits;
  for (const std::string& region : regions) min_digits.push_back(MinPossibleDigits(util, region));
  return std::unique_ptr<PhoneRecognizer>(new PhoneRecognizer(regions, std::move(min_digits)));
}

PhoneRecognizer::PhoneRecognizer(std::vector<std::string> regions, std::vector<size_t> min_digits)
    : Recognizer("PhoneRecognizer", {"PHONE_NUMBER"},
                 {"phone", "number", "telephone", "cell", "cellphone", "mobile", "call"}),
      regions_(std::move(regions)),
      min_digits_(std::move(min_digits)) {}

RecognizerResult PhoneRecognizer::MakeResult(size_t start, size_t end, std::string explanation) const {
  RecognizerResult result;
  result.entity_type = "PHONE_NUMBER";
  result.start = start;
  result.end = end;
  result.score = kPhoneScore;
  result.recognizer = this;
  result.explanation.recognizer = name();
  result.explanation.original_score = kPhoneScore;
  result.explanation.score = kPhoneScore;
  result.explanation.textual_explanation = std::move(explanation);
  return result;
}

void PhoneRecognizer::Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::set<std::pair<size_t, size_t>> seen;
  const std::vector<ByteRange> claimed = MergeSpans(hints.claimed());
  for (const auto& [window_start, window_end] : DigitWindows(text, hints.claimed())) {
    const std::string window(text.substr(window_start, window_end - window_start));
    // Not in Presidio: an extra pass finds "+"-prefixed numbers of any country that have a possible
    // length even when the 2022 metadata does not list them as valid (e.g. +44 7700 ...).
    std::vector<std::pair<std::string, PhoneNumberMatcher::Leniency>> passes;
    const size_t digits = LongestNumberRun(window, window_start, claimed);
    for (size_t r = 0; r < regions_.size(); ++r) {
      if (digits >= min_digits_[r]) passes.emplace_back(regions_[r], PhoneNumberMatcher::VALID);
    }
    if (window.find('+') != std::string::npos) passes.emplace_back("ZZ", PhoneNumberMatcher::POSSIBLE);
    std::vector<std::pair<size_t, size_t>> found;  // window-relative spans of this window's numbers
    for (const auto& [region, leniency] : passes) {
      // Once every digit of the window belongs to a number, further regions cannot add one.
      if (!found.empty() && AllDigitsCovered(window, window_start, found, claimed)) break;
      PhoneNumberMatcher matcher(util, window, region, leniency, kMaxTries);
      PhoneNumberMatch match;
      while (matcher.HasNext()) {
        if (!matcher.Next(&match)) break;
        if (LooksLikeOtherEntity(match.raw_string())) continue;
        if (InClaimed(claimed, window_start + static_cast<size_t>(match.start()))) continue;
        found.emplace_back(static_cast<size_t>(match.start()), static_cast<size_t>(match.start() + match.length()));
        size_t start = window_start + static_cast<size_t>(match.start());
        size_t end = start + static_cast<size_t>(match.length());
        start = CountryCodePrefixStart(text, start);
        if (!seen.insert({start, end}).second) continue;
        // Presidio names the region the number parses to on its own, else the pass's region.
        std::string reported = region;
        PhoneNumber parsed;
        if (util.Parse(match.raw_string(), "ZZ", &parsed) == PhoneNumberUtil::NO_PARSING_ERROR) {
          std::string own;
          util.GetRegionCodeForNumber(parsed, &own);
          if (!own.empty() && own != "ZZ") reported = own;
        }
        out->push_back(MakeResult(start, end, "Recognized as " + reported + " region phone number, using PhoneRecognizer"));
      }
    }
  }
  // Not in Presidio: phone-shaped North American numbers the metadata calls invalid, unless they overlap a
  // number found above or a claimed span. Shape matches come left to right and do not overlap each other,
  // so one sweep over the taken spans (sorted by start) answers "does anything overlap [start, end)":
  // among the spans starting before `end`, the furthest end must not pass `start`.
  std::vector<ByteRange> taken(hints.claimed().begin(), hints.claimed().end());
  for (const auto& [b, e] : seen) taken.push_back({b, e});
  std::sort(taken.begin(), taken.end(), [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  size_t next_taken = 0;
  size_t furthest_end = 0;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  size_t pos = 0;
  while (pos < text.size() && NanpShape().Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    size_t start = static_cast<size_t>(match.data() - text.data());
    size_t end = start + match.size();
    pos = end > start ? end : start + 1;
    for (; next_taken < taken.size() && taken[next_taken].begin < end; ++next_taken) {
      furthest_end = std::max(furthest_end, taken[next_taken].end);
    }
    const bool overlaps = furthest_end > start;
    if (overlaps || (start > 0 && IsWordByte(static_cast<unsigned char>(text[start - 1])))) continue;
    out->push_back(
        MakeResult(start, end, "Recognized as a North American phone number by its shape, using PhoneRecognizer"));
    seen.insert({start, end});
  }
  // Not in Presidio: locally written numbers next to a phone word (LocalShape), unless they overlap a number
  // found above or a claimed span, touch other digits or letters, or look like a date or an IP address.
  taken.assign(hints.claimed().begin(), hints.claimed().end());
  for (const auto& [b, e] : seen) taken.push_back({b, e});
  std::sort(taken.begin(), taken.end(), [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  next_taken = 0;
  furthest_end = 0;
  pos = 0;
  while (pos < text.size() && LocalShape().Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    size_t start = static_cast<size_t>(match.data() - text.data());
    size_t end = start + match.size();
    pos = end > start ? end : start + 1;
    for (; next_taken < taken.size() && taken[next_taken].begin < end; ++next_taken) {
      furthest_end = std::max(furthest_end, taken[next_taken].end);
    }
    if (furthest_end > start) continue;
    const unsigned char before = start > 0 ? static_cast<unsigned char>(text[start - 1]) : ' ';
    const unsigned char after = end < text.size() ? static_cast<unsigned char>(text[end]) : ' ';
    if (IsWordByte(before) || IsWordByte(after) || before == '+' || before == '-' || before == '.' ||
        before == '/' || after == '/' || ((after == '-' || after == '.') && end + 1 < text.size() &&
                                          std::isdigit(static_cast<unsigned char>(text[end + 1])))) {
      continue;
    }
    const std::string_view raw = text.substr(start, end - start);
    const size_t digits = CountDigits(raw);
    if (digits < 7 || digits > 12 || raw.find_first_of(" -.") == std::string_view::npos) continue;
    static const RE2 kDate(R"(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}[-./]\d{1,2}[-./]\d{1,2})");
    const std::string raw_copy(raw);
    if (LooksLikeOtherEntity(raw_copy) || RE2::FullMatch(raw_copy, kDate) ||
        !(PhoneCueBefore(text, start) || PhoneCueAfter(text, end))) {
      continue;
    }
    out->push_back(MakeResult(start, end, "Recognized as a locally written phone number next to a phone word, "
                                          "using PhoneRecognizer"));
  }
}

}  // namespace presidio
