#include "core/predefined_recognizers.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "core/checksums.h"
#include "core/pattern_recognizer.h"
#include "core/phone_recognizer.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string RemoveSeparators(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '-' && c != ' ') out.push_back(c);
  }
  return out;
}

// ---- CREDIT_CARD -------------------------------------------------------------------------------

class CreditCardRecognizer : public PatternRecognizer {
 public:
  CreditCardRecognizer()
      : PatternRecognizer(
            "CreditCardRecognizer", "CREDIT_CARD",
            {{"All Credit Cards (weak)",
              R"(\b((4\d{3})|(5[0-5]\d{2})|(6\d{3})|(1\d{3})|(3\d{3}))[- ]?(\d{3,4})[- ]?(\d{3,4})[- ]?(\d{3,5})\b)",
              0.3},
             // Not in Presidio: unseparated 12-19 digit numbers with a card issuer's prefix (Maestro 12-19,
             // Mastercard 2-series, JCB 2131/1800, Visa 19), still Luhn-checked.
             {"Credit Cards 12-19 digits (weak)",
              R"(\b(4\d{12}(\d{3}(\d{3})?)?|5[0-8]\d{10,17}|6\d{11,18}|2[2-7]\d{14}|3[47]\d{13}|3[0689]\d{12}|35\d{14,17}|1\d{14}|2131\d{11}|1800\d{11})\b)",
              0.3}},
            {"credit", "card", "visa", "mastercard", "cc", "amex", "discover", "jcb", "diners", "maestro",
             "instapayment"}) {}

 protected:
  // Presidio's (?!1\d{12}(?!\d)): a bare 13-digit number starting with 1 is a millisecond timestamp.
  bool AcceptMatch(std::string_view text, size_t start, size_t /*end*/) const override {
    if (text[start] != '1' || start + 13 > text.size()) return true;
    for (size_t i = start; i < start + 13; ++i) {
      if (!IsDigit(text[i])) return true;
    }
    return start + 13 < text.size() && IsDigit(text[start + 13]);
  }
  Validation Validate(std::string_view match) const override {
    return LuhnValid(RemoveSeparators(match)) ? Validation::kValid : Validation::kInvalid;
  }
};

// ---- CRYPTO ------------------------------------------------------------------------------------

class CryptoRecognizer : public PatternRecognizer {
 public:
  CryptoRecognizer()
      : PatternRecognizer("CryptoRecognizer", "CRYPTO",
                          {{"Crypto (Medium)", R"((bc1|[13])[a-zA-HJ-NP-Z0-9]{25,59})", 0.5},
                           {"Ethereum (Medium)", R"(\b0x[a-fA-F0-9]{40}\b)", 0.5}},
                          {"wallet", "btc", "bitcoin", "crypto"}) {}

 protected:
  Validation Validate(std::string_view match) const override {
    if (match.size() == 42 && match[0] == '0' && (match[1] == 'x' || match[1] == 'X')) {
      return Eip55Valid(match) ? Validation::kValid : Validation::kInvalid;
    }
    if (match.substr(0, 3) == "bc1" || match.substr(0, 3) == "BC1") {
      return Bech32Valid(match) ? Validation::kValid : Validation::kInvalid;
    }
    if (match[0] == '1' || match[0] == '3') {
      return Base58CheckValid(match) ? Validation::kValid : Validation::kInvalid;
    }
    return Validation::kInvalid;
  }
};

// ---- EMAIL_ADDRESS -----------------------------------------------------------------------------

class EmailRecognizer : public PatternRecognizer {
 public:
  explicit EmailRecognizer(std::shared_ptr<const PublicSuffixList> suffixes)
      : PatternRecognizer("EmailRecognizer", "EMAIL_ADDRESS", {{"Email (Medium)", EmailRegex(), 0.5}}, {"email"}),
        suffixes_(std::move(suffixes)) {}

 protected:
  // Presidio's tldextract check: the domain must end in a listed public suffix.
  Validation Validate(std::string_view match) const override {
    size_t at = match.rfind('@');
    if (at == std::string_view::npos || suffixes_ == nullptr) return Validation::kInvalid;
    return suffixes_->HasRegistrableDomain(match.substr(at + 1)) ? Validation::kValid : Validation::kInvalid;
  }

