#include "ctl/server_url.h"

#include <algorithm>
#include <cctype>

namespace sentinel {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A host name or IPv4 address: letters, digits, '-', '.', '_' only (no spaces, no '@', no '%').
bool PlainHost(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
}

// An IPv6 address goes in brackets wherever a port may follow.
std::string Bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

std::string ServerUrl::ToString() const { return "http://" + Bracketed(host) + ":" + port + prefix; }

std::string ServerUrl::HostHeader() const { return port == "80" ? Bracketed(host) : Bracketed(host) + ":" + port; }

Status ParseServerUrl(std::string_view text, ServerUrl* out) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::string_view rest = text;
  size_t scheme_end = rest.find("://");
  if (scheme_end != std::string_view::npos) {
    const std::string scheme = Lower(rest.substr(0, scheme_end));
    if (scheme == "https") {
      return Status::InvalidArgument(
          "URL " + quoted +
          ": https is not supported: sentineld serves plain HTTP and this sentinelctl has no TLS client; use "
          "http://HOST:PORT (through an SSH tunnel or on the host itself)");
    }
    if (scheme != "http") {
      return Status::InvalidArgument("URL " + quoted + ": scheme '" + scheme + "' is not supported; use http://HOST:PORT");
    }
    rest.remove_prefix(scheme_end + 3);
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return Status::InvalidArgument("URL " + quoted + ": a query or fragment is not allowed; use http://HOST:PORT[/PREFIX]");
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string prefix = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (prefix.find("//") != std::string::npos || prefix.find_first_of(" \t\r\n") != std::string::npos) {
    return Status::InvalidArgument("URL " + quoted + ": the path prefix '" + prefix + "' is malformed");
  }
  if (authority.find('@') != std::string_view::npos) {
    return Status::InvalidArgument("URL " + quoted +
                                   ": credentials in the URL are not supported; use --token-file or SENTINEL_TOKEN");
  }
  std::string host;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("URL " + quoted + ": unclosed '[' in the host");
    host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') {
      return Status::InvalidArgument("URL " + quoted + ": expected ':PORT' after the bracketed host");
    }
    if (!after.empty()) port_text = after.substr(1);
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
      return Status::InvalidArgument("URL " + quoted + ": '" + host + "' is not an IPv6 address");
    }
  } else {
    size_t colon = authority.find(':');
    host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (colon != std::string_view::npos && port_text.empty()) {
      return Status::InvalidArgument("URL " + quoted + ": the port after ':' is empty");
    }
    if (host.empty()) return Status::InvalidArgument("URL " + quoted + ": no host; use http://HOST:PORT");
    if (!PlainHost(host)) {
      return Status::InvalidArgument("URL " + quoted + ": '" + host + "' is not a host name or address");
    }
  }
  std::string port = "80";
  if (!port_text.empty()) {
    if (!AllDigits(port_text) || port_text.size() > 5 || std::stoul(std::string(port_text)) == 0 ||
        std::stoul(std::string(port_text)) > 65535) {
      return Status::InvalidArgument("URL " + quoted + ": port '" + std::string(port_text) +
                                     "' must be a number from 1 to 65535");
    }
    port = std::to_string(std::stoul(std::string(port_text)));
  }
  out->host = host;
  out->port = port;
  out->prefix = prefix;
  return Status::OK();
}

}  // namespace sentinel
