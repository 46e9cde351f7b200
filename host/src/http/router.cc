#include "http/router.h"

#include <boost/asio/post.hpp>

#include "common/json_text.h"
#include "common/log.h"
#include "http/json_body.h"
#include "http/openapi.h"
#include "http/ui_assets.h"

namespace sentinel {
namespace {

using ojson = nlohmann::ordered_json;

HttpResponse JsonResponse(http::status status, const ojson& body, unsigned version, bool keep_alive) {
  HttpResponse res{status, version};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(keep_alive);
  res.body() = JsonText(body);
  res.prepare_payload();
  return res;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Runs over the longer input whatever the contents, so timing says nothing about where they differ.
  size_t n = std::max(a.size(), b.size());
  unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The method as a metrics label: one of Beast's known verbs, never a client-chosen token.
std::string MethodLabel(http::verb method) {
  return method == http::verb::unknown ? "other" : std::string(http::to_string(method));
}

bool MethodListed(const std::string& allowed, std::string_view method) {
  size_t pos = 0;
  while (pos <= allowed.size()) {
    size_t comma = allowed.find(", ", pos);
    std::string_view item(allowed.data() + pos, (comma == std::string::npos ? allowed.size() : comma) - pos);
    if (item == method) return true;
    if (comma == std::string::npos) break;
    pos = comma + 2;
  }
  return false;
}

constexpr std::string_view kStreamPath = "/v1/redact/stream";

}  // namespace

// What a request is counted under in the metrics: bounded values only.
struct Router::RequestLabels {
  std::string route = "unmatched";
  std::string method;
  std::string module;
};

struct Router::Context {
  HttpRequest request;
  Responder respond;
  std::string path;
  std::string query;

