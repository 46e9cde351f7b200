// The container and orchestrator files under packaging/ parse and say what operations rely on: the
// Kubernetes Deployment probes /health (liveness) and /ready (readiness, startup), requests resources, runs
// as non-root, and mounts the ConfigMap its --config names; the HPA scales that Deployment; the Service
// selects its pods; the Cloud Run service has a startup probe on /ready; the Dockerfile is multi-stage,
// checks the build with sentineld --check, runs as non-root and has a HEALTHCHECK on /health.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <iterator>
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::string kPackaging = SOURCE_DIR "/packaging";

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every document of every YAML file in packaging/k8s, keyed by kind.
std::multimap<std::string, YAML::Node> LoadK8s() {
  std::multimap<std::string, YAML::Node> out;
  for (const auto& entry : fs::directory_iterator(kPackaging + "/k8s")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    std::vector<YAML::Node> docs;
    REQUIRE_NOTHROW(docs = YAML::LoadAllFromFile(entry.path().string()));
    for (const auto& doc : docs) {
      REQUIRE(doc.IsMap());
      REQUIRE(doc["apiVersion"].IsScalar());
      REQUIRE(doc["kind"].IsScalar());
      out.emplace(doc["kind"].as<std::string>(), doc);
    }
  }
  return out;
}

YAML::Node One(const std::multimap<std::string, YAML::Node>& docs, const std::string& kind) {
  REQUIRE_MESSAGE(docs.count(kind) == 1, "expected one " << kind);
  return docs.find(kind)->second;
}

std::map<std::string, std::string> Labels(const YAML::Node& node) {
  std::map<std::string, std::string> out;
  for (const auto& kv : node) out[kv.first.as<std::string>()] = kv.second.as<std::string>();
  return out;
}

bool Contains(const std::map<std::string, std::string>& all, const std::map<std::string, std::string>& subset) {
  for (const auto& [k, v] : subset) {
    auto it = all.find(k);
    if (it == all.end() || it->second != v) return false;
  }
  return !subset.empty();
}

// The port a probe targets, resolving a named port against the container's ports.
int ProbePort(const YAML::Node& container, const YAML::Node& probe) {
  YAML::Node port = probe["httpGet"]["port"];
  int number = 0;
  if (YAML::convert<int>::decode(port, number)) return number;
  for (const auto& p : container["ports"]) {
    if (p["name"] && p["name"].as<std::string>() == port.as<std::string>()) return p["containerPort"].as<int>();
  }
  return -1;
}

}  // namespace