 private:
  static std::string EmailRegex() {
    // Presidio's pattern with Python's Unicode \w spelled out for RE2.
    const std::string w = R"(\pL\pN_)";
    const std::string local = "!#$%&'*+\\-/=?^_`{|}~" + w;
    return "\\b((("
           "[" +
           local + "])|([" + local + "][" + local + "\\.]{0,}[" + local + "]))[@][" + w + "]+((?:-+|\\.)[" + w +
           "]+)*\\.[" + w + "]+((?:-+|\\.)[" + w + "]+)*)\\b";
  }
  std::shared_ptr<const PublicSuffixList> suffixes_;
};

// ---- IBAN_CODE ---------------------------------------------------------------------------------

// Per-country BBAN layout after "CCkk": 'n' digit, 'a' upper-case letter, 'c' letter or digit,
// '0' a literal zero. Lengths follow the IBAN registry.
const std::map<std::string, std::string>& IbanFormats() {
  static const auto* formats = [] {
    const std::map<std::string, std::string> compact = {
        {"AL", "8n16c"},    {"AD", "8n12c"},    {"AT", "16n"},   {"AZ", "4c20n"},   {"BH", "4a14c"},
        {"BY", "4c4n16c"},  {"BE", "12n"},      {"BA", "16n"},   {"BR", "23n1a1c"}, {"BG", "4a6n8c"},
        {"CR", "1z17n"},    {"HR", "17n"},      {"CY", "8n16c"}, {"CZ", "20n"},     {"DK", "14n"},
        {"DO", "4a20n"},    {"TL", "19n"},      {"EE", "16n"},   {"FO", "14n"},     {"FI", "14n"},
        {"FR", "10n11c2n"}, {"GE", "2c16n"},    {"DE", "18n"},   {"GI", "4a15c"},   {"GR", "7n16c"},
        {"GL", "14n"},      {"GT", "24c"},      {"HU", "24n"},   {"IS", "22n"},     {"IE", "4c14n"},
        {"IL", "19n"},      {"IT", "1a10n12c"}, {"JO", "4a22n"}, {"KZ", "3n13c"},   {"XK", "16n"},
        {"KW", "4a22c"},    {"LV", "4a13c"},    {"LB", "4n20c"}, {"LI", "5n12c"},   {"LT", "16n"},
        {"LU", "3n13c"},    {"MT", "4a5n18c"},  {"MR", "23n"},   {"MU", "4a19n3a"}, {"MD", "20c"},
        {"MC", "10n11c2n"}, {"ME", "18n"},      {"NL", "4a10n"}, {"MK", "3n10c2n"}, {"NO", "11n"},
        {"PK", "4c16n"},    {"PS", "4c21n"},    {"PL", "24n"},   {"PT", "21n"},     {"QA", "4a21c"},
        {"RO", "4a16c"},    {"SM", "1a10n12c"}, {"SA", "2n18c"}, {"RS", "18n"},     {"SK", "20n"},
        {"SI", "15n"},      {"ES", "20n"},      {"SE", "20n"},   {"CH", "5n12c"},   {"TN", "20n"},
        {"TR", "5n17c"},    {"AE", "19n"},      {"GB", "4a14n"}, {"VA", "18n"},     {"VG", "4c16n"},
        {"EG", "25n"},      {"IQ", "4a15n"},    {"LY", "21n"},   {"LC", "4a24c"},   {"SC", "4a20n3a"},
        {"UA", "6n19c"},
    };
    auto* expanded = new std::map<std::string, std::string>();
    for (const auto& [country, spec] : compact) {
      std::string layout;
      int count = 0;
      for (char c : spec) {
        if (IsDigit(c)) {
          count = count * 10 + (c - '0');
        } else {
          layout.append(static_cast<size_t>(count), c == 'z' ? '0' : c);
          count = 0;
        }
      }
      (*expanded)[country] = layout;
    }
    return expanded;
  }();
  return *formats;
}

bool IbanFormatValid(const std::string& iban) {
  if (iban.size() < 4) return false;
  auto it = IbanFormats().find(iban.substr(0, 2));
  if (it == IbanFormats().end()) return false;
  const std::string& layout = it->second;
  if (iban.size() != 4 + layout.size()) return false;
  if (!IsDigit(iban[2]) || !IsDigit(iban[3])) return false;
  for (size_t i = 0; i < layout.size(); ++i) {
    char c = iban[4 + i];
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = c >= 'a' && c <= 'z';
    bool ok = false;
    switch (layout[i]) {
      case 'n':
        ok = IsDigit(c);
        break;
      case 'a':
        ok = upper;
        break;
      case 'c':
        ok = upper || lower || IsDigit(c);
        break;
      case '0':
        ok = c == '0';
        break;
    }
    if (!ok) return false;
  }
  return true;
}

