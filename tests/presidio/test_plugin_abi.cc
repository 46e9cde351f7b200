// Loads libsentinel_presidio.so through its C ABI (dlopen + sentinel_plugin_entry) and drives it as
// the host does: activate with settings, self-test, health, describe, native analyze and the
// Presidio REST routes.
#include <dlfcn.h>
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <nlohmann/json.hpp>
#include <string>

#include "sentinel/plugin_abi.h"

namespace {

void Append(void* context, const char* data, size_t size) { static_cast<std::string*>(context)->append(data, size); }

struct Plugin {
  void* handle = nullptr;
  const sentinel_detector_api* api = nullptr;

  Plugin() {
    handle = dlopen(PRESIDIO_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    REQUIRE_MESSAGE(handle != nullptr, dlerror());
    auto entry = reinterpret_cast<sentinel_plugin_entry_fn>(dlsym(handle, SENTINEL_PLUGIN_ENTRY_SYMBOL));
    const bool has_entry = entry != nullptr;
    REQUIRE(has_entry);
    api = entry(SENTINEL_ABI_MAJOR, SENTINEL_ABI_MINOR);
    const bool has_api = api != nullptr;
    REQUIRE(has_api);
  }
  // Never dlclosed, as in the host: plugins keep process-lifetime singletons (libphonenumber, RE2), and an
  // unmapped library would make them look leaked to LeakSanitizer.
  ~Plugin() = default;
};

struct Instance {
  const sentinel_detector_api* api;
  void* instance = nullptr;
  sentinel_status status = SENTINEL_OK;
  std::string error;

  Instance(const Plugin& plugin, const std::string& settings) : api(plugin.api) {
    char message[1024] = {0};
    sentinel_error err{sizeof(sentinel_error), sizeof(message), message};
    sentinel_activate_args args{};
    args.struct_size = sizeof(args);
    args.worker_threads = 1;
    args.module_name = "presidio";
    args.module_name_size = 8;
    args.settings_json = settings.data();
    args.settings_json_size = settings.size();
    args.config_dir = "/tmp";
    args.config_dir_size = 4;
    args.models_dir = PRESIDIO_MODELS_DIR;
    args.models_dir_size = sizeof(PRESIDIO_MODELS_DIR) - 1;
    status = api->activate(&args, &instance, &err);
    error = message;
  }
  ~Instance() {
    if (status == SENTINEL_OK) api->deactivate(instance);
  }

  struct Reply {
    int status;
    std::string content_type;
    std::string body;
    nlohmann::json Json() const { return nlohmann::json::parse(body); }
  };
  Reply Http(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& query = "") {
    std::string out;
    sentinel_http_request req{sizeof(sentinel_http_request),
                              0,
                              method.data(),
                              method.size(),
                              path.data(),
                              path.size(),
                              query.data(),
                              query.size(),
                              body.data(),
                              body.size()};
    sentinel_http_response resp{};
    resp.struct_size = sizeof(resp);
    resp.http_status = 200;
    resp.body = sentinel_sink{sizeof(sentinel_sink), 0, &out, &Append};
    api->handle_http(instance, &req, &resp);
    return {resp.http_status, resp.content_type, out};
  }
  std::string Call(sentinel_status (*fn)(void*, sentinel_sink*, sentinel_error*)) {
    std::string out;
    sentinel_sink sink{sizeof(sentinel_sink), 0, &out, &Append};
    char message[256] = {0};
    sentinel_error err{sizeof(sentinel_error), sizeof(message), message};
    REQUIRE(fn(instance, &sink, &err) == SENTINEL_OK);
    return out;
  }
  sentinel_status Analyze(const std::string& request, std::string* out, std::string* message_out) {
    sentinel_sink sink{sizeof(sentinel_sink), 0, out, &Append};
    char message[512] = {0};
    sentinel_error err{sizeof(sentinel_error), sizeof(message), message};
    sentinel_status s = api->analyze(instance, request.data(), request.size(), &sink, &err);
    *message_out = message;
    return s;
  }
};

const std::string kSettings = std::string(R"J({"publicsuffix_path":")J") + PRESIDIO_PSL_PATH + R"J(",
  "phone_regions":["US","GB","DE"],
  "custom_recognizers":[{"name":"Employee id","supported_entity":"EMPLOYEE_ID",
     "patterns":[{"name":"emp","regex":"\\bEMP-\\d{6}\\b","score":0.6}],"context":["employee"]},
    {"name":"Project names","supported_entity":"PROJECT","deny_list":["Bluebird","Nightjar"]}],
  "context_words":{"US_BANK_NUMBER":["iban"]}})J";

// Enough of YAML-to-JSON for the module file (the host does the same conversion).
nlohmann::json YamlToJson(const YAML::Node& node) {
  if (node.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : node) out.push_back(YamlToJson(item));
    return out;
  }
  if (node.IsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& item : node) out[item.first.Scalar()] = YamlToJson(item.second);
    return out;
  }
  if (!node.IsScalar()) return nullptr;
  const std::string& v = node.Scalar();
  if (node.Tag() == "!") return v;
  if (v == "true" || v == "false") return v == "true";
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (!v.empty() && *end == '\0' && v.find_first_not_of("0123456789+-.eE") == std::string::npos) return d;
  return v;
}

}  // namespace

