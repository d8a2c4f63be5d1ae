// The `juo` command line: one program, one subcommand per task: migrate, seed, report, serve,
// allocate (the Friday allocation, a draft run), allocation publish|discard (decide a run),
// import, backup, restore, copy-db (a whole database into an empty one), purge (the retention). Every subcommand takes --db and --help; errors
// print one line on stderr and exit non-zero.
//
// Thread-safety: Run is called once from main.
#pragma once

#include <iosfwd>

#include "common/result.h"

namespace juo::cli {

// Exit status for an error code: 2 bad input, 3 not found, 4 conflict, 5 unavailable,
// 70 internal (sysexits' EX_SOFTWARE).
int ExitCodeFor(ErrorCode code);

// Prints `error` as one line ("juo: error: …") on `err` and returns its exit status.
int Fail(std::ostream& err, const Error& error);

// Parses argv and runs the subcommand, writing results to `out` and messages to `err`.
// Returns the process exit status.
int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace juo::cli
