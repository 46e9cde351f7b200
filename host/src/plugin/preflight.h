// Preflight: before a plugin is loaded into the host, load it once in a short-lived child process (the way
// GStreamer's plugin scanner does), so that a plugin whose static initializers crash, or which cannot be
// linked, is reported ("crashed while loading (SIGSEGV)") without harm to the daemon.
#ifndef SENTINEL_HOST_PLUGIN_PREFLIGHT_H_
#define SENTINEL_HOST_PLUGIN_PREFLIGHT_H_

#include <chrono>
#include <string>

#include "common/status.h"
#include "plugin/abi_descriptor.h"

namespace sentinel {

// Must be called once at start-up, before threads exist: records the executable that runs the child.
void SetPreflightExecutable(const std::string& self_exe);

// The executable recorded by SetPreflightExecutable (also used to start module worker processes).
const std::string& PreflightExecutable();

// Runs `<self_exe> --preflight <path> <entry_symbol>` and waits at most `timeout`.
// Results are cached per file identity (device, inode, mtime, size).
Status RunPreflight(const std::string& path, const AbiDescriptor& descriptor, std::chrono::milliseconds timeout);

// The child's side: dlopen, resolve and validate the entry point. Prints the reason on failure.
// Returns the process exit code (0 when the plugin loads).
int PreflightChildMain(const std::string& path, const std::string& entry_symbol);

}  // namespace sentinel

#endif  // SENTINEL_HOST_PLUGIN_PREFLIGHT_H_