TEST_CASE("the shipped config/modules.d/presidio.yaml activates and passes its self-test") {
  YAML::Node module = YAML::LoadFile(PRESIDIO_MODULE_YAML);
  CHECK(module["library"].as<std::string>() == "libsentinel_presidio.so");
  Plugin plugin;
  nlohmann::json settings = YamlToJson(module["settings"]);
#if !PRESIDIO_TEST_WITH_NER
  settings["ner"]["enabled"] = false;  // this build left the NER recognizer out (-DPRESIDIO_WITH_NER=OFF)
#endif
  Instance instance(plugin, settings.dump());
  REQUIRE_MESSAGE(instance.status == SENTINEL_OK, instance.error);
  char message[256] = {0};
  sentinel_error err{sizeof(sentinel_error), sizeof(message), message};
  CHECK(plugin.api->self_test(instance.instance, &err) == SENTINEL_OK);
  auto found =
      instance.Http("POST", "/presidio/analyze", R"J({"text":"write to jane@example.com","language":"en"})J").Json();
  REQUIRE(found.size() == 1);
  CHECK(found[0]["entity_type"] == "EMAIL_ADDRESS");
#if PRESIDIO_TEST_WITH_NER
  // Pattern results win overlaps: the name in an e-mail address is not also a PERSON.
  const std::string text = "Mail john.smith@example.com or call Dr. Anna Kowalski in Warsaw.";
  auto mixed = instance.Http("POST", "/presidio/analyze",
                             nlohmann::json({{"text", text}, {"language", "en"}}).dump()).Json();
  std::vector<std::string> spans;
  for (const auto& r : mixed) {
    spans.push_back(r["entity_type"].get<std::string>() + ":" +
                    text.substr(r["start"].get<size_t>(), r["end"].get<size_t>() - r["start"].get<size_t>()));
  }
  std::sort(spans.begin(), spans.end());
  CHECK(spans == std::vector<std::string>{"EMAIL_ADDRESS:john.smith@example.com", "LOCATION:Warsaw",
                                          "PERSON:Anna Kowalski"});
#endif
  // 16 pattern entities, plus PERSON, LOCATION and NRP from the NER tagger when it is built in.
  CHECK(instance.Http("GET", "/presidio/supportedentities").Json().size() == (PRESIDIO_TEST_WITH_NER ? 19 : 16));
}

TEST_CASE("activation, self-test, health and describe through the C ABI") {
  Plugin plugin;
  Instance instance(plugin, kSettings);
  REQUIRE_MESSAGE(instance.status == SENTINEL_OK, instance.error);
  char message[256] = {0};
  sentinel_error err{sizeof(sentinel_error), sizeof(message), message};
  CHECK(plugin.api->self_test(instance.instance, &err) == SENTINEL_OK);
  CHECK(instance.Call(plugin.api->health) == R"({"status":"ok","activated":true})");
  auto describe = nlohmann::json::parse(instance.Call(plugin.api->describe));
  REQUIRE(describe["routes"].size() == 8);
  CHECK(describe["routes"][0] == nlohmann::json::parse(R"({"method":"POST","path":"/presidio/analyze"})"));
}

