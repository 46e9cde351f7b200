#include "bench_text.h"

#include <random>
#include <vector>

namespace presidio_bench {

std::string MakeText(size_t bytes, unsigned seed, int pii_every) {
  static const std::vector<std::string> kProse = {
      "The quarterly review covered the migration plan and the remaining open questions about staffing.",
      "We agreed to move the meeting to the larger room because more people wanted to attend.",
      "Please read the attached notes before tomorrow and send any corrections to the team.",
      "The shipment arrived two days late, but the contents were complete and undamaged.",
      "Our support engineers resolved most of the tickets within the first business day.",
      "After the outage, the service recovered quickly and no customer data was affected.",
      "The committee will publish its recommendations once the consultation period ends.",
      "She explained the new onboarding process to everyone who joined this month.",
  };
  static const std::vector<std::string> kPii = {
      "You can reach Maria at maria.gonzalez@example.com for questions.",
      "Call the front desk at (212) 555-0147 if the door is locked.",
      "The card on file is 4111 1111 1111 1111 and it expires soon.",
      "Wire the deposit to DE89 3704 0044 0532 0130 00 by Friday.",
      "His appointment is on 04/12/2021 at the downtown clinic.",
      "The server at 10.24.197.3 stopped answering health checks.",
      "The full report is at https://reports.example.org/q3/summary today.",
      "Her social security number 078-05-1123 was entered by mistake.",
      "The patient's NHS number is 401 023 2137 according to the letter.",
      "Send the refund to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq next week.",
      "The router's MAC address is 00:1A:2B:3C:4D:5E on the label.",
      "The driver license AC432223 was scanned at the entrance.",
  };
  std::mt19937 rng(seed);
  std::string text;
  text.reserve(bytes + 256);
  size_t sentence = 0;
  while (text.size() < bytes) {
    const std::string& s =
        (sentence % pii_every == 1 % pii_every) ? kPii[rng() % kPii.size()] : kProse[rng() % kProse.size()];
    text += s;
    text += (++sentence % 6 == 0) ? "\n" : " ";
  }
  text.resize(bytes);
  return text;
}

}  // namespace presidio_bench
