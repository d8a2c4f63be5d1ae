// A progress line on stderr for long commands: rewritten in place on a terminal, one line per
// stage otherwise (logs, CI), never more than a few updates a second.
//
// Thread-safety: not thread-safe; one per command.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>

namespace juo::cli {

class ProgressLine {
 public:
    // `enabled` false makes every call a no-op (--quiet).
    ProgressLine(std::ostream& err, bool enabled);
    // Reports `done` of `total` items in `stage`.
    void Update(std::string_view stage, long long done, long long total);
    // Ends the line on a terminal.
    void Finish();

 private:
    std::ostream& err_;
    bool enabled_;
    bool terminal_;
    std::string stage_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace juo::cli
