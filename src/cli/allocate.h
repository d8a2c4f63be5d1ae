// `juo allocate` and `juo allocation publish|discard`: the Friday allocation from the command
// line. Thin adapters: load the edition's requests (store), solve and explain (alloc), print the
// summary, write the run (store).
//
// Thread-safety: called once from the CLI's thread.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace juo::cli {

struct AllocateOptions {
    std::string db_url;
    std::string year_text = "2025";
    std::optional<double> budget_eur;  // none with no --buses either: the edition's financed buses
    std::optional<int> buses;
    bool dry_run = false;
    double time_limit_seconds = 30;
    std::optional<std::string> export_mps;  // write the MIP handed to CBC to this MPS file first
    // [block: alloc-seed-guarantee, issue 18]
    unsigned long long seed = 1;     // --seed: the published seed that breaks ties
    bool priority_guarantee = true;  // --no-priority-guarantee turns it off
    // [end of block: alloc-seed-guarantee]
};

// Solves, prints the summary (with first-come-first-served for comparison) and, unless dry_run,
// writes a draft allocation run. With export_mps, first writes the MIP to that file (for another
// solver to check the allocation) and prints how to read its objective back as ours.
// Returns the exit status.
int RunAllocate(const AllocateOptions& options, std::ostream& out, std::ostream& err);

// Publishes (`publish` true) or discards a draft run. Returns the exit status.
int RunAllocationDecision(const std::string& db_url, long long run_id, bool publish, std::ostream& out,
                          std::ostream& err);

}  // namespace juo::cli
