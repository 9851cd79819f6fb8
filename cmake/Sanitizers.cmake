# AddressSanitizer + UndefinedBehaviorSanitizer, on with -DVIEW360_SANITIZE=ON (the CI build).
# -fno-sanitize-recover makes any UB report fail the test that triggered it.
add_library(view360_sanitizers INTERFACE)
if(VIEW360_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(view360_sanitizers INTERFACE ${_san})
  target_link_options(view360_sanitizers INTERFACE ${_san})
endif()
