#!/usr/bin/env bash
# HTTP benchmarks of `juo serve` (part of `make bench`): wrk against /api/v1/search (random towns
# and filters), a factory page, and two trivial endpoints of the same server, one after the other
# in the same run, at each scale: /healthz (built into the server), sent as one fixed request and
# again with search.lua's random query strings (the same client-side Lua cost as the search), and
# /api/v1/editions (a small JSON through the router, the same path as the search).
# Prints a Markdown table with requests/s, p50, p99 and the ratios to both. Loopback only, each
# load bounded in time.
# Usage: bench/http_bench.sh PATH/TO/juo DB_DIR [SCALES...]   (databases DB_DIR/bench-scaleK.db)
set -euo pipefail
JUO=$(realpath "$1"); DB_DIR=$2; shift 2
SCALES=("$@"); [ ${#SCALES[@]} -gt 0 ] || SCALES=(1 75)
HERE=$(cd "$(dirname "$0")" && pwd)
DURATION=${JUO_BENCH_DURATION:-10s}
CONNECTIONS=${JUO_BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)"; exit 1; }

run_wrk() {  # run_wrk URL [SCRIPT] → "rps p50 p99"
  local url=$1 script=${2:-}
  local args=(-t1 -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" "$url" > "$DB_DIR/wrk.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$DB_DIR/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$DB_DIR/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DB_DIR/wrk.txt")
  if grep -q "Non-2xx" "$DB_DIR/wrk.txt"; then echo "bench: non-2xx answers for $url:" >&2; cat "$DB_DIR/wrk.txt" >&2; exit 1; fi
  echo "$rps $p50 $p99"
}

echo "| scale | endpoint | requests/s | p50 | p99 | vs /healthz | vs /healthz (Lua) | vs /api/v1/editions |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for k in "${SCALES[@]}"; do
  db="$DB_DIR/bench-scale$k.db"
  [ -f "$db" ] || "$JUO" seed --db "$db" --scale "$k" --quiet
  log="$DB_DIR/serve-scale$k.log"
  "$JUO" serve --db "$db" --listen 127.0.0.1:0 > "$log" 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do grep -q "on http://" "$log" && break; sleep 0.1; done
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
  [ -n "$base" ] || { echo "bench: juo serve did not start"; cat "$log"; exit 1; }
  SITE_IDS=$(curl -s "$base/api/v1/sites?per_page=100" | grep -o '"id":[0-9]*' | cut -d: -f2 | tr '\n' ' ')
  export SITE_IDS
  read -r t_rps t_p50 t_p99 < <(run_wrk "$base/healthz")
  read -r l_rps l_p50 l_p99 < <(JUO_WRK_PATH=/healthz run_wrk "$base" "$HERE/wrk/search.lua")
  read -r e_rps e_p50 e_p99 < <(run_wrk "$base/api/v1/editions")
  read -r s_rps s_p50 s_p99 < <(run_wrk "$base" "$HERE/wrk/search.lua")
  read -r p_rps p_p50 p_p99 < <(run_wrk "$base" "$HERE/wrk/site_page.lua")
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f %%", 100 * a / b}'; }
  row() { echo "| $k | $1 | $2 | $3 | $4 | $(ratio "$2" "$t_rps") | $(ratio "$2" "$l_rps") | $(ratio "$2" "$e_rps") |"; }
  row "/healthz (trivial, built in)" "$t_rps" "$t_p50" "$t_p99"
  row "/healthz, random query strings (Lua)" "$l_rps" "$l_p50" "$l_p99"
  row "/api/v1/editions (trivial, routed)" "$e_rps" "$e_p50" "$e_p99"
  row "/api/v1/search (random towns, filters)" "$s_rps" "$s_p50" "$s_p99"
  row "/usines/{id} (page)" "$p_rps" "$p_p50" "$p_p99"
  kill -TERM $pid; wait $pid || true
  trap - EXIT
done
