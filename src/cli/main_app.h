// The view360 command line: parses argv, runs the chosen subcommand, returns the exit code.
#pragma once

namespace view360::cli {

int Main(int argc, char** argv);

}  // namespace view360::cli
