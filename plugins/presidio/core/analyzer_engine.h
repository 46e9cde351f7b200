// analyzer_engine.h -- runs the registered recognizers over a text and applies Presidio's
// pipeline: context enhancement, de-duplication and ordering, score threshold, entity filter and
// allow list. The registry is a list of Recognizer objects, so a NER tagger is one more entry.
#ifndef PRESIDIO_CORE_ANALYZER_ENGINE_H_
#define PRESIDIO_CORE_ANALYZER_ENGINE_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/context_enhancer.h"
#include "core/pattern_recognizer.h"
#include "core/recognizer.h"

namespace presidio {

enum class AllowListMatch { kExact, kRegex };

struct AnalyzeRequest {
  std::string_view text;
  std::string language = "en";
  std::optional<std::vector<std::string>> entities;  // null: all
  std::optional<double> score_threshold;             // null: the engine default
  std::vector<const Recognizer*> ad_hoc;             // per-request recognizers, owned by the caller
  std::vector<std::string> context;
  std::vector<std::string> allow_list;
  AllowListMatch allow_list_match = AllowListMatch::kExact;
  int regex_flags = kPresidioDefaultFlags;  // flags of the allow-list regex
};

struct AnalyzerOptions {
  std::string language = "en";
  double default_score_threshold = 0.0;
  ContextOptions context;
  std::vector<std::string> allow_list;  // always suppressed (exact match)
  std::set<std::string> disabled_entities;
};

class AnalyzerEngine {
 public:
  explicit AnalyzerEngine(AnalyzerOptions options);

  // Registration happens before Finalize(); the engine is read-only (and thread-safe) afterwards.
  void AddRecognizer(std::unique_ptr<Recognizer> recognizer);
  void Finalize();

  // Results ordered as Presidio's: score descending, then start, then longer first. Returns false
  // with Presidio's error text when no recognizer serves the language/entities, or the allow-list
  // regex is invalid.
  bool Analyze(const AnalyzeRequest& request, std::vector<RecognizerResult>* results, std::string* error) const;

  // Presidio's EntityRecognizer.remove_duplicates: drops exact duplicates and results contained in
  // a kept result of the same type, and orders the rest.
  static void RemoveDuplicates(std::vector<RecognizerResult>* results);
  // The spans of confident results that later recognizers may skip (see Recognizer::UsesClaimedSpans).
  static std::vector<ByteRange> ClaimedSpans(const std::vector<RecognizerResult>& results);

  std::vector<std::string> RecognizerNames(const std::string& language) const;
  std::vector<std::string> SupportedEntities(const std::string& language) const;
  const AnalyzerOptions& options() const { return options_; }
  bool SupportsLanguage(const std::string& language) const { return language == options_.language; }

 private:
  AnalyzerOptions options_;
  std::vector<std::unique_ptr<Recognizer>> recognizers_;
  PatternSetBuilder pattern_set_;
  ContextEnhancer enhancer_;
  bool finalized_ = false;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_ANALYZER_ENGINE_H_
