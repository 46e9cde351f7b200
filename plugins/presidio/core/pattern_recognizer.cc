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

namespace {

constexpr size_t kSegmentBytes = 256;

bool IsLowerAscii(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

ScanHints PatternSetBuilder::Scan(std::string_view text) const {
  if (!compiled_) return ScanHints();
  std::vector<std::vector<ByteRange>> ranges(count_);
  std::vector<int> hits;
  auto scan_segment = [&](size_t begin, size_t end) {
    hits.clear();
    RE2::Set::ErrorInfo info;
    bool matched = set_->Match(re2::StringPiece(text.data() + begin, end - begin), &hits, &info);
    if (!matched && info.kind != RE2::Set::kNoError) {
      // The DFA ran out of memory: every pattern scans this segment.
      hits.clear();
      for (size_t id = 0; id < count_; ++id) hits.push_back(static_cast<int>(id));
    }
    for (int id : hits) {
      std::vector<ByteRange>& list = ranges[static_cast<size_t>(id)];
      if (!list.empty() && list.back().end == begin) {
        list.back().end = end;
      } else {
        list.push_back({begin, end});
      }
    }
  };
  size_t begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i - begin < kSegmentBytes) continue;
    bool boundary = text[i] == '\n' ||
                    (text[i] == ' ' && IsLowerAscii(text[i - 1]) && i + 1 < text.size() && IsLowerAscii(text[i + 1]));
    if (!boundary) continue;
    scan_segment(begin, i);
    begin = i;
  }
  if (begin < text.size() || text.empty()) scan_segment(begin, text.size());
  return ScanHints(std::move(ranges));
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
    std::unique_ptr<Pcre2Regex> fallback;
    if (!re->ok()) {
      std::string pcre2_error;
      fallback = Pcre2Regex::Compile(pattern.regex, python_flags_, &pcre2_error);
      if (fallback == nullptr && error_.empty()) {
        error_ = "pattern '" + pattern.name + "' of recognizer '" + this->name() + "' is invalid: " + re->error();
        if (Pcre2Regex::Available()) error_ += " (PCRE2: " + pcre2_error + ")";
      }
    }
    compiled_.push_back(std::move(re));
    fallback_.push_back(std::move(fallback));
    set_ids_.push_back(-1);
  }
}

void PatternRecognizer::RegisterPatterns(PatternSetBuilder* builder) {
  if (!line_local_) return;
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

std::vector<ByteRange> PatternRecognizer::RangesToScan(size_t i, std::string_view text, const ScanHints& hints) const {
  const std::vector<ByteRange>* ranges = hints.RangesFor(set_ids_[i]);
  if (ranges == nullptr) return {ByteRange{0, text.size()}};
  return *ranges;
}

bool PatternRecognizer::EdgesOk(std::string_view text, size_t start, size_t end, const Pattern& pattern) const {
  bool edges_ok =
      !pattern.word_edges || ((start == 0 || !IsWordByte(static_cast<unsigned char>(text[start - 1]))) &&
                              (end == text.size() || !IsWordByte(static_cast<unsigned char>(text[end]))));
  return edges_ok && (!pattern.accept || pattern.accept(text, start, end)) && AcceptMatch(text, start, end);
}

void PatternRecognizer::Emit(std::string_view text, size_t start, size_t end, const Pattern& pattern,
                             std::vector<RecognizerResult>* out) const {
  end = AdjustEnd(text, start, end);
  std::string_view matched = text.substr(start, end - start);
  Validation validation = Validate(matched);
  double score = pattern.score;
  if (validation == Validation::kValid) score = 1.0;
  if (validation == Validation::kInvalid) score = 0.0;
  if (score > 0.0 && Invalidate(matched)) score = 0.0;
  if (score > 0.0) out->push_back(MakeResult(start, end, score, pattern, validation));
}

void PatternRecognizer::AnalyzeWithPcre2(size_t i, std::string_view text, std::vector<RecognizerResult>* out) const {
  const Pattern& pattern = patterns_[i];
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t whole_start = 0, whole_end = 0, start = 0, end = 0;
    if (fallback_[i]->Find(text, pos, pattern.group, &whole_start, &whole_end, &start, &end) !=
        Pcre2Regex::Result::kMatch) {
      break;  // no more matches, or the match limit: this pattern contributes what it found so far
    }
    if (whole_end == whole_start) {  // empty matches carry no entity
      if (whole_start >= text.size()) break;
      pos = NextCharBoundary(text, whole_start);
      continue;
    }
    if (start == std::string_view::npos || start == end) {
      pos = whole_end;
      continue;
    }
    if (!EdgesOk(text, start, end, pattern)) {
      pos = NextCharBoundary(text, whole_start);
      continue;
    }
    pos = whole_end;
    Emit(text, start, end, pattern, out);
  }
}

void PatternRecognizer::Analyze(std::string_view text, const ScanHints& hints,
                                std::vector<RecognizerResult>* out) const {
  const re2::StringPiece input(text.data(), text.size());
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (!compiled_[i]->ok()) {
      if (fallback_[i] != nullptr) AnalyzeWithPcre2(i, text, out);
      continue;
    }
    const RE2& re = *compiled_[i];
    const Pattern& pattern = patterns_[i];
    for (const ByteRange& range : RangesToScan(i, text, hints)) {
      size_t pos = range.begin;
      const int groups = pattern.group > 0 ? pattern.group + 1 : 1;
      std::vector<re2::StringPiece> match(static_cast<size_t>(groups));
      while (pos <= range.end && re.Match(input, pos, range.end, RE2::UNANCHORED, match.data(), groups)) {
        size_t whole_start = static_cast<size_t>(match[0].data() - text.data());
        size_t whole_end = whole_start + match[0].size();
        if (whole_end == whole_start) {  // empty matches carry no entity
          if (whole_start >= range.end) break;
          pos = NextCharBoundary(text, whole_start);
          continue;
        }
        const re2::StringPiece& entity = match[static_cast<size_t>(groups - 1)];
        if (entity.data() == nullptr || entity.empty()) {
          pos = whole_end;
          continue;
        }
        size_t start = static_cast<size_t>(entity.data() - text.data());
        size_t end = start + entity.size();
        if (!EdgesOk(text, start, end, pattern)) {
          pos = NextCharBoundary(text, whole_start);
          continue;
        }
        pos = whole_end;
        Emit(text, start, end, pattern, out);
      }
    }
  }
}

}  // namespace presidio