TEST_CASE("activation refuses bad settings with a precise message") {
  Plugin plugin;
  Instance bad_pattern(plugin, R"J({"custom_recognizers":[{"name":"Broken","supported_entity":"X",
      "patterns":[{"name":"unclosed group","regex":"(abc","score":0.5}]}]})J");
  CHECK(bad_pattern.status != SENTINEL_OK);
  CHECK(bad_pattern.error.find("unclosed group") != std::string::npos);
  CHECK(bad_pattern.error.find("missing )") != std::string::npos);
  Instance missing_list(plugin, R"J({"publicsuffix_path":"/nonexistent/psl.dat"})J");
  CHECK(missing_list.status != SENTINEL_OK);
  CHECK(missing_list.error.find("/nonexistent/psl.dat") != std::string::npos);
  Instance uk(plugin, R"J({"phone_regions":["UK"]})J");
  CHECK(uk.status != SENTINEL_OK);
  CHECK(uk.error.find("GB") != std::string::npos);
  Instance typo(plugin, R"J({"phone_region":["GB"]})J");
  CHECK(typo.status != SENTINEL_OK);
  CHECK(typo.error.find("phone_region") != std::string::npos);
  Instance unknown(plugin, R"J({"disabled_recognizers":["NoSuchRecognizer"]})J");
  CHECK(unknown.status != SENTINEL_OK);
  // NER asked for: refused when the plugin was built without it, or when the model is missing.
  Instance ner(plugin, R"J({"ner":{"enabled":true,"model_dir":"/nonexistent/ner-model"}})J");
  CHECK(ner.status != SENTINEL_OK);
  CHECK((ner.error.find("PRESIDIO_WITH_NER") != std::string::npos ||
         ner.error.find("/nonexistent/ner-model") != std::string::npos));
  Instance ner_typo(plugin, R"J({"ner":{"enable":true}})J");
  CHECK(ner_typo.status != SENTINEL_OK);
  CHECK(ner_typo.error.find("ner.enable") != std::string::npos);
}

TEST_CASE("native analyze returns code-point offsets and never the matched text") {
  Plugin plugin;
  Instance instance(plugin, kSettings);
  REQUIRE(instance.status == SENTINEL_OK);
  std::string out, message;
  // "Grüße 😀 " puts two multi-byte characters before the e-mail address.
  const std::string request = R"J({"text":"Grüße 😀 write to john@example.com"})J";
  REQUIRE(instance.Analyze(request, &out, &message) == SENTINEL_OK);
  auto reply = nlohmann::json::parse(out);
  REQUIRE(reply["entities"].size() == 1);
  CHECK(reply["entities"][0] ==
        nlohmann::json::parse(R"J({"entity_type":"EMAIL_ADDRESS","start":17,"end":33,"score":1.0})J"));
  CHECK(out.find("john@") == std::string::npos);
  CHECK(out.find(R"("entity_type":"EMAIL_ADDRESS","start":17,"end":33,"score":1.0)") != std::string::npos);
  CHECK(instance.Analyze(R"J({"txt":"x"})J", &out, &message) == SENTINEL_INVALID_ARGUMENT);
  CHECK(instance.Analyze("not json", &out, &message) == SENTINEL_INVALID_ARGUMENT);
}

TEST_CASE("custom recognizers and context words from the settings") {
  Plugin plugin;
  Instance instance(plugin, kSettings);
  REQUIRE(instance.status == SENTINEL_OK);
  auto reply =
      instance.Http("POST", "/presidio/analyze",
                    R"J({"text":"employee EMP-123456 works on Bluebird","language":"en","score_threshold":0.3})J");
  REQUIRE(reply.status == 200);
  auto items = reply.Json();
  REQUIRE(items.size() == 2);
  CHECK(items[0]["entity_type"] == "PROJECT");
  CHECK(items[0]["score"] == 1.0);
  CHECK(items[1]["entity_type"] == "EMPLOYEE_ID");
  CHECK(items[1]["score"] == doctest::Approx(0.95));
  auto bank = instance
                  .Http("POST", "/presidio/analyze",
                        R"J({"text":"iban 12345678","language":"en","entities":["US_BANK_NUMBER"]})J")
                  .Json();
  REQUIRE(bank.size() == 1);
  CHECK(bank[0]["score"] == doctest::Approx(0.4));
}

