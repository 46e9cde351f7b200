#include "core/national_checksums.h"

#include <string>

#include "core/checksums.h"

namespace presidio {

namespace {

bool Digits(std::string_view s, size_t length) {
  if (s.size() != length) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int D(char c) { return c - '0'; }

// Python's % for a positive modulus.
int PyMod(int a, int m) { return ((a % m) + m) % m; }

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

bool VerhoeffValid(std::string_view digits) {
  static const int kD[10][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                                 {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                                 {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                                 {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                                 {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
  static const int kP[8][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                                {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                                {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                                {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
  if (!Digits(digits, digits.size()) || digits.empty()) return false;
  int c = 0;
  size_t i = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++i) c = kD[c][kP[i % 8][D(*it)]];
  return c == 0;  // inv[c] == 0 only for c == 0
}

bool AuAbnValid(std::string_view digits) {
  if (!Digits(digits, 11)) return false;
  static const int kWeights[11] = {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
  int sum = 0;
  for (int i = 0; i < 11; ++i) sum += (D(digits[i]) - (i == 0 ? 1 : 0)) * kWeights[i];
  return PyMod(sum, 89) == 0;
}

bool AuAcnValid(std::string_view digits) {
  if (!Digits(digits, 9)) return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += D(digits[i]) * (8 - i);
  return (10 - sum % 10) % 10 == D(digits[8]);
}

bool AuTfnValid(std::string_view digits) {
  if (!Digits(digits, 9)) return false;
  static const int kWeights[9] = {1, 4, 3, 7, 5, 8, 6, 9, 10};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += D(digits[i]) * kWeights[i];
  return sum % 11 == 0;
}

bool AuMedicareValid(std::string_view digits) {
  if (digits.size() < 9 || !Digits(digits, digits.size())) return false;
  static const int kWeights[8] = {1, 3, 7, 9, 1, 3, 7, 9};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += D(digits[i]) * kWeights[i];
  return sum % 10 == D(digits[8]);
}

bool AbaRoutingValid(std::string_view digits) {
  if (!Digits(digits, 9)) return false;
  static const int kWeights[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += D(digits[i]) * kWeights[i];
  return sum % 10 == 0;
}

bool NpiValid(std::string_view digits) {
  if (!Digits(digits, 10)) return false;
  return LuhnValid("80840" + std::string(digits));
}

bool Iso7064Mod1110Valid(std::string_view digits) {
  if (digits.size() < 2 || !Digits(digits, digits.size())) return false;
  int product = 10;
  for (size_t i = 0; i + 1 < digits.size(); ++i) {
    int total = (D(digits[i]) + product) % 10;
    if (total == 0) total = 10;
    product = (total * 2) % 11;
  }
  int check = 11 - product;
  if (check == 10) check = 0;
  return check == D(digits.back());
}

bool DeHealthInsuranceValid(std::string_view kvnr) {
  if (kvnr.size() != 10 || !IsUpper(kvnr[0]) || !Digits(kvnr.substr(1), 9)) return false;
  int letter = kvnr[0] - 'A' + 1;
  std::string effective = std::to_string(letter / 10) + std::to_string(letter % 10) + std::string(kvnr.substr(1, 8));
  int total = 0;
  for (size_t i = 0; i < effective.size(); ++i) {
    int product = D(effective[i]) * (i % 2 == 0 ? 1 : 2);
    if (product >= 10) product = product / 10 + product % 10;
    total += product;
  }
  return total % 10 == D(kvnr[9]);
}

bool Icao9303Valid(std::string_view number) {
  if (number.size() != 9 || number[8] < '0' || number[8] > '9') return false;
  static const int kWeights[3] = {7, 3, 1};
  int total = 0;
  for (size_t i = 0; i < 8; ++i) {
    char c = number[i];
    int value;
    if (c >= '0' && c <= '9') {
      value = D(c);
    } else if (IsUpper(c)) {
      value = c - 'A' + 10;
    } else {
      return false;
    }
    total += value * kWeights[i % 3];
  }
  return total % 10 == D(number[8]);
}

bool DeLanrValid(std::string_view digits) {
  if (!Digits(digits, 9)) return false;
  static const int kWeights[6] = {4, 9, 4, 9, 4, 9};
  int total = 0;
  for (int i = 0; i < 6; ++i) total += D(digits[i]) * kWeights[i];
  return (10 - total % 10) % 10 == D(digits[6]);
}

bool DeSocialSecurityValid(std::string_view number) {
  if (number.size() != 12 || !Digits(number.substr(0, 8), 8) || !IsUpper(number[8]) || !Digits(number.substr(9), 3)) {
    return false;
  }
  int day = D(number[2]) * 10 + D(number[3]);
  int month = D(number[4]) * 10 + D(number[5]);
  if (!((day >= 1 && day <= 31) || (day >= 51 && day <= 81))) return false;
  if (month < 1 || month > 12) return false;
  int letter = number[8] - 'A' + 1;
  std::string effective = std::string(number.substr(0, 8)) + std::to_string(letter / 10) + std::to_string(letter % 10) +
                          std::string(number.substr(9, 2));
  static const int kWeights[12] = {2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
  int total = 0;
  for (size_t i = 0; i < effective.size(); ++i) {
    int product = D(effective[i]) * kWeights[i];
    total += product / 10 + product % 10;
  }
  return total % 10 == D(number[11]);
}

bool ItFiscalCodeValid(std::string_view code) {
  if (code.size() != 16) return false;
  // Odd positions (1st, 3rd, ...) per character: digits 0-9, then letters A-Z.
  static const int kOddDigits[10] = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
  static const int kOddLetters[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                      20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (size_t i = 0; i < 15; ++i) {
    char c = code[i];
    int value;
    if (c >= '0' && c <= '9') {
      value = i % 2 == 0 ? kOddDigits[D(c)] : D(c);
    } else if (IsUpper(c)) {
      value = i % 2 == 0 ? kOddLetters[c - 'A'] : c - 'A';
    } else {
      return false;
    }
    sum += value;
  }
  return code[15] == static_cast<char>('A' + sum % 26);
}

bool ItVatCodeValid(std::string_view digits) {
  if (!Digits(digits, 11) || digits == "00000000000") return false;
  int x = 0, y = 0;
  for (int i = 0; i < 5; ++i) {
    x += D(digits[2 * i]);
    int doubled = D(digits[2 * i + 1]) * 2;
    if (doubled > 9) doubled -= 9;
    y += doubled;
  }
  return (10 - (x + y) % 10) % 10 == D(digits[10]);
}

char EsNifLetter(unsigned long long number) { return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]; }

bool KrBrnValid(std::string_view digits) {
  if (!Digits(digits, 10)) return false;
  static const int kKeys[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int total = 0;
  for (int i = 0; i < 8; ++i) total += D(digits[i]) * kKeys[i];
  int last = D(digits[8]) * kKeys[8];
  total += last / 10 + last;
  return (10 - total % 10) % 10 == D(digits[9]);
}

namespace {

int KrWeightedSum(std::string_view digits) {
  static const int kWeights[12] = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += D(digits[i]) * kWeights[i];
  return sum;
}

}  // namespace

bool KrRrnChecksumValid(std::string_view digits) {
  if (!Digits(digits, 13)) return false;
  return (11 - KrWeightedSum(digits) % 11) % 10 == D(digits[12]);
}

bool KrFrnChecksumValid(std::string_view digits) {
  if (!Digits(digits, 13)) return false;
  return (13 - KrWeightedSum(digits) % 11) % 10 == D(digits[12]);
}

bool ThTninValid(std::string_view digits) {
  if (!Digits(digits, 13)) return false;
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (13 - i) * D(digits[i]);
  int x = sum % 11;
  int expected = x <= 1 ? 1 - x : 11 - x;
  return expected == D(digits[12]);
}

bool TrTcknValid(std::string_view digits) {
  if (!Digits(digits, 11) || digits[0] == '0') return false;
  int odd = 0, even = 0, first_ten = 0;
  for (int i = 0; i < 9; i += 2) odd += D(digits[i]);
  for (int i = 1; i < 8; i += 2) even += D(digits[i]);
  for (int i = 0; i < 10; ++i) first_ten += D(digits[i]);
  return PyMod(odd * 7 - even, 10) == D(digits[9]) && first_ten % 10 == D(digits[10]);
}

bool PlPeselValid(std::string_view digits) {
  if (!Digits(digits, 11)) return false;
  static const int kWeights[10] = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += D(digits[i]) * kWeights[i];
  return (10 - sum % 10) % 10 == D(digits[10]);
}

bool PhTinValid(std::string_view digits) {
  if (!Digits(digits, 9) && !Digits(digits, 12)) return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += D(digits[i]) * (9 - i);
  return sum % 11 == D(digits[8]);
}

bool SgUenValid(std::string_view uen, int current_year) {
  auto weighted = [&](const int* weights, size_t n, int* sum) {
    *sum = 0;
    for (size_t i = 0; i < n; ++i) {
      if (uen[i] < '0' || uen[i] > '9') return false;
      *sum += D(uen[i]) * weights[i];
    }
    return true;
  };
  int sum = 0;
  if (uen.size() == 9) {
    static const int kWeights[8] = {10, 4, 9, 3, 8, 2, 7, 1};
    return weighted(kWeights, 8, &sum) && uen[8] == "XMKECAWLJDB"[sum % 11];
  }
  if (uen.size() != 10) return false;
  const bool alpha = (uen[0] >= 'A' && uen[0] <= 'Z') || (uen[0] >= 'a' && uen[0] <= 'z');
  if (!alpha) {
    static const int kWeights[9] = {10, 8, 6, 4, 9, 7, 5, 3, 1};
    if (!Digits(uen.substr(0, 4), 4) || std::stoi(std::string(uen.substr(0, 4))) > current_year) return false;
    return weighted(kWeights, 9, &sum) && uen[9] == "ZKCMDNERGWH"[sum % 11];
  }
  if (uen[0] != 'T' && uen[0] != 'S' && uen[0] != 'R') return false;
  static const char* const kTypes[] = {"LP", "LL", "FC", "PF", "RF", "MQ", "MM", "NB", "CC", "CS", "MB", "FM", "GS",
                                       "DP", "CP", "NR", "CM", "CD", "MD", "HS", "VH", "CH", "MH", "CL", "XL", "CX",
                                       "HC", "RP", "TU", "TC", "FB", "FN", "PA", "PB", "SS", "MC", "SM", "GA", "GB"};
  bool known_type = false;
  for (const char* type : kTypes) known_type = known_type || uen.substr(3, 2) == type;
  if (!known_type) return false;
  static const std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWX0123456789";
  static const int kWeights[9] = {4, 3, 5, 3, 10, 2, 2, 5, 7};
  for (size_t i = 0; i < 9; ++i) {
    size_t index = kAlphabet.find(uen[i]);
    if (index == std::string_view::npos) return false;  // Presidio raises ValueError here
    sum += static_cast<int>(index) * kWeights[i];
  }
  return uen[9] == kAlphabet[static_cast<size_t>(PyMod(sum - 5, 11))];
}

bool IsValidDate(int year, int month, int day) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

bool FiPersonalIdentityCodeValid(std::string_view code) {
  if (code.size() != 11 || !Digits(code.substr(0, 6), 6) || !Digits(code.substr(7, 3), 3)) return false;
  int day = D(code[0]) * 10 + D(code[1]);
  int month = D(code[2]) * 10 + D(code[3]);
  int yy = D(code[4]) * 10 + D(code[5]);
  int year = yy < 69 ? 2000 + yy : 1900 + yy;  // Python's %y
  if (!IsValidDate(year, month, day)) return false;
  long number = std::stol(std::string(code.substr(0, 6)) + std::string(code.substr(7, 3)));
  return code[10] == "0123456789ABCDEFHJKLMNPRSTUVWXY"[number % 31];
}

}  // namespace presidio
