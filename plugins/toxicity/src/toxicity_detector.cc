#include "toxicity_detector.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace sentinel {
namespace toxicity {

namespace {

constexpr char kPredictPath[] = "/toxicity/predict";
constexpr char kPerspectivePath[] = "/v1alpha1/comments:analyze";
constexpr char kDiscoveryPath[] = "/$discovery/rest";

// Reads a non-negative integer setting; false (with error) when present but not one.
bool IntSetting(const nlohmann::json& settings, const char* key, int64_t fallback, int64_t min, int64_t* out,
                std::string* error) {
  if (!settings.contains(key)) {
    *out = fallback;
    return true;
  }
  const nlohmann::json& v = settings[key];
  if (!v.is_number_integer() || v.get<int64_t>() < min) {
    *error = std::string("settings.") + key + " must be an integer >= " + std::to_string(min);
    return false;
  }
  *out = v.get<int64_t>();
  return true;
}

}  // namespace

std::unique_ptr<ToxicityDetector> ToxicityDetector::Create(const sdk::ActivateContext& ctx, std::string* error) {
  nlohmann::json settings = ctx.settings_json.empty() ? nlohmann::json::object()
                                                      : nlohmann::json::parse(ctx.settings_json, nullptr, false);
  if (settings.is_discarded() || !settings.is_object()) {
    *error = "module " + ctx.module_name + ": settings are not a JSON object";
    return nullptr;
  }
  std::string model = "default";
  if (settings.contains("model")) {
    if (!settings["model"].is_string() || settings["model"].get<std::string>().empty()) {
      *error = "module " + ctx.module_name + ": settings.model must name a model folder";
      return nullptr;
    }
    model = settings["model"].get<std::string>();
  }
  int64_t threads, max_batch, delay_us, max_bytes, max_texts;
  std::string why;
  if (!IntSetting(settings, "intra_op_threads", ctx.worker_threads, 1, &threads, &why) ||
      !IntSetting(settings, "max_batch_size", 32, 1, &max_batch, &why) ||
      !IntSetting(settings, "max_queue_delay_us", 1000, 0, &delay_us, &why) ||
      !IntSetting(settings, "max_text_bytes", 100 * 1024, 1, &max_bytes, &why) ||
      !IntSetting(settings, "max_texts", 256, 1, &max_texts, &why)) {
    *error = "module " + ctx.module_name + ": " + why;
    return nullptr;
  }
  std::string folder = model;
  if (folder.front() != '/') {
    const std::string base = ctx.models_dir.empty() ? ctx.config_dir : ctx.models_dir;
    folder = base.empty() ? folder : base + "/" + folder;
  }
  SetTorchThreads(static_cast<int>(threads));
  std::unique_ptr<ToxicityDetector> d(new ToxicityDetector());
  d->model_ = ModelFolder::Open(folder, &why);
  if (!d->model_) {
    *error = "module " + ctx.module_name + ": " + why;
    return nullptr;
  }
  // The canaries run here too, so a model that loads but computes wrong results never activates.
  if (!d->model_->SelfTest(&why)) {
    *error = "module " + ctx.module_name + ": " + why;
    return nullptr;
  }
  const ModelFolder* m = d->model_.get();
  d->batcher_ = std::make_unique<DynamicBatcher>(
      [m](const std::vector<const std::vector<int64_t>*>& batch, std::vector<std::vector<float>>* scores,
          std::string* err) { return m->ScoreEncoded(batch, scores, err); },
      static_cast<size_t>(max_batch), std::chrono::microseconds(delay_us));
  d->scorer_ = std::make_unique<ToxicityScorer>(m, d->batcher_.get());
  ApiLimits limits;
  limits.max_text_bytes = static_cast<size_t>(max_bytes);
  limits.max_texts = static_cast<size_t>(max_texts);
  d->api_ = std::make_unique<ToxicityApi>(&m->manifest(), d->scorer_.get(), limits);
  d->perspective_ = std::make_unique<PerspectiveApi>(&m->manifest(), d->scorer_.get(), limits);
  ctx.Log(SENTINEL_LOG_INFO, "toxicity model " + m->manifest().name + " loaded from " + folder + " (" +
                                 std::to_string(m->manifest().labels.size()) + " labels, " +
                                 std::to_string(threads) + " intra-op threads)");
  return d;
}

bool ToxicityDetector::SelfTest(std::string* error) {
  // Through the serving path (tokenizer, batcher, model) this time.
  const ModelManifest& manifest = model_->manifest();
  std::vector<std::vector<int64_t>> encoded;
  for (const Canary& c : manifest.canaries) encoded.push_back(model_->Encode(c.text));
  std::vector<std::vector<float>> scores;
  std::string why;
  if (!batcher_->Score(encoded, &scores, &why)) {
    *error = "self-test failed: " + why;
    return false;
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    if (scores[i].size() != manifest.labels.size()) {
      *error = "self-test failed: output shape differs from the label count";
      return false;
    }
    for (size_t k = 0; k < scores[i].size(); ++k) {
      if (!std::isfinite(scores[i][k]) ||
          std::fabs(scores[i][k] - manifest.canaries[i].scores[k]) > manifest.canary_tolerance) {
        *error = model_->folder() + "/manifest.yaml: self-test failed: canary " + std::to_string(i) + " label " +
                 manifest.labels[k] + " is outside the tolerance";
        return false;
      }
    }
  }
  return true;
}

// The host strips "metrics" from what clients see (they get {"status":"ok","model_loaded":true}) and exports
// each number on /metrics as sentinel_plugin_<name>{module="..."}.
std::string ToxicityDetector::Health() {
  return R"({"status":"ok","model_loaded":true,"metrics":{"batches_total":)" + std::to_string(batcher_->batches_run()) +
         R"(,"batched_sequences_total":)" + std::to_string(batcher_->sequences_run()) +
         R"(,"largest_batch":)" + std::to_string(batcher_->largest_batch()) + "}}";
}

std::string ToxicityDetector::Describe() {
  return std::string(R"({"routes":[{"method":"POST","path":")") + kPredictPath +
         R"("},{"method":"POST","path":")" + kPerspectivePath + R"("},{"method":"GET","path":")" + kDiscoveryPath +
         R"("}]})";
}

