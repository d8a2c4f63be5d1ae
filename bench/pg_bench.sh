#!/usr/bin/env bash
# PostgreSQL and several instances (part of `make bench`), all in one run on this machine:
# confirmed bookings per second on one hot session and spread over 50 sessions (wrk, 1,000
# connections, bench/wrk/booking.lua) and search requests per second (bench/wrk/search.lua) on
#   (a) SQLite, one `juo serve` (durable: JUO_DURABLE=1, as bench/booking_bench.sh),
#   (b) PostgreSQL 15, one `juo serve`,
#   (c) PostgreSQL 15, two `juo serve` behind nginx (tests/pg/with_instances.sh, the shipped
#       nginx settings),
# next to pgbench's simple-update TPS (`pgbench -N`, 1 and 32 clients) in another database of the
# same cluster as the reference. The cluster is durable as in production (JUO_PG_DURABLE=1:
# fsync, synchronous_commit, full_page_writes on). Bookings are counted in the database (rows
# created during each load). Also the CPU used during each booking load by juo, postgres, nginx,
# wrk and the rest of the machine (from /proc). Prints Markdown tables.
#
# Usage: bench/pg_bench.sh PATH/TO/juo OUT_DIR
# (The script calls itself inside the harnesses with a third argument: `postgres` inside
# with_postgres.sh, `measure …` inside with_instances.sh.)
set -euo pipefail
JUO=$(realpath "$1"); OUT=$(realpath -m "$2"); MODE=${3:-all}
HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/pg_bench.sh
PG=$HERE/../tests/pg
BUILD_DIR=$(dirname "$(dirname "$JUO")")
FIXTURE=$BUILD_DIR/tests/tools/accounts_fixture
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DURATION=${JUO_BENCH_DURATION:-10}
CONNECTIONS=${JUO_BENCH_BOOKING_CONNECTIONS:-1000}
SEARCH_CONNECTIONS=${JUO_BENCH_CONNECTIONS:-32}
ACCOUNTS=${JUO_BENCH_PG_ACCOUNTS:-100000}  # per configuration; 10 s at 10,000/s uses 100,000
ROWS=$OUT/pg-bench.rows
mkdir -p "$OUT"

q() {  # q DB SQL: one statement on SQLite or PostgreSQL, rows on stdout
  case $1 in
    postgres*) "$PG_BIN/psql" "$1" -AtX -v ON_ERROR_STOP=1 -c "$2" ;;
    *) sqlite3 -cmd '.timeout 10000' "$1" "$2" ;;
  esac
}

# prepare DB: the replica, its edition open, 51 public tours with room for everyone
# ($OUT/sessions-of-DB: the hot one first).
prepare() {
  "$JUO" seed --db "$1" --quiet >/dev/null
  q "$1" "UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6" >/dev/null
  local sessions
  sessions=$(q "$1" "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = 'public' AND s.status = 'open' ORDER BY s.id LIMIT 51" | tr '\n' ' ')
  q "$1" "UPDATE session SET capacity_people = 100000000 WHERE id IN ($(echo $sessions | tr ' ' ','))" >/dev/null
  echo "$sessions" >"$OUT/sessions.txt"
}

ticks() {  # ticks PID…: their CPU time (user + system), in clock ticks
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || t=0
    total=$((total + t))
  done
  echo "$total"
}
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }  # the machine's, in ticks

