// sentineld: the Sentinel detector host.
//   sentineld --config FILE [--listen HOST:PORT]   serve
//   sentineld --check --config FILE                validate config, plugins and models, then exit
//   sentineld --preflight PLUGIN.so ENTRY          internal: load a plugin in a child process
//   sentineld --worker PLUGIN.so ENTRY             internal: serve a module in a worker process (fd 3)
#include <sys/resource.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

#include "daemon.h"
#include "module/process_detector.h"
#include "plugin/preflight.h"

namespace {

void Usage() {
  std::fprintf(stderr,
               "usage: sentineld --config FILE [--listen HOST:PORT]\n"
               "       sentineld --check --config FILE\n");
}

std::string SelfExecutable(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  return argv0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--preflight") == 0) {
    return sentinel::PreflightChildMain(argv[2], argv[3]);
  }
  if (argc == 4 && std::strcmp(argv[1], "--worker") == 0) {
    sentinel::SetPreflightExecutable(SelfExecutable(argv[0]));
    return sentinel::WorkerMain(argv[2], argv[3]);
  }
  sentinel::DaemonOptions options;
  bool check = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--config" && i + 1 < argc) {
      options.config_path = argv[++i];
    } else if (arg == "--listen" && i + 1 < argc) {
      options.listen_override = argv[++i];
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--help" || arg == "-h") {
      Usage();
      return 0;
    } else {
      std::fprintf(stderr, "sentineld: unknown argument '%s'\n", arg.c_str());
      Usage();
      return 2;
    }
  }
  if (options.config_path.empty()) {
    Usage();
    return 2;
  }
  sentinel::SetPreflightExecutable(SelfExecutable(argv[0]));
  // Many idle client connections must not exhaust descriptors before max_connections does.
  rlimit files;
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  if (check) return sentinel::RunConfigCheck(options.config_path);
  sentinel::Daemon daemon(options);
  return daemon.Run();
}
