#include "module/worker_protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sentinel {
namespace {

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool ReadAll(int fd, char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

struct Header {
  uint32_t type;
  uint32_t length;
  uint64_t id;
};

}  // namespace

bool WriteWorkerFrame(int fd, const WorkerFrame& frame) {
  std::string payload;
  for (const auto& f : frame.fields) {
    uint32_t n = static_cast<uint32_t>(f.size());
    payload.append(reinterpret_cast<const char*>(&n), sizeof(n));
    payload.append(f);
  }
  if (payload.size() > kMaxWorkerPayload) return false;
  Header h{static_cast<uint32_t>(frame.type), static_cast<uint32_t>(payload.size()), frame.id};
  std::string buf(reinterpret_cast<const char*>(&h), sizeof(h));
  buf += payload;
  return WriteAll(fd, buf.data(), buf.size());
}

bool ReadWorkerFrame(int fd, WorkerFrame* frame) {
  Header h;
  if (!ReadAll(fd, reinterpret_cast<char*>(&h), sizeof(h))) return false;
  if (h.length > kMaxWorkerPayload) return false;
  std::string payload(h.length, '\0');
  if (h.length > 0 && !ReadAll(fd, &payload[0], h.length)) return false;
  frame->type = static_cast<WorkerMessage>(h.type);
  frame->id = h.id;
  frame->fields.clear();
  size_t pos = 0;
  while (pos < payload.size()) {
    if (payload.size() - pos < sizeof(uint32_t)) return false;
    uint32_t n;
    std::memcpy(&n, payload.data() + pos, sizeof(n));
    pos += sizeof(n);
    if (n > payload.size() - pos) return false;
    frame->fields.emplace_back(payload.data() + pos, n);
    pos += n;
  }
  return true;
}

}  // namespace sentinel
