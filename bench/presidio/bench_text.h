// bench_text.h -- deterministic English-like text with PII sprinkled in, for the benchmarks.
#ifndef PRESIDIO_BENCH_BENCH_TEXT_H_
#define PRESIDIO_BENCH_BENCH_TEXT_H_

#include <cstddef>
#include <string>

namespace presidio_bench {

// About `bytes` of text: prose sentences, one in `pii_every` (the second, then every pii_every-th)
// carrying an entity (e-mail, phone, card, IBAN, date, IP, URL, SSN ...). The same seed gives the
// same text.
std::string MakeText(size_t bytes, unsigned seed, int pii_every = 4);

}  // namespace presidio_bench

#endif  // PRESIDIO_BENCH_BENCH_TEXT_H_
