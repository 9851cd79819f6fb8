#include "serve/demo_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "aws/curl_transport.h"

extern char** environ;

namespace view360::testing {
namespace {

// Variables that would point the demo at another warehouse than its own.
bool Removed(const std::string& entry) {
  for (const char* name : {"VIEW360_DB=", "PGHOST=", "PGHOSTADDR=", "PGSERVICE=", "VIEW360_CONFIG=",
                           "VIEW360_OUTPUT="}) {
    if (entry.rfind(name, 0) == 0) return true;
  }
  return false;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

nlohmann::json HttpAnswer::Json() const {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    ADD_FAILURE() << "not JSON (HTTP " << status << "): " << body.substr(0, 500);
    return nullptr;
  }
  return parsed;
}

DemoProcess::DemoProcess(const std::string& dir, const std::vector<std::string>& args,
                         std::string log_file)
    : log_file_(std::move(log_file)) {
  std::vector<std::string> argv = {VIEW360_BINARY, "--output", "json",   "demo",
                                   "--dir",        dir,        "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!Removed(*e)) env.emplace_back(*e);
  }
  auto argv_pointers = Pointers(argv);
  auto env_pointers = Pointers(env);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe failed";
    return;
  }
  const int log_fd = open(log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  std::fflush(nullptr);  // Or the child would print what our buffers hold again.
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    // The demo winds down (and stops its PostgreSQL) when the test binary dies.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(fds[1], STDOUT_FILENO);
    if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    execve(argv_pointers[0], argv_pointers.data(), env_pointers.data());
    _exit(127);
  }
  if (pid_ > 0) setpgid(pid_, pid_);  // Also here: the group exists before any Interrupt().
  close(fds[1]);
  if (log_fd >= 0) close(log_fd);
  stdout_fd_ = fds[0];
  EXPECT_GT(pid_, 0) << "fork failed";
}

DemoProcess::~DemoProcess() {
  if (pid_ > 0 && !Exited()) {
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

bool DemoProcess::Exited() {
  if (pid_ <= 0) return true;
  if (exit_code_ >= 0) return true;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

bool DemoProcess::WaitReady(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const size_t newline = stdout_buffer_.find('\n');
    if (newline != std::string::npos) {
      ready_ = nlohmann::json::parse(stdout_buffer_.substr(0, newline), nullptr, false);
      if (ready_.is_discarded() || !ready_.contains("url")) {
        ADD_FAILURE() << "the demo's first line is not its JSON: " << stdout_buffer_;
        ready_ = nullptr;
        return false;
      }
      return true;
    }
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (poll(&pfd, 1, 200) > 0) {
      char buf[4096];
      const ssize_t n = read(stdout_fd_, buf, sizeof buf);
      if (n > 0) {
        stdout_buffer_.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0) return false;  // stdout closed: it exited.
    }
    if (Exited()) return false;
  }
  return false;
}

HttpAnswer DemoProcess::Get(const std::string& path) const {
  std::string url = ready_.value("url", "");
  while (!url.empty() && url.back() == '/') url.pop_back();
  aws::CurlTransport transport;
  aws::HttpRequest request{"GET", url, path, {}, {}, ""};
  // The query rides in the path as given ("/api/v1/accounts?limit=5"): split it out.
  if (const size_t q = path.find('?'); q != std::string::npos) {
    request.path = path.substr(0, q);
    std::stringstream query(path.substr(q + 1));
    for (std::string pair; std::getline(query, pair, '&');) {
      const size_t eq = pair.find('=');
      request.query.emplace_back(pair.substr(0, eq),
                                 eq == std::string::npos ? "" : pair.substr(eq + 1));
    }
  }
  request.timeout = std::chrono::seconds(60);
  auto response = transport.Send(request);
  if (!response.ok()) return {};
  HttpAnswer answer;
  answer.status = response->status;
  answer.content_type = aws::FindHeader(response->headers, "Content-Type").value_or("");
  answer.content_security_policy =
      aws::FindHeader(response->headers, "Content-Security-Policy").value_or("");
  answer.body = response->body;
  return answer;
}

bool DemoProcess::WaitForLog(const std::string& text, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (Log().find(text) != std::string::npos) return true;
    if (Exited()) return Log().find(text) != std::string::npos;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string DemoProcess::Log() const {
  std::ifstream in(log_file_, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int DemoProcess::Interrupt(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  if (!Exited()) kill(-pid_, SIGINT);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!Exited()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(-pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return exit_code_;
}

pid_t DemoPostmasterPid(const std::string& dir) {
  std::ifstream in(dir + "/pg/postmaster.pid");
  long pid = 0;
  if (!(in >> pid)) return 0;
  return static_cast<pid_t>(pid);
}

}  // namespace view360::testing
