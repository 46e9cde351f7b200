// test_util.h -- helpers shared by the presidio recognizer and engine tests.
#ifndef PRESIDIO_TESTS_TEST_UTIL_H_
#define PRESIDIO_TESTS_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "core/analyzer_engine.h"
#include "core/public_suffix.h"
#include "core/recognizer.h"

namespace presidio_test {

inline std::shared_ptr<const presidio::PublicSuffixList> Suffixes() {
  static std::shared_ptr<const presidio::PublicSuffixList> list = [] {
    std::string error;
    return presidio::PublicSuffixList::Load(PRESIDIO_PSL_PATH, &error);
  }();
  return list;
}

// Runs one recognizer alone (no context, no de-duplication) and returns what it found.
inline std::vector<presidio::RecognizerResult> Run(const presidio::Recognizer& recognizer, const std::string& text) {
  std::vector<presidio::RecognizerResult> out;
  recognizer.Analyze(text, presidio::ScanHints(), &out);
  presidio::AnalyzerEngine::RemoveDuplicates(&out);
  return out;
}

}  // namespace presidio_test

#endif  // PRESIDIO_TESTS_TEST_UTIL_H_
