// A strict parser for the Prometheus text exposition format (0.0.4), used to check GET /metrics. Stricter
// than Prometheus itself where that catches our own mistakes: every sample needs a preceding # TYPE, a
// family's lines are contiguous, no sample repeats, label values use only the three allowed escapes, and
// histograms are internally consistent (cumulative buckets, +Inf bucket equal to _count, a _sum).
#ifndef SENTINEL_TESTS_PACKAGING_EXPOSITION_PARSER_H_
#define SENTINEL_TESTS_PACKAGING_EXPOSITION_PARSER_H_

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace sentinel_test {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> types;  // family -> counter | gauge | histogram | summary | untyped
  std::map<std::string, std::string> help;
  std::vector<Sample> samples;

  // The value of the one sample with this name and exactly these labels; NaN when absent.
  double Value(const std::string& name, const std::map<std::string, std::string>& labels) const {
    for (const auto& s : samples) {
      if (s.name == name && s.labels == labels) return s.value;
    }
    return std::nan("");
  }
  // Samples with this name whose labels include `subset`.
  std::vector<Sample> Find(const std::string& name, const std::map<std::string, std::string>& subset = {}) const {
    std::vector<Sample> out;
    for (const auto& s : samples) {
      if (s.name != name) continue;
      bool ok = true;
      for (const auto& [k, v] : subset) {
        auto it = s.labels.find(k);
        ok = ok && it != s.labels.end() && it->second == v;
      }
      if (ok) out.push_back(s);
    }
    return out;
  }
};

