// `view360 demo` run as a user runs it, for tests: the real binary in a child process, with its
// own folder (--dir) and a free port (--port 0), on the demo's own embedded PostgreSQL (VIEW360_DB,
// PGHOST, PGHOSTADDR, PGSERVICE and VIEW360_CONFIG are removed from its environment), telling
// its URL on stdout as one JSON line (--output json). Its stderr (progress, "demo: ..." lines)
// goes to a log file.
//
// The child leads a process group of its own, so that Interrupt() does what Ctrl-C in a
// terminal does: SIGINT to the demo and to the `view360 collect` it may be running.
//
// Thread-safety: one test thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace view360::testing {

struct HttpAnswer {
  int status = 0;  // 0: no answer (connection refused, timeout).
  std::string content_type;
  std::string content_security_policy;
  std::string body;

  // The body as JSON; fails the current test and returns null when it is not JSON.
  nlohmann::json Json() const;
};

class DemoProcess {
 public:
  // Starts `view360 --output json demo --dir DIR --port 0 ARGS...`, stderr to log_file.
  DemoProcess(const std::string& dir, const std::vector<std::string>& args, std::string log_file);
  ~DemoProcess();  // SIGKILLs the process group when it still runs.
  DemoProcess(const DemoProcess&) = delete;
  DemoProcess& operator=(const DemoProcess&) = delete;

  // Waits for the JSON line that says the dashboard is up. False when it exits first or the
  // timeout passes; the test should then show Log().
  bool WaitReady(std::chrono::seconds timeout);
  // The ready line: {"url", "simulator", "documents_loaded", "seconds"}.
  const nlohmann::json& ready() const { return ready_; }
  // GET path (starting with '/') on the dashboard's server.
  HttpAnswer Get(const std::string& path) const;

  // True once the log holds `text` (polled until the timeout or the demo's exit).
  bool WaitForLog(const std::string& text, std::chrono::seconds timeout);
  // What the demo wrote on stderr so far.
  std::string Log() const;

  // Ctrl-C: SIGINT to the process group, then waits for the demo to exit. Its exit code (128 +
  // the signal when a signal ended it), or -1 when it was still running after the timeout (it is
  // then killed).
  int Interrupt(std::chrono::seconds timeout);

 private:
  bool Exited();  // Reaps the child when it has exited; sets exit_code_.

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string stdout_buffer_;
  std::string log_file_;
  nlohmann::json ready_;
  int exit_code_ = -1;
};

// The pid in DIR/pg/postmaster.pid (the demo's PostgreSQL), or 0 when there is no such file.
pid_t DemoPostmasterPid(const std::string& dir);

}  // namespace view360::testing
