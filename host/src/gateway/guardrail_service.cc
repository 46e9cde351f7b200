#include "gateway/guardrail_service.h"

#include <atomic>

#include <boost/asio/post.hpp>

namespace sentinel {

// One check in flight: the texts, the bound rails and what each task found. Each task writes only its own
// slots; the task that finishes last assembles the answer.
struct GuardrailService::Run {
  struct Role {
    std::string name;  // "input" or "output"
    std::string text;
    std::string redacted;
    std::vector<BoundRail> rails;
    std::unique_ptr<bool[]> fired;
  };
  std::shared_ptr<const GuardrailPolicy> policy;
  CheckShape shape = CheckShape::kNemo;
  std::string refusal_message;
  std::vector<Role> roles;
  std::vector<std::shared_ptr<Admission::Ticket>> tickets;  // one per module called, held until the answer
  CheckDone done;
  std::atomic<int> pending{0};
  std::mutex mu;
  Status error;

  void Fail(const Status& s) {
    std::lock_guard<std::mutex> lock(mu);
    if (error.ok()) error = s;
  }
};

GuardrailService::GuardrailService(ModuleRegistry* registry, boost::asio::thread_pool* workers, Metrics* metrics,
                                   Admission* admission)
    : registry_(registry),
      workers_(workers),
      metrics_(metrics),
      admission_(admission),
      policy_(std::make_shared<GuardrailPolicy>()) {}

void GuardrailService::SetPolicy(const GuardrailPolicy& policy) {
  auto next = std::make_shared<const GuardrailPolicy>(policy);
  std::lock_guard<std::mutex> lock(mu_);
  policy_ = std::move(next);
}

std::shared_ptr<const GuardrailPolicy> GuardrailService::policy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return policy_;
}

Status GuardrailService::ResolveConfigs(const GuardrailPolicy& policy, const std::vector<std::string>& ids,
                                        std::vector<const GuardrailConfig*>* out) const {
  if (!policy.configured) {
    return Status::Unavailable("no guardrail policy is configured (add a 'guardrails:' section to the host YAML)");
  }
  if (ids.empty()) {
    out->push_back(policy.Find(policy.default_config));
    return Status::OK();
  }
  for (const std::string& id : ids) {
    const GuardrailConfig* c = policy.Find(id);
    if (c == nullptr) {
      return Status::NotFound("unknown guardrails config '" + id + "' (configured: " + policy.ConfigNames() + ")");
    }
    if (std::find(out->begin(), out->end(), c) == out->end()) out->push_back(c);
  }
  return Status::OK();
}

