// recognizer_result.h -- one detected entity and the explanation of how it was scored.
//
// Offsets are UTF-8 byte offsets into the analyzed text while the engine works; the REST and
// native APIs convert them to Unicode code points (Presidio's offsets) at the edge.
#ifndef PRESIDIO_CORE_RECOGNIZER_RESULT_H_
#define PRESIDIO_CORE_RECOGNIZER_RESULT_H_

#include <cstddef>
#include <optional>
#include <string>

namespace presidio {

class Recognizer;

// Mirrors presidio_analyzer.AnalysisExplanation (returned when return_decision_process is set).
struct AnalysisExplanation {
  std::string recognizer;
  std::optional<std::string> pattern_name;
  std::optional<std::string> pattern;
  double original_score = 0.0;
  double score = 0.0;
  std::optional<std::string> textual_explanation;
  double score_context_improvement = 0.0;
  std::optional<std::string> supportive_context_word;
  std::optional<bool> validation_result;
  std::optional<int> regex_flags;
};

struct RecognizerResult {
  std::string entity_type;
  size_t start = 0;  // byte offset, inclusive
  size_t end = 0;    // byte offset, exclusive
  double score = 0.0;
  AnalysisExplanation explanation;
  // The recognizer that produced the result (its context words drive enhancement); may be null.
  const Recognizer* recognizer = nullptr;
  // Set once context enhancement raised the score, so it is never applied twice.
  bool context_enhanced = false;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_RECOGNIZER_RESULT_H_