# measure LABEL TARGET TOKENS KEY_PREFIX (inside with_instances.sh): the three loads against nginx
# (TARGET=nginx) or the first instance (TARGET=direct); appends a row to $ROWS.
measure() {
  local label=$1 target=$2 tokens=$3 prefix=$4
  local db=${JUO_INSTANCES_DB:-$JUO_TEST_PG_URL}
  local base=$JUO_BASE_URL
  [ "$target" = nginx ] || base=${JUO_INSTANCE_URLS%% *}
  local hot spread
  read -r hot spread <"$OUT/sessions.txt"
  local hz
  hz=$(getconf CLK_TCK)
  local juo_pids=() nginx_pids=() pg_pids=()
  read -r -a juo_pids <<<"$JUO_INSTANCE_PIDS"
  if [ "$target" = nginx ]; then
    nginx_pids=("$JUO_NGINX_PID")
    mapfile -t -O 1 nginx_pids < <(pgrep -P "$JUO_NGINX_PID")
  fi
  if [ -n "${JUO_TEST_PG_PID:-}" ] && [ -z "${JUO_INSTANCES_DB:-}" ]; then
    pg_pids=("$JUO_TEST_PG_PID")
    mapfile -t -O 1 pg_pids < <(pgrep -P "$JUO_TEST_PG_PID")
  fi
  cores() { awk -v t="$1" -v hz="$hz" -v d="$DURATION" 'BEGIN {printf "%.2f", t / hz / d}'; }
  # What the engines logged so far: batches run again (deadlock, serialization failure), batches
  # failed (answered 503), commands run again (unique violation).
  logged() { cat "$JUO_INSTANCES_DIR"/serve-*.log | grep -c "$1" || true; }
  # book SESSIONS → "bookings/s p50 p99 non2xx+timeouts, cores of juo pg nginx wrk rest, batches
  # run again, batches failed, commands run again, waits"
  book() {
    local before after j0 p0 n0 m0 r0 f0 c0
    before=$(q "$db" "SELECT count(*) FROM booking")
    r0=$(logged "met a concurrent transaction"); f0=$(logged "commands failed"); c0=$(logged "command met a concurrent write")
    # PostgreSQL: what the app's connections inside a transaction (the engines' writers, the
    # senders) wait for, sampled every 0.2 s: a row lock, the WAL flush, the next statement from
    # juo (Client:ClientRead), or nothing (running).
    local sampler=""
    : >"$OUT/waits.txt"
    if [ -z "${JUO_INSTANCES_DB:-}" ]; then
      (while :; do
        q "$db" "SELECT coalesce(wait_event_type || ':' || wait_event, 'running') FROM pg_stat_activity
                 WHERE application_name = 'juo' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()" || true
        sleep 0.2
      done) >>"$OUT/waits.txt" 2>/dev/null &
      sampler=$!
    fi
    j0=$(ticks "${juo_pids[@]}"); p0=$(ticks "${pg_pids[@]}"); n0=$(ticks "${nginx_pids[@]}"); m0=$(busy)
    JUO_TOKENS=$tokens JUO_SESSIONS="$1" JUO_WRK_THREADS=2 JUO_WRK_KEY_PREFIX=$prefix \
      /usr/bin/time -f '%U %S' -o "$OUT/wrk-time.txt" \
      wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$HERE/wrk/booking.lua" "$base" \
      >"$OUT/wrk.txt"
    local j p n m w
    after=$(q "$db" "SELECT count(*) FROM booking")  # the rows created while wrk ran
    [ $((after - before)) -lt "$(wc -l <"$tokens")" ] ||
      echo "bench: $label: every account booked; raise JUO_BENCH_PG_ACCOUNTS (the figure is a floor)" >&2
    [ -z "$sampler" ] || { kill "$sampler"; wait "$sampler" 2>/dev/null || true; }
    local waits
    waits=$(sort "$OUT/waits.txt" | uniq -c | sort -rn | head -4 |
      awk -v n="$(wc -l <"$OUT/waits.txt")" '{printf "%s%.0f %% %s", (NR > 1 ? ", " : ""), 100 * $1 / n, $2}')
    w=$(awk -v hz="$hz" '{printf "%d", ($1 + $2) * hz}' "$OUT/wrk-time.txt")
    j=$(( $(ticks "${juo_pids[@]}") - j0 )); p=$(( $(ticks "${pg_pids[@]}") - p0 ))
    n=$(( $(ticks "${nginx_pids[@]}") - n0 )); m=$(( $(busy) - m0 ))
    # Requests still queued in the engines when wrk stopped are executed after it: wait until no
    # more rows come (bounded) so that they do not count in the next load.
    local last=-1 now
    for _ in $(seq 1 60); do
      now=$(q "$db" "SELECT count(*) FROM booking")
      [ "$now" = "$last" ] && break
      last=$now
      sleep 0.5
    done
    local non2xx timeouts
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk.txt")
    timeouts=$(awk '/Socket errors/ {print $NF}' "$OUT/wrk.txt")  # "…, timeout N"
    non2xx="${non2xx:-0}+${timeouts:-0}"
    echo "$(( (after - before) / DURATION )) $(awk '$1=="50%" {print $2}' "$OUT/wrk.txt") $(awk '$1=="99%" {print $2}' "$OUT/wrk.txt") $non2xx" \
      "$(cores "$j") $(cores "$p") $(cores "$n") $(cores "$w") $(cores $((m - j - p - n - w)))" \
      "$(( $(logged "met a concurrent transaction") - r0 )) $(( $(logged "commands failed") - f0 ))" \
      "$(( $(logged "command met a concurrent write") - c0 )) ${waits:--}"
  }
  local h s
  h=$(book "$hot")
  s=$(book "$spread")
  wrk -t1 -c"$SEARCH_CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/wrk/search.lua" "$base" >"$OUT/wrk.txt"
  if grep -q "Non-2xx" "$OUT/wrk.txt"; then echo "bench: non-2xx answers to the search:" >&2; cat "$OUT/wrk.txt" >&2; exit 1; fi
  local search
  search="$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$OUT/wrk.txt") $(awk '$1=="50%" {print $2}' "$OUT/wrk.txt") $(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")"
  # The engine's rule held: the hot tour's counter is its confirmed people.
  local taken people
  taken=$(q "$db" "SELECT places_taken FROM session WHERE id = $hot")
  people=$(q "$db" "SELECT coalesce(sum(people), 0) FROM booking WHERE session_id = $hot AND status = 'confirmed'")
  [ "$taken" = "$people" ] || { echo "bench: $label: hot session counter $taken != confirmed people $people" >&2; exit 1; }
  echo "$label|$h|$s|$search" >>"$ROWS"
}