class IbanRecognizer : public PatternRecognizer {
 public:
  IbanRecognizer()
      : PatternRecognizer(
            "IbanRecognizer", "IBAN_CODE",
            {{"IBAN Generic",
              R"(\b([A-Z]{2}[ \-]?[0-9]{2})((?:[ \-]?[A-Z0-9]{3,5}){2})([ \-]?[A-Z0-9]{3,5})?([ \-]?[A-Z0-9]{3,5})?)"
              R"(([ \-]?[A-Z0-9]{3,5})?([ \-]?[A-Z0-9]{3,5})?([ \-]?[A-Z0-9]{3,5})?([ \-]?[A-Z0-9]{1,3})?\b)",
              0.5}},
            // Not in Presidio: case-insensitive, so "gb42nawi..." is checked too (mod-97 keeps it precise).
            {"iban", "bank", "transaction"}, kPresidioDefaultFlags) {}

  // Presidio tries the whole match, then ever shorter group ends, and keeps the first that validates.
  void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const override {
    const RE2& re = regex(0);
    const int groups = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> match(static_cast<size_t>(groups) + 1);
    const re2::StringPiece input(text.data(), text.size());
    for (const ByteRange& range : RangesToScan(0, text, hints)) {
      size_t pos = range.begin;
      while (pos < range.end && re.Match(input, pos, range.end, RE2::UNANCHORED, match.data(), groups + 1)) {
        size_t start = static_cast<size_t>(match[0].data() - text.data());
        size_t match_end = start + match[0].size();
        size_t group1_end = static_cast<size_t>(match[1].data() - text.data()) + match[1].size();
        if (!EnoughCharactersFollow(text, group1_end)) {
          pos = NextCharBoundary(text, start);
          continue;
        }
        pos = match_end > start ? match_end : NextCharBoundary(text, start);
        for (int g = groups; g >= 1; --g) {
          size_t end = match[g].data() == nullptr
                           ? match_end
                           : static_cast<size_t>(match[g].data() - text.data()) + match[g].size();
          if (end <= start) continue;
          std::string compact = RemoveSeparators(text.substr(start, end - start));
          // Lower-case IBANs are accepted, mixed case ("LV80 bANK ...") is not.
          bool lower = false, upper = false;
          for (char& c : compact) {
            upper |= c >= 'A' && c <= 'Z';
            if (c >= 'a' && c <= 'z') {
              lower = true;
              c = static_cast<char>(c - 'a' + 'A');
            }
          }
          if (lower && upper) continue;
          if (!IbanCheckDigitsValid(compact)) continue;
          if (IbanFormatValid(compact)) {
            out->push_back(MakeResult(start, end, 1.0, patterns()[0], Validation::kValid));
            break;
          }
        }
      }
    }
  }

 private:
  // Presidio's look-ahead (?=(?:[ \-]?[A-Z0-9]){9,30}) after the country code and check digits.
  static bool EnoughCharactersFollow(std::string_view text, size_t pos) {
    int count = 0;
    while (count < 30 && pos < text.size()) {
      size_t p = pos;
      if (text[p] == ' ' || text[p] == '-') ++p;
      if (p < text.size() &&
          ((text[p] >= 'A' && text[p] <= 'Z') || (text[p] >= 'a' && text[p] <= 'z') || IsDigit(text[p]))) {
        pos = p + 1;
        ++count;
      } else {
        break;
      }
    }
    return count >= 9;
  }
};

// ---- IP_ADDRESS --------------------------------------------------------------------------------

bool IsIpRunChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ':' || c == '.' || c == '%' || c == '/';
}

// Dotted-quad IPv4 as Python's ipaddress accepts it: four decimal parts <= 255, no leading zeros.
bool ParseIpv4(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t start = i;
    int value = 0;
    while (i < s.size() && IsDigit(s[i]) && i - start < 4) value = value * 10 + (s[i++] - '0');
    size_t len = i - start;
    if (len == 0 || len > 3 || value > 255 || (len > 1 && s[start] == '0')) return false;
    if (++parts == 4) return i == s.size();
    if (i >= s.size() || s[i] != '.') return false;
    ++i;
  }
}

