// Unit tests of host components that need no daemon: ELF reading, ABI descriptor rules, config parsing,
// JSON body limits.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstring>

#include "common/json_text.h"
#include "common/utf8.h"
#include "config/host_config.h"
#include "http/json_body.h"
#include "plugin/abi_descriptor.h"
#include "plugin/elf_reader.h"
#include "sentinel/plugin_abi.h"
#include "test_support.h"

using namespace sentinel;
using sentinel_test::ReadFile;
using sentinel_test::TempDir;

namespace {
std::string Plugin(const std::string& file) { return std::string(TEST_PLUGIN_DIR) + "/" + file; }

sentinel_abi_descriptor GoodDescriptor() {
  sentinel_abi_descriptor d;
  std::memset(&d, 0, sizeof(d));
  d.magic = SENTINEL_ABI_MAGIC;
  d.abi_major = SENTINEL_ABI_MAJOR;
  d.abi_minor = SENTINEL_ABI_MINOR;
  d.descriptor_size = sizeof(d);
  d.size_detector_api = sizeof(sentinel_detector_api);
  d.size_host_api = sizeof(sentinel_host_api);
  d.size_activate_args = sizeof(sentinel_activate_args);
  d.size_http_request = sizeof(sentinel_http_request);
  d.size_http_response = sizeof(sentinel_http_response);
  d.size_error = sizeof(sentinel_error);
  d.size_sink = sizeof(sentinel_sink);
  d.pointer_size = sizeof(void*);
  std::strcpy(d.plugin_name, "x");
  std::strcpy(d.entry_symbol, SENTINEL_PLUGIN_ENTRY_SYMBOL);
  return d;
}

Status Check(const sentinel_abi_descriptor& raw) {
  AbiDescriptor d;
  Status s = ParseAbiDescriptor(std::string_view(reinterpret_cast<const char*>(&raw), sizeof(raw)), &d);
  if (!s.ok()) return s;
  return CheckAbiCompatibility(d);
}
}  // namespace

TEST_CASE("ELF reader finds the descriptor section of a real plugin") {
  std::string bytes;
  Status s = ReadElfSection(Plugin("libsentinel_keywords.so"), SENTINEL_ABI_SECTION, &bytes);
  REQUIRE(s.ok());
  CHECK(bytes.size() == sizeof(sentinel_abi_descriptor));
  AbiDescriptor d;
  REQUIRE(ParseAbiDescriptor(bytes, &d).ok());
  CHECK(d.plugin_name == "keywords");
  CHECK(d.plugin_version == "1.2.0");
#if defined(__clang__)
  CHECK(d.compiler.rfind("clang ", 0) == 0);
#else
  CHECK(d.compiler.rfind("gcc ", 0) == 0);
#endif
  CHECK(d.cxx_runtime.rfind("libstdc++ ", 0) == 0);
  CHECK(CheckAbiCompatibility(d).ok());
}

TEST_CASE("ELF reader refuses what is not a 64-bit little-endian x86-64 shared object") {
  std::string image = ReadFile(Plugin("libsentinel_keywords.so"));
  REQUIRE(image.size() > 64);
  std::string bytes;
  CHECK(ReadElfSectionFromImage("hello world, not elf", "f", "sentinel_abi", &bytes).message().find("not an ELF file") !=
        std::string::npos);
  CHECK(ReadElfSectionFromImage("", "f", "sentinel_abi", &bytes).message().find("not an ELF") != std::string::npos);
  CHECK(ReadElfSectionFromImage(image.substr(0, 40), "f", "sentinel_abi", &bytes).message().find("truncated") !=
        std::string::npos);
  CHECK(ReadElfSectionFromImage(image.substr(0, 2000), "f", "sentinel_abi", &bytes).message().find("truncated") !=
        std::string::npos);
  std::string arm = image;
  arm[18] = static_cast<char>(183);  // e_machine = EM_AARCH64
  arm[19] = 0;
  Status s = ReadElfSectionFromImage(arm, "f", "sentinel_abi", &bytes);
  CHECK(s.message().find("built for aarch64") != std::string::npos);
  CHECK(s.message().find("this host is x86-64") != std::string::npos);
  std::string elf32 = image;
  elf32[4] = 1;  // ELFCLASS32
  CHECK(ReadElfSectionFromImage(elf32, "f", "sentinel_abi", &bytes).message().find("32-bit") != std::string::npos);
  std::string be = image;
  be[5] = 2;  // ELFDATA2MSB
  CHECK(ReadElfSectionFromImage(be, "f", "sentinel_abi", &bytes).message().find("big-endian") != std::string::npos);
  std::string exec = image;
  exec[16] = 2;  // ET_EXEC
  CHECK(ReadElfSectionFromImage(exec, "f", "sentinel_abi", &bytes).message().find("not a shared object") !=
        std::string::npos);
  CHECK(ReadElfSection("/nonexistent/libx.so", "sentinel_abi", &bytes).code() == StatusCode::kNotFound);
  CHECK(ReadElfSection(Plugin("libsentinel_test_no_section.so"), "sentinel_abi", &bytes).message().find(
            "not a Sentinel plugin") != std::string::npos);
}

