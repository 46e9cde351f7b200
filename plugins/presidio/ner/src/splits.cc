#include "splits.h"

#include <algorithm>

#include "code_points.h"
#include "common/utf8.h"

namespace presidio_ner {
namespace {

const char* const kNotNameStarts[] = {
    "the", "this", "these", "that", "those", "my", "our", "your", "his",
    "her", "their", "its", "a", "an", "i", "we", "you", "he", "she", "they",
    "it", "me", "him", "us", "them", "some", "all", "every", "one", "each"};

bool StartsUpper(std::string_view s) {
  size_t pos = 0;
  return !s.empty() && IsUpperCodePoint(sentinel::utf8::DecodeAt(s, &pos));
}

const char* const kNameConnectors[] = {"of", "the", "and", "&", "de", "la",
                                      "van", "von", "der", "du", "da", "di",
                                      "del", "'s", "-", ".", ",", "y"};

bool IsNameLike(const std::string& value) {
  size_t words = 0, at = 0;
  while (at < value.size()) {
    size_t end = value.find(' ', at);
    if (end == std::string::npos) end = value.size();
    const std::string word = value.substr(at, end - at);
    at = end + 1;
    ++words;
    if (StartsUpper(word)) continue;
    const std::string lowered = LowerUtf8(word);
    if (words > 1 && std::find(std::begin(kNameConnectors),
                               std::end(kNameConnectors),
                               lowered) != std::end(kNameConnectors)) {
      continue;
    }
    return false;
  }
  return words <= 6;
}

// True if a word other than "I" in the value is capitalised.
bool HasCapitalisedWord(const std::string& value) {
  size_t at = 0;
  while (at < value.size()) {
    size_t end = value.find(' ', at);
    if (end == std::string::npos) end = value.size();
    const std::string word = value.substr(at, end - at);
    if (word != "I" && StartsUpper(word)) return true;
    at = end + 1;
  }
  return false;
}

// GUM annotates every mention ("my jersey", "these hotels", "I", "Civic
// Party 's Jeremy Tam") with nested mentions flattened away; only name-like
// ones are entities in the sense of the other corpora. A person, place or
// organization mention is kept if all its words are capitalised (name
// connectors such as "of" and "van" aside) and it is not a pronoun or
// determiner phrase; a leading "The" before a name is left outside (UNER
// leaves articles outside). Other mentions that contain a capitalised
// word may hide a name, so they carry no training signal; the rest are O.
void KeepNameLikeSpans(DataSet* set) {
  for (Example& ex : set->examples) {
    std::vector<GoldSpan> kept;
    for (GoldSpan g : ex.spans) {
      std::string value = ex.text.substr(g.begin, g.end - g.begin);
      const size_t space = value.find(' ');
      const std::string first = LowerUtf8(value.substr(0, space));
      if (!g.label.empty() && first == "the" && space != std::string::npos &&
          IsNameLike(value.substr(space + 1))) {
        g.begin += space + 1;
        kept.push_back(g);
        continue;
      }
      const bool pronoun_or_determiner =
          std::find(std::begin(kNotNameStarts), std::end(kNotNameStarts),
                    first) != std::end(kNotNameStarts);
      if (!g.label.empty() && !pronoun_or_determiner && IsNameLike(value)) {
        kept.push_back(g);
      } else if (HasCapitalisedWord(value)) {
        ex.ignored.emplace_back(g.begin, g.end);
      }
    }
    ex.spans = std::move(kept);
  }
}

// SEC filings tag contract roles ("Borrower", "Lender") as PER in most of
// their one-word PER spans: those become O; multi-word PER spans are names.
void DropRolePersons(DataSet* set) {
  for (Example& ex : set->examples) {
    ex.spans.erase(
        std::remove_if(ex.spans.begin(), ex.spans.end(),
                       [&](const GoldSpan& g) {
                         return g.label == "PERSON" &&
                                ex.text.substr(g.begin, g.end - g.begin)
                                        .find(' ') == std::string::npos;
                       }),
        ex.spans.end());
  }
}

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
  // More web, Wikipedia and financial text (pretrained.md section 4). The
  // test files of GUM and the SEC set (FIN3) and WikiANN's test split are
  // evaluation only. WikiANN is not trained on: its title-like sentences
  // pull the tagger away from web text (pretrained.md section 7).
  if (!conll("gum.train", ner + "gum/gum-train.conll", ConllFormat::kGum,
             &out->train) ||
      !conll("wikigold", ner + "wikigold/wikigold.conll.txt",
             ConllFormat::kSpaced, &out->train) ||
      !conll("sec.fin5", ner + "sec-filings/FIN5.txt", ConllFormat::kSpaced,
             &out->train) ||
      !conll("gum.test", ner + "gum/gum-test.conll", ConllFormat::kGum,
             &out->eval) ||
      !conll("sec.fin3", ner + "sec-filings/FIN3.txt", ConllFormat::kSpaced,
             &out->eval) ||
      !conll("wikiann.test", ner + "wikiann-en/test", ConllFormat::kWikiann,
             &out->eval)) {
    return false;
  }
  for (auto* sets : {&out->train, &out->eval}) {
    for (DataSet& set : *sets) {
      if (set.name.rfind("gum.", 0) == 0) KeepNameLikeSpans(&set);
      if (set.name.rfind("sec.", 0) == 0) DropRolePersons(&set);
    }
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
