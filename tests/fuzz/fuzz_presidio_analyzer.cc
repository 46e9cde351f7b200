// libFuzzer target: the presidio analyzer with all 16 default recognizers (RE2 patterns, checksums, phone
// numbers via libphonenumber, context enhancement, de-duplication) over arbitrary bytes. Every result must
// lie within the text (the core reports byte offsets; the plugin converts them to code points).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/analyzer_engine.h"
#include "core/predefined_recognizers.h"
#include "core/public_suffix.h"

namespace {

const presidio::AnalyzerEngine& Engine() {
  static const presidio::AnalyzerEngine* engine = [] {
    std::string error;
    auto suffixes = presidio::PublicSuffixList::FromText("com\norg\nnet\nuk\nco.uk\nde\nio\n");
    auto* e = new presidio::AnalyzerEngine(presidio::AnalyzerOptions{});
    for (auto& r : presidio::NewDefaultRecognizers(suffixes, presidio::DefaultPhoneRegions(), &error)) {
      e->AddRecognizer(std::move(r));
    }
    e->Finalize();
    return e;
  }();
  return *engine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  presidio::AnalyzeRequest request;
  request.text = text;
  request.context = {"card", "phone"};
  std::vector<presidio::RecognizerResult> results;
  std::string error;
  if (!Engine().Analyze(request, &results, &error)) return 0;
  const size_t limit = text.size();
  for (const auto& r : results) {
    if (r.start > r.end || r.end > limit || r.score < 0 || r.score > 1) std::abort();
  }
  return 0;
}
