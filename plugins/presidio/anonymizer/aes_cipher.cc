#include "anonymizer/aes_cipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <vector>

namespace presidio {

namespace {

const EVP_CIPHER* CipherFor(size_t key_size) {
  switch (key_size) {
    case 16:
      return EVP_aes_128_cbc();
    case 24:
      return EVP_aes_192_cbc();
    case 32:
      return EVP_aes_256_cbc();
    default:
      return nullptr;
  }
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

bool IsValidAesKeySize(std::string_view key) { return CipherFor(key.size()) != nullptr; }

std::string UrlSafeBase64Encode(std::string_view bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  while (i + 3 <= bytes.size()) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                 static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
    i += 3;
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string Base64DecodeLenient(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    else if (c == '=')
      break;
    else
      continue;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

bool AesEncrypt(std::string_view key, std::string_view plaintext, std::string* out) {
  const EVP_CIPHER* cipher = CipherFor(key.size());
  if (cipher == nullptr) return false;
  unsigned char iv[16];
  if (RAND_bytes(iv, sizeof(iv)) != 1) return false;
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, reinterpret_cast<const unsigned char*>(key.data()), iv) != 1) {
    return false;
  }
  std::vector<unsigned char> buffer(plaintext.size() + 32);
  int written = 0, final_written = 0;
  if (EVP_EncryptUpdate(ctx.get(), buffer.data(), &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), buffer.data() + written, &final_written) != 1) {
    return false;
  }
  std::string raw(reinterpret_cast<const char*>(iv), sizeof(iv));
  raw.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(written + final_written));
  *out = UrlSafeBase64Encode(raw);
  return true;
}

bool AesDecrypt(std::string_view key, std::string_view ciphertext_b64, std::string* out) {
  const EVP_CIPHER* cipher = CipherFor(key.size());
  if (cipher == nullptr) return false;
  std::string raw = Base64DecodeLenient(ciphertext_b64);
  if (raw.size() < 32 || raw.size() % 16 != 0) return false;
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  const auto* iv = reinterpret_cast<const unsigned char*>(raw.data());
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, reinterpret_cast<const unsigned char*>(key.data()), iv) != 1) {
    return false;
  }
  std::vector<unsigned char> buffer(raw.size());
  int written = 0, final_written = 0;
  if (EVP_DecryptUpdate(ctx.get(), buffer.data(), &written, iv + 16, static_cast<int>(raw.size() - 16)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), buffer.data() + written, &final_written) != 1) {
    return false;
  }
  out->assign(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(written + final_written));
  return true;
}

}  // namespace presidio
