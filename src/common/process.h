// Running helper programs (initdb, pg_ctl, psql), optionally as another OS user.
//
// Thread-safety: RunProcess forks; call it from a program that holds no locks other threads
// need in the child (the CLI runs it before starting worker threads).
#pragma once

#include <sys/types.h>
#include <string>
#include <vector>

#include "common/status.h"

namespace view360 {

// An OS account to run a child process as (see LookupUser).
struct OsUser {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
};

// NotFound when no such user exists.
Result<OsUser> LookupUser(const std::string& name);

struct ProcessOptions {
  const OsUser* run_as = nullptr;  // nullptr: as the current user. Needs root otherwise.
  std::string working_dir = "/";   // The child starts here (the run_as user may not see ours).
};

struct ProcessResult {
  int exit_code = 0;   // 128 + signal number when killed by a signal.
  std::string output;  // stdout and stderr, interleaved.
};

// Runs argv[0] (searched in PATH) to completion. Fails only when it could not be started;
// a non-zero exit is reported in exit_code.
Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const ProcessOptions& options = {});

// Replaces the current process with argv (execvp); returns only on failure.
Status ExecReplace(const std::vector<std::string>& argv);

// True when a live (not zombie) process with this pid exists and its command name is `comm`
// (from /proc).
bool ProcessIsRunning(pid_t pid, const std::string& comm);

}  // namespace view360
