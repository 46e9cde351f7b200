#include "plugin/ner_recognizer.h"

#include <algorithm>

#include "presidio_ner/ner_tagger.h"

namespace presidio {

std::unique_ptr<NerRecognizer> NerRecognizer::Create(const std::string& model_dir,
                                                     const std::vector<std::string>& labels, int torch_threads,
                                                     double fixed_score, std::string* error) {
  const std::vector<std::string>& known = presidio_ner::NerTagger::Labels();
  for (const std::string& label : labels) {
    if (std::find(known.begin(), known.end(), label) == known.end()) {
      *error = "NER label '" + label + "' is not produced by the tagger";
      return nullptr;
    }
  }
  presidio_ner::NerOptions options;
  options.torch_threads = torch_threads;
  auto tagger = presidio_ner::NerTagger::Load(model_dir, options, error);
  if (tagger == nullptr) return nullptr;
  return std::unique_ptr<NerRecognizer>(new NerRecognizer(std::move(tagger), labels, fixed_score));
}

NerRecognizer::NerRecognizer(std::unique_ptr<presidio_ner::NerTagger> tagger, std::vector<std::string> labels,
                             double fixed_score)
    : Recognizer("NerRecognizer", labels, {}),
      tagger_(std::move(tagger)),
      labels_(labels.begin(), labels.end()),
      fixed_score_(fixed_score) {}

NerRecognizer::~NerRecognizer() = default;

void NerRecognizer::Analyze(std::string_view text, const ScanHints& hints,
                            std::vector<RecognizerResult>* out) const {
  const std::vector<ByteRange>& claimed = hints.claimed();  // sorted by begin
  for (const presidio_ner::NerSpan& span : tagger_->Tag(text)) {
    if (labels_.count(span.label) == 0 || span.end_byte <= span.begin_byte) continue;
    bool overlaps_claimed = false;
    for (const ByteRange& c : claimed) {
      if (c.begin >= span.end_byte) break;
      if (c.end > span.begin_byte) {
        overlaps_claimed = true;
        break;
      }
    }
    if (overlaps_claimed) continue;
    RecognizerResult result;
    result.entity_type = span.label;
    result.start = span.begin_byte;
    result.end = span.end_byte;
    result.score = fixed_score_ >= 0.0 ? fixed_score_ : span.score;
    result.recognizer = this;
    result.explanation.recognizer = name();
    result.explanation.original_score = result.score;
    result.explanation.score = result.score;
    result.explanation.textual_explanation = "Identified as " + span.label + " by the LibTorch NER tagger";
    out->push_back(std::move(result));
  }
}

}  // namespace presidio
