#include "module/process_detector.h"

#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <deque>

#include "common/log.h"
#include "plugin/preflight.h"

extern char** environ;

namespace sentinel {
namespace {

constexpr auto kCallTimeout = std::chrono::seconds(120);
constexpr int kWorkerFd = 3;
// A worker whose socket closed is exiting; one that has not exited after this long is killed.
constexpr auto kReapGrace = std::chrono::seconds(2);

std::string SignalText(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGABRT ? "SIGABRT" : sig == SIGKILL ? "SIGKILL"
                     : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE" : sig == SIGILL ? "SIGILL" : nullptr;
    return name ? std::string(name) : "signal " + std::to_string(sig);
  }
  if (WIFEXITED(status)) return "exit code " + std::to_string(WEXITSTATUS(status));
  return "unknown status";
}

WorkerFrame Reply(StatusCode code, int http_status, std::string content_type, std::string body) {
  WorkerFrame f;
  f.type = WorkerMessage::kReply;
  f.fields = {std::to_string(static_cast<int>(code)), std::to_string(http_status), std::move(content_type),
              std::move(body)};
  return f;
}

Status ReplyStatus(const WorkerFrame& reply) {
  if (reply.fields.size() != 4) return Status::Internal("malformed reply from worker");
  int code = std::atoi(reply.fields[0].c_str());
  return code == 0 ? Status::OK() : Status(static_cast<StatusCode>(code), reply.fields[3]);
}

}  // namespace

ProcessDetector::ProcessDetector(std::string library, std::string entry_symbol, ActivationRequest request,
                                 WorkerEvents events)
    : library_(std::move(library)),
      entry_symbol_(std::move(entry_symbol)),
      request_(std::move(request)),
      events_(std::move(events)) {}

Status ProcessDetector::Create(const std::string& library, const std::string& entry_symbol,
                               const ActivationRequest& request, WorkerEvents events,
                               std::unique_ptr<ProcessDetector>* out) {
  std::unique_ptr<ProcessDetector> d(new ProcessDetector(library, entry_symbol, request, std::move(events)));
  Status s = d->Spawn();
  if (!s.ok()) return s;
  s = d->ActivateWorker(false);
  if (!s.ok()) return s;
  d->supervisor_ = std::thread([p = d.get()] { p->Supervise(); });
  *out = std::move(d);
  return Status::OK();
}

ProcessDetector::~ProcessDetector() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    serving_ = false;
  }
  cv_.notify_all();
  pid_t pid = pid_.load();
  if (pid > 0) kill(pid, SIGKILL);
  if (supervisor_.joinable()) supervisor_.join();
  if (reader_.joinable()) reader_.join();
  if (pid_.load() > 0) waitpid(pid_.load(), nullptr, 0);
  if (fd_ >= 0) close(fd_);
  FailPending("module deactivated");
}

Status ProcessDetector::Spawn() {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return Status::Internal(std::string("socketpair: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], kWorkerFd);
  std::string exe = PreflightExecutable();
  std::string a1 = "--worker", a2 = library_, a3 = entry_symbol_;
  char* argv[] = {&exe[0], &a1[0], &a2[0], &a3[0], nullptr};
  pid_t pid = -1;
  int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return Status::Internal(std::string("cannot start the worker process: ") + std::strerror(rc));
  }
  if (reader_.joinable()) reader_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (fd_ >= 0) close(fd_);
    fd_ = fds[0];
    worker_dead_ = false;
  }
  pid_ = pid;
  reader_ = std::thread([this, fd = fds[0], pid] { ReaderLoop(fd, pid); });
  return Status::OK();
}

Status ProcessDetector::ActivateWorker(bool self_test) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    serving_ = true;  // let the activation calls through
    activating_ = true;
  }
  WorkerFrame reply;
  Status s = Call(WorkerMessage::kActivate,
                  {request_.settings_json, request_.module_name, request_.config_dir, request_.models_dir,
                   std::to_string(request_.plugin_threads)},
                  &reply);
  if (s.ok()) s = ReplyStatus(reply);
  if (s.ok() && self_test) s = SelfTest();
  std::lock_guard<std::mutex> lock(mu_);
  activating_ = false;
  if (!s.ok()) serving_ = false;
  return s;
}

