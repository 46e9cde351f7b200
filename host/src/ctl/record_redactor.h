// RecordRedactor: what `sentinelctl redact` changes in one record, and how the redacted record is written.
//   text    the line is one text
//   jsonl   every string value, at any depth, is a text; a key that is skipped keeps its value; a key mapped to
//           an entity type has its whole value replaced as that entity (numbers too, which become strings)
//   csv     every field is a text, with the same skip / entity rules by column name (or 1-based number)
// A record whose texts all come back unchanged is written as it was read, byte for byte; a changed JSON line
// is written compact (key order kept), a changed CSV row keeps its unchanged fields' bytes and quotes a
// changed field only when it must. Bad records get a precise error that never quotes their content: malformed
// JSON (position and reason), invalid UTF-8 (byte and offset), a CSV row with the wrong number of fields.
#ifndef SENTINEL_HOST_CTL_RECORD_REDACTOR_H_
#define SENTINEL_HOST_CTL_RECORD_REDACTOR_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ctl/record_reader.h"
#include "ctl/text_redactor.h"

namespace sentinel {

struct FieldRules {
  // JSON: a dotted key path ("user.email"; arrays are transparent) or a bare key name; CSV: a column name or
  // 1-based column number.
  std::set<std::string> skip;
  std::map<std::string, std::string> entity;  // key -> entity type, given or decided from a sample
  bool only_mapped = false;                   // leave keys/columns without an entity untouched
  bool Skips(const std::string& path, const std::string& name) const;
  const std::string* EntityOf(const std::string& path, const std::string& name) const;
};

// One record between preparation and output.
struct PreparedRecord {
  std::string error;             // non-empty: the record fails with this message
  std::vector<TextItem> items;   // the texts to redact
  // jsonl: the parsed document and where each item goes
  nlohmann::ordered_json doc;
  std::vector<nlohmann::ordered_json*> slots;
  // csv: the fields' raw spans
  std::vector<std::pair<size_t, size_t>> spans;
  std::vector<int> field_of_item;
};

class RecordRedactor {
 public:
  RecordRedactor(InputFormat format, char delimiter, const FieldRules* rules, std::vector<std::string> csv_header)
      : format_(format), delimiter_(delimiter), rules_(rules), header_(std::move(csv_header)) {}

  void Prepare(const Record& record, PreparedRecord* prepared) const;
  // `redacted[i]` is prepared.items[i] redacted; appends the output bytes of the record to `out`.
  void Finish(const Record& record, PreparedRecord* prepared, const std::vector<std::string>& redacted,
              std::string* out) const;

  // The key paths / column names and their string values, for deciding entities from a sample.
  void CollectSample(const Record& record, std::map<std::string, std::vector<std::string>>* values) const;

 private:
  void PrepareJson(const Record& record, PreparedRecord* prepared) const;
  void PrepareCsv(const Record& record, PreparedRecord* prepared) const;
  std::string ColumnName(size_t column) const;

  InputFormat format_;
  char delimiter_;
  const FieldRules* rules_;
  std::vector<std::string> header_;
};

// Picks each key's entity from sampled findings: the most common entity type among values that are wholly one
// entity (a finding covering at least 80% of the value), when at least half the non-empty values are.
// `summary` receives one line per decided key.
std::map<std::string, std::string> DecideEntities(const std::map<std::string, std::vector<std::string>>& values,
                                                  const std::map<std::string, std::vector<std::vector<Finding>>>& found,
                                                  std::string* summary);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_RECORD_REDACTOR_H_
