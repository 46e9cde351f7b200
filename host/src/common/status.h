// Status: the error value passed between host components instead of exceptions (LevelDB/Abseil style).
// A Status is either OK or carries a code and a human-readable message. Codes map onto HTTP statuses.
#ifndef SENTINEL_HOST_COMMON_STATUS_H_
#define SENTINEL_HOST_COMMON_STATUS_H_

#include <string>
#include <utility>

namespace sentinel {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // 400: the caller's input is wrong
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kNotFound,            // 404
  kFailedPrecondition,  // 409: e.g. the module is not active
  kPayloadTooLarge,     // 413
  kUnprocessable,       // 422: well-formed but refused (e.g. plugin failed to activate)
  kInternal,            // 500
  kUnavailable,         // 503
  kResourceExhausted,   // 429: a bounded queue is full; retry later
};

// [[nodiscard]]: a dropped Status is a dropped error. Handle it, or ignore it visibly with a (void) cast and a
// comment saying why that is safe.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(StatusCode::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
  static Status FailedPrecondition(std::string m) { return Status(StatusCode::kFailedPrecondition, std::move(m)); }
  static Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }
  static Status Unavailable(std::string m) { return Status(StatusCode::kUnavailable, std::move(m)); }
  static Status PermissionDenied(std::string m) { return Status(StatusCode::kPermissionDenied, std::move(m)); }
  static Status Unauthenticated(std::string m) { return Status(StatusCode::kUnauthenticated, std::move(m)); }
  static Status Unprocessable(std::string m) { return Status(StatusCode::kUnprocessable, std::move(m)); }
  static Status PayloadTooLarge(std::string m) { return Status(StatusCode::kPayloadTooLarge, std::move(m)); }
  static Status ResourceExhausted(std::string m) { return Status(StatusCode::kResourceExhausted, std::move(m)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Short machine-readable name, used as "code" in JSON error bodies.
  const char* CodeName() const;
  // The HTTP status this error maps to.
  int HttpStatus() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace sentinel

#endif  // SENTINEL_HOST_COMMON_STATUS_H_
