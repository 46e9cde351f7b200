// anonymizer_engine.h -- presidio-anonymizer's AnonymizerEngine and DeanonymizeEngine: conflict
// handling between detected spans, then right-to-left replacement with items in Presidio's shape
// and order. Offsets are Unicode code points, as in Presidio.
#ifndef PRESIDIO_ANONYMIZER_ANONYMIZER_ENGINE_H_
#define PRESIDIO_ANONYMIZER_ANONYMIZER_ENGINE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "anonymizer/operators.h"

namespace presidio {

struct PiiEntity {
  std::string entity_type;
  long long start = 0;
  long long end = 0;
  double score = 0.0;
};

// One replaced span: offsets in the output text.
struct OperatorResultItem {
  long long start = 0;
  long long end = 0;
  std::string entity_type;
  std::string text;
  std::string operator_name;
};

struct EngineResult {
  std::string text;
  std::vector<OperatorResultItem> items;  // last span first, as Presidio lists them
};

// Presidio's merge_similar_or_contained resolution followed by merging same-type spans separated
// only by spaces. Exposed for tests.
std::vector<PiiEntity> ResolveConflicts(const std::u32string& text, std::vector<PiiEntity> entities);

// `operators` maps an entity type or "DEFAULT" to its operator; "DEFAULT" falls back to replace.
bool Anonymize(std::string_view text, std::vector<PiiEntity> entities, std::map<std::string, OperatorConfig> operators,
               EngineResult* result, OperatorError* error);

// Applies decrypt / deanonymize_keep to the given spans, without conflict resolution.
bool Deanonymize(std::string_view text, std::vector<PiiEntity> entities,
                 const std::map<std::string, OperatorConfig>& operators, EngineResult* result, OperatorError* error);

}  // namespace presidio

#endif  // PRESIDIO_ANONYMIZER_ANONYMIZER_ENGINE_H_
