#include "anonymizer/anonymizer_engine.h"

#include <algorithm>
#include <list>

#include "common/utf8.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

bool SameEntity(const PiiEntity& a, const PiiEntity& b) {
  return a.entity_type == b.entity_type && a.start == b.start && a.end == b.end && a.score == b.score;
}

long long Intersection(const PiiEntity& a, const PiiEntity& b) {
  if (a.end < b.start || b.end < a.start) return 0;
  return std::min(a.end, b.end) - std::max(a.start, b.start);
}

// RecognizerResult.has_conflict: same span with a lower-or-equal score, or contained in the other.
bool HasConflict(const PiiEntity& self, const PiiEntity& other) {
  if (self.start == other.start && self.end == other.end) return self.score <= other.score;
  return other.start <= self.start && other.end >= self.end;
}

void RemoveFirstEqual(std::list<PiiEntity*>* list, const PiiEntity& value) {
  for (auto it = list->begin(); it != list->end(); ++it) {
    if (SameEntity(**it, value)) {
      list->erase(it);
      return;
    }
  }
}

// EngineBase._operate: replaces right to left, so earlier offsets stay valid; overlapping spans of
// different types are both applied, exactly as Presidio does (the left one is cut at the right
// one's start).
bool Operate(std::string_view text, std::vector<PiiEntity> entities,
             const std::map<std::string, OperatorConfig>& operators, OperatorKind kind, EngineResult* result,
             OperatorError* error) {
  const std::u32string original = sentinel::utf8::Decode(text);
  const long long length = static_cast<long long>(original.size());
  long long last_replacement = length;
  std::stable_sort(entities.begin(), entities.end(), [](const PiiEntity& a, const PiiEntity& b) {
    return a.start != b.start ? a.start > b.start : a.end > b.end;
  });
  // Right to left, output[0, last_replacement) is always the original text, so the output is built from pieces
  // (each replacement followed by the original text up to the previous replacement) in linear time instead of
  // rebuilding the whole text per span, which made a text with many spans quadratic.
  std::vector<std::u32string> pieces;  // right to left
  size_t suffix = 0;                   // code points right of the current cut
  std::vector<std::pair<OperatorResultItem, size_t>> pending;  // item + its distance from the end
  for (const PiiEntity& entity : entities) {
    if (length < entity.start || entity.end > length) {
      error->http_status = 422;
      error->message = "Invalid analyzer result, start: " + std::to_string(entity.start) +
                       " and end: " + std::to_string(entity.end) + ", while text length is only " +
                       std::to_string(length) + ".";
      return false;
    }
    auto found = operators.find(entity.entity_type);
    if (found == operators.end()) found = operators.find("DEFAULT");
    if (found == operators.end()) {
      error->http_status = 422;
      error->message = "Invalid input, no operator configured for entity " + entity.entity_type;
      return false;
    }
    const OperatorConfig& config = found->second;
    if (!ValidateOperator(config, kind, error)) return false;
    std::string piece = sentinel::utf8::Encode(original.substr(static_cast<size_t>(entity.start),
                                                   static_cast<size_t>(std::max(0LL, entity.end - entity.start))));
    std::string changed;
    if (!ApplyOperator(config, kind, piece, entity.entity_type, &changed, error)) return false;
    std::u32string changed32 = sentinel::utf8::Decode(changed);
    // Python slicing semantics: the cut ends at the previous replacement's start at the latest.
    const long long cut_start = std::max(0LL, entity.start);
    const long long cut_end = std::max(cut_start, std::min(entity.end, last_replacement));
    pieces.push_back(original.substr(static_cast<size_t>(cut_end), static_cast<size_t>(last_replacement - cut_end)));
    suffix += pieces.back().size() + changed32.size();
    pieces.push_back(std::move(changed32));
    last_replacement = cut_start;
    OperatorResultItem item;
    item.entity_type = entity.entity_type;
    item.text = changed;
    item.operator_name = config.type;
    pending.emplace_back(std::move(item), suffix);
  }
  std::u32string output = original.substr(0, static_cast<size_t>(last_replacement));
  output.reserve(output.size() + suffix);
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) output += *it;
  result->text = sentinel::utf8::Encode(output);
  result->items.clear();
  const long long output_length = static_cast<long long>(output.size());
  for (auto& [item, from_end] : pending) {
    item.start = output_length - static_cast<long long>(from_end);
    item.end = item.start + static_cast<long long>(sentinel::utf8::Decode(item.text).size());
    result->items.push_back(std::move(item));
  }
  return true;
}

}  // namespace

std::vector<PiiEntity> ResolveConflicts(const std::u32string& text, std::vector<PiiEntity> entities) {
  std::stable_sort(entities.begin(), entities.end(), [](const PiiEntity& a, const PiiEntity& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  // 1. Same-type spans that overlap by at least one character merge into the later one.
  std::list<PiiEntity*> others;
  for (PiiEntity& e : entities) others.push_back(&e);
  std::vector<PiiEntity*> kept;
  for (PiiEntity& result : entities) {
    RemoveFirstEqual(&others, result);
    bool merged = false;
    for (PiiEntity* other : others) {
      if (other->entity_type != result.entity_type || Intersection(result, *other) == 0) continue;
      other->start = std::min(result.start, other->start);
      other->end = std::max(result.end, other->end);
      other->score = std::max(result.score, other->score);
      merged = true;
      break;
    }
    if (!merged) {
      others.push_back(&result);
      kept.push_back(&result);
    }
  }
  // 2. Drop spans contained in another, or equal to one with a higher-or-equal score.
  std::list<PiiEntity*> remaining(kept.begin(), kept.end());
  std::vector<PiiEntity> unique;
  for (PiiEntity* result : kept) {
    RemoveFirstEqual(&remaining, *result);
    bool conflicted = false;
    for (PiiEntity* other : remaining) conflicted |= HasConflict(*result, *other);
    if (!conflicted) {
      remaining.push_back(result);
      unique.push_back(*result);
    }
  }
  // 3. Same-type neighbours separated only by spaces become one span.
  std::vector<PiiEntity> merged;
  for (PiiEntity& result : unique) {
    if (!merged.empty() && merged.back().entity_type == result.entity_type && merged.back().end < result.start &&
        result.start <= static_cast<long long>(text.size()) && merged.back().end >= 0) {
      bool spaces = true;
      for (long long i = merged.back().end; i < result.start; ++i) spaces &= text[static_cast<size_t>(i)] == U' ';
      if (spaces) {
        result.start = merged.back().start;
        merged.pop_back();
      }
    }
    merged.push_back(result);
  }
  return merged;
}

bool Anonymize(std::string_view text, std::vector<PiiEntity> entities, std::map<std::string, OperatorConfig> operators,
               EngineResult* result, OperatorError* error) {
  if (operators.find("DEFAULT") == operators.end())
    operators["DEFAULT"] = OperatorConfig{"replace", nlohmann::json::object()};
  std::vector<PiiEntity> resolved = ResolveConflicts(sentinel::utf8::Decode(text), std::move(entities));
  return Operate(text, std::move(resolved), operators, OperatorKind::kAnonymize, result, error);
}

bool Deanonymize(std::string_view text, std::vector<PiiEntity> entities,
                 const std::map<std::string, OperatorConfig>& operators, EngineResult* result, OperatorError* error) {
  return Operate(text, std::move(entities), operators, OperatorKind::kDeanonymize, result, error);
}

}  // namespace presidio
