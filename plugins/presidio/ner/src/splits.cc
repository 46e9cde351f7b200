#include "splits.h"

namespace presidio_ner {
namespace {

// presidio-research: template hash % 10 == 0 -> eval (unseen templates),
// 1 -> tune; other templates: text hash % 5 == 0 -> eval (seen templates,
// new values), otherwise train. UNER dev: sentence index % 8 == 7 -> eval,
// 3 -> tune.
int PresidioBucket(const Example& ex) {
  return static_cast<int>(StableHash(ex.template_key) % 10);
}

}  // namespace

bool LoadSplits(const std::string& shared, SplitData* out, std::string* error) {
  const std::string ner = shared + "/data/ner/";
  const std::string pr = shared + "/data/pii/presidio-research/";
  auto conll = [&](const std::string& name, const std::string& path,
                   ConllFormat format, std::vector<DataSet>* into) {
    DataSet set{name, false, {}};
    if (!LoadConll(path, format, &set.examples, error)) return false;
    into->push_back(std::move(set));
    return true;
  };
  if (!conll("btc.train", ner + "btc/btc.train", ConllFormat::kBtc,
             &out->train) ||
      !conll("wnut17.train", ner + "wnut17/wnut17train.conll",
             ConllFormat::kWnut, &out->train) ||
      !conll("btc.dev", ner + "btc/btc.dev", ConllFormat::kBtc, &out->eval) ||
      !conll("wnut17.dev", ner + "wnut17/emerging.dev.conll",
             ConllFormat::kWnut, &out->eval)) {
    return false;
  }
  std::vector<Example> uner;
  if (!LoadConll(ner + "uner-en-ewt/en_ewt-ud-dev.iob2", ConllFormat::kUner,
                 &uner, error)) {
    return false;
  }
  DataSet uner_train{"uner-ewt.dev[train 6/8]", false, {}};
  DataSet uner_tune{"uner-ewt.dev[tune 1/8]", false, {}};
  DataSet uner_eval{"uner-ewt.dev[eval 1/8]", false, {}};
  for (size_t i = 0; i < uner.size(); ++i) {
    DataSet& to = i % 8 == 7 ? uner_eval : i % 8 == 3 ? uner_tune : uner_train;
    to.examples.push_back(std::move(uner[i]));
  }
  out->train.push_back(std::move(uner_train));
  out->tune.push_back(std::move(uner_tune));
  out->eval.push_back(std::move(uner_eval));

  for (const char* stem :
       {"synth_dataset_v2", "generated_large", "generated_small"}) {
    std::vector<Example> all;
    if (!LoadPresidioJson(pr + stem + ".dev70.json", &all, error)) return false;
    DataSet train{std::string(stem) + "[train]", true, {}};
    DataSet tune{std::string(stem) + "[tune templates]", true, {}};
    DataSet unseen{std::string(stem) + "[unseen templates]", true, {}};
    DataSet seen{std::string(stem) + "[seen templates, new values]", true, {}};
    for (Example& ex : all) {
      const int bucket = PresidioBucket(ex);
      DataSet& to = bucket == 0                          ? unseen
                    : bucket == 1                        ? tune
                    : StableHash(ex.text) % 5 == 0 ? seen
                                                         : train;
      to.examples.push_back(std::move(ex));
    }
    out->train.push_back(std::move(train));
    out->tune.push_back(std::move(tune));
    // generated_small is tiny and uses older labels: train and tune only.
    if (std::string(stem) != "generated_small") {
      out->eval.push_back(std::move(seen));
      out->eval.push_back(std::move(unseen));
    }
  }
  return true;
}

}  // namespace presidio_ner
