#include "daemon.h"

#include <systemd/sd-daemon.h>

#include <cstdio>
#include <iostream>
#include <thread>
#include <vector>

#include <boost/asio/signal_set.hpp>

#include "common/json_text.h"
#include "common/log.h"

namespace sentinel {
namespace net = boost::asio;

namespace {
LogLevel ParseLevel(const std::string& name) {
  if (name == "debug") return LogLevel::kDebug;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}
}  // namespace

Daemon::Daemon(DaemonOptions options) : options_(std::move(options)) {}

void Daemon::ApplyRouterOptions(const HostConfig& config) {
  RouterOptions ro;
  ro.admin_token = config.admin_token;
  ro.protect_analysis = config.protect_analysis;
  ro.max_text_bytes = config.max_text_bytes;
  ro.max_queue_per_module = config.max_queue_per_module;
  router_->SetOptions(ro);
  router_->SetGuardrailPolicy(config.guardrails);
}

Status Daemon::Reload(nlohmann::ordered_json* report) {
  std::lock_guard<std::mutex> lock(reload_mu_);
  HostConfig next;
  Status s = LoadHostConfig(options_.config_path, &next);
  if (!s.ok()) {
    Log(LogLevel::kError, "reload_refused", {{"reason", s.message()}});
    return Status::InvalidArgument("reload refused, nothing changed: " + s.message());
  }
  if (next.listen_host != config_.listen_host || next.listen_port != config_.listen_port) {
    Log(LogLevel::kWarn, "reload_listen_ignored", {{"reason", "the listen address changes only on restart"}});
  }
  SetMinLogLevel(ParseLevel(next.log_level));
  ApplyRouterOptions(next);
  *report = registry_.Apply(next);
  router_->metrics()->RecordApplyFailures(*report, registry_);
  config_ = next;
  Log(LogLevel::kInfo, "reloaded", {{"report", JsonText(*report)}});
  return Status::OK();
}

int Daemon::Run() {
  Status s = LoadHostConfig(options_.config_path, &config_);
  if (!s.ok()) {
    std::fprintf(stderr, "sentineld: %s\n", s.message().c_str());
    return 2;
  }
  if (options_.listen_override) {
    s = ParseListenAddress(*options_.listen_override, &config_.listen_host, &config_.listen_port);
    if (!s.ok()) {
      std::fprintf(stderr, "sentineld: --listen: %s\n", s.message().c_str());
      return 2;
    }
  }
  SetMinLogLevel(ParseLevel(config_.log_level));

  net::io_context ioc(static_cast<int>(config_.io_threads));
  workers_ = std::make_unique<net::thread_pool>(config_.worker_threads);
  control_ = std::make_unique<net::thread_pool>(2);  // lifecycle and /metrics, never behind analysis
  router_ = std::make_unique<Router>(&registry_, workers_.get(),
                                     [this](nlohmann::ordered_json* report) { return Reload(report); });
  router_->SetControlPool(control_.get());
  ApplyRouterOptions(config_);
  SessionLimits limits;
  limits.max_body_bytes = config_.max_body_bytes;
  limits.max_header_bytes = config_.max_header_bytes;
  limits.read_timeout = std::chrono::milliseconds(config_.read_timeout_ms);
  auto listener = std::make_shared<Listener>(ioc, router_.get(), limits, static_cast<int>(config_.max_connections));
  s = listener->Open(config_.listen_host, config_.listen_port);
  if (!s.ok()) {
    std::fprintf(stderr, "sentineld: %s\n", s.message().c_str());
    return 2;
  }
  listener->Run();
  Log(LogLevel::kInfo, "listening",
      {{"address", config_.listen_host + ":" + std::to_string(listener->port())}, {"config", config_.source_file}});

  int exit_code = 0;
  net::signal_set signals(ioc, SIGINT, SIGTERM, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal;
  on_signal = [&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      Log(LogLevel::kInfo, "sighup", {});
      net::post(*control_, [this] {
        sd_notify(0, "RELOADING=1");
        nlohmann::ordered_json report;
        // A signal has no caller to answer: Reload logs its outcome (reloaded or reload_refused) itself.
        (void)Reload(&report);
        sd_notify(0, "READY=1");
      });
      signals.async_wait(on_signal);
      return;
    }
    Log(LogLevel::kInfo, "stopping", {{"signal", std::to_string(sig)}});
    sd_notify(0, "STOPPING=1");
    listener->Stop();
    ioc.stop();
  };
  signals.async_wait(on_signal);

  std::vector<std::thread> io_threads;
  for (unsigned i = 0; i < config_.io_threads; ++i) io_threads.emplace_back([&ioc] { ioc.run(); });

  // Modules activate while /health already answers; /ready turns 200 once they are all active.
  nlohmann::ordered_json report;
  {
    std::lock_guard<std::mutex> lock(reload_mu_);
    report = registry_.Apply(config_);
  }
  router_->metrics()->RecordApplyFailures(report, registry_);
  if (!report["failed"].empty()) {
    if (config_.fail_fast) {
      Log(LogLevel::kError, "fail_fast_exit", {{"failed", JsonText(report["failed"])}});
      ioc.stop();
      exit_code = 1;
    } else {
      Log(LogLevel::kWarn, "serving_with_failed_modules", {{"failed", JsonText(report["failed"])}});
    }
  }
  if (exit_code == 0) sd_notify(0, "READY=1");
  for (auto& t : io_threads) t.join();
  workers_->join();
  control_->join();
  return exit_code;
}

int RunConfigCheck(const std::string& config_path) {
  HostConfig config;
  Status s = LoadHostConfig(config_path, &config);
  if (!s.ok()) {
    std::printf("config: FAILED\n  %s\n", s.message().c_str());
    return 2;
  }
  std::printf("config: ok (%s, %zu modules)\n", config.source_file.c_str(), config.modules.size());
  ActivationEnv env = MakeActivationEnv(config);
  int problems = 0;
  for (const ModuleConfig& m : config.modules) {
    AbiDescriptor descriptor;
    if (!m.enabled) {
      Status inspect = InspectModule(m, env, &descriptor);
      std::printf("module %s: disabled, inspect %s%s%s\n", m.name.c_str(), inspect.ok() ? "ok" : "FAILED",
                  inspect.ok() ? "" : ": ", inspect.ok() ? "" : inspect.message().c_str());
      if (!inspect.ok()) ++problems;
      continue;
    }
    BuiltInstance built;
    StageError error;
    s = BuildInstance(m, env, &descriptor, &built, &error);
    if (s.ok()) {
      std::printf("module %s: ok (plugin %s %s, ABI %s, activation + self-test %.1f ms)\n", m.name.c_str(),
                  descriptor.plugin_name.c_str(), descriptor.plugin_version.c_str(), descriptor.AbiVersion().c_str(),
                  built.activation_ms);
    } else {
      std::printf("module %s: FAILED at %s\n  %s\n", m.name.c_str(), error.stage.c_str(), error.message.c_str());
      ++problems;
    }
  }
  // Rails naming a module that is not configured: a warning, since a host may run a subset of the modules
  // (a package built without LibTorch has no toxicity module); checks needing such a rail answer 503.
  for (const GuardrailConfig& g : config.guardrails.configs) {
    for (const auto* rails : {&g.input, &g.output}) {
      for (const RailConfig& rail : *rails) {
        if (config.FindModule(rail.module) != nullptr) continue;
        std::printf("warning: guardrails config %s: rail '%s' names module '%s', which is not configured (%s); "
                    "checks using it answer 503\n",
                    g.id.c_str(), rail.name.c_str(), rail.module.c_str(), rail.where.c_str());
      }
    }
  }
  std::printf("%s\n", problems == 0 ? "check passed" : (std::to_string(problems) + " problem(s) found").c_str());
  return problems == 0 ? 0 : 1;
}

}  // namespace sentinel
