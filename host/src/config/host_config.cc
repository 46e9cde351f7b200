#include "config/host_config.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "common/utf8.h"

namespace sentinel {
namespace fs = std::filesystem;
namespace {

// A config error at a YAML node: "file:line:column: message".
Status ErrorAt(const std::string& file, const YAML::Mark& mark, const std::string& message) {
  if (mark.is_null()) return Status::InvalidArgument(file + ": " + message);
  return Status::InvalidArgument(file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) +
                                 ": " + message);
}

// YAML is Unicode text, but yaml-cpp passes any byte through: text that is not UTF-8 is refused here, where
// the file and position are known, rather than reaching JSON, logs or metrics.
Status CheckUtf8(const std::string& file, const YAML::Node& node) {
  if (IsValidUtf8(node.Scalar())) return Status::OK();
  return ErrorAt(file, node.Mark(), "text is not valid UTF-8 (" + DescribeInvalidUtf8(node.Scalar()) + ")");
}

Status LoadYamlFile(const std::string& path, YAML::Node* root) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open config file");
  try {
    *root = YAML::Load(in);
  } catch (const YAML::ParserException& e) {
    return ErrorAt(path, e.mark, "invalid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    return ErrorAt(path, e.mark, e.msg);
  }
  if (!root->IsMap()) return ErrorAt(path, root->Mark(), "expected a mapping at the top level");
  return Status::OK();
}

Status CheckKeys(const std::string& file, const YAML::Node& map, const std::set<std::string>& allowed) {
  for (const auto& item : map) {
    std::string key = item.first.Scalar();
    if (!allowed.count(key)) {
      Status s = CheckUtf8(file, item.first);
      if (!s.ok()) return s;
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return ErrorAt(file, item.first.Mark(), "unknown key '" + key + "' (allowed: " + list + ")");
    }
  }
  return Status::OK();
}

Status GetString(const std::string& file, const YAML::Node& node, std::string* out) {
  if (!node.IsScalar()) return ErrorAt(file, node.Mark(), "expected a string");
  Status s = CheckUtf8(file, node);
  if (!s.ok()) return s;
  *out = node.Scalar();
  return Status::OK();
}

Status GetBool(const std::string& file, const YAML::Node& node, bool* out) {
  const std::string& v = node.IsScalar() ? node.Scalar() : std::string();
  if (v == "true" || v == "yes" || v == "on") {
    *out = true;
  } else if (v == "false" || v == "no" || v == "off") {
    *out = false;
  } else {
    return ErrorAt(file, node.Mark(), "expected true or false, got '" + v + "'");
  }
  return Status::OK();
}

template <typename T>
Status GetUnsigned(const std::string& file, const YAML::Node& node, T min, T max, T* out) {
  if (!node.IsScalar()) return ErrorAt(file, node.Mark(), "expected a number");
  const std::string& v = node.Scalar();
  if (v.empty() || v.size() > 19 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return ErrorAt(file, node.Mark(), "expected a whole number, got '" + v + "'");
  }
  unsigned long long n = std::stoull(v);
  if (n < static_cast<unsigned long long>(min) || n > static_cast<unsigned long long>(max)) {
    return ErrorAt(file, node.Mark(),
                   "value " + v + " out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  *out = static_cast<T>(n);
  return Status::OK();
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  fs::path p(path);
  if (p.is_relative()) p = fs::path(base_dir) / p;
  return p.lexically_normal().string();
}

// The absolute, normalized form of `path`; the path as given when the working folder cannot be read.
std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return (ec ? fs::path(path) : p).lexically_normal().string();
}

std::string DirOf(const std::string& file) { return fs::path(AbsolutePath(file)).parent_path().string(); }

// Limits on a module's settings tree. YAML aliases can make a cycle (`&a [*a]`) or expand
// exponentially ("billion laughs"), so the conversion counts depth and nodes instead of trusting the shape.
constexpr int kMaxSettingsDepth = 64;
constexpr size_t kMaxSettingsNodes = 100000;

struct SettingsBudget {
  const std::string& file;
  size_t nodes = 0;
};

// Converts a YAML value into JSON, resolving plain scalars as YAML 1.2 core schema does.
Status YamlToJson(const YAML::Node& node, int depth, SettingsBudget* budget, nlohmann::json* out) {
  if (depth > kMaxSettingsDepth) {
    return ErrorAt(budget->file, node.Mark(),
                   "settings are nested more than " + std::to_string(kMaxSettingsDepth) + " levels deep (or an alias refers to itself)");
  }
  if (++budget->nodes > kMaxSettingsNodes) {
    return ErrorAt(budget->file, node.Mark(),
                   "settings expand to more than " + std::to_string(kMaxSettingsNodes) + " values (check aliases)");
  }
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      *out = nullptr;
      return Status::OK();
    case YAML::NodeType::Sequence: {
      *out = nlohmann::json::array();
      for (const auto& item : node) {
        nlohmann::json value;
        Status s = YamlToJson(item, depth + 1, budget, &value);
        if (!s.ok()) return s;
        out->push_back(std::move(value));
      }
      return Status::OK();
    }
    case YAML::NodeType::Map: {
      *out = nlohmann::json::object();
      for (const auto& item : node) {
        if (!item.first.IsScalar()) return ErrorAt(budget->file, item.first.Mark(), "settings keys must be plain strings");
        Status key = CheckUtf8(budget->file, item.first);
        if (!key.ok()) return key;
        nlohmann::json value;
        Status s = YamlToJson(item.second, depth + 1, budget, &value);
        if (!s.ok()) return s;
        (*out)[item.first.Scalar()] = std::move(value);
      }
      return Status::OK();
    }
    case YAML::NodeType::Scalar: {
      Status s = CheckUtf8(budget->file, node);
      if (!s.ok()) return s;
      const std::string& v = node.Scalar();
      *out = v;
      if (node.Tag() == "!") return Status::OK();  // quoted: always a string
      if (v == "true" || v == "True" || v == "TRUE") {
        *out = true;
      } else if (v == "false" || v == "False" || v == "FALSE") {
        *out = false;
      } else if (v == "~" || v == "null" || v == "Null" || v == "NULL") {
        *out = nullptr;
      } else if (!v.empty()) {
        char* end = nullptr;
        errno = 0;
        long long i = std::strtoll(v.c_str(), &end, 10);
        if (*end == '\0' && errno == 0) {
          *out = i;
          return Status::OK();
        }
        errno = 0;
        double d = std::strtod(v.c_str(), &end);
        if (*end == '\0' && errno == 0 && v.find_first_not_of("0123456789+-.eE") == std::string::npos) *out = d;
      }
      return Status::OK();
    }
  }
  *out = nullptr;
  return Status::OK();
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

bool ModuleConfig::SameDefinition(const ModuleConfig& o) const {
  return name == o.name && plugin == o.plugin && library == o.library && isolation == o.isolation &&
         sha256 == o.sha256 && settings_json == o.settings_json && config_dir == o.config_dir;
}

const ModuleConfig* HostConfig::FindModule(const std::string& name) const {
  for (const auto& m : modules) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Status ParseListenAddress(const std::string& text, std::string* host, uint16_t* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 >= text.size()) {
    return Status::InvalidArgument("listen address '" + text + "' must be HOST:PORT");
  }
  std::string h = text.substr(0, colon);
  std::string p = text.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h.empty() || p.size() > 5 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument("listen address '" + text + "' must be HOST:PORT");
  }
  unsigned long n = std::stoul(p);
  if (n > 65535) return Status::InvalidArgument("listen port " + p + " is out of range");
  *host = h;
  *port = static_cast<uint16_t>(n);
  return Status::OK();
}

static Status LoadModuleConfigImpl(const std::string& path, const HostConfig& host, ModuleConfig* out);

Status LoadModuleConfig(const std::string& path, const HostConfig& host, ModuleConfig* out) {
  try {
    return LoadModuleConfigImpl(path, host, out);
  } catch (const YAML::Exception& e) {
    return ErrorAt(path, e.mark, e.msg);
  } catch (const std::exception& e) {
    // Anything else thrown while reading (std::filesystem, allocation) is this file's error, never an abort of
    // the daemon at start or on reload; the calls above prefer error codes, this is the backstop.
    return Status::InvalidArgument(path + ": " + e.what());
  }
}

static Status LoadModuleConfigImpl(const std::string& path, const HostConfig& host, ModuleConfig* out) {
  YAML::Node root;
  Status s = LoadYamlFile(path, &root);
  if (!s.ok()) return s;
  s = CheckKeys(path, root, {"name", "plugin", "library", "enabled", "isolation", "sha256", "settings"});
  if (!s.ok()) return s;
  ModuleConfig m;
  m.source_file = AbsolutePath(path);
  m.config_dir = DirOf(path);
  if (!root["name"]) return ErrorAt(path, root.Mark(), "missing required key 'name'");
  if (!(s = GetString(path, root["name"], &m.name)).ok()) return s;
  if (m.name.empty() || m.name.size() > 64 ||
      !std::all_of(m.name.begin(), m.name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; })) {
    return ErrorAt(path, root["name"].Mark(), "module name '" + m.name + "' must be 1-64 letters, digits, '_' or '-'");
  }
  m.plugin = m.name;
  if (root["plugin"] && !(s = GetString(path, root["plugin"], &m.plugin)).ok()) return s;
  if (!root["library"]) return ErrorAt(path, root.Mark(), "missing required key 'library'");
  std::string library;
  if (!(s = GetString(path, root["library"], &library)).ok()) return s;
  if (library.empty()) return ErrorAt(path, root["library"].Mark(), "library must not be empty");
  if (library.find('/') == std::string::npos) {
    // A bare file name is looked up in the plugin folders, first match wins.
    m.library = host.plugins_dirs.empty() ? library : ResolvePath(host.plugins_dirs.front(), library);
    for (const auto& dir : host.plugins_dirs) {
      std::string candidate = ResolvePath(dir, library);
      std::error_code ec;  // a name longer than NAME_MAX is an error here, not an exception
      if (fs::exists(candidate, ec)) {
        m.library = candidate;
        break;
      }
    }
  } else {
    m.library = ResolvePath(m.config_dir, library);
  }
  if (root["enabled"] && !(s = GetBool(path, root["enabled"], &m.enabled)).ok()) return s;
  if (root["isolation"]) {
    std::string iso;
    if (!(s = GetString(path, root["isolation"], &iso)).ok()) return s;
    if (iso == "in_process") {
      m.isolation = Isolation::kInProcess;
    } else if (iso == "process") {
      m.isolation = Isolation::kProcess;
    } else {
      return ErrorAt(path, root["isolation"].Mark(), "isolation must be in_process or process, got '" + iso + "'");
    }
  }
  if (root["sha256"]) {
    if (!(s = GetString(path, root["sha256"], &m.sha256)).ok()) return s;
    std::string v = m.sha256;
    if (v.rfind("sha256:", 0) == 0) v = v.substr(7);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!IsHex64(v)) return ErrorAt(path, root["sha256"].Mark(), "sha256 must be 64 hexadecimal digits");
    m.sha256 = v;
  }
  nlohmann::json settings = nlohmann::json::object();
  if (root["settings"]) {
    if (!root["settings"].IsMap() && !root["settings"].IsNull()) {
      return ErrorAt(path, root["settings"].Mark(), "settings must be a mapping");
    }
    if (root["settings"].IsMap()) {
      SettingsBudget budget{path};
      if (!(s = YamlToJson(root["settings"], 1, &budget, &settings)).ok()) return s;
    }
  }
  try {
    m.settings_json = settings.dump();
  } catch (const nlohmann::json::exception&) {
    return ErrorAt(path, root["settings"].Mark(), "settings contain text that is not valid UTF-8");
  }
  *out = std::move(m);
  return Status::OK();
}

