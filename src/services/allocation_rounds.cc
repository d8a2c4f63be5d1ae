// See allocation_rounds.h. (Interface first: the bodies follow.)
#include "services/allocation_rounds.h"

namespace juo::services {
namespace {
Error NotYet() { return MakeError(ErrorCode::kUnavailable, "allocation rounds: not implemented yet",
                                  "tours de répartition : pas encore disponibles"); }
}  // namespace

std::optional<FieldError> CheckRoundSettings(const RoundSettings&) { return std::nullopt; }
std::variant<RoundSettings, FieldError> ParseRoundSettings(const RoundSettingsText&) {
    return FieldError{NotYet(), ""};
}
Result<RoundSettings> SettingsBasedOn(Db&, long long, const RoundSettings&) { return NotYet(); }
std::string_view RoundStageCode(RoundStage) { return "queued"; }
std::optional<RoundStage> ParseRoundStage(std::string_view) { return std::nullopt; }
bool RoundFinished(RoundStage s) {
    return s == RoundStage::kDone || s == RoundStage::kFailed || s == RoundStage::kAbandoned;
}
Result<RoundJob> FindRoundJob(Db&, long long) { return NotYet(); }
Result<std::vector<RoundJob>> RoundJobsOf(Db&, int, int) { return NotYet(); }
Result<long long> RunRound(Db&, const RoundSettings&, std::optional<long long>, long long, const RoundProgress&) {
    return NotYet();
}
RoundRunner::RoundRunner(const Connections& connections) : connections_(connections) {}
RoundRunner::~RoundRunner() {
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}
Result<long long> RoundRunner::Start(Db&, const auth::Principal&, const RoundSettings&) { return NotYet(); }
int RoundRunner::running() const { return running_.load(); }
std::string_view DecisionOutcomeCode(DecisionOutcome) { return "refused"; }
bool RunScope::Includes(std::string_view d) const {
    if (all) return true;
    for (const auto& x : departments)
        if (x == d) return true;
    return false;
}
Result<RunScope> RunScopeOf(const auth::Principal&) { return NotYet(); }
Result<std::vector<RunSummary>> RunsOf(Db&, int, const RunScope&) { return NotYet(); }
Result<RunView> ReadRun(Db&, long long, const RunScope&) { return NotYet(); }
Status PublishRun(Db&, const auth::Principal&, long long, const std::string&) { return NotYet(); }
Status DiscardRun(Db&, const auth::Principal&, long long) { return NotYet(); }
Result<report::Table> BusOperatorTable(Db&, long long, const RunScope&) { return NotYet(); }

}  // namespace juo::services
