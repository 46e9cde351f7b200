// recognizer.h -- the interface every entity recognizer implements.
//
// A recognizer looks at the whole text and appends what it finds. Pattern recognizers, the
// libphonenumber recognizer, per-request ad-hoc recognizers and a future NER tagger all plug in here:
// the analyzer engine only needs name(), supported_entities(), context() and Analyze().
#ifndef PRESIDIO_CORE_RECOGNIZER_H_
#define PRESIDIO_CORE_RECOGNIZER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/recognizer_result.h"

namespace presidio {

class PatternSetBuilder;

// Per-request facts shared by all recognizers, computed once by the engine.
class ScanHints {
 public:
  ScanHints() = default;
  explicit ScanHints(std::vector<bool> may_match) : may_match_(std::move(may_match)), known_(true) {}
  // False only when the combined pre-scan proved that pattern `id` cannot match anywhere in the text.
  bool MayMatch(int id) const {
    if (!known_ || id < 0 || static_cast<size_t>(id) >= may_match_.size()) return true;
    return may_match_[id];
  }

 private:
  std::vector<bool> may_match_;
  bool known_ = false;
};

class Recognizer {
 public:
  Recognizer(std::string name, std::vector<std::string> entities, std::vector<std::string> context)
      : name_(std::move(name)), entities_(std::move(entities)), context_(std::move(context)) {}
  virtual ~Recognizer() = default;
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  const std::string& name() const { return name_; }
  const std::vector<std::string>& supported_entities() const { return entities_; }
  // Lower-case words that raise the score of a nearby result (see context_enhancer.h).
  const std::vector<std::string>& context() const { return context_; }
  void AddContext(const std::vector<std::string>& words) { context_.insert(context_.end(), words.begin(), words.end()); }

  // Registers the recognizer's regexes in the engine's combined pre-scan; optional.
  virtual void RegisterPatterns(PatternSetBuilder* /*builder*/) {}

  // Appends results for `text` (UTF-8). Must be safe to call from several threads at once.
  virtual void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const = 0;

 private:
  std::string name_;
  std::vector<std::string> entities_;
  std::vector<std::string> context_;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_RECOGNIZER_H_