TEST_CASE("ELF reader survives every truncation and byte flip of a real plugin") {
  std::string image = ReadFile(Plugin("libsentinel_keywords.so"));
  std::string bytes;
  // The section header table sits at the end of the file, so every truncation must be refused.
  size_t truncations = 0, refused = 0;
  for (size_t len = 0; len < image.size(); len += 97) {
    ++truncations;
    if (!ReadElfSectionFromImage(image.substr(0, len), "f", "sentinel_abi", &bytes).ok()) ++refused;
  }
  CHECK(refused == truncations);
  // Byte flips in the headers: any answer is acceptable, a crash (or an ASan report) is not.
  size_t flips_read = 0;
  for (size_t i = 0; i < 4096 && i < image.size(); ++i) {
    std::string mutated = image;
    mutated[i] = static_cast<char>(mutated[i] ^ 0xFF);
    if (ReadElfSectionFromImage(mutated, "f", "sentinel_abi", &bytes).ok()) ++flips_read;
  }
  CHECK(flips_read < 4096);  // flips of the ELF magic alone must be refused
}

TEST_CASE("ABI rules: major equal, minor not newer, every struct size as expected") {
  CHECK(Check(GoodDescriptor()).ok());
  auto d = GoodDescriptor();
  d.abi_major = 2;
  Status s = Check(d);
  CHECK(s.message() ==
        "plugin ABI 2.1 is not compatible with host ABI 1.1 (major must match): rebuild the plugin against this "
        "host's SDK");
  d = GoodDescriptor();
  d.abi_minor = 3;
  CHECK(Check(d).message().find("plugin ABI 1.3 is newer than host ABI 1.1") != std::string::npos);
  // A plugin built against ABI 1.0 declares the shorter sentinel_http_request (no host field) and still loads;
  // a 1.1 plugin declaring that size was built against another header.
  d = GoodDescriptor();
  d.abi_minor = 0;
  d.size_http_request = offsetof(sentinel_http_request, host);
  CHECK(Check(d).ok());
  d.size_http_request = sizeof(sentinel_http_request);
  CHECK(Check(d).message().find("sentinel_http_request size changed") != std::string::npos);
  d = GoodDescriptor();
  d.size_http_request = offsetof(sentinel_http_request, host);
  CHECK(Check(d).message().find("sentinel_http_request size changed") != std::string::npos);
  d = GoodDescriptor();
  d.size_detector_api -= 8;
  CHECK(Check(d).message().find("sentinel_detector_api size changed, may indicate binary incompatibility. Expected " +
                                std::to_string(sizeof(sentinel_detector_api)) + " from host, got " +
                                std::to_string(sizeof(sentinel_detector_api) - 8) + " from plugin") !=
        std::string::npos);
  d = GoodDescriptor();
  d.size_http_response += 4;
  CHECK(Check(d).message().find("sentinel_http_response size changed") != std::string::npos);
  d = GoodDescriptor();
  d.magic = 0x12345678;
  CHECK(Check(d).message().find("bad magic 0x12345678") != std::string::npos);
  d = GoodDescriptor();
  d.descriptor_size = 1 << 20;
  CHECK(Check(d).message().find("corrupt") != std::string::npos);
  AbiDescriptor parsed;
  CHECK(!ParseAbiDescriptor("abc", &parsed).ok());
}