TEST_CASE("POST /presidio/analyze: Presidio's shapes, ordering, batch, explanations and errors") {
  Plugin plugin;
  Instance instance(plugin, kSettings);
  REQUIRE(instance.status == SENTINEL_OK);
  auto reply = instance.Http("POST", "/presidio/analyze",
                             R"J({"text":"John Smith drivers license is AC432223","language":"en"})J");
  CHECK(reply.status == 200);
  CHECK(reply.content_type == "application/json");
  CHECK(
      reply.body ==
      R"J([{"analysis_explanation":null,"end":38,"entity_type":"US_DRIVER_LICENSE","score":0.6499999999999999,"start":30}])J");

  auto explained =
      instance
          .Http("POST", "/presidio/analyze",
                R"J({"text":"John Smith license is AC432223","language":"en","return_decision_process":true})J")
          .Json();
  REQUIRE(explained.size() == 1);
  const auto& e = explained[0]["analysis_explanation"];
  CHECK(e["recognizer"] == "UsLicenseRecognizer");
  CHECK(e["pattern_name"] == "Driver License - Alphanumeric (weak)");
  CHECK(e["original_score"] == 0.3);
  CHECK(e["supportive_context_word"] == "license");
  CHECK(e["textual_explanation"] ==
        "Detected by `UsLicenseRecognizer` using pattern `Driver License - Alphanumeric (weak)`");
  CHECK(e["regex_flags"] == 26);
  CHECK(e["validation_result"].is_null());

  auto batch =
      instance.Http("POST", "/presidio/analyze", R"J({"text":["mail a@example.com","nothing here"],"language":"en"})J")
          .Json();
  REQUIRE(batch.size() == 2);
  CHECK(batch[0].size() == 1);
  CHECK(batch[1].empty());

  auto zip =
      instance
          .Http("POST", "/presidio/analyze", R"J({"text":"John Smith drivers license is AC432223. Zip code: 10023",
    "language":"en","entities":["ZIP"],"ad_hoc_recognizers":[{"name":"Zip code Recognizer","supported_language":"en",
    "patterns":[{"name":"zip code (weak)","regex":"(\\b\\d{5}(?:\\-\\d{4})?\\b)","score":0.01}],
    "context":["zip","code"],"supported_entity":"ZIP"}]})J")
          .Json();
  REQUIRE(zip.size() == 1);
  CHECK(zip[0]["start"] == 50);
  CHECK(zip[0]["score"] == doctest::Approx(0.4));

  auto all_entities =
      instance.Http("POST", "/presidio/analyze", R"J({"text":"mail a@example.com","language":"en","entities":[]})J");
  CHECK(all_entities.status == 200);
  CHECK(all_entities.Json().size() == 1);

  auto allowed = instance
                     .Http("POST", "/presidio/analyze",
                           R"J({"text":"mail a@example.com","language":"en","allow_list":["a@example.com"]})J")
                     .Json();
  CHECK(allowed.empty());

  CHECK(instance.Http("POST", "/presidio/analyze", R"J({"language":"en"})J").body ==
        R"J({"error":"No text provided"})J");
  // A body that is JSON but not an object (e.g. a deeply nested array) is the client's error: 400, not 500.
  const auto nested = instance.Http("POST", "/presidio/analyze", std::string(5000, '[') + std::string(5000, ']'));
  CHECK(nested.status == 400);
  CHECK(nested.body == R"J({"error":"The request body must be a JSON object"})J");
  CHECK(instance.Http("POST", "/presidio/analyze", R"J(["text"])J").status == 400);
  CHECK(instance.Http("POST", "/presidio/analyze", R"J({"text":"x"})J").body ==
        R"J({"error":"No language provided"})J");
  auto he = instance.Http("POST", "/presidio/analyze", R"J({"text":"x","language":"he"})J");
  CHECK(he.status == 500);
  CHECK(he.body == R"J({"error":"No matching recognizers were found to serve the request."})J");
  auto bad_adhoc = instance.Http("POST", "/presidio/analyze", R"J({"text":"x","language":"en","ad_hoc_recognizers":[
    {"name":"r","supported_entity":"X","patterns":[{"name":"p","regex":"x","score":0.5,"type":"t"}]}]})J");
  CHECK(bad_adhoc.status == 400);
  CHECK(
      bad_adhoc.body ==
      R"J({"error":"Failed to parse /analyze request for AnalyzerEngine.analyze(). Pattern.__init__() got an unexpected keyword argument 'type'"})J");
}