  void Reply(http::status status, const ojson& body) {
    respond(JsonResponse(status, body, request.version(), request.keep_alive()));
  }
  void Fail(const Status& s) { respond(Router::ErrorResponse(s, request.version(), request.keep_alive())); }
};

Router::Router(ModuleRegistry* registry, boost::asio::thread_pool* workers, ReloadFunction reload)
    : registry_(registry), workers_(workers), reload_(std::move(reload)) {
  metrics_.SetAdmission(&admission_);
}

void Router::SetOptions(const RouterOptions& options) {
  admission_.SetLimit(options.max_queue_per_module);
  std::lock_guard<std::mutex> lock(options_mu_);
  options_ = options;
}

RouterOptions Router::options() const {
  std::lock_guard<std::mutex> lock(options_mu_);
  return options_;
}

HttpResponse Router::ErrorResponse(const Status& status, unsigned version, bool keep_alive) {
  ojson body = {{"error", {{"code", status.CodeName()}, {"message", status.message()}}}};
  HttpResponse res = JsonResponse(static_cast<http::status>(status.HttpStatus()), body, version, keep_alive);
  if (status.code() == StatusCode::kUnauthenticated) res.set(http::field::www_authenticate, "Bearer");
  if (status.code() == StatusCode::kResourceExhausted) res.set(http::field::retry_after, "1");
  return res;
}

Status Router::CheckToken(const http::request_header<>& request) const {
  RouterOptions opts = options();
  if (opts.admin_token.empty()) return Status::OK();
  auto it = request.find(http::field::authorization);
  if (it == request.end()) {
    return Status::Unauthenticated("this route needs Authorization: Bearer <token> (see auth.admin_token_file)");
  }
  std::string_view value(it->value().data(), it->value().size());
  const std::string_view scheme = "Bearer ";
  if (value.size() < scheme.size() || value.substr(0, scheme.size()) != scheme) {
    return Status::Unauthenticated("Authorization header must use the Bearer scheme");
  }
  if (!ConstantTimeEquals(value.substr(scheme.size()), opts.admin_token)) {
    return Status::PermissionDenied("the bearer token is not valid for this daemon");
  }
  return Status::OK();
}

void Router::Handle(HttpRequest&& request, Responder respond) {
  auto ctx = std::make_shared<Context>();
  std::string target(request.target());
  size_t q = target.find('?');
  ctx->path = target.substr(0, q);
  ctx->query = q == std::string::npos ? std::string() : target.substr(q + 1);
  auto labels = std::make_shared<RequestLabels>();
  labels->method = MethodLabel(request.method());
  if (const char* route = FindHostRouteTemplate(ctx->path, nullptr)) {
    labels->route = route;
  } else if (auto module = registry_->FindRoute(std::string(request.method_string()), ctx->path)) {
    labels->route = ctx->path;  // a path the plugin declared
    labels->module = module->name();
  } else if (registry_->KnowsPath(ctx->path)) {
    labels->route = ctx->path;
  }
  ctx->request = std::move(request);
  metrics_.RequestStarted();
  ctx->respond = [this, labels, start = std::chrono::steady_clock::now(),
                  respond = std::move(respond)](HttpResponse&& res) {
    metrics_.RequestFinished(labels->route, labels->method, labels->module, res.result_int(), SecondsSince(start));
    respond(std::move(res));
  };
  Dispatch(ctx);
}

void Router::Dispatch(const std::shared_ptr<Context>& ctx) {
  const auto method = ctx->request.method();
  const std::string& path = ctx->path;

  std::string allowed;
  const auto method_name = ctx->request.method_string();
  const char* host_route = FindHostRouteTemplate(path, &allowed);
  if (host_route && !MethodListed(allowed, std::string_view(method_name.data(), method_name.size()))) {
    return MethodNotAllowed(ctx, allowed);
  }
  if (!host_route && path.rfind("/v1/", 0) == 0) {
    // The host owns /v1/; what its route table does not list does not exist (GET /openapi.json lists it).
    return ctx->Fail(Status::NotFound("no route for " + std::string(method_name) + " " + path));
  }
  if (path == "/metrics") {
    boost::asio::post(*control(), [this, ctx] {
      HttpResponse res{http::status::ok, ctx->request.version()};
      res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      res.set(http::field::cache_control, "no-store");
      res.keep_alive(ctx->request.keep_alive());
      res.body() = metrics_.Render(*registry_);
      res.prepare_payload();
      ctx->respond(std::move(res));
    });
    return;
  }
  if (path == "/openapi.json") return ctx->Reply(http::status::ok, BuildOpenApiDocument(*registry_, SENTINEL_VERSION));
  if (path == "/health") {
    if (method != http::verb::get && method != http::verb::head) return ctx->Fail(Status(StatusCode::kInvalidArgument, "use GET /health"));
    return ctx->Reply(http::status::ok, {{"status", "ok"}});
  }
  if (path == "/ready") {
    ojson not_active = ojson::array();
    for (const auto& m : registry_->List()) {
      ModuleConfig c = m->config();
      if (c.enabled && m->state() != ModuleState::kActive) {
        not_active.push_back({{"name", c.name}, {"state", ModuleStateName(m->state())}});
      }
    }
    if (not_active.empty()) return ctx->Reply(http::status::ok, {{"status", "ready"}});
    std::string names;
    for (const auto& m : not_active) names += (names.empty() ? "" : ", ") + m["name"].get<std::string>() + " (" + m["state"].get<std::string>() + ")";
    return ctx->Reply(http::status::service_unavailable,
                      {{"error", {{"code", "unavailable"}, {"message", "enabled modules not active: " + names}}},
                       {"not_active", not_active}});
  }
  if (path == "/v1/modules") {
    if (method != http::verb::get) return ctx->Fail(Status::InvalidArgument("use GET /v1/modules"));
    ojson list = ojson::array();
    for (const auto& m : registry_->List()) list.push_back(m->ToJson());
    return ctx->Reply(http::status::ok, {{"modules", list}});
  }
  if (path.rfind("/v1/modules/", 0) == 0) return HandleModuleRoute(ctx, path.substr(strlen("/v1/modules/")));
  if (path == "/v1/analyze") {
    if (method != http::verb::post) return ctx->Fail(Status::InvalidArgument("use POST /v1/analyze"));
    if (options().protect_analysis) {
      Status s = CheckToken(ctx->request);
      if (!s.ok()) return ctx->Fail(s);
    }
    return HandleAnalyze(ctx);
  }
  if (path == "/v1/checks" || path == "/v1/guardrail/checks") {
    if (options().protect_analysis) {
      Status s = CheckToken(ctx->request);
      if (!s.ok()) return ctx->Fail(s);
    }
    return HandleCheck(ctx, path == "/v1/checks" ? CheckShape::kNemo : CheckShape::kGateway);
  }
  if (path == kStreamPath) {
    // Served by RedactStreamSession from the header on; a request that reaches the router was not streamed.
    return ctx->Fail(Status::Internal("the streaming route is served by the connection, not the router"));
  }
  if (path == "/v1/reload") {
    if (method != http::verb::post) return ctx->Fail(Status::InvalidArgument("use POST /v1/reload"));
    Status s = CheckToken(ctx->request);
    if (!s.ok()) return ctx->Fail(s);
    boost::asio::post(*control(), [this, ctx] {
      ojson report;
      Status s = reload_(&report);
      if (!s.ok()) return ctx->Fail(s);
      ctx->Reply(http::status::ok, report);
    });
    return;
  }
  if (method == http::verb::get && (path == "/" || path == "/index.html" || path.rfind("/ui/", 0) == 0)) {
    std::string name = path == "/" ? "index.html" : path.substr(path.rfind('/') + 1);
    if (const UiAsset* asset = FindUiAsset(name)) {
      HttpResponse res{http::status::ok, ctx->request.version()};
      res.set(http::field::content_type, std::string(asset->content_type));
      res.set(http::field::cache_control, "no-cache");
      res.set("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'");
      res.keep_alive(ctx->request.keep_alive());
      res.body() = std::string(asset->body);
      res.prepare_payload();
      return ctx->respond(std::move(res));
    }
  }
  if (auto module = registry_->FindRoute(std::string(ctx->request.method_string()), path)) {
    if (options().protect_analysis) {
      Status s = CheckToken(ctx->request);
      if (!s.ok()) return ctx->Fail(s);
    }
    return HandlePluginRoute(ctx, module);
  }
  if (registry_->KnowsPath(path)) {
    for (const auto& module : registry_->List()) {
      for (const auto& r : module->routes()) {
        if (r.path == path && !MethodListed(allowed, r.method)) allowed += (allowed.empty() ? "" : ", ") + r.method;
      }
    }
    return MethodNotAllowed(ctx, allowed);
  }
  ctx->Fail(Status::NotFound("no route for " + std::string(ctx->request.method_string()) + " " + path +
                             " (a module serving it may be inactive)"));
}

void Router::MethodNotAllowed(const std::shared_ptr<Context>& ctx, const std::string& allowed) {
  ojson body = {{"error",
                 {{"code", "method_not_allowed"},
                  {"message", "method " + std::string(ctx->request.method_string()) + " is not allowed on " +
                                  ctx->path + " (allowed: " + allowed + ")"}}}};
  HttpResponse res = JsonResponse(http::status::method_not_allowed, body, ctx->request.version(),
                                  ctx->request.keep_alive());
  res.set(http::field::allow, allowed);
  ctx->respond(std::move(res));
}

void Router::HandleModuleRoute(const std::shared_ptr<Context>& ctx, const std::string& rest) {
  size_t slash = rest.find('/');
  std::string name = rest.substr(0, slash);
  std::string action = slash == std::string::npos ? "" : rest.substr(slash + 1);
  std::shared_ptr<Module> module = registry_->Find(name);
  if (!module) return ctx->Fail(Status::NotFound("unknown module '" + name + "'"));
  const auto method = ctx->request.method();
  if (action.empty()) {
    if (method != http::verb::get) return ctx->Fail(Status::InvalidArgument("use GET /v1/modules/" + name));
    return ctx->Reply(http::status::ok, module->ToJson());
  }
  if (action == "health") {
    if (method != http::verb::get) return ctx->Fail(Status::InvalidArgument("use GET on the health route"));
    std::shared_ptr<Detector> detector = module->detector();
    if (!detector) {
      ojson body = {{"status", "unavailable"}, {"state", ModuleStateName(module->state())}};
      ojson j = module->ToJson();
      body["error"] = j["error"];
      return ctx->Reply(http::status::service_unavailable, body);
    }
    boost::asio::post(*control(), [this, ctx, detector, name] {
      std::string json;
      auto start = std::chrono::steady_clock::now();
      Status s = detector->Health(&json);
      metrics_.ModuleCall(name, "health", s.ok(), SecondsSince(start));
      if (!s.ok()) return ctx->Fail(Status::Unavailable(s.message()));
      // "metrics" is for /metrics; clients get the module's health in the shape they expect.
      ojson doc = ojson::parse(json, nullptr, false);
      if (doc.is_object() && doc.contains("metrics")) {
        doc.erase("metrics");
        json = JsonText(doc);
      }
      HttpResponse res{http::status::ok, ctx->request.version()};
      res.set(http::field::content_type, "application/json");
      res.keep_alive(ctx->request.keep_alive());
      res.body() = std::move(json);
      res.prepare_payload();
      ctx->respond(std::move(res));
    });
    return;
  }
  if (action == "activate" || action == "deactivate") {
    if (method != http::verb::post) return ctx->Fail(Status::InvalidArgument("use POST to " + action));
    Status s = CheckToken(ctx->request);
    if (!s.ok()) return ctx->Fail(s);
    ModuleRegistry* registry = registry_;
    boost::asio::post(*control(), [this, ctx, module, action, registry] {
      Status s = action == "activate" ? module->Activate(registry->env()) : module->Deactivate();
      if (!s.ok() && action == "activate" && module->state() == ModuleState::kFailed) {
        ojson j = module->ToJson();
        metrics_.LoadFailure(module->name(), j["error"].is_object() ? j["error"].value("stage", "other") : "other",
                             s.message());
      }
      if (!s.ok()) {
        ojson body = {{"error", {{"code", s.CodeName()}, {"message", s.message()}}}, {"module", module->ToJson()}};
        return ctx->Reply(static_cast<http::status>(s.HttpStatus()), body);
      }
      ctx->Reply(http::status::ok, module->ToJson());
    });
    return;
  }
  ctx->Fail(Status::NotFound("unknown module action '" + action + "'"));
}

void Router::HandleAnalyze(const std::shared_ptr<Context>& ctx) {
  nlohmann::json body;
  Status s = ParseJsonBody(ctx->request.body(), &body);
  if (!s.ok()) return ctx->Fail(s);
  if (!body.is_object()) return ctx->Fail(Status::InvalidArgument("request body must be a JSON object"));
  if (!body.contains("text")) return ctx->Fail(Status::InvalidArgument("missing required field 'text'"));
  if (!body["text"].is_string()) return ctx->Fail(Status::InvalidArgument("field 'text' must be a string"));
  const size_t text_size = body["text"].get_ref<const std::string&>().size();
  if (text_size > options().max_text_bytes) {
    return ctx->Fail(Status::PayloadTooLarge("text is " + std::to_string(text_size) + " bytes; the limit is " +
                                             std::to_string(options().max_text_bytes)));
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "text" && key != "modules" && key != "options") {
      return ctx->Fail(Status::InvalidArgument("unknown field '" + key + "' (allowed: text, modules, options)"));
    }
  }
  if (body.contains("options") && !body["options"].is_object()) {
    return ctx->Fail(Status::InvalidArgument("field 'options' must be an object keyed by module name"));
  }
  std::vector<std::pair<std::string, std::shared_ptr<Detector>>> targets;
  if (body.contains("modules")) {
    if (!body["modules"].is_array()) return ctx->Fail(Status::InvalidArgument("field 'modules' must be an array of names"));
    for (const auto& n : body["modules"]) {
      if (!n.is_string()) return ctx->Fail(Status::InvalidArgument("field 'modules' must be an array of names"));
      std::string name = n;
      auto module = registry_->Find(name);
      if (!module) return ctx->Fail(Status::NotFound("unknown module '" + name + "'"));
      auto detector = module->detector();
      if (!detector) {
        return ctx->Fail(Status::FailedPrecondition("module '" + name + "' is not active (state: " +
                                                    ModuleStateName(module->state()) + ")"));
      }
      targets.emplace_back(name, detector);
    }
  } else {
    for (const auto& module : registry_->List()) {
      if (auto detector = module->detector()) targets.emplace_back(module->name(), detector);
    }
    if (targets.empty()) return ctx->Fail(Status::Unavailable("no module is active"));
  }
  std::vector<std::shared_ptr<Admission::Ticket>> tickets;
  for (const auto& target : targets) {
    std::shared_ptr<Admission::Ticket> ticket;
    Status admitted = admission_.TryAcquire(target.first, &ticket);
    if (!admitted.ok()) return ctx->Fail(admitted);
    tickets.push_back(std::move(ticket));
  }
  boost::asio::post(*workers_, [this, ctx, body = std::move(body), targets = std::move(targets),
                                tickets = std::move(tickets)] {
    for (const auto& ticket : tickets) metrics_.QueueWait(ticket->module(), ticket->WaitedSeconds());
    ojson results = ojson::object();
    for (const auto& [name, detector] : targets) {
      nlohmann::json request = {{"text", body["text"]}};
      if (body.contains("options") && body["options"].contains(name) && body["options"][name].is_object()) {
        for (const auto& [k, v] : body["options"][name].items()) {
          if (k != "text") request[k] = v;
        }
      }
      std::string out;
      auto start = std::chrono::steady_clock::now();
      Status s = detector->Analyze(JsonText(request), &out);
      metrics_.ModuleCall(name, "analyze", s.ok(), SecondsSince(start));
      if (!s.ok()) return ctx->Fail(Status(s.code(), name + ": " + s.message()));
      ojson parsed = ojson::parse(out, nullptr, false);
      if (parsed.is_discarded()) return ctx->Fail(Status::Internal(name + ": plugin returned invalid JSON"));
      results[name] = std::move(parsed);
    }
    ctx->Reply(http::status::ok, {{"results", results}});
  });
}

void Router::HandleCheck(const std::shared_ptr<Context>& ctx, CheckShape shape) {
  // Parsing and binding are cheap; the module calls run on the worker pool, concurrently.
  guardrails_.Check(shape, ctx->request.body(), options().max_text_bytes,
                    [ctx](const Status& s, nlohmann::ordered_json body) {
                      if (!s.ok()) return ctx->Fail(s);
                      ctx->Reply(http::status::ok, body);
                    });
}

bool Router::IsStreamRequest(const http::request_header<>& header) {
  if (header.method() != http::verb::post) return false;
  std::string_view target(header.target().data(), header.target().size());
  return target.substr(0, target.find('?')) == kStreamPath;
}

Status Router::PrepareStream(const http::request_header<>& header, StreamPlan* plan) {
  if (options().protect_analysis) {
    Status s = CheckToken(header);
    if (!s.ok()) return s;
  }
  if (header.version() < 11) return Status::InvalidArgument("streaming needs HTTP/1.1 (chunked transfer encoding)");
  std::string target(header.target());
  std::string query = target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
  std::string config_id, role = "output";
  size_t pos = 0;
  while (pos < query.size()) {
    size_t amp = query.find('&', pos);
    std::string item = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    size_t eq = item.find('=');
    std::string key = item.substr(0, eq), value = eq == std::string::npos ? "" : item.substr(eq + 1);
    if (key == "config_id") {
      config_id = value;
    } else if (key == "role") {
      role = value;
    } else if (!key.empty()) {
      return Status::InvalidArgument("unknown query parameter '" + key.substr(0, 64) + "' (allowed: config_id, role)");
    }
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  auto content_type = header[http::field::content_type];
  Status s = StreamFormatFromContentType(std::string_view(content_type.data(), content_type.size()), &plan->format);
  if (!s.ok()) return s;
  s = guardrails_.BindStreamRails(config_id, role, &plan->rails);
  if (!s.ok()) return s;
  plan->config = plan->rails.policy->streaming;
  plan->metrics = &metrics_;
  return Status::OK();
}

void Router::HandlePluginRoute(const std::shared_ptr<Context>& ctx, std::shared_ptr<Module> module) {
  std::shared_ptr<Detector> detector = module->detector();
  if (!detector) {
    return ctx->Fail(Status::Unavailable("module '" + module->name() + "' is not active"));
  }
  std::shared_ptr<Admission::Ticket> ticket;
  Status admitted = admission_.TryAcquire(module->name(), &ticket);
  if (!admitted.ok()) return ctx->Fail(admitted);
  boost::asio::post(*workers_, [this, ctx, detector, name = module->name(), ticket] {
    metrics_.QueueWait(name, ticket->WaitedSeconds());
    auto method = ctx->request.method_string();
    auto host = ctx->request[http::field::host];
    PluginHttpRequest req{std::string_view(method.data(), method.size()), ctx->path, ctx->query, ctx->request.body(),
                          std::string_view(host.data(), host.size())};
    PluginHttpResponse resp;
    auto start = std::chrono::steady_clock::now();
    Status s = detector->HandleHttp(req, &resp);
    metrics_.ModuleCall(name, "http", s.ok(), SecondsSince(start));
    if (!s.ok()) return ctx->Fail(s);
    HttpResponse res{static_cast<http::status>(resp.status), ctx->request.version()};
    res.set(http::field::content_type, resp.content_type);
    res.keep_alive(ctx->request.keep_alive());
    res.body() = std::move(resp.body);
    res.prepare_payload();
    ctx->respond(std::move(res));
  });
}

}  // namespace sentinel
