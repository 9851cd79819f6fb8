# Warnings as an INTERFACE target that each of our targets links, so third-party code
# is not held to them.
add_library(view360_warnings INTERFACE)
target_compile_options(view360_warnings INTERFACE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # g++ 12 at -O2/-O3 reports std::string appends inside libstdc++ as overlapping memcpy
  # (GCC bug 105651, fixed in 13): false positives that -Werror would turn into failed builds.
  target_compile_options(view360_warnings INTERFACE -Wno-restrict)
endif()
