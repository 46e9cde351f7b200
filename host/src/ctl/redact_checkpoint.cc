#include "ctl/redact_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

namespace sentinel {

Status RedactCheckpoint::Write(const std::string& path) const {
  nlohmann::json j = {{"version", 1},           {"job", job},
                      {"input_offset", input_offset}, {"input_line", input_line},
                      {"records", records},     {"errors", errors},
                      {"output_bytes", output_bytes}, {"errors_bytes", errors_bytes},
                      {"header", header},       {"entities", entities}};
  const std::string text = j.dump(1) + "\n";
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Internal("cannot write the checkpoint " + tmp + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fdatasync(fd) == 0;
  ok &= ::close(fd) == 0;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::Internal("cannot write the checkpoint " + path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

Status RedactCheckpoint::Read(const std::string& path, RedactCheckpoint* out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no checkpoint at " + path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != 1) {
    return Status::InvalidArgument("the checkpoint " + path + " is damaged or of another version");
  }
  try {
    out->job = j.at("job");
    out->input_offset = j.at("input_offset").get<uint64_t>();
    out->input_line = j.at("input_line").get<uint64_t>();
    out->records = j.at("records").get<uint64_t>();
    out->errors = j.at("errors").get<uint64_t>();
    out->output_bytes = j.at("output_bytes").get<uint64_t>();
    out->errors_bytes = j.at("errors_bytes").get<uint64_t>();
    out->header = j.at("header").get<std::vector<std::string>>();
    out->entities = j.at("entities").get<std::map<std::string, std::string>>();
  } catch (const std::exception& e) {
    return Status::InvalidArgument("the checkpoint " + path + " is damaged: " + e.what());
  }
  return Status::OK();
}

}  // namespace sentinel
