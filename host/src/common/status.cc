#include "common/status.h"

namespace sentinel {

const char* Status::CodeName() const {
  switch (code_) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kUnauthenticated: return "unauthorized";
    case StatusCode::kPermissionDenied: return "forbidden";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kFailedPrecondition: return "conflict";
    case StatusCode::kPayloadTooLarge: return "payload_too_large";
    case StatusCode::kUnprocessable: return "unprocessable";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kResourceExhausted: return "too_many_requests";
  }
  return "unknown";
}

int Status::HttpStatus() const {
  switch (code_) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kPayloadTooLarge: return 413;
    case StatusCode::kUnprocessable: return 422;
    case StatusCode::kInternal: return 500;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kResourceExhausted: return 429;
  }
  return 500;
}

}  // namespace sentinel
