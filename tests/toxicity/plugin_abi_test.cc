// Drives the built libsentinel_toxicity.so only through the C ABI (dlopen, sentinel_plugin_entry, activate,
// self_test, health, describe, analyze, handle_http), with the shipped default model.
#include <dlfcn.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include <yaml-cpp/yaml.h>

#include "sentinel/plugin_abi.h"
#include "sha256.h"

using nlohmann::json;

namespace {

const sentinel_detector_api* Api() {
  static const sentinel_detector_api* api = [] {
    void* handle = dlopen(TOXICITY_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    REQUIRE_MESSAGE(handle != nullptr, dlerror());
    auto entry = reinterpret_cast<sentinel_plugin_entry_fn>(dlsym(handle, SENTINEL_PLUGIN_ENTRY_SYMBOL));
    REQUIRE(reinterpret_cast<void*>(entry) != nullptr);
    return entry(SENTINEL_ABI_MAJOR, SENTINEL_ABI_MINOR);
  }();
  return api;
}

void Append(void* context, const char* data, size_t size) { static_cast<std::string*>(context)->append(data, size); }

sentinel_sink SinkInto(std::string* out) { return sentinel_sink{sizeof(sentinel_sink), 0, out, &Append}; }

struct Activation {
  sentinel_status status = SENTINEL_INTERNAL;
  void* instance = nullptr;
  std::string error;
};

Activation Activate(const std::string& settings, const std::string& models_dir = TOXICITY_MODELS_DIR) {
  Activation a;
  char message[1024] = {0};
  sentinel_error error{sizeof(sentinel_error), sizeof(message), message};
  sentinel_activate_args args{};
  args.struct_size = sizeof(args);
  args.worker_threads = 1;
  args.module_name = "toxicity";
  args.module_name_size = 8;
  args.settings_json = settings.data();
  args.settings_json_size = settings.size();
  args.config_dir = "/nonexistent";
  args.config_dir_size = std::strlen(args.config_dir);
  args.models_dir = models_dir.data();
  args.models_dir_size = models_dir.size();
  args.host = nullptr;
  a.status = Api()->activate(&args, &a.instance, &error);
  a.error = message;
  if (a.status == SENTINEL_OK) {
    a.status = Api()->self_test(a.instance, &error);
    a.error = message;
  }
  return a;
}

struct Http {
  int status;
  json body;
};

Http Call(void* instance, const std::string& method, const std::string& path, const std::string& body,
          const std::string& query = "", const std::string& host = "") {
  std::string out;
  sentinel_http_request req{sizeof(sentinel_http_request), 0, method.data(), method.size(), path.data(),
                            path.size(), query.data(), query.size(), body.data(), body.size(),
                            host.data(), host.size()};
  sentinel_http_response resp{};
  resp.struct_size = sizeof(resp);
  resp.http_status = 200;
  resp.body = SinkInto(&out);
  Api()->handle_http(instance, &req, &resp);
  CHECK(std::string(resp.content_type) == "application/json");
  json parsed = json::parse(out, nullptr, false);
  REQUIRE_MESSAGE(!parsed.is_discarded(), out);
  return Http{resp.http_status, parsed};
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A writable copy of the shipped default model in a fresh models folder.
std::string CopyDefaultModel() {
  char pattern[] = "/tmp/toxicity_models_XXXXXX";
  const std::string models = mkdtemp(pattern);
  const std::string from = std::string(TOXICITY_MODELS_DIR) + "/default";
  REQUIRE(system(("cp -r '" + from + "' '" + models + "/default'").c_str()) == 0);
  return models;
}

void ReplaceInFile(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = ReadAll(path);
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  WriteAll(path, text);
}

// The shipped model's `languages` (whichever model is shipped), and a language it does not list.
std::vector<std::string> ModelLanguages() {
  std::vector<std::string> out;
  for (const auto& l : YAML::LoadFile(std::string(TOXICITY_MODELS_DIR) + "/default/manifest.yaml")["languages"]) {
    out.push_back(l.as<std::string>());
  }
  return out;
}

bool ModelSupports(const std::string& language) {
  const std::vector<std::string> languages = ModelLanguages();
  if (languages.empty()) return true;
  for (const std::string& l : languages) {
    if (l.substr(0, l.find_first_of("-_")) == language) return true;
  }
  return false;
}

std::string UnsupportedLanguage() {
  for (const char* l : {"de", "ja", "sw", "zu"}) {
    if (!ModelSupports(l)) return l;
  }
  return "";
}

// A Perspective request for TOXICITY.
json Comment(const std::string& text, const json& languages = nullptr) {
  json r = {{"comment", {{"text", text}}}, {"requestedAttributes", {{"TOXICITY", json::object()}}}};
  if (!languages.is_null()) r["languages"] = languages;
  return r;
}

void* Instance() {
  static void* instance = [] {
    Activation a = Activate(R"({"model":"default","intra_op_threads":1,"max_batch_size":16,"max_queue_delay_us":500})");
    REQUIRE_MESSAGE(a.status == SENTINEL_OK, a.error);
    return a.instance;
  }();
  return instance;
}

}  // namespace

TEST_CASE("the descriptor names the plugin and its libtorch dependency") {
  void* handle = dlopen(TOXICITY_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
  REQUIRE(handle != nullptr);
  auto* d = static_cast<const sentinel_abi_descriptor*>(dlsym(handle, "sentinel_abi_descriptor_v1"));
  REQUIRE(d != nullptr);
  CHECK(d->magic == SENTINEL_ABI_MAGIC);
  CHECK(std::string(d->plugin_name) == "toxicity");
  CHECK(std::string(d->dependencies).find("libtorch 1.13") == 0);
  CHECK(Api() != nullptr);
}

TEST_CASE("activation with the default model: health and describe") {
  void* instance = Instance();
  std::string out, message(256, '\0');
  sentinel_error error{sizeof(sentinel_error), 256, message.data()};
  sentinel_sink sink = SinkInto(&out);
  REQUIRE(Api()->health(instance, &sink, &error) == SENTINEL_OK);
  // The module's health, plus the batching counters the host moves to /metrics.
  auto health = nlohmann::json::parse(out);
  CHECK(health["status"] == "ok");
  CHECK(health["model_loaded"] == true);
  CHECK(health["metrics"]["batches_total"].is_number_unsigned());
  CHECK(health["metrics"]["largest_batch"].is_number_unsigned());
  CHECK(health.size() == 3);
  out.clear();
  REQUIRE(Api()->describe(instance, &sink, &error) == SENTINEL_OK);
  CHECK(out ==
        R"({"routes":[{"method":"POST","path":"/toxicity/predict"},{"method":"POST","path":"/v1alpha1/comments:analyze"},)"
        R"({"method":"GET","path":"/$discovery/rest"}]})");
}

TEST_CASE("analyze: whole-text scores, flagged labels and per-sentence spans in code points") {
  void* instance = Instance();
  const std::string text = "Thank you for the lovely flowers. You are a stupid worthless idiot.";
  const std::string request = json{{"text", text}}.dump();
  std::string out, message(256, '\0');
  sentinel_error error{sizeof(sentinel_error), 256, message.data()};
  sentinel_sink sink = SinkInto(&out);
  REQUIRE(Api()->analyze(instance, request.data(), request.size(), &sink, &error) == SENTINEL_OK);
  const json r = json::parse(out);
  REQUIRE(r["scores"].contains("toxicity"));
  REQUIRE(r["scores"].contains("identity_attack"));
  REQUIRE(r["sentences"].size() == 2);
  CHECK(r["sentences"][0]["start"] == 0);
  CHECK(r["sentences"][0]["end"] == 33);
  CHECK(r["sentences"][1]["start"] == 34);
  CHECK(r["sentences"][1]["end"] == 67);
  const double kind = r["sentences"][0]["scores"]["toxicity"];
  const double rude = r["sentences"][1]["scores"]["toxicity"];
  CHECK(rude >= 0.5);  // 0.5 is the calibrated operating point
  CHECK(kind < 0.3);
  REQUIRE(r["flagged"].is_array());
  CHECK(r["flagged"][0] == "toxicity");  // flagged lists labels at or above their manifest threshold, in order

  const std::string bad = "{\"text\": 5}";
  CHECK(Api()->analyze(instance, bad.data(), bad.size(), &sink, &error) == SENTINEL_INVALID_ARGUMENT);
  CHECK(std::string(message.c_str()) == "`text` must be a string");
}

TEST_CASE("Detoxify-shaped /toxicity/predict: a string gives numbers, a list gives lists") {
  void* instance = Instance();
  Http one = Call(instance, "POST", "/toxicity/predict", R"({"text":"you are an idiot"})");
  REQUIRE(one.status == 200);
  CHECK(one.body["toxicity"].is_number());
  CHECK(one.body["identity_attack"].is_number());
  Http many = Call(instance, "POST", "/toxicity/predict", R"({"text":["have a nice day","you are an idiot",""]})");
  REQUIRE(many.status == 200);
  REQUIRE(many.body["toxicity"].size() == 3);
  CHECK(many.body["toxicity"][1] == one.body["toxicity"]);  // batching does not change a score
  CHECK(many.body["toxicity"][0] < many.body["toxicity"][1]);
  Http bad = Call(instance, "POST", "/toxicity/predict", R"({"text":[1,2]})");
  CHECK(bad.status == 400);
  CHECK(bad.body["error"]["code"] == 400);
  CHECK(bad.body["error"]["message"] == "`text` must be a string or a list of strings");
  CHECK(Call(instance, "POST", "/toxicity/predict", "not json").status == 400);
  Http invalid = Call(instance, "POST", "/toxicity/predict", "{\"text\":\"caf\xC3\"}");
  CHECK(invalid.status == 400);
  CHECK(invalid.body["error"]["message"] == "the request body is not valid UTF-8");
}

TEST_CASE("Perspective /v1alpha1/comments:analyze: summary and span scores, thresholds, errors") {
  void* instance = Instance();
  const json request = {{"comment", {{"text", "What kind of idiot name is foo? Have a nice day."}}},
                        {"requestedAttributes", {{"TOXICITY", json::object()}, {"IDENTITY_ATTACK@1", json::object()}}},
                        {"spanAnnotations", true},
                        {"languages", {ModelLanguages().at(0)}},
                        {"clientToken", "abc"}};
  Http r = Call(instance, "POST", "/v1alpha1/comments:analyze", request.dump());
  REQUIRE(r.status == 200);
  const json& tox = r.body["attributeScores"]["TOXICITY"];
  CHECK(tox["summaryScore"]["type"] == "PROBABILITY");
  CHECK(tox["summaryScore"]["value"] >= 0.0);
  CHECK(tox["summaryScore"]["value"] <= 1.0);
  REQUIRE(tox["spanScores"].size() == 2);
  CHECK(tox["spanScores"][0]["begin"] == 0);
  CHECK(tox["spanScores"][0]["end"] == 31);
  CHECK(tox["spanScores"][0]["score"]["value"] > tox["spanScores"][1]["score"]["value"]);
  CHECK(r.body["attributeScores"].contains("IDENTITY_ATTACK"));
  CHECK(r.body["clientToken"] == "abc");
  CHECK(r.body["languages"] == json::array({ModelLanguages().at(0)}));
  CHECK(!r.body.contains("detectedLanguages"));  // nothing was detected: the request named the language

  // Without spanAnnotations there are no spans; a threshold above the score omits the attribute.
  const json thresholded = {{"comment", {{"text", "Have a nice day."}}},
                            {"requestedAttributes", {{"TOXICITY", {{"scoreThreshold", 1.0}}}}}};
  r = Call(instance, "POST", "/v1alpha1/comments:analyze", thresholded.dump());
  REQUIRE(r.status == 200);
  CHECK(r.body["attributeScores"].empty());

  const json unknown = {{"comment", {{"text", "hi"}}}, {"requestedAttributes", {{"FLIRTATION", json::object()}}}};
  r = Call(instance, "POST", "/v1alpha1/comments:analyze", unknown.dump());
  CHECK(r.status == 400);
  CHECK(r.body["error"]["code"] == 400);
  CHECK(r.body["error"]["status"] == "INVALID_ARGUMENT");
  CHECK(r.body["error"]["message"].get<std::string>().find("Unknown requested attribute: FLIRTATION") == 0);

}

TEST_CASE("Perspective languages: BCP-47 codes, detection with CLD2, Perspective's 400 for other languages") {
  void* instance = Instance();
  const std::string first = ModelLanguages().at(0);
  const std::string other = UnsupportedLanguage();
  REQUIRE(!other.empty());
  const std::string sentence = "What kind of idiot name is foo? Have a nice day.";
  // Requested codes match on the primary subtag, case-insensitively, and are echoed as sent.
  for (const std::string& code : {first + "-US", first + "_GB", std::string(1, static_cast<char>(std::toupper(first[0]))) +
                                                                     first.substr(1)}) {
    Http r = Call(instance, "POST", "/v1alpha1/comments:analyze", Comment(sentence, {code}).dump());
    CAPTURE(code);
    REQUIRE(r.status == 200);
    CHECK(r.body["languages"] == json::array({code}));
    CHECK(r.body["attributeScores"]["TOXICITY"]["summaryScore"]["value"].is_number());
  }
  // A requested language the model does not list: Perspective's message, status and detail.
  Http r = Call(instance, "POST", "/v1alpha1/comments:analyze", Comment("hallo", {other + "-AT"}).dump());
  CHECK(r.status == 400);
  CHECK(r.body["error"]["code"] == 400);
  CHECK(r.body["error"]["status"] == "INVALID_ARGUMENT");
  CHECK(r.body["error"]["message"] == "Attribute TOXICITY does not support request languages: " + other + "-AT");
  CHECK(r.body["error"]["details"][0]["@type"] == "type.googleapis.com/google.commentanalyzer.v1alpha1.Error");
  CHECK(r.body["error"]["details"][0]["errorType"] == "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE");
  CHECK(r.body["error"]["details"][0]["languageNotSupportedByAttributeError"]["attribute"] == "TOXICITY");
  CHECK(r.body["error"]["details"][0]["languageNotSupportedByAttributeError"]["requestedLanguages"] ==
        json::array({other + "-AT"}));
  // dropUnsupportedAttributes: no scores instead of the error.
  json drop = Comment("hallo", {other});
  drop["dropUnsupportedAttributes"] = true;
  r = Call(instance, "POST", "/v1alpha1/comments:analyze", drop.dump());
  REQUIRE(r.status == 200);
  CHECK(r.body["attributeScores"].empty());
  CHECK(r.body["languages"] == json::array({other}));

  // No languages: CLD2 detects them and both lists echo the result.
  if (ModelSupports("en")) {
    r = Call(instance, "POST", "/v1alpha1/comments:analyze", Comment(sentence).dump());
    REQUIRE(r.status == 200);
    CHECK(r.body["languages"] == json::array({"en"}));
    CHECK(r.body["detectedLanguages"] == json::array({"en"}));
    CHECK(r.body["attributeScores"]["TOXICITY"]["summaryScore"]["value"].is_number());
  }
  // One to three words are too few for CLD2: the model's first language is assumed, not an error.
  for (const char* few : {"hello", "you idiot", "ok"}) {
    r = Call(instance, "POST", "/v1alpha1/comments:analyze", Comment(few).dump());
    CAPTURE(few);
    REQUIRE(r.status == 200);
    CHECK(r.body["languages"] == json::array({first}));
    CHECK(r.body["detectedLanguages"] == json::array({first}));
  }
  // A comment reliably in a language the model does not list is refused the way Perspective refuses it.
  const std::map<std::string, std::string> texts = {
      {"de", "Das ist ein ganz normaler deutscher Satz über das Wetter heute."},
      {"ja", "今日はとても良い天気ですね。散歩に行きましょう。"},
      {"sw", "Habari za asubuhi, natumaini kwamba siku yako inaendelea vizuri sana leo."},
      {"zu", "Sawubona, ngiyethemba ukuthi usuku lwakho luhamba kahle kakhulu namuhla."}};
  r = Call(instance, "POST", "/v1alpha1/comments:analyze", Comment(texts.at(other)).dump());
  CHECK(r.status == 400);
  CHECK(r.body["error"]["message"] == "Attribute TOXICITY does not support request languages: " + other);
  CHECK(r.body["error"]["details"][0]["languageNotSupportedByAttributeError"]["detectedLanguages"][0] == other);
  // Malformed languages.
  r = Call(instance, "POST", "/v1alpha1/comments:analyze", Comment(sentence, {1}).dump());
  CHECK(r.status == 400);
}

TEST_CASE("Perspective spans count UTF-16 code units; the host's /v1/analyze counts code points") {
  void* instance = Instance();
  // U+1F600 is one code point and two UTF-16 units: every offset after it differs by one.
  const std::string text = "\xF0\x9F\x98\x80 You are a stupid worthless idiot. Have a nice day.";
  const std::string request = json{{"text", text}}.dump();
  std::string out, message(256, '\0');
  sentinel_error error{sizeof(sentinel_error), 256, message.data()};
  sentinel_sink sink = SinkInto(&out);
  REQUIRE(Api()->analyze(instance, request.data(), request.size(), &sink, &error) == SENTINEL_OK);
  const json native = json::parse(out);
  REQUIRE(native["sentences"].size() == 2);
  CHECK(native["sentences"][1]["end"] == 52);  // code points

  json perspective = Comment(text, {ModelLanguages().at(0)});
  perspective["spanAnnotations"] = true;
  Http r = Call(instance, "POST", "/v1alpha1/comments:analyze", perspective.dump());
  REQUIRE(r.status == 200);
  const json& spans = r.body["attributeScores"]["TOXICITY"]["spanScores"];
  REQUIRE(spans.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const long start = native["sentences"][i]["start"], end = native["sentences"][i]["end"];
    CHECK(spans[i]["begin"] == (start == 0 ? 0 : start + 1));
    CHECK(spans[i]["end"] == end + 1);
  }
  CHECK(spans[1]["end"] == 53);  // the text's UTF-16 length, as JavaScript's text.length counts it
}

TEST_CASE("Perspective: an empty comment is Perspective's 400 \"Comment must be non-empty.\"") {
  void* instance = Instance();
  for (const char* body : {R"({"comment":{"text":""},"requestedAttributes":{"TOXICITY":{}}})",
                           R"({"comment":{},"requestedAttributes":{"TOXICITY":{}}})",
                           R"({"requestedAttributes":{"TOXICITY":{}}})"}) {
    Http r = Call(instance, "POST", "/v1alpha1/comments:analyze", body);
    CAPTURE(body);
    CHECK(r.status == 400);
    CHECK(r.body["error"]["code"] == 400);
    CHECK(r.body["error"]["status"] == "INVALID_ARGUMENT");
    CHECK(r.body["error"]["message"] == "Comment must be non-empty.");
  }
  Http r = Call(instance, "POST", "/v1alpha1/comments:analyze", R"({"comment":{"text":5},"requestedAttributes":{"TOXICITY":{}}})");
  CHECK(r.status == 400);
  r = Call(instance, "POST", "/v1alpha1/comments:analyze", R"({"comment":{"text":"hi"},"requestedAttributes":{}})");
  CHECK(r.status == 400);
  CHECK(r.body["error"]["message"].get<std::string>().find("Missing requested_attributes") == 0);
  r = Call(instance, "POST", "/v1alpha1/comments:analyze",
           R"({"comment":{"text":"hi"},"requestedAttributes":{"TOXICITY":{}},"spanAnnotations":"yes"})");
  CHECK(r.status == 400);
}

TEST_CASE("Perspective discovery document: GET /$discovery/rest?version=v1alpha1, rootUrl from the Host header") {
  void* instance = Instance();
  Http r = Call(instance, "GET", "/$discovery/rest", "", "version=v1alpha1", "sentinel.example:8080");
  REQUIRE(r.status == 200);
  const json& doc = r.body;
  CHECK(doc["kind"] == "discovery#restDescription");
  CHECK(doc["id"] == "commentanalyzer:v1alpha1");
  CHECK(doc["name"] == "commentanalyzer");
  CHECK(doc["version"] == "v1alpha1");
  CHECK(doc["rootUrl"] == "http://sentinel.example:8080/");
  CHECK(doc["servicePath"] == "");
  const json& analyze = doc["resources"]["comments"]["methods"]["analyze"];
  CHECK(analyze["id"] == "commentanalyzer.comments.analyze");
  CHECK(analyze["path"] == "v1alpha1/comments:analyze");
  CHECK(analyze["httpMethod"] == "POST");
  CHECK(analyze["request"]["$ref"] == "AnalyzeCommentRequest");
  CHECK(analyze["response"]["$ref"] == "AnalyzeCommentResponse");
  CHECK(doc["resources"]["comments"]["methods"].size() == 1);  // only what is served
  CHECK(doc["parameters"].contains("key"));
  // Every $ref resolves, and the attributes listed are the model's.
  std::vector<std::string> refs;
  std::function<void(const json&)> collect = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) refs.push_back(j["$ref"]);
      for (const auto& [k, v] : j.items()) collect(v);
    } else if (j.is_array()) {
      for (const auto& v : j) collect(v);
    }
  };
  collect(doc);
  CHECK(refs.size() > 10);
  for (const std::string& ref : refs) CHECK_MESSAGE(doc["schemas"].contains(ref), ref);
  CHECK(doc["schemas"]["AnalyzeCommentRequest"]["properties"]["requestedAttributes"]["description"]
            .get<std::string>()
            .find("TOXICITY") != std::string::npos);