bool ParseIpv6(std::string_view s) {
  if (s.find(':') == std::string_view::npos) return false;
  std::string address(s);
  unsigned char buffer[16];
  return inet_pton(AF_INET6, address.c_str(), buffer) == 1;
}

// Presidio's IpRecognizer as of 2.2.36x: IPv4 and IPv6 (compressed, zone id, IPv4-mapped and
// -embedded) with an optional CIDR prefix, each checked by a real parser. Candidates are runs of
// address characters, so an address glued to other word characters is not reported whole.
class IpRecognizer : public PatternRecognizer {
 public:
  IpRecognizer()
      : PatternRecognizer(
            "IpRecognizer", "IP_ADDRESS",
            // These two regexes only tell the pre-scan where addresses may be.
            {{"IPv4", R"(\d{1,3}(?:\.\d{1,3}){3})", 0.6}, {"IPv6", R"([0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)", 0.6}},
            {"ip", "ipv4", "ipv6"}) {}

  void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const override {
    std::vector<ByteRange> ranges = RangesToScan(0, text, hints);
    for (const ByteRange& r : RangesToScan(1, text, hints)) ranges.push_back(r);
    std::sort(ranges.begin(), ranges.end(), [](const ByteRange& x, const ByteRange& y) { return x.begin < y.begin; });
    size_t done = 0;  // runs never span two ranges, but merged ranges may overlap
    for (const ByteRange& range : ranges) {
      size_t i = std::max(range.begin, done);
      while (i < range.end) {
        if (!IsIpRunChar(text[i])) {
          ++i;
          continue;
        }
        size_t run_end = i;
        while (run_end < text.size() && IsIpRunChar(text[run_end])) ++run_end;
        ScanRun(text, i, run_end, out);
        i = run_end;
      }
      done = std::max(done, range.end);
    }
  }

 private:
  void Add(size_t start, size_t end, double score, int pattern, std::vector<RecognizerResult>* out) const {
    out->push_back(MakeResult(start, end, score, patterns()[static_cast<size_t>(pattern)], Validation::kNone));
    out->back().explanation.original_score = score;
  }

  // One run of address characters [b, e).
  void ScanRun(std::string_view text, size_t b, size_t e, std::vector<RecognizerResult>* out) const {
    while (e > b && text[e - 1] == '.') --e;  // sentence punctuation
    std::string_view run = text.substr(b, e - b);
    if (run.empty()) return;
    bool colon = run.find(':') != std::string_view::npos;
    if (!colon && std::count(run.begin(), run.end(), '.') < 3) return;
    // The whole run: address, optional %zone (IPv6), optional /prefix.
    size_t slash = run.find('/');
    std::string_view head = run.substr(0, slash);
    std::string_view address = head.substr(0, head.find('%'));
    bool zone_ok = address.size() == head.size() || head.size() > address.size() + 1;
    for (size_t k = address.size() + 1; k < head.size(); ++k) {
      if (!IsDigit(head[k]) && !(head[k] >= 'a' && head[k] <= 'z') && !(head[k] >= 'A' && head[k] <= 'Z'))
        zone_ok = false;
    }
    bool v4 = address.size() == head.size() && ParseIpv4(address);
    bool v6 = !v4 && zone_ok && ParseIpv6(address);
    if (v4 || v6) {
      size_t end = b + head.size();
      if (slash != std::string_view::npos) {
        std::string_view prefix = run.substr(slash + 1);
        bool digits = !prefix.empty() && prefix.size() <= 3 && std::all_of(prefix.begin(), prefix.end(), IsDigit);
        if (digits && std::stoi(std::string(prefix)) <= (v4 ? 32 : 128)) end = e;
      }
      bool unspecified = address == "::";
      Add(b, end, unspecified ? 0.1 : 0.6, v4 ? 0 : 1, out);
      return;
    }
    // Otherwise dotted quads inside the run, on word boundaries (text::ffff:192.0.2.1 -> 192.0.2.1).
    size_t i = 0;
    while (i < run.size()) {
      // Not inside a longer dotted number ("03.93.92.16.85" is a phone number, not an address).
      bool after_dotted_digit = i >= 2 && run[i - 1] == '.' && IsDigit(run[i - 2]);
      if (!IsDigit(run[i]) || (i > 0 && IsWordByte(static_cast<unsigned char>(run[i - 1]))) || after_dotted_digit) {
        ++i;
        continue;
      }
      bool found = false;
      for (size_t len = std::min<size_t>(15, run.size() - i); len >= 7; --len) {
        size_t after = i + len;
        if (after < run.size() && IsWordByte(static_cast<unsigned char>(run[after]))) continue;
        if (ParseIpv4(run.substr(i, len))) {
          Add(b + i, b + after, 0.6, 0, out);
          i = after;
          found = true;
          break;
        }
      }
      if (!found) ++i;
    }
  }
};