TEST_CASE("ABI rules: every text field of the descriptor must be UTF-8") {
  const std::pair<const char*, char*(*)(sentinel_abi_descriptor&)> fields[] = {
      {"plugin_name", [](sentinel_abi_descriptor& d) { return d.plugin_name; }},
      {"plugin_version", [](sentinel_abi_descriptor& d) { return d.plugin_version; }},
      {"entry_symbol", [](sentinel_abi_descriptor& d) { return d.entry_symbol; }},
      {"compiler", [](sentinel_abi_descriptor& d) { return d.compiler; }},
      {"cxx_runtime", [](sentinel_abi_descriptor& d) { return d.cxx_runtime; }},
      {"dependencies", [](sentinel_abi_descriptor& d) { return d.dependencies; }},
  };
  for (const auto& entry : fields) {
    const char* field = entry.first;  // a plain variable: clang 14 cannot capture structured bindings
    auto at = entry.second;
    CAPTURE(field);
    auto d = GoodDescriptor();
    std::strcpy(at(d), "ab\xC3(");  // a lead byte without its continuation
    CHECK(Check(d).message() == std::string("descriptor field ") + field +
                                    " is not valid UTF-8 (byte 0xC3 at offset 2): rebuild the plugin with UTF-8 text there");
  }
  auto d = GoodDescriptor();
  std::strcpy(d.plugin_version, "1.0-\xCE\xB2");  // "1.0-β": UTF-8 beyond ASCII is fine
  CHECK(Check(d).ok());
}