TEST_CASE("GET routes: recognizers, supported entities, health, operator lists") {
  Plugin plugin;
  Instance instance(plugin, kSettings);
  REQUIRE(instance.status == SENTINEL_OK);
  auto recognizers = instance.Http("GET", "/presidio/recognizers", "", "language=en").Json();
  CHECK(recognizers.size() == 18);  // 16 default + 2 custom
  auto entities = instance.Http("GET", "/presidio/supportedentities", "", "language=en").Json();
  CHECK(entities.size() == 18);
  auto he = instance.Http("GET", "/presidio/supportedentities", "", "language=he");
  CHECK(he.status == 500);
  auto health = instance.Http("GET", "/presidio/health");
  CHECK(health.body == "Presidio Analyzer service is up");
  CHECK(instance.Http("GET", "/presidio/anonymizers").Json() ==
        nlohmann::json::parse(R"J(["encrypt","hash","keep","mask","redact","replace"])J"));
  CHECK(instance.Http("GET", "/presidio/deanonymizers").Json() ==
        nlohmann::json::parse(R"J(["decrypt","deanonymize_keep"])J"));
  CHECK(instance.Http("GET", "/presidio/analyze").status == 405);
  CHECK(instance.Http("GET", "/presidio/nothing").status == 404);
}

TEST_CASE("POST /presidio/anonymize and /presidio/deanonymize") {
  Plugin plugin;
  Instance instance(plugin, kSettings);
  REQUIRE(instance.status == SENTINEL_OK);
  auto reply = instance.Http("POST", "/presidio/anonymize", R"J({
    "text": "hello world, my name is Jane Doe. My number is: 034453334",
    "anonymizers": {"DEFAULT": {"type": "replace", "new_value": "ANONYMIZED"},
                    "PHONE_NUMBER": {"type": "mask", "masking_char": "*", "chars_to_mask": 4, "from_end": true}},
    "analyzer_results": [{"start": 24, "end": 32, "score": 0.8, "entity_type": "NAME"},
                         {"start": 24, "end": 28, "score": 0.8, "entity_type": "FIRST_NAME"},
                         {"start": 29, "end": 32, "score": 0.6, "entity_type": "LAST_NAME"},
                         {"start": 48, "end": 57, "score": 0.95, "entity_type": "PHONE_NUMBER"}]})J");
  CHECK(reply.status == 200);
  CHECK(
      reply.body ==
      R"J({"text":"hello world, my name is ANONYMIZED. My number is: 03445****","items":[{"start":50,"end":59,"entity_type":"PHONE_NUMBER","text":"03445****","operator":"mask"},{"start":24,"end":34,"entity_type":"NAME","text":"ANONYMIZED","operator":"replace"}]})J");

  CHECK(instance.Http("POST", "/presidio/anonymize", R"J({"text":"","anonymizers":{},"analyzer_results":[]})J").body ==
        R"J({"text":"","items":[]})J");
  auto malformed = instance.Http("POST", "/presidio/anonymize", R"J({"text": "x",})J");
  CHECK(malformed.status == 400);
  CHECK(malformed.body ==
        R"J({"error":"The browser (or proxy) sent a request that this server could not understand."})J");
  auto custom = instance.Http("POST", "/presidio/anonymize", R"J({"text":"ab","anonymizers":{"DEFAULT":{"type":"custom",
    "new_value":"lambda x: x"}},"analyzer_results":[{"start":0,"end":1,"score":1.0,"entity_type":"X"}]})J");
  CHECK(custom.status == 400);
  CHECK(custom.body == R"J({"error":"Custom type anonymizer is not supported"})J");
  auto missing = instance.Http("POST", "/presidio/anonymize", R"J({"text":"ab"})J");
  CHECK(missing.status == 422);

  auto decrypted = instance.Http("POST", "/presidio/deanonymize", R"J({
    "text": "e6HnOMnIxbd4a8Qea44LshQDnjvxwzBIaAz+YqHNnMW2mC5r3AWoay8Spsoajyyy",
    "deanonymizers": {"NUMBER": {"type": "decrypt", "key": "1111111111111111"}},
    "anonymizer_results": [{"start": 0, "end": 64, "entity_type": "NUMBER"}]})J");
  CHECK(decrypted.status == 200);
  CHECK(
      decrypted.body ==
      R"J({"text":"text_for_encryption","items":[{"start":0,"end":19,"entity_type":"NUMBER","text":"text_for_encryption","operator":"decrypt"}]})J");
  auto bad_key = instance.Http("POST", "/presidio/deanonymize", R"J({"text":"abc","deanonymizers":{"NUMBER":
    {"type":"decrypt","key":"invalidkey"}},"anonymizer_results":[{"start":0,"end":3,"entity_type":"NUMBER"}]})J");
  CHECK(bad_key.status == 422);
  CHECK(bad_key.body == R"J({"error":"Invalid input, key must be of length 128, 192 or 256 bits"})J");
  CHECK(instance.Http("POST", "/presidio/deanonymize", R"J({"text":"x"})J").body == R"J({"text":"x","items":[]})J");
  CHECK(instance.Http("POST", "/presidio/deanonymize", R"J({"key":"1111111111111111"})J").body ==
        R"J({"text":"","items":[]})J");
  auto empty = instance.Http("POST", "/presidio/deanonymize", "{ }");
  CHECK(empty.status == 400);
  CHECK(empty.body == R"J({"error":"Invalid request json"})J");
}

