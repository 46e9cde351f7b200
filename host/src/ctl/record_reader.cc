#include "ctl/record_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sentinel {

namespace {
constexpr size_t kChunk = 1 << 20;

enum class CsvState { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

// One step of the CSV machine shared by the reader and SplitCsvRecord. Newlines are handled by the callers.
CsvState CsvStep(CsvState state, char c, char delimiter) {
  switch (state) {
    case CsvState::kFieldStart:
      if (c == '"') return CsvState::kQuoted;
      return c == delimiter ? CsvState::kFieldStart : CsvState::kUnquoted;
    case CsvState::kUnquoted:
      return c == delimiter ? CsvState::kFieldStart : CsvState::kUnquoted;
    case CsvState::kQuoted:
      return c == '"' ? CsvState::kQuoteInQuoted : CsvState::kQuoted;
    case CsvState::kQuoteInQuoted:
      if (c == '"') return CsvState::kQuoted;
      return c == delimiter ? CsvState::kFieldStart : CsvState::kUnquoted;  // lenient: `"a"b` reads as a"b
  }
  return state;
}
}  // namespace

RecordReader::RecordReader(std::FILE* file, InputFormat format, char delimiter, size_t max_record_bytes,
                           uint64_t offset, uint64_t line, uint64_t index)
    : file_(file),
      format_(format),
      delimiter_(delimiter),
      max_record_bytes_(max_record_bytes),
      offset_(offset),
      line_(line),
      index_(index),
      buf_(kChunk) {}

bool RecordReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
  if (n == 0) {
    if (std::ferror(file_)) status_ = Status::Unavailable(std::string("cannot read the input: ") + std::strerror(errno));
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

bool RecordReader::Next(Record* record) {
  if (!status_.ok()) return false;
  record->index = index_;
  record->offset = offset_;
  record->line = line_;
  record->raw.clear();
  record->error.clear();
  record->terminator = 0;
  uint64_t size = 0;
  uint64_t newlines = 0;
  bool dropped = false;  // bytes past the limit are counted, not held
  bool ended = false;
  CsvState state = CsvState::kFieldStart;
  char last = 0, before_last = 0;
  while (!ended) {
    if (pos_ == end_ && !Fill()) break;
    // Where this record ends within the buffered bytes (end_ when it goes on).
    size_t stop = end_;
    if (format_ != InputFormat::kCsv) {
      const void* nl = std::memchr(buf_.data() + pos_, '\n', end_ - pos_);
      if (nl != nullptr) {
        stop = static_cast<size_t>(static_cast<const char*>(nl) - buf_.data()) + 1;
        ended = true;
      }
    } else {
      for (size_t i = pos_; i < end_; ++i) {
        char c = buf_[i];
        if (c == '\n') {
          // A newline inside a quoted field belongs to the field, unless that field ran past the limit.
          if (state != CsvState::kQuoted || size + (i - pos_) > max_record_bytes_) {
            stop = i + 1;
            ended = true;
            break;
          }
          continue;
        }
        state = CsvStep(state, c, delimiter_);
      }
    }
    const size_t n = stop - pos_;
    if (n > 0) {
      before_last = n >= 2 ? buf_[stop - 2] : last;
      last = buf_[stop - 1];
      newlines += static_cast<uint64_t>(std::count(buf_.begin() + static_cast<long>(pos_),
                                                   buf_.begin() + static_cast<long>(stop), '\n'));
    }
    if (!dropped && size + n > max_record_bytes_ + 2) {  // + 2: room for the terminator
      dropped = true;
      std::string().swap(record->raw);
    }
    if (!dropped) record->raw.append(buf_.data() + pos_, n);
    size += n;
    pos_ = stop;
  }
  if (size == 0) return false;
  if (last == '\n') record->terminator = before_last == '\r' ? 2 : 1;
  record->size = size;
  record->newlines = newlines;
  if (dropped || size - record->terminator > max_record_bytes_) {
    record->raw.clear();
    record->terminator = 0;
    record->error = "record of " + std::to_string(size) + " bytes is larger than --max-record-bytes (" +
                    std::to_string(max_record_bytes_) + ")";
    if (format_ == InputFormat::kCsv && state == CsvState::kQuoted) {
      record->error += "; a quoted field in it is not closed, so the record was ended at the first newline past "
                       "the limit";
    }
  }
  offset_ += size;
  line_ += newlines;
  ++index_;
  return true;
}

bool SplitCsvRecord(const std::string& body, char delimiter, std::vector<std::string>* values,
                    std::vector<std::pair<size_t, size_t>>* spans, std::string* error) {
  values->clear();
  spans->clear();
  CsvState state = CsvState::kFieldStart;
  std::string value;
  size_t begin = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    CsvState next = CsvStep(state, c, delimiter);
    if (next == CsvState::kFieldStart) {  // a delimiter ended the field
      values->push_back(std::move(value));
      spans->emplace_back(begin, i);
      value.clear();
      begin = i + 1;
    } else if (state == CsvState::kQuoted && next == CsvState::kQuoted) {
      value.push_back(c);
    } else if (state == CsvState::kQuoteInQuoted && next == CsvState::kQuoted) {
      value.push_back('"');  // ""
    } else if (next == CsvState::kUnquoted) {
      if (state == CsvState::kQuoteInQuoted) value.push_back('"');  // lenient: a"b
      value.push_back(c);
    }
    state = next;
  }
  if (state == CsvState::kQuoted) {
    *error = "a quoted field is not closed (field " + std::to_string(values->size() + 1) + ")";
    return false;
  }
  values->push_back(std::move(value));
  spans->emplace_back(begin, body.size());
  return true;
}

std::string CsvField(const std::string& value, char delimiter) {
  bool quote = value.find_first_of(std::string("\"\r\n") + delimiter) != std::string::npos;
  if (!quote) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace sentinel