void GuardrailService::Check(CheckShape shape, std::string_view body, std::size_t max_text_bytes, CheckDone done) {
  CheckRequest request;
  Status s = ParseCheckRequest(body, max_text_bytes, &request);
  if (!s.ok()) return done(s, {});
  auto run = std::make_shared<Run>();
  run->policy = policy();
  run->shape = shape;
  run->done = std::move(done);
  std::vector<const GuardrailConfig*> configs;
  s = ResolveConfigs(*run->policy, request.config_ids, &configs);
  if (!s.ok()) return run->done(s, {});
  run->refusal_message = configs.front()->refusal_message;
  for (const char* role_name : {"input", "output"}) {
    const bool input = role_name[0] == 'i';
    const std::optional<std::string>& text = input ? request.user_text : request.assistant_text;
    if (!text) continue;
    Run::Role role;
    role.name = role_name;
    role.text = *text;
    // Rails of every named config, each rail name once, in the order configured.
    std::vector<std::string> seen;
    for (const GuardrailConfig* c : configs) {
      for (const RailConfig& rail : input ? c->input : c->output) {
        if (std::find(seen.begin(), seen.end(), rail.name) != seen.end()) continue;
        seen.push_back(rail.name);
        BoundRail bound;
        s = BindRail(*registry_, rail, &bound);
        if (!s.ok()) return run->done(s, {});
        role.rails.push_back(std::move(bound));
      }
    }
    role.fired.reset(new bool[role.rails.size() + 1]());
    role.redacted = role.text;
    run->roles.push_back(std::move(role));
  }
  // One ticket per module called: a full queue refuses the check at once (429) rather than queueing it.
  for (const Run::Role& role : run->roles) {
    for (const BoundRail& rail : role.rails) {
      bool held = false;
      for (const auto& t : run->tickets) held = held || t->module() == rail.config->module;
      if (held) continue;
      std::shared_ptr<Admission::Ticket> ticket;
      s = admission_->TryAcquire(rail.config->module, &ticket);
      if (!s.ok()) return run->done(s, {});
      run->tickets.push_back(std::move(ticket));
    }
  }
  // Tasks: per role, the redact chain (if any) and each block rail.
  struct Task {
    std::size_t role;
    std::size_t rail;  // block rail index; SIZE_MAX for the role's redact chain
  };
  std::vector<Task> tasks;
  for (std::size_t r = 0; r < run->roles.size(); ++r) {
    bool chain = false;
    for (std::size_t i = 0; i < run->roles[r].rails.size(); ++i) {
      if (run->roles[r].rails[i].config->action == RailAction::kBlock) {
        tasks.push_back({r, i});
      } else {
        chain = true;
      }
    }
    if (chain) tasks.push_back({r, SIZE_MAX});
  }
  if (tasks.empty()) {
    // Every role present has no rails: nothing to run (a policy may leave a role unchecked).
    run->pending = 1;
    return boost::asio::post(*workers_, [this, run] { Finish(run); });
  }
  run->pending = static_cast<int>(tasks.size());
  for (const Task& task : tasks) {
    boost::asio::post(*workers_, [this, run, task] {
      Run::Role& role = run->roles[task.role];
      // The wait for a worker, counted for the module this task calls first.
      std::string module;
      for (std::size_t i = 0; i < role.rails.size() && module.empty(); ++i) {
        if (task.rail == SIZE_MAX ? role.rails[i].config->action == RailAction::kRedact : i == task.rail) {
          module = role.rails[i].config->module;
        }
      }
      for (const auto& t : run->tickets) {
        if (t->module() == module) metrics_->QueueWait(module, t->WaitedSeconds());
      }
      if (task.rail != SIZE_MAX) {
        const BoundRail& rail = role.rails[task.rail];
        nlohmann::json result;
        Status s = AnalyzeForRail(rail, role.text, metrics_, &result);
        if (s.ok()) {
          role.fired[task.rail] = BlockFires(*rail.config, result);
        } else {
          run->Fail(s);
        }
      } else {
        std::string text = role.text;
        for (std::size_t i = 0; i < role.rails.size(); ++i) {
          if (role.rails[i].config->action != RailAction::kRedact) continue;
          std::string next;
          bool fired = false;
          Status s = RedactWithRail(role.rails[i], text, metrics_, &next, &fired);
          if (!s.ok()) {
            run->Fail(s);
            break;
          }
          role.fired[i] = fired;
          text = std::move(next);
        }
        role.redacted = std::move(text);
      }
      if (run->pending.fetch_sub(1, std::memory_order_acq_rel) == 1) Finish(run);
    });
  }
}

void GuardrailService::Finish(const std::shared_ptr<Run>& run) {
  {
    std::lock_guard<std::mutex> lock(run->mu);
    if (!run->error.ok()) return run->done(run->error, {});
  }
  CheckOutcome outcome;
  bool modified = false;
  for (const Run::Role& role : run->roles) {
    for (std::size_t i = 0; i < role.rails.size(); ++i) {
      RailOutcome r;
      r.name = role.rails[i].config->name;
      r.role = role.name;
      r.blocks = role.rails[i].config->action == RailAction::kBlock;
      r.fired = role.fired[i];
      if (r.fired && r.blocks && outcome.blocking_rail.empty()) outcome.blocking_rail = r.name;
      if (r.fired && !r.blocks) modified = true;
      outcome.rails.push_back(std::move(r));
    }
  }
  if (!outcome.blocking_rail.empty()) {
    outcome.status = "blocked";
    outcome.content = run->refusal_message;
  } else {
    // The answer when the assistant's message was checked, else the prompt.
    outcome.status = modified ? "modified" : "passed";
    outcome.content = run->roles.back().redacted;
  }
  run->done(Status::OK(), RenderCheck(run->shape, outcome));
}

Status GuardrailService::BindStreamRails(const std::string& config_id, const std::string& role,
                                         StreamRails* out) const {
  if (role != "input" && role != "output") return Status::InvalidArgument("role must be input or output, got '" + role + "'");
  out->policy = policy();
  std::vector<const GuardrailConfig*> configs;
  std::vector<std::string> ids;
  if (!config_id.empty()) ids.push_back(config_id);
  Status s = ResolveConfigs(*out->policy, ids, &configs);
  if (!s.ok()) return s;
  for (const RailConfig& rail : role == "input" ? configs[0]->input : configs[0]->output) {
    if (rail.action != RailAction::kRedact) continue;
    BoundRail bound;
    s = BindRail(*registry_, rail, &bound);
    if (!s.ok()) return s;
    out->rails.push_back(std::move(bound));
  }
  if (out->rails.empty()) {
    return Status::FailedPrecondition("guardrails config '" + configs[0]->id + "' has no redact rail on " + role +
                                      " (nothing to stream through)");
  }
  return Status::OK();
}

}  // namespace sentinel
