// sentinelctl: command-line client for sentineld's REST API, plus offline plugin inspection.
//   sentinelctl [--url URL] [--token-file FILE] modules | module NAME | activate NAME | deactivate NAME |
//               health [NAME] | ready | reload | analyze [--module NAME]... [TEXT|-]
//   sentinelctl inspect PLUGIN.so      (reads the ABI descriptor from the file; loads nothing)
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "plugin/abi_descriptor.h"

namespace {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

struct Url {
  std::string host = "127.0.0.1";
  std::string port = "8080";
};

bool ParseUrl(const std::string& text, Url* url) {
  std::string rest = text;
  if (rest.rfind("http://", 0) == 0) rest = rest.substr(7);
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  size_t colon = rest.rfind(':');
  if (colon == std::string::npos) {
    url->host = rest;
    url->port = "80";
  } else {
    url->host = rest.substr(0, colon);
    url->port = rest.substr(colon + 1);
  }
  return !url->host.empty();
}

int Request(const Url& url, const std::string& token, http::verb method, const std::string& target,
            const std::string& body) {
  try {
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(120));
    stream.connect(resolver.resolve(url.host, url.port));
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, url.host);
    req.set(http::field::user_agent, "sentinelctl");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty() || method == http::verb::post) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    beast::error_code ec;
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    nlohmann::json parsed = nlohmann::json::parse(res.body(), nullptr, false);
    std::cout << (parsed.is_discarded() ? res.body() : parsed.dump(2)) << "\n";
    return res.result_int() >= 200 && res.result_int() < 300 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "sentinelctl: cannot reach sentineld at " << url.host << ":" << url.port << ": " << e.what() << "\n";
    return 3;
  }
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
    std::cout << j.dump(2) << "\n";
  } else {
    std::cerr << "sentinelctl: " << s.message() << "\n";
  }
  return s.ok() ? 0 : 1;
}

void Usage() {
  std::cerr << "usage: sentinelctl [--url http://HOST:PORT] [--token-file FILE] COMMAND\n"
               "commands: modules | module NAME | activate NAME | deactivate NAME | health [NAME] | ready |\n"
               "          reload | analyze [--module NAME]... [TEXT|-] | inspect PLUGIN.so\n"
               "environment: SENTINEL_URL, SENTINEL_TOKEN\n";
}

}  // namespace

int main(int argc, char** argv) {
  Url url;
  std::string token;
  if (const char* env = std::getenv("SENTINEL_URL")) ParseUrl(env, &url);
  if (const char* env = std::getenv("SENTINEL_TOKEN")) token = env;
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  for (; i < args.size(); ++i) {
    if (args[i] == "--url" && i + 1 < args.size()) {
      if (!ParseUrl(args[++i], &url)) {
        std::cerr << "sentinelctl: bad --url\n";
        return 2;
      }
    } else if (args[i] == "--token-file" && i + 1 < args.size()) {
      std::ifstream in(args[++i]);
      if (!in || !std::getline(in, token)) {
        std::cerr << "sentinelctl: cannot read token file\n";
        return 2;
      }
    } else {
      break;
    }
  }
  if (i >= args.size()) {
    Usage();
    return 2;
  }
  const std::string command = args[i++];
  auto arg = [&](const char* what) -> std::string {
    if (i >= args.size()) {
      std::cerr << "sentinelctl: " << command << " needs " << what << "\n";
      std::exit(2);
    }
    return args[i++];
  };
  if (command == "inspect") return Inspect(arg("a plugin file"));
  if (command == "modules") return Request(url, token, http::verb::get, "/v1/modules", "");
  if (command == "module") return Request(url, token, http::verb::get, "/v1/modules/" + arg("a module name"), "");
  if (command == "activate")
    return Request(url, token, http::verb::post, "/v1/modules/" + arg("a module name") + "/activate", "");
  if (command == "deactivate")
    return Request(url, token, http::verb::post, "/v1/modules/" + arg("a module name") + "/deactivate", "");
  if (command == "health") {
    if (i < args.size()) return Request(url, token, http::verb::get, "/v1/modules/" + args[i] + "/health", "");
    return Request(url, token, http::verb::get, "/health", "");
  }
  if (command == "ready") return Request(url, token, http::verb::get, "/ready", "");
  if (command == "reload") return Request(url, token, http::verb::post, "/v1/reload", "");
  if (command == "analyze") {
    nlohmann::json body = nlohmann::json::object();
    std::vector<std::string> modules;
    std::string text;
    bool have_text = false;
    for (; i < args.size(); ++i) {
      if (args[i] == "--module" && i + 1 < args.size()) {
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
    body["text"] = text;
    if (!modules.empty()) body["modules"] = modules;
    return Request(url, token, http::verb::post, "/v1/analyze",
                   body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  std::cerr << "sentinelctl: unknown command '" << command << "'\n";
  Usage();
  return 2;
}
