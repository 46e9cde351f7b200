// datasets.h -- readers for the corpora in shared/data/toxicity, mapped onto our label set.
//
// Training labels: `toxicity` (offensive / toxic / abusive) and `identity_attack` (hate against a group).
// Each example carries a target and a mask per label: a dataset that says nothing about a label masks it.
// Licences: TweetEval (no restrictions; OLID/HatEval and Twitter terms), Davidson et al. (MIT) and Surge AI
// (MIT) are used for training. ETHOS (GPL-3.0), HateCheck and the Jigsaw bias sets are evaluation-only.
#ifndef SENTINEL_TOXICITY_DATASETS_H_
#define SENTINEL_TOXICITY_DATASETS_H_

#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

constexpr int kLabelToxicity = 0;
constexpr int kLabelIdentityAttack = 1;
constexpr int kNumTrainLabels = 2;  // the labels the exported model reports
// Auxiliary training-only heads (not exported): Davidson et al.'s own offensive and hate vote shares, for
// training with --aux-heads, where a corpus whose definitions differ from TweetEval's gets its own head.
constexpr int kLabelAuxOffensive = 2;
constexpr int kLabelAuxHate = 3;
constexpr int kMaxTrainLabels = 4;

struct Example {
  std::string text;
  float target[kMaxTrainLabels] = {0, 0, 0, 0};
  float mask[kMaxTrainLabels] = {0, 0, 0, 0};
  float weight = 1.0f;
  int source = 0;  // index into the loaded dataset list, for reporting
};

// One binary evaluation set (text, gold 0/1); `group` is optional (HateCheck functionality, identity term).
struct BinaryExample {
  std::string text;
  int gold = 0;
  std::string group;
};

// TweetEval split files: `<dir>/<split>_text.txt` and `<split>_labels.txt`.
bool LoadTweetEval(const std::string& dir, const std::string& split, std::vector<BinaryExample>* out,
                   std::string* error);

// Training examples from every training corpus under `data_dir` (tweeteval-offensive/train,
// tweeteval-hate/train, davidson-hate-offensive, surge-toxicity).
bool LoadTrainingExamples(const std::string& data_dir, std::vector<Example>* out, std::vector<std::string>* sources,
                          std::string* error);

// HateCheck test cases: gold 1 = hateful; group = functionality.
bool LoadHateCheck(const std::string& data_dir, std::vector<BinaryExample>* out, std::string* error);
// Jigsaw sentence templates: gold 1 = toxic; group = template name, or the identity term for being_adj rows.
bool LoadSentenceTemplates(const std::string& data_dir, std::vector<BinaryExample>* out, std::string* error);
// Wikipedia identity-term test set, `fuzzed` or not.
bool LoadWikiIdTerms(const std::string& data_dir, bool fuzzed, std::vector<BinaryExample>* out, std::string* error);
// ETHOS binary (isHate >= 0.5), evaluation only (GPL-3.0).
bool LoadEthos(const std::string& data_dir, std::vector<BinaryExample>* out, std::string* error);
// Our hand-written everyday dev set (tools/everyday/everyday_dev.tsv): UTF-8, header `label<TAB>category<TAB>text`,
// label 0 (benign) or 1 (clearly toxic); gold = label, group = category. Strict: a row without exactly three
// fields, a label other than 0/1, an empty category or text, or a repeated text is an error naming the line.
bool LoadEverydayTsv(const std::string& path, std::vector<BinaryExample>* out, std::string* error);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_DATASETS_H_
