// InProcessDetector: a Detector whose plugin runs inside the daemon (isolation: in_process), called directly
// through the C function table. The fastest option; a crash in the plugin is a crash of the daemon.
#ifndef SENTINEL_HOST_MODULE_IN_PROCESS_DETECTOR_H_
#define SENTINEL_HOST_MODULE_IN_PROCESS_DETECTOR_H_

#include <memory>
#include <string>

#include "module/detector.h"
#include "plugin/plugin_library.h"

namespace sentinel {

struct ActivationRequest {
  std::string module_name;
  std::string settings_json;
  std::string config_dir;
  std::string models_dir;
  unsigned plugin_threads = 1;
};

class InProcessDetector : public Detector {
 public:
  // Calls the plugin's activate(); its error message is returned as is.
  static Status Create(std::shared_ptr<PluginLibrary> library, const ActivationRequest& request,
                       std::unique_ptr<InProcessDetector>* out);
  ~InProcessDetector() override;

  Status SelfTest() override;
  Status Describe(std::string* json) override;

  Status Analyze(std::string_view request_json, std::string* result_json) override;
  Status HandleHttp(const PluginHttpRequest& request, PluginHttpResponse* response) override;
  Status Health(std::string* json) override;

 private:
  InProcessDetector(std::shared_ptr<PluginLibrary> library, std::string module_name);

  std::shared_ptr<PluginLibrary> library_;
  const sentinel_detector_api* api_;
  std::string module_name_;
  sentinel_host_api host_api_;
  void* instance_ = nullptr;
};

// Maps a plugin status code to a host Status.
Status FromPluginStatus(sentinel_status code, std::string message);

}  // namespace sentinel

#endif  // SENTINEL_HOST_MODULE_IN_PROCESS_DETECTOR_H_
