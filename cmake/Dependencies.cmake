# Every dependency is a Debian package (scripts/setup.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(fmt 9 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(yaml-cpp 0.7 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(pugixml 1.13 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(CURL 7.88 REQUIRED)
find_package(simdjson 3 REQUIRED)  # Debian libsimdjson-dev: the receiver parses documents with it.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq>=15)
# Debian ships cpp-httplib as a compiled library; its pkg-config flags must be used or the
# ABI does not match.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
