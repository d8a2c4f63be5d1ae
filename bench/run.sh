#!/usr/bin/env bash
# `make bench`: time and peak memory of `juo seed` and `juo report` at scale 1 and 75, the bilan
# as JSON and PDF with and without a previous edition (bilan_bench.sh), the Friday allocation at
# scale 1, 10 and 75 (alloc_bench.sh) and its optimality at scale 1 and 10 checked by HiGHS
# (alloc_prove.sh), wrk against `juo serve` and what compression and 304s cost it
# (compression_bench.sh), the booking benchmark, bookings and
# search on SQLite and on PostgreSQL with one and two instances behind nginx (pg_bench.sh), and the
# Google Benchmark micro-benchmarks, and the opening day (opening_day.sh: the people's path under
# a rush, with sign-ups and the waiting room). Prints Markdown tables (copy them into docs/perf.md with the
# date and the machine) and writes them to build/bench/results.md.
# Usage: bench/run.sh PATH/TO/juo [SCALES...]   (default scales: 1 75)
set -euo pipefail
JUO=$(realpath "$1"); shift
GIVEN_SCALES=("$@")
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 75)
BUILD_DIR=$(dirname "$(dirname "$JUO")")
OUT=$BUILD_DIR/bench
mkdir -p "$OUT"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time is missing (apt-get install time)"; exit 1; }

measure() {  # measure LABEL COMMAND... → a table row; the command's output goes to a log
  local label=$1; shift
  "$TIME" -f '%e %M' -o "$OUT/time.txt" "$@" >"$OUT/last.log" 2>&1 || { cat "$OUT/last.log"; exit 1; }
  read -r secs kib <"$OUT/time.txt"
  printf '| %s | %s s | %s MiB |\n' "$label" "$secs" "$((kib / 1024))"
}

{
  echo "| command | wall time | peak memory (RSS) |"
  echo "| --- | --- | --- |"
  for k in "${SCALES[@]}"; do
    db="$OUT/bench-scale$k.db"
    rm -f "$db" "$db-wal" "$db-shm"
    measure "juo seed --scale $k" "$JUO" seed --db "$db" --scale "$k" --quiet
    measure "juo report --format text (scale $k)" "$JUO" report --db "$db" --format text
    measure "juo report --format json (scale $k)" "$JUO" report --db "$db" --format json
    echo "| database size (scale $k) | $(du -h "$db" | cut -f1) | |"
  done
} | tee "$OUT/results.md"

bash "$(dirname "$0")/alloc_bench.sh" "$JUO" "$OUT" "${GIVEN_SCALES[@]}" | tee -a "$OUT/results.md"
bash "$(dirname "$0")/alloc_prove.sh" "$JUO" "$OUT" | tee -a "$OUT/results.md"
bash "$(dirname "$0")/bilan_bench.sh" "$JUO" "$OUT" "${SCALES[@]}" | tee -a "$OUT/results.md"

bash "$(dirname "$0")/http_bench.sh" "$JUO" "$OUT" "${SCALES[@]}" | tee -a "$OUT/results.md"
bash "$(dirname "$0")/compression_bench.sh" "$JUO" "$OUT" 1 | tee -a "$OUT/results.md"
bash "$(dirname "$0")/booking_bench.sh" "$JUO" "$OUT" | tee -a "$OUT/results.md"
bash "$(dirname "$0")/pg_bench.sh" "$JUO" "$OUT" | tee -a "$OUT/results.md"
bash "$(dirname "$0")/opening_day.sh" "$JUO" "$OUT" | tee -a "$OUT/results.md"

for b in "$BUILD_DIR"/bench/*_bench; do
  [ -x "$b" ] && "$b" --benchmark_min_time=0.2 | tee -a "$OUT/results.md"
done
