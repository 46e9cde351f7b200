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

struct ByteRange {
  size_t begin;
  size_t end;
};

// Per-request facts shared by all recognizers, computed once by the engine: for each pattern of the
// combined pre-scan, the parts of the text where it can match.
class ScanHints {
 public:
  // Unknown: every pattern scans the whole text.
  ScanHints() = default;
  explicit ScanHints(std::vector<std::vector<ByteRange>> ranges) : ranges_(std::move(ranges)), known_(true) {}
  // The byte ranges where pattern `id` may match (empty: nowhere), or null when it must scan the
  // whole text (patterns outside the pre-scan, id < 0).
  const std::vector<ByteRange>* RangesFor(int id) const {
    if (!known_ || id < 0 || static_cast<size_t>(id) >= ranges_.size()) return nullptr;
    return &ranges_[static_cast<size_t>(id)];
  }

  // Spans already found with confidence by other recognizers (checksummed or strongly shaped
  // entities), sorted by start; given to recognizers that ask for them with UsesClaimedSpans().
  const std::vector<ByteRange>& claimed() const { return claimed_; }
  void set_claimed(std::vector<ByteRange> claimed) { claimed_ = std::move(claimed); }

 private:
  std::vector<std::vector<ByteRange>> ranges_;
  bool known_ = false;
  std::vector<ByteRange> claimed_;
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
  void AddContext(const std::vector<std::string>& words) {
    context_.insert(context_.end(), words.begin(), words.end());
  }
  // Presidio's YAML may rename an instance (`name` beside `class_name`) and give per-language context.
  void set_name(std::string name) { name_ = std::move(name); }
  void set_context(std::vector<std::string> words) { context_ = std::move(words); }

  // Registers the recognizer's regexes in the engine's combined pre-scan; optional.
  virtual void RegisterPatterns(PatternSetBuilder* /*builder*/) {}

  // True for recognizers that run after the others and read ScanHints::claimed() (the phone
  // recognizer skips digits that already belong to a card, IBAN, IP address, date ...).
  virtual bool UsesClaimedSpans() const { return false; }

  // Appends results for `text` (UTF-8). Must be safe to call from several threads at once.
  virtual void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const = 0;

 private:
  std::string name_;
  std::vector<std::string> entities_;
  std::vector<std::string> context_;
};

}  // namespace presidio

#endif  // PRESIDIO_CORE_RECOGNIZER_H_
