#!/usr/bin/env bash
# Booking benchmark (part of `make bench`): confirmed bookings per second through HTTP, with
# 1,000 concurrent clients, on one hot session and spread over 50 sessions, next to a trivial
# endpoint of the same server and to raw SQLite insert transactions per second, all in one run.
# Durability as in production: WAL with synchronous=FULL on the booking writer (JUO_DURABLE=1).
# Bookings are counted in the database after each load (rows created during it), not from wrk.
# Usage: bench/booking_bench.sh PATH/TO/juo OUT_DIR
set -euo pipefail
JUO=$(realpath "$1"); OUT=$2
BUILD_DIR=$(dirname "$(dirname "$JUO")")
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURE=$BUILD_DIR/tests/tools/accounts_fixture
REFERENCE=$BUILD_DIR/bench/sqlite_commits
DURATION=${JUO_BENCH_DURATION:-10}
CONNECTIONS=${JUO_BENCH_BOOKING_CONNECTIONS:-1000}
ACCOUNTS=${JUO_BENCH_ACCOUNTS:-300000}  # 10 s at 15,000/s uses 150,000; repeats would be 409s
for tool in wrk sqlite3; do command -v $tool >/dev/null || { echo "bench: $tool is missing"; exit 1; }; done
[ -x "$FIXTURE" ] || { echo "bench: $FIXTURE is missing (build the tests)"; exit 1; }
mkdir -p "$OUT"
db="$OUT/booking-bench.db"
rm -rf "$db" "$db-wal" "$db-shm" "$db.maildir"
"$JUO" seed --db "$db" --quiet
q() { sqlite3 -cmd '.timeout 10000' "$db" "$1"; }
q "UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6"
sessions=$(q "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = 'public' AND s.status = 'open' ORDER BY s.id LIMIT 51" | tr '\n' ' ')
read -r hot spread <<<"$sessions"
q "UPDATE session SET capacity_people = 100000000 WHERE id IN ($(echo $sessions | tr ' ' ','))"
"$FIXTURE" "$db" "$ACCOUNTS" bench > "$OUT/tokens.txt"

log="$OUT/booking-serve.log"
JUO_DURABLE=1 JUO_MAILDIR="$OUT/booking-maildir" "$JUO" serve --db "$db" --listen 127.0.0.1:0 > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "on http://" "$log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
[ -n "$base" ] || { echo "bench: juo serve did not start"; cat "$log"; exit 1; }

bookings() { q "SELECT count(*) FROM booking WHERE idempotency_key LIKE 'bench-%'"; }
latency() { awk -v p="$1" '$1==p {print $2}' "$OUT/wrk.txt"; }
run_bookings() {  # run_bookings SESSIONS → "bookings_per_s p50 p99"
  local before after
  before=$(bookings)
  JUO_TOKENS="$OUT/tokens.txt" JUO_SESSIONS="$1" JUO_WRK_THREADS=2 \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$HERE/wrk/booking.lua" "$base" > "$OUT/wrk.txt"
  after=$(bookings)
  echo "$(( (after - before) / DURATION )) $(latency 50%) $(latency 99%)"
}
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base/healthz" > "$OUT/wrk.txt"
t_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk.txt"); t50=$(latency 50%); t99=$(latency 99%)
read -r h_rps h50 h99 < <(run_bookings "$hot")

read -r s_rps s50 s99 < <(run_bookings "$spread")
kill -TERM $pid; wait $pid || true
trap - EXIT
taken=$(q "SELECT places_taken FROM session WHERE id = $hot")
people=$(q "SELECT coalesce(sum(people), 0) FROM booking WHERE session_id = $hot AND status = 'confirmed'")
[ "$taken" = "$people" ] || { echo "bench: hot session counter $taken != confirmed people $people"; exit 1; }
read -r _ one < <("$REFERENCE" "$OUT/sqlite-reference.db" 3 | grep one_per_commit)
read -r _ hundred < <("$REFERENCE" "$OUT/sqlite-reference.db" 3 | grep hundred_per_commit)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f×", a / b}'; }
echo "| measure ($CONNECTIONS connections, ${DURATION} s each) | per second | p50 | p99 | vs raw SQLite, 1 insert per commit |"
echo "| --- | --- | --- | --- | --- |"
echo "| /healthz (trivial, same server) | $t_rps requests | $t50 | $t99 | |"
echo "| confirmed bookings, one hot session | $h_rps | $h50 | $h99 | $(ratio "$h_rps" "$one") |"
echo "| confirmed bookings, spread over 50 sessions | $s_rps | $s50 | $s99 | $(ratio "$s_rps" "$one") |"
echo "| raw SQLite inserts, 1 per commit (WAL, synchronous=FULL) | $one | | | 1.0× |"
echo "| raw SQLite inserts, 100 per commit | $hundred | | | $(ratio "$hundred" "$one") |"
