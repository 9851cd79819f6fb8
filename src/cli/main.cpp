// The view360 binary: everything lives in the library that the tests link too.
#include "cli/main_app.h"

int main(int argc, char** argv) { return view360::cli::Main(argc, argv); }
