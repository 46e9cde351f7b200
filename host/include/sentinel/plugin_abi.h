/*
 * sentinel/plugin_abi.h -- the plain C SDK every Sentinel detector plugin compiles against.
 *
 * A plugin is a shared object that
 *   1. declares one descriptor with SENTINEL_DECLARE_PLUGIN(name, version, dependencies), which places a
 *      `sentinel_abi_descriptor` in the ELF section "sentinel_abi" so that the host can read and check it
 *      from the file *before* dlopen runs any plugin code, and
 *   2. exports `sentinel_plugin_entry` (extern "C"), returning its function table.
 *
 * Nothing C++ crosses this boundary: strings and buffers are pointer + length, errors are status codes plus
 * a message written into a host-owned buffer, and output is streamed into a host-owned sink, so no allocator
 * crosses either. Every struct starts with (or is described by) an explicit size.
 *
 * VERSIONING POLICY
 *   - SENTINEL_ABI_MAJOR changes when any existing struct changes layout, a field or function changes meaning,
 *     or a function is removed. The host refuses a plugin whose major differs from its own.
 *   - SENTINEL_ABI_MINOR changes when something is *appended*: a new function at the end of
 *     sentinel_detector_api, a new field at the end of an input struct. Tables only grow. A host accepts
 *     plugins whose minor is <= its own and uses each struct's size to know what the plugin has.
 *   - For each (major, minor) the host knows the exact size of every struct below; a plugin whose descriptor
 *     declares other sizes for its version was built against a different header and is refused.
 *   - Descriptor fields are only ever appended too; descriptor_size says how much of it the plugin wrote.
 *   History: 1.0 first release; 1.1 appends sentinel_http_request.host (the Host header).
 */
#ifndef SENTINEL_PLUGIN_ABI_H_
#define SENTINEL_PLUGIN_ABI_H_

#include <stddef.h>
#include <stdint.h>
#ifdef __cplusplus
#include <cstddef> /* defines __GLIBCXX__ / _LIBCPP_VERSION for the runtime identity below */
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define SENTINEL_ABI_MAGIC 0x4C544E53u /* "SNTL" read as little-endian bytes */
#define SENTINEL_ABI_MAJOR 1u
#define SENTINEL_ABI_MINOR 1u
#define SENTINEL_ABI_SECTION "sentinel_abi"
#define SENTINEL_PLUGIN_ENTRY_SYMBOL "sentinel_plugin_entry"

/* Status codes returned by every plugin function. They map onto HTTP in the host. */
typedef int32_t sentinel_status;
#define SENTINEL_OK 0
#define SENTINEL_INVALID_ARGUMENT 1   /* bad request input: 400 */
#define SENTINEL_NOT_FOUND 2          /* unknown route or item: 404 */
#define SENTINEL_FAILED_PRECONDITION 3 /* e.g. model missing or corrupt: activation refused */
#define SENTINEL_UNAVAILABLE 4        /* temporarily unable to serve: 503 */
#define SENTINEL_INTERNAL 5           /* a bug or an unexpected exception inside the plugin: 500 */
#define SENTINEL_RESOURCE_EXHAUSTED 6 /* input too large: 413 */

/* Log levels for sentinel_host_api.log. */
#define SENTINEL_LOG_DEBUG 0
#define SENTINEL_LOG_INFO 1
#define SENTINEL_LOG_WARN 2
#define SENTINEL_LOG_ERROR 3

/* A host-owned, NUL-terminated message buffer the plugin writes an error into (truncating if needed). */
typedef struct sentinel_error {
  uint32_t struct_size;
  uint32_t capacity; /* bytes available at `message`, including the terminating NUL */
  char* message;
} sentinel_error;

/* A host-owned output stream. The plugin may call write() any number of times; the host copies the bytes. */
typedef struct sentinel_sink {
  uint32_t struct_size;
  uint32_t reserved;
  void* context;
  void (*write)(void* context, const char* data, size_t size);
} sentinel_sink;

/* Services the host offers to a plugin instance. Valid until the instance is deactivated. */
typedef struct sentinel_host_api {
  uint32_t struct_size;
  uint32_t reserved;
  void* context;
  /* One event per call. Never pass analyzed text here: the host logs what it gets. */
  void (*log)(void* context, int32_t level, const char* message, size_t size);
} sentinel_host_api;

