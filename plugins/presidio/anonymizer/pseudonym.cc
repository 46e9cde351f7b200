#include "anonymizer/pseudonym.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <iterator>

namespace presidio {

namespace {

// Small built-in lists: common given names and surnames of several origins, and large cities. A surrogate is
// picked by HMAC bits, so it is stable; different values may share a surrogate (64 x 64 names), which is why
// the token shape is the default and the one to use for join keys.
const char* const kFirstNames[] = {
    "James",   "Mary",    "Robert", "Patricia", "John",    "Jennifer", "Michael", "Linda",   "David",  "Elizabeth",
    "William", "Barbara", "Richard", "Susan",   "Joseph",  "Jessica",  "Thomas",  "Sarah",   "Carlos", "Karen",
    "Daniel",  "Lisa",    "Matthew", "Nancy",   "Anthony", "Sandra",   "Mark",    "Ashley",  "Ahmed",  "Fatima",
    "Wei",     "Mei",     "Raj",     "Priya",   "Kenji",   "Yuki",     "Olga",    "Ivan",    "Lukas",  "Anna",
    "Mateo",   "Sofia",   "Noah",    "Emma",    "Liam",    "Olivia",   "Omar",    "Leila",   "Pierre", "Chloe",
    "Hans",    "Greta",   "Diego",   "Lucia",   "Kofi",    "Amara",    "Sven",    "Ingrid",  "Tomas",  "Elena",
    "Arjun",   "Aisha",   "Hiro",    "Nadia"};
const char* const kLastNames[] = {
    "Smith",   "Johnson", "Williams", "Brown",   "Jones",  "Garcia",  "Miller",   "Davis",   "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson",  "Anderson", "Thomas", "Taylor",  "Moore",   "Jackson",   "Martin",
    "Lee",     "Perez",   "Thompson", "White",   "Harris", "Sanchez", "Clark",    "Ramirez", "Lewis",     "Robinson",
    "Walker",  "Young",   "Allen",    "King",    "Wright", "Scott",   "Torres",   "Nguyen",  "Hill",      "Flores",
    "Green",   "Adams",   "Nelson",   "Baker",   "Hall",   "Rivera",  "Campbell", "Mitchell", "Carter",   "Roberts",
    "Khan",    "Patel",   "Chen",     "Wang",    "Kim",    "Tanaka",  "Muller",   "Schmidt", "Rossi",     "Dubois",
    "Novak",   "Silva",   "Okafor",   "Larsen"};
const char* const kCities[] = {"Springfield", "Riverton",  "Fairview",  "Lakewood",  "Greenville", "Franklin",
                               "Clinton",     "Georgetown", "Salem",     "Madison",   "Ashland",    "Oakdale",
                               "Milford",     "Newport",    "Bristol",   "Dover",     "Hudson",     "Kingston",
                               "Lexington",   "Marion",     "Oxford",    "Burlington", "Clayton",   "Dayton",
                               "Jackson",     "Arlington",  "Centerville", "Winchester", "Auburn",  "Chester",
                               "Manchester",  "Princeton"};

template <size_t N>
const char* Pick(const char* const (&list)[N], const unsigned char* bytes) {
  unsigned value = (static_cast<unsigned>(bytes[0]) << 8) | bytes[1];
  return list[value % N];
}

std::string Hex(const unsigned char* bytes, size_t size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

// `count` decimal digits drawn from `bytes` (2 bytes per digit keeps the bias below 0.02%).
std::string Digits(const unsigned char* bytes, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    unsigned value = (static_cast<unsigned>(bytes[2 * i]) << 8) | bytes[2 * i + 1];
    out.push_back(static_cast<char>('0' + value % 10));
  }
  return out;
}

char LuhnCheckDigit(const std::string& digits) {
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

}  // namespace

PseudonymKey::~PseudonymKey() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::shared_ptr<const PseudonymKey> PseudonymKey::Load(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "pseudonym_key_file '" + path + "' cannot be read";
    return nullptr;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!bytes.empty() && bytes.back() == '\n') bytes.pop_back();
  if (!bytes.empty() && bytes.back() == '\r') bytes.pop_back();
  if (bytes.size() < kMinKeyBytes) {
    size_t size = bytes.size();
    OPENSSL_cleanse(bytes.data(), bytes.size());
    *error = "pseudonym_key_file '" + path + "' holds " + std::to_string(size) + " bytes; a key needs at least " +
             std::to_string(kMinKeyBytes) + " (e.g. `head -c 32 /dev/urandom | base64 > FILE`)";
    return nullptr;
  }
  return FromBytes(std::move(bytes));
}

std::string PseudonymKey::Digest(std::string_view entity_type, std::string_view value) const {
  std::string message;
  message.reserve(entity_type.size() + 1 + value.size());
  message.append(entity_type).push_back('\0');
  message.append(value);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

bool HasSurrogate(std::string_view type) {
  return type == "PERSON" || type == "EMAIL_ADDRESS" || type == "PHONE_NUMBER" || type == "CREDIT_CARD" ||
         type == "US_SSN" || type == "IP_ADDRESS" || type == "LOCATION" || type == "URL";
}

std::string PseudonymKey::Pseudonym(std::string_view type, std::string_view value, bool surrogate) const {
  const std::string digest = Digest(type, value);
  const auto* d = reinterpret_cast<const unsigned char*>(digest.data());  // 32 bytes
  if (surrogate) {
    if (type == "PERSON") return std::string(Pick(kFirstNames, d)) + " " + Pick(kLastNames, d + 2);
    if (type == "EMAIL_ADDRESS") {
      // example.com is reserved (RFC 2606): a surrogate address never reaches a real mailbox.
      return Lower(Pick(kFirstNames, d)) + "." + Lower(Pick(kLastNames, d + 2)) + "." + Hex(d + 4, 3) +
             "@example.com";
    }
    if (type == "PHONE_NUMBER") {
      std::string n = Digits(d, 7);
      return "+1 555 " + n.substr(0, 3) + " " + n.substr(3);
    }
    if (type == "CREDIT_CARD") {
      std::string n = "400000" + Digits(d, 9);  // a test-card issuer prefix; Luhn-valid
      n.push_back(LuhnCheckDigit(n));
      return n.substr(0, 4) + " " + n.substr(4, 4) + " " + n.substr(8, 4) + " " + n.substr(12, 4);
    }
    if (type == "US_SSN") {
      std::string n = Digits(d, 6);  // area 666 is never issued
      return "666-" + n.substr(0, 2) + "-" + n.substr(2, 4);
    }
    if (type == "IP_ADDRESS") {
      return "10." + std::to_string(d[0]) + "." + std::to_string(d[1]) + "." + std::to_string(d[2]);
    }
    if (type == "LOCATION") return Pick(kCities, d);
    if (type == "URL") return "https://example.com/" + Hex(d, 6);
  }
  return "<" + std::string(type) + "_" + Hex(d, 8) + ">";
}

}  // namespace presidio
