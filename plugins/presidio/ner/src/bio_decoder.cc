#include "bio_decoder.h"

#include <cmath>
#include <limits>

#include "labels.h"

namespace presidio_ner {
namespace {

bool Allowed(int prev, int next) {
  if (IsBegin(next) || next == 0) return true;
  // next is I-X: prev must be B-X or I-X of the same entity.
  return prev != 0 && TagEntity(prev) == TagEntity(next);
}

}  // namespace

std::vector<TokenSpan> DecodeBio(const float* log_probs, size_t n,
                                 double continue_bonus) {
  std::vector<TokenSpan> spans;
  if (n == 0) return spans;
  const double kNeg = -std::numeric_limits<double>::infinity();
  std::vector<double> score(n * kNumTags, kNeg);
  std::vector<int> back(n * kNumTags, 0);
  for (int t = 0; t < kNumTags; ++t) {
    if (t == 0 || IsBegin(t)) score[t] = log_probs[t];
  }
  for (size_t i = 1; i < n; ++i) {
    for (int t = 0; t < kNumTags; ++t) {
      double best = kNeg;
      int arg = 0;
      for (int p = 0; p < kNumTags; ++p) {
        if (!Allowed(p, t)) continue;
        double s = score[(i - 1) * kNumTags + p];
        if (t != 0 && !IsBegin(t)) s += continue_bonus;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * kNumTags + t] = best + log_probs[i * kNumTags + t];
      back[i * kNumTags + t] = arg;
    }
  }
  std::vector<int> tags(n, 0);
  double best = kNeg;
  for (int t = 0; t < kNumTags; ++t) {
    if (score[(n - 1) * kNumTags + t] > best) {
      best = score[(n - 1) * kNumTags + t];
      tags[n - 1] = t;
    }
  }
  for (size_t i = n - 1; i > 0; --i) tags[i - 1] = back[i * kNumTags + tags[i]];

  size_t i = 0;
  while (i < n) {
    if (tags[i] == 0) {
      ++i;
      continue;
    }
    const int entity = TagEntity(tags[i]);
    size_t end = i + 1;
    while (end < n && !IsBegin(tags[end]) && tags[end] != 0 &&
           TagEntity(tags[end]) == entity) {
      ++end;
    }
    double sum = 0;
    for (size_t k = i; k < end; ++k) sum += log_probs[k * kNumTags + tags[k]];
    spans.push_back({entity, i, end, std::exp(sum / (end - i))});
    i = end;
  }
  return spans;
}

}  // namespace presidio_ner