TEST_CASE("enabled_recognizers: Presidio class names, 'default', 'all', and GET /presidio/recognizers") {
  Plugin plugin;
  const std::string psl = std::string(R"J("publicsuffix_path":")J") + PRESIDIO_PSL_PATH + "\"";
  Instance mixed(plugin, "{" + psl + R"J(,"enabled_recognizers":["default","UkNinoRecognizer","DeTaxIdRecognizer"],
      "disabled_recognizers":["UsBankRecognizer"]})J");
  REQUIRE_MESSAGE(mixed.status == SENTINEL_OK, mixed.error);
  auto names = mixed.Http("GET", "/presidio/recognizers", "", "language=en").Json();
  auto has = [](const nlohmann::json& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  CHECK(names.size() == 17);
  CHECK(has(names, "UkNinoRecognizer"));
  CHECK(has(names, "DeTaxIdRecognizer"));
  CHECK(has(names, "UsSsnRecognizer"));
  CHECK_FALSE(has(names, "UsBankRecognizer"));
  CHECK(has(mixed.Http("GET", "/presidio/supportedentities", "", "language=en").Json(), "UK_NINO"));
  auto found = mixed.Http("POST", "/presidio/analyze",
                          R"J({"text":"His national insurance number is AB 12 34 56 C.","language":"en"})J")
                   .Json();
  REQUIRE(found.size() == 1);
  CHECK(found[0]["entity_type"] == "UK_NINO");
  CHECK(found[0]["start"] == 32);
  CHECK(found[0]["end"] == 46);

  Instance all(plugin, "{" + psl + R"J(,"enabled_recognizers":["all"]})J");
  REQUIRE_MESSAGE(all.status == SENTINEL_OK, all.error);
  auto every = all.Http("GET", "/presidio/recognizers", "", "language=en").Json();
  CHECK(every.size() == 41);  // Presidio's English and language-independent pattern recognizers
  CHECK(has(every, "AuAbnRecognizer"));
  CHECK(has(every, "UsNpiRecognizer"));
  CHECK_FALSE(has(every, "DeTaxIdRecognizer"));  // German only: named explicitly to run it

  Instance defaults(plugin, "{" + psl + "}");
  REQUIRE(defaults.status == SENTINEL_OK);
  CHECK(defaults.Http("GET", "/presidio/recognizers", "", "language=en").Json().size() == 16);

  // A custom pattern with a look-behind (Presidio syntax): PCRE2 runs it when built in.
  Instance lookbehind(plugin, "{" + psl + R"J(,"custom_recognizers":[{"name":"Ticket","supported_entity":"TICKET",
      "patterns":[{"name":"after the cue","regex":"(?<=ticket #)\\d{5}\\b","score":0.7}]}]})J");
  if (PRESIDIO_TEST_WITH_PCRE2) {
    REQUIRE_MESSAGE(lookbehind.status == SENTINEL_OK, lookbehind.error);
    auto tickets = lookbehind.Http("POST", "/presidio/analyze",
                                   R"J({"text":"see ticket #12345, not #67890","language":"en","entities":["TICKET"]})J")
                       .Json();
    REQUIRE(tickets.size() == 1);
    CHECK(tickets[0]["start"] == 12);
    CHECK(tickets[0]["end"] == 17);
  } else {
    CHECK(lookbehind.status != SENTINEL_OK);
  }

  Instance unknown(plugin, "{" + psl + R"J(,"enabled_recognizers":["UkNinoRecogniser"]})J");
  CHECK(unknown.status != SENTINEL_OK);
  CHECK(unknown.error.find("'UkNinoRecogniser'") != std::string::npos);
  CHECK(unknown.error.find("enabled_recognizers") != std::string::npos);
}

