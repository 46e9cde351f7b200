// The web UI's static files, embedded into the binary at build time from host/ui/ (see cmake/EmbedFiles.cmake),
// so the daemon serves its page offline with no files beside it.
#ifndef SENTINEL_HOST_HTTP_UI_ASSETS_H_
#define SENTINEL_HOST_HTTP_UI_ASSETS_H_

#include <string_view>

namespace sentinel {

struct UiAsset {
  std::string_view path;          // e.g. "index.html"
  std::string_view content_type;
  std::string_view body;
};

// Returns null when no embedded file has this name.
const UiAsset* FindUiAsset(std::string_view path);

}  // namespace sentinel

#endif  // SENTINEL_HOST_HTTP_UI_ASSETS_H_
