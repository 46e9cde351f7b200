// RedactJob: `sentinelctl redact` end to end -- reader, a pool of workers each with its own keep-alive
// connection to sentineld, and one writer that puts batches back in input order. At most 2 x jobs + 2 batches
// are in flight, so memory stays flat whatever the input size. The writer appends per-record errors to the
// error file (JSON Lines: record, line, offset, bytes, error -- never the record's content), shows progress on
// a terminal, and keeps a checkpoint (redact_checkpoint.h) so a killed run resumes with --resume.
//
// Output order is input order; a failed record is left out of the output and listed in the error file, so
// every input record is either in the output or in the error file. Batching never changes the output: each
// record is redacted as if alone (text_redactor.h), and a batch that sentineld refuses is split until the
// record at fault is found.
#ifndef SENTINEL_HOST_CTL_REDACT_JOB_H_
#define SENTINEL_HOST_CTL_REDACT_JOB_H_

#include <string>

#include "ctl/record_reader.h"
#include "ctl/record_redactor.h"
#include "ctl/server_url.h"
#include "ctl/text_redactor.h"

namespace sentinel {

struct RedactOptions {
  ServerUrl url;
  std::string token;
  std::string input = "-";   // "-": standard input
  std::string output = "-";  // "-": standard output
  InputFormat format = InputFormat::kText;
  char delimiter = ',';
  bool csv_header = true;
  FieldRules rules;
  bool detect = false;  // decide entities per key/column from the first `sample` records
  size_t sample = 1000;
  RedactSettings settings;
  int jobs = 4;
  size_t batch_records = 256;
  size_t batch_bytes = 256u << 10;
  size_t max_record_bytes = 512u << 10;
  std::string errors_path;      // default: OUTPUT.errors.jsonl, or redact.errors.jsonl for standard output
  std::string checkpoint_path;  // default: OUTPUT.checkpoint; none for standard input or output
  bool resume = false;
  int progress = -1;  // -1: when standard error is a terminal
  bool quiet = false;
};

// Returns sentinelctl's exit code: 0 every record redacted, 1 some records failed (see the error file),
// 2 usage or file problems, 3 sentineld unreachable (the checkpoint allows --resume).
int RunRedactJob(const RedactOptions& options);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_REDACT_JOB_H_
