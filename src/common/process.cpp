#include "common/process.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace view360 {
namespace {

std::vector<char*> ArgvPointers(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  out.reserve(argv.size() + 1);
  for (const auto& a : argv) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<OsUser> LookupUser(const std::string& name) {
  struct passwd pwd {};
  struct passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwnam_r(name.c_str(), &pwd, buf.data(), buf.size(), &found) != 0 || found == nullptr) {
    return NotFoundError("no OS user named '" + name + "'");
  }
  return OsUser{name, pwd.pw_uid, pwd.pw_gid};
}

Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const ProcessOptions& options) {
  if (argv.empty()) return InvalidArgumentError("RunProcess: empty argv");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return InternalError(std::string("pipe: ") + strerror(errno));
  auto args = ArgvPointers(argv);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return InternalError(std::string("fork: ") + strerror(errno));
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here on.
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    if (options.run_as) {
      if (setgroups(0, nullptr) != 0 || setgid(options.run_as->gid) != 0 ||
          setuid(options.run_as->uid) != 0) {
        const char msg[] = "view360: cannot switch to the warehouse OS user\n";
        (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
        _exit(126);
      }
    }
    if (chdir(options.working_dir.c_str()) != 0) _exit(126);
    execvp(args[0], args.data());
    const char msg[] = "view360: cannot execute program\n";
    (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(127);
  }
  close(fds[1]);
  ProcessResult result;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      result.output.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  if (result.exit_code == 127) {
    return NotFoundError("cannot execute '" + argv[0] + "': " + result.output);
  }
  return result;
}

Status ExecReplace(const std::vector<std::string>& argv) {
  auto args = ArgvPointers(argv);
  execvp(args[0], args.data());
  return NotFoundError("cannot execute '" + argv[0] + "': " + strerror(errno));
}

bool ProcessIsRunning(pid_t pid, const std::string& comm) {
  if (pid <= 0) return false;
  if (kill(pid, 0) != 0 && errno == ESRCH) return false;
  // /proc/<pid>/stat: "pid (comm) state ...". A zombie (Z) has exited: its parent, often an
  // init that does not reap, has not collected it yet.
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const auto open = stat.find('('), close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close + 2 >= stat.size()) {
    return false;
  }
  const char state = stat[close + 2];
  return stat.substr(open + 1, close - open - 1) == comm && state != 'Z' && state != 'X';
}

}  // namespace view360
