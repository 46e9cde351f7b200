// country_recognizers_africa.cc -- Presidio's Nigerian (NIN, vehicle registration) and South
// African (ID number) recognizers.
#include <ctime>

#include "core/checked_pattern_recognizer.h"
#include "core/checksums.h"
#include "core/country_recognizers.h"
#include "core/national_checksums.h"

namespace presidio {

namespace {

// YYMMDD is a real date not after today; YY above this year's two digits is in the 1900s.
bool ZaBirthDateValid(std::string_view yymmdd) {
  std::time_t now = std::time(nullptr);
  std::tm today{};
  localtime_r(&now, &today);
  const int this_year = today.tm_year + 1900;
  int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  int month = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  int day = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  int year = (yy > this_year % 100 ? 1900 : 2000) + yy;
  if (!IsValidDate(year, month, day)) return false;
  const int birth = year * 10000 + month * 100 + day;
  const int now_date = this_year * 10000 + (today.tm_mon + 1) * 100 + today.tm_mday;
  return birth <= now_date;
}

}  // namespace

std::unique_ptr<Recognizer> NewNgNinRecognizer() {
  return MakeChecked("NgNinRecognizer", "NG_NIN", {{"NIN (Very Weak)", R"(\b\d{11}\b)", 0.01}},
                     {"nin", "national identification number", "national identity number", "nimc", "national identity",
                      "nigeria id", "nigerian identification"},
                     [](std::string_view m) { return ValidIf(m.size() == 11 && AllDigits(m) && VerhoeffValid(m)); });
}

std::unique_ptr<Recognizer> NewNgVehicleRegistrationRecognizer() {
  return MakeChecked(
      "NgVehicleRegistrationRecognizer", "NG_VEHICLE_REGISTRATION",
      {{"Nigeria Vehicle Registration", R"(\b[A-Z]{3}[- ]?\d{3}[A-Z]{2}\b)", 0.5}},
      {"plate number", "vehicle registration", "license plate", "number plate", "plate", "vehicle", "registration"});
}

std::unique_ptr<Recognizer> NewZaIdNumberRecognizer() {
  return MakeChecked(
      "ZaIdNumberRecognizer", "ZA_ID_NUMBER", {{"South African ID Number", R"(\b\d{10}[0-2][89]\d\b)", 0.2}},
      {"id", "identity", "identity number", "id number", "south african id", "rsa id", "smart id", "national id"},
      [](std::string_view m) {
        if (m.size() != 13 || !AllDigits(m)) return Validation::kInvalid;
        // Birth date, citizenship (0-2), the former race digit (8 or 9), Luhn.
        bool valid = ZaBirthDateValid(m.substr(0, 6)) && m[10] >= '0' && m[10] <= '2' &&
                     (m[11] == '8' || m[11] == '9') && LuhnValid(m);
        return ValidIf(valid);
      });
}

}  // namespace presidio
