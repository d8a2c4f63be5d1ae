#!/usr/bin/env bash
# Runs the libFuzzer harnesses of fuzz/ (built by the fuzz preset into build/fuzz/fuzz/fuzz_NAME),
# one after the other, each for FUZZ_SECONDS seconds (default 60) or, when FUZZ_RUNS is set, for
# that many executions. Seeds come from fuzz/corpus/NAME (read only); what the fuzzer finds new is
# kept in build/fuzz/corpus/NAME, crashes in build/fuzz/crashes/. A crash or a failed invariant
# stops the run with libFuzzer's exit status. `make fuzz` calls it; names on the command line run
# only those harnesses. Each harness runs on one core, niced: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build/fuzz
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
ALL=(request_target form_urlencoded multipart json_body csv_import csv_rows upload_probe ticket_code accept_encoding)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=("${ALL[@]}")
mkdir -p "$BUILD/crashes"
for name in "${names[@]}"; do
    bin="$BUILD/fuzz/fuzz_$name"
    [ -x "$bin" ] || { echo "no $bin: run 'make fuzz' (or cmake --preset fuzz && cmake --build --preset fuzz)"; exit 2; }
    mkdir -p "$BUILD/corpus/$name"
    args=(-artifact_prefix="$BUILD/crashes/$name-" -print_final_stats=1 -max_len=4096)
    if [ -n "${FUZZ_RUNS:-}" ]; then args+=(-runs="$FUZZ_RUNS"); else args+=(-max_total_time="$FUZZ_SECONDS"); fi
    [ -f "fuzz/$name.dict" ] && args+=(-dict="fuzz/$name.dict")
    echo "== fuzz_$name"
    nice -n 10 "$bin" "${args[@]}" "$BUILD/corpus/$name" "fuzz/corpus/$name"
done