void ProcessDetector::ReaderLoop(int fd, pid_t pid) {
  WorkerFrame frame;
  while (ReadWorkerFrame(fd, &frame)) {
    std::shared_ptr<std::promise<WorkerFrame>> promise;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = pending_.find(frame.id);
      if (it == pending_.end()) continue;
      promise = it->second;
      pending_.erase(it);
    }
    promise->set_value(std::move(frame));
  }
  // EOF: the worker is gone. Reap it here, so that its exit status is known as soon as the socket closes.
  const std::string cause = ReapWorker(pid);
  bool activating;
  {
    std::lock_guard<std::mutex> lock(mu_);
    worker_dead_ = true;
    serving_ = false;
    death_cause_ = cause;
    activating = activating_;
  }
  cv_.notify_all();
  // While the worker is serving, the supervisor answers the pending calls (after marking the module failed).
  // During an activation nobody else will: answer them now rather than let them wait for the call timeout.
  if (activating) FailPending(request_.module_name + ": worker died during activation (" + cause + ")");
}

std::string ProcessDetector::ReapWorker(pid_t pid) {
  if (pid <= 0) return "unknown status";
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kReapGrace;
  pid_t r;
  while ((r = waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (r == 0) {  // closed its socket but lingers: of no use any more
    kill(pid, SIGKILL);
    r = waitpid(pid, &status, 0);
  }
  pid_t expected = pid;
  pid_.compare_exchange_strong(expected, -1);
  return r == pid ? SignalText(status) : "unknown status";  // r < 0: already reaped elsewhere
}

void ProcessDetector::FailPending(const std::string& reason) {
  std::map<uint64_t, std::shared_ptr<std::promise<WorkerFrame>>> pending;
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending.swap(pending_);
  }
  for (auto& [id, promise] : pending) {
    promise->set_value(Reply(StatusCode::kUnavailable, 503, "", reason));
  }
}

void ProcessDetector::Supervise() {
  auto backoff = std::chrono::milliseconds(100);
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return worker_dead_ || stopping_; });
      if (stopping_) return;
    }
    std::string cause;
    {
      std::lock_guard<std::mutex> lock(mu_);
      cause = death_cause_;  // the reader thread reaped the worker
    }
    const std::string reason = "worker process died (" + cause + ")";
    Log(LogLevel::kError, "worker_crashed", {{"module", request_.module_name}, {"reason", reason}});
    // The module is marked failed before the pending requests are answered, so that a client that got its
    // 503 never sees the module still "active".
    if (events_.on_crash) events_.on_crash(reason + "; restarting in " + std::to_string(backoff.count()) + " ms");
    FailPending(request_.module_name + ": " + reason + "; restarting");
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (cv_.wait_for(lock, backoff, [this] { return stopping_; })) return;
      }
      backoff = std::min(backoff * 2, std::chrono::milliseconds(10000));
      Status s = Spawn();
      if (s.ok()) s = ActivateWorker(true);
      if (s.ok()) break;
      Log(LogLevel::kError, "worker_restart_failed", {{"module", request_.module_name}, {"reason", s.message()}});
      pid_t failed = pid_.load();
      if (failed > 0) {
        kill(failed, SIGKILL);
        waitpid(failed, nullptr, 0);
        pid_ = -1;
      }
      if (events_.on_crash) events_.on_crash("worker restart failed: " + s.message());
    }
    backoff = std::chrono::milliseconds(100);
    Log(LogLevel::kInfo, "worker_restarted", {{"module", request_.module_name}, {"pid", std::to_string(pid_.load())}});
    if (events_.on_recovered) events_.on_recovered();
  }
}

