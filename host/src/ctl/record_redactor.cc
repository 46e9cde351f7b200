#include "ctl/record_redactor.h"

#include <algorithm>

#include "common/utf8.h"

namespace sentinel {

namespace {

// nlohmann's parse error without its "last read: '...'" part, which would quote the record.
std::string JsonErrorReason(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  size_t begin = what.find("column ");
  begin = begin == std::string::npos ? 0 : what.find(": ", begin);
  begin = begin == std::string::npos ? 0 : begin + 2;
  size_t end = what.find("; last read", begin);
  std::string reason = what.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  size_t expected = what.find("; expected ", end == std::string::npos ? what.size() : end);
  if (expected != std::string::npos) reason += what.substr(expected);
  return reason;
}

std::string Join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

}  // namespace

bool FieldRules::Skips(const std::string& path, const std::string& name) const {
  return skip.count(path) > 0 || (!name.empty() && skip.count(name) > 0);
}

const std::string* FieldRules::EntityOf(const std::string& path, const std::string& name) const {
  auto it = entity.find(path);
  if (it == entity.end() && !name.empty()) it = entity.find(name);
  return it == entity.end() ? nullptr : &it->second;
}

std::string RecordRedactor::ColumnName(size_t column) const {
  return column < header_.size() ? header_[column] : std::to_string(column + 1);
}

void RecordRedactor::Prepare(const Record& record, PreparedRecord* prepared) const {
  if (!record.error.empty()) {
    prepared->error = record.error;
    return;
  }
  const std::string body = record.Body();
  if (size_t bad = FindInvalidUtf8(body); bad != std::string::npos) {
    prepared->error = "invalid UTF-8: " + DescribeInvalidUtf8(body);
    return;
  }
  if (format_ == InputFormat::kJsonLines) return PrepareJson(record, prepared);
  if (format_ == InputFormat::kCsv) return PrepareCsv(record, prepared);
  if (!rules_->only_mapped) prepared->items.push_back(TextItem{body, ""});
}

void RecordRedactor::PrepareJson(const Record& record, PreparedRecord* prepared) const {
  const std::string body = record.Body();
  if (body.find_first_not_of(" \t\r") == std::string::npos) return;  // a blank line stays as it is
  try {
    prepared->doc = nlohmann::ordered_json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    prepared->error = "malformed JSON at byte " + std::to_string(e.byte) + ": " + JsonErrorReason(e);
    return;
  }
  // Depth-first, in document order, so item order (and thus output) is stable.
  struct Walker {
    const FieldRules* rules;
    PreparedRecord* p;
    void Walk(nlohmann::ordered_json& node, const std::string& path, const std::string& name, const std::string* forced) {
      if (!path.empty() && rules->Skips(path, name)) return;
      if (const std::string* e = path.empty() ? nullptr : rules->EntityOf(path, name)) forced = e;
      if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) Walk(it.value(), Join(path, it.key()), it.key(), forced);
      } else if (node.is_array()) {
        for (auto& item : node) Walk(item, path, name, forced);
      } else if (node.is_string()) {
        if (forced == nullptr && rules->only_mapped) return;
        p->items.push_back(TextItem{node.get<std::string>(), forced ? *forced : ""});
        p->slots.push_back(&node);
      } else if (node.is_number() && forced != nullptr) {
        p->items.push_back(TextItem{node.dump(), *forced});
        p->slots.push_back(&node);
      }
    }
  } walker{rules_, prepared};
  walker.Walk(prepared->doc, "", "", nullptr);
}

void RecordRedactor::PrepareCsv(const Record& record, PreparedRecord* prepared) const {
  const std::string body = record.Body();
  std::vector<std::string> values;
  std::string error;
  if (!SplitCsvRecord(body, delimiter_, &values, &prepared->spans, &error)) {
    prepared->error = "malformed CSV: " + error;
    return;
  }
  if (!header_.empty() && values.size() != header_.size()) {
    prepared->error = "ragged CSV row: " + std::to_string(values.size()) + " fields where the header has " +
                      std::to_string(header_.size());
    return;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string name = ColumnName(i);
    const std::string number = std::to_string(i + 1);
    if (rules_->Skips(name, number)) continue;
    const std::string* forced = rules_->EntityOf(name, number);
    if (forced == nullptr && rules_->only_mapped) continue;
    prepared->items.push_back(TextItem{std::move(values[i]), forced ? *forced : ""});
    prepared->field_of_item.push_back(static_cast<int>(i));
  }
}

