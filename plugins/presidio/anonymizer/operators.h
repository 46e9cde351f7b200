// operators.h -- presidio-anonymizer's operators: replace, redact, mask, hash, encrypt, keep
// (anonymize) and decrypt, deanonymize_keep (deanonymize), with Presidio's parameter checks; plus
// Sentinel's pseudonymize (deterministic keyed pseudonyms, anonymizer/pseudonym.h).
#ifndef PRESIDIO_ANONYMIZER_OPERATORS_H_
#define PRESIDIO_ANONYMIZER_OPERATORS_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace presidio {

class PseudonymKey;

struct OperatorConfig {
  std::string type;
  nlohmann::json params = nlohmann::json::object();  // every key of the config except "type"
  // The module's pseudonym key (pseudonym_key_file), set by the service, never from a request; null when the
  // module has none, and then "pseudonymize" is refused.
  std::shared_ptr<const PseudonymKey> pseudonym_key;
};

enum class OperatorKind { kAnonymize, kDeanonymize };

// An error with the HTTP status Presidio answers it with (400 or 422).
struct OperatorError {
  int http_status = 422;
  std::string message;
};

bool ValidateOperator(const OperatorConfig& config, OperatorKind kind, OperatorError* error);

// Transforms the UTF-8 `text` of one entity. ValidateOperator must have accepted `config`.
bool ApplyOperator(const OperatorConfig& config, OperatorKind kind, std::string_view text,
                   const std::string& entity_type, std::string* out, OperatorError* error);

// Names served by GET /anonymizers and GET /deanonymizers.
std::vector<std::string> AnonymizerNames();
std::vector<std::string> DeanonymizerNames();

}  // namespace presidio

#endif  // PRESIDIO_ANONYMIZER_OPERATORS_H_