/* What a plugin receives when its module is activated. */
typedef struct sentinel_activate_args {
  uint32_t struct_size;
  uint32_t worker_threads; /* threads the plugin may use for compute (e.g. LibTorch intra-op) */
  const char* module_name;
  size_t module_name_size;
  const char* settings_json; /* the module YAML's `settings:` mapping, as a JSON object */
  size_t settings_json_size;
  const char* config_dir; /* folder of the module YAML: relative paths in settings resolve from here */
  size_t config_dir_size;
  const char* models_dir; /* the host's configured models folder */
  size_t models_dir_size;
  const sentinel_host_api* host;
} sentinel_activate_args;

/* An HTTP request routed to a plugin (a route the plugin listed in describe()). */
typedef struct sentinel_http_request {
  uint32_t struct_size;
  uint32_t reserved;
  const char* method; /* "GET", "POST", ... */
  size_t method_size;
  const char* path; /* full request path without the query, e.g. "/presidio/analyze" */
  size_t path_size;
  const char* query; /* after '?', may be empty */
  size_t query_size;
  const char* body;
  size_t body_size;
  /* ABI 1.1: the request's Host header as the client sent it (e.g. "127.0.0.1:8080"), may be empty; for
     plugins that answer with links back to the server. Read it only when struct_size covers it
     (SENTINEL_HTTP_REQUEST_HAS_HOST). */
  const char* host;
  size_t host_size;
} sentinel_http_request;

#define SENTINEL_HTTP_REQUEST_HAS_HOST(request) \
  ((request)->struct_size >= offsetof(sentinel_http_request, host_size) + sizeof(size_t))

/* The plugin fills status and content_type and writes the body into `body`. */
typedef struct sentinel_http_response {
  uint32_t struct_size;
  int32_t http_status;   /* defaults to 200 */
  char content_type[64]; /* defaults to "application/json" when left empty */
  sentinel_sink body;
} sentinel_http_response;

/*
 * The function table a plugin returns from sentinel_plugin_entry. Every function is called with an instance
 * returned by activate(), may be called from several host threads at once (the plugin synchronizes what it
 * must), and must not let a C++ exception escape.
 */
typedef struct sentinel_detector_api {
  uint32_t struct_size;
  uint32_t reserved;
  /* Verifies and loads everything the module needs (settings, model files and checksums). */
  sentinel_status (*activate)(const sentinel_activate_args* args, void** instance, sentinel_error* error);
  /* Runs canary inputs through the loaded module; called once after activate, before the module is active. */
  sentinel_status (*self_test)(void* instance, sentinel_error* error);
  /* Releases an instance. Called once no request uses it any more. */
  void (*deactivate)(void* instance);
  /* Writes the module's own health JSON, e.g. {"status":"ok","activated":true}. */
  sentinel_status (*health)(void* instance, sentinel_sink* out, sentinel_error* error);
  /* Writes a JSON object describing the module: {"routes":[{"method":"POST","path":"/x/y"}], ...}. */
  sentinel_status (*describe)(void* instance, sentinel_sink* out, sentinel_error* error);
  /* Native analysis for POST /v1/analyze: input {"text": "..."} (plus module options), output a JSON value. */
  sentinel_status (*analyze)(void* instance, const char* request_json, size_t request_size, sentinel_sink* out,
                             sentinel_error* error);
  /* Serves one of the plugin's own routes. */
  sentinel_status (*handle_http)(void* instance, const sentinel_http_request* request,
                                 sentinel_http_response* response);
} sentinel_detector_api;

/* The exported entry point: returns the plugin's static function table, or NULL if it cannot serve this host. */
typedef const sentinel_detector_api* (*sentinel_plugin_entry_fn)(uint32_t host_abi_major, uint32_t host_abi_minor);

/*
 * The descriptor, read by the host from the file. The first four fields never move.
 * Strings are NUL-terminated within their fixed arrays.
 */