# postgres (inside with_postgres.sh): pgbench, then one and two instances.
postgres() {
  local db=$JUO_TEST_PG_URL
  prepare "$db"
  "$FIXTURE" "$db" "$ACCOUNTS" bench1 >"$OUT/tokens-pg1.txt"
  "$FIXTURE" "$db" "$ACCOUNTS" bench2 >"$OUT/tokens-pg2.txt"
  q "$db" "CREATE DATABASE pgbench" >/dev/null
  local ref=${db%/*}/pgbench
  "$PG_BIN/pgbench" -i -s 10 -q "$ref" >"$OUT/pgbench-init.log" 2>&1 || { cat "$OUT/pgbench-init.log" >&2; exit 1; }
  local c tps
  for c in 1 32; do
    "$PG_BIN/pgbench" -N -c "$c" -j "$((c < 2 ? 1 : 2))" -T "$DURATION" "$ref" >"$OUT/pgbench.log" 2>&1 ||
      { cat "$OUT/pgbench.log" >&2; exit 1; }
    tps=$(awk '/^tps = .*without initial connection time/ {printf "%.0f", $3}' "$OUT/pgbench.log")
    echo "pgbench-$c|$tps" >>"$ROWS"
  done
  "$PG/with_instances.sh" "$JUO" 1 "$SELF" "$JUO" "$OUT" measure "(b) PostgreSQL, 1 instance" direct "$OUT/tokens-pg1.txt" pg1
  "$PG/with_instances.sh" "$JUO" 2 "$SELF" "$JUO" "$OUT" measure "(c) PostgreSQL, 2 instances behind nginx" nginx "$OUT/tokens-pg2.txt" pg2
}

case $MODE in
  measure) shift 3; measure "$@"; exit 0 ;;
  postgres) postgres; exit 0 ;;
  all) ;;
  *) echo "pg_bench: unknown mode '$MODE'" >&2; exit 2 ;;
esac

for tool in wrk sqlite3 /usr/bin/time; do command -v $tool >/dev/null || { echo "bench: $tool is missing"; exit 1; }; done
[ -x "$FIXTURE" ] || { echo "bench: $FIXTURE is missing (build the tests)"; exit 1; }
[ -x "$PG_BIN/pgbench" ] || { echo "bench: $PG_BIN/pgbench is missing (scripts/setup.sh installs postgresql)"; exit 1; }
: >"$ROWS"
sqlite_db=$OUT/pg-bench-sqlite.db
rm -rf "$sqlite_db" "$sqlite_db-wal" "$sqlite_db-shm"
prepare "$sqlite_db"
"$FIXTURE" "$sqlite_db" "$ACCOUNTS" bench >"$OUT/tokens-sqlite.txt"
JUO_INSTANCES_DB=$sqlite_db JUO_DURABLE=1 \
  "$PG/with_instances.sh" "$JUO" 1 "$SELF" "$JUO" "$OUT" measure "(a) SQLite, 1 instance" direct "$OUT/tokens-sqlite.txt" bench
JUO_PG_DURABLE=1 "$PG/with_postgres.sh" "$SELF" "$JUO" "$OUT" postgres

one=$(awk -F'|' '$1 == "pgbench-1" {print $2}' "$ROWS")
many=$(awk -F'|' '$1 == "pgbench-32" {print $2}' "$ROWS")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", a / b}'; }
echo "| configuration (wrk: 1000 connections for bookings, $SEARCH_CONNECTIONS for the search; ${DURATION} s each) | bookings/s, one hot session (p50, p99) | vs pgbench -N 1 / 32 clients | bookings/s, 50 sessions (p50, p99) | vs pgbench -N 1 / 32 clients | search requests/s (p50, p99) |"
echo "| --- | --- | --- | --- | --- | --- |"
while IFS='|' read -r label h s search; do
  case $label in pgbench-*) continue ;; esac
  read -r hr h50 h99 _ <<<"$h"; read -r sr s50 s99 _ <<<"$s"; read -r qr q50 q99 <<<"$search"
  echo "| $label | **$hr** ($h50, $h99) | $(ratio "$hr" "$one") / $(ratio "$hr" "$many") | $sr ($s50, $s99) | $(ratio "$sr" "$one") / $(ratio "$sr" "$many") | $qr ($q50, $q99) |"
done <"$ROWS"
echo "| pgbench -N (simple update), 1 client | $one TPS | 1.00× / $(ratio "$one" "$many") | | | |"
echo "| pgbench -N (simple update), 32 clients | $many TPS | $(ratio "$many" "$one") / 1.00× | | | |"
echo
echo "| during the booking loads, hot / 50 sessions | CPU (cores of $(nproc)): juo | postgres | nginx | wrk | rest of the machine | non-2xx answers + timed out | batches run again (deadlock) | batches failed (503) | commands run again (unique key) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
while IFS='|' read -r label h s _; do
  case $label in pgbench-*) continue ;; esac
  read -r _ _ _ hb hj hp hn hw ho hr hf hc _ <<<"$h"; read -r _ _ _ sb sj sp sn sw so sr sf sc _ <<<"$s"
  echo "| $label | $hj / $sj | $hp / $sp | $hn / $sn | $hw / $sw | $ho / $so | $hb / $sb | $hr / $sr | $hf / $sf | $hc / $sc |"
done <"$ROWS"
echo
echo "| PostgreSQL: the app's connections in a transaction, sampled every 0.2 s | one hot session | 50 sessions |"
echo "| --- | --- | --- |"
while IFS='|' read -r label h s _; do
  case $label in pgbench-*|*SQLite*) continue ;; esac
  read -r _ _ _ _ _ _ _ _ _ _ _ _ hw <<<"$h"; read -r _ _ _ _ _ _ _ _ _ _ _ _ sw <<<"$s"
  echo "| $label | $hw | $sw |"
done <"$ROWS"
