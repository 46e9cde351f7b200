#include "plugin/preflight.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>

#include "plugin/plugin_library.h"

extern char** environ;

namespace sentinel {
namespace {

std::string g_self_exe;
std::mutex g_cache_mutex;
std::map<std::tuple<dev_t, ino_t, int64_t, int64_t>, bool>* g_passed = new std::map<std::tuple<dev_t, ino_t, int64_t, int64_t>, bool>();

std::string SignalName(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    default: return "signal " + std::to_string(sig);
  }
}

}  // namespace

void SetPreflightExecutable(const std::string& self_exe) { g_self_exe = self_exe; }

const std::string& PreflightExecutable() { return g_self_exe; }

int PreflightChildMain(const std::string& path, const std::string& entry_symbol) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    std::printf("%s", DescribeDlError(dlerror()).c_str());
    return 2;
  }
  AbiDescriptor descriptor;
  Status s = InspectPluginFile(path, &descriptor);
  if (s.ok()) {
    descriptor.entry_symbol = entry_symbol;
    const sentinel_detector_api* api = nullptr;
    s = ValidateEntry(descriptor, dlsym(handle, entry_symbol.c_str()), &api);
  }
  if (!s.ok()) {
    std::printf("%s", s.message().c_str());
    return 2;
  }
  return 0;
}

Status RunPreflight(const std::string& path, const AbiDescriptor& descriptor, std::chrono::milliseconds timeout) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::NotFound("plugin file not found: " + path);
  auto key = std::make_tuple(st.st_dev, st.st_ino, int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec,
                             int64_t{st.st_size});
  {
    std::lock_guard<std::mutex> lock(g_cache_mutex);
    if (g_passed->count(key)) return Status::OK();
  }
  if (g_self_exe.empty()) return Status::Internal("preflight executable is not set");

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return Status::Internal(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  std::string arg0 = g_self_exe, arg1 = "--preflight", arg2 = path, arg3 = descriptor.entry_symbol;
  char* argv[] = {&arg0[0], &arg1[0], &arg2[0], &arg3[0], nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, g_self_exe.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return Status::Internal(std::string("cannot start the preflight process: ") + std::strerror(rc));
  }

  std::string output;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  char buf[4096];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd pfd{pipe_fds[0], POLLIN, 0};
    int n = poll(&pfd, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      timed_out = n == 0;
      break;
    }
    ssize_t got = read(pipe_fds[0], buf, sizeof(buf));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    if (output.size() < 16384) output.append(buf, static_cast<size_t>(got));
  }
  close(pipe_fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();

  if (timed_out) {
    return Status::Unprocessable("hung while loading: no answer within " + std::to_string(timeout.count()) +
                                 " ms (static initializers never returned)");
  }
  if (WIFSIGNALED(wstatus)) {
    return Status::Unprocessable("crashed while loading (" + SignalName(WTERMSIG(wstatus)) +
                                 "): a static initializer or the entry point failed; the host did not load it");
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return Status::Unprocessable(output.empty() ? "failed while loading (exit code " +
                                                      std::to_string(WEXITSTATUS(wstatus)) + ")"
                                                : output);
  }
  std::lock_guard<std::mutex> lock(g_cache_mutex);
  (*g_passed)[key] = true;
  return Status::OK();
}

}  // namespace sentinel