sentinel_status ToxicityDetector::Analyze(std::string_view request_json, std::string* out, std::string* error) {
  ApiResponse r = api_->Analyze(request_json);
  if (r.http_status == 200) {
    *out = std::move(r.body);
    return SENTINEL_OK;
  }
  const nlohmann::json e = nlohmann::json::parse(r.body, nullptr, false);
  *error = e.is_discarded() ? r.body : e["error"].value("message", r.body);
  if (r.http_status == 413) return SENTINEL_RESOURCE_EXHAUSTED;
  if (r.http_status == 503) return SENTINEL_UNAVAILABLE;
  return SENTINEL_INVALID_ARGUMENT;
}

sentinel_status ToxicityDetector::HandleHttp(const sdk::HttpRequest& request, sdk::HttpResponse* response) {
  ApiResponse r;
  if (request.path == kPredictPath || request.path == kPerspectivePath) {
    if (request.method != "POST") {
      r = ToxicityApi::Error(405, "use POST for " + std::string(request.path));
    } else if (request.path == kPredictPath) {
      r = api_->Predict(request.body);
    } else {
      r = perspective_->Analyze(request.body);
    }
  } else if (request.path == kDiscoveryPath) {
    r = request.method == "GET" ? perspective_->Discovery(request.query, request.host)
                                : ToxicityApi::Error(405, "use GET for " + std::string(request.path));
  } else {
    r = ToxicityApi::Error(404, "no route " + std::string(request.path));
  }
  response->status = r.http_status;
  response->content_type = "application/json";
  response->body = std::move(r.body);
  // The response (error bodies included) is complete, so the host should send it as is.
  return SENTINEL_OK;
}

}  // namespace toxicity
}  // namespace sentinel
