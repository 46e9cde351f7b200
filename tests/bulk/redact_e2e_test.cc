// `sentinelctl redact` against the real sentineld and presidio plugin (patterns only, NER off): JSON Lines, CSV
// and text; bad records (malformed JSON, invalid UTF-8, a ragged CSV row, a 50 MB record) reported one by one
// while the rest is processed; a run killed with SIGKILL and resumed writes the same bytes as one that was not;
// batching and concurrency never change the output; keyed pseudonyms are the same across runs and daemon
// restarts, and the key appears in no output, error file, checkpoint, log or HTTP answer.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "test_support.h"

using namespace sentinel_test;

namespace {

const char kKey[] = "bulk-test-key-7f3a9c2e-DO-NOT-LEAK";

struct Fixture {
  TempDir dir;
  int port = FreePort();
  std::unique_ptr<Daemon> daemon;

  Fixture() {
    dir.Write("key.txt", std::string(kKey) + "\n");
    dir.Write("sentinel.yaml", "plugins_dir: " + std::string(PRESIDIO_PLUGIN_DIR) +
                                   "\nmodules_dir: modules.d\nworker_threads: 4\nlog_level: debug\n");
    dir.Write("modules.d/presidio.yaml",
              "name: presidio\nlibrary: libsentinel_presidio.so\nenabled: true\nsettings:\n"
              "  pseudonym_key_file: ../key.txt\n  ner:\n    enabled: false\n");
    Start();
  }
  void Start() {
    daemon = std::make_unique<Daemon>(dir.Sub("sentinel.yaml"), port);
    REQUIRE(daemon->WaitHealthy());
    REQUIRE(daemon->WaitReady(120000));
  }
  CommandResult Redact(const std::string& args) {
    return RunCommand(std::string(SENTINELCTL_PATH) + " --url 127.0.0.1:" + std::to_string(port) + " redact " + args);
  }
  std::string P(const std::string& name) const { return dir.Sub(name); }
};

Fixture& F() {
  static Fixture fixture;
  return fixture;
}

size_t Lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("JSON Lines: nested values, skipped keys, a key mapped to an entity, untouched lines byte for byte") {
  auto& f = F();
  f.dir.Write("in.jsonl",
              "{\"id\": 7, \"user\": {\"email\": \"jane.doe@acme.com\", \"tags\": [\"ip 10.1.2.3\", \"x\"]}, \"ssn\": 123456789}\n"
              "{ \"id\" : 8 , \"note\" : \"nothing to see\" }\n"
              "{\"id\": 9, \"raw\": \"jane.doe@acme.com\"}\n");
  auto r = f.Redact(f.P("in.jsonl") + " -o " + f.P("out.jsonl") + " --entity ssn=US_SSN --skip raw");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(f.P("out.jsonl")) ==
        "{\"id\":7,\"user\":{\"email\":\"<EMAIL_ADDRESS>\",\"tags\":[\"ip <IP_ADDRESS>\",\"x\"]},\"ssn\":\"<US_SSN>\"}\n"
        "{ \"id\" : 8 , \"note\" : \"nothing to see\" }\n"
        "{\"id\": 9, \"raw\": \"jane.doe@acme.com\"}\n");
  CHECK(ReadFile(f.P("out.jsonl.errors.jsonl")).empty());
  CHECK_FALSE(fs::exists(f.P("out.jsonl.checkpoint")));
}

TEST_CASE("CSV: quoted fields with newlines, unchanged fields kept as written; --detect maps columns") {
  auto& f = F();
  f.dir.Write("in.csv",
              "name,contact,note\r\n"
              "\"Ann\",ann@example.org,\"call 212-555-0101, or\nwrite\"\r\n"
              "Bob,bob@example.net,fine\r\n");
  auto r = f.Redact(f.P("in.csv") + " -o " + f.P("out.csv"));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(f.P("out.csv")) ==
        "name,contact,note\r\n"
        "\"Ann\",<EMAIL_ADDRESS>,\"call <PHONE_NUMBER>, or\nwrite\"\r\n"
        "Bob,<EMAIL_ADDRESS>,fine\r\n");

  // --detect: a column whose values are wholly e-mail addresses is mapped; --only-mapped leaves the rest.
  std::string csv = "id,mail,comment\n";
  for (int i = 0; i < 50; ++i) {
    csv += std::to_string(i) + ",user" + std::to_string(i) + "@example.com,call 212-555-01" +
           std::to_string(10 + i) + "\n";
  }
  f.dir.Write("detect.csv", csv);
  r = f.Redact(f.P("detect.csv") + " -o " + f.P("detect.out.csv") + " --detect --sample 20 --only-mapped --pseudonymize");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("mail -> EMAIL_ADDRESS") != std::string::npos);
  CHECK(r.output.find("comment ->") == std::string::npos);
  std::string out = ReadFile(f.P("detect.out.csv"));
  CHECK(out.find("@example.com") == std::string::npos);
  CHECK(out.find("<EMAIL_ADDRESS_") != std::string::npos);
  CHECK(out.find("call 212-555-0110") != std::string::npos);  // not mapped: untouched
}