Status ProcessDetector::Call(WorkerMessage type, std::vector<std::string> fields, WorkerFrame* reply) {
  auto promise = std::make_shared<std::promise<WorkerFrame>>();
  std::future<WorkerFrame> future = promise->get_future();
  WorkerFrame frame;
  frame.type = type;
  frame.fields = std::move(fields);
  int fd;
  bool activating;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (activating_ && worker_dead_) {
      return Status::Unavailable(request_.module_name + ": worker died during activation (" + death_cause_ + ")");
    }
    if (!serving_ || worker_dead_) return Status::Unavailable(request_.module_name + ": worker process is restarting");
    activating = activating_;
    frame.id = next_id_++;
    pending_[frame.id] = promise;
    fd = fd_;
  }
  bool written;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    written = WriteWorkerFrame(fd, frame);
  }
  // During an activation a failed write means the worker died: its reader answers the call with the cause.
  if (!written && !activating) {
    std::lock_guard<std::mutex> lock(mu_);
    if (pending_.erase(frame.id) > 0) return Status::Unavailable(request_.module_name + ": worker process is gone");
  }
  if (future.wait_for(kCallTimeout) != std::future_status::ready) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.erase(frame.id);
    return Status::Unavailable(request_.module_name + ": worker did not answer in time");
  }
  *reply = future.get();
  return Status::OK();
}

Status ProcessDetector::SelfTest() {
  WorkerFrame reply;
  Status s = Call(WorkerMessage::kSelfTest, {}, &reply);
  return s.ok() ? ReplyStatus(reply) : s;
}

Status ProcessDetector::Describe(std::string* json) {
  WorkerFrame reply;
  Status s = Call(WorkerMessage::kDescribe, {}, &reply);
  if (s.ok()) s = ReplyStatus(reply);
  if (s.ok()) *json = reply.fields[3];
  return s;
}

Status ProcessDetector::Health(std::string* json) {
  WorkerFrame reply;
  Status s = Call(WorkerMessage::kHealth, {}, &reply);
  if (s.ok()) s = ReplyStatus(reply);
  if (s.ok()) *json = reply.fields[3];
  return s;
}

Status ProcessDetector::Analyze(std::string_view request_json, std::string* result_json) {
  WorkerFrame reply;
  Status s = Call(WorkerMessage::kAnalyze, {std::string(request_json)}, &reply);
  if (s.ok()) s = ReplyStatus(reply);
  if (s.ok()) *result_json = reply.fields[3];
  return s;
}

Status ProcessDetector::HandleHttp(const PluginHttpRequest& request, PluginHttpResponse* response) {
  WorkerFrame reply;
  Status s = Call(WorkerMessage::kHttp,
                  {std::string(request.method), std::string(request.path), std::string(request.query),
                   std::string(request.body), std::string(request.host)},
                  &reply);
  if (s.ok()) s = ReplyStatus(reply);
  if (!s.ok()) return s;
  response->status = std::atoi(reply.fields[1].c_str());
  response->content_type = reply.fields[2];
  response->body = reply.fields[3];
  return Status::OK();
}

// ---- worker side ----

namespace {

class WorkerServer {
 public:
  WorkerServer(int fd, std::shared_ptr<PluginLibrary> library) : fd_(fd), library_(std::move(library)) {}

  int Run() {
    WorkerFrame frame;
    while (ReadWorkerFrame(fd_, &frame)) {
      if (frame.type == WorkerMessage::kActivate) {
        Send(frame.id, Activate(frame));
        continue;
      }
      Enqueue(std::move(frame));
    }
    return 0;  // the daemon closed the socket
  }

