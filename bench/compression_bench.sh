#!/usr/bin/env bash
# What compression and revalidation cost the app server (docs/adr/0013): wrk against a factory
# page (random ids, bench/wrk/site_page.lua), /api/v1/map (14 KB of JSON) and leaflet.js (147 KB,
# compressed once and kept), each without Accept-Encoding, with gzip, with br, and revalidated
# (If-None-Match with the ETag the server gave: 304), side by side in one run on one server.
# Prints a Markdown table: requests/s, p50, p99, the bytes of one answer, and the ratio to the
# identity answers. Loopback only, each load bounded in time.
# Usage: bench/compression_bench.sh PATH/TO/juo OUT_DIR [SCALE]   (database OUT_DIR/bench-scaleK.db)
set -euo pipefail
JUO=$(realpath "$1"); OUT=$2; SCALE=${3:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
DURATION=${JUO_BENCH_DURATION:-10s}
CONNECTIONS=${JUO_BENCH_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)"; exit 1; }
mkdir -p "$OUT"

run_wrk() {  # run_wrk URL SCRIPT HEADER → "rps p50 p99"
  local url=$1 script=$2 header=$3
  local args=(-t1 -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$script" ] && args+=(-s "$script")
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" "$url" >"$OUT/wrk.txt"
  if grep -q "Non-2xx" "$OUT/wrk.txt" && [[ "$header" != If-None-Match* ]]; then
    echo "bench: non-2xx answers for $url:" >&2; cat "$OUT/wrk.txt" >&2; exit 1
  fi
  echo "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt") $(awk '$1=="50%" {print $2}' "$OUT/wrk.txt") $(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")"
}

db="$OUT/bench-scale$SCALE.db"
[ -f "$db" ] || "$JUO" seed --db "$db" --scale "$SCALE" --quiet
log="$OUT/serve-compression.log"
"$JUO" serve --db "$db" --listen 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "on http://" "$log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
[ -n "$base" ] || { echo "bench: juo serve did not start"; cat "$log"; exit 1; }
SITE_IDS=$(curl -s "$base/api/v1/sites?per_page=100" | grep -o '"id":[0-9]*' | cut -d: -f2 | tr '\n' ' ')
export SITE_IDS
first_site=${SITE_IDS%% *}
leaflet=/static/vendor/leaflet/leaflet.js

echo "| endpoint | request | requests/s | p50 | p99 | bytes of one answer | vs identity |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for endpoint in page /api/v1/map "$leaflet"; do
  if [ "$endpoint" = page ]; then url=$base; script=$HERE/wrk/site_page.lua; probe=$base/usines/$first_site; label="/usines/{id} (page)"
  else url=$base$endpoint; script=""; probe=$url; label=$endpoint; fi
  etag=$(curl -s -D - -o /dev/null "$probe" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}')
  base_rps=""
  for variant in identity gzip br revalidated; do
    case $variant in
      identity) header=""; what="no Accept-Encoding" ;;
      gzip) header="Accept-Encoding: gzip"; what="Accept-Encoding: gzip" ;;
      br) header="Accept-Encoding: br"; what="Accept-Encoding: br" ;;
      revalidated) header="If-None-Match: $etag"; what="If-None-Match → 304" ;;
    esac
    # The page's 304 needs the ETag of each random page: only the fixed URLs are revalidated.
    [ "$variant" = revalidated ] && [ "$endpoint" = page ] && continue
    bytes=$(curl -s ${header:+-H "$header"} -o /dev/null -w '%{size_download}' "$probe")
    read -r rps p50 p99 < <(run_wrk "$url" "$script" "$header")
    [ -n "$base_rps" ] || base_rps=$rps
    echo "| $label | $what | $rps | $p50 | $p99 | $bytes | $(awk -v a="$rps" -v b="$base_rps" 'BEGIN {printf "%.0f %%", 100 * a / b}') |"
  done
done
kill -TERM $pid; wait $pid || true
trap - EXIT
