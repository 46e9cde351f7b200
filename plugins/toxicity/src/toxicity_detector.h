// toxicity_detector.h -- the plugin's detector object (see plugin_cpp.h): reads the module settings, opens
// and verifies the model folder, runs the self-test, owns the batcher, and routes the HTTP APIs:
//   POST /toxicity/predict            Detoxify (api_json.h)
//   POST /v1alpha1/comments:analyze   Perspective (perspective_api.h)
//   GET  /$discovery/rest             Perspective's discovery document (?version=v1alpha1)
//
// Module settings (the module YAML's `settings:`):
//   model               folder name or path; relative paths resolve against the host's models folder
//   intra_op_threads    LibTorch intra-op threads (default: the host's plugin_threads, 1 in the shipped config)
//   max_batch_size      dynamic batching: most sequences per forward pass (default 32)
//   max_queue_delay_us  dynamic batching: longest wait for a batch to fill (default 1000)
//   max_text_bytes      largest accepted text (default 102400)
//   max_texts           most texts in one /toxicity/predict list (default 256)
#ifndef SENTINEL_TOXICITY_TOXICITY_DETECTOR_H_
#define SENTINEL_TOXICITY_TOXICITY_DETECTOR_H_

#include <memory>
#include <string>

#include "api_json.h"
#include "dynamic_batcher.h"
#include "model_folder.h"
#include "perspective_api.h"
#include "sentinel/plugin_cpp.h"
#include "toxicity_scorer.h"

namespace sentinel {
namespace toxicity {

class ToxicityDetector {
 public:
  static std::unique_ptr<ToxicityDetector> Create(const sdk::ActivateContext& ctx, std::string* error);

  bool SelfTest(std::string* error);
  std::string Health();
  std::string Describe();
  sentinel_status Analyze(std::string_view request_json, std::string* out, std::string* error);
  sentinel_status HandleHttp(const sdk::HttpRequest& request, sdk::HttpResponse* response);

 private:
  ToxicityDetector() = default;

  std::unique_ptr<ModelFolder> model_;
  std::unique_ptr<DynamicBatcher> batcher_;
  std::unique_ptr<ToxicityScorer> scorer_;
  std::unique_ptr<ToxicityApi> api_;
  std::unique_ptr<PerspectiveApi> perspective_;
};

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_TOXICITY_DETECTOR_H_