// ---- MAC_ADDRESS -------------------------------------------------------------------------------

class MacAddressRecognizer : public PatternRecognizer {
 public:
  MacAddressRecognizer()
      : PatternRecognizer(
            "MacAddressRecognizer", "MAC_ADDRESS",
            // Presidio's back-reference ([:-]) ... \1 becomes one alternative per separator.
            {{"MAC_COLON_OR_HYPHEN",
              R"(\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\b|\b[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}\b)", 0.6},
             {"MAC_CISCO_DOT", R"(\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b)", 0.6}},
            {"mac", "mac address", "hardware address", "physical address", "ethernet"}) {}

 protected:
  bool Invalidate(std::string_view match) const override {
    std::string hex;
    for (char c : match) {
      if (c != ':' && c != '-' && c != '.') hex.push_back(c >= 'a' && c <= 'f' ? static_cast<char>(c - 32) : c);
    }
    return hex.size() != 12 || hex == "FFFFFFFFFFFF" || hex == "000000000000";
  }
};

// ---- URL ---------------------------------------------------------------------------------------

// Presidio's host-plus-TLD shape, with the TLD checked against the public suffix list instead of a
// fixed alternation, so "example.community" is not cut to "example.com".
const char kUrlBase[] = R"((www\d{0,3}[.])?[a-z0-9.\-]+[.][a-z]{2,63}\b(?:/[^\s()<>"']*)?)";

class UrlRecognizer : public PatternRecognizer {
 public:
  explicit UrlRecognizer(std::shared_ptr<const PublicSuffixList> suffixes)
      : PatternRecognizer(
            "UrlRecognizer", "URL",
            {{"Standard Url", std::string("(?:https?://)") + kUrlBase, 0.6}, {"Non schema URL", kUrlBase, 0.5}},
            {"url", "website", "link"}),
        suffixes_(std::move(suffixes)) {}

 protected:
  // The domain of an e-mail address is not a URL, and a host must end in a real TLD.
  bool AcceptMatch(std::string_view text, size_t start, size_t end) const override {
    if (start > 0 && (IsWordByte(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '@' ||
                      text[start - 1] == '.' || text[start - 1] == '-')) {
      return false;
    }
    if (end < text.size() && text[end] == '@') return false;
    std::string_view url = text.substr(start, end - start);
    size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    size_t slash = url.find('/');
    std::string_view host = url.substr(0, slash);
    size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || suffixes_ == nullptr) return false;
    std::string tld = AsciiLower(host.substr(dot + 1));
    if (!suffixes_->IsTopLevelDomain(tld)) return false;
    // "www.microsoft" is a brand TLD with no name in front of it.
    if (AsciiLower(host.substr(0, dot)) == "www") return false;
    // Without a scheme or a path, file names whose extension is also a TLD ("setup.py", "run.sh")
    // are not URLs (Presidio issue #1498).
    static const char* const kFileExtensions[] = {"py", "sh", "pl", "rs", "md", "zip", "mov", "so", "cc", "ps"};
    if (scheme == std::string_view::npos && slash == std::string_view::npos) {
      for (const char* ext : kFileExtensions) {
        if (tld == ext) return false;
      }
    }
    return true;
  }
  // Sentence punctuation after a path is not part of the URL.
  size_t AdjustEnd(std::string_view text, size_t start, size_t end) const override {
    std::string_view url = text.substr(start, end - start);
    size_t slash = url.find('/', url.find("://") == std::string_view::npos ? 0 : url.find("://") + 3);
    if (slash == std::string_view::npos) return end;
    while (end > start + slash + 1 && std::strchr(".,;:!?", text[end - 1]) != nullptr) --end;
    return end;
  }

 private:
  std::shared_ptr<const PublicSuffixList> suffixes_;
};

// ---- US_SSN ------------------------------------------------------------------------------------

