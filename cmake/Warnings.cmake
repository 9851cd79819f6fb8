# Warnings as an INTERFACE target that each of our targets links, so third-party code
# is not held to them.
add_library(view360_warnings INTERFACE)
target_compile_options(view360_warnings INTERFACE -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor)