TEST_CASE("UTF-8: strict validation, replacement of each bad byte, and a message that names it") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("plain ASCII"));
  CHECK(IsValidUtf8("\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  CHECK(FindInvalidUtf8("ok\xFF") == 2);
  CHECK(FindInvalidUtf8("\xC0\xAF") == 0);          // overlong '/'
  CHECK(FindInvalidUtf8("\xE0\x80\xAF") == 0);      // overlong
  CHECK(FindInvalidUtf8("x\xED\xA0\x80") == 1);     // a UTF-16 surrogate
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == 0); // past U+10FFFF
  CHECK(FindInvalidUtf8("ab\xE2\x82") == 2);         // truncated at the end
  CHECK(FindInvalidUtf8("\x80") == 0);                // a lone continuation byte
  CHECK(ToValidUtf8("a\xFF" "b\xC3") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  CHECK(ToValidUtf8("\xC3\xA9") == "\xC3\xA9");
  CHECK(DescribeInvalidUtf8("name\xFE") == "byte 0xFE at offset 4");
  CHECK(DescribeInvalidUtf8("fine") == "");
  // JsonText writes what nlohmann's dump() would throw on.
  nlohmann::ordered_json j = {{"name", "bad\xFFname"}};
  CHECK_THROWS(j.dump());
  CHECK(JsonText(j) == "{\"name\":\"bad\xEF\xBF\xBDname\"}");
}

TEST_CASE("config: text that is not UTF-8 is refused at its file:line:column") {
  TempDir dir;
  HostConfig host;
  host.plugins_dirs = {dir.path()};
  auto load = [&](const std::string& yaml) {
    dir.Write("m.yaml", yaml);
    ModuleConfig m;
    return LoadModuleConfig(dir.Sub("m.yaml"), host, &m).message();
  };
  const std::string f = dir.Sub("m.yaml");
  CHECK(load("name: m\nlibrary: lib\xFF.so\n") == f + ":2:10: text is not valid UTF-8 (byte 0xFF at offset 3)");
  CHECK(load("name: m\nlibrary: x.so\nplugin: p\xC3\n") == f + ":3:9: text is not valid UTF-8 (byte 0xC3 at offset 1)");
  CHECK(load("name: m\nlibrary: x.so\nk\xFFy: 1\n") == f + ":3:1: text is not valid UTF-8 (byte 0xFF at offset 1)");
  CHECK(load("name: m\nlibrary: x.so\nsettings:\n  words: [ok, \"b\xE9" "d\"]\n") ==
        f + ":4:15: text is not valid UTF-8 (byte 0xE9 at offset 1)");
  CHECK(load("name: m\nlibrary: x.so\nsettings:\n  k\xFF: 1\n") == f + ":4:3: text is not valid UTF-8 (byte 0xFF at offset 1)");
  CHECK(load("name: m\nlibrary: x.so\nsettings:\n  words: [\"caf\xC3\xA9\"]\n") == "");
  dir.Write("sentinel.yaml", "plugins_dir: p\xFF\n");
  HostConfig c;
  CHECK(LoadHostConfig(dir.Sub("sentinel.yaml"), &c).message() ==
        dir.Sub("sentinel.yaml") + ":1:14: text is not valid UTF-8 (byte 0xFF at offset 1)");
}

TEST_CASE("config: a valid host file with modules, relative paths resolved against the file") {
  TempDir dir;
  dir.MakeDir("plugins");
  dir.Write("etc/sentinel.yaml",
            "listen: 0.0.0.0:9000\nplugins_dir: ../plugins\nmodels_dir: models\nmodules_dir: mods\nworker_threads: 3\n"
            "limits:\n  max_body_bytes: 2048\n");
  dir.Write("etc/mods/a.yaml",
            "name: a\nlibrary: libsentinel_a.so\nenabled: false\nsettings:\n  n: 3\n  f: 0.5\n  s: '12'\n  list: [x, true]\n");
  dir.Write("etc/mods/b.yml", "name: b\nlibrary: ./lib/libb.so\n");
  HostConfig c;
  Status s = LoadHostConfig(dir.Sub("etc/sentinel.yaml"), &c);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(c.listen_host == "0.0.0.0");
  CHECK(c.listen_port == 9000);
  CHECK(c.plugins_dirs.at(0) == dir.Sub("plugins"));
  CHECK(c.models_dir == dir.Sub("etc/models"));
  CHECK(c.worker_threads == 3);
  CHECK(c.max_body_bytes == 2048);
  REQUIRE(c.modules.size() == 2);
  CHECK(c.modules[0].name == "a");
  CHECK(c.modules[0].enabled == false);
  CHECK(c.modules[0].library == dir.Sub("plugins/libsentinel_a.so"));
  CHECK(nlohmann::json::parse(c.modules[0].settings_json) ==
        nlohmann::json::parse(R"({"n":3,"f":0.5,"s":"12","list":["x",true]})"));
  CHECK(c.modules[1].library == dir.Sub("etc/mods/lib/libb.so"));
  CHECK(c.modules[1].enabled == true);
}

TEST_CASE("config errors carry file:line:column") {
  TempDir dir;
  dir.MakeDir("modules.d");
  HostConfig c;
  auto load = [&](const std::string& host) {
    dir.Write("sentinel.yaml", host);
    return LoadHostConfig(dir.Sub("sentinel.yaml"), &c).message();
  };
  const std::string f = dir.Sub("sentinel.yaml");
  CHECK(load("plugins_dir: p\nworkers: 3\n") == f + ":2:1: unknown key 'workers' (allowed: auth, fail_fast, guardrails, io_threads, "
                                                     "limits, listen, log_level, models_dir, modules_dir, plugin_threads, "
                                                     "plugins_dir, preflight, worker_threads)");
  CHECK(load("plugins_dir: p\nworker_threads: many\n") == f + ":2:17: expected a whole number, got 'many'");
  CHECK(load("plugins_dir: p\nworker_threads: 0\n") == f + ":2:17: value 0 out of range [1, 1024]");
  CHECK(load("plugins_dir: p\nfail_fast: maybe\n") == f + ":2:12: expected true or false, got 'maybe'");
  CHECK(load("plugins_dir: p\nlisten: nowhere\n") == f + ":2:9: listen address 'nowhere' must be HOST:PORT");
  CHECK(load("plugins_dir: p\nlimits:\n  max_body: 3\n") .find(f + ":3:3: unknown key 'max_body'") == 0);
  CHECK(load("plugins_dir: [p\nx: 1\n").find(f + ":") == 0);
  CHECK(load("plugins_dir: [p\nx: 1\n").find("invalid YAML") != std::string::npos);
  CHECK(load("listen: 127.0.0.1:80\n") == f + ":1:1: missing required key 'plugins_dir'");

  dir.Write("modules.d/m.yaml", "name: m\nlibrary: x.so\nenabeld: true\n");
  CHECK(load("plugins_dir: p\n") .find(dir.Sub("modules.d/m.yaml") + ":3:1: unknown key 'enabeld'") == 0);
  dir.Write("modules.d/m.yaml", "name: m\nlibrary: x.so\nisolation: thread\n");
  CHECK(load("plugins_dir: p\n") ==
        dir.Sub("modules.d/m.yaml") + ":3:12: isolation must be in_process or process, got 'thread'");
  dir.Write("modules.d/m.yaml", "name: bad name\nlibrary: x.so\n");
  CHECK(load("plugins_dir: p\n").find(dir.Sub("modules.d/m.yaml") + ":1:7:") == 0);
  dir.Write("modules.d/m.yaml", "name: m\nlibrary: x.so\nsha256: abc\n");
  CHECK(load("plugins_dir: p\n") == dir.Sub("modules.d/m.yaml") + ":3:9: sha256 must be 64 hexadecimal digits");
  dir.Write("modules.d/m.yaml", "name: m\n");
  CHECK(load("plugins_dir: p\n") == dir.Sub("modules.d/m.yaml") + ":1:1: missing required key 'library'");
  dir.Write("modules.d/m.yaml", "name: m\nlibrary: x.so\n");
  dir.Write("modules.d/n.yaml", "name: m\nlibrary: y.so\n");
  CHECK(load("plugins_dir: p\n").find("module 'm' is already defined in") != std::string::npos);
}

TEST_CASE("config: settings with cyclic or exploding YAML aliases are refused, not expanded") {
  TempDir dir;
  HostConfig host;
  host.plugins_dirs = {dir.path()};
  auto load = [&](const std::string& settings) {
    dir.Write("m.yaml", "name: m\nlibrary: x.so\nsettings:\n" + settings);
    ModuleConfig m;
    return LoadModuleConfig(dir.Sub("m.yaml"), host, &m).message();
  };
  const std::string f = dir.Sub("m.yaml");
  // An alias inside its own anchor: the tree is a cycle.
  CHECK(load("  a: &a [1, *a]\n").find(f + ":4:") == 0);
  CHECK(load("  a: &a [1, *a]\n").find("nested more than 64 levels") != std::string::npos);
  CHECK(load("  a: &a\n    b: *a\n").find("alias refers to itself") != std::string::npos);
  // "Billion laughs": 9^6 leaves from a few lines.
  std::string laughs = "  l0: &l0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 6; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    laughs += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 9; ++k) laughs += ", " + prev;
    laughs += "]\n";
  }
  CHECK(load(laughs).find("settings expand to more than 100000 values") != std::string::npos);
  // A shared anchor used a few times is still fine.
  CHECK(load("  base: &b {x: 1}\n  copy: *b\n") == "");
  CHECK(load("  ? [a, b]\n  : 1\n").find("settings keys must be plain strings") != std::string::npos);
}

TEST_CASE("JSON bodies: malformed, invalid UTF-8 and deep nesting are refused without quoting the input") {
  nlohmann::json j;
  CHECK(ParseJsonBody(R"({"text": "ok"})", &j).ok());
  Status s = ParseJsonBody(R"({"text": "my secret card 4111"})" "x", &j);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("secret") == std::string::npos);
  s = ParseJsonBody("{\"text\": \"\xff\xfe\"}", &j);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message().find("UTF-8") != std::string::npos);
  CHECK(ParseJsonBody(std::string(100000, '['), &j).message().find("nested deeper") != std::string::npos);
  CHECK(ParseJsonBody("", &j).message().find("empty") != std::string::npos);
}

TEST_CASE("listen address parsing") {
  std::string host;
  uint16_t port = 0;
  CHECK(ParseListenAddress("127.0.0.1:8080", &host, &port).ok());
  CHECK(host == "127.0.0.1");
  CHECK(port == 8080);
  CHECK(ParseListenAddress("[::1]:9", &host, &port).ok());
  CHECK(host == "::1");
  CHECK(!ParseListenAddress("127.0.0.1:70000", &host, &port).ok());
  CHECK(!ParseListenAddress(":80", &host, &port).ok());
}
