// presidio_eval -- precision / recall / F1 (and F2, as presidio-research reports) per entity type,
// exact span match, of the presidio analyzer on presidio-research's synthetic span data.
//
// Usage: presidio_eval [--threshold 0.4] [--errors N] [--min-micro-f1 F] [file.json ...]
// Without files it reads ../shared/data/pii/presidio-research/*.json next to the repository and
// exits 77 (CTest's skip code) with a message when that folder is absent. With --min-micro-f1 it
// exits 1 when a file's micro-averaged F1 over the pattern entities is below F.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/analyzer_engine.h"
#include "core/predefined_recognizers.h"
#include "core/public_suffix.h"
#include "core/text_offsets.h"

namespace {

// presidio-research's dataset labels mapped to Presidio entity types (presidio_entities_map).
std::string MapGoldType(const std::string& type) {
  static const std::map<std::string, std::string> kMap = {{"DOMAIN_NAME", "URL"},
                                                          {"GPE", "LOCATION"},
                                                          {"STREET_ADDRESS", "LOCATION"},
                                                          {"ADDRESS", "LOCATION"},
                                                          {"PREFIX", "TITLE"},
                                                          {"PER", "PERSON"},
                                                          {"NORP", "NRP"},
                                                          {"CREDIT_CARD_NUMBER", "CREDIT_CARD"},
                                                          {"PHONE", "PHONE_NUMBER"},
                                                          {"SSN", "US_SSN"},
                                                          {"IP", "IP_ADDRESS"},
                                                          {"EMAIL", "EMAIL_ADDRESS"},
                                                          {"IBAN", "IBAN_CODE"},
                                                          {"DATE", "DATE_TIME"},
                                                          {"TIME", "DATE_TIME"}};
  auto it = kMap.find(type);
  return it == kMap.end() ? type : it->second;
}

struct Counts {
  long gold = 0, predicted = 0, tp = 0;
};

using Span = std::tuple<std::string, size_t, size_t>;

}  // namespace

int main(int argc, char** argv) {
  double threshold = 0.4;
  double min_micro_f1 = -1.0;
  int show_errors = 0;
  bool below = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--threshold" && i + 1 < argc) {
      threshold = std::atof(argv[++i]);
    } else if (arg == "--min-micro-f1" && i + 1 < argc) {
      min_micro_f1 = std::atof(argv[++i]);
    } else if (arg == "--errors" && i + 1 < argc) {
      show_errors = std::atoi(argv[++i]);
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::string dir = std::string(PRESIDIO_SHARED_DIR) + "/data/pii/presidio-research";
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.size() > 5 && name.substr(name.size() - 5) == ".json") files.push_back(dir + "/" + name);
      }
      closedir(d);
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      std::printf("presidio_eval: skipped, no data in %s\n", dir.c_str());
      return 77;
    }
  }

  std::string error;
  auto suffixes = presidio::PublicSuffixList::Load(PRESIDIO_PSL_PATH, &error);
  if (suffixes == nullptr) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  presidio::AnalyzerEngine engine{presidio::AnalyzerOptions()};
  std::set<std::string> ours;
  for (auto& r : presidio::NewDefaultRecognizers(suffixes, {}, &error)) {
    for (const auto& e : r->supported_entities()) ours.insert(e);
    engine.AddRecognizer(std::move(r));
  }
  engine.Finalize();

  for (const std::string& file : files) {
    std::ifstream in(file);
    nlohmann::json records = nlohmann::json::parse(in, nullptr, false);
    if (records.is_discarded() || !records.is_array()) {
      std::fprintf(stderr, "%s: not a JSON array, skipped\n", file.c_str());
      continue;
    }
    std::map<std::string, Counts> counts;
    std::map<std::string, std::vector<std::string>> errors;
    for (const auto& record : records) {
      const std::string text = record.value("full_text", std::string());
      std::set<Span> gold;
      for (const auto& span : record.value("spans", nlohmann::json::array())) {
        std::string type = MapGoldType(span.value("entity_type", std::string()));
        if (ours.count(type) == 0) continue;
        gold.insert({type, span.value("start_position", 0UL), span.value("end_position", 0UL)});
      }
      presidio::AnalyzeRequest request;
      request.text = text;
      request.score_threshold = threshold;
      std::vector<presidio::RecognizerResult> results;
      engine.Analyze(request, &results, &error);
      presidio::CodePointMap offsets(text);
      std::set<Span> predicted;
      for (const auto& r : results) {
        predicted.insert({r.entity_type, offsets.ToCodePoint(r.start), offsets.ToCodePoint(r.end)});
      }
      presidio::CodePointMap map(text);
      auto snippet = [&](const Span& s) {
        size_t b = map.ToByte(std::get<1>(s)), e = map.ToByte(std::get<2>(s));
        return "'" + text.substr(b, e - b) + "'";
      };
      for (const Span& s : gold) {
        Counts& c = counts[std::get<0>(s)];
        ++c.gold;
        if (predicted.count(s)) {
          ++c.tp;
        } else if (static_cast<int>(errors[std::get<0>(s)].size()) < show_errors) {
          errors[std::get<0>(s)].push_back("FN " + snippet(s));
        }
      }
      for (const Span& s : predicted) {
        ++counts[std::get<0>(s)].predicted;
        if (!gold.count(s) && static_cast<int>(errors[std::get<0>(s)].size()) < show_errors) {
          errors[std::get<0>(s)].push_back("FP " + snippet(s));
        }
      }
    }
    std::printf("\n%s (%zu records, threshold %.2f, exact spans)\n", file.c_str(), records.size(), threshold);
    std::printf(
        "| entity | gold | predicted | TP | precision | recall | F1 | F2 |\n|---|---|---|---|---|---|---|---|\n");
    Counts total;
    for (const auto& [type, c] : counts) {
      double p = c.predicted ? static_cast<double>(c.tp) / c.predicted : 0.0;
      double r = c.gold ? static_cast<double>(c.tp) / c.gold : 0.0;
      double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
      double f2 = p + r > 0 ? 5 * p * r / (4 * p + r) : 0.0;
      std::printf("| %s | %ld | %ld | %ld | %.3f | %.3f | %.3f | %.3f |\n", type.c_str(), c.gold, c.predicted, c.tp, p,
                  r, f1, f2);
      total.gold += c.gold;
      total.predicted += c.predicted;
      total.tp += c.tp;
    }
    double p = total.predicted ? static_cast<double>(total.tp) / total.predicted : 0.0;
    double r = total.gold ? static_cast<double>(total.tp) / total.gold : 0.0;
    std::printf("| all pattern entities (micro) | %ld | %ld | %ld | %.3f | %.3f | %.3f | %.3f |\n", total.gold,
                total.predicted, total.tp, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0,
                p + r > 0 ? 5 * p * r / (4 * p + r) : 0.0);
    double micro_f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    if (min_micro_f1 >= 0 && micro_f1 < min_micro_f1) {
      std::printf("micro F1 %.3f is below the required %.3f\n", micro_f1, min_micro_f1);
      below = true;
    }
    for (const auto& [type, list] : errors) {
      for (const std::string& e : list) std::printf("  %s %s\n", type.c_str(), e.c_str());
    }
  }
  return below ? 1 : 0;
}
