// sentinelctl: command-line client for sentineld's REST API, plus offline plugin inspection.
//   sentinelctl [--url URL] [--token-file FILE] [--json] COMMAND [ARGS]    (sentinelctl --help for the list)
//   sentinelctl inspect PLUGIN.so      (reads the ABI descriptor from the file; loads nothing)
// Exit codes: 0 success, 1 sentineld answered with an error (or the plugin is incompatible), 2 usage error,
// 3 sentineld could not be reached or the server at the URL is not sentineld.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/json_text.h"
#include "ctl/api_client.h"
#include "ctl/module_table.h"
#include "ctl/redact_command.h"
#include "ctl/server_url.h"
#include "plugin/abi_descriptor.h"

namespace {
namespace http = boost::beast::http;
using sentinel::JsonText;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnreachable = 3;

constexpr const char* kUsage =
    "usage: sentinelctl [--url URL] [--token-file FILE] [--json] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  modules                  list modules: a table on a terminal, JSON with --json or in a pipe\n"
    "  module NAME              one module's state, plugin, ABI and error (JSON)\n"
    "  activate NAME            activate a module (admin token when one is configured)\n"
    "  deactivate NAME          deactivate a module (requests in flight finish)\n"
    "  health [NAME]            the daemon's liveness, or one module's own health\n"
    "  ready                    succeeds once every enabled module is active\n"
    "  reload                   re-read the YAML configuration\n"
    "  analyze [--module NAME]... [TEXT | -]\n"
    "                           analyze TEXT (standard input when absent or -)\n"
    "  inspect PLUGIN.so        read a plugin's ABI descriptor from the file (loads nothing)\n"
    "  redact [OPTIONS] [FILE]  redact JSON Lines, CSV or text files in bulk (sentinelctl redact --help)\n"
    "  help                     this text (also --help, -h)\n"
    "\n"
    "options:\n"
    "  --url URL                sentineld's address: [http://]HOST[:PORT][/PREFIX]\n"
    "                           (default http://127.0.0.1:8080; https is not supported)\n"
    "  --token-file FILE        the admin bearer token (first line of FILE)\n"
    "  --json                   print JSON even on a terminal\n"
    "\n"
    "environment: SENTINEL_URL (like --url), SENTINEL_TOKEN (the token itself)\n"
    "exit codes: 0 ok, 1 sentineld answered with an error, 2 usage error, 3 sentineld not reachable or the URL\n"
    "            is not sentineld\n";

struct Options {
  sentinel::ServerUrl url;
  std::string token;
  bool json = false;
};

int UsageError(const std::string& message) {
  std::cerr << "sentinelctl: " << message << "\n(sentinelctl --help lists the commands and options)\n";
  return kExitUsage;
}

size_t TerminalWidth() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 100;
}

// Calls the API and prints the answer: the JSON (or, for `modules` on a terminal, a table) on stdout.
int Call(const Options& options, http::verb method, const std::string& path, const std::string& body = "",
         bool table = false) {
  sentinel::ApiReply reply;
  sentinel::Status s = sentinel::CallApi(options.url, options.token, method, path, body, &reply);
  if (!s.ok()) {
    std::cerr << "sentinelctl: " << s.message() << "\n";
    return kExitUnreachable;
  }
  if (table && reply.ok()) {
    std::cout << sentinel::FormatModuleTable(reply.body, TerminalWidth());
  } else {
    std::cout << JsonText(reply.body, 2) << "\n";
  }
  return reply.ok() ? kExitOk : kExitFailed;
}

int Inspect(const std::string& path) {
  sentinel::AbiDescriptor d;
  sentinel::Status s = sentinel::InspectPluginFile(path, &d);
  if (d.magic != 0) {
    nlohmann::ordered_json j = {{"file", path},
                                {"plugin", d.plugin_name},
                                {"version", d.plugin_version},
                                {"abi", d.AbiVersion()},
                                {"host_abi", sentinel::HostAbiVersion()},
                                {"descriptor_size", d.descriptor_size},
                                {"entry_symbol", d.entry_symbol},
                                {"compiler", d.compiler},
                                {"cxx_runtime", d.cxx_runtime},
                                {"dependencies", d.dependencies},
                                {"struct_sizes",
                                 {{"sentinel_detector_api", d.size_detector_api},
                                  {"sentinel_host_api", d.size_host_api},
                                  {"sentinel_activate_args", d.size_activate_args},
                                  {"sentinel_http_request", d.size_http_request},
                                  {"sentinel_http_response", d.size_http_response},
                                  {"sentinel_error", d.size_error},
                                  {"sentinel_sink", d.size_sink}}},
                                {"compatible", s.ok()}};
    if (!s.ok()) j["problem"] = s.message();
    std::cout << JsonText(j, 2) << "\n";
  } else {
    std::cerr << "sentinelctl: " << s.message() << "\n";
  }
  return s.ok() ? kExitOk : kExitFailed;
}