class UsSsnRecognizer : public PatternRecognizer {
 public:
  UsSsnRecognizer()
      : PatternRecognizer("UsSsnRecognizer", "US_SSN",
                          {{"SSN1 (very weak)", R"(\b([0-9]{5})-([0-9]{4})\b)", 0.05},
                           {"SSN2 (very weak)", R"(\b([0-9]{3})-([0-9]{6})\b)", 0.05},
                           {"SSN3 (very weak)", R"(\b(([0-9]{3})-([0-9]{2})-([0-9]{4}))\b)", 0.05},
                           {"SSN4 (very weak)", R"(\b[0-9]{9}\b)", 0.05},
                           {"SSN5 (medium)", R"(\b([0-9]{3})[- .]([0-9]{2})[- .]([0-9]{4})\b)", 0.5}},
                          {"social", "security", "ssn", "ssns", "ssid"}) {}

 protected:
  bool Invalidate(std::string_view match) const override {
    bool dot = false, dash = false, space = false;
    for (char c : match) {
      dot |= c == '.';
      dash |= c == '-';
      space |= c == ' ';
    }
    if (static_cast<int>(dot) + static_cast<int>(dash) + static_cast<int>(space) > 1) return true;
    std::string digits = DigitsOnly(match);
    if (digits.empty()) return true;
    if (digits.find_first_not_of(digits[0]) == std::string::npos) return true;
    if (digits.substr(3, 2) == "00" || digits.substr(5) == "0000") return true;
    for (const char* sample : {"000", "666", "123456789", "98765432", "078051120"}) {
      if (digits.compare(0, std::strlen(sample), sample) == 0) return true;
    }
    return false;
  }
};

// ---- UK_NHS ------------------------------------------------------------------------------------

class NhsRecognizer : public PatternRecognizer {
 public:
  NhsRecognizer()
      : PatternRecognizer("NhsRecognizer", "UK_NHS",
                          {{"NHS (medium)", R"(\b([0-9]{3})[- ]?([0-9]{3})[- ]?([0-9]{4})\b)", 0.5}},
                          {"national health service", "nhs", "health services authority", "health authority"}) {}

 protected:
  Validation Validate(std::string_view match) const override {
    return NhsChecksumValid(DigitsOnly(match)) ? Validation::kValid : Validation::kInvalid;
  }
};

// ---- MEDICAL_LICENSE ---------------------------------------------------------------------------

class MedicalLicenseRecognizer : public PatternRecognizer {
 public:
  MedicalLicenseRecognizer()
      : PatternRecognizer(
            "MedicalLicenseRecognizer", "MEDICAL_LICENSE",
            {{"USA DEA Certificate Number (weak)",
              R"([abcdefghjklmprstuxABCDEFGHJKLMPRSTUX]{1}[a-zA-Z]{1}\d{7}|[abcdefghjklmprstuxABCDEFGHJKLMPRSTUX]{1}9\d{7})",
              0.4}},
            {"medical", "certificate", "dea"}) {}

 protected:
  Validation Validate(std::string_view match) const override {
    return DeaChecksumValid(match) ? Validation::kValid : Validation::kInvalid;
  }
};

}  // namespace

std::unique_ptr<Recognizer> NewCreditCardRecognizer() { return std::make_unique<CreditCardRecognizer>(); }
std::unique_ptr<Recognizer> NewCryptoRecognizer() { return std::make_unique<CryptoRecognizer>(); }

