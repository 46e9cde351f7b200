// Evaluates a NER model folder on the evaluation splits of ../shared data
// (BTC dev, WNUT-17 dev, a held-out eighth of UNER EWT dev, and the held-out
// templates of presidio-research) and prints per-entity precision, recall
// and F1 for exact spans and for partial overlap, plus a score reliability
// table. Exits 0 with a message when the shared data is absent. Usage:
//   presidio_ner_eval --model DIR [--shared ../shared] [--errors N]
//                     [--cases tools/cases/names_places_dev.txt]
//   presidio_ner_eval --model DIR --text "some text"   (prints its spans)
// The last table ("summary") gives exact-span F1 per set for PERSON,
// LOCATION (addresses neutral on presidio sets) and ORGANIZATION.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "presidio_ner/ner_tagger.h"
#include "splits.h"

using namespace presidio_ner;

namespace {

struct Counts {
  size_t gold = 0, pred = 0;
  size_t exact_tp = 0;         // predictions equal to a gold span
  size_t partial_pred_ok = 0;  // predictions overlapping a gold span
  size_t partial_gold_hit = 0; // gold spans overlapped by a prediction
};

double Div(double a, double b) { return b == 0 ? 0 : a / b; }
double Fbeta(double p, double r, double beta) {
  const double b2 = beta * beta;
  return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r);
}

struct Gold {
  std::string label;
  size_t begin, end;
};

void Score(const std::vector<Gold>& gold, const std::vector<NerSpan>& pred,
           const std::string& label, Counts* c) {
  std::vector<bool> used(gold.size(), false);
  for (const Gold& g : gold) c->gold += g.label == label;
  for (const NerSpan& p : pred) {
    if (p.label != label) continue;
    ++c->pred;
    bool exact = false, overlap = false;
    for (size_t i = 0; i < gold.size(); ++i) {
      const Gold& g = gold[i];
      if (g.label != label) continue;
      if (g.begin < p.end_byte && p.begin_byte < g.end) overlap = true;
      if (!used[i] && g.begin == p.begin_byte && g.end == p.end_byte) {
        used[i] = true;
        exact = true;
        break;
      }
    }
    c->exact_tp += exact;
    c->partial_pred_ok += overlap;
  }
  for (const Gold& g : gold) {
    if (g.label != label) continue;
    for (const NerSpan& p : pred) {
      if (p.label == label && g.begin < p.end_byte && p.begin_byte < g.end) {
        ++c->partial_gold_hit;
        break;
      }
    }
  }
}

void PrintRow(const std::string& set, const std::string& label,
              const Counts& c) {
  const double pe = Div(c.exact_tp, c.pred), re = Div(c.exact_tp, c.gold);
  const double pp = Div(c.partial_pred_ok, c.pred),
               rp = Div(c.partial_gold_hit, c.gold);
  std::printf("| %s | %s | %zu | %zu | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n",
              set.c_str(), label.c_str(), c.gold, c.pred, pe, re,
              Fbeta(pe, re, 1), pp, rp, Fbeta(pp, rp, 1), Fbeta(pp, rp, 2));
}

}  // namespace

