// pseudonym.h -- deterministic keyed pseudonyms for the "pseudonymize" operator.
//
// A value is replaced by a token derived from HMAC-SHA256(key, entity_type || 0x00 || value): the same value and
// entity type give the same pseudonym on every partition, retry, replica and run that share the key, so joins
// across redacted tables keep working; without the key the value cannot be recovered or confirmed by guessing.
// The key comes from a file named in the module settings (pseudonym_key_file), never from a request; it is held
// here only, and no message of this component ever contains it or any part of it.
//
// Two shapes:
//   token      "<PERSON_5d41402abc4b2a76>"       entity type + 16 hex digits (64 bits) of the HMAC
//   surrogate  a realistic value of the same kind, chosen from small built-in lists by the HMAC: a name for
//              PERSON, a valid-looking e-mail for EMAIL_ADDRESS, a Luhn-valid card number for CREDIT_CARD, ...
//              Entity types without a surrogate kind fall back to the token.
#ifndef PRESIDIO_ANONYMIZER_PSEUDONYM_H_
#define PRESIDIO_ANONYMIZER_PSEUDONYM_H_

#include <memory>
#include <string>
#include <string_view>

namespace presidio {

class PseudonymKey {
 public:
  static constexpr size_t kMinKeyBytes = 16;

  // Reads the key from `path`: the file's bytes with one trailing newline (\n or \r\n) removed, at least
  // kMinKeyBytes. On failure `error` names the file and the reason, never the file's content.
  static std::shared_ptr<const PseudonymKey> Load(const std::string& path, std::string* error);
  // For tests.
  static std::shared_ptr<const PseudonymKey> FromBytes(std::string bytes) {
    return std::shared_ptr<const PseudonymKey>(new PseudonymKey(std::move(bytes)));
  }

  // HMAC-SHA256(key, entity_type || 0x00 || value): 32 bytes.
  std::string Digest(std::string_view entity_type, std::string_view value) const;

  // The pseudonym of `value` as an `entity_type`.
  std::string Pseudonym(std::string_view entity_type, std::string_view value, bool surrogate) const;

  PseudonymKey(const PseudonymKey&) = delete;
  PseudonymKey& operator=(const PseudonymKey&) = delete;
  ~PseudonymKey();

 private:
  explicit PseudonymKey(std::string bytes) : key_(std::move(bytes)) {}
  std::string key_;
};

// Entity types that have a realistic surrogate (surrogate: true).
bool HasSurrogate(std::string_view entity_type);

}  // namespace presidio

#endif  // PRESIDIO_ANONYMIZER_PSEUDONYM_H_
