// public_suffix.h -- the ICANN part of the Public Suffix List (Debian's `publicsuffix` package),
// used to check that e-mail domains and URL hosts end in a real top-level domain.
#ifndef PRESIDIO_CORE_PUBLIC_SUFFIX_H_
#define PRESIDIO_CORE_PUBLIC_SUFFIX_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

namespace presidio {

// IDNA-style ASCII form of a lower-case domain: each non-ASCII label becomes "xn--" + Punycode
// (RFC 3492; no Unicode normalization), e.g. "рф" -> "xn--p1ai".
std::string ToAsciiDomain(std::string_view domain);

class PublicSuffixList {
 public:
  // Reads a public_suffix_list.dat file; null with `error` set when it is missing or has no rules.
  static std::shared_ptr<const PublicSuffixList> Load(const std::string& path, std::string* error);
  // Builds a list from the text of such a file (used by tests).
  static std::shared_ptr<const PublicSuffixList> FromText(std::string_view text);

  // True when `label` (any case) is an ICANN top-level domain such as "com" or "uk".
  bool IsTopLevelDomain(std::string_view label) const;
  // True when `host` ends in a listed public suffix and has a registrable label before it,
  // like tldextract's non-empty fqdn ("mail.example.co.uk" yes, "co.uk" or "example.invalid" no).
  bool HasRegistrableDomain(std::string_view host) const;
  size_t rule_count() const { return rules_.size() + wildcards_.size(); }

 private:
  // Length in labels of the public suffix of `labels_text`, 0 when no explicit rule matches.
  size_t SuffixLabels(const std::string& host) const;

  std::unordered_set<std::string> rules_;       // "co.uk", "com"
  std::unordered_set<std::string> wildcards_;   // "*.ck" stored as "ck"
  std::unordered_set<std::string> exceptions_;  // "!www.ck" stored as "www.ck"
  std::unordered_set<std::string> tlds_;        // single-label rules
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_PUBLIC_SUFFIX_H_