static Status LoadHostConfigImpl(const std::string& path, HostConfig* out);

Status LoadHostConfig(const std::string& path, HostConfig* out) {
  try {
    return LoadHostConfigImpl(path, out);
  } catch (const YAML::Exception& e) {
    return ErrorAt(path, e.mark, e.msg);
  } catch (const std::exception& e) {
    // Anything else thrown while reading (std::filesystem, allocation) is this file's error, never an abort of
    // the daemon at start or on reload; the calls above prefer error codes, this is the backstop.
    return Status::InvalidArgument(path + ": " + e.what());
  }
}

static Status LoadHostConfigImpl(const std::string& path, HostConfig* out) {
  YAML::Node root;
  Status s = LoadYamlFile(path, &root);
  if (!s.ok()) return s;
  s = CheckKeys(path, root,
                {"listen", "plugins_dir", "models_dir", "modules_dir", "io_threads", "worker_threads", "plugin_threads",
                 "fail_fast", "preflight", "limits", "auth", "log_level", "guardrails"});
  if (!s.ok()) return s;
  HostConfig c;
  c.source_file = AbsolutePath(path);
  const std::string base = DirOf(path);
  if (root["listen"]) {
    std::string listen;
    if (!(s = GetString(path, root["listen"], &listen)).ok()) return s;
    Status ls = ParseListenAddress(listen, &c.listen_host, &c.listen_port);
    if (!ls.ok()) return ErrorAt(path, root["listen"].Mark(), ls.message());
  }
  if (!root["plugins_dir"]) return ErrorAt(path, root.Mark(), "missing required key 'plugins_dir'");
  const YAML::Node& pd = root["plugins_dir"];
  if (pd.IsSequence()) {
    for (const auto& item : pd) {
      std::string dir;
      if (!(s = GetString(path, item, &dir)).ok()) return s;
      c.plugins_dirs.push_back(ResolvePath(base, dir));
    }
  } else {
    std::string dir;
    if (!(s = GetString(path, pd, &dir)).ok()) return s;
    c.plugins_dirs.push_back(ResolvePath(base, dir));
  }
  if (c.plugins_dirs.empty()) return ErrorAt(path, pd.Mark(), "plugins_dir must name at least one folder");
  std::string v;
  if (root["models_dir"]) {
    if (!(s = GetString(path, root["models_dir"], &v)).ok()) return s;
    c.models_dir = ResolvePath(base, v);
  }
  c.modules_dir = ResolvePath(base, "modules.d");
  if (root["modules_dir"]) {
    if (!(s = GetString(path, root["modules_dir"], &v)).ok()) return s;
    c.modules_dir = ResolvePath(base, v);
  }
  if (root["io_threads"] && !(s = GetUnsigned<unsigned>(path, root["io_threads"], 1, 256, &c.io_threads)).ok()) return s;
  if (root["worker_threads"] &&
      !(s = GetUnsigned<unsigned>(path, root["worker_threads"], 1, 1024, &c.worker_threads)).ok())
    return s;
  if (root["plugin_threads"] &&
      !(s = GetUnsigned<unsigned>(path, root["plugin_threads"], 1, 256, &c.plugin_threads)).ok())
    return s;
  if (root["fail_fast"] && !(s = GetBool(path, root["fail_fast"], &c.fail_fast)).ok()) return s;
  if (root["preflight"] && !(s = GetBool(path, root["preflight"], &c.preflight)).ok()) return s;
  if (root["log_level"]) {
    if (!(s = GetString(path, root["log_level"], &c.log_level)).ok()) return s;
    if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" && c.log_level != "error") {
      return ErrorAt(path, root["log_level"].Mark(), "log_level must be debug, info, warn or error");
    }
  }
  if (const YAML::Node limits = root["limits"]) {
    if (!limits.IsMap()) return ErrorAt(path, limits.Mark(), "limits must be a mapping");
    s = CheckKeys(path, limits,
                  {"max_body_bytes", "max_text_bytes", "max_header_bytes", "read_timeout_ms", "max_connections",
                   "preflight_timeout_ms", "max_queue_per_module"});
    if (!s.ok()) return s;
    if (limits["max_body_bytes"] &&
        !(s = GetUnsigned<std::size_t>(path, limits["max_body_bytes"], 1024, std::size_t{1} << 30, &c.max_body_bytes)).ok())
      return s;
    if (limits["max_text_bytes"] &&
        !(s = GetUnsigned<std::size_t>(path, limits["max_text_bytes"], 1, std::size_t{1} << 30, &c.max_text_bytes)).ok())
      return s;
    if (limits["max_header_bytes"] &&
        !(s = GetUnsigned<std::size_t>(path, limits["max_header_bytes"], 1024, 1 << 20, &c.max_header_bytes)).ok())
      return s;
    if (limits["read_timeout_ms"] &&
        !(s = GetUnsigned<unsigned>(path, limits["read_timeout_ms"], 100, 3600000, &c.read_timeout_ms)).ok())
      return s;
    if (limits["max_connections"] &&
        !(s = GetUnsigned<unsigned>(path, limits["max_connections"], 1, 1000000, &c.max_connections)).ok())
      return s;
    if (limits["max_queue_per_module"] &&
        !(s = GetUnsigned<std::size_t>(path, limits["max_queue_per_module"], 1, 100000, &c.max_queue_per_module)).ok())
      return s;
    if (limits["preflight_timeout_ms"] &&
        !(s = GetUnsigned<unsigned>(path, limits["preflight_timeout_ms"], 100, 600000, &c.preflight_timeout_ms)).ok())
      return s;
  }
  if (const YAML::Node auth = root["auth"]) {
    if (!auth.IsMap()) return ErrorAt(path, auth.Mark(), "auth must be a mapping");
    s = CheckKeys(path, auth, {"admin_token_file", "protect_analysis"});
    if (!s.ok()) return s;
    if (auth["admin_token_file"]) {
      if (!(s = GetString(path, auth["admin_token_file"], &v)).ok()) return s;
      std::string token_path = ResolvePath(base, v);
      std::ifstream in(token_path);
      if (!in) return ErrorAt(path, auth["admin_token_file"].Mark(), "cannot read token file " + token_path);
      std::getline(in, c.admin_token);
      while (!c.admin_token.empty() && std::isspace(static_cast<unsigned char>(c.admin_token.back()))) c.admin_token.pop_back();
      if (c.admin_token.size() < 16) {
        return ErrorAt(path, auth["admin_token_file"].Mark(),
                       "token in " + token_path + " is shorter than 16 characters");
      }
    }
    if (auth["protect_analysis"] && !(s = GetBool(path, auth["protect_analysis"], &c.protect_analysis)).ok()) return s;
  }

  if (root["guardrails"] && !(s = ParseGuardrailPolicy(path, root["guardrails"], &c.guardrails)).ok()) return s;

  std::error_code ec;
  if (!fs::is_directory(c.modules_dir, ec)) {
    return ErrorAt(path, root["modules_dir"] ? root["modules_dir"].Mark() : root.Mark(),
                   "modules folder " + c.modules_dir + " does not exist");
  }
  std::vector<std::string> files;
  for (fs::directory_iterator it(c.modules_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string ext = it->path().extension().string();
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path().string());
  }
  if (ec) return ErrorAt(path, root.Mark(), "cannot list modules folder " + c.modules_dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    ModuleConfig m;
    s = LoadModuleConfig(file, c, &m);
    if (!s.ok()) return s;
    if (const ModuleConfig* dup = c.FindModule(m.name)) {
      return Status::InvalidArgument(file + ":1:1: module '" + m.name + "' is already defined in " + dup->source_file);
    }
    c.modules.push_back(std::move(m));
  }
  *out = std::move(c);
  return Status::OK();
}

}  // namespace sentinel
