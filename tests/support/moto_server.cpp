#include "support/moto_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "aws/curl_transport.h"

namespace view360::testing {
namespace {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool Answers(const std::string& endpoint) {
  aws::CurlTransport transport;
  aws::HttpRequest request{"GET", endpoint, "/moto-api/data.json", {}, {}, ""};
  request.timeout = std::chrono::milliseconds(500);
  auto response = transport.Send(request);
  return response.ok() && response->status == 200;
}

class MotoProcess {
 public:
  MotoProcess() {
    const int port = FreePort();
    endpoint_ = "http://127.0.0.1:" + std::to_string(port);
    std::fflush(nullptr);  // Or the child would print what our buffers hold again.
    pid_ = fork();
    if (pid_ == 0) {
      // moto ends with the test binary, even when that one crashes or aborts.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      const std::string port_text = std::to_string(port);
      // Quiet: moto logs every request.
      (void)!freopen("/dev/null", "w", stdout);
      (void)!freopen("/dev/null", "w", stderr);
      execlp("python3", "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", port_text.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    // moto takes about a second to start on an idle machine; much longer on a loaded one.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && !Answers(endpoint_)) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {  // It exited: it will not answer.
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ready_ = pid_ > 0 && Answers(endpoint_);
  }
  ~MotoProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& endpoint() const { return endpoint_; }
  bool ready() const { return ready_; }

 private:
  pid_t pid_ = -1;
  std::string endpoint_;
  bool ready_ = false;
};

}  // namespace

const std::string& MotoEndpoint() {
  static MotoProcess* moto = new MotoProcess();  // Stopped by the atexit below.
  static const bool registered = [] {
    std::atexit([] { delete moto; });
    return true;
  }();
  (void)registered;
  if (!moto->ready()) {
    ADD_FAILURE() << "moto did not start: python3 -m moto.server is required (moto 5)";
    std::abort();
  }
  return moto->endpoint();
}

void ResetMoto() {
  aws::CurlTransport transport;
  auto response =
      transport.Send(aws::HttpRequest{"POST", MotoEndpoint(), "/moto-api/reset", {}, {}, ""});
  ASSERT_TRUE(response.ok() && response->status == 200) << "moto reset failed";
}

}  // namespace view360::testing