TEST_CASE("bad records: each reported with its position and reason, the rest processed, none lost") {
  auto& f = F();
  std::string jsonl = "{\"a\": \"mail x@example.com\"}\n";
  jsonl += "{\"a\": \"secret-in-broken-line x@example.com\"\n";                 // 2: malformed
  jsonl += "{\"a\": \"bad \xff utf8\"}\n";                                      // 3: invalid UTF-8
  jsonl += "{\"a\": \"" + std::string(50u << 20, 'x') + "\"}\n";                // 4: 50 MB
  jsonl += "{\"a\": \"last y@example.com\"}";                                   // 5: no final newline
  f.dir.Write("bad.jsonl", jsonl);
  auto r = f.Redact(f.P("bad.jsonl") + " -o " + f.P("bad.out.jsonl"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(ReadFile(f.P("bad.out.jsonl")) == "{\"a\":\"mail <EMAIL_ADDRESS>\"}\n{\"a\":\"last <EMAIL_ADDRESS>\"}");
  std::string errors = ReadFile(f.P("bad.out.jsonl.errors.jsonl"));
  REQUIRE(Lines(errors) == 3);
  std::istringstream lines(errors);
  std::string line;
  std::vector<nlohmann::json> e;
  while (std::getline(lines, line)) e.push_back(nlohmann::json::parse(line));
  CHECK(e[0]["record"] == 2);
  CHECK(e[0]["line"] == 2);
  CHECK(e[0]["error"].get<std::string>().find("malformed JSON") == 0);
  CHECK(e[1]["record"] == 3);
  CHECK(e[1]["error"] == "invalid UTF-8: byte 0xFF at offset 11");
  CHECK(e[2]["record"] == 4);
  CHECK(e[2]["bytes"] == (50u << 20) + 10);
  CHECK(e[2]["error"].get<std::string>().find("larger than --max-record-bytes") != std::string::npos);
  CHECK(errors.find("secret-in-broken-line") == std::string::npos);  // errors never quote a record

  f.dir.Write("ragged.csv", "a,b\n1,x@example.com\n2\n3,y@example.com,extra\n4,z@example.com\n");
  r = f.Redact(f.P("ragged.csv") + " -o " + f.P("ragged.out.csv"));
  CHECK(r.exit_code == 1);
  CHECK(ReadFile(f.P("ragged.out.csv")) == "a,b\n1,<EMAIL_ADDRESS>\n4,<EMAIL_ADDRESS>\n");
  errors = ReadFile(f.P("ragged.out.csv.errors.jsonl"));
  CHECK(Lines(errors) == 2);
  CHECK(errors.find("\"record\":2,\"line\":3,\"offset\":20,\"bytes\":2,\"error\":\"ragged CSV row: 1 fields where the header has 2\"") !=
        std::string::npos);
  CHECK(errors.find("ragged CSV row: 3 fields") != std::string::npos);

  // Text lines; one too long for the daemon's body limit is that record's error, not the batch's.
  std::string text = "a x@example.com\n" + std::string(600000, '"') + "\nb y@example.com\n";
  f.dir.Write("big.txt", text);
  r = f.Redact(f.P("big.txt") + " -o " + f.P("big.out.txt") + " --max-record-bytes 2000000");
  CHECK(r.exit_code == 1);
  CHECK(ReadFile(f.P("big.out.txt")) == "a <EMAIL_ADDRESS>\nb <EMAIL_ADDRESS>\n");
  CHECK(ReadFile(f.P("big.out.txt.errors.jsonl")).find("\"record\":2") != std::string::npos);
}

TEST_CASE("batching and concurrency do not change the output; standard input works") {
  auto& f = F();
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "row " + std::to_string(i) + (i % 3 ? " mail u" + std::to_string(i) + "@example.com" : " plain") + "\n";
  }
  f.dir.Write("order.txt", text);
  auto a = f.Redact(f.P("order.txt") + " -o " + f.P("order.1.txt") + " --jobs 1 --batch-records 1000");
  auto b = f.Redact(f.P("order.txt") + " -o " + f.P("order.8.txt") + " --jobs 8 --batch-records 7");
  auto c = f.Redact("--quiet --format text - < " + f.P("order.txt") + " > " + f.P("order.stdin.txt"));
  CHECK(a.exit_code == 0);
  CHECK(b.exit_code == 0);
  CHECK(c.exit_code == 0);
  CHECK(Lines(ReadFile(f.P("order.1.txt"))) == 3000);
  CHECK(ReadFile(f.P("order.1.txt")) == ReadFile(f.P("order.8.txt")));
  CHECK(ReadFile(f.P("order.1.txt")) == ReadFile(f.P("order.stdin.txt")));
}

TEST_CASE("a run killed with SIGKILL and resumed writes exactly what an uninterrupted run writes") {
  auto& f = F();
  std::string jsonl;
  for (int i = 0; i < 120000; ++i) {
    if (i == 100000) {
      jsonl += "{broken\n";  // an error late in the file: the error file must match too
      continue;
    }
    jsonl += "{\"id\":" + std::to_string(i) + ",\"m\":\"reach me at u" + std::to_string(i % 977) +
             "@example.com or 212-555-" + std::to_string(1000 + i % 9000) + "\"}\n";
  }
  f.dir.Write("big.jsonl", jsonl);
  auto whole = f.Redact(f.P("big.jsonl") + " -o " + f.P("whole.jsonl") + " --pseudonymize");
  CHECK(whole.exit_code == 1);

  const std::string cmd = std::string(SENTINELCTL_PATH) + " --url 127.0.0.1:" + std::to_string(f.port) +
                          " redact " + f.P("big.jsonl") + " -o " + f.P("part.jsonl") + " --pseudonymize --jobs 2";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + cmd + " 2>/dev/null").c_str(), nullptr);
    _exit(127);
  }
  // Kill it once a checkpoint with records in it exists, well before the end.
  bool checkpointed = WaitFor([&] {
    nlohmann::json cp = nlohmann::json::parse(ReadFile(f.P("part.jsonl.checkpoint")), nullptr, false);
    return cp.is_object() && cp.value("records", 0) > 5000;
  }, 120000);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(checkpointed);
  CHECK(WIFSIGNALED(status));
  CHECK(ReadFile(f.P("part.jsonl")).size() < ReadFile(f.P("whole.jsonl")).size());

  auto refused = f.Redact(f.P("big.jsonl") + " -o " + f.P("part.jsonl") + " --pseudonymize --jobs 2");
  CHECK(refused.exit_code == 2);  // a checkpoint exists: no silent restart
  auto resumed = f.Redact(f.P("big.jsonl") + " -o " + f.P("part.jsonl") + " --pseudonymize --jobs 2 --resume");
  INFO(resumed.output);
  CHECK(resumed.exit_code == 1);
  CHECK(resumed.output.find("resumed") != std::string::npos);
  CHECK(ReadFile(f.P("part.jsonl")) == ReadFile(f.P("whole.jsonl")));
  CHECK(ReadFile(f.P("part.jsonl.errors.jsonl")) == ReadFile(f.P("whole.jsonl.errors.jsonl")));
  CHECK(ReadFile(f.P("whole.jsonl.errors.jsonl")).find("\"record\":100001,\"line\":100001") != std::string::npos);
  CHECK_FALSE(fs::exists(f.P("part.jsonl.checkpoint")));

  // The daemon dies mid-run: sentinelctl gives up after its retry budget with exit 3, and a resume against
  // the restarted daemon again ends with the uninterrupted run's bytes.
  const std::string lost_cmd = std::string(SENTINELCTL_PATH) + " --url 127.0.0.1:" + std::to_string(f.port) +
                               " redact " + f.P("big.jsonl") + " -o " + f.P("lost.jsonl") +
                               " --pseudonymize --jobs 2 --retry-seconds 2 > " + f.P("lost.log") + " 2>&1";
  pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + lost_cmd).c_str(), nullptr);
    _exit(127);
  }
  checkpointed = WaitFor([&] {
    nlohmann::json cp = nlohmann::json::parse(ReadFile(f.P("lost.jsonl.checkpoint")), nullptr, false);
    return cp.is_object() && cp.value("records", 0) > 5000;
  }, 120000);
  f.daemon->Signal(SIGKILL);
  f.daemon->WaitExit(10000);
  waitpid(pid, &status, 0);
  REQUIRE(checkpointed);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);
  CHECK(ReadFile(f.P("lost.log")).find("rerun with --resume") != std::string::npos);
  f.Start();
  resumed = f.Redact(f.P("big.jsonl") + " -o " + f.P("lost.jsonl") + " --pseudonymize --resume");
  CHECK(resumed.exit_code == 1);
  CHECK(ReadFile(f.P("lost.jsonl")) == ReadFile(f.P("whole.jsonl")));
  CHECK(ReadFile(f.P("lost.jsonl.errors.jsonl")) == ReadFile(f.P("whole.jsonl.errors.jsonl")));
}

