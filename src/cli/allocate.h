// `juo allocate` and `juo allocation publish|discard`: the Friday allocation from the command
// line. Thin adapters over services/allocation_rounds.h: parse, call, print (the progress of the
// solve on stderr).
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
    // Issue 18: as typed, checked by services::ParseRoundSettings (clear errors, same ranges as the
    // page and the API). Empty budget and buses: the edition's financed buses.
    std::string budget_eur, buses, time_limit_seconds = "30";
    std::string seats_per_bus, eur_per_bus, eur_per_km;  // empty: the defaults (55, 350 €, 2.5 €/km)
    std::string pinned, excluded;                         // "request:tour, …"
    std::string based_on_run;
    bool quiet = false;  // no progress on stderr
    bool dry_run = false;
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
