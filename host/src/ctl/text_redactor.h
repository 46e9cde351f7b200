// TextRedactor: redacts many short texts through sentineld's Presidio routes with two requests per batch:
//   1. POST /presidio/analyze with the texts as a list (Presidio's batch form);
//   2. POST /presidio/anonymize once for the whole batch: the texts that have findings are joined with a record
//      separator (U+001E, which none of them contains) and the findings shifted onto the joined text. Presidio's
//      conflict handling only merges spans that overlap or are separated by spaces alone, and every operator
//      writes only inside a span, so the joined answer cut at the separators equals one anonymize call per text.
// The operators run in the daemon, so a pseudonym key never leaves it. A text may instead carry a fixed entity
// type (a CSV column or JSON key mapped to one): then the whole value is that entity, without analysis.
//
// Transient failures (connection refused or reset, 429, 502, 503, 504) are retried with backoff up to the
// retry budget, then reported as kUnavailable (the job stops and can be resumed). Any other error answer is
// reported as kUnprocessable with sentineld's message: the caller narrows it down to the record that caused it.
#ifndef SENTINEL_HOST_CTL_TEXT_REDACTOR_H_
#define SENTINEL_HOST_CTL_TEXT_REDACTOR_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "ctl/keepalive_client.h"

namespace sentinel {

struct RedactSettings {
  std::string language = "en";
  nlohmann::json entities;          // null: every entity the module finds; else a list of entity types
  nlohmann::json score_threshold;   // null: the module's default
  nlohmann::json operators = nlohmann::json::object();  // Presidio's "anonymizers" object
  int retry_seconds = 60;           // budget for transient failures of one request
};

struct TextItem {
  std::string text;
  std::string entity;  // non-empty: the whole text is this entity type (no analysis)
};

struct Finding {
  std::string entity_type;
  long long start = 0;  // code points
  long long end = 0;
  double score = 0;
};

class TextRedactor {
 public:
  TextRedactor(KeepAliveClient* client, const RedactSettings* settings) : client_(client), settings_(settings) {}

  // out[i] is items[i].text redacted.
  Status Redact(const std::vector<TextItem>& items, std::vector<std::string>* out);
  // The findings in each text (for deciding a column's entity from a sample).
  Status Analyze(const std::vector<std::string>& texts, std::vector<std::vector<Finding>>* findings);

 private:
  // POST with the retry policy above; `reply` holds a 2xx answer's body parsed.
  Status Call(const std::string& path, const std::string& body, nlohmann::json* reply);
  Status AnonymizeJoined(const std::vector<const std::string*>& texts,
                         const std::vector<std::vector<Finding>*>& findings, std::vector<std::string>* out);

  KeepAliveClient* client_;
  const RedactSettings* settings_;
};

// Number of Unicode code points of well-formed UTF-8 `text`.
long long CodePoints(const std::string& text);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_TEXT_REDACTOR_H_
