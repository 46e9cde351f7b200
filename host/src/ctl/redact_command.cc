#include "ctl/redact_command.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "ctl/redact_job.h"

namespace sentinel {

const char* const kRedactUsage =
    "usage: sentinelctl [--url URL] redact [OPTIONS] [INPUT | -]\n"
    "\n"
    "Redacts a file (or standard input) through sentineld's presidio module, record by record, in input order.\n"
    "\n"
    "input and output:\n"
    "  -o, --output FILE        where the redacted records go (default: standard output)\n"
    "  --format FORMAT          text (a record per line), jsonl (JSON Lines) or csv; default from the file name\n"
    "                           (.jsonl/.ndjson: jsonl, .csv/.tsv: csv, else text)\n"
    "  --delimiter C            CSV delimiter (default ',', tab for .tsv; 'tab' for a tab)\n"
    "  --no-header              the CSV has no header row (columns are named 1, 2, ...)\n"
    "  --errors FILE            per-record errors, JSON Lines (default OUTPUT.errors.jsonl)\n"
    "  --max-record-bytes N     longer records fail with an error (default 524288)\n"
    "\n"
    "what is redacted:\n"
    "  --skip KEY[,KEY...]      keys / columns left as they are (JSON: a dotted path such as user.id, or a key name)\n"
    "  --entity KEY=TYPE        the whole value of KEY is a TYPE (e.g. --entity email=EMAIL_ADDRESS); repeatable\n"
    "  --detect                 decide the entity of each key / column from a sample of the first records\n"
    "  --sample N               records sampled by --detect (default 1000)\n"
    "  --only-mapped            redact only keys / columns with an entity (given or detected); leave the rest\n"
    "  --entities T[,T...]      entity types to look for (default: all the module finds)\n"
    "  --score-threshold X      minimum score of a finding\n"
    "  --language L             analysis language (default en)\n"
    "\n"
    "how values are replaced (default: <ENTITY_TYPE>):\n"
    "  --operators JSON|@FILE   Presidio's \"anonymizers\" object, e.g. '{\"DEFAULT\":{\"type\":\"redact\"}}'\n"
    "  --pseudonymize           deterministic keyed pseudonyms (the module's pseudonym_key_file)\n"
    "  --surrogates             like --pseudonymize, with realistic values (a name for a name, ...)\n"
    "\n"
    "running:\n"
    "  --jobs N                 concurrent requests to sentineld (default 4)\n"
    "  --batch-records N        records per request (default 256); --batch-bytes N (default 262144)\n"
    "  --checkpoint FILE        default OUTPUT.checkpoint; written every second, removed at the end\n"
    "  --resume                 continue an interrupted run from its checkpoint (same bytes as one run)\n"
    "  --retry-seconds N        how long to retry an unreachable or overloaded sentineld (default 60)\n"
    "  --progress, --no-progress  progress on standard error (default: when it is a terminal)\n"
    "  --quiet                  no summary line\n"
    "\n"
    "exit codes: 0 every record redacted, 1 some records failed (listed in the error file), 2 usage or file\n"
    "            error, 3 sentineld unreachable (rerun with --resume)\n";

namespace {

int Usage(const std::string& message) {
  std::cerr << "sentinelctl redact: " << message << "\n(sentinelctl redact --help lists the options)\n";
  return 2;
}

bool ParseCount(const std::string& text, size_t min, size_t* out) {
  char* end = nullptr;
  unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < min || value > (1ull << 40)) return false;
  *out = static_cast<size_t>(value);
  return true;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t comma = text.find(',', begin);
    if (comma == std::string::npos) comma = text.size();
    if (comma > begin) out.push_back(text.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return out;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int RunRedactCommand(const ServerUrl& url, const std::string& token, const std::vector<std::string>& args) {
  RedactOptions o;
  o.url = url;
  o.token = token;
  std::string format;
  std::string delimiter;
  bool have_input = false;
  bool pseudonymize = false, surrogates = false;
  nlohmann::json operators = nlohmann::json::object();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::cout << kRedactUsage;
      return 0;
    } else if (a == "-o" || a == "--output") {
      if (!value(&o.output)) return Usage(a + " needs a file");
    } else if (a == "--format") {
      if (!value(&format) || (format != "text" && format != "jsonl" && format != "csv")) {
        return Usage("--format takes text, jsonl or csv");
      }
    } else if (a == "--delimiter") {
      if (!value(&delimiter)) return Usage("--delimiter needs a character");
      if (delimiter == "tab" || delimiter == "\\t") delimiter = "\t";
      if (delimiter.size() != 1 || delimiter == "\"" || delimiter == "\n" || delimiter == "\r") {
        return Usage("--delimiter takes one character other than a quote or a newline");
      }
    } else if (a == "--no-header") {
      o.csv_header = false;
    } else if (a == "--errors") {
      if (!value(&o.errors_path)) return Usage("--errors needs a file");
    } else if (a == "--checkpoint") {
      if (!value(&o.checkpoint_path)) return Usage("--checkpoint needs a file");
    } else if (a == "--max-record-bytes") {
      if (!value(&v) || !ParseCount(v, 1, &o.max_record_bytes)) return Usage("--max-record-bytes needs a number");
    } else if (a == "--skip") {
      if (!value(&v)) return Usage("--skip needs keys");
      for (auto& k : SplitList(v)) o.rules.skip.insert(k);
    } else if (a == "--entity") {
      if (!value(&v) || v.find('=') == std::string::npos || v.find('=') == 0 || v.back() == '=') {
        return Usage("--entity takes KEY=TYPE");
      }
      o.rules.entity[v.substr(0, v.rfind('='))] = v.substr(v.rfind('=') + 1);
    } else if (a == "--detect") {
      o.detect = true;
    } else if (a == "--sample") {
      if (!value(&v) || !ParseCount(v, 1, &o.sample)) return Usage("--sample needs a number of records");
    } else if (a == "--only-mapped") {
      o.rules.only_mapped = true;
    } else if (a == "--entities") {
      if (!value(&v) || SplitList(v).empty()) return Usage("--entities needs entity types");
      o.settings.entities = SplitList(v);
    } else if (a == "--score-threshold") {
      char* end = nullptr;
      if (!value(&v)) return Usage("--score-threshold needs a number");
      double x = std::strtod(v.c_str(), &end);
      if (*end != '\0' || x < 0 || x > 1) return Usage("--score-threshold takes a number from 0 to 1");
      o.settings.score_threshold = x;
    } else if (a == "--language") {
      if (!value(&o.settings.language)) return Usage("--language needs a language code");
    } else if (a == "--operators") {
      if (!value(&v)) return Usage("--operators needs JSON or @FILE");
      if (!v.empty() && v[0] == '@') {
        std::ifstream in(v.substr(1));
        if (!in) return Usage("cannot read " + v.substr(1));
        v.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      operators = nlohmann::json::parse(v, nullptr, false);
      if (operators.is_discarded() || !operators.is_object()) {
        return Usage("--operators takes a JSON object: entity type (or DEFAULT) -> Presidio operator");
      }
      if (operators.dump().find("\\u001e") != std::string::npos) {
        return Usage("--operators: values may not contain the record separator U+001E");
      }
    } else if (a == "--pseudonymize") {
      pseudonymize = true;
    } else if (a == "--surrogates") {
      surrogates = true;
    } else if (a == "--jobs") {
      size_t n = 0;
      if (!value(&v) || !ParseCount(v, 1, &n) || n > 256) return Usage("--jobs takes 1 to 256");
      o.jobs = static_cast<int>(n);
    } else if (a == "--batch-records") {
      if (!value(&v) || !ParseCount(v, 1, &o.batch_records)) return Usage("--batch-records needs a number");
    } else if (a == "--batch-bytes") {
      if (!value(&v) || !ParseCount(v, 1, &o.batch_bytes)) return Usage("--batch-bytes needs a number");
    } else if (a == "--retry-seconds") {
      size_t n = 0;
      if (!value(&v) || !ParseCount(v, 0, &n) || n > 86400) return Usage("--retry-seconds takes 0 to 86400");
      o.settings.retry_seconds = static_cast<int>(n);
    } else if (a == "--resume") {
      o.resume = true;
    } else if (a == "--progress") {
      o.progress = 1;
    } else if (a == "--no-progress") {
      o.progress = 0;
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "-" || a.rfind("-", 0) != 0) {
      if (have_input) return Usage("one input file at a time");
      o.input = a;
      have_input = true;
    } else {
      return Usage("unknown option '" + a + "'");
    }
  }
  if (format.empty()) {
    if (EndsWith(o.input, ".jsonl") || EndsWith(o.input, ".ndjson")) {
      format = "jsonl";
    } else if (EndsWith(o.input, ".csv") || EndsWith(o.input, ".tsv")) {
      format = "csv";
    } else {
      format = "text";
    }
  }
  o.format = format == "jsonl" ? InputFormat::kJsonLines : format == "csv" ? InputFormat::kCsv : InputFormat::kText;
  o.delimiter = !delimiter.empty() ? delimiter[0] : EndsWith(o.input, ".tsv") ? '\t' : ',';
  if (pseudonymize || surrogates) {
    if (operators.contains("DEFAULT")) return Usage("--pseudonymize/--surrogates set DEFAULT; --operators sets it too");
    operators["DEFAULT"] = {{"type", "pseudonymize"}};
    if (surrogates) operators["DEFAULT"]["surrogate"] = true;
  }
  o.settings.operators = operators;
  if (o.detect && o.format == InputFormat::kText) return Usage("--detect needs jsonl or csv input");
  if (o.output != "-" && o.output == o.input) return Usage("the output would overwrite the input");
  return RunRedactJob(o);
}

}  // namespace sentinel
