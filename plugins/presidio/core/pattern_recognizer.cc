#include "core/pattern_recognizer.h"

#include "core/text_offsets.h"

namespace presidio {

namespace {

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

}  // namespace

std::string WithPythonFlags(const std::string& regex, int flags) {
  std::string prefix;
  if (flags & kPyIgnoreCase) prefix += 'i';
  if (flags & kPyMultiline) prefix += 'm';
  if (flags & kPyDotAll) prefix += 's';
  if (prefix.empty()) return regex;
  return "(?" + prefix + ")" + regex;
}

PatternSetBuilder::PatternSetBuilder() {
  RE2::Options options = PatternOptions();
  options.set_max_mem(256 << 20);
  set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
}

int PatternSetBuilder::Add(const std::string& regex_with_flags) {
  if (compiled_) return -1;
  std::string error;
  int id = set_->Add(regex_with_flags, &error);
  if (id >= 0) count_ = static_cast<size_t>(id) + 1;
  return id;
}

bool PatternSetBuilder::Compile() {
  if (count_ == 0) return false;
  compiled_ = set_->Compile();
  return compiled_;
}

ScanHints PatternSetBuilder::Scan(std::string_view text) const {
  if (!compiled_) return ScanHints();
  std::vector<int> hits;
  RE2::Set::ErrorInfo info;
  if (!set_->Match(re2::StringPiece(text.data(), text.size()), &hits, &info)) {
    // No pattern matched, or the DFA ran out of memory: in the latter case every pattern must run.
    if (info.kind != RE2::Set::kNoError) return ScanHints();
    return ScanHints(std::vector<bool>(count_, false));
  }
  std::vector<bool> may_match(count_, false);
  for (int id : hits) may_match[static_cast<size_t>(id)] = true;
  return ScanHints(std::move(may_match));
}

PatternRecognizer::PatternRecognizer(std::string name, std::string entity, std::vector<Pattern> patterns,
                                     std::vector<std::string> context, int python_flags)
    : Recognizer(std::move(name), {std::move(entity)}, std::move(context)),
      patterns_(std::move(patterns)),
      python_flags_(python_flags) {
  for (const Pattern& pattern : patterns_) {
    RE2::Options options = PatternOptions();
    options.set_longest_match(pattern.longest_match);
    auto re = std::make_unique<RE2>(WithPythonFlags(pattern.regex, python_flags_), options);
    if (!re->ok() && error_.empty()) {
      error_ = "pattern '" + pattern.name + "' of recognizer '" + this->name() + "' is invalid: " + re->error();
    }
    compiled_.push_back(std::move(re));
    set_ids_.push_back(-1);
  }
}

void PatternRecognizer::RegisterPatterns(PatternSetBuilder* builder) {
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (compiled_[i]->ok()) set_ids_[i] = builder->Add(WithPythonFlags(patterns_[i].regex, python_flags_));
  }
}

bool PatternRecognizer::AcceptMatch(std::string_view text, size_t start, size_t end) const {
  (void)text;
  (void)start;
  (void)end;
  return true;
}

RecognizerResult PatternRecognizer::MakeResult(size_t start, size_t end, double score, const Pattern& pattern,
                                               Validation validation) const {
  RecognizerResult result;
  result.entity_type = supported_entities().front();
  result.start = start;
  result.end = end;
  result.score = score;
  result.recognizer = this;
  AnalysisExplanation& e = result.explanation;
  e.recognizer = name();
  e.pattern_name = pattern.name;
  e.pattern = pattern.regex;
  e.original_score = pattern.score;
  e.score = score;
  e.textual_explanation = "Detected by `" + name() + "` using pattern `" + pattern.name + "`";
  if (validation != Validation::kNone) e.validation_result = validation == Validation::kValid;
  e.regex_flags = python_flags_;
  return result;
}

void PatternRecognizer::Analyze(std::string_view text, const ScanHints& hints,
                                std::vector<RecognizerResult>* out) const {
  const re2::StringPiece input(text.data(), text.size());
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (!compiled_[i]->ok() || !hints.MayMatch(set_ids_[i])) continue;
    const RE2& re = *compiled_[i];
    const Pattern& pattern = patterns_[i];
    size_t pos = 0;
    re2::StringPiece match;
    while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
      size_t start = static_cast<size_t>(match.data() - text.data());
      size_t end = start + match.size();
      if (end == start) {  // empty matches carry no entity
        if (start >= text.size()) break;
        pos = NextCharBoundary(text, start);
        continue;
      }
      bool edges_ok = !pattern.word_edges ||
                      ((start == 0 || !IsWordByte(static_cast<unsigned char>(text[start - 1]))) &&
                       (end == text.size() || !IsWordByte(static_cast<unsigned char>(text[end]))));
      if (!edges_ok || !AcceptMatch(text, start, end)) {
        pos = NextCharBoundary(text, start);
        continue;
      }
      pos = end;
      end = AdjustEnd(text, start, end);
      std::string_view matched = text.substr(start, end - start);
      Validation validation = Validate(matched);
      double score = pattern.score;
      if (validation == Validation::kValid) score = 1.0;
      if (validation == Validation::kInvalid) score = 0.0;
      if (score > 0.0 && Invalidate(matched)) score = 0.0;
      if (score > 0.0) out->push_back(MakeResult(start, end, score, pattern, validation));
    }
  }
}

}  // namespace presidio
