#include "support/spawn.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

namespace view360::testing {

pid_t SpawnToFile(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                  const std::string& output_file) {
  std::vector<char*> raw, raw_env;
  for (const auto& arg : argv) raw.push_back(const_cast<char*>(arg.c_str()));
  raw.push_back(nullptr);
  for (const auto& entry : env) raw_env.push_back(const_cast<char*>(entry.c_str()));
  raw_env.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const int out = open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out >= 0) {
      dup2(out, 1);
      dup2(out, 2);
    }
    execve(raw[0], raw.data(), raw_env.data());
    _exit(127);
  }
  EXPECT_GT(child, 0) << "fork failed";
  return child;
}

}  // namespace view360::testing
