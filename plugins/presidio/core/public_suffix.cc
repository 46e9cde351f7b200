#include "core/public_suffix.h"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/text_offsets.h"

namespace presidio {

namespace {

// UTF-8 to code points (invalid bytes are taken as Latin-1).
std::vector<uint32_t> CodePoints(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (i + static_cast<size_t>(extra) >= s.size()) extra = 0;  // truncated sequence
    uint32_t cp = extra == 0 ? c : (c & (0x3Fu >> extra));
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += 1 + static_cast<size_t>(extra);
  }
  return out;
}

// RFC 3492 Punycode of one label.
std::string Punycode(const std::vector<uint32_t>& input) {
  const uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
  std::string out;
  for (uint32_t cp : input) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
  }
  const size_t basic = out.size();
  size_t handled = basic;
  if (basic > 0) out.push_back('-');
  uint32_t n = 128, delta = 0, bias = 72;
  auto adapt = [&](uint32_t d, uint32_t points, bool first) {
    d = first ? d / kDamp : d / 2;
    d += d / points;
    uint32_t k = 0;
    while (d > ((kBase - kTmin) * kTmax) / 2) {
      d /= kBase - kTmin;
      k += kBase;
    }
    return k + (kBase - kTmin + 1) * d / (d + kSkew);
  };
  auto digit = [](uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); };
  while (handled < input.size()) {
    uint32_t m = UINT32_MAX;
    for (uint32_t cp : input) {
      if (cp >= n && cp < m) m = cp;
    }
    delta += (m - n) * static_cast<uint32_t>(handled + 1);
    n = m;
    for (uint32_t cp : input) {
      if (cp < n) ++delta;
      if (cp != n) continue;
      uint32_t q = delta;
      for (uint32_t k = kBase;; k += kBase) {
        uint32_t t = k <= bias ? kTmin : (k >= bias + kTmax ? kTmax : k - bias);
        if (q < t) break;
        out.push_back(digit(t + (q - t) % (kBase - t)));
        q = (q - t) / (kBase - t);
      }
      out.push_back(digit(q));
      bias = adapt(delta, static_cast<uint32_t>(handled + 1), handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return out;
}

}  // namespace

std::string ToAsciiDomain(std::string_view domain) {
  std::string out;
  size_t pos = 0;
  while (pos <= domain.size()) {
    size_t dot = domain.find('.', pos);
    if (dot == std::string_view::npos) dot = domain.size();
    std::string_view label = domain.substr(pos, dot - pos);
    bool ascii = true;
    for (char c : label) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!out.empty() || pos > 0) out.push_back('.');
    out += ascii ? std::string(label) : "xn--" + Punycode(CodePoints(label));
    pos = dot + 1;
  }
  return out;
}

std::shared_ptr<const PublicSuffixList> PublicSuffixList::Load(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read the public suffix list at '" + path + "' (install Debian's publicsuffix package)";
    return nullptr;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto list = FromText(buffer.str());
  if (list->rule_count() == 0) {
    *error = "the public suffix list at '" + path + "' has no ICANN rules";
    return nullptr;
  }
  return list;
}

std::shared_ptr<const PublicSuffixList> PublicSuffixList::FromText(std::string_view text) {
  auto list = std::make_shared<PublicSuffixList>();
  bool in_icann = false;
  bool saw_markers = text.find("===BEGIN ICANN DOMAINS===") != std::string_view::npos;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.find("===BEGIN ICANN DOMAINS===") != std::string_view::npos) in_icann = true;
    if (line.find("===END ICANN DOMAINS===") != std::string_view::npos) in_icann = false;
    // Rules end at the first whitespace; comments start with "//".
    size_t end = line.find_first_of(" \t\r");
    if (end != std::string_view::npos) line = line.substr(0, end);
    if (line.empty() || line.substr(0, 2) == "//") continue;
    if (saw_markers && !in_icann) continue;
    // Internationalized rules are also kept in their ASCII (xn--) form, as hosts are written in text.
    std::string lower = AsciiLower(line);
    std::string ascii = ToAsciiDomain(lower);
    for (const std::string& rule : {lower, ascii}) {
      if (rule[0] == '!') {
        list->exceptions_.insert(rule.substr(1));
      } else if (rule.size() > 2 && rule[0] == '*' && rule[1] == '.') {
        list->wildcards_.insert(rule.substr(2));
      } else {
        if (rule.find('.') == std::string::npos) list->tlds_.insert(rule);
        list->rules_.insert(rule);
      }
    }
  }
  return list;
}

bool PublicSuffixList::IsTopLevelDomain(std::string_view label) const { return tlds_.count(AsciiLower(label)) > 0; }

size_t PublicSuffixList::SuffixLabels(const std::string& host) const {
  std::vector<size_t> starts;  // start of each label
  starts.push_back(0);
  for (size_t i = 0; i < host.size(); ++i) {
    if (host[i] == '.') starts.push_back(i + 1);
  }
  size_t n = starts.size();
  size_t best = 0;
  for (size_t k = 0; k < n; ++k) {  // candidate suffix = labels k..n-1
    std::string suffix = host.substr(starts[k]);
    size_t labels = n - k;
    if (exceptions_.count(suffix)) {
      // An exception rule makes its parent the public suffix.
      if (labels - 1 > best) best = labels - 1;
      return best;
    }
    if (rules_.count(suffix) && labels > best) best = labels;
    if (k + 1 < n) {
      std::string parent = host.substr(starts[k + 1]);
      if (wildcards_.count(parent) && labels > best) best = labels;
    }
  }
  return best;
}

bool PublicSuffixList::HasRegistrableDomain(std::string_view host) const {
  std::string lower = AsciiLower(host);
  while (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower.empty() || lower.front() == '.') return false;
  size_t labels = 1;
  for (char c : lower) {
    if (c == '.') ++labels;
  }
  size_t suffix = SuffixLabels(lower);
  return suffix > 0 && labels > suffix;
}

}  // namespace presidio