TEST_CASE("pseudonyms: the same across runs and daemon restarts; the key never leaves the daemon") {
  auto& f = F();
  f.dir.Write("p.txt", "Contact jane.doe@acme.com or 212-555-0199\nagain jane.doe@acme.com\n");
  auto one = f.Redact(f.P("p.txt") + " -o " + f.P("p1.txt") + " --pseudonymize");
  auto sur = f.Redact(f.P("p.txt") + " -o " + f.P("ps.txt") + " --surrogates");
  f.daemon->Stop();
  f.Start();
  auto two = f.Redact(f.P("p.txt") + " -o " + f.P("p2.txt") + " --pseudonymize");
  CHECK(one.exit_code == 0);
  CHECK(two.exit_code == 0);
  const std::string p1 = ReadFile(f.P("p1.txt"));
  CHECK(p1 == ReadFile(f.P("p2.txt")));
  // Same value, same pseudonym, in both lines.
  size_t at = p1.find("<EMAIL_ADDRESS_");
  REQUIRE(at != std::string::npos);
  const std::string token = p1.substr(at, 32);  // "<EMAIL_ADDRESS_" + 16 hex digits + ">"
  CHECK(p1.find(token, at + 1) != std::string::npos);
  const std::string ps = ReadFile(f.P("ps.txt"));
  CHECK(ps.find("@example.com") != std::string::npos);
  CHECK(ps.find("jane.doe") == std::string::npos);

  // Requests cannot bring or extract the key.
  auto bad = f.daemon->Post("/presidio/anonymize",
                            R"({"text":"x","analyzer_results":[{"start":0,"end":1,"entity_type":"A","score":1}],)"
                            R"("anonymizers":{"DEFAULT":{"type":"pseudonymize","key":"mine-0000000000000000"}}})");
  CHECK(bad.status == 422);
  auto bad_type = f.daemon->Post("/presidio/anonymize",
                                 R"({"text":"x","analyzer_results":[{"start":0,"end":1,"entity_type":"A","score":1}],)"
                                 R"("anonymizers":{"DEFAULT":{"type":"pseudonymize","surrogate":3}}})");
  CHECK(bad_type.status == 422);
  for (const std::string& text :
       {p1, ps, bad.body, bad_type.body, f.daemon->Log(), ReadFile(f.P("p1.txt.errors.jsonl")),
        f.daemon->Get("/presidio/anonymizers").body, f.daemon->Get("/v1/modules/presidio").body}) {
    CHECK(text.find(kKey) == std::string::npos);
    CHECK(text.find("DO-NOT-LEAK") == std::string::npos);
  }
}

TEST_CASE("a daemon that cannot be reached: exit 3, no output claimed") {
  auto& f = F();
  f.dir.Write("u.txt", "a x@example.com\n");
  auto r = RunCommand(std::string(SENTINELCTL_PATH) + " --url 127.0.0.1:" + std::to_string(FreePort()) + " redact " +
                      f.P("u.txt") + " -o " + f.P("u.out.txt") + " --retry-seconds 1");
  CHECK(r.exit_code == 3);
  CHECK(r.output.find("cannot reach sentineld") != std::string::npos);
  CHECK(ReadFile(f.P("u.out.txt")).empty());
}