namespace exposition_detail {

inline bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
inline bool IsNameChar(char c) { return IsNameStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

inline bool ValidMetricName(const std::string& n) {
  if (n.empty() || !IsNameStart(n[0])) return false;
  for (char c : n) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

inline bool ValidLabelName(const std::string& n) {
  if (n.empty() || n[0] == ':' || !IsNameStart(n[0]) || n.rfind("__", 0) == 0) return false;
  for (char c : n) {
    if (!IsNameChar(c) || c == ':') return false;
  }
  return true;
}

inline bool ParseValue(const std::string& text, double* out) {
  if (text == "+Inf") return *out = HUGE_VAL, true;
  if (text == "-Inf") return *out = -HUGE_VAL, true;
  if (text == "NaN") return *out = std::nan(""), true;
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(*out);
}

inline std::string EndsWith(const std::string& s, const char* suffix) {
  std::string x(suffix);
  if (s.size() > x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0) return s.substr(0, s.size() - x.size());
  return "";
}

}  // namespace exposition_detail

// Returns "" on success, else "line N: what is wrong".
inline std::string ParseExposition(const std::string& text, Exposition* out) {
  using namespace exposition_detail;
  if (text.empty() || text.back() != '\n') return "the exposition must end with a newline";
  std::set<std::string> finished_families;
  std::string current_family;
  std::set<std::string> seen_samples;
  size_t line_no = 0;
  size_t pos = 0;
  auto enter_family = [&](const std::string& family) -> std::string {
    if (family == current_family) return "";
    if (finished_families.count(family)) return "family " + family + " appears in two separate groups";
    if (!current_family.empty()) finished_families.insert(current_family);
    current_family = family;
    return "";
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::string where = "line " + std::to_string(line_no) + ": ";
    if (line.empty()) return where + "empty line";
    if (line[0] == '#') {
      if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
        bool is_type = line[2] == 'T';
        std::string rest = line.substr(7);
        size_t sp = rest.find(' ');
        std::string name = rest.substr(0, sp);
        if (!ValidMetricName(name)) return where + "invalid metric name '" + name + "'";
        if (sp == std::string::npos) return where + "missing text after the name";
        std::string value = rest.substr(sp + 1);
        if (std::string e = enter_family(name); !e.empty()) return where + e;
        if (is_type) {
          if (out->types.count(name)) return where + "second TYPE for " + name;
          if (value != "counter" && value != "gauge" && value != "histogram" && value != "summary" && value != "untyped") {
            return where + "unknown type '" + value + "'";
          }
          for (const auto& s : out->samples) {
            if (s.name == name) return where + "TYPE for " + name + " after its samples";
          }
          out->types[name] = value;
        } else {
          if (out->help.count(name)) return where + "second HELP for " + name;
          out->help[name] = value;
        }
      }
      continue;
    }
    Sample sample;
    size_t i = 0;
    while (i < line.size() && IsNameChar(line[i])) ++i;
    sample.name = line.substr(0, i);
    if (!ValidMetricName(sample.name)) return where + "invalid metric name";
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (true) {
        if (i < line.size() && line[i] == '}') {
          ++i;
          break;
        }
        size_t start = i;
        while (i < line.size() && IsNameChar(line[i])) ++i;
        std::string label = line.substr(start, i - start);
        if (!ValidLabelName(label)) return where + "invalid label name '" + label + "'";
        if (i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"') return where + "expected =\" after " + label;
        i += 2;
        std::string value;
        while (true) {
          if (i >= line.size()) return where + "unterminated label value";
          char c = line[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i >= line.size()) return where + "dangling backslash";
            char e = line[i++];
            if (e == '\\') value += '\\';
            else if (e == '"') value += '"';
            else if (e == 'n') value += '\n';
            else return where + "invalid escape \\" + std::string(1, e);
          } else {
            value += c;
          }
        }
        if (sample.labels.count(label)) return where + "label " + label + " repeated";
        sample.labels[label] = value;
        if (i < line.size() && line[i] == ',') {
          ++i;
        } else if (i < line.size() && line[i] == '}') {
          ++i;
          break;
        } else {
          return where + "expected , or } after a label";
        }
      }
    }
    if (i >= line.size() || line[i] != ' ') return where + "expected a space before the value";
    std::string rest = line.substr(i + 1);
    size_t sp = rest.find(' ');
    std::string value_text = rest.substr(0, sp);
    if (!ParseValue(value_text, &sample.value)) return where + "invalid value '" + value_text + "'";
    if (sp != std::string::npos) {
      std::string ts = rest.substr(sp + 1);
      if (ts.empty() || ts.find_first_not_of("-0123456789") != std::string::npos) return where + "invalid timestamp";
    }
    // Which family does the sample belong to?
    std::string family = sample.name;
    if (!out->types.count(family)) {
      for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        std::string base = EndsWith(sample.name, suffix);
        if (!base.empty() && out->types.count(base) && out->types[base] == "histogram") family = base;
      }
    }
    if (!out->types.count(family)) return where + "sample " + sample.name + " has no preceding # TYPE";
    if (std::string e = enter_family(family); !e.empty()) return where + e;
    const std::string& type = out->types[family];
    if (type == "histogram" && family == sample.name) return where + "histogram " + family + " has a bare sample";
    if (type == "histogram" && EndsWith(sample.name, "_bucket") == family && !sample.labels.count("le")) {
      return where + "bucket without le";
    }
    if (type == "counter" && !(sample.value >= 0)) return where + "negative counter";
    std::string key = sample.name + "{";
    for (const auto& [k, v] : sample.labels) key += k + "=" + v + ",";
    if (!seen_samples.insert(key).second) return where + "duplicate sample " + key + "}";
    out->samples.push_back(std::move(sample));
  }
  // Histogram consistency.
  for (const auto& [family, type] : out->types) {
    if (type != "histogram") continue;
    std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>> series;
    for (const auto& s : out->samples) {
      if (s.name != family + "_bucket") continue;
      auto labels = s.labels;
      double le;
      if (!ParseValue(labels["le"], &le)) return family + ": invalid le '" + labels["le"] + "'";
      labels.erase("le");
      series[labels].emplace_back(le, s.value);
    }
    for (const auto& [labels, buckets] : series) {
      double last_le = -HUGE_VAL, last_count = 0;
      for (const auto& [le, count] : buckets) {
        if (!(le > last_le)) return family + ": buckets not in increasing le order";
        if (count < last_count) return family + ": bucket counts are not cumulative";
        last_le = le;
        last_count = count;
      }
      if (!std::isinf(last_le)) return family + ": no le=\"+Inf\" bucket";
      double count = out->Value(family + "_count", labels);
      if (std::isnan(count) || count != last_count) return family + ": _count differs from the +Inf bucket";
      if (std::isnan(out->Value(family + "_sum", labels))) return family + ": missing _sum";
    }
  }
  return "";
}

}  // namespace sentinel_test

#endif  // SENTINEL_TESTS_PACKAGING_EXPOSITION_PARSER_H_
