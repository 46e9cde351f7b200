// RedactCommand: `sentinelctl redact` -- parses its arguments into RedactOptions (redact_job.h) and runs it.
#ifndef SENTINEL_HOST_CTL_REDACT_COMMAND_H_
#define SENTINEL_HOST_CTL_REDACT_COMMAND_H_

#include <string>
#include <vector>

#include "ctl/server_url.h"

namespace sentinel {

extern const char* const kRedactUsage;

// `args` are the arguments after "redact". Returns sentinelctl's exit code.
int RunRedactCommand(const ServerUrl& url, const std::string& token, const std::vector<std::string>& args);

}  // namespace sentinel

#endif  // SENTINEL_HOST_CTL_REDACT_COMMAND_H_