 private:
  WorkerFrame Activate(const WorkerFrame& frame) {
    if (frame.fields.size() != 5) return Reply(StatusCode::kInvalidArgument, 0, "", "malformed activate");
    ActivationRequest request;
    request.settings_json = frame.fields[0];
    request.module_name = frame.fields[1];
    request.config_dir = frame.fields[2];
    request.models_dir = frame.fields[3];
    request.plugin_threads = static_cast<unsigned>(std::atoi(frame.fields[4].c_str()));
    Status s = InProcessDetector::Create(library_, request, &detector_);
    if (!s.ok()) return Reply(s.code(), 0, "", s.message());
    StartThreads(8);
    return Reply(StatusCode::kOk, 0, "", "");
  }

  void StartThreads(int n) {
    for (int i = 0; i < n; ++i) {
      threads_.emplace_back([this] {
        while (true) {
          WorkerFrame frame;
          {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [this] { return !queue_.empty(); });
            frame = std::move(queue_.front());
            queue_.pop_front();
          }
          Send(frame.id, Handle(frame));
        }
      });
      threads_.back().detach();  // the process exits when the socket closes
    }
  }

  void Enqueue(WorkerFrame&& frame) {
    if (!detector_) {
      Send(frame.id, Reply(StatusCode::kUnavailable, 0, "", "worker has no activated plugin"));
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(frame));
    }
    cv_.notify_one();
  }

  WorkerFrame Handle(const WorkerFrame& frame) {
    std::string out;
    Status s;
    switch (frame.type) {
      case WorkerMessage::kSelfTest:
        s = detector_->SelfTest();
        break;
      case WorkerMessage::kDescribe:
        s = detector_->Describe(&out);
        break;
      case WorkerMessage::kHealth:
        s = detector_->Health(&out);
        break;
      case WorkerMessage::kAnalyze:
        if (frame.fields.size() != 1) return Reply(StatusCode::kInvalidArgument, 0, "", "malformed analyze");
        s = detector_->Analyze(frame.fields[0], &out);
        break;
      case WorkerMessage::kHttp: {
        if (frame.fields.size() != 5) return Reply(StatusCode::kInvalidArgument, 0, "", "malformed http");
        PluginHttpRequest req{frame.fields[0], frame.fields[1], frame.fields[2], frame.fields[3], frame.fields[4]};
        PluginHttpResponse resp;
        s = detector_->HandleHttp(req, &resp);
        if (s.ok()) return Reply(StatusCode::kOk, resp.status, resp.content_type, std::move(resp.body));
        break;
      }
      default:
        return Reply(StatusCode::kInvalidArgument, 0, "", "unknown message");
    }
    if (!s.ok()) return Reply(s.code(), 0, "", s.message());
    return Reply(StatusCode::kOk, 200, "", std::move(out));
  }

  void Send(uint64_t id, WorkerFrame reply) {
    reply.id = id;
    std::lock_guard<std::mutex> lock(write_mu_);
    WriteWorkerFrame(fd_, reply);
  }

  int fd_;
  std::shared_ptr<PluginLibrary> library_;
  std::unique_ptr<InProcessDetector> detector_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<WorkerFrame> queue_;
  std::mutex write_mu_;
  std::vector<std::thread> threads_;
};

}  // namespace

int WorkerMain(const std::string& library, const std::string& entry_symbol) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the daemon
  if (getppid() == 1) return 1;
  AbiDescriptor descriptor;
  Status s = InspectPluginFile(library, &descriptor);
  std::shared_ptr<PluginLibrary> loaded;
  if (s.ok()) {
    descriptor.entry_symbol = entry_symbol;
    s = PluginLibrary::Load(library, descriptor, &loaded);
  }
  if (!s.ok()) {
    // Answer the activation with the reason, then exit.
    WorkerFrame frame;
    if (ReadWorkerFrame(kWorkerFd, &frame)) {
      WorkerFrame reply = Reply(StatusCode::kUnprocessable, 0, "", s.message());
      reply.id = frame.id;
      WriteWorkerFrame(kWorkerFd, reply);
    }
    return 2;
  }
  WorkerServer server(kWorkerFd, loaded);
  int rc = server.Run();
  _exit(rc);  // detached request threads may still hold plugin calls; do not run static destructors
}

}  // namespace sentinel