void RecordRedactor::Finish(const Record& record, PreparedRecord* prepared, const std::vector<std::string>& redacted,
                            std::string* out) const {
  bool changed = false;
  for (size_t i = 0; i < prepared->items.size(); ++i) changed |= redacted[i] != prepared->items[i].text;
  if (!changed) {
    out->append(record.raw);
    return;
  }
  const std::string terminator = record.raw.substr(record.raw.size() - record.terminator);
  if (format_ == InputFormat::kText) {
    out->append(redacted[0]).append(terminator);
  } else if (format_ == InputFormat::kJsonLines) {
    for (size_t i = 0; i < prepared->slots.size(); ++i) *prepared->slots[i] = redacted[i];
    out->append(prepared->doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).append(terminator);
  } else {
    const std::string body = record.Body();
    std::vector<const std::string*> replacement(prepared->spans.size(), nullptr);
    for (size_t i = 0; i < prepared->field_of_item.size(); ++i) {
      if (redacted[i] != prepared->items[i].text) replacement[prepared->field_of_item[i]] = &redacted[i];
    }
    for (size_t f = 0; f < prepared->spans.size(); ++f) {
      if (f > 0) out->push_back(delimiter_);
      if (replacement[f] != nullptr) {
        out->append(CsvField(*replacement[f], delimiter_));
      } else {
        out->append(body, prepared->spans[f].first, prepared->spans[f].second - prepared->spans[f].first);
      }
    }
    out->append(terminator);
  }
}

void RecordRedactor::CollectSample(const Record& record, std::map<std::string, std::vector<std::string>>* values) const {
  if (!record.error.empty() || !IsValidUtf8(record.Body())) return;
  if (format_ == InputFormat::kCsv) {
    std::vector<std::string> fields;
    std::vector<std::pair<size_t, size_t>> spans;
    std::string error;
    if (!SplitCsvRecord(record.Body(), delimiter_, &fields, &spans, &error)) return;
    if (!header_.empty() && fields.size() != header_.size()) return;
    for (size_t i = 0; i < fields.size(); ++i) (*values)[ColumnName(i)].push_back(std::move(fields[i]));
    return;
  }
  if (format_ != InputFormat::kJsonLines) return;
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(record.Body(), nullptr, false);
  if (doc.is_discarded()) return;
  struct Collector {
    std::map<std::string, std::vector<std::string>>* values;
    void Walk(const nlohmann::ordered_json& node, const std::string& path) {
      if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) Walk(it.value(), Join(path, it.key()));
      } else if (node.is_array()) {
        for (const auto& item : node) Walk(item, path);
      } else if (node.is_string() && !path.empty()) {
        (*values)[path].push_back(node.get<std::string>());
      }
    }
  } collector{values};
  collector.Walk(doc, "");
}

std::map<std::string, std::string> DecideEntities(const std::map<std::string, std::vector<std::string>>& values,
                                                  const std::map<std::string, std::vector<std::vector<Finding>>>& found,
                                                  std::string* summary) {
  std::map<std::string, std::string> decided;
  for (const auto& [key, texts] : values) {
    auto f = found.find(key);
    if (f == found.end()) continue;
    std::map<std::string, size_t> counts;
    size_t non_empty = 0;
    for (size_t i = 0; i < texts.size(); ++i) {
      long long length = CodePoints(texts[i]);
      if (length == 0) continue;
      ++non_empty;
      const Finding* best = nullptr;
      for (const Finding& finding : f->second[i]) {
        if ((finding.end - finding.start) * 5 < length * 4) continue;  // covers less than 80%
        if (best == nullptr || finding.score > best->score ||
            (finding.score == best->score && finding.entity_type < best->entity_type)) {
          best = &finding;
        }
      }
      if (best != nullptr) ++counts[best->entity_type];
    }
    std::string top;
    size_t top_count = 0;
    for (const auto& [entity, count] : counts) {  // map order: ties go to the first name
      if (count > top_count) {
        top = entity;
        top_count = count;
      }
    }
    if (top_count == 0 || top_count * 2 < non_empty) continue;
    decided[key] = top;
    *summary += "  " + key + " -> " + top + " (" + std::to_string(top_count) + " of " + std::to_string(non_empty) +
                " sampled values)\n";
  }
  return decided;
}

}  // namespace sentinel
