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

namespace {

uint64_t Rotl64(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void KeccakF1600(uint64_t st[25]) {
  static const uint64_t kRoundConstants[24] = {
      0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL, 0x000000000000808bULL,
      0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL, 0x0000000000000088ULL,
      0x0000000080008009ULL, 0x000000008000000aULL, 0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
      0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
      0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};
  static const int kRotation[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                    27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
  static const int kPi[24] = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1};
  uint64_t bc[5];
  for (int round = 0; round < 24; ++round) {
    for (int i = 0; i < 5; ++i) bc[i] = st[i] ^ st[i + 5] ^ st[i + 10] ^ st[i + 15] ^ st[i + 20];
    for (int i = 0; i < 5; ++i) {
      uint64_t t = bc[(i + 4) % 5] ^ Rotl64(bc[(i + 1) % 5], 1);
      for (int j = 0; j < 25; j += 5) st[j + i] ^= t;
    }
    uint64_t t = st[1];
    for (int i = 0; i < 24; ++i) {
      int j = kPi[i];
      uint64_t saved = st[j];
      st[j] = Rotl64(t, kRotation[i]);
      t = saved;
    }
    for (int j = 0; j < 25; j += 5) {
      for (int i = 0; i < 5; ++i) bc[i] = st[j + i];
      for (int i = 0; i < 5; ++i) st[j + i] ^= (~bc[(i + 1) % 5]) & bc[(i + 2) % 5];
    }
    st[0] ^= kRoundConstants[round];
  }
}

}  // namespace

std::string Keccak256(std::string_view data) {
  constexpr size_t kRate = 136;
  uint64_t st[25] = {0};
  auto absorb = [&st](const uint8_t* block) {
    for (size_t i = 0; i < kRate / 8; ++i) {
      uint64_t lane = 0;
      for (int b = 7; b >= 0; --b) lane = (lane << 8) | block[i * 8 + static_cast<size_t>(b)];
      st[i] ^= lane;
    }
    KeccakF1600(st);
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  size_t offset = 0;
  for (; offset + kRate <= data.size(); offset += kRate) absorb(bytes + offset);
  uint8_t last[kRate] = {0};
  size_t rest = data.size() - offset;
  for (size_t i = 0; i < rest; ++i) last[i] = bytes[offset + i];
  last[rest] ^= 0x01;
  last[kRate - 1] ^= 0x80;
  absorb(last);
  std::string out(32, '\0');
  for (size_t i = 0; i < 32; ++i) out[i] = static_cast<char>((st[i / 8] >> (8 * (i % 8))) & 0xFF);
  return out;
}

bool Eip55Valid(std::string_view address) {
  if (address.size() != 42 || address[0] != '0' || (address[1] != 'x' && address[1] != 'X')) return false;
  std::string_view hex = address.substr(2);
  bool lower = false, upper = false;
  std::string normalized;
  for (char c : hex) {
    if (c >= 'a' && c <= 'f')
      lower = true;
    else if (c >= 'A' && c <= 'F')
      upper = true;
    else if (c < '0' || c > '9')
      return false;
    normalized.push_back(c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (!(lower && upper)) return false;
  std::string hash = Keccak256(normalized);
  for (size_t i = 0; i < 40; ++i) {
    char c = hex[i];
    if (c >= '0' && c <= '9') continue;
    uint8_t byte = static_cast<uint8_t>(hash[i / 2]);
    int nibble = (i % 2 == 0) ? (byte >> 4) : (byte & 0x0F);
    bool should_be_upper = nibble >= 8;
    if (should_be_upper != (c >= 'A' && c <= 'F')) return false;
  }
  return true;
}

}  // namespace presidio
