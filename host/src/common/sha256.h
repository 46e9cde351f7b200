// SHA-256 of a file, as lower-case hex (OpenSSL EVP). Used to pin plugin files.
#ifndef SENTINEL_HOST_COMMON_SHA256_H_
#define SENTINEL_HOST_COMMON_SHA256_H_

#include <string>

#include "common/status.h"

namespace sentinel {

Status Sha256File(const std::string& path, std::string* hex);

}  // namespace sentinel

#endif  // SENTINEL_HOST_COMMON_SHA256_H_
