#!/usr/bin/env bash
# The bilan (issue 7): time and peak memory of `juo report` as JSON then as PDF, on the 2025
# replica at each scale, and with a second edition (2026, twice the factories) in the same
# database, where the bilan also computes the year-on-year comparison. Prints a Markdown table.
# Usage: bench/bilan_bench.sh PATH/TO/juo OUT_DIR [SCALES...]   (default scales: 1 75)
set -euo pipefail
JUO=$(realpath "$1"); OUT=$2; shift 2
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 75)
mkdir -p "$OUT"
TIME=/usr/bin/time

measure() {  # measure LABEL COMMAND... → a table row
  local label=$1; shift
  "$TIME" -f '%e %M' -o "$OUT/time.txt" "$@" >"$OUT/last.log" 2>&1 || { cat "$OUT/last.log"; exit 1; }
  read -r secs kib <"$OUT/time.txt"
  printf '| %s | %s s | %s MiB |\n' "$label" "$secs" "$((kib / 1024))"
}

echo "| bilan command | wall time | peak memory (RSS) |"
echo "| --- | --- | --- |"
for k in "${SCALES[@]}"; do
  db="$OUT/bilan-scale$k.db"
  rm -f "$db" "$db-wal" "$db-shm"
  "$JUO" seed --db "$db" --scale "$k" --quiet >/dev/null
  measure "juo report --format json (scale $k, 2025)" "$JUO" report --db "$db" --edition 2025 --format json --out "$OUT/bilan-$k.json"
  measure "juo report --format pdf (scale $k, 2025)" "$JUO" report --db "$db" --edition 2025 --format pdf --out "$OUT/bilan-$k.pdf"
  "$JUO" seed --db "$db" --scale "$k" --edition 2026 --quiet >/dev/null
  measure "juo report --format json (scale $k, 2026 vs 2025)" "$JUO" report --db "$db" --edition 2026 --format json --out "$OUT/bilan-$k-2026.json"
  measure "juo report --format pdf (scale $k, 2026 vs 2025)" "$JUO" report --db "$db" --edition 2026 --format pdf --out "$OUT/bilan-$k-2026.pdf"
  echo "| PDF size (scale $k, 2026) | $(du -h "$OUT/bilan-$k-2026.pdf" | cut -f1) | |"
  rm -f "$db" "$db-wal" "$db-shm"
done
