// aes_cipher.h -- AES-CBC exactly as presidio-anonymizer's AESCipher: PKCS7 padding, a random
// 16-byte IV prepended to the ciphertext, URL-safe base64 with padding. Keys are the UTF-8 bytes of
// the key string (16, 24 or 32 bytes).
#ifndef PRESIDIO_ANONYMIZER_AES_CIPHER_H_
#define PRESIDIO_ANONYMIZER_AES_CIPHER_H_

#include <string>
#include <string_view>

namespace presidio {

bool IsValidAesKeySize(std::string_view key);
// False only if the random IV could not be drawn or OpenSSL failed.
bool AesEncrypt(std::string_view key, std::string_view plaintext, std::string* out);
// Accepts both base64 alphabets and ignores other characters, as Python's urlsafe_b64decode does.
bool AesDecrypt(std::string_view key, std::string_view ciphertext_b64, std::string* out);

std::string UrlSafeBase64Encode(std::string_view bytes);
std::string Base64DecodeLenient(std::string_view text);

}  // namespace presidio

#endif  // PRESIDIO_ANONYMIZER_AES_CIPHER_H_
