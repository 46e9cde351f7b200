// csv_reader.h -- a small RFC 4180 reader (quoted fields, embedded newlines, CRLF) for the dataset files.
#ifndef SENTINEL_TOXICITY_CSV_READER_H_
#define SENTINEL_TOXICITY_CSV_READER_H_

#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

using CsvRow = std::vector<std::string>;

// Parses the whole file; the header is rows[0]. False when the file cannot be read.
bool ReadCsvFile(const std::string& path, char delimiter, std::vector<CsvRow>* rows, std::string* error);

// Index of `name` in `header`, or -1.
int CsvColumn(const CsvRow& header, const std::string& name);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_CSV_READER_H_