TEST_CASE("k8s: Deployment, ConfigMap, Service and HPA agree") {
  auto docs = LoadK8s();
  YAML::Node deployment = One(docs, "Deployment");
  YAML::Node config_map = One(docs, "ConfigMap");
  YAML::Node service = One(docs, "Service");
  YAML::Node hpa = One(docs, "HorizontalPodAutoscaler");
  CHECK(deployment["apiVersion"].as<std::string>() == "apps/v1");
  CHECK(hpa["apiVersion"].as<std::string>() == "autoscaling/v2");

  const std::string name = deployment["metadata"]["name"].as<std::string>();
  YAML::Node pod = deployment["spec"]["template"];
  auto pod_labels = Labels(pod["metadata"]["labels"]);
  CHECK(Contains(pod_labels, Labels(deployment["spec"]["selector"]["matchLabels"])));
  CHECK(Contains(pod_labels, Labels(service["spec"]["selector"])));

  REQUIRE(pod["spec"]["containers"].size() == 1);
  YAML::Node c = pod["spec"]["containers"][0];
  const int port = c["ports"][0]["containerPort"].as<int>();
  CHECK(port == 8080);

  SUBCASE("probes: liveness /health, readiness and startup /ready") {
    CHECK(c["livenessProbe"]["httpGet"]["path"].as<std::string>() == "/health");
    CHECK(c["readinessProbe"]["httpGet"]["path"].as<std::string>() == "/ready");
    CHECK(c["startupProbe"]["httpGet"]["path"].as<std::string>() == "/ready");
    for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"}) {
      CHECK(ProbePort(c, c[probe]) == port);
    }
    // The startup probe must allow model loading: at least two minutes.
    CHECK(c["startupProbe"]["periodSeconds"].as<int>() * c["startupProbe"]["failureThreshold"].as<int>() >= 120);
  }
  SUBCASE("resources and security context") {
    CHECK(c["resources"]["requests"]["cpu"].IsScalar());
    CHECK(c["resources"]["requests"]["memory"].IsScalar());
    CHECK(c["resources"]["limits"]["memory"].IsScalar());
    CHECK(pod["spec"]["securityContext"]["runAsNonRoot"].as<bool>());
    CHECK(pod["spec"]["securityContext"]["runAsUser"].as<int>() != 0);
    CHECK(!c["securityContext"]["allowPrivilegeEscalation"].as<bool>());
    CHECK(c["securityContext"]["readOnlyRootFilesystem"].as<bool>());
  }
  SUBCASE("the ConfigMap is mounted where --config points, and holds a host config") {
    std::vector<std::string> args = c["args"].as<std::vector<std::string>>();
    auto it = std::find(args.begin(), args.end(), "--config");
    REQUIRE(it != args.end());
    REQUIRE(it + 1 != args.end());
    const std::string config_path = *(it + 1);
    bool mounted = false;
    for (const auto& mount : c["volumeMounts"]) {
      for (const auto& volume : pod["spec"]["volumes"]) {
        if (volume["name"].as<std::string>() != mount["name"].as<std::string>() || !volume["configMap"]) continue;
        CHECK(volume["configMap"]["name"].as<std::string>() == config_map["metadata"]["name"].as<std::string>());
        for (const auto& item : volume["configMap"]["items"]) {
          if (mount["mountPath"].as<std::string>() + "/" + item["path"].as<std::string>() == config_path) {
            CHECK(config_map["data"][item["key"].as<std::string>()].IsScalar());
            mounted = true;
          }
        }
      }
    }
    CHECK_MESSAGE(mounted, "--config " << config_path << " is not a mounted ConfigMap item");
    YAML::Node host = YAML::Load(config_map["data"]["sentinel.yaml"].as<std::string>());
    CHECK(host["listen"].as<std::string>() == "0.0.0.0:" + std::to_string(port));
    CHECK(host["plugins_dir"].as<std::string>() == "/usr/lib/sentinel/plugins");
    CHECK(host["models_dir"].as<std::string>() == "/usr/share/sentinel/models");
    CHECK(host["fail_fast"].as<bool>());
  }
  SUBCASE("the HPA scales this Deployment on CPU") {
    CHECK(hpa["spec"]["scaleTargetRef"]["kind"].as<std::string>() == "Deployment");
    CHECK(hpa["spec"]["scaleTargetRef"]["name"].as<std::string>() == name);
    CHECK(hpa["spec"]["minReplicas"].as<int>() >= 1);
    CHECK(hpa["spec"]["maxReplicas"].as<int>() >= hpa["spec"]["minReplicas"].as<int>());
    CHECK(hpa["spec"]["metrics"][0]["resource"]["name"].as<std::string>() == "cpu");
  }
  SUBCASE("the Service targets the container port") {
    YAML::Node target = service["spec"]["ports"][0]["targetPort"];
    int number = 0;
    if (YAML::convert<int>::decode(target, number)) {
      CHECK(number == port);
    } else {
      CHECK(target.as<std::string>() == c["ports"][0]["name"].as<std::string>());
    }
  }
  SUBCASE("kustomization lists every manifest") {
    YAML::Node k = YAML::LoadFile(kPackaging + "/k8s/kustomization.yaml");
    std::set<std::string> listed;
    for (const auto& r : k["resources"]) listed.insert(r.as<std::string>());
    for (const auto& entry : fs::directory_iterator(kPackaging + "/k8s")) {
      std::string file = entry.path().filename().string();
      if (entry.path().extension() == ".yaml" && file != "kustomization.yaml") CHECK_MESSAGE(listed.count(file), file);
    }
  }
}