int main(int argc, char** argv) {
  std::string model, shared = "../shared";
  int show_errors = 0;  // print this many wrong examples per set
  std::string text;     // if set: tag this text, print spans, stop
  std::string cases;    // hand-written cases file (corpus.h: LoadMarkedCases)
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--model") model = argv[i + 1];
    else if (k == "--shared") shared = argv[i + 1];
    else if (k == "--errors") show_errors = std::stoi(argv[i + 1]);
    else if (k == "--text") text = argv[i + 1];
    else if (k == "--cases") cases = argv[i + 1];
  }
  if (model.empty()) {
    std::fprintf(stderr, "usage: %s --model DIR [--shared DIR]\n", argv[0]);
    return 2;
  }
  if (!std::filesystem::is_directory(shared + "/data")) {
    std::printf("shared data not found at %s; skipping evaluation\n",
                shared.c_str());
    return 0;
  }
  std::string error;
  std::unique_ptr<NerTagger> tagger = NerTagger::Load(model, &error);
  if (!tagger) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  if (!text.empty()) {
    for (const NerSpan& s : tagger->Tag(text)) {
      std::printf("%s [%zu, %zu) %.3f %s\n", s.label.c_str(), s.begin_byte,
                  s.end_byte, s.score,
                  text.substr(s.begin_byte, s.end_byte - s.begin_byte).c_str());
    }
    return 0;
  }
  SplitData data;
  if (!LoadSplits(shared, &data, &error)) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  if (!cases.empty()) {
    DataSet set{"hand-written cases", false, {}};
    if (!LoadMarkedCases(cases, &set.examples, &error)) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 1;
    }
    data.eval.insert(data.eval.begin(), std::move(set));
  }
  std::printf("| set | entity | gold | pred | P exact | R exact | F1 exact | "
              "P partial | R partial | F1 partial | F2 partial |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  // Reliability of scores: bins of predicted score vs exact precision.
  const double kEdges[] = {0.0, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0001};
  constexpr int kBins = 6;
  size_t bin_n[kBins] = {}, bin_ok[kBins] = {};
  double bin_sum[kBins] = {};
  double tag_seconds = 0;
  size_t texts = 0;
  auto f1 = [](const Counts& c) {
    const double p = Div(c.exact_tp, c.pred), r = Div(c.exact_tp, c.gold);
    return Fbeta(p, r, 1);
  };
  std::vector<std::string> summary;
  for (const DataSet& set : data.eval) {
    std::map<std::string, Counts> counts;
    std::map<std::string, Counts> address_view;  // presidio's LOCATION map
    int shown = 0;
    for (const Example& ex : set.examples) {
      const auto t0 = std::chrono::steady_clock::now();
      const std::vector<NerSpan> pred = tagger->Tag(ex.text);
      tag_seconds += std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - t0)
                         .count();
      ++texts;
      std::vector<Gold> gold, gold_addr;
      for (const GoldSpan& g : ex.spans) {
        if (!g.label.empty()) gold.push_back({g.label, g.begin, g.end});
        const bool address =
            g.type == "STREET_ADDRESS" || g.type == "ADDRESS";
        if (!g.label.empty() || address) {
          gold_addr.push_back(
              {address ? "LOCATION" : g.label, g.begin, g.end});
        }
      }
      for (const std::string& label : NerTagger::Labels()) {
        Score(gold, pred, label, &counts[label]);
      }
      if (set.presidio) {
        Score(gold_addr, pred, "LOCATION", &address_view["L"]);
        // Address-neutral view: LOCATION predictions inside a gold address
        // are neither credited nor counted as false positives (Presidio
        // maps addresses to LOCATION, so they are not wrong there).
        std::vector<NerSpan> outside;
        for (const NerSpan& p : pred) {
          bool inside = false;
          for (const GoldSpan& g : ex.spans) {
            inside = inside || ((g.type == "STREET_ADDRESS" || g.type == "ADDRESS") &&
                                g.begin <= p.begin_byte && p.end_byte <= g.end);
          }
          if (!inside) outside.push_back(p);
        }
        Score(gold, outside, "LOCATION", &address_view["N"]);
      }
      if (shown < show_errors) {
        // Gold spans not predicted exactly, and predictions not in gold.
        auto render = [&](const std::string& label, size_t b, size_t e) {
          std::string v = ex.text.substr(b, e - b);
          for (char& ch : v) ch = ch == '\n' ? '/' : ch;
          return " [" + label + " " + v + "]";
        };
        std::string missed, extra;
        for (const Gold& g : gold) {
          bool hit = false;
          for (const NerSpan& p : pred) {
            hit = hit || (p.label == g.label && p.begin_byte == g.begin &&
                          p.end_byte == g.end);
          }
          if (!hit) missed += render(g.label, g.begin, g.end);
        }
        for (const NerSpan& p : pred) {
          bool hit = false;
          for (const Gold& g : gold) {
            hit = hit || (p.label == g.label && p.begin_byte == g.begin &&
                          p.end_byte == g.end);
          }
          if (!hit) extra += render(p.label, p.begin_byte, p.end_byte);
        }
        if (!missed.empty() || !extra.empty()) {
          ++shown;
          std::string flat = ex.text;
          for (char& ch : flat) ch = ch == '\n' ? '/' : ch;
          std::fprintf(stderr, "%s: %s\n  missed:%s\n  extra:%s\n",
                       set.name.c_str(), flat.c_str(), missed.c_str(),
                       extra.c_str());
        }
      }
      for (const NerSpan& p : pred) {
        bool ok = false;
        for (const Gold& g : gold) {
          ok = ok || (g.label == p.label && g.begin == p.begin_byte &&
                      g.end == p.end_byte);
        }
        for (int b = 0; b < kBins; ++b) {
          if (p.score >= kEdges[b] && p.score < kEdges[b + 1]) {
            ++bin_n[b];
            bin_ok[b] += ok;
            bin_sum[b] += p.score;
          }
        }
      }
    }
    for (const std::string& label : NerTagger::Labels()) {
      if (counts[label].gold == 0 && counts[label].pred == 0) continue;
      PrintRow(set.name, label, counts[label]);
    }
    char line[256];
    std::snprintf(line, sizeof line, "| %s | %.3f | %.3f | %.3f |",
                  set.name.c_str(), f1(counts["PERSON"]),
                  f1(set.presidio ? address_view["N"] : counts["LOCATION"]),
                  f1(counts["ORGANIZATION"]));
    summary.push_back(line);
    if (set.presidio) {
      PrintRow(set.name, "LOCATION, addresses neutral", address_view["N"]);
      PrintRow(set.name, "LOCATION incl. addresses", address_view["L"]);
    }
  }
  std::printf("\nScore reliability over all evaluation sets (exact match):\n");
  std::printf("| score bin | spans | mean score | exactly right |\n|---|---|---|---|\n");
  for (int b = 0; b < kBins; ++b) {
    std::printf("| [%.2f, %.2f) | %zu | %.3f | %.3f |\n", kEdges[b],
                std::min(kEdges[b + 1], 1.0), bin_n[b],
                Div(bin_sum[b], bin_n[b]), Div(bin_ok[b], bin_n[b]));
  }
  std::printf("\nSummary, exact-span F1:\n| set | PERSON | LOCATION | ORGANIZATION |\n|---|---|---|---|\n");
  for (const std::string& line : summary) std::printf("%s\n", line.c_str());
  std::printf("\n%zu texts tagged, %.3f ms per text on average\n", texts,
              1000.0 * tag_seconds / texts);
  return 0;
}
