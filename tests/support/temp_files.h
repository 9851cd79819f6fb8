// Files and folders for tests.
#pragma once

#include <string>

namespace view360::testing {

// A new temporary folder that the unprivileged 'view360' OS user can reach (it runs
// PostgreSQL when the tests run as root).
std::string MakeTempDir(const std::string& prefix);

// The file's contents; fails the current test when it cannot be read.
std::string ReadFile(const std::string& path);

// Writes contents to path, replacing it.
void WriteFile(const std::string& path, const std::string& contents);

}  // namespace view360::testing