TEST_CASE("k8s queue-autoscaling overlay: the HPA also scales on the queue depth the daemon exports") {
  const std::string dir = kPackaging + "/k8s/queue-autoscaling";
  YAML::Node k = YAML::LoadFile(dir + "/kustomization.yaml");
  CHECK(k["resources"][0].as<std::string>() == "../");
  REQUIRE(k["patches"][0]["path"].as<std::string>() == "hpa-queue.yaml");
  YAML::Node patch = YAML::LoadFile(dir + "/hpa-queue.yaml");
  YAML::Node base = One(LoadK8s(), "HorizontalPodAutoscaler");
  CHECK(patch["kind"].as<std::string>() == "HorizontalPodAutoscaler");
  CHECK(patch["metadata"]["name"].as<std::string>() == base["metadata"]["name"].as<std::string>());
  // A strategic-merge patch replaces the metrics list: CPU must still be in it.
  REQUIRE(patch["spec"]["metrics"].size() == 2);
  CHECK(patch["spec"]["metrics"][0]["resource"]["name"].as<std::string>() == "cpu");
  YAML::Node pods = patch["spec"]["metrics"][1];
  CHECK(pods["type"].as<std::string>() == "Pods");
  const std::string served = pods["pods"]["metric"]["name"].as<std::string>();
  // The adapter rule turns the daemon's family into the metric the HPA reads.
  YAML::Node rules_map = YAML::LoadFile(dir + "/prometheus-adapter-rules.yaml");
  YAML::Node rules = YAML::Load(rules_map["data"]["config.yaml"].as<std::string>())["rules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["name"]["as"].as<std::string>() == served);
  const std::string series = rules[0]["seriesQuery"].as<std::string>();
  const std::string family = series.substr(0, series.find('{'));
  CHECK(family == "sentinel_module_queue_depth");
  // ... and the daemon exports that family on /metrics.
  std::ifstream metrics_source(kPackaging + "/../host/src/http/metrics.cc");
  const std::string source((std::istreambuf_iterator<char>(metrics_source)), std::istreambuf_iterator<char>());
  CHECK(source.find("\"" + family + "\"") != std::string::npos);
}

TEST_CASE("cloudrun: service with a startup probe on /ready") {
  YAML::Node svc;
  REQUIRE_NOTHROW(svc = YAML::LoadFile(kPackaging + "/cloudrun/service.yaml"));
  CHECK(svc["apiVersion"].as<std::string>() == "serving.knative.dev/v1");
  CHECK(svc["kind"].as<std::string>() == "Service");
  YAML::Node c = svc["spec"]["template"]["spec"]["containers"][0];
  REQUIRE(c.IsMap());
  const int port = c["ports"][0]["containerPort"].as<int>();
  CHECK(c["startupProbe"]["httpGet"]["path"].as<std::string>() == "/ready");
  CHECK(c["startupProbe"]["httpGet"]["port"].as<int>() == port);
  CHECK(c["startupProbe"]["periodSeconds"].as<int>() * c["startupProbe"]["failureThreshold"].as<int>() >= 120);
  CHECK(c["livenessProbe"]["httpGet"]["path"].as<std::string>() == "/health");
  std::vector<std::string> args = c["args"].as<std::vector<std::string>>();
  CHECK(std::find(args.begin(), args.end(), "0.0.0.0:" + std::to_string(port)) != args.end());
  CHECK(c["resources"]["limits"]["memory"].IsScalar());
}

TEST_CASE("Dockerfile: multi-stage, checked at build time, non-root, HEALTHCHECK on /health") {
  const std::string text = Read(kPackaging + "/Dockerfile");
  REQUIRE(!text.empty());
  // Logical lines: continuations joined, comments dropped.
  std::vector<std::string> lines;
  std::string current;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (current.empty() && (line.empty() || line[0] == '#')) continue;
    if (!line.empty() && line.back() == '\\') {
      current += line.substr(0, line.size() - 1) + " ";
      continue;
    }
    lines.push_back(current + line);
    current.clear();
  }
  std::vector<std::string> from, final_stage;
  for (const auto& l : lines) {
    if (l.rfind("FROM ", 0) == 0) {
      from.push_back(l);
      final_stage.clear();
    }
    final_stage.push_back(l);
  }
  REQUIRE(from.size() >= 2);
  CHECK(std::regex_search(from[0], std::regex(" AS build$")));
  CHECK(from.back().find("slim") != std::string::npos);
  auto has = [&](const std::vector<std::string>& ls, const std::string& re) {
    for (const auto& l : ls) {
      if (std::regex_search(l, std::regex(re))) return true;
    }
    return false;
  };
  CHECK(has(final_stage, "^COPY --from=build "));
  CHECK(has(final_stage, "^RUN .*sentineld --check --config "));
  CHECK(has(final_stage, "^USER [1-9][0-9]*(:[0-9]+)?$"));
  CHECK(!has(final_stage, "^USER (root|0)"));
  CHECK(has(final_stage, "^HEALTHCHECK .*(/health|sentinelctl.*\"health\"\\]$)"));
  CHECK(has(final_stage, "^EXPOSE 8080$"));
  CHECK(has(final_stage, "^ENTRYPOINT \\[\"/usr/bin/sentineld\"\\]"));
  // The --check step comes after the configuration is final and before USER (it needs no privileges, but
  // must see the config the container will run).
  size_t check = 0, sed = 0;
  for (size_t i = 0; i < final_stage.size(); ++i) {
    if (final_stage[i].find("sentineld --check") != std::string::npos) check = i;
    if (final_stage[i].find("sed -i") != std::string::npos) sed = i;
  }
  CHECK(sed < check);
  // Build trees stay out of the context (BuildKit's per-Dockerfile ignore file).
  const std::string ignore = Read(kPackaging + "/Dockerfile.dockerignore");
  CHECK(std::regex_search(ignore, std::regex(R"((^|\n)build-\*(\n|$))")));
  CHECK(std::regex_search(ignore, std::regex(R"((^|\n)\.git(\n|$))")));
  // The header says why it is not built here.
  CHECK(text.find("cannot be built on the machines") != std::string::npos);
}