bool IsHelp(const std::string& arg) { return arg == "help" || arg == "--help" || arg == "-h"; }

// What sentineld accepts as a module name (config/host_config.cc), so a name is safe in a URL path as it is.
bool IsModuleName(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
}

int Analyze(const Options& options, const std::vector<std::string>& args, size_t i) {
  std::vector<std::string> modules;
  std::string text;
  bool have_text = false;
  for (; i < args.size(); ++i) {
    if (args[i] == "--module") {
      if (i + 1 >= args.size()) return UsageError("--module needs a module name");
      modules.push_back(args[++i]);
    } else if (args[i] == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      have_text = true;
    } else {
      text = args[i];
      have_text = true;
    }
  }
  if (!have_text) text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  nlohmann::json body = nlohmann::json::object();
  body["text"] = text;
  if (!modules.empty()) body["modules"] = modules;
  return Call(options, http::verb::post, "/v1/analyze", JsonText(body));
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  std::optional<std::string> url_text;
  if (const char* env = std::getenv("SENTINEL_URL"); env != nullptr && *env != '\0') url_text = env;
  if (const char* env = std::getenv("SENTINEL_TOKEN")) options.token = env;
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  for (; i < args.size() && args[i].rfind("-", 0) == 0 && !IsHelp(args[i]); ++i) {
    const std::string& option = args[i];
    if (option == "--json") {
      options.json = true;
    } else if (option == "--url" || option == "--token-file") {
      if (i + 1 >= args.size()) return UsageError(option + " needs a value");
      const std::string& value = args[++i];
      if (option == "--url") {
        url_text = value;
      } else {
        std::ifstream in(value);
        if (!in || !std::getline(in, options.token)) return UsageError("cannot read the token file " + value);
      }
    } else {
      return UsageError("unknown option '" + option + "'");
    }
  }
  if (i >= args.size()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = args[i++];
  if (IsHelp(command)) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (command == "inspect") {
    if (i >= args.size()) return UsageError("inspect needs a plugin file");
    return Inspect(args[i]);
  }
  const bool no_name = command == "modules" || command == "ready" || command == "reload";
  const bool one_name = command == "module" || command == "activate" || command == "deactivate";
  if (!no_name && !one_name && command != "health" && command != "analyze" && command != "redact") {
    return UsageError("unknown command '" + command + "'");
  }
  if (url_text) {
    sentinel::Status s = sentinel::ParseServerUrl(*url_text, &options.url);
    if (!s.ok()) return UsageError(s.message());
  }
  if (command == "analyze") return Analyze(options, args, i);
  if (command == "redact") {
    return sentinel::RunRedactCommand(options.url, options.token, std::vector<std::string>(args.begin() + i, args.end()));
  }

  // The other commands take at most one module name; `--json` and `--help` may also follow the command.
  std::vector<std::string> names;
  for (; i < args.size(); ++i) {
    if (args[i] == "--json") {
      options.json = true;
    } else if (IsHelp(args[i])) {
      std::cout << kUsage;
      return kExitOk;
    } else if (!IsModuleName(args[i])) {
      return UsageError("'" + args[i] + "' is not a module name (letters, digits, '_' and '-')");
    } else {
      names.push_back(args[i]);
    }
  }
  if (no_name && !names.empty()) return UsageError(command + " takes no arguments");
  if (one_name && names.size() != 1) return UsageError(command + " needs one module name");
  if (command == "health" && names.size() > 1) return UsageError("health takes at most one module name");

  if (command == "modules") {
    return Call(options, http::verb::get, "/v1/modules", "", !options.json && isatty(STDOUT_FILENO));
  }
  if (command == "ready") return Call(options, http::verb::get, "/ready");
  if (command == "reload") return Call(options, http::verb::post, "/v1/reload");
  if (command == "health") {
    return Call(options, http::verb::get, names.empty() ? "/health" : "/v1/modules/" + names[0] + "/health");
  }
  if (command == "module") return Call(options, http::verb::get, "/v1/modules/" + names[0]);
  return Call(options, http::verb::post, "/v1/modules/" + names[0] + "/" + command);  // activate, deactivate
}
