// Deliberately broken plugins for the ABI test matrix. One source, one variant per BROKEN_* definition.
// Each variant is a real shared object that the host must refuse with a precise stage and message.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "sentinel/plugin_abi.h"

#define EXPORT __attribute__((visibility("default")))

#ifndef PLUGIN_NAME
#define PLUGIN_NAME "broken"
#endif

#if defined(BROKEN_BAD_UTF8_NAME)
// One byte that is never valid UTF-8 (0xFF) inside the name; everything else about the descriptor is right.
#undef PLUGIN_NAME
#define PLUGIN_NAME "test_bad_utf8\xff" "name"
#endif

// The descriptor, with one field wrong per variant.
#if !defined(BROKEN_NO_SECTION)
extern "C" __attribute__((used, section(SENTINEL_ABI_SECTION), visibility("default")))
const sentinel_abi_descriptor sentinel_abi_descriptor_v1 = {
#if defined(BROKEN_BAD_MAGIC)
    0xDEADBEEFu,
#else
    SENTINEL_ABI_MAGIC,
#endif
#if defined(BROKEN_WRONG_MAJOR)
    SENTINEL_ABI_MAJOR + 1,
#else
    SENTINEL_ABI_MAJOR,
#endif
#if defined(BROKEN_NEWER_MINOR)
    SENTINEL_ABI_MINOR + 5,
#else
    SENTINEL_ABI_MINOR,
#endif
    (uint32_t)sizeof(sentinel_abi_descriptor),
#if defined(BROKEN_WRONG_SIZE)
    (uint32_t)sizeof(sentinel_detector_api) - 8,
#else
    (uint32_t)sizeof(sentinel_detector_api),
#endif
    (uint32_t)sizeof(sentinel_host_api),
    (uint32_t)sizeof(sentinel_activate_args),
    (uint32_t)sizeof(sentinel_http_request),
    (uint32_t)sizeof(sentinel_http_response),
    (uint32_t)sizeof(sentinel_error),
    (uint32_t)sizeof(sentinel_sink),
    (uint32_t)sizeof(void*),
    PLUGIN_NAME,
    "0.0.1",
    SENTINEL_PLUGIN_ENTRY_SYMBOL,
    SENTINEL_COMPILER_ID_,
    SENTINEL_CXX_RUNTIME_ID_,
    ""};
#endif

#if defined(BROKEN_SEGV_INIT)
// A static initializer that crashes: runs inside dlopen, before any entry point.
namespace {
struct CrashOnLoad {
  CrashOnLoad() {
    // The address comes from a volatile so the compiler cannot prove it null and drop the store.
    volatile std::uintptr_t address = 0;
    *reinterpret_cast<volatile int*>(address) = 42;
  }
} crash_on_load;
}  // namespace
#endif

#if defined(BROKEN_MISSING_DEP)
extern "C" int sentinel_test_dependency_value();
#endif

namespace {

void SetError(sentinel_error* error, const char* text) { sentinel_error_set(error, text, std::strlen(text)); }

sentinel_status Activate(const sentinel_activate_args*, void** instance, sentinel_error* error) {
#if defined(BROKEN_ACTIVATE_FAILS)
  SetError(error, "model file /nonexistent/model.pt is missing");
  return SENTINEL_FAILED_PRECONDITION;
#elif defined(BROKEN_ACTIVATE_THROWS)
  (void)error;
  throw std::runtime_error("activate threw on purpose");
#elif defined(BROKEN_ACTIVATE_ABORTS)
  // Only ever run under isolation: process: the worker dies in the middle of its activation.
  (void)instance;
  (void)error;
  std::abort();
#else
#if defined(BROKEN_MISSING_DEP)
  if (sentinel_test_dependency_value() != 7) return SENTINEL_INTERNAL;
#endif
  static int token = 1;
  *instance = &token;
  (void)error;
  return SENTINEL_OK;
#endif
}

sentinel_status SelfTest(void*, sentinel_error* error) {
#if defined(BROKEN_SELF_TEST_FAILS)
  SetError(error, "canary output out of tolerance: expected 0.91, got 0.12");
  return SENTINEL_FAILED_PRECONDITION;
#else
  (void)error;
  return SENTINEL_OK;
#endif
}

void Deactivate(void*) {}

sentinel_status Health(void*, sentinel_sink* out, sentinel_error*) {
  const char* body = "{\"status\":\"ok\"}";
  sentinel_sink_write(out, body, std::strlen(body));
  return SENTINEL_OK;
}

sentinel_status Describe(void*, sentinel_sink* out, sentinel_error*) {
  const char* body = "{\"routes\":[]}";
  sentinel_sink_write(out, body, std::strlen(body));
  return SENTINEL_OK;
}

sentinel_status Analyze(void*, const char*, size_t, sentinel_sink* out, sentinel_error*) {
  const char* body = "{}";
  sentinel_sink_write(out, body, std::strlen(body));
  return SENTINEL_OK;
}

sentinel_status HandleHttp(void*, const sentinel_http_request*, sentinel_http_response* response) {
  response->http_status = 404;
  return SENTINEL_OK;
}

const sentinel_detector_api kApi = {sizeof(sentinel_detector_api), 0, Activate, SelfTest, Deactivate, Health,
                                    Describe, Analyze, HandleHttp};

}  // namespace

#if !defined(BROKEN_NO_ENTRY)
extern "C" EXPORT const sentinel_detector_api* sentinel_plugin_entry(uint32_t, uint32_t) { return &kApi; }
#endif