typedef struct sentinel_abi_descriptor {
  uint32_t magic;           /* SENTINEL_ABI_MAGIC */
  uint32_t abi_major;       /* SENTINEL_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor;       /* SENTINEL_ABI_MINOR the plugin was built with */
  uint32_t descriptor_size; /* sizeof(sentinel_abi_descriptor) in the plugin's header */
  /* sizes of every struct that crosses the boundary, as the plugin saw them */
  uint32_t size_detector_api;
  uint32_t size_host_api;
  uint32_t size_activate_args;
  uint32_t size_http_request;
  uint32_t size_http_response;
  uint32_t size_error;
  uint32_t size_sink;
  uint32_t pointer_size; /* sizeof(void*) */
  char plugin_name[32];
  char plugin_version[32];
  char entry_symbol[48];  /* SENTINEL_PLUGIN_ENTRY_SYMBOL */
  char compiler[64];      /* e.g. "gcc 12.2.0" */
  char cxx_runtime[48];   /* e.g. "libstdc++ 20230528 cxx11-abi" */
  char dependencies[128]; /* heavy runtime dependencies it was built against, e.g. "libtorch 1.13.1" */
} sentinel_abi_descriptor;

#if defined(__clang__)
#define SENTINEL_COMPILER_ID_ "clang " __clang_version__
#elif defined(__GNUC__)
#define SENTINEL_COMPILER_ID_ "gcc " __VERSION__
#else
#define SENTINEL_COMPILER_ID_ "unknown"
#endif

#define SENTINEL_STR2_(x) #x
#define SENTINEL_STR_(x) SENTINEL_STR2_(x)
#if defined(__GLIBCXX__)
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define SENTINEL_CXX_RUNTIME_ID_ "libstdc++ " SENTINEL_STR_(__GLIBCXX__) " cxx11-abi"
#else
#define SENTINEL_CXX_RUNTIME_ID_ "libstdc++ " SENTINEL_STR_(__GLIBCXX__) " old-abi"
#endif
#elif defined(_LIBCPP_VERSION)
#define SENTINEL_CXX_RUNTIME_ID_ "libc++ " SENTINEL_STR_(_LIBCPP_VERSION)
#else
#define SENTINEL_CXX_RUNTIME_ID_ "none"
#endif

#ifdef __cplusplus
#define SENTINEL_EXTERN_C_ extern "C"
#else
#define SENTINEL_EXTERN_C_
#endif

/*
 * Declares the plugin's descriptor. Use once per plugin, at file scope:
 *   SENTINEL_DECLARE_PLUGIN("presidio", "0.3.0", "libre2 2022-06-01");
 */
#define SENTINEL_DECLARE_PLUGIN(name, version, dependencies)                                              \
  SENTINEL_EXTERN_C_ __attribute__((used, section(SENTINEL_ABI_SECTION), visibility("default")))          \
  const sentinel_abi_descriptor sentinel_abi_descriptor_v1 = {                                            \
      SENTINEL_ABI_MAGIC,                                                                                 \
      SENTINEL_ABI_MAJOR,                                                                                 \
      SENTINEL_ABI_MINOR,                                                                                 \
      (uint32_t)sizeof(sentinel_abi_descriptor),                                                          \
      (uint32_t)sizeof(sentinel_detector_api),                                                            \
      (uint32_t)sizeof(sentinel_host_api),                                                                \
      (uint32_t)sizeof(sentinel_activate_args),                                                           \
      (uint32_t)sizeof(sentinel_http_request),                                                            \
      (uint32_t)sizeof(sentinel_http_response),                                                           \
      (uint32_t)sizeof(sentinel_error),                                                                   \
      (uint32_t)sizeof(sentinel_sink),                                                                    \
      (uint32_t)sizeof(void*),                                                                            \
      name,                                                                                               \
      version,                                                                                            \
      SENTINEL_PLUGIN_ENTRY_SYMBOL,                                                                       \
      SENTINEL_COMPILER_ID_,                                                                              \
      SENTINEL_CXX_RUNTIME_ID_,                                                                           \
      dependencies}

/* Helpers for plugin code (header-only, no allocation). */
static inline void sentinel_error_set(sentinel_error* error, const char* message, size_t size) {
  if (error == NULL || error->message == NULL || error->capacity == 0) return;
  if (size >= error->capacity) size = error->capacity - 1;
  for (size_t i = 0; i < size; ++i) error->message[i] = message[i];
  error->message[size] = '\0';
}

static inline void sentinel_sink_write(sentinel_sink* sink, const char* data, size_t size) {
  if (sink != NULL && sink->write != NULL) sink->write(sink->context, data, size);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SENTINEL_PLUGIN_ABI_H_ */
