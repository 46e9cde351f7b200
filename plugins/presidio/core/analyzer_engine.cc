#include "core/analyzer_engine.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace presidio {

AnalyzerEngine::AnalyzerEngine(AnalyzerOptions options) : options_(std::move(options)), enhancer_(options_.context) {}

void AnalyzerEngine::AddRecognizer(std::unique_ptr<Recognizer> recognizer) {
  if (finalized_) return;
  recognizer->RegisterPatterns(&pattern_set_);
  recognizers_.push_back(std::move(recognizer));
}

void AnalyzerEngine::Finalize() {
  if (finalized_) return;
  pattern_set_.Compile();
  finalized_ = true;
}

std::vector<ByteRange> AnalyzerEngine::ClaimedSpans(const std::vector<RecognizerResult>& results) {
  // Entities whose shape or checksum makes them certain enough that a phone number inside them
  // would be a false positive. Not UK_NHS: its mod-11 check passes one 10-digit string in eleven, so a
  // 3-3-4 phone number is often also a "valid" NHS number; both are reported, as Presidio does.
  static const std::set<std::string> kStrong = {"CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS",      "MAC_ADDRESS",
                                                "CRYPTO",      "MEDICAL_LICENSE", "EMAIL_ADDRESS",
                                                "URL",         "DATE_TIME", "US_SSN"};
  std::vector<ByteRange> claimed;
  for (const RecognizerResult& r : results) {
    if (r.score >= 0.5 && kStrong.count(r.entity_type)) claimed.push_back({r.start, r.end});
  }
  std::sort(claimed.begin(), claimed.end(), [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  return claimed;
}

void AnalyzerEngine::RemoveDuplicates(std::vector<RecognizerResult>* results) {
  std::stable_sort(results->begin(), results->end(), [](const RecognizerResult& a, const RecognizerResult& b) {
    return std::make_tuple(-a.score, a.start, -static_cast<long long>(a.end - a.start)) <
           std::make_tuple(-b.score, b.start, -static_cast<long long>(b.end - b.start));
  });
  std::vector<RecognizerResult> kept;
  kept.reserve(results->size());
  // Kept spans per entity type (only same-type results can contain each other), keyed by start. A span
  // containing [start, end) starts at most `longest` bytes before `start`, so a lookup reads only that slice.
  struct KeptSpans {
    std::multimap<size_t, size_t> end_by_start;
    size_t longest = 0;
  };
  std::map<std::string, KeptSpans> kept_by_type;
  for (RecognizerResult& result : *results) {
    if (result.score == 0.0) continue;
    KeptSpans& same_type = kept_by_type[result.entity_type];
    const size_t from = result.start > same_type.longest ? result.start - same_type.longest : 0;
    bool keep = true;
    for (auto it = same_type.end_by_start.lower_bound(from);
         it != same_type.end_by_start.end() && it->first <= result.start; ++it) {
      if (result.end <= it->second) {
        keep = false;  // an exact duplicate or contained in a kept result of the same type
        break;
      }
    }
    if (keep) {
      same_type.end_by_start.emplace(result.start, result.end);
      same_type.longest = std::max(same_type.longest, result.end - result.start);
      kept.push_back(std::move(result));
    }
  }
  *results = std::move(kept);
}

bool AnalyzerEngine::Analyze(const AnalyzeRequest& request, std::vector<RecognizerResult>* results,
                             std::string* error) const {
  results->clear();
  const std::string no_match = "No matching recognizers were found to serve the request.";
  if (!SupportsLanguage(request.language)) {
    *error = no_match;
    return false;
  }
  auto wanted = [&](const std::string& entity) {
    if (options_.disabled_entities.count(entity)) return false;
    if (!request.entities) return true;
    return std::find(request.entities->begin(), request.entities->end(), entity) != request.entities->end();
  };
  std::vector<const Recognizer*> selected;
  for (const auto& recognizer : recognizers_) selected.push_back(recognizer.get());
  for (const Recognizer* recognizer : request.ad_hoc) selected.push_back(recognizer);
  selected.erase(std::remove_if(selected.begin(), selected.end(),
                                [&](const Recognizer* r) {
                                  for (const std::string& e : r->supported_entities()) {
                                    if (wanted(e)) return false;
                                  }
                                  return true;
                                }),
                 selected.end());
  if (selected.empty()) {
    *error = no_match;
    return false;
  }

  std::unique_ptr<RE2> allow_regex;
  if (request.allow_list_match == AllowListMatch::kRegex && !request.allow_list.empty()) {
    std::string alternatives;
    for (size_t i = 0; i < request.allow_list.size(); ++i) {
      alternatives += (i ? "|" : "") + std::string("(?:") + request.allow_list[i] + ")";
    }
    RE2::Options re_options;
    re_options.set_log_errors(false);
    allow_regex = std::make_unique<RE2>(WithPythonFlags(alternatives, request.regex_flags), re_options);
    if (!allow_regex->ok()) {
      *error = "invalid allow_list regex: " + allow_regex->error();
      return false;
    }
  }

  ScanHints hints = pattern_set_.Scan(request.text);
  bool second_phase = false;
  for (const Recognizer* recognizer : selected) {
    if (recognizer->UsesClaimedSpans()) {
      second_phase = true;
    } else {
      recognizer->Analyze(request.text, hints, results);
    }
  }
  if (second_phase) {
    hints.set_claimed(ClaimedSpans(*results));
    for (const Recognizer* recognizer : selected) {
      if (recognizer->UsesClaimedSpans()) recognizer->Analyze(request.text, hints, results);
    }
  }
  results->erase(std::remove_if(results->begin(), results->end(),
                                [&](const RecognizerResult& r) { return !wanted(r.entity_type); }),
                 results->end());
  enhancer_.Enhance(request.text, request.context, results);
  RemoveDuplicates(results);

  const double threshold = request.score_threshold.value_or(options_.default_score_threshold);
  results->erase(std::remove_if(results->begin(), results->end(),
                                [&](const RecognizerResult& r) {
                                  if (r.score < threshold) return true;
                                  std::string_view found = request.text.substr(r.start, r.end - r.start);
                                  for (const std::string& word : options_.allow_list) {
                                    if (found == word) return true;
                                  }
                                  if (allow_regex) {
                                    return RE2::PartialMatch(re2::StringPiece(found.data(), found.size()),
                                                             *allow_regex);
                                  }
                                  for (const std::string& word : request.allow_list) {
                                    if (found == word) return true;
                                  }
                                  return false;
                                }),
                 results->end());
  return true;
}

std::vector<std::string> AnalyzerEngine::RecognizerNames(const std::string& language) const {
  std::vector<std::string> names;
  if (!SupportsLanguage(language)) return names;
  for (const auto& recognizer : recognizers_) names.push_back(recognizer->name());
  return names;
}

std::vector<std::string> AnalyzerEngine::SupportedEntities(const std::string& language) const {
  std::vector<std::string> entities;
  if (!SupportsLanguage(language)) return entities;
  for (const auto& recognizer : recognizers_) {
    for (const std::string& entity : recognizer->supported_entities()) {
      if (options_.disabled_entities.count(entity)) continue;
      if (std::find(entities.begin(), entities.end(), entity) == entities.end()) entities.push_back(entity);
    }
  }
  return entities;
}

}  // namespace presidio