std::unique_ptr<Recognizer> NewDateRecognizer() {
  const std::string day = "([1-9]|0[1-9]|[1-2][0-9]|3[0-1])";
  const std::string month = "([1-9]|0[1-9]|1[0-2])";
  const std::string mon = "(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)";
  const std::string month_name =
      "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|"
      "dec(ember)?)";
  std::vector<Pattern> patterns = {
      {"ISO 8601 datetime",
       R"(\b(\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d+([+-][0-2]\d:[0-5]\d|Z))|(\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d([+-][0-2]\d:[0-5]\d|Z))|(\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d([+-][0-2]\d:[0-5]\d|Z))\b)",
       0.8},
      {"mm/dd/yyyy or mm/dd/yy", "\\b(" + month + "/" + day + "/(\\d{4}|\\d{2}))\\b", 0.6},
      {"dd/mm/yyyy or dd/mm/yy", "\\b(" + day + "/" + month + "/(\\d{4}|\\d{2}))\\b", 0.6},
      {"yyyy/mm/dd", "\\b(\\d{4}/" + month + "/" + day + ")\\b", 0.6},
      {"mm-dd-yyyy", "\\b(" + month + "-" + day + "-\\d{4})\\b", 0.6},
      {"dd-mm-yyyy", "\\b(" + day + "-" + month + "-\\d{4})\\b", 0.6},
      {"yyyy-mm-dd", "\\b(\\d{4}-" + month + "-" + day + ")\\b", 0.6},
      {"dd.mm.yyyy or dd.mm.yy", "\\b(" + day + "\\." + month + "\\.(\\d{4}|\\d{2}))\\b", 0.6},
      {"dd-MMM-yyyy or dd-MMM-yy", "\\b(" + day + "-" + mon + "-(\\d{4}|\\d{2}))\\b", 0.6},
      {"MMM-yyyy or MMM-yy", "\\b(" + mon + "-(\\d{4}|\\d{2}))\\b", 0.6},
      {"dd-MMM or dd-MMM", "\\b(" + day + "-" + mon + ")\\b", 0.6},
      {"mm/yyyy or m/yyyy", "\\b(" + month + "/\\d{4})\\b", 0.2},
      {"mm/yy or m/yy", "\\b(" + month + "/\\d{2})\\b", 0.1},
      // Not in Presidio (its spaCy NER finds these): date and time with a space, month and weekday
      // names, and years after a cue word. Spaces are literal so the patterns stay line-local.
      {"yyyy-mm-dd hh:mm[:ss]", R"(\b\d{4}-[01]\d-[0-3]\d[ T][0-2]\d:[0-5]\d(:[0-5]\d)?\b)", 0.8},
      {"Month dd[, yyyy]", "\\b" + month_name + "\\.? {1,2}(3[01]|[12]\\d|0?[1-9])(st|nd|rd|th)?(,? {1,2}\\d{4})?\\b",
       0.6},
      {"dd Month[ yyyy]", "\\b(3[01]|[12]\\d|0?[1-9])(st|nd|rd|th)? {1,2}" + month_name + "\\.?(,? {1,2}\\d{4})?\\b",
       0.6},
      {"Month yyyy", "\\b" + month_name + "\\.?,? {1,2}\\d{4}\\b", 0.6},
      {"weekday", "\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b", 0.6},
      {"year after a cue word",
       "\\b(?:in|since|during|of|from|until|till|by|before|after|circa|year) {1,2}((?:19|20)\\d{2})\\b", 0.5, false,
       false, 1},
  };
  return std::make_unique<PatternRecognizer>("DateRecognizer", "DATE_TIME", std::move(patterns),
                                             std::vector<std::string>{"date", "birthday"});
}

std::unique_ptr<Recognizer> NewEmailRecognizer(std::shared_ptr<const PublicSuffixList> suffixes) {
  return std::make_unique<EmailRecognizer>(std::move(suffixes));
}
std::unique_ptr<Recognizer> NewIbanRecognizer() { return std::make_unique<IbanRecognizer>(); }
std::unique_ptr<Recognizer> NewIpRecognizer() { return std::make_unique<IpRecognizer>(); }
std::unique_ptr<Recognizer> NewMacAddressRecognizer() { return std::make_unique<MacAddressRecognizer>(); }
std::unique_ptr<Recognizer> NewUrlRecognizer(std::shared_ptr<const PublicSuffixList> suffixes) {
  return std::make_unique<UrlRecognizer>(std::move(suffixes));
}
std::unique_ptr<Recognizer> NewUsSsnRecognizer() { return std::make_unique<UsSsnRecognizer>(); }

std::unique_ptr<Recognizer> NewUsItinRecognizer() {
  const std::string group = "(5\\d|6[0-5]|7\\d|8[0-8]|9([0-2]|[4-9]))";
  return std::make_unique<PatternRecognizer>(
      "UsItinRecognizer", "US_ITIN",
      std::vector<Pattern>{
          {"Itin (very weak)", "\\b9\\d{2}[- ]" + group + "\\d{4}\\b|\\b9\\d{2}" + group + "[- ]\\d{4}\\b", 0.05},
          {"Itin (weak)", "\\b9\\d{2}" + group + "\\d{4}\\b", 0.3},
          {"Itin (medium)", "\\b9\\d{2}[- ]" + group + "[- ]\\d{4}\\b", 0.5}},
      std::vector<std::string>{"individual", "taxpayer", "itin", "tax", "payer", "taxid", "tin"});
}

