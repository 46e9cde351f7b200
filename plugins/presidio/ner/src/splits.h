// The fixed, documented split of ../shared data into train, tune
// (calibration) and evaluation sets. presidio-research records are split by
// sentence template, so evaluation sentences use frames never seen in
// training.
#ifndef PRESIDIO_NER_SPLITS_H_
#define PRESIDIO_NER_SPLITS_H_

#include <string>
#include <vector>

#include "corpus.h"

namespace presidio_ner {

struct DataSet {
  std::string name;
  bool presidio = false;
  std::vector<Example> examples;
};

struct SplitData {
  std::vector<DataSet> train;
  std::vector<DataSet> tune;
  std::vector<DataSet> eval;
};

// Reads everything under shared_dir/data. False with *error if a file is
// missing or unreadable.
bool LoadSplits(const std::string& shared_dir, SplitData* out,
                std::string* error);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_SPLITS_H_
