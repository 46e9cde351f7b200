#include "core/checksums.h"

#include <openssl/sha.h>

#include <cstdint>
#include <vector>

namespace presidio {

std::string DigitsOnly(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool doubled = false;
  for (size_t i = digits.size(); i-- > 0;) {
    char c = digits[i];
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool DeaChecksumValid(std::string_view value) {
  std::string compact;
  for (char c : value) {
    if (c != '-' && c != ' ') compact.push_back(c);
  }
  if (compact.size() != 9) return false;
  int d[7];
  for (int i = 0; i < 7; ++i) {
    char c = compact[2 + i];
    if (c < '0' || c > '9') return false;
    d[i] = c - '0';
  }
  int total = (d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5]);
  return total % 10 == d[6];
}

bool NhsChecksumValid(std::string_view digits) {
  if (digits.size() != 10) return false;
  int total = 0;
  for (int i = 0; i < 10; ++i) {
    char c = digits[i];
    if (c < '0' || c > '9') return false;
    total += (c - '0') * (10 - i);
  }
  return total % 11 == 0;
}

bool IbanCheckDigitsValid(std::string_view iban) {
  if (iban.size() < 5) return false;
  // Move the country code and check digits to the end, letters become 10..35, then mod 97
  // digit by digit so no big integer is needed.
  std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 2)) + "00";
  int remainder = 0;
  for (char c : rearranged) {
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
      remainder = (remainder * 10 + value) % 97;
      continue;
    }
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return false;
    value = c - 'A' + 10;
    remainder = (remainder * 100 + value) % 97;
  }
  int check = 98 - remainder;
  char expected[3] = {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10), 0};
  return iban[2] == expected[0] && iban[3] == expected[1];
}

bool Base58CheckValid(std::string_view address) {
  static const char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  int8_t index[256];
  for (int i = 0; i < 256; ++i) index[i] = -1;
  for (int i = 0; i < 58; ++i) index[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);

  size_t leading_ones = 0;
  while (leading_ones < address.size() && address[leading_ones] == '1') ++leading_ones;
  // Big-endian base-256 accumulator.
  std::vector<uint8_t> number;
  for (size_t i = leading_ones; i < address.size(); ++i) {
    int digit = index[static_cast<unsigned char>(address[i])];
    if (digit < 0) return false;
    int carry = digit;
    for (size_t k = number.size(); k-- > 0;) {
      carry += number[k] * 58;
      number[k] = static_cast<uint8_t>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry > 0) {
      number.insert(number.begin(), static_cast<uint8_t>(carry & 0xFF));
      carry >>= 8;
    }
  }
  std::vector<uint8_t> bytes(leading_ones, 0);
  bytes.insert(bytes.end(), number.begin(), number.end());
  if (bytes.size() < 5) return false;
  unsigned char first[SHA256_DIGEST_LENGTH];
  unsigned char second[SHA256_DIGEST_LENGTH];
  SHA256(bytes.data(), bytes.size() - 4, first);
  SHA256(first, sizeof(first), second);
  for (int i = 0; i < 4; ++i) {
    if (bytes[bytes.size() - 4 + i] != second[i]) return false;
  }
  return true;
}

namespace {

uint32_t Bech32Polymod(const std::vector<uint8_t>& values) {
  static const uint32_t kGenerator[5] = {0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3};
  uint32_t chk = 1;
  for (uint8_t value : values) {
    uint32_t top = chk >> 25;
    chk = ((chk & 0x1FFFFFF) << 5) ^ value;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGenerator[i];
    }
  }
  return chk;
}

}  // namespace

bool Bech32Valid(std::string_view address) {
  static const char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  if (address.size() > 90) return false;
  bool has_lower = false, has_upper = false;
  for (char c : address) {
    if (c < 33 || c > 126) return false;
    if (c >= 'a' && c <= 'z') has_lower = true;
    if (c >= 'A' && c <= 'Z') has_upper = true;
  }
  if (has_lower && has_upper) return false;
  std::string lower;
  for (char c : address) lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  size_t pos = lower.rfind('1');
  if (pos == std::string::npos || pos < 1 || pos + 7 > lower.size()) return false;
  std::vector<uint8_t> values;
  for (size_t i = 0; i < pos; ++i) values.push_back(static_cast<uint8_t>(lower[i] >> 5));
  values.push_back(0);
  for (size_t i = 0; i < pos; ++i) values.push_back(static_cast<uint8_t>(lower[i] & 31));
  for (size_t i = pos + 1; i < lower.size(); ++i) {
    const char* found = nullptr;
    for (const char* p = kCharset; *p; ++p) {
      if (*p == lower[i]) {
        found = p;
        break;
      }
    }
    if (found == nullptr) return false;
    values.push_back(static_cast<uint8_t>(found - kCharset));
  }
  uint32_t constant = Bech32Polymod(values);
  return constant == 1 || constant == 0x2BC830A3;
}

}  // namespace presidio
