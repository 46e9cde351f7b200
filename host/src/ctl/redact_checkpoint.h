// RedactCheckpoint: where an interrupted `sentinelctl redact` run stands, so `--resume` continues it and ends
// with exactly the bytes an uninterrupted run writes. It is written after the output and the error file are
// flushed to disk (fdatasync), by rename (atomic), so it never claims more than what is on disk: a resumed run
// truncates both files to the recorded sizes and reads on from the recorded input offset. `job` describes the
// run (options, input file, its size and modification time); a resume with a different job is refused.
#ifndef SENTINEL_HOST_CTL_REDACT_CHECKPOINT_H_
#define SENTINEL_HOST_CTL_REDACT_CHECKPOINT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sentinel {

struct RedactCheckpoint {
  nlohmann::json job;
  uint64_t input_offset = 0;
  uint64_t input_line = 1;
  uint64_t records = 0;  // records done (CSV header not counted)
  uint64_t errors = 0;   // of those, records that failed
  uint64_t output_bytes = 0;
  uint64_t errors_bytes = 0;
  std::vector<std::string> header;              // CSV column names
  std::map<std::string, std::string> entities;  // keys mapped to entity types (given or decided from the sample)

  Status Write(const std::string& path) const;
  static Status Read(const std::string& path, RedactCheckpoint* out);
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_REDACT_CHECKPOINT_H_
