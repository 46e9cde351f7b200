// RecordReader and the CSV field splitter (host/src/ctl/record_reader.h): record boundaries, offsets and
// lines, terminators, quoted newlines, oversized records skipped without being held, a runaway quote.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "ctl/record_reader.h"

using sentinel::InputFormat;
using sentinel::Record;
using sentinel::RecordReader;

namespace {
std::vector<Record> ReadAll(const std::string& input, InputFormat format, size_t max_bytes = 1 << 20) {
  std::FILE* f = fmemopen(const_cast<char*>(input.data()), input.size(), "rb");
  REQUIRE(f != nullptr);
  RecordReader reader(f, format, ',', max_bytes);
  std::vector<Record> out;
  Record r;
  while (reader.Next(&r)) out.push_back(r);
  CHECK(reader.status().ok());
  std::fclose(f);
  return out;
}
}  // namespace

TEST_CASE("lines: every byte in exactly one record, terminators and positions kept") {
  auto records = ReadAll("a\r\nbb\n\nlast", InputFormat::kText);
  REQUIRE(records.size() == 4);
  CHECK(records[0].raw == "a\r\n");
  CHECK(records[0].terminator == 2);
  CHECK(records[0].Body() == "a");
  CHECK(records[1].offset == 3);
  CHECK(records[1].line == 2);
  CHECK(records[2].raw == "\n");
  CHECK(records[3].raw == "last");
  CHECK(records[3].terminator == 0);
  CHECK(records[3].line == 4);
  CHECK(records[3].index == 3);
}

TEST_CASE("csv: quoted newlines stay in the record; a quote inside a field does not open one") {
  auto records = ReadAll("h1,h2\n\"a\nb\",c\nx\"y,z\nlast,\"q\"\"\"\n", InputFormat::kCsv);
  REQUIRE(records.size() == 4);
  CHECK(records[1].raw == "\"a\nb\",c\n");
  CHECK(records[1].line == 2);
  CHECK(records[2].line == 4);
  CHECK(records[2].raw == "x\"y,z\n");
  std::vector<std::string> values;
  std::vector<std::pair<size_t, size_t>> spans;
  std::string error;
  REQUIRE(sentinel::SplitCsvRecord(records[3].Body(), ',', &values, &spans, &error));
  CHECK(values == std::vector<std::string>{"last", "q\""});
  CHECK(spans[1] == std::make_pair<size_t, size_t>(5, 10));
  CHECK(sentinel::CsvField("q\"", ',') == "\"q\"\"\"");
  CHECK(sentinel::CsvField("plain", ',') == "plain");
  CHECK(sentinel::CsvField("a,b", ',') == "\"a,b\"");
  CHECK_FALSE(sentinel::SplitCsvRecord("a,\"open", ',', &values, &spans, &error));
  CHECK(error.find("not closed") != std::string::npos);
}

TEST_CASE("an oversized record is skipped to its end, counted, and the next one is intact") {
  std::string big(5000, 'x');
  auto records = ReadAll("ok\n" + big + "\nnext\n", InputFormat::kJsonLines, 1000);
  REQUIRE(records.size() == 3);
  CHECK(records[1].raw.empty());
  CHECK(records[1].size == 5001);
  CHECK(records[1].error.find("5001 bytes") != std::string::npos);
  CHECK(records[2].raw == "next\n");
  CHECK(records[2].offset == 3 + 5001);
  CHECK(records[2].line == 3);
  // Exactly at the limit is fine; the terminator does not count.
  records = ReadAll(std::string(1000, 'y') + "\r\n", InputFormat::kText, 1000);
  REQUIRE(records.size() == 1);
  CHECK(records[0].error.empty());
}

TEST_CASE("csv: a quote never closed ends at the first newline past the limit, not at the end of the file") {
  std::string input = "a,b\n1,\"open";
  for (int i = 0; i < 200; ++i) input += "\n" + std::to_string(i) + ",row";
  input += "\n";
  auto records = ReadAll(input, InputFormat::kCsv, 100);
  REQUIRE(records.size() > 100);
  CHECK(records[1].error.find("not closed") != std::string::npos);
  CHECK(records[1].size < 200);
  uint64_t total = 0;
  for (const auto& r : records) total += r.size;
  CHECK(total == input.size());
}
