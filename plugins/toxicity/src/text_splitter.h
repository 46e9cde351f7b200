// text_splitter.h -- splits text into sentences (for per-sentence span scores) and packs sentences into
// windows that fit a model's maximum sequence length (for long texts). Offsets are code points, end-exclusive.
#ifndef SENTINEL_TOXICITY_TEXT_SPLITTER_H_
#define SENTINEL_TOXICITY_TEXT_SPLITTER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sentinel {
namespace toxicity {

struct TextSpan {
  size_t begin = 0;  // code points
  size_t end = 0;
  std::string text;  // the UTF-8 bytes of [begin, end)
};

// Sentences: a run ends after . ! ? … (and CJK full stops) followed by whitespace, or at a line break.
// Surrounding whitespace is trimmed; empty sentences are dropped.
std::vector<TextSpan> SplitSentences(std::string_view text);

// Packs `spans` (in order) into windows whose cost stays within `budget`, where cost(span) estimates the
// tokens it needs. A span over budget is cut at whitespace into pieces that fit (a single over-long word
// becomes its own piece and is truncated later by the tokenizer).
std::vector<TextSpan> PackWindows(std::string_view text, const std::vector<TextSpan>& spans, size_t budget,
                                  const std::function<size_t(std::string_view)>& cost);

// Cuts one span at whitespace into pieces within `budget` (used by PackWindows and for long sentences).
std::vector<TextSpan> CutSpan(std::string_view text, const TextSpan& span, size_t budget,
                              const std::function<size_t(std::string_view)>& cost);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_TEXT_SPLITTER_H_
