#include "ctl/redact_job.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "common/utf8.h"
#include "ctl/redact_checkpoint.h"

namespace sentinel {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRecordErrors = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnreachable = 3;

using Clock = std::chrono::steady_clock;

struct Batch {
  uint64_t seq = 0;
  std::vector<Record> records;
};

struct BatchResult {
  std::string output;
  std::string errors;  // JSON lines
  uint64_t records = 0;
  uint64_t failed = 0;
  uint64_t input_end = 0;  // input offset after the batch
  uint64_t line_end = 1;
  uint64_t bytes = 0;  // input bytes of the batch
  Status fatal;        // kUnavailable: stop the job
};

std::string ErrorLine(const Record& r, const std::string& message) {
  nlohmann::ordered_json j = {{"record", r.index + 1}, {"line", r.line}, {"offset", r.offset}, {"bytes", r.size},
                      {"error", message}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Redacts records[begin, end); on a refusal, halves the range until the failing record is alone.
Status ProcessRange(TextRedactor* redactor, const RecordRedactor& rr, const std::vector<Record>& records,
                    std::vector<PreparedRecord>* prepared, size_t begin, size_t end, std::vector<std::string>* outputs,
                    std::vector<std::string>* errors) {
  std::vector<TextItem> items;
  for (size_t i = begin; i < end; ++i) {
    if ((*prepared)[i].error.empty()) items.insert(items.end(), (*prepared)[i].items.begin(), (*prepared)[i].items.end());
  }
  std::vector<std::string> redacted;
  Status s = items.empty() ? Status::OK() : redactor->Redact(items, &redacted);
  if (s.ok()) {
    size_t k = 0;
    for (size_t i = begin; i < end; ++i) {
      PreparedRecord& p = (*prepared)[i];
      if (!p.error.empty()) continue;
      std::vector<std::string> mine(redacted.begin() + static_cast<long>(k),
                                    redacted.begin() + static_cast<long>(k + p.items.size()));
      k += p.items.size();
      rr.Finish(records[i], &p, mine, &(*outputs)[i]);
    }
    return Status::OK();
  }
  if (s.code() == StatusCode::kUnavailable) return s;
  if (end - begin == 1) {
    (*errors)[begin] = s.message();
    return Status::OK();
  }
  size_t middle = begin + (end - begin) / 2;
  s = ProcessRange(redactor, rr, records, prepared, begin, middle, outputs, errors);
  if (!s.ok()) return s;
  return ProcessRange(redactor, rr, records, prepared, middle, end, outputs, errors);
}

void ProcessBatch(TextRedactor* redactor, const RecordRedactor& rr, const Batch& batch, BatchResult* result) {
  const auto& records = batch.records;
  std::vector<PreparedRecord> prepared(records.size());
  std::vector<std::string> outputs(records.size());
  std::vector<std::string> errors(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    rr.Prepare(records[i], &prepared[i]);
    errors[i] = prepared[i].error;
  }
  result->fatal = ProcessRange(redactor, rr, records, &prepared, 0, records.size(), &outputs, &errors);
  for (size_t i = 0; i < records.size(); ++i) {
    if (!errors[i].empty()) {
      result->errors += ErrorLine(records[i], errors[i]);
      ++result->failed;
    } else {
      result->output += outputs[i];
    }
    result->bytes += records[i].size;
  }
  result->records = records.size();
  if (!records.empty()) {
    result->input_end = records.back().offset + records.back().size;
    result->line_end = records.back().line + records.back().newlines;
  }
}

std::string Megabytes(double bytes) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f MB", bytes / 1e6);
  return text;
}

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof(text), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(text, sizeof(text), "%ld:%02ld", s / 60, s % 60);
  }
  return text;
}

bool SyncFile(std::FILE* f) { return std::fflush(f) == 0 && (::fdatasync(fileno(f)) == 0 || errno == EINVAL); }

