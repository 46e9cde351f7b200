#include "core/public_suffix.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "core/text_offsets.h"

namespace presidio {

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
    std::string rule = AsciiLower(line);
    if (rule[0] == '!') {
      list->exceptions_.insert(rule.substr(1));
    } else if (rule.size() > 2 && rule[0] == '*' && rule[1] == '.') {
      list->wildcards_.insert(rule.substr(2));
    } else {
      if (rule.find('.') == std::string::npos) list->tlds_.insert(rule);
      list->rules_.insert(rule);
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