std::unique_ptr<Recognizer> NewUsPassportRecognizer() {
  return std::make_unique<PatternRecognizer>(
      "UsPassportRecognizer", "US_PASSPORT",
      std::vector<Pattern>{{"Passport (very weak)", R"((\b[0-9]{9}\b))", 0.05},
                           {"Passport Next Generation (very weak)", R"((\b[A-Z][0-9]{8}\b))", 0.1}},
      std::vector<std::string>{"us", "united", "states", "passport", "passport#", "travel", "document"});
}

std::unique_ptr<Recognizer> NewUsLicenseRecognizer() {
  return std::make_unique<PatternRecognizer>(
      "UsLicenseRecognizer", "US_DRIVER_LICENSE",
      std::vector<Pattern>{
          {"Driver License - Alphanumeric (weak)",
           R"(\b([A-Z][0-9]{3,6}|[A-Z][0-9]{5,9}|[A-Z][0-9]{6,8}|[A-Z][0-9]{4,8}|[A-Z][0-9]{9,11}|[A-Z]{1,2}[0-9]{5,6}|H[0-9]{8}|V[0-9]{6}|X[0-9]{8}|A-Z\]{2}[0-9]{2,5}|[A-Z]{2}[0-9]{3,7}|[0-9]{2}[A-Z]{3}[0-9]{5,6}|[A-Z][0-9]{13,14}|[A-Z][0-9]{18}|[A-Z][0-9]{6}R|[A-Z][0-9]{9}|[A-Z][0-9]{1,12}|[0-9]{9}[A-Z]|[A-Z]{2}[0-9]{6}[A-Z]|[0-9]{8}[A-Z]{2}|[0-9]{3}[A-Z]{2}[0-9]{4}|[A-Z][0-9][A-Z][0-9][A-Z]|[0-9]{7,8}[A-Z])\b)",
           0.3},
          {"Driver License - Digits (very weak)", R"(\b([0-9]{6,14}|[0-9]{16})\b)", 0.01}},
      std::vector<std::string>{"driver", "license", "permit", "lic", "identification", "dls", "cdls", "lic#",
                               "driving"});
}

std::unique_ptr<Recognizer> NewUsBankRecognizer() {
  return std::make_unique<PatternRecognizer>(
      "UsBankRecognizer", "US_BANK_NUMBER", std::vector<Pattern>{{"Bank Account (weak)", R"(\b[0-9]{8,17}\b)", 0.05}},
      std::vector<std::string>{"check", "account", "account#", "acct", "bank", "save", "debit"});
}

std::unique_ptr<Recognizer> NewNhsRecognizer() { return std::make_unique<NhsRecognizer>(); }
std::unique_ptr<Recognizer> NewMedicalLicenseRecognizer() { return std::make_unique<MedicalLicenseRecognizer>(); }

std::vector<std::string> DefaultPhoneRegions() { return {"US", "GB", "DE", "FR", "IL", "IN", "CA", "BR"}; }

std::vector<std::unique_ptr<Recognizer>> NewDefaultRecognizers(std::shared_ptr<const PublicSuffixList> suffixes,
                                                               const std::vector<std::string>& phone_regions,
                                                               std::string* error) {
  std::vector<std::unique_ptr<Recognizer>> all;
  all.push_back(NewCreditCardRecognizer());
  all.push_back(NewUsBankRecognizer());
  all.push_back(NewUsLicenseRecognizer());
  all.push_back(NewUsItinRecognizer());
  all.push_back(NewUsPassportRecognizer());
  all.push_back(NewUsSsnRecognizer());
  all.push_back(NewNhsRecognizer());
  all.push_back(NewCryptoRecognizer());
  all.push_back(NewDateRecognizer());
  all.push_back(NewEmailRecognizer(suffixes));
  all.push_back(NewIbanRecognizer());
  all.push_back(NewIpRecognizer());
  all.push_back(NewMedicalLicenseRecognizer());
  all.push_back(NewMacAddressRecognizer());
  auto phone = PhoneRecognizer::Create(phone_regions.empty() ? DefaultPhoneRegions() : phone_regions, error);
  if (phone == nullptr) return {};
  all.push_back(std::move(phone));
  all.push_back(NewUrlRecognizer(suffixes));
  for (auto& recognizer : all) {
    if (auto* pattern = dynamic_cast<PatternRecognizer*>(recognizer.get())) pattern->set_line_local(true);
  }
  return all;
}

}  // namespace presidio