  // Without a version the document is served too; another version is not found; the Host header is required.
  CHECK(Call(instance, "GET", "/$discovery/rest", "", "", "127.0.0.1:9").status == 200);
  CHECK(Call(instance, "GET", "/$discovery/rest", "", "version=v1", "127.0.0.1:9").status == 404);
  CHECK(Call(instance, "GET", "/$discovery/rest", "", "version=v1alpha1", "").status == 400);
  CHECK(Call(instance, "GET", "/$discovery/rest", "", "version=v1alpha1", "bad host/\"").status == 400);
  CHECK(Call(instance, "POST", "/$discovery/rest", "{}", "version=v1alpha1", "127.0.0.1:9").status == 405);
}

TEST_CASE("unknown routes and methods") {
  void* instance = Instance();
  CHECK(Call(instance, "POST", "/toxicity/nope", "{}").status == 404);
  CHECK(Call(instance, "GET", "/toxicity/predict", "").status == 405);
}

TEST_CASE("long texts are windowed; every sentence gets a span") {
  void* instance = Instance();
  std::string text;
  for (int i = 0; i < 600; ++i) text += "The weather today is pleasant and the garden looks nice. ";
  text += "You are a stupid worthless idiot.";
  const std::string request = json{{"text", text}}.dump();
  std::string out, message(256, '\0');
  sentinel_error error{sizeof(sentinel_error), 256, message.data()};
  sentinel_sink sink = SinkInto(&out);
  REQUIRE(Api()->analyze(instance, request.data(), request.size(), &sink, &error) == SENTINEL_OK);
  const json r = json::parse(out);
  REQUIRE(r["sentences"].size() == 601);
  CHECK(r["sentences"][600]["end"] == text.size());
  CHECK(r["sentences"][600]["scores"]["toxicity"] > r["sentences"][0]["scores"]["toxicity"]);
  // The whole-text score is the max over windows, so it is at least each window's own score and the
  // last window (which holds the insult among fewer sentences) lifts it above a benign sentence.
  CHECK(r["scores"]["toxicity"] > r["sentences"][0]["scores"]["toxicity"]);
}

