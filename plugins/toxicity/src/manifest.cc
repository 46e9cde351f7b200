#include "manifest.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>
#include <sstream>
#include <sys/stat.h>

#include "sha256.h"

namespace sentinel {
namespace toxicity {

namespace {

std::string JoinPath(const std::string& folder, const std::string& name) {
  if (folder.empty() || folder.back() == '/') return folder + name;
  return folder + "/" + name;
}

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// A file name inside the folder: no directories, no parent references.
bool IsPlainFileName(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

bool ReadScalarMap(const YAML::Node& node, std::map<std::string, std::string>* out) {
  if (!node) return true;
  if (!node.IsMap()) return false;
  for (const auto& kv : node) out->emplace(kv.first.as<std::string>(), kv.second.as<std::string>());
  return true;
}

bool Parse(const YAML::Node& root, ModelManifest* m, std::string* why) {
  if (!root.IsMap()) {
    *why = "top level is not a mapping";
    return false;
  }
  if (!root["format_version"]) {
    *why = "missing format_version";
    return false;
  }
  m->format_version = root["format_version"].as<int>();
  if (m->format_version != kManifestFormatVersion) {
    *why = "unsupported format_version " + std::to_string(m->format_version) + " (this build reads " +
           std::to_string(kManifestFormatVersion) + ")";
    return false;
  }
  m->name = root["name"].as<std::string>("");
  m->description = root["description"].as<std::string>("");
  m->model_file = root["model"].as<std::string>("");
  if (!IsPlainFileName(m->model_file)) {
    *why = "`model` must name the TorchScript file inside the folder";
    return false;
  }
  m->output = root["output"].as<std::string>("logits");
  if (m->output != "logits" && m->output != "probabilities") {
    *why = "`output` must be logits or probabilities";
    return false;
  }
  const YAML::Node labels = root["labels"];
  if (!labels || !labels.IsSequence() || labels.size() == 0) {
    *why = "`labels` must be a non-empty list";
    return false;
  }
  std::set<std::string> seen;
  for (const auto& l : labels) {
    m->labels.push_back(l.as<std::string>());
    if (!seen.insert(m->labels.back()).second) {
      *why = "duplicate label " + m->labels.back();
      return false;
    }
  }
  const YAML::Node thresholds = root["thresholds"];
  if (!thresholds || !thresholds.IsMap()) {
    *why = "`thresholds` must map every label to a threshold";
    return false;
  }
  for (const std::string& label : m->labels) {
    if (!thresholds[label]) {
      *why = "no threshold for label " + label;
      return false;
    }
    const float t = thresholds[label].as<float>();
    if (!(t >= 0.0f && t <= 1.0f)) {
      *why = "threshold for " + label + " is outside [0,1]";
      return false;
    }
    m->thresholds.push_back(t);
  }
  if (root["languages"]) {
    for (const auto& l : root["languages"]) m->languages.push_back(l.as<std::string>());
  }
  m->max_sequence_length = root["max_sequence_length"].as<int64_t>(512);
  if (m->max_sequence_length < 4) {
    *why = "max_sequence_length must be at least 4";
    return false;
  }
  const YAML::Node tok = root["tokenizer"];
  if (!tok || !tok.IsMap() || !tok["type"]) {
    *why = "`tokenizer.type` is required";
    return false;
  }
  m->tokenizer.type = tok["type"].as<std::string>();
  if (!ReadScalarMap(tok["files"], &m->tokenizer.files) || !ReadScalarMap(tok["options"], &m->tokenizer.options)) {
    *why = "`tokenizer.files` and `tokenizer.options` must be mappings";
    return false;
  }
  for (const auto& kv : m->tokenizer.files) {
    if (!IsPlainFileName(kv.second)) {
      *why = "tokenizer file `" + kv.second + "` must be a plain file name inside the folder";
      return false;
    }
  }
  if (!ReadScalarMap(root["sha256"], &m->sha256)) {
    *why = "`sha256` must map file names to digests";
    return false;
  }
  if (m->sha256.count(m->model_file) == 0) {
    *why = "no sha256 for " + m->model_file;
    return false;
  }
  for (const auto& kv : m->tokenizer.files) {
    if (m->sha256.count(kv.second) == 0) {
      *why = "no sha256 for " + kv.second;
      return false;
    }
  }
  const YAML::Node self_test = root["self_test"];
  if (!self_test || !self_test["canaries"] || !self_test["canaries"].IsSequence() ||
      self_test["canaries"].size() == 0) {
    *why = "`self_test.canaries` must list at least one canary";
    return false;
  }
  m->canary_tolerance = self_test["tolerance"].as<float>(1e-3f);
  for (const auto& c : self_test["canaries"]) {
    Canary canary;
    canary.text = c["text"].as<std::string>();
    for (const auto& s : c["scores"]) canary.scores.push_back(s.as<float>());
    if (canary.scores.size() != m->labels.size()) {
      *why = "a canary has " + std::to_string(canary.scores.size()) + " scores for " +
             std::to_string(m->labels.size()) + " labels";
      return false;
    }
    m->canaries.push_back(std::move(canary));
  }
  return true;
}

}  // namespace

bool LoadManifest(const std::string& folder, ModelManifest* manifest, std::string* error) {
  const std::string path = JoinPath(folder, kManifestFileName);
  if (!IsRegularFile(path)) {
    *error = path + ": file is missing";
    return false;
  }
  try {
    std::string why;
    *manifest = ModelManifest();
    if (!Parse(YAML::LoadFile(path), manifest, &why)) {
      *error = path + ": " + why;
      return false;
    }
  } catch (const YAML::Exception& e) {
    *error = path + ": invalid manifest: " + e.what();
    return false;
  }
  return true;
}

bool VerifyModelFiles(const std::string& folder, const ModelManifest& manifest, std::string* error) {
  std::vector<std::string> required = {manifest.model_file};
  for (const auto& kv : manifest.tokenizer.files) required.push_back(kv.second);
  for (const std::string& name : required) {
    if (!IsRegularFile(JoinPath(folder, name))) {
      *error = JoinPath(folder, name) + ": file is missing";
      return false;
    }
  }
  for (const auto& kv : manifest.sha256) {
    const std::string path = JoinPath(folder, kv.first);
    if (!IsPlainFileName(kv.first)) {
      *error = JoinPath(folder, kManifestFileName) + ": sha256 entry `" + kv.first + "` is not a plain file name";
      return false;
    }
    if (!IsRegularFile(path)) {
      *error = path + ": file is missing";
      return false;
    }
    std::string digest, why;
    if (!Sha256File(path, &digest, &why)) {
      *error = path + ": " + why;
      return false;
    }
    if (digest != kv.second) {
      *error = path + ": checksum mismatch (manifest sha256 " + kv.second + ", file has " + digest + ")";
      return false;
    }
  }
  return true;
}

std::string ManifestToYaml(const ModelManifest& m) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "format_version" << YAML::Value << m.format_version;
  out << YAML::Key << "name" << YAML::Value << m.name;
  out << YAML::Key << "description" << YAML::Value << m.description;
  out << YAML::Key << "model" << YAML::Value << m.model_file;
  out << YAML::Key << "output" << YAML::Value << m.output;
  out << YAML::Key << "labels" << YAML::Value << YAML::Flow << m.labels;
  out << YAML::Key << "thresholds" << YAML::Value << YAML::BeginMap;
  for (size_t i = 0; i < m.labels.size(); ++i) out << YAML::Key << m.labels[i] << YAML::Value << m.thresholds[i];
  out << YAML::EndMap;
  out << YAML::Key << "languages" << YAML::Value << YAML::Flow << m.languages;
  out << YAML::Key << "max_sequence_length" << YAML::Value << m.max_sequence_length;
  out << YAML::Key << "tokenizer" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "type" << YAML::Value << m.tokenizer.type;
  out << YAML::Key << "files" << YAML::Value << m.tokenizer.files;
  out << YAML::Key << "options" << YAML::Value << m.tokenizer.options;
  out << YAML::EndMap;
  out << YAML::Key << "sha256" << YAML::Value << m.sha256;
  out << YAML::Key << "self_test" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "tolerance" << YAML::Value << m.canary_tolerance;
  out << YAML::Key << "canaries" << YAML::Value << YAML::BeginSeq;
  for (const Canary& c : m.canaries) {
    out << YAML::BeginMap;
    out << YAML::Key << "text" << YAML::Value << YAML::DoubleQuoted << c.text;
    out << YAML::Key << "scores" << YAML::Value << YAML::Flow << c.scores;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace toxicity
}  // namespace sentinel
