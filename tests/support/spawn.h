// Starting a program for a test without waiting for it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace view360::testing {

// Starts argv (argv[0] a path) with exactly env as its environment; its stdout and stderr go to
// output_file (created or truncated). Returns the child's pid, or -1 (and fails the current
// test) when fork fails. The caller waits for it.
pid_t SpawnToFile(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                  const std::string& output_file);

}  // namespace view360::testing
