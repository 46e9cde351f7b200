// ner_recognizer.h -- PERSON, LOCATION, NRP (and, if asked, ORGANIZATION) from the LibTorch tagger
// of plugins/presidio/ner, plugged in as one more Recognizer: it plays the part of Presidio's
// SpacyRecognizer. Built only with -DPRESIDIO_WITH_NER=ON.
#ifndef PRESIDIO_PLUGIN_NER_RECOGNIZER_H_
#define PRESIDIO_PLUGIN_NER_RECOGNIZER_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/recognizer.h"

namespace presidio_ner {
class NerTagger;
}

namespace presidio {

class NerRecognizer : public Recognizer {
 public:
  // Loads the model folder; `labels` are the tagger labels to report (Presidio reports PERSON,
  // LOCATION and NRP, and ignores ORGANIZATION). `fixed_score` >= 0 replaces the tagger's calibrated
  // score (Presidio gives every spaCy entity 0.85). Null with `error` set on failure.
  static std::unique_ptr<NerRecognizer> Create(const std::string& model_dir, const std::vector<std::string>& labels,
                                               int torch_threads, double fixed_score, std::string* error);
  ~NerRecognizer() override;

  // Runs after the pattern recognizers: a name or place overlapping an e-mail address, URL, IP address
  // or another certain pattern result (ScanHints::claimed) is dropped, so "john.smith@example.com" is
  // an EMAIL_ADDRESS and not also a PERSON.
  bool UsesClaimedSpans() const override { return true; }
  void Analyze(std::string_view text, const ScanHints& hints, std::vector<RecognizerResult>* out) const override;

 private:
  NerRecognizer(std::unique_ptr<presidio_ner::NerTagger> tagger, std::vector<std::string> labels, double fixed_score);
  std::unique_ptr<presidio_ner::NerTagger> tagger_;
  std::set<std::string> labels_;
  double fixed_score_;
};

}  // namespace presidio

#endif  // PRESIDIO_PLUGIN_NER_RECOGNIZER_H_
