#include "anonymizer/operators.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdio>

#include "anonymizer/aes_cipher.h"
#include "anonymizer/pseudonym.h"
#include "common/utf8.h"
#include "core/text_offsets.h"

namespace presidio {

namespace {

constexpr size_t kMinSaltBytes = 16;

std::string JsonTypeName(const nlohmann::json& value) {
  if (value.is_string()) return "str";
  if (value.is_boolean()) return "bool";
  if (value.is_number_integer()) return "int";
  if (value.is_number_float()) return "float";
  if (value.is_array()) return "list";
  if (value.is_object()) return "dict";
  return "NoneType";
}

bool Fail(OperatorError* error, int status, std::string message) {
  error->http_status = status;
  error->message = std::move(message);
  return false;
}

// Presidio's validate_parameter: present, and of the expected type.
bool RequireParam(const nlohmann::json& params, const char* name, const char* type, OperatorError* error) {
  if (!params.contains(name) || params[name].is_null()) {
    return Fail(error, 422, std::string("Expected parameter ") + name);
  }
  const nlohmann::json& value = params[name];
  bool ok = (std::string(type) == "str" && value.is_string()) ||
            (std::string(type) == "int" && value.is_number_integer()) ||
            (std::string(type) == "bool" && value.is_boolean());
  if (!ok) {
    return Fail(error, 422,
                std::string("Invalid parameter value for ") + name + ". Expecting '" + type + "', but got '" +
                    JsonTypeName(value) + "'.");
  }
  return true;
}

bool ValidateSalt(const nlohmann::json& params, OperatorError* error) {
  if (!params.contains("salt") || params["salt"].is_null()) return true;
  const nlohmann::json& salt = params["salt"];
  if (!salt.is_string()) {
    return Fail(error, 422,
                "Invalid salt type '" + JsonTypeName(salt) +
                    "'. Salt must be a string or bytes of at least 16 bytes (128 bits), or omitted to generate a "
                    "random salt.");
  }
  size_t size = salt.get<std::string>().size();
  if (size == 0) {
    return Fail(error, 422,
                "Salt parameter cannot be empty. Either omit the salt parameter to auto-generate a random salt, or "
                "provide a salt of at least 16 bytes (128 bits).");
  }
  if (size < kMinSaltBytes) {
    return Fail(error, 422,
                "Salt must be at least 16 bytes (128 bits). Provided salt is " + std::to_string(size) + " bytes.");
  }
  return true;
}

std::string HexDigest(const unsigned char* digest, size_t size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace

// Presidio's list, as Presidio clients expect it; Sentinel's "pseudonymize" is accepted but not listed.
std::vector<std::string> AnonymizerNames() { return {"encrypt", "hash", "keep", "mask", "redact", "replace"}; }
std::vector<std::string> DeanonymizerNames() { return {"decrypt", "deanonymize_keep"}; }

bool ValidateOperator(const OperatorConfig& config, OperatorKind kind, OperatorError* error) {
  const nlohmann::json& p = config.params;
  const std::string& type = config.type;
  if (type == "custom") return Fail(error, 400, "Custom type anonymizer is not supported");
  if (kind == OperatorKind::kDeanonymize) {
    if (type == "deanonymize_keep") return true;
    if (type == "decrypt") {
      if (!RequireParam(p, "key", "str", error)) return false;
      if (!IsValidAesKeySize(p["key"].get<std::string>())) {
        return Fail(error, 422, "Invalid input, key must be of length 128, 192 or 256 bits");
      }
      return true;
    }
    return Fail(error, 422, "Invalid operator class '" + type + "'.");
  }
  if (type == "replace") {
    if (p.contains("new_value") && !p["new_value"].is_null() && !p["new_value"].is_string()) {
      return Fail(
          error, 422,
          "Invalid parameter value for new_value. Expecting 'str', but got '" + JsonTypeName(p["new_value"]) + "'.");
    }
    return true;
  }
  if (type == "redact" || type == "keep") return true;
  if (type == "mask") {
    if (!RequireParam(p, "masking_char", "str", error)) return false;
    if (sentinel::utf8::Decode(p["masking_char"].get<std::string>()).size() != 1) {
      return Fail(error, 422, "Invalid input, masking_char must be a character");
    }
    return RequireParam(p, "chars_to_mask", "int", error) && RequireParam(p, "from_end", "bool", error);
  }
  if (type == "hash") {
    std::string hash_type = "sha256";
    if (p.contains("hash_type")) {
      if (!p["hash_type"].is_string()) {
        return Fail(
            error, 422,
            "Invalid parameter value for hash_type. Expecting 'str', but got '" + JsonTypeName(p["hash_type"]) + "'.");
      }
      hash_type = p["hash_type"].get<std::string>();
    }
    if (hash_type != "sha256" && hash_type != "sha512") {
      return Fail(error, 422,
                  "Parameter hash_type value " + hash_type + " is not in range of values ['sha256', 'sha512']");
    }
    return ValidateSalt(p, error);
  }
  if (type == "encrypt") {
    if (!RequireParam(p, "key", "str", error)) return false;
    if (!IsValidAesKeySize(p["key"].get<std::string>())) {
      return Fail(error, 422, "Invalid input, key must be of length 128, 192 or 256 bits");
    }
    return true;
  }
  if (type == "pseudonymize") {
    // The key is the module's; one in a request is refused rather than ignored, so nobody believes it applied.
    for (const auto& [name, value] : p.items()) {
      if (name != "surrogate") {
        return Fail(error, 422,
                    "Invalid parameter " + name +
                        " for pseudonymize: it takes only 'surrogate' (the key is the module's "
                        "pseudonym_key_file, never part of a request)");
      }
    }
    if (p.contains("surrogate") && !p["surrogate"].is_boolean()) {
      return Fail(error, 422,
                  "Invalid parameter value for surrogate. Expecting 'bool', but got '" +
                      JsonTypeName(p["surrogate"]) + "'.");
    }
    if (!config.pseudonym_key) {
      return Fail(error, 422,
                  "pseudonymize needs a key: set pseudonym_key_file in the presidio module's settings");
    }
    return true;
  }
  return Fail(error, 422, "Invalid operator class '" + type + "'.");
}

bool ApplyOperator(const OperatorConfig& config, OperatorKind kind, std::string_view text,
                   const std::string& entity_type, std::string* out, OperatorError* error) {
  const nlohmann::json& p = config.params;
  const std::string& type = config.type;
  if (type == "keep" || type == "deanonymize_keep") {
    *out = std::string(text);
  } else if (type == "redact") {
    out->clear();
  } else if (type == "replace") {
    std::string value = p.contains("new_value") && p["new_value"].is_string() ? p["new_value"].get<std::string>() : "";
    *out = value.empty() ? "<" + entity_type + ">" : value;
  } else if (type == "mask") {
    std::u32string chars = sentinel::utf8::Decode(text);
    std::u32string mask_char = sentinel::utf8::Decode(p["masking_char"].get<std::string>());
    long long requested = p["chars_to_mask"].get<long long>();
    size_t count = requested > 0 ? std::min(chars.size(), static_cast<size_t>(requested)) : 0;
    size_t begin = p["from_end"].get<bool>() ? chars.size() - count : 0;
    for (size_t i = begin; i < begin + count; ++i) chars[i] = mask_char[0];
    *out = sentinel::utf8::Encode(chars);
  } else if (type == "hash") {
    std::string salt;
    if (p.contains("salt") && p["salt"].is_string()) {
      salt = p["salt"].get<std::string>();
    } else {
      // Presidio >= 2.2.361: without a salt, each entity gets 32 random bytes.
      unsigned char random[32];
      if (RAND_bytes(random, sizeof(random)) != 1) {
        error->http_status = 500;
        error->message = "Internal server error";
        return false;
      }
      salt.assign(reinterpret_cast<const char*>(random), sizeof(random));
    }
    std::string input = std::string(text) + salt;
    std::string hash_type = p.contains("hash_type") ? p["hash_type"].get<std::string>() : "sha256";
    if (hash_type == "sha512") {
      unsigned char digest[SHA512_DIGEST_LENGTH];
      SHA512(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
      *out = HexDigest(digest, sizeof(digest));
    } else {
      unsigned char digest[SHA256_DIGEST_LENGTH];
      SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
      *out = HexDigest(digest, sizeof(digest));
    }
  } else if (type == "encrypt") {
    if (!AesEncrypt(p["key"].get<std::string>(), text, out)) {
      error->http_status = 500;
      error->message = "Internal server error";
      return false;
    }
  } else if (type == "pseudonymize" && kind == OperatorKind::kAnonymize && config.pseudonym_key) {
    *out = config.pseudonym_key->Pseudonym(entity_type, text, p.value("surrogate", false));
  } else if (type == "decrypt" && kind == OperatorKind::kDeanonymize) {
    if (!AesDecrypt(p["key"].get<std::string>(), text, out) || !sentinel::utf8::IsValid(*out)) {
      error->http_status = 422;
      error->message = "Invalid input, the text could not be decrypted with the given key";
      return false;
    }
  } else {
    error->http_status = 422;
    error->message = "Invalid operator class '" + type + "'.";
    return false;
  }
  return true;
}

}  // namespace presidio
