// Progress line.
#include "cli/progress.h"

#include <unistd.h>

#include "common/text.h"

namespace juo::cli {

ProgressLine::ProgressLine(std::ostream& err, bool enabled)
    : err_(err), enabled_(enabled), terminal_(enabled && ::isatty(STDERR_FILENO) == 1) {}

void ProgressLine::Update(std::string_view stage, long long done, long long total) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    bool new_stage = stage != stage_;
    if (!terminal_) {
        if (new_stage)
            err_ << "juo: " << stage << (total > 1 ? " (" + FormatThousandsFr(total) + ")" : "") << "\n";
        stage_ = std::string(stage);
        return;
    }
    if (!new_stage && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    stage_ = std::string(stage);
    err_ << "\r\033[Kjuo: " << stage;
    if (total > 1)
        err_ << " " << (total ? done * 100 / total : 100) << " % (" << FormatThousandsFr(done) << " / "
             << FormatThousandsFr(total) << ")";
    err_.flush();
}

void ProgressLine::Finish() {
    if (enabled_ && terminal_) err_ << "\r\033[K";
}

}  // namespace juo::cli
