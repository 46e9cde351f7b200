// perspective_discovery.h -- the Google API discovery document (discovery#restDescription) of the
// commentanalyzer v1alpha1 API as this module serves it: comments.analyze only, the request and response
// schemas Perspective documents, and the standard query parameters (accepted, ignored). Google's client
// libraries build their client from it (googleapis' discoverAPI, Python's discovery.build), so `rootUrl` must
// be this server as the client reached it.
#ifndef SENTINEL_TOXICITY_PERSPECTIVE_DISCOVERY_H_
#define SENTINEL_TOXICITY_PERSPECTIVE_DISCOVERY_H_

#include <string>
#include <vector>

namespace sentinel {
namespace toxicity {

// The document as JSON. `root_url` ends with '/'; `attributes` and `languages` are what the model scores.
std::string PerspectiveDiscoveryDocument(const std::string& root_url, const std::vector<std::string>& attributes,
                                         const std::vector<std::string>& languages);

}  // namespace toxicity
}  // namespace sentinel

#endif  // SENTINEL_TOXICITY_PERSPECTIVE_DISCOVERY_H_
