// A file compiled into the binary by cmake/EmbedFiles.cmake (SQL, web assets).
#pragma once

#include <string_view>
#include <vector>

namespace view360 {

struct EmbeddedFile {
  std::string_view path;      // Relative to the embedded folder, '/'-separated.
  std::string_view contents;  // Static storage: valid for the life of the program.
};

}  // namespace view360
