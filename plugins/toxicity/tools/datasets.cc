#include "datasets.h"

#include <fstream>
#include <set>

#include "csv_reader.h"

namespace sentinel {
namespace toxicity {

namespace {

bool ReadLines(const std::string& path, std::vector<std::string>* lines, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open";
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines->push_back(line);
  }
  return true;
}

bool ReadTable(const std::string& path, char delimiter, const std::vector<std::string>& columns,
               std::vector<CsvRow>* rows, std::vector<int>* index, std::string* error) {
  if (!ReadCsvFile(path, delimiter, rows, error)) return false;
  if (rows->empty()) {
    *error = path + ": empty";
    return false;
  }
  for (const std::string& name : columns) {
    const int i = CsvColumn((*rows)[0], name);
    if (i < 0) {
      *error = path + ": no column " + name;
      return false;
    }
    index->push_back(i);
  }
  return true;
}

}  // namespace

bool LoadTweetEval(const std::string& dir, const std::string& split, std::vector<BinaryExample>* out,
                   std::string* error) {
  std::vector<std::string> texts, labels;
  if (!ReadLines(dir + "/" + split + "_text.txt", &texts, error) ||
      !ReadLines(dir + "/" + split + "_labels.txt", &labels, error)) {
    return false;
  }
  if (texts.size() != labels.size()) {
    *error = dir + ": " + split + " text and label files differ in length";
    return false;
  }
  for (size_t i = 0; i < texts.size(); ++i) out->push_back({texts[i], std::stoi(labels[i]), ""});
  return true;
}

bool LoadTrainingExamples(const std::string& data_dir, std::vector<Example>* out, std::vector<std::string>* sources,
                          std::string* error) {
  std::vector<BinaryExample> binary;
  // TweetEval offensive (OLID): offensive -> toxicity; a non-offensive tweet is not an identity attack either.
  if (!LoadTweetEval(data_dir + "/tweeteval-offensive", "train", &binary, error)) return false;
  sources->push_back("tweeteval-offensive");
  for (const BinaryExample& b : binary) {
    Example e;
    e.text = b.text;
    e.source = static_cast<int>(sources->size() - 1);
    e.target[kLabelToxicity] = static_cast<float>(b.gold);
    e.mask[kLabelToxicity] = 1;
    if (b.gold == 0) e.mask[kLabelIdentityAttack] = 1;
    out->push_back(e);
  }
  // TweetEval hate (HatEval): hate -> identity_attack and toxicity; non-hate says nothing about toxicity.
  binary.clear();
  if (!LoadTweetEval(data_dir + "/tweeteval-hate", "train", &binary, error)) return false;
  sources->push_back("tweeteval-hate");
  for (const BinaryExample& b : binary) {
    Example e;
    e.text = b.text;
    e.source = static_cast<int>(sources->size() - 1);
    e.target[kLabelIdentityAttack] = static_cast<float>(b.gold);
    e.mask[kLabelIdentityAttack] = 1;
    if (b.gold == 1) {
      e.target[kLabelToxicity] = 1;
      e.mask[kLabelToxicity] = 1;
    }
    out->push_back(e);
  }
  // Davidson et al.: soft targets from annotator votes. Their "hate" is narrower than HatEval's, so it only
  // trains identity_attack with a reduced weight (see the trainer's --davidson-hate-weight).
  {
    std::vector<CsvRow> rows;
    std::vector<int> c;
    if (!ReadTable(data_dir + "/davidson-hate-offensive/labeled_data.csv", ',',
                   {"count", "hate_speech", "offensive_language", "tweet"}, &rows, &c, error)) {
      return false;
    }
    sources->push_back("davidson-hate-offensive");
    for (size_t r = 1; r < rows.size(); ++r) {
      const CsvRow& row = rows[r];
      if (row.size() <= static_cast<size_t>(c[3])) continue;
      const float count = std::stof(row[c[0]]);
      const float hate = std::stof(row[c[1]]) / count;
      const float offensive = std::stof(row[c[2]]) / count;
      Example e;
      e.text = row[c[3]];
      e.source = static_cast<int>(sources->size() - 1);
      e.target[kLabelToxicity] = hate + offensive;
      e.mask[kLabelToxicity] = 1;
      e.target[kLabelIdentityAttack] = hate;
      e.mask[kLabelIdentityAttack] = 1;
      e.target[kLabelAuxOffensive] = hate + offensive;
      e.target[kLabelAuxHate] = hate;
      out->push_back(e);
    }
  }
  // Surge AI toxicity sample.
  {
    std::vector<CsvRow> rows;
    std::vector<int> c;
    if (!ReadTable(data_dir + "/surge-toxicity/toxicity_en.csv", ',', {"text", "is_toxic"}, &rows, &c, error)) {
      return false;
    }
    sources->push_back("surge-toxicity");
    for (size_t r = 1; r < rows.size(); ++r) {
      const CsvRow& row = rows[r];
      if (row.size() <= static_cast<size_t>(std::max(c[0], c[1]))) continue;
      Example e;
      e.text = row[c[0]];
      e.source = static_cast<int>(sources->size() - 1);
      e.target[kLabelToxicity] = row[c[1]] == "Toxic" ? 1.0f : 0.0f;
      e.mask[kLabelToxicity] = 1;
      out->push_back(e);
    }
  }
  return true;
}

bool LoadHateCheck(const std::string& data_dir, std::vector<BinaryExample>* out, std::string* error) {
  std::vector<CsvRow> rows;
  std::vector<int> c;
  if (!ReadTable(data_dir + "/hatecheck/test_suite_cases.csv", ',', {"functionality", "test_case", "label_gold"},
                 &rows, &c, error)) {
    return false;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() <= static_cast<size_t>(c[2])) continue;
    out->push_back({rows[r][c[1]], rows[r][c[2]] == "hateful" ? 1 : 0, rows[r][c[0]]});
  }
  return true;
}