TEST_CASE("limits: oversize texts get 413") {
  Activation a = Activate(R"({"model":"default","max_text_bytes":100})");
  REQUIRE_MESSAGE(a.status == SENTINEL_OK, a.error);
  Http r = Call(a.instance, "POST", "/toxicity/predict", json{{"text", std::string(101, 'a')}}.dump());
  CHECK(r.status == 413);
  CHECK(r.body["error"]["code"] == 413);
  Api()->deactivate(a.instance);
}

TEST_CASE("concurrent callers share batches and get the same answers") {
  void* instance = Instance();
  const std::string body = R"({"text":["you are an idiot","have a nice day"]})";
  const json expected = Call(instance, "POST", "/toxicity/predict", body).body;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        std::string out;
        sentinel_http_request req{sizeof(sentinel_http_request), 0, "POST", 4, "/toxicity/predict", 17, "", 0,
                                  body.data(), body.size()};
        sentinel_http_response resp{};
        resp.struct_size = sizeof(resp);
        resp.body = SinkInto(&out);
        Api()->handle_http(instance, &req, &resp);
        if (json::parse(out, nullptr, false) != expected) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

TEST_CASE("activation fails with the file and the reason") {
  SUBCASE("missing tokenizer file") {
    const std::string models = CopyDefaultModel();
    // Whichever file the shipped model's tokenizer reads.
    const YAML::Node files = YAML::LoadFile(models + "/default/manifest.yaml")["tokenizer"]["files"];
    REQUIRE(files.size() >= 1);
    const std::string file = files.begin()->second.as<std::string>();
    std::remove((models + "/default/" + file).c_str());
    Activation a = Activate(R"({"model":"default"})", models);
    CHECK(a.status == SENTINEL_FAILED_PRECONDITION);
    CHECK(a.error == "module toxicity: " + models + "/default/" + file + ": file is missing");
  }
  SUBCASE("checksum mismatch") {
    const std::string models = CopyDefaultModel();
    std::string bytes = ReadAll(models + "/default/model.pt");
    bytes[bytes.size() / 3] ^= 0x11;
    WriteAll(models + "/default/model.pt", bytes);
    Activation a = Activate(R"({"model":"default"})", models);
    CHECK(a.status == SENTINEL_FAILED_PRECONDITION);
    CHECK(a.error.find(models + "/default/model.pt: checksum mismatch") != std::string::npos);
  }
  SUBCASE("corrupt TorchScript with a matching checksum") {
    const std::string models = CopyDefaultModel();
    const std::string path = models + "/default/model.pt";
    std::string old_digest, why;
    REQUIRE(sentinel::toxicity::Sha256File(path, &old_digest, &why));
    WriteAll(path, "PK\x03\x04 definitely not TorchScript");
    ReplaceInFile(models + "/default/manifest.yaml", old_digest,
                  sentinel::toxicity::Sha256Hex("PK\x03\x04 definitely not TorchScript"));
    Activation a = Activate(R"({"model":"default"})", models);
    CHECK(a.status == SENTINEL_FAILED_PRECONDITION);
    CHECK(a.error.find(path + ": TorchScript does not load") != std::string::npos);
  }
  SUBCASE("canary outside tolerance") {
    const std::string models = CopyDefaultModel();
    std::string manifest = ReadAll(models + "/default/manifest.yaml");
    const size_t at = manifest.find("scores: [");
    REQUIRE(at != std::string::npos);
    std::string twos;  // one impossible score per label
    const size_t labels = YAML::Load(manifest)["labels"].size();
    for (size_t k = 0; k < labels; ++k) twos += (k ? ", 2" : "2");
    manifest.replace(at, manifest.find(']', at) - at + 1, "scores: [" + twos + "]");
    WriteAll(models + "/default/manifest.yaml", manifest);
    Activation a = Activate(R"({"model":"default"})", models);
    CHECK(a.status == SENTINEL_FAILED_PRECONDITION);
    CHECK(a.error.find("manifest.yaml: self-test failed: canary 0") != std::string::npos);
  }
  SUBCASE("unknown model folder and bad settings") {
    Activation a = Activate(R"({"model":"no-such-model"})");
    CHECK(a.status == SENTINEL_FAILED_PRECONDITION);
    CHECK(a.error == std::string("module toxicity: ") + TOXICITY_MODELS_DIR + "/no-such-model/manifest.yaml: file is missing");
    a = Activate(R"({"model":"default","max_batch_size":"big"})");
    CHECK(a.status == SENTINEL_FAILED_PRECONDITION);
    CHECK(a.error == "module toxicity: settings.max_batch_size must be an integer >= 1");
  }
}