// Opens `path` for writing at `keep` bytes (0: a new file), truncating anything after.
std::FILE* OpenAt(const std::string& path, uint64_t keep, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), keep > 0 ? "r+b" : "wb");
  if (f == nullptr) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  if (keep > 0) {
    struct stat st {};
    if (::fstat(fileno(f), &st) != 0 || static_cast<uint64_t>(st.st_size) < keep) {
      *error = path + " is shorter than the checkpoint says; it changed since the interrupted run";
      std::fclose(f);
      return nullptr;
    }
    if (::ftruncate(fileno(f), static_cast<off_t>(keep)) != 0 || fseeko(f, static_cast<off_t>(keep), SEEK_SET) != 0) {
      *error = "cannot truncate " + path + ": " + std::strerror(errno);
      std::fclose(f);
      return nullptr;
    }
  }
  return f;
}

const char* FormatName(InputFormat f) {
  return f == InputFormat::kCsv ? "csv" : f == InputFormat::kJsonLines ? "jsonl" : "text";
}

}  // namespace

int RunRedactJob(const RedactOptions& options) {
  auto fail = [](int code, const std::string& message) {
    std::cerr << "sentinelctl redact: " << message << "\n";
    return code;
  };
  const bool from_stdin = options.input == "-";
  const bool to_stdout = options.output == "-";
  std::string errors_path = options.errors_path;
  if (errors_path.empty()) errors_path = to_stdout ? "redact.errors.jsonl" : options.output + ".errors.jsonl";
  std::string checkpoint_path = options.checkpoint_path;
  const bool checkpoints = !from_stdin && !to_stdout;
  if (checkpoint_path.empty() && checkpoints) checkpoint_path = options.output + ".checkpoint";
  if (options.resume && !checkpoints) {
    return fail(kExitUsage, "--resume needs an input file and an output file (-o), not standard input or output");
  }

  std::FILE* in = from_stdin ? stdin : std::fopen(options.input.c_str(), "rb");
  if (in == nullptr) return fail(kExitUsage, "cannot open " + options.input + ": " + std::strerror(errno));
  uint64_t input_size = 0;
  struct stat st {};
  if (::fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode)) input_size = static_cast<uint64_t>(st.st_size);

  // What a checkpoint must match to be resumed.
  nlohmann::json job = {{"input", options.input},
                        {"input_size", input_size},
                        {"input_mtime_ns", static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec},
                        {"format", FormatName(options.format)},
                        {"delimiter", std::string(1, options.delimiter)},
                        {"csv_header", options.csv_header},
                        {"skip", options.rules.skip},
                        {"entity", options.rules.entity},
                        {"only_mapped", options.rules.only_mapped},
                        {"detect", options.detect},
                        {"sample", options.sample},
                        {"language", options.settings.language},
                        {"entities", options.settings.entities},
                        {"score_threshold", options.settings.score_threshold},
                        {"operators", options.settings.operators},
                        {"max_record_bytes", options.max_record_bytes}};

  RedactCheckpoint cp;
  cp.job = job;
  bool resumed = false;
  if (checkpoints) {
    RedactCheckpoint old;
    Status s = RedactCheckpoint::Read(checkpoint_path, &old);
    if (s.ok() && !options.resume) {
      return fail(kExitUsage, "a checkpoint of an interrupted run exists (" + checkpoint_path +
                                  "): pass --resume to continue it, or delete it to start over");
    }
    if (!s.ok() && s.code() != StatusCode::kNotFound) return fail(kExitUsage, s.message());
    if (s.ok()) {
      if (old.job != job) {
        return fail(kExitUsage, "the checkpoint " + checkpoint_path +
                                    " belongs to a run with other options or another version of the input; delete "
                                    "it to start over");
      }
      cp = old;
      resumed = true;
    }
  }
  if (resumed && fseeko(in, static_cast<off_t>(cp.input_offset), SEEK_SET) != 0) {
    return fail(kExitUsage, "cannot seek in " + options.input);
  }

  std::string error;
  std::FILE* out = to_stdout ? stdout : OpenAt(options.output, resumed ? cp.output_bytes : 0, &error);
  if (out == nullptr) return fail(kExitUsage, error);
  std::FILE* err_file = OpenAt(errors_path, resumed ? cp.errors_bytes : 0, &error);
  if (err_file == nullptr) return fail(kExitUsage, error);

  RecordReader reader(in, options.format, options.delimiter, options.max_record_bytes, cp.input_offset,
                      cp.input_line, cp.records);
  std::deque<Record> pending;  // records read ahead (CSV header peek, sample)
  FieldRules rules = options.rules;
  if (!resumed) {
    if (options.format == InputFormat::kCsv) {
      Record first;
      if (reader.Next(&first)) {
        std::vector<std::string> fields;
        std::vector<std::pair<size_t, size_t>> spans;
        if (!first.error.empty() || !IsValidUtf8(first.Body()) ||
            !SplitCsvRecord(first.Body(), options.delimiter, &fields, &spans, &error)) {
          return fail(kExitUsage, "the first CSV row (line 1) cannot be read: " +
                                      (first.error.empty() ? std::string("malformed or not UTF-8") : first.error));
        }
        if (options.csv_header) {
          cp.header = fields;
          std::fwrite(first.raw.data(), 1, first.raw.size(), out);
          cp.output_bytes += first.raw.size();
          cp.input_offset += first.size;
          cp.input_line = first.line + first.newlines;
          reader.SetIndex(0);
        } else {
          for (size_t i = 0; i < fields.size(); ++i) cp.header.push_back(std::to_string(i + 1));
          pending.push_back(std::move(first));
        }
      }
    }
    cp.entities = rules.entity;
  }
  rules.entity = cp.entities;
  RecordRedactor rr(options.format, options.delimiter, &rules, cp.header);

  if (options.detect && !resumed) {
    Record r;
    while (pending.size() < options.sample && reader.Next(&r)) pending.push_back(std::move(r));
    std::map<std::string, std::vector<std::string>> values;
    for (const Record& p : pending) rr.CollectSample(p, &values);
    KeepAliveClient client(options.url, options.token);
    TextRedactor redactor(&client, &options.settings);
    std::map<std::string, std::vector<std::vector<Finding>>> found;
    for (const auto& [key, texts] : values) {
      if (rules.entity.count(key) || rules.skip.count(key)) continue;
      auto& out_findings = found[key];
      for (size_t i = 0; i < texts.size(); i += 256) {
        std::vector<std::string> chunk(texts.begin() + static_cast<long>(i),
                                       texts.begin() + static_cast<long>(std::min(texts.size(), i + 256)));
        std::vector<std::vector<Finding>> f;
        Status s = redactor.Analyze(chunk, &f);
        if (!s.ok()) {
          return fail(s.code() == StatusCode::kUnavailable ? kExitUnreachable : kExitRecordErrors,
                      "sampling failed: " + s.message());
        }
        out_findings.insert(out_findings.end(), f.begin(), f.end());
      }
    }
    std::string summary;
    for (const auto& [key, entity] : DecideEntities(values, found, &summary)) rules.entity.emplace(key, entity);
    cp.entities = rules.entity;
    if (!options.quiet) {
      std::cerr << "sentinelctl redact: entities decided from " << pending.size() << " sampled records"
                << (summary.empty() ? ": none\n" : ":\n" + summary);
    }
  }

  // The first checkpoint holds the header and the decided entities, before any record is written.
  if (checkpoints && !resumed && SyncFile(out) && SyncFile(err_file)) {
    Status s = cp.Write(checkpoint_path);
    if (!s.ok()) return fail(kExitUsage, s.message());
  }

  // Workers.
  std::mutex mu;
  std::condition_variable cv_work, cv_done, cv_space;
  std::deque<Batch> queue;
  std::map<uint64_t, BatchResult> done;
  bool reading_done = false;
  std::atomic<bool> stop{false};
  Status first_fatal;  // the real cause; batches that were merely stopped after it say "stopped"
  uint64_t in_flight = 0;
  const uint64_t max_in_flight = static_cast<uint64_t>(options.jobs) * 2 + 2;
  std::vector<std::thread> workers;
  for (int w = 0; w < options.jobs; ++w) {
    workers.emplace_back([&] {
      KeepAliveClient client(options.url, options.token);
      TextRedactor redactor(&client, &options.settings);
      while (true) {
        Batch batch;
        {
          std::unique_lock<std::mutex> lock(mu);
          // After a fatal error the queue is still drained (unprocessed), so every batch gets a result.
          cv_work.wait(lock, [&] { return !queue.empty() || reading_done; });
          if (queue.empty()) return;
          batch = std::move(queue.front());
          queue.pop_front();
        }
        BatchResult result;
        if (stop) {
          result.fatal = Status::Unavailable("stopped");
        } else {
          ProcessBatch(&redactor, rr, batch, &result);
        }
        {
          std::lock_guard<std::mutex> lock(mu);
          if (!result.fatal.ok()) {
            stop = true;
            if (first_fatal.ok() && result.fatal.message() != "stopped") first_fatal = result.fatal;
          }
          done.emplace(batch.seq, std::move(result));
        }
        cv_done.notify_all();
        cv_work.notify_all();
      }
    });
  }

  // Writer: input order, errors, progress, checkpoints.
  const bool show_progress = options.progress == 1 || (options.progress == -1 && isatty(STDERR_FILENO));
  const auto start = Clock::now();
  const uint64_t start_offset = cp.input_offset;
  Status fatal;
  Status write_error;
  uint64_t written_seq = 0;
  uint64_t bytes_done = 0;
  std::thread writer([&] {
    auto last_checkpoint = Clock::now();
    auto last_progress = Clock::now() - std::chrono::seconds(1);
    while (true) {
      BatchResult result;
      {
        std::unique_lock<std::mutex> lock(mu);
        bool timed_out = !cv_done.wait_for(lock, std::chrono::milliseconds(250), [&] {
          return done.count(written_seq) > 0 || (reading_done && in_flight == 0);
        });
        if (timed_out) {
          lock.unlock();
        } else if (done.count(written_seq) == 0) {
          break;  // everything written
        } else {
          result = std::move(done[written_seq]);
          done.erase(written_seq);
        }
      }
      if (result.records > 0 || !result.fatal.ok()) {
        if (!result.fatal.ok()) {
          fatal = result.fatal;
          std::lock_guard<std::mutex> lock(mu);
          stop = true;
          cv_work.notify_all();
          cv_space.notify_all();
          break;
        }
        if (std::fwrite(result.output.data(), 1, result.output.size(), out) != result.output.size() ||
            std::fwrite(result.errors.data(), 1, result.errors.size(), err_file) != result.errors.size()) {
          write_error = Status::Internal(std::string("cannot write the output: ") + std::strerror(errno));
          std::lock_guard<std::mutex> lock(mu);
          stop = true;
          cv_work.notify_all();
          cv_space.notify_all();
          break;
        }
        cp.output_bytes += result.output.size();
        cp.errors_bytes += result.errors.size();
        cp.records += result.records;
        cp.errors += result.failed;
        cp.input_offset = result.input_end;
        cp.input_line = result.line_end;
        bytes_done += result.bytes;
        {
          std::lock_guard<std::mutex> lock(mu);
          ++written_seq;
          --in_flight;
        }
        cv_space.notify_all();
      }
      auto now = Clock::now();
      if (checkpoints && now - last_checkpoint >= std::chrono::seconds(1)) {
        if (SyncFile(out) && SyncFile(err_file)) {
          Status s = cp.Write(checkpoint_path);
          (void)s;  // a failed checkpoint write only loses resumability; the run goes on
        }
        last_checkpoint = now;
      }
      if (show_progress && now - last_progress >= std::chrono::milliseconds(250)) {
        double seconds = std::chrono::duration<double>(now - start).count();
        double rate = seconds > 0 ? bytes_done / seconds : 0;
        std::string line = "\r" + std::to_string(cp.records) + " records  " + Megabytes(cp.input_offset) + "  " +
                           Megabytes(rate) + "/s";
        if (input_size > 0) {
          line += "  " + std::to_string(cp.input_offset * 100 / std::max<uint64_t>(input_size, 1)) + "%";
          if (rate > 0) line += "  ETA " + Duration((input_size - std::min(input_size, cp.input_offset)) / rate);
        }
        if (cp.errors > 0) line += "  " + std::to_string(cp.errors) + " errors";
        std::cerr << line << "\033[K" << std::flush;
        last_progress = now;
      }
    }
  });

  // Reader (this thread): batches into the queue, at most max_in_flight outstanding.
  uint64_t seq = 0;
  Batch batch;
  size_t batch_size = 0;
  auto submit = [&]() -> bool {
    std::unique_lock<std::mutex> lock(mu);
    cv_space.wait(lock, [&] { return in_flight < max_in_flight || stop; });
    if (stop) return false;
    batch.seq = seq++;
    queue.push_back(std::move(batch));
    ++in_flight;
    batch = Batch();
    batch_size = 0;
    cv_work.notify_one();
    return true;
  };
  bool more = true;
  while (more && !stop) {
    Record r;
    if (!pending.empty()) {
      r = std::move(pending.front());
      pending.pop_front();
    } else if (!reader.Next(&r)) {
      break;
    }
    batch_size += r.raw.size();
    batch.records.push_back(std::move(r));
    if (batch.records.size() >= options.batch_records || batch_size >= options.batch_bytes) more = submit();
  }
  if (!batch.records.empty() && !stop) submit();
  {
    std::lock_guard<std::mutex> lock(mu);
    reading_done = true;
  }
  cv_work.notify_all();
  cv_done.notify_all();
  for (auto& t : workers) t.join();
  cv_done.notify_all();
  writer.join();
  if (show_progress) std::cerr << "\n";

  if (!fatal.ok() && !first_fatal.ok()) fatal = first_fatal;
  if (!reader.status().ok()) fatal = reader.status();
  bool synced = SyncFile(out) && SyncFile(err_file);
  if (!to_stdout) std::fclose(out);
  std::fclose(err_file);
  if (!from_stdin) std::fclose(in);
  if (!write_error.ok()) return fail(kExitUsage, write_error.message());
  if (!fatal.ok() || !synced) {
    if (checkpoints && synced) {
      Status s = cp.Write(checkpoint_path);
      (void)s;
    }
    return fail(kExitUnreachable, (fatal.ok() ? std::string("cannot flush the output") : fatal.message()) +
                                      (checkpoints ? "; " + std::to_string(cp.records) +
                                                         " records are done: rerun with --resume to continue"
                                                   : ""));
  }
  if (checkpoints) std::remove(checkpoint_path.c_str());
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!options.quiet) {
    char rate[64];
    std::snprintf(rate, sizeof(rate), "%.1f MB/s", seconds > 0 ? (cp.input_offset - start_offset) / seconds / 1e6 : 0.0);
    std::cerr << "sentinelctl redact: " << cp.records << " records (" << Megabytes(cp.input_offset - start_offset)
              << " in " << Duration(seconds) << ", " << rate << ")"
              << (resumed ? ", resumed" : "") << "; " << cp.errors << " failed"
              << (cp.errors > 0 ? ", listed in " + errors_path : std::string()) << "\n";
  }
  return cp.errors > 0 ? kExitRecordErrors : kExitOk;
}

}  // namespace sentinel
