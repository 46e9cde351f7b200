#include "gateway/rail_calls.h"

#include <algorithm>
#include <chrono>

#include "common/json_text.h"

namespace sentinel {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Status BindRail(const ModuleRegistry& registry, const RailConfig& rail, BoundRail* out) {
  std::shared_ptr<Module> module = registry.Find(rail.module);
  if (!module) {
    return Status::Unavailable("rail '" + rail.name + "' needs module '" + rail.module +
                               "', which is not configured (" + rail.where + ")");
  }
  out->config = &rail;
  out->detector = module->detector();
  if (!out->detector) {
    return Status::Unavailable("rail '" + rail.name + "' needs module '" + rail.module + "', which is not active (state: " +
                               ModuleStateName(module->state()) + ")");
  }
  if (rail.action == RailAction::kRedact) {
    for (const Route& r : module->routes()) {
      if (r.method == "POST" && EndsWith(r.path, "/anonymize")) out->anonymize_path = r.path;
    }
    if (out->anonymize_path.empty()) {
      return Status::FailedPrecondition("rail '" + rail.name + "' redacts, but module '" + rail.module +
                                        "' serves no POST .../anonymize route (" + rail.where + ")");
    }
  }
  return Status::OK();
}

Status AnalyzeForRail(const BoundRail& rail, std::string_view text, Metrics* metrics, nlohmann::json* result) {
  nlohmann::json request = nlohmann::json::parse(rail.config->options_json, nullptr, false);
  if (!request.is_object()) request = nlohmann::json::object();
  request["text"] = std::string(text);
  std::string out;
  auto start = std::chrono::steady_clock::now();
  Status s = rail.detector->Analyze(JsonText(request), &out);
  if (metrics != nullptr) metrics->ModuleCall(rail.config->module, "analyze", s.ok(), SecondsSince(start));
  if (!s.ok()) return Status(s.code(), "rail '" + rail.config->name + "' (module " + rail.config->module + "): " + s.message());
  *result = nlohmann::json::parse(out, nullptr, false);
  if (!result->is_object()) {
    return Status::Internal("rail '" + rail.config->name + "': module " + rail.config->module + " returned invalid JSON");
  }
  return Status::OK();
}

bool BlockFires(const RailConfig& rail, const nlohmann::json& result) {
  if (rail.score_block) {
    auto it = result.find("scores");
    if (it == result.end() || !it->is_object()) return false;
    for (const auto& [label, score] : it->items()) {
      if (!score.is_number()) continue;
      if (!rail.labels.empty() && std::find(rail.labels.begin(), rail.labels.end(), label) == rail.labels.end()) continue;
      if (score.get<double>() >= rail.threshold) return true;
    }
    return false;
  }
  return !SelectEntities(rail, result).empty();
}

std::vector<RailEntity> SelectEntities(const RailConfig& rail, const nlohmann::json& result) {
  std::vector<RailEntity> out;
  auto it = result.find("entities");
  if (it == result.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (!e.is_object() || !e.contains("entity_type") || !e["entity_type"].is_string()) continue;
    if (!e.contains("start") || !e["start"].is_number_unsigned() || !e.contains("end") || !e["end"].is_number_unsigned()) continue;
    RailEntity entity;
    entity.type = e["entity_type"].get<std::string>();
    entity.start = e["start"].get<std::size_t>();
    entity.end = e["end"].get<std::size_t>();
    entity.score = e.contains("score") && e["score"].is_number() ? e["score"].get<double>() : 1.0;
    if (entity.end <= entity.start || entity.score < rail.min_score) continue;
    if (!rail.entities.empty() && std::find(rail.entities.begin(), rail.entities.end(), entity.type) == rail.entities.end()) continue;
    out.push_back(std::move(entity));
  }
  std::stable_sort(out.begin(), out.end(), [](const RailEntity& a, const RailEntity& b) { return a.start < b.start; });
  return out;
}

Status AnonymizeForRail(const BoundRail& rail, std::string_view text, const std::vector<RailEntity>& entities,
                        Metrics* metrics, std::string* out) {
  if (entities.empty()) {
    *out = std::string(text);
    return Status::OK();
  }
  nlohmann::json request;
  request["text"] = std::string(text);
  request["anonymizers"] = nlohmann::json::parse(rail.config->operators_json, nullptr, false);
  nlohmann::json results = nlohmann::json::array();
  for (const RailEntity& e : entities) {
    results.push_back({{"entity_type", e.type}, {"start", e.start}, {"end", e.end}, {"score", e.score}});
  }
  request["analyzer_results"] = std::move(results);
  const std::string body = JsonText(request);
  PluginHttpRequest req{"POST", rail.anonymize_path, "", body, ""};
  PluginHttpResponse resp;
  auto start = std::chrono::steady_clock::now();
  Status s = rail.detector->HandleHttp(req, &resp);
  if (metrics != nullptr) metrics->ModuleCall(rail.config->module, "http", s.ok() && resp.status == 200, SecondsSince(start));
  if (!s.ok()) return Status(s.code(), "rail '" + rail.config->name + "' (module " + rail.config->module + "): " + s.message());
  nlohmann::json answer = nlohmann::json::parse(resp.body, nullptr, false);
  if (resp.status != 200) {
    std::string message = answer.is_object() && answer.contains("error") && answer["error"].is_string()
                              ? answer["error"].get<std::string>()
                              : "status " + std::to_string(resp.status);
    return Status::Internal("rail '" + rail.config->name + "': " + rail.anonymize_path + " refused the rail's operators: " +
                            message + " (" + rail.config->where + ")");
  }
  if (!answer.is_object() || !answer.contains("text") || !answer["text"].is_string()) {
    return Status::Internal("rail '" + rail.config->name + "': " + rail.anonymize_path + " returned no text");
  }
  *out = answer["text"].get<std::string>();
  return Status::OK();
}

Status RedactWithRail(const BoundRail& rail, std::string_view text, Metrics* metrics, std::string* out, bool* fired) {
  nlohmann::json result;
  Status s = AnalyzeForRail(rail, text, metrics, &result);
  if (!s.ok()) return s;
  std::vector<RailEntity> entities = SelectEntities(*rail.config, result);
  *fired = !entities.empty();
  return AnonymizeForRail(rail, text, entities, metrics, out);
}

Utf8Index::Utf8Index(std::string_view text) {
  starts_.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 || i == 0) starts_.push_back(i);
  }
  starts_.push_back(text.size());
}

std::size_t Utf8Index::ByteOf(std::size_t code_point) const {
  return code_point >= starts_.size() ? starts_.back() : starts_[code_point];
}

std::size_t Utf8Index::CodePointOf(std::size_t byte) const {
  return static_cast<std::size_t>(std::lower_bound(starts_.begin(), starts_.end(), byte) - starts_.begin());
}

}  // namespace sentinel
