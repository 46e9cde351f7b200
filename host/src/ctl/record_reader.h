// RecordReader: cuts the input of `sentinelctl redact` into records, streaming, in constant memory.
//   text         one record per line
//   jsonl        one record per line (JSON Lines)
//   csv          one record per row; a quoted field may hold newlines (RFC 4180). A quote opens a quoted field
//                only at the start of a field, so a stray quote inside a field cannot swallow the rest of the file
// Each record keeps its exact bytes, terminator included, so untouched records are copied out byte for byte.
// A record longer than max_record_bytes is not held: it is skipped to its end and returned with an error (an
// unterminated quoted CSV field that long ends at the next newline instead). Nothing is ever dropped: every
// byte of the input belongs to exactly one record.
#ifndef SENTINEL_HOST_CTL_RECORD_READER_H_
#define SENTINEL_HOST_CTL_RECORD_READER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "common/status.h"

namespace sentinel {

enum class InputFormat { kText, kJsonLines, kCsv };

struct Record {
  uint64_t index = 0;   // 0-based, counting every record after the CSV header
  uint64_t offset = 0;  // byte offset of its first byte in the input
  uint64_t line = 0;    // 1-based line of its first byte
  uint64_t size = 0;    // bytes in the input, terminator included
  uint64_t newlines = 0;  // '\n' bytes in it (the next record starts on line + newlines)
  std::string raw;      // those bytes (empty when `error` says it was too large)
  size_t terminator = 0;  // trailing "\n" (1) or "\r\n" (2) or none (0) at the end of raw
  std::string error;    // set by the reader: too large
  std::string Body() const { return raw.substr(0, raw.size() - terminator); }
};

class RecordReader {
 public:
  // Reads from `file` (not owned), which is positioned at `offset` (the byte offset of the next record, for
  // a resumed run); `line` and `index` are those of that record.
  RecordReader(std::FILE* file, InputFormat format, char delimiter, size_t max_record_bytes, uint64_t offset = 0,
               uint64_t line = 1, uint64_t index = 0);

  // The next record; false at the end of the input or on a read error (status() tells).
  bool Next(Record* record);
  const Status& status() const { return status_; }
  uint64_t offset() const { return offset_; }
  uint64_t line() const { return line_; }
  uint64_t index() const { return index_; }
  // The index counter restarts (the CSV header row does not count as a record).
  void SetIndex(uint64_t index) { index_ = index; }

 private:
  bool Fill();  // more bytes into buf_; false at EOF

  std::FILE* file_;
  InputFormat format_;
  char delimiter_;
  size_t max_record_bytes_;
  uint64_t offset_;
  uint64_t line_;
  uint64_t index_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  Status status_;
};

// Splits one CSV record (without its terminator) into fields. `spans` receives each field's raw [begin, end)
// byte range within `body` (quotes included), `values` the unquoted values. False with `error` when a quoted
// field is not closed.
bool SplitCsvRecord(const std::string& body, char delimiter, std::vector<std::string>* values,
                    std::vector<std::pair<size_t, size_t>>* spans, std::string* error);

// `value` as a CSV field: as it is when that is safe, else quoted with inner quotes doubled.
std::string CsvField(const std::string& value, char delimiter);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_RECORD_READER_H_