bool LoadSentenceTemplates(const std::string& data_dir, std::vector<BinaryExample>* out, std::string* error) {
  std::vector<CsvRow> rows;
  std::vector<int> c;
  if (!ReadTable(data_dir + "/sentence-templates-en/en_sentence_templates.csv", ',',
                 {"template", "toxicity", "phrase"}, &rows, &c, error)) {
    return false;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() <= static_cast<size_t>(c[2])) continue;
    const std::string& phrase = rows[r][c[2]];
    std::string group = rows[r][c[0]];
    if (group == "being_adj" && phrase.rfind("Being ", 0) == 0) {
      // "Being <identity> is <adjective>": the identity term is the slot between.
      const size_t end = phrase.rfind(" is ");
      if (end != std::string::npos && end > 6) group = "term:" + phrase.substr(6, end - 6);
    }
    out->push_back({phrase, rows[r][c[1]] == "toxic" ? 1 : 0, group});
  }
  return true;
}

bool LoadWikiIdTerms(const std::string& data_dir, bool fuzzed, std::vector<BinaryExample>* out, std::string* error) {
  std::vector<CsvRow> rows;
  std::vector<int> c;
  const std::string file = fuzzed ? "toxicity_fuzzed_testset.csv" : "toxicity_nonfuzzed_testset.csv";
  if (!ReadTable(data_dir + "/wiki-toxicity-idterm-testset/" + file, ',', {"comment", "toxic"}, &rows, &c, error)) {
    return false;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() <= static_cast<size_t>(std::max(c[0], c[1]))) continue;
    out->push_back({rows[r][c[0]], rows[r][c[1]] == "True" ? 1 : 0, ""});
  }
  return true;
}

bool LoadEthos(const std::string& data_dir, std::vector<BinaryExample>* out, std::string* error) {
  std::vector<CsvRow> rows;
  std::vector<int> c;
  if (!ReadTable(data_dir + "/ethos/Ethos_Dataset_Binary.csv", ';', {"comment", "isHate"}, &rows, &c, error)) {
    return false;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() <= static_cast<size_t>(std::max(c[0], c[1]))) continue;
    out->push_back({rows[r][c[0]], std::stod(rows[r][c[1]]) >= 0.5 ? 1 : 0, ""});
  }
  return true;
}

bool LoadEverydayTsv(const std::string& path, std::vector<BinaryExample>* out, std::string* error) {
  std::vector<std::string> lines;
  if (!ReadLines(path, &lines, error)) return false;
  if (!lines.empty() && lines[0].rfind("\xEF\xBB\xBF", 0) == 0) lines[0].erase(0, 3);  // UTF-8 BOM
  if (lines.empty() || lines[0] != "label\tcategory\ttext") {
    *error = path + ": the header must be label<TAB>category<TAB>text";
    return false;
  }
  std::set<std::string> seen;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) continue;
    const std::string where = path + ":" + std::to_string(i + 1) + ": ";
    const size_t a = line.find('\t');
    const size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (b == std::string::npos || line.find('\t', b + 1) != std::string::npos) {
      *error = where + "expected exactly 3 tab-separated fields";
      return false;
    }
    const std::string label = line.substr(0, a), category = line.substr(a + 1, b - a - 1), text = line.substr(b + 1);
    if (label != "0" && label != "1") {
      *error = where + "label must be 0 or 1, not '" + label + "'";
      return false;
    }
    if (category.empty() || text.empty()) {
      *error = where + "empty category or text";
      return false;
    }
    if (!seen.insert(text).second) {
      *error = where + "repeated text";
      return false;
    }
    out->push_back({text, label == "1" ? 1 : 0, category});
  }
  if (out->empty()) {
    *error = path + ": no rows";
    return false;
  }
  return true;
}

}  // namespace toxicity
}  // namespace sentinel
