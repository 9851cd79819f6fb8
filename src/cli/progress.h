// A one-line progress display on a terminal: redrawn in place on stderr, at most a few times a
// second, and cleared when done. When stderr is not a terminal it prints nothing, so piped and
// scheduled runs stay quiet and machine-readable.
//
// Thread-safety: Show and Clear may be called from many threads.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace view360::cli {

class ProgressLine {
 public:
  ProgressLine();  // Enabled when stderr is a terminal.
  ~ProgressLine();

  bool enabled() const { return enabled_; }
  // Redraws the line with `text` (skipped when the last redraw was under 100 ms ago, unless
  // `force`).
  void Show(const std::string& text, bool force = false);
  void Clear();

 private:
  bool enabled_ = false;
  std::mutex mu_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

// "1h02m", "3m05s", "42s".
std::string FormatDuration(double seconds);

}  // namespace view360::cli
