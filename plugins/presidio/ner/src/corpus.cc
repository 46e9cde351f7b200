#include "corpus.h"

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "code_points.h"
#include "common/utf8.h"

namespace presidio_ner {
namespace {

std::string MapConllType(const std::string& type, ConllFormat format) {
  if (format == ConllFormat::kWnut) {
    if (type == "person") return "PERSON";
    if (type == "location") return "LOCATION";
    if (type == "corporation" || type == "group") return "ORGANIZATION";
    return "";
  }
  if (format == ConllFormat::kGum) {
    if (type == "person") return "PERSON";
    if (type == "place") return "LOCATION";
    if (type == "organization") return "ORGANIZATION";
    return "";
  }
  if (type == "PER") return "PERSON";
  if (type == "LOC") return "LOCATION";
  if (type == "ORG") return "ORGANIZATION";
  return "";
}

bool IsBlank(const std::string& line) {
  for (char c : line) {
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void SplitColumns(const std::string& line, bool spaces_too,
                  std::vector<std::string>* cols) {
  cols->clear();
  std::string cur;
  for (char c : line) {
    if (c == '\t' || (spaces_too && c == ' ')) {
      if (spaces_too && cur.empty()) continue;
      cols->push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  cols->push_back(cur);
}

// Joins tokens with spaces and turns BIO tags into byte spans.
void FinishSentence(const std::vector<std::string>& tokens,
                    const std::vector<std::string>& tags, ConllFormat format,
                    std::vector<Example>* out) {
  if (tokens.empty()) return;
  Example ex;
  ex.nrp_unannotated = true;
  std::string open_type;
  size_t open_begin = 0, last_end = 0;
  auto close = [&]() {
    if (!open_type.empty()) {
      ex.spans.push_back({open_type, MapConllType(open_type, format),
                          open_begin, last_end});
    }
    open_type.clear();
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!ex.text.empty()) ex.text.push_back(' ');
    const size_t begin = ex.text.size();
    ex.text += tokens[i];
    const std::string& tag = tags[i];
    if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
      const std::string type = tag.substr(2);
      if (tag[0] == 'B' || type != open_type) {
        close();
        open_type = type;
        open_begin = begin;
      }
    } else {
      close();
    }
    last_end = ex.text.size();
  }
  close();
  out->push_back(std::move(ex));
}

}  // namespace

uint64_t StableHash(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

bool LoadConll(const std::string& path, ConllFormat format,
               std::vector<Example>* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::vector<std::string> tokens, tags, cols;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (format == ConllFormat::kUner && !line.empty() && line[0] == '#') {
      continue;
    }
    if (IsBlank(line)) {
      FinishSentence(tokens, tags, format, out);
      tokens.clear();
      tags.clear();
      continue;
    }
    SplitColumns(line, format == ConllFormat::kSpaced, &cols);
    if (format == ConllFormat::kSpaced && !cols.empty() &&
        cols[0] == "-DOCSTART-") {
      continue;
    }
    std::string token, tag;
    if (format == ConllFormat::kSpaced) {
      if (cols.size() < 2) continue;
      token = cols.front();
      tag = cols.back();
    } else if (format == ConllFormat::kUner) {
      if (cols.size() < 3) continue;
      token = cols[1];
      tag = cols[2];
    } else {
      if (cols.size() < 2) continue;
      token = cols[0];
      tag = cols[1];
      if (format == ConllFormat::kWikiann && token.rfind("en:", 0) == 0) {
        token.erase(0, 3);
      }
    }
    if (IsBlank(token)) continue;
    tokens.push_back(token);
    tags.push_back(tag);
  }
  FinishSentence(tokens, tags, format, out);
  return true;
}

bool LoadMarkedCases(const std::string& path, std::vector<Example>* out,
                     std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    Example ex;
    size_t at = 0;
    while (at < line.size()) {
      const size_t open = line.find('[', at);
      if (open == std::string::npos) {
        ex.text += line.substr(at);
        break;
      }
      ex.text += line.substr(at, open - at);
      const size_t space = line.find(' ', open);
      const size_t close = line.find(']', open);
      if (space == std::string::npos || close == std::string::npos ||
          space > close) {
        *error = path + ":" + std::to_string(number) + ": unclosed [LABEL ...]";
        return false;
      }
      const std::string label = line.substr(open + 1, space - open - 1);
      const size_t begin = ex.text.size();
      ex.text += line.substr(space + 1, close - space - 1);
      ex.spans.push_back({label, label, begin, ex.text.size()});
      at = close + 1;
    }
    out->push_back(std::move(ex));
  }
  return true;
}

bool LoadPresidioJson(const std::string& path, std::vector<Example>* out,
                      std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  const nlohmann::json records =
      nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (records.is_discarded() || !records.is_array()) {
    *error = path + " is not a JSON array";
    return false;
  }
  for (const auto& r : records) {
    Example ex;
    ex.text = r.value("full_text", "");
    // Offsets in the file are code points; ours are bytes.
    const std::vector<size_t> offsets = sentinel::utf8::CodePointByteOffsets(ex.text);
    for (const auto& s : r.value("spans", nlohmann::json::array())) {
      const std::string type = s.value("entity_type", "");
      const size_t cb = s.value("start_position", size_t{0});
      const size_t ce = s.value("end_position", size_t{0});
      if (ce > offsets.size() - 1 || cb >= ce) continue;
      const size_t b = offsets[cb], e = offsets[ce];
      std::string label;
      if (type == "PERSON") label = "PERSON";
      if (type == "GPE" || type == "LOCATION") label = "LOCATION";
      if (type == "ORGANIZATION") label = "ORGANIZATION";
      if (type == "NRP") label = "NRP";
      // Whole addresses carry no token labels: the data labels the town in
      // some address frames (GPE) but not in others, so such spans are
      // left out of training rather than taught as O.
      const std::string value = ex.text.substr(b, e - b);
      if (type == "ADDRESS" ||
          (type == "STREET_ADDRESS" &&
           value.find_first_of(",\n") != std::string::npos)) {
        ex.ignored.emplace_back(b, e);
      }
      ex.spans.push_back({type, label, b, e});
    }
    // Frame of the sentence: placeholders become X.
    std::string masked = r.value("masked", "");
    std::string key;
    for (size_t i = 0; i < masked.size(); ++i) {
      if (masked.compare(i, 2, "{{") == 0) {
        const size_t close = masked.find("}}", i);
        if (close != std::string::npos) {
          key.push_back('X');
          i = close + 1;
          continue;
        }
      }
      key.push_back(static_cast<char>(
          std::tolower(static_cast<unsigned char>(masked[i]))));
    }
    ex.template_key = key;
    out->push_back(std::move(ex));
  }
  return true;
}

}  // namespace presidio_ner