TEST_CASE("presidio_config: Presidio's YAML, supported_languages and per-language routes") {
  Plugin plugin;
  const std::string psl = std::string(R"J("publicsuffix_path":")J") + PRESIDIO_PSL_PATH + "\"";
  const std::string conf = PRESIDIO_CONF_DIR;
  auto has = [](const nlohmann::json& list, const char* name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };

  // Presidio's simple_analyzer_engine.yaml: en and es, default_score_threshold 0.43, default registry.
  Instance two(plugin, "{" + psl + R"J(,"presidio_config":")J" + conf + R"J(/tests/simple_analyzer_engine.yaml"})J");
  REQUIRE_MESSAGE(two.status == SENTINEL_OK, two.error);
  auto es = two.Http("GET", "/presidio/recognizers", "", "language=es").Json();
  CHECK(es.size() == 12);
  CHECK(has(es, "EsNifRecognizer"));
  CHECK_FALSE(has(es, "UsSsnRecognizer"));
  CHECK(two.Http("GET", "/presidio/recognizers", "", "language=en").Json().size() == 16);
  CHECK(has(two.Http("GET", "/presidio/supportedentities", "", "language=es").Json(), "ES_NIF"));
  CHECK_FALSE(has(two.Http("GET", "/presidio/supportedentities", "", "language=en").Json(), "ES_NIF"));
  auto de = two.Http("GET", "/presidio/supportedentities", "", "language=de");
  CHECK(de.status == 500);
  CHECK(de.Json()["error"] == "No matching recognizers were found to serve the request.");
  auto nif = two.Http("POST", "/presidio/analyze", R"J({"text":"Mi NIF es 12345678Z.","language":"es"})J");
  REQUIRE(nif.status == 200);
  REQUIRE(nif.Json().size() == 1);
  CHECK(nif.Json()[0]["entity_type"] == "ES_NIF");
  // The same text in English: no Spanish recognizer runs.
  CHECK(two.Http("POST", "/presidio/analyze", R"J({"text":"Mi NIF es 12345678Z.","language":"en"})J").Json().empty());
  auto fr = two.Http("POST", "/presidio/analyze", R"J({"text":"Mon NIF est 12345678Z.","language":"fr"})J");
  CHECK(fr.status == 500);
  CHECK(fr.Json()["error"] == "No matching recognizers were found to serve the request.");
  // default_score_threshold 0.43 from the file: a weak US bank number (0.05) is dropped.
  CHECK(two.Http("POST", "/presidio/analyze", R"J({"text":"number 945612387","language":"en"})J").Json().empty());

  // A custom recognizer from Presidio's YAML, found by /presidio/analyze.
  Instance zip(plugin, "{" + psl + R"J(,"presidio_config":")J" + conf + R"J(/tests/custom_recognizer_yaml.yaml"})J");
  REQUIRE_MESSAGE(zip.status == SENTINEL_OK, zip.error);
  CHECK(zip.Http("GET", "/presidio/recognizers", "", "language=en").Json() ==
        nlohmann::json::parse(R"J(["Zip code Recognizer"])J"));
  auto found = zip.Http("POST", "/presidio/analyze", R"J({"text":"zip code 10001","language":"en"})J").Json();
  REQUIRE(found.size() == 1);
  CHECK(found[0]["entity_type"] == "ZIP");
  CHECK(found[0]["start"] == 9);

  // supported_languages without a file: Presidio's defaults per language.
  Instance langs(plugin, "{" + psl + R"J(,"supported_languages":["en","es"]})J");
  REQUIRE_MESSAGE(langs.status == SENTINEL_OK, langs.error);
  CHECK(langs.Http("GET", "/presidio/recognizers", "", "language=es").Json().size() == 12);
  CHECK(langs.Http("GET", "/presidio/recognizers", "", "language=en").Json().size() == 16);
  // Without ?language=, as Presidio: every configured language's recognizers and entities, each once.
  for (const char* route : {"/presidio/recognizers", "/presidio/supportedentities"}) {
    std::set<std::string> expected;
    for (const char* language : {"language=en", "language=es"}) {
      for (const auto& name : langs.Http("GET", route, "", language).Json()) expected.insert(name.get<std::string>());
    }
    auto all = langs.Http("GET", route, "").Json();
    std::set<std::string> got;
    for (const auto& name : all) got.insert(name.get<std::string>());
    CHECK_MESSAGE(got.size() == all.size(), route);  // no name twice
    CHECK_MESSAGE(got == expected, route);
    CHECK_MESSAGE(got.size() > langs.Http("GET", route, "", "language=en").Json().size(), route);
  }

  // A file Presidio refuses is an activation error naming FILE:LINE:COLUMN.
  Instance refused(plugin, "{" + psl + R"J(,"presidio_config":")J" + conf + R"J(/tests/missing_recognizers.yaml"})J");
  CHECK(refused.status != SENTINEL_OK);
  CHECK(refused.error.find("missing_recognizers.yaml:") != std::string::npos);
  CHECK(refused.error.find("mandatory keys") != std::string::npos);
  // Presidio's default_analyzer_full.yaml lists SpacyRecognizer: Sentinel's NER tagger plays it.
  const std::string full = R"J(,"presidio_config":")J" + conf + R"J(/default_analyzer_full.yaml")J";
  Instance no_ner(plugin, "{" + psl + full + "}");
  CHECK(no_ner.status != SENTINEL_OK);
  CHECK(no_ner.error.find("default_analyzer_full.yaml:157:7") != std::string::npos);
  CHECK(no_ner.error.find("ner.enabled") != std::string::npos);
  if (PRESIDIO_TEST_WITH_NER) {
    Instance with_ner(plugin, "{" + psl + full + R"J(,"ner":{"enabled":true,"model_dir":"presidio-ner"}})J");
    REQUIRE_MESSAGE(with_ner.status == SENTINEL_OK, with_ner.error);
    auto names = with_ner.Http("GET", "/presidio/recognizers", "", "language=en").Json();
    CHECK(names.size() == 16);
    CHECK(has(names, "SpacyRecognizer"));
    auto person = with_ner.Http("POST", "/presidio/analyze",
                                R"J({"text":"My name is David Johnson and I live in Seattle.","language":"en"})J")
                      .Json();
    CHECK(std::any_of(person.begin(), person.end(), [](const nlohmann::json& r) { return r["entity_type"] == "PERSON"; }));
  }
  Instance bad_language(plugin, "{" + psl + R"J(,"supported_languages":["english"]})J");
  CHECK(bad_language.status != SENTINEL_OK);
  CHECK(bad_language.error.find("'english'") != std::string::npos);
}
